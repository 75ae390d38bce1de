"""Learning-rate decay schedules against their formulas, epoch by epoch."""

from __future__ import annotations

import math
import pickle

import pytest

from playground.engine.schedules import SCHEDULES, make_schedule

NAMES = ["constant", "inverse_time", "staircase", "exponential", "inverse_sqrt"]
EPOCHS = range(1, 42)
"""The lecture's epoch_num: 1 is the first epoch."""


def by_hand(name, learning_rate0, decay_rate, time_interval, base, epoch, k=1.0):
    if name == "constant":
        return learning_rate0
    if name == "inverse_time":
        return learning_rate0 / (1 + decay_rate * epoch)
    if name == "staircase":
        return learning_rate0 / (1 + decay_rate * math.floor((epoch - 1) / time_interval))
    if name == "exponential":
        return learning_rate0 * base**epoch
    if name == "inverse_sqrt":
        return k / math.sqrt(epoch) * learning_rate0
    raise AssertionError(name)  # pragma: no cover - a typo in NAMES


def test_the_registry_holds_exactly_the_documented_schedules():
    # "piecewise" takes its change points from make_piecewise_schedule (its own tests).
    assert sorted(SCHEDULES) == sorted([*NAMES, "piecewise"])


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize(
    ("learning_rate0", "decay_rate", "time_interval", "base", "k"),
    [(0.2, 0.5, 3, 0.9, 1.0), (1.5, 2.0, 7, 0.5, 0.3), (0.01, 0.0, 1, 1.0, 5.0)],
)
def test_schedule_matches_its_formula(name, learning_rate0, decay_rate, time_interval, base, k):
    schedule = make_schedule(name, learning_rate0, decay_rate, time_interval, base, k)
    for epoch in EPOCHS:
        expected = by_hand(name, learning_rate0, decay_rate, time_interval, base, epoch, k)
        assert schedule(epoch) == pytest.approx(expected, rel=1e-14, abs=0), epoch


def test_inverse_time_gives_the_lectures_table():
    """The lecture: α₀ = 0.2, decay_rate = 1 → α = 0.1, 0.067, 0.05, 0.04 in epochs 1–4."""
    schedule = make_schedule("inverse_time", 0.2, decay_rate=1.0)
    alphas = [schedule(epoch_num) for epoch_num in (1, 2, 3, 4)]
    assert alphas == pytest.approx([0.1, 0.067, 0.05, 0.04], abs=0.0005)


def test_exponential_is_the_lectures_0_95_to_the_epoch_num():
    schedule = make_schedule("exponential", 0.2, base=0.95)
    assert [schedule(e) for e in (1, 2, 3)] == pytest.approx([0.19, 0.1805, 0.171475])


@pytest.mark.parametrize("learning_rate0", [0.001, 0.2, 10.0])
def test_inverse_sqrt_with_k_1_starts_at_alpha0_and_larger_k_gives_larger_alpha(learning_rate0):
    """The lecture's α = k / √epoch_num · α₀: k multiplies α, so k = 1 starts at α₀."""
    small, default = (make_schedule("inverse_sqrt", learning_rate0, k=k) for k in (0.5, 1.0))
    assert default(1) == learning_rate0
    assert default(4) == pytest.approx(learning_rate0 / 2)
    assert all(small(e) < default(e) for e in EPOCHS)


@pytest.mark.parametrize("k", [0.0, -1.0, float("nan"), 101.0])
def test_k_that_cannot_train_is_refused_naming_k_and_its_range(k):
    """k = 0 would give α = 0 for the whole run (and skip the optimizer's α > 0 check)."""
    with pytest.raises(ValueError, match=r"k must be in \(0\.0, 100\.0\]"):
        make_schedule("inverse_sqrt", 0.1, k=k)
    with pytest.raises(ValueError, match="k must be a number"):
        make_schedule("inverse_sqrt", 0.1, k="1")


def test_k_times_alpha0_above_100_is_refused():
    with pytest.raises(ValueError, match=r"k · learning_rate0 \(α of epoch 1\) must be in"):
        make_schedule("inverse_sqrt", 50.0, k=3.0)


@pytest.mark.parametrize("name", NAMES)
def test_defaults_are_decay_rate_1_time_interval_1000_base_095_k_1(name):
    schedule = make_schedule(name, 0.3)
    for epoch in [*EPOCHS, 999, 1000, 1001, 2500]:
        expected = by_hand(name, 0.3, 1.0, 1000, 0.95, epoch)
        assert schedule(epoch) == pytest.approx(expected, rel=1e-14, abs=0), epoch


@pytest.mark.parametrize("name", NAMES)
def test_schedules_start_at_or_below_alpha0_and_never_increase(name):
    schedule = make_schedule(name, 0.2, decay_rate=0.5, time_interval=3, base=0.9, k=0.5)
    values = [schedule(epoch) for epoch in EPOCHS]
    first = {"inverse_time": 0.2 / 1.5, "exponential": 0.2 * 0.9, "inverse_sqrt": 0.2 * 0.5}
    assert values[0] == pytest.approx(first.get(name, 0.2))
    assert all(isinstance(value, float) for value in values)
    assert all(0 < value < math.inf for value in values)
    assert all(later <= earlier for earlier, later in zip(values, values[1:], strict=False))
    if name != "constant":
        assert values[-1] < values[0]


@pytest.mark.parametrize("name", NAMES)
def test_schedule_survives_a_pickle_round_trip(name):
    """make_schedule documents a picklable callable (so a run's schedule can be cached)."""
    schedule = make_schedule(name, 0.2, decay_rate=0.5, time_interval=3, base=0.9)
    restored = pickle.loads(pickle.dumps(schedule))
    assert [restored(epoch) for epoch in EPOCHS] == [schedule(epoch) for epoch in EPOCHS]


def test_staircase_holds_each_rate_for_an_interval_the_first_at_alpha0():
    schedule = make_schedule("staircase", 1.0, decay_rate=1.0, time_interval=5)
    assert [schedule(epoch) for epoch in range(1, 6)] == [1.0] * 5
    assert [schedule(epoch) for epoch in range(6, 11)] == [0.5] * 5
    assert schedule(11) == pytest.approx(1 / 3)


def test_inverse_time_halves_alpha_in_epoch_1_over_decay_rate():
    schedule = make_schedule("inverse_time", 0.2, decay_rate=0.25)
    assert schedule(4) == pytest.approx(0.1)


def test_decay_rate_zero_keeps_alpha_constant():
    for name in ["inverse_time", "staircase"]:
        schedule = make_schedule(name, 0.2, decay_rate=0.0, time_interval=1)
        assert {schedule(epoch) for epoch in EPOCHS} == {0.2}


# ----------------------------------------------------------------------------- argument checks
def test_unknown_name_lists_the_allowed_names():
    with pytest.raises(ValueError, match="schedule") as info:
        make_schedule("cosine", 0.1)
    message = str(info.value)
    assert "'cosine'" in message
    for name in NAMES:
        assert repr(name) in message


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("learning_rate0", [0.0, -0.1, 1e3, float("nan"), float("inf"), "0.1"])
def test_learning_rate0_out_of_range_raises(name, learning_rate0):
    with pytest.raises(ValueError, match="learning_rate0"):
        make_schedule(name, learning_rate0)


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("decay_rate", [-1e-9, -1.0, float("nan"), 1e6])
def test_decay_rate_out_of_range_raises(name, decay_rate):
    with pytest.raises(ValueError, match="decay_rate"):
        make_schedule(name, 0.1, decay_rate=decay_rate)


@pytest.mark.parametrize("time_interval", [0, -1, 2.5, 10.0, True])
def test_time_interval_must_be_a_positive_integer(time_interval):
    with pytest.raises(ValueError, match="time_interval"):
        make_schedule("staircase", 0.1, time_interval=time_interval)


@pytest.mark.parametrize("base", [0.0, -0.5, 1.0000001, 2.0, float("nan")])
def test_base_outside_zero_one_raises(base):
    with pytest.raises(ValueError, match="base"):
        make_schedule("exponential", 0.1, base=base)


def test_base_one_is_allowed_and_keeps_alpha_constant():
    schedule = make_schedule("exponential", 0.1, base=1.0)
    assert {schedule(epoch) for epoch in EPOCHS} == {0.1}
