"""Unit tests of playground.batchnorm: recorded pre-activations, γ/β, the α sweep, test-time
statistics and the mini-batch comparison, checked against the formulas."""

from __future__ import annotations

import math
from types import SimpleNamespace

import numpy as np
import pytest

from playground.catalog import find_scene, scene_values
from playground.engine.experiment import Run, make_data
from playground.engine.nn import BN_EPSILON, Network
from playground.topics.batch_norm import model as bn

SMALL = {"n": 100, "layers": 3, "width": 8, "epochs": 20, "zl": 2}


@pytest.fixture(scope="module")
def data():
    return make_data(bn.page_values(SMALL))


@pytest.fixture(scope="module")
def runs(data):
    runs = bn.make_runs(SMALL, data)
    for run in runs.values():
        run.advance()
    return runs


def test_page_values_fill_every_hidden_layer_with_width():
    full = bn.page_values({"layers": 4, "width": 32, "lr": 0.1, "zl": 9, "bogus": 1})
    assert [full[f"h{l}"] for l in range(1, 5)] == [32] * 4
    assert full["lr"] == 0.1 and full["bn"] is False and full["ds"] == "moons"
    assert bn.page_values({"lr": "abc"})["lr"] == bn.BY_KEY["lr"].default  # invalid → default


def test_inspected_layer_is_clipped_to_the_hidden_layers():
    assert bn.inspected_layer({"zl": 6, "layers": 3}) == 3
    assert bn.inspected_layer({"zl": 2, "layers": 5}) == 2


def test_snapshot_epochs():
    assert bn.snapshot_epochs(100) == (0, 5, 25, 100)
    assert bn.snapshot_epochs(1) == (0, 1)
    with pytest.raises(ValueError, match="epochs"):
        bn.snapshot_epochs(0)


def test_layer_preactivations_match_the_formula_by_hand():
    X = np.random.RandomState(0).randn(2, 7)
    net = Network([2, 3, 3, 1], batch_norm=True, seed=2)
    net.params["gamma1"] = np.array([[2.0], [0.5], [1.0]])
    net.params["beta1"] = np.array([[1.0], [-1.0], [0.0]])
    before = {l: v.copy() for l, v in net.running_mean.items()}
    Z, Z_tilde = bn.layer_preactivations(net, X, 1)
    expected = net.params["W1"] @ X
    np.testing.assert_allclose(Z, expected)
    Z_hat = (expected - expected.mean(1, keepdims=True)) / np.sqrt(
        expected.var(1, keepdims=True) + BN_EPSILON
    )
    np.testing.assert_allclose(Z_tilde, net.params["gamma1"] * Z_hat + net.params["beta1"])
    np.testing.assert_allclose(Z_tilde.mean(axis=1), [1.0, -1.0, 0.0], atol=1e-12)
    assert all(np.array_equal(before[l], net.running_mean[l]) for l in before), "net unchanged"


def test_layer_preactivations_without_batch_norm_add_b():
    X = np.random.RandomState(1).randn(2, 5)
    net = Network([2, 4, 1], seed=3)
    net.params["b1"] = np.ones((4, 1))
    Z, Z_tilde = bn.layer_preactivations(net, X, 1)
    np.testing.assert_allclose(Z, net.params["W1"] @ X + 1.0)
    assert Z_tilde is None


@pytest.mark.parametrize(("X", "layer", "match"), [(np.ones((3, 4)), 1, "X"), (None, 2, "layer")])
def test_layer_preactivations_reject_bad_arguments(X, layer, match):
    net = Network([2, 4, 1])
    with pytest.raises(ValueError, match=match):
        bn.layer_preactivations(net, np.ones((2, 4)) if X is None else X, layer)


def test_runs_differ_only_by_batch_norm_and_record_snapshots(runs, data):
    plain, normed = runs["no BN"], runs["BN"]
    assert not plain.net.batch_norm and normed.net.batch_norm
    assert [s.epoch for s in plain.snapshots] == [0, 1, 5, 20]
    assert [s.epoch for s in normed.snapshots] == [0, 1, 5, 20]
    np.testing.assert_allclose(plain.initial_net.params["W1"], normed.initial_net.params["W1"])
    last = normed.snapshots[-1]
    assert last.Z.shape == (8, data.X_train.shape[1]) and last.Z_tilde.shape == last.Z.shape
    gamma, beta = bn.gamma_beta(normed.net, 2)
    np.testing.assert_allclose(last.Z_tilde.mean(axis=1), beta, atol=1e-9)
    np.testing.assert_allclose(last.Z_tilde.std(axis=1), np.abs(gamma), rtol=1e-3)
    assert plain.snapshots[-1].Z_tilde is None


def test_snapshot_run_in_chunks_matches_one_go(data):
    values = bn.page_values(SMALL) | {"bn": True}
    whole = Run(values, data)
    whole.advance()
    chunked = bn.SnapshotRun(values, data, 1)
    chunked.advance()
    assert chunked.epochs == 20 and chunked.done
    np.testing.assert_allclose(chunked.history.train_cost, whole.history.train_cost)


def test_gamma_beta_need_batch_norm():
    with pytest.raises(ValueError, match="batch norm"):
        bn.gamma_beta(Network([2, 3, 1]), 1)
    with pytest.raises(ValueError, match="layer"):
        bn.gamma_beta(Network([2, 3, 1], batch_norm=True), 2)


def test_lr_sweep_batch_norm_trains_at_larger_rates(data):
    sweep = bn.lr_sweep(SMALL, data, rates=(0.1, 3.0), epochs=30)
    assert sweep.rates == (0.1, 3.0) and sweep.epochs == 30
    plain = np.nan_to_num(sweep.cost["no BN"], nan=np.inf)
    assert np.isfinite(sweep.cost["BN"]).all()
    assert sweep.cost["BN"][1] < plain[1], "at α = 3 batch norm ends lower"
    assert sweep.trains("BN", below=10.0) == (0.1, 3.0)
    assert sweep.trains("BN", below=0.0) == ()
    assert set(sweep.dev_accuracy) == {"no BN", "BN"}


@pytest.mark.parametrize(
    ("rates", "epochs", "match"),
    [
        ((), 10, "rates"),
        ((0.0,), 10, r"rates\[0\]"),
        ((200.0,), 10, "rates"),
        ((0.1,), 0, "epochs"),
    ],
)
def test_lr_sweep_rejects_bad_arguments(data, rates, epochs, match):
    with pytest.raises(ValueError, match=match):
        bn.lr_sweep(SMALL, data, rates=rates, epochs=epochs)


def test_batch_statistics_are_the_batch_mean_and_variance():
    X = np.random.RandomState(4).randn(2, 6)
    net = Network([2, 3, 2, 1], batch_norm=True, seed=5)
    stats = bn.batch_statistics(net, X)
    Z1 = net.params["W1"] @ X
    np.testing.assert_allclose(stats[1][0], Z1.mean(axis=1, keepdims=True))
    np.testing.assert_allclose(stats[1][1], Z1.var(axis=1, keepdims=True))
    assert sorted(stats) == [1, 2]
    copy = bn.with_statistics(net, stats)
    np.testing.assert_allclose(copy.running_var[2], stats[2][1])
    # Inference with the batch's own statistics reproduces the training-mode forward pass.
    np.testing.assert_allclose(copy.forward(X), net.copy().forward(X, training=True))
    np.testing.assert_allclose(net.running_mean[1], 0.0), "the original keeps its averages"


def test_statistics_helpers_reject_bad_arguments():
    plain = Network([2, 3, 1])
    with pytest.raises(ValueError, match="batch norm"):
        bn.batch_statistics(plain, np.ones((2, 3)))
    with pytest.raises(ValueError, match="batch norm"):
        bn.with_statistics(plain, {})
    normed = Network([2, 3, 3, 1], batch_norm=True)
    with pytest.raises(ValueError, match="stats"):
        bn.with_statistics(normed, {1: (np.zeros((3, 1)), np.ones((3, 1)))})
    with pytest.raises(ValueError, match="X_batch"):
        bn.batch_statistics(normed, np.ones((3, 3)))


def test_inference_check_running_averages_beat_a_batch_of_four(runs, data):
    check = bn.inference_check(runs["BN"].net, data, 2, batch=4, draws=10, seed=0)
    dev = float((runs["BN"].net.predict(data.X_dev) == data.Y_dev).mean())
    assert check.running == dev
    assert check.small_batches.shape == (10,)
    assert check.small_batches.mean() <= check.running
    assert check.mean_gap > 0


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [({"layer": 4}, "layer"), ({"batch": 1}, "batch"), ({"draws": 0}, "draws")],
)
def test_inference_check_rejects_bad_arguments(runs, data, kwargs, match):
    with pytest.raises(ValueError, match=match):
        bn.inference_check(runs["BN"].net, data, **kwargs)
    with pytest.raises(ValueError, match="batch norm"):
        bn.inference_check(runs["no BN"].net, data)


def test_batch_gap_trains_once_per_size(data):
    gap = bn.batch_gap(SMALL, data, sizes=(8, 64), epochs=3)
    assert sorted(gap) == [8, 64]
    assert all(0 <= a <= 1 for pair in gap.values() for a in pair)
    with pytest.raises(ValueError, match="sizes"):
        bn.batch_gap(SMALL, data, sizes=())
    with pytest.raises(ValueError, match=r"sizes\[0\]"):
        bn.batch_gap(SMALL, data, sizes=(1,))
    with pytest.raises(ValueError, match="epochs"):
        bn.batch_gap(SMALL, data, epochs=0)


# -------------------------------------------------------------------------- reading the runs


def history(costs, stopped="completed"):
    return SimpleNamespace(
        epochs=list(range(1, len(costs) + 1)),
        train_cost=list(costs),
        stopped_reason=stopped,
        last_epoch=len(costs),
    )


LN2 = math.log(2)


@pytest.mark.parametrize(
    ("costs", "stopped", "outcome", "words"),
    [
        ([0.6, 0.3, 0.1, 0.08], "completed", "trains", "falls from 0.600 to 0.080"),
        (
            [13.0, 0.7, 0.694, 0.693],
            "completed",
            "stuck",
            "ends stuck at ln 2 ≈ 0.693 (median J of the last 1 epochs: 0.693)",
        ),
        (
            [0.5, 0.08, 2.4, 0.69, 0.694] * 2,
            "completed",
            "stuck",
            "ends stuck at ln 2 ≈ 0.693 (median J of the last 1 epochs: 0.694), after reaching "
            "0.080 in epoch 2 and jumping to 2.400 in epoch 3",
        ),
        (
            [0.9, 0.8, 0.83],
            "completed",
            "high",
            "ends above 0.35 (median J of the last 1 epochs: 0.830)",
        ),
        ([0.5, 0.4], "diverged", "diverged", "diverged in epoch 3"),
        ([], "completed", "untrained", "has not trained yet"),
    ],
    ids=["trains", "stuck", "blow-up", "high", "diverged", "untrained"],
)
def test_read_cost(costs, stopped, outcome, words):
    reading = bn.read_cost(history(costs, stopped))
    assert (reading.outcome, reading.words) == (outcome, words)


def test_compare_text_concludes_from_both_outcomes():
    stuck, trains = history([0.7, LN2, LN2]), history([0.6, 0.2, 0.1])
    only_bn = bn.compare_text(stuck, trains, 3.0)
    assert only_bn.startswith("Same data, same initial W, same α = 3: without batch norm the cost")
    assert "so this α no longer throws the deep layers off" in only_bn
    assert "both train" in bn.compare_text(trains, trains, 0.1)
    assert "trains better without batch norm" in bn.compare_text(trains, stuck, 1.0)
    assert "Neither trains: α = 10" in bn.compare_text(stuck, history([1.0], "diverged"), 10.0)
    assert bn.compare_text(history([]), trains, 1.0) == ""


def scene_runs(slug: str) -> dict:
    values = scene_values("batch_norm", slug)
    runs = bn.make_runs(values, make_data(bn.page_values(values)))
    with np.errstate(all="ignore"):
        for run in runs.values():
            run.advance()
    return runs


def final_cost(run) -> float:
    cost = run.history.train_cost
    return float(np.median(cost[-math.ceil(bn.FINAL * len(cost)) :]))


def test_the_default_alpha_1_run_is_read_as_it_went_not_as_stuck_from_the_start():
    # The page's default (α = 1, mini-batches of 32): without batch norm the cost reaches 0.08
    # in epoch 17, jumps to 2.4 in epoch 19 and then sits at ln 2.
    values = scene_values("batch_norm", "bn-trains-at-large-alpha") | {"lr": 1.0}
    runs = bn.make_runs(values, make_data(bn.page_values(values)))
    for run in runs.values():
        run.advance()
    plain = runs["no BN"].history
    best = int(np.argmin(plain.train_cost))
    words = bn.compare_text(plain, runs["BN"].history, 1.0)
    assert f"after reaching {plain.train_cost[best]:.3f} in epoch {plain.epochs[best]}" in words
    assert plain.train_cost[best] < 0.1 and final_cost(runs["no BN"]) == pytest.approx(
        LN2, abs=0.02
    )


def test_the_batch_norm_scenes_show_what_they_say():
    scene = find_scene("batch_norm", "bn-trains-at-large-alpha")
    assert "α = 3" in scene.name and "α = 3" in scene.description
    runs = scene_runs("bn-trains-at-large-alpha")
    plain, normed = runs["no BN"], runs["BN"]
    # "without batch norm the first steps throw the network off (first-epoch cost 13) and its
    # cost then stays at ln 2 ≈ 0.69 (dev 45%)"
    assert "the first steps throw the network off (first-epoch cost 13)" in scene.description
    assert plain.history.train_cost[0] == pytest.approx(13, abs=0.5)
    assert "its cost then stays at ln 2 ≈ 0.69 (dev 45%)" in scene.description
    assert min(plain.history.train_cost) > LN2 - 0.01, "it never gets below ln 2"
    assert final_cost(plain) == pytest.approx(LN2, abs=bn.STUCK)
    assert 1 - plain.errors()[1] == pytest.approx(0.45, abs=0.005)
    # "with it the cost falls to 0.085 (98% dev)": the last epoch's cost, as "This run" shows it
    assert "with it the cost falls to 0.085 (98% dev)" in scene.description
    assert normed.history.train_cost[-1] == pytest.approx(0.085, abs=0.0005)
    assert final_cost(normed) == pytest.approx(0.1, abs=0.05)
    assert 1 - normed.errors()[1] == pytest.approx(0.98, abs=0.005)

    small = find_scene("batch_norm", "small-alpha")
    assert "both networks train: 98% dev each" in small.description
    for run in scene_runs("small-alpha").values():
        assert final_cost(run) < bn.TRAINS_BELOW
        assert 1 - run.errors()[1] == pytest.approx(0.98, abs=0.015)


def snapshots(*spreads, mean_shift=0.0, normed=False):
    rng = np.random.RandomState(0)
    base = rng.randn(4, 50)
    return [
        bn.ZSnapshot(e, base * s + mean_shift * i, base * 1.1 + 0.2 if normed else None)
        for i, (e, s) in enumerate(zip((0, 10), spreads, strict=True))
    ]


@pytest.mark.parametrize(
    ("plain", "reading"),
    [
        (snapshots(1.0, 1.05), "at this α it hardly moved"),
        (snapshots(1.0, 1.05, mean_shift=0.5), "shifted as the earlier weights changed"),
        (snapshots(1.0, 2.0), "shifted as the earlier weights changed"),
        (snapshots(1.0, 1e110), "the earlier weights blew up"),
    ],
    ids=["still", "mean-shift", "spread", "blow-up"],
)
def test_z_text_reads_how_far_z_moved(plain, reading):
    text = bn.z_text(plain, snapshots(1.0, 1.0, normed=True), 3)
    assert text.startswith("**Layer 3, epoch 0 → 10.** Without BN, z[3] has mean")
    assert reading in text
    assert ("e+110" in text) == ("blew" in reading), "huge numbers in 3 significant digits"
    assert "With BN, z̃[3] has mean" in text and "at epoch 10" in text
    with pytest.raises(ValueError, match="batch norm"):
        bn.z_text(plain, plain, 3)


def test_z_text_of_the_alpha_3_scene_says_the_weights_blew_up():
    runs = scene_runs("bn-trains-at-large-alpha")
    text = bn.z_text(runs["no BN"].snapshots, runs["BN"].snapshots, 2)
    assert "the earlier weights blew up" in text and len(text) < 400
    assert "→ ∞: the earlier weights blew up" in text, "σ overflowed"


def sweep(plain: list[float], normed: list[float]) -> bn.Sweep:
    rates = (0.01, 0.1, 1.0, 3.0)
    cost = {"no BN": np.array(plain), "BN": np.array(normed)}
    return bn.Sweep(rates, cost, {name: np.full(4, 0.5) for name in cost}, 40)


@pytest.mark.parametrize(
    ("plain", "normed", "reading"),
    [
        ([0.2, 0.1, 0.69, np.nan], [0.2, 0.1, 0.1, 0.2], "trains at steps up to α = 3 with it"),
        ([0.69, 0.69, 0.69, 0.69], [0.2, 0.1, 0.1, 0.69], "up to α = 1 with it (without: none)"),
        ([0.2, 0.1, 0.1, 0.2], [0.2, 0.1, 0.1, 0.2], "does not widen the range of α"),
        ([0.69, 0.1, 0.1, 0.2], [0.2, 0.1, 0.1, 0.2], "adds rates that train, though not a"),
        ([0.2, 0.1, 0.1, 0.2], [0.69, 0.1, 0.1, 0.69], "trains at fewer rates"),
        ([0.2, 0.69, 0.1, 0.1], [0.69, 0.1, 0.1, 0.1], "as many rates, though not the same"),
    ],
    ids=["larger", "only-bn", "same", "more", "fewer", "different"],
)
def test_sweep_text_reads_the_rates_that_train(plain, normed, reading):
    text = bn.sweep_text(sweep(plain, normed))
    assert text.startswith("Each point is a fresh run of 40 full-batch gradient-descent epochs")
    assert f"J falls below {bn.TRAINS_BELOW:g} for **" in text
    assert reading in text
    assert ("less sensitive to the scale of W" in text) == ("up to α" in reading)
