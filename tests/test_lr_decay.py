"""playground.lr_decay: the piecewise text, the schedules by name, the runs and the oscillation."""

from __future__ import annotations

import math

import numpy as np
import pytest

from playground.engine import settings as spec
from playground.engine.config import coerce_settings, settings_by_key
from playground.engine.experiment import make_data
from playground.engine.schedules import make_schedule
from playground.topics.lr_decay import model as decay

TABLE = settings_by_key(*decay.DATA, *decay.SETTINGS)


def page_values(**values):
    """The settings the page gives the core (page defaults for the rest)."""
    defaults = {key: setting.default for key, setting in TABLE.items()}
    return coerce_settings(spec.ALL, defaults | values | decay.FIXED_VALUES)


# ------------------------------------------------------------------ declarations


def test_every_schedule_has_a_formula_its_settings_and_a_toggle():
    assert decay.SCHEDULE_NAMES == (
        "constant",
        "inverse_time",
        "staircase",
        "exponential",
        "inverse_sqrt",
        "piecewise",
    )
    assert set(decay.FORMULAS) == set(decay.HYPER) == set(decay.SCHEDULE_NAMES)
    toggles = {setting.key: setting.default for setting in decay.COMPARE}
    assert toggles == {
        "constant": True,
        "inverse_time": True,
        "staircase": False,
        "exponential": True,
        "inverse_sqrt": False,
        "piecewise": True,
    }
    assert all(setting.kind == "bool" for setting in decay.COMPARE)


def test_settings_reuse_the_shared_keys_with_the_same_meaning():
    for setting in decay.SETTINGS:
        shared = spec.ALL[setting.key]
        assert setting.kind == shared.kind and set(setting.options) <= set(shared.options)
    assert {s.key: s.default for s in decay.SETTINGS} == {
        "lr": 1.0,
        "decay": 0.1,
        "interval": 20,
        "base": 0.95,
        "k": 1.0,
        "bs": "8",
        "epochs": 100,
        "seed": 1,
    }
    assert decay.PIECEWISE.key == "pw" and decay.parse_piecewise(decay.PIECEWISE.default)


@pytest.mark.parametrize(
    ("names", "keys"),
    [
        ((), ("lr",)),
        (("constant",), ("lr",)),
        (("piecewise",), ("lr",)),
        (("staircase",), ("lr", "decay", "interval")),
        (("inverse_time",), ("lr", "decay")),
        (("exponential", "inverse_sqrt"), ("lr", "base", "k")),
        (decay.SCHEDULE_NAMES, ("lr", "decay", "interval", "base", "k")),
    ],
)
def test_rate_settings_are_alpha0_and_what_the_schedules_use(names, keys):
    assert tuple(s.key for s in decay.rate_settings(names)) == keys


def test_rate_settings_rejects_an_unknown_schedule():
    with pytest.raises(ValueError, match="schedule must be one of"):
        decay.rate_settings(["cosine"])


# ------------------------------------------------------------------ the piecewise text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("50:0.3, 75:0.1", ((50, 75), (0.3, 0.1))),
        ("500:0.01, 1000:0.001", ((500, 1000), (0.01, 0.001))),
        (" 5 : 1e-3 ; 10:.5 ,20:2", ((5, 10, 20), (0.001, 0.5, 2.0))),
        ("7:1", ((7,), (1.0,))),
        ("", ((), ())),
        ("   ", ((), ())),
        ("1000000:100", ((10**6,), (100.0,))),
    ],
)
def test_parse_piecewise_reads_epoch_rate_pairs(text, expected):
    assert decay.parse_piecewise(text) == expected


@pytest.mark.parametrize(
    ("text", "match"),
    [
        (None, "must be text"),
        (50, "must be text"),
        ("1:0.1," * 40, "at most 200 characters"),
        ("abc", r"item 1 \('abc'\) must read epoch:rate"),
        ("50:0.3, oops", r"item 2 \('oops'\) must read epoch:rate"),
        ("50:0.3,", r"item 2 \(''\) must read"),
        ("50", "must read epoch:rate"),
        ("50:0.3:1", "must read epoch:rate"),
        ("-5:0.1", "must read epoch:rate"),
        ("5:-0.1", "must read epoch:rate"),
        ("5:nan", "must read epoch:rate"),
        ("5:inf", "must read epoch:rate"),
        ("5.5:0.1", "must read epoch:rate"),
        ("5:0x10", "must read epoch:rate"),
        ("__import__('os').system('ls'):1", "must read epoch:rate"),
        ("12345678:0.1", "must read epoch:rate"),
        ("0:0.1", "epoch of item 1 must be between 1 and 1000000; got 0"),
        ("1000001:0.1", "epoch of item 1 must be between"),
        ("10:0.1, 10:0.2", "epochs must increase; item 2 has 10 after 10"),
        ("10:0.1, 5:0.2", "epochs must increase; item 2 has 5 after 10"),
        ("10:0", r"rate of item 1 must be in \(0.0, 100.0\]; got 0.0"),
        ("10:0.1, 20:150", r"rate of item 2 must be in"),
        ("10:1e999", r"rate of item 1 must be in"),
    ],
)
def test_parse_piecewise_rejects_bad_text_with_a_clear_message(text, match):
    with pytest.raises(ValueError, match=match) as raised:
        decay.parse_piecewise(text)
    assert str(raised.value).startswith("piecewise schedule")


# ------------------------------------------------------------------ schedules by name


@pytest.mark.parametrize(
    "name", ["constant", "inverse_time", "staircase", "exponential", "inverse_sqrt"]
)
def test_schedule_for_uses_the_pages_hyperparameters(name):
    values = page_values(lr=0.3, decay=0.03, interval=10, base=0.9, k=0.5)
    schedule = decay.schedule_for(name, values)
    expected = make_schedule(name, 0.3, 0.03, 10, 0.9, k=0.5)
    assert [schedule(e) for e in range(1, 61)] == [expected(e) for e in range(1, 61)]


def test_schedule_for_piecewise_starts_at_alpha0():
    schedule = decay.schedule_for("piecewise", page_values(lr=0.3), ((2, 4), (0.1, 0.01)))
    assert [schedule(e) for e in range(1, 7)] == [0.3, 0.3, 0.1, 0.1, 0.01, 0.01]


def test_schedule_for_rejects_an_unknown_name():
    with pytest.raises(ValueError, match="schedule must be one of"):
        decay.schedule_for("cosine", page_values())


def test_learning_rates_are_the_alpha_of_epochs_1_to_E():
    schedule = make_schedule("inverse_time", 1.0, decay_rate=0.5)
    rates = decay.learning_rates(schedule, 4)
    np.testing.assert_allclose(rates, [1 / 1.5, 1 / 2.0, 1 / 2.5, 1 / 3.0])
    with pytest.raises(ValueError, match="epochs must be between 1 and 20000"):
        decay.learning_rates(schedule, 0)


def test_the_lectures_example_gives_the_lectures_table():
    """α₀ = 0.2, decay_rate = 1: 0.1, 0.067, 0.05, 0.04 in epochs 1–4, as in the lecture."""
    values = page_values(**decay.LECTURE_EXAMPLE)
    assert decay.LECTURE_EXAMPLE["lr"] in spec.ALL["lr"].options
    rates = {"inverse_time": decay.learning_rates(decay.schedule_for("inverse_time", values), 10)}
    table = decay.rate_table(rates)
    assert list(table) == ["schedule", "epoch 1", "epoch 2", "epoch 3", "epoch 4", "epoch 10"]
    shown = [float(table[f"epoch {e}"][0]) for e in (1, 2, 3, 4)]
    np.testing.assert_allclose(shown, [0.1, 0.067, 0.05, 0.04], atol=0.0005)
    assert table["epoch 10"] == [f"{0.2 / 11:.3g}"]


def test_rate_table_of_a_short_run_lists_every_epoch_once():
    rates = {"a": np.array([1.0, 0.5]), "b": np.array([0.3, 0.2])}
    assert decay.rate_table(rates) == {
        "schedule": ["a", "b"],
        "epoch 1": ["1", "0.3"],
        "epoch 2": ["0.5", "0.2"],
    }
    with pytest.raises(ValueError, match="same, non-zero number of epochs"):
        decay.rate_table({"a": np.ones(3), "b": np.ones(4)})


def test_chosen_lists_the_toggled_schedules_in_order():
    values = {"piecewise": True, "constant": True, "staircase": False, "exponential": "true"}
    assert decay.chosen(values) == ("constant", "piecewise")
    with pytest.raises(ValueError, match="choose at least one schedule"):
        decay.chosen({"constant": False})


# ------------------------------------------------------------------ runs and oscillation


def test_decay_runs_differ_only_in_the_schedule():
    values = page_values(epochs=20)
    runs = decay.decay_runs(values, make_data(values), ["constant", "piecewise"], ((5,), (0.1,)))
    assert list(runs) == ["constant", "piecewise"]
    start = runs["constant"].net.params.flat.copy()
    np.testing.assert_array_equal(runs["piecewise"].net.params.flat, start)
    for run in runs.values():
        run.advance()
    assert runs["constant"].history.learning_rate == [1.0] * 20
    assert runs["piecewise"].history.learning_rate == [1.0] * 5 + [0.1] * 15
    constant, manual = runs["constant"].history, runs["piecewise"].history
    # Same start, same mini-batches, same α: identical for the first 5 epochs, then apart.
    np.testing.assert_allclose(manual.train_cost[:5], constant.train_cost[:5], rtol=1e-12)
    assert manual.train_cost[10] != constant.train_cost[10]


def test_decay_runs_rejects_bad_names():
    values = page_values()
    data = make_data(values)
    for names in ([], "constant"):
        with pytest.raises(ValueError, match="names must be a non-empty list"):
            decay.decay_runs(values, data, names)
    with pytest.raises(ValueError, match="schedule must be one of"):
        decay.decay_runs(values, data, ["cosine"])


def test_oscillation_is_the_std_of_the_last_tenth():
    costs = np.arange(1.0, 21.0)  # the last 10 % are 19 and 20
    assert decay.oscillation(costs) == pytest.approx(0.5)
    assert decay.oscillation(costs, fraction=0.25) == pytest.approx(np.std([16, 17, 18, 19, 20]))
    assert decay.oscillation(costs, fraction=1.0) == pytest.approx(np.std(costs))
    assert decay.oscillation([3.0, 1.0, 5.0], fraction=0.01) == pytest.approx(2.0)  # at least 2
    assert math.isnan(decay.oscillation([1.0]))
    assert math.isnan(decay.oscillation([]))
    for fraction in (0.0, -0.1, 1.5, float("nan")):
        with pytest.raises(ValueError, match="fraction must be in"):
            decay.oscillation(costs, fraction)


def test_summarize_an_untrained_and_a_trained_run():
    values = page_values(epochs=20)
    run = decay.decay_runs(values, make_data(values), ["exponential"])["exponential"]
    empty = decay.summarize(run)
    assert all(math.isnan(getattr(empty, field)) for field in empty.__dataclass_fields__)
    run.advance()
    summary = decay.summarize(run)
    assert summary.final_rate == pytest.approx(0.95**20)
    assert summary.final_cost == run.history.train_cost[-1]
    assert summary.iteration_std == decay.oscillation(run.history.iteration_cost)
    assert summary.epoch_std == decay.oscillation(run.history.train_cost)
    assert summary.dev_accuracy == 1 - run.errors()[1]


def test_with_the_defaults_a_fixed_rate_oscillates_and_a_decayed_one_settles():
    values = page_values()
    runs = decay.decay_runs(values, make_data(values), ["constant", "inverse_time"])
    for run in runs.values():
        run.advance()
    fixed, decayed = (decay.summarize(run) for run in runs.values())
    assert fixed.iteration_std > 1.5 * decayed.iteration_std
    assert fixed.epoch_std > 10 * decayed.epoch_std
    assert decayed.final_cost < fixed.final_cost
