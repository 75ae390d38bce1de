"""Tests for playground.initialization: the course's exercise, symmetry measures, InitRun."""

from __future__ import annotations

import math

import numpy as np
import pytest

from playground.engine.course_data import course_data
from playground.engine.data import make_dataset
from playground.engine.experiment import Run
from playground.engine.nn import Network
from playground.engine.optim import make_optimizer
from playground.engine.settings import ALL
from playground.engine.train import train
from playground.topics.initialization import model as init

DEFAULTS = init.page_values({})
QUICK = init.page_values({"epochs": 50})


def data(values: dict = DEFAULTS):
    return course_data(values["ds"], values["m"], values["noise"], values["dseed"])


# ----------------------------------------------------------------------------- settings
def test_settings_keys_are_unique_and_shared_keys_mean_the_same():
    keys = [s.key for s in init.SETTINGS]
    assert len(keys) == len(set(keys)) == len(init.BY_KEY)
    assert set(init.DATA_KEYS + init.NETWORK_KEYS + init.TRAINING_KEYS) == set(keys)
    for setting in init.SETTINGS:
        if setting.key in ALL:
            shared = ALL[setting.key]
            assert setting.kind == shared.kind, setting.key
            assert setting.label == shared.label, setting.key
            assert set(setting.options) <= set(shared.options), setting.key
            assert (setting.low, setting.high) == (shared.low, shared.high), setting.key


def test_no_int_setting_is_a_number_box():
    # ints are sliders (low/high/step) or select sliders (options)
    for setting in init.SETTINGS:
        if setting.kind == "int":
            assert setting.options or setting.step is not None, setting.key


def test_course_preset_is_valid_and_recognised():
    assert init.page_values(init.COURSE_PRESET) == init.COURSE_PRESET
    assert init.is_course_preset(init.COURSE_PRESET)
    assert not init.is_course_preset(DEFAULTS)  # the defaults train 1000 epochs at α = 0.1
    differing = {key for key in init.COURSE_PRESET if DEFAULTS[key] != init.COURSE_PRESET[key]}
    assert differing == {"lr", "epochs"}


def test_page_values_falls_back_on_bad_values():
    values = init.page_values({"m": "abc", "sym": "evil", "epochs": 7, "iscale": -1.0, "x": 1})
    assert values == DEFAULTS


# ----------------------------------------------------------------------------- data
def test_init_data_is_the_course_split():
    d = course_data("circles", 300, 0.05, 1)
    X_train, Y_train = make_dataset("circles", 300, 0.05, seed=1)
    X_dev, Y_dev = make_dataset("circles", 100, 0.05, seed=2)
    np.testing.assert_array_equal(d.X_train, X_train)
    np.testing.assert_array_equal(d.Y_train, Y_train)
    np.testing.assert_array_equal(d.X_dev, X_dev)
    np.testing.assert_array_equal(d.Y_dev, Y_dev)
    assert d.n_classes == 2 and d.n_x == 2 and d.source == "circles"


@pytest.mark.parametrize(
    ("args", "name"),
    [
        (("evil", 300, 0.05, 1), "ds"),
        (("circles", 11, 0.05, 1), "m"),
        (("circles", 300.0, 0.05, 1), "m"),
        (("circles", 300, -0.1, 1), "noise"),
        (("circles", 300, 0.05, -1), "dseed"),
    ],
)
def test_init_data_rejects_bad_arguments(args, name):
    with pytest.raises(ValueError, match=f"^{name} "):
        course_data(*args)


# ----------------------------------------------------------------------------- run settings
def test_run_values_are_batch_gradient_descent_on_two_hidden_layers():
    values = init.run_values(DEFAULTS, "he")
    assert set(values) == set(ALL)
    assert values["layers"] == 2 and (values["h1"], values["h2"]) == (10, 5)
    assert values["opt"] == "gd" and values["bs"] == "full" and values["sched"] == "constant"
    assert values["init"] == "he" and values["seed"] == 3 and values["lr"] == 0.1
    assert values["l2"] == 0.0 and values["kp1"] == 1.0 and not values["bn"]
    assert init.run_values(DEFAULTS, "constant")["init"] == "zeros"


def test_run_values_rejects_bad_values_naming_the_setting():
    with pytest.raises(ValueError, match="^init "):
        init.run_values(DEFAULTS, "orthogonal")
    with pytest.raises(ValueError, match=r"\(m\)"):
        init.run_values({**DEFAULTS, "m": 10}, "he")
    with pytest.raises(ValueError, match="missing the settings epochs"):
        init.run_values({k: v for k, v in DEFAULTS.items() if k != "epochs"}, "he")
    with pytest.raises(ValueError, match="^values must be a dict"):
        init.run_values([("m", 300)], "he")


def test_snapshot_epochs():
    assert init.snapshot_epochs(10, 5) == [0, 2, 4, 6, 8, 10]
    assert init.snapshot_epochs(3, 60) == [0, 1, 2, 3]
    assert init.snapshot_epochs(15000)[:3] == [0, 250, 500]
    assert len(init.snapshot_epochs(1000)) == init.SNAPSHOTS + 1
    with pytest.raises(ValueError, match="^epochs "):
        init.snapshot_epochs(0)
    with pytest.raises(ValueError, match="^count "):
        init.snapshot_epochs(10, 0)


# ----------------------------------------------------------------------------- symmetry measures
def test_unit_spread_and_distinct_units_by_hand():
    W = np.array([[1.0, 2.0], [1.0, 2.0], [4.0, 6.0]])
    b = np.array([[0.0], [0.0], [0.0]])
    # u1 = u2 = (1, 2, 0), u3 = (4, 6, 0): ‖u3 − u1‖ = √(9 + 16) = 5
    assert init.unit_spread(W, b) == pytest.approx(5.0)
    assert init.distinct_units(W, b) == 2
    np.testing.assert_array_equal(init.layer_units(W, b)[2], [4.0, 6.0, 0.0])
    b2 = np.array([[0.0], [1e-12], [0.0]])
    assert init.distinct_units(W, b2) == 2  # 1e-12 apart: the same unit
    assert init.distinct_units(W, b2, tol=0.0) == 3
    assert init.unit_spread(np.zeros((10, 2)), np.zeros((10, 1))) == 0.0
    assert init.distinct_units(np.zeros((10, 2)), np.zeros((10, 1))) == 1
    assert math.isnan(init.unit_spread(np.array([[np.nan]]), np.zeros((1, 1))))
    assert init.distinct_units(np.array([[np.inf]]), np.zeros((1, 1))) == 0


def test_symmetry_measures_reject_bad_shapes():
    with pytest.raises(ValueError, match="^W must"):
        init.unit_spread(np.zeros(3), np.zeros((3, 1)))
    with pytest.raises(ValueError, match="^W must"):
        init.layer_units(np.zeros((0, 2)), np.zeros((0, 1)))
    with pytest.raises(ValueError, match=r"^b must have shape \(3, 1\)"):
        init.distinct_units(np.zeros((3, 2)), np.zeros((2, 1)))
    with pytest.raises(ValueError, match="^tol "):
        init.distinct_units(np.zeros((3, 2)), np.zeros((3, 1)), tol=-1.0)


# ----------------------------------------------------------------------------- runs
def test_init_run_trains_exactly_like_a_plain_run_and_records_layer_one():
    d = data()
    run = init.InitRun(DEFAULTS, d, "he")
    run.advance()
    plain = Run(init.run_values(DEFAULTS, "he"), d)
    plain.advance()
    np.testing.assert_array_equal(run.history.train_cost, plain.history.train_cost)
    np.testing.assert_array_equal(run.net.params.flat, plain.net.params.flat)
    epochs, weights = init.units_over_training(run)
    assert epochs.tolist() == init.snapshot_epochs(1000)
    assert weights.shape == (epochs.size, 10, 3)
    np.testing.assert_array_equal(weights[-1][:, :2], run.net.params["W1"])
    np.testing.assert_array_equal(weights[-1][:, 2:], run.net.params["b1"])
    np.testing.assert_array_equal(weights[0][:, :2], run.initial_net.params["W1"])


def test_init_run_records_the_diagnostics_at_the_rate_of_its_figures():
    """1000 epochs: train accuracy, dev values and norms every 2nd epoch and at the epochs the
    run is cut at for layer 1's snapshots; the same numbers as a run recording every epoch."""
    d = data()
    run = init.InitRun(DEFAULTS, d, "he")
    run.advance()
    plain = Run(init.run_values(DEFAULTS, "he"), d)
    plain.advance()
    assert run.record_every == 2 and plain.record_every == 1
    cuts = set(init.snapshot_epochs(1000)) - {0}
    assert run.history.record_epochs == sorted(set(range(2, 1001, 2)) | cuts)
    assert plain.history.record_epochs == plain.history.epochs == list(range(1, 1001))
    at = [epoch - 1 for epoch in run.history.record_epochs]
    for series in ("train_accuracy", "dev_cost", "dev_accuracy", "weight_norms", "grad_norms"):
        every = getattr(plain.history, series)
        assert getattr(run.history, series) == [every[i] for i in at], series
    assert run.history.train_cost == plain.history.train_cost
    np.testing.assert_array_equal(run.net.params.flat, plain.net.params.flat)


def test_init_run_in_chunks_equals_one_go_and_can_be_stopped():
    d = data(QUICK)
    whole = init.InitRun(QUICK, d, "xavier")
    whole.advance()
    chunked = init.InitRun(QUICK, d, "xavier")
    while not chunked.done:
        chunked.advance(0.0)  # at least one epoch per call
    np.testing.assert_array_equal(whole.history.train_cost, chunked.history.train_cost)
    assert chunked.unit_epochs == whole.unit_epochs == init.snapshot_epochs(50)
    stopped = init.InitRun(QUICK, d, "he")
    stopped.advance(0.0)
    stopped.stop()
    stopped.advance()
    assert stopped.history.stopped_reason == "cancelled"
    assert 0 < stopped.history.last_epoch < 50


def test_initializations_draw_the_course_weights():
    d = data()
    runs = init.make_runs(DEFAULTS, d)
    assert list(runs) == ["zeros", "random", "xavier", "he"]
    rng = np.random.RandomState(3)
    W1 = rng.randn(10, 2)  # np.random.seed(3); randn(10, 2) — the first layer of every start
    np.testing.assert_allclose(runs["he"].net.params["W1"], W1 * np.sqrt(2 / 2))
    np.testing.assert_allclose(runs["xavier"].net.params["W1"], W1 * np.sqrt(1 / 2))
    np.testing.assert_allclose(runs["random"].net.params["W1"], W1 * 10)
    assert not runs["zeros"].net.params.flat.any()
    constant = init.make_runs({**DEFAULTS, "sym": "constant"}, d)["constant"]
    for l in (1, 2, 3):
        assert np.all(constant.net.params[f"W{l}"] == init.CONSTANT)
        assert not constant.net.params[f"b{l}"].any()
    assert np.all(constant.initial_net.params["W1"] == init.CONSTANT)


@pytest.mark.parametrize(
    ("sym", "act"),
    [("zeros", "relu"), ("constant", "relu"), ("zeros", "sigmoid"), ("constant", "tanh")],
)
def test_symmetric_starts_keep_every_unit_of_a_layer_identical(sym, act):
    values = {**QUICK, "sym": sym, "act": act, "epochs": 200}
    run = init.make_runs(values, data(values))[sym]
    run.advance()
    summary = init.summarize(run)
    assert summary.distinct == 1 and summary.units == 10
    assert summary.spread < 1e-12
    for W in run.unit_weights:  # at every recorded epoch
        assert init.distinct_units(W[:, :2], W[:, 2:]) == 1
    if sym == "zeros" and act == "relu":
        # W = 0 and g(0) = 0: every hidden activation and hidden gradient is 0
        assert summary.moved == 0.0
        assert not run.net.params["W1"].any() and not run.net.params["W2"].any()
    elif sym == "constant":
        assert summary.moved > 1e-3  # the weights move, all in step
    he = init.InitRun(values, data(values), "he")
    he.advance()
    assert init.summarize(he).distinct == 10


def test_the_course_exercise_gives_the_notebook_numbers():
    """15 000 epochs of [2, 10, 5, 1] ReLU, α = 0.01 on circles(300) / circles(100)."""
    preset = init.COURSE_PRESET
    d = data(preset)
    for start in ("zeros", "random", "he"):
        run = init.InitRun(preset, d, start)
        run.advance()
        summary = init.summarize(run)
        train_acc, test_acc = init.COURSE_RESULTS[start]
        assert summary.epoch == 15000
        assert summary.train_accuracy == pytest.approx(train_acc, abs=5e-4), start
        assert summary.dev_accuracy == pytest.approx(test_acc, abs=5e-4), start
    # the course's He cost at iteration 0 is 0.883053746342
    assert summary.first_cost == pytest.approx(0.883053746342, abs=1e-9)
    lines = init.course_comparison(preset, [summary])
    assert lines == ["he: train 0.9933 / dev 0.96 here, the course reports 0.9933 / 0.96"]


def test_init_run_matches_a_hand_written_course_loop():
    """np.random.seed(3); W = randn × √(2/n[l−1]); GD α = 0.1 — cost after 40 steps."""
    d = data()
    net = Network([2, 10, 5, 1], "relu", init="he", seed=3)
    train(net, d.X_train, d.Y_train, make_optimizer("gd", 0.1), 40)
    run = init.InitRun({**DEFAULTS, "epochs": 40}, d, "he")
    run.advance()
    np.testing.assert_allclose(run.net.params.flat, net.params.flat, rtol=1e-12)


# ----------------------------------------------------------------------------- words
def test_summaries_and_explanations():
    d = data(QUICK)
    runs = init.make_runs(QUICK, d)
    untrained = [init.summarize(run) for run in runs.values()]
    assert all(s.epoch == 0 for s in untrained)
    assert "not trained yet" in init.explain(untrained[0])
    assert init.explain_costs(untrained).startswith("Press **▶ Start**")
    for run in runs.values():
        run.advance()
    summaries = [init.summarize(run) for run in runs.values()]
    zeros, random, xavier, he = summaries
    assert zeros.last_cost == pytest.approx(math.log(2), abs=1e-9)
    assert zeros.train_accuracy == 0.5 and zeros.label == "zeros: W = 0"
    assert random.first_cost > 10 and random.label == "random: randn × 10"
    assert "1 distinct unit" in init.explain(zeros) and "never moved" in init.explain(zeros)
    assert "first cost, 17.3, is huge" in init.explain(random)
    costs = init.explain_costs(summaries)
    assert "**zeros** stays near ln 2" in costs and "Lowest final cost" in costs
    symmetry = init.explain_symmetry(summaries)
    assert "**1 distinct unit**" in symmetry and "W1 has not moved at all" in symmetry
    assert "random 10, xavier 10, he 10 (of 10)" in symmetry
    assert init.course_comparison(QUICK, summaries) == []


def test_word_helpers_reject_bad_arguments():
    with pytest.raises(ValueError, match="^run must be an InitRun"):
        init.summarize(object())
    with pytest.raises(ValueError, match="^run must be an InitRun"):
        init.units_over_training(object())
    with pytest.raises(ValueError, match="^summary must be a RunSummary"):
        init.explain("zeros")
    with pytest.raises(ValueError, match="^summaries must be a list"):
        init.explain_costs(["zeros"])
    with pytest.raises(ValueError, match="^summaries must be a list"):
        init.explain_symmetry("zeros")
    with pytest.raises(ValueError, match="^init "):
        init.init_label("ones")
    with pytest.raises(ValueError, match="^scale "):
        init.init_label("random", -1.0)
    assert init.init_label("random", 0.5, short=True) == "random ×0.5"
    with pytest.raises(ValueError, match="^init "):
        init.InitRun(DEFAULTS, data(), "ones")
    with pytest.raises(ValueError, match="^summaries must be a list"):
        init.course_comparison(init.COURSE_PRESET, [None])
    for function in (init.page_values, init.is_course_preset):
        with pytest.raises(ValueError, match="^values must be a dict"):
            function(None)
