"""Learning-rate decay schedules against their formulas, epoch by epoch."""

from __future__ import annotations

import math
import pickle

import pytest

from playground.schedules import SCHEDULES, make_schedule

NAMES = ["constant", "inverse_time", "staircase", "exponential", "inverse_sqrt"]
EPOCHS = range(0, 41)


def by_hand(name, learning_rate0, decay_rate, time_interval, base, epoch):
    if name == "constant":
        return learning_rate0
    if name == "inverse_time":
        return learning_rate0 / (1 + decay_rate * epoch)
    if name == "staircase":
        return learning_rate0 / (1 + decay_rate * math.floor(epoch / time_interval))
    if name == "exponential":
        return learning_rate0 * base**epoch
    if name == "inverse_sqrt":
        return learning_rate0 * decay_rate / math.sqrt(epoch + 1)
    raise AssertionError(name)  # pragma: no cover - a typo in NAMES


def test_the_registry_holds_exactly_the_documented_schedules():
    # "piecewise" takes its change points from make_piecewise_schedule (its own tests).
    assert sorted(SCHEDULES) == sorted([*NAMES, "piecewise"])


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize(
    ("learning_rate0", "decay_rate", "time_interval", "base"),
    [(0.2, 0.5, 3, 0.9), (1.5, 2.0, 7, 0.5), (0.01, 0.0, 1, 1.0)],
)
def test_schedule_matches_its_formula(name, learning_rate0, decay_rate, time_interval, base):
    schedule = make_schedule(name, learning_rate0, decay_rate, time_interval, base)
    for epoch in EPOCHS:
        expected = by_hand(name, learning_rate0, decay_rate, time_interval, base, epoch)
        assert schedule(epoch) == pytest.approx(expected, rel=1e-14, abs=0), epoch


@pytest.mark.parametrize("name", NAMES)
def test_defaults_are_decay_rate_1_time_interval_1000_base_095(name):
    schedule = make_schedule(name, 0.3)
    for epoch in [*EPOCHS, 999, 1000, 1001, 2500]:
        expected = by_hand(name, 0.3, 1.0, 1000, 0.95, epoch)
        assert schedule(epoch) == pytest.approx(expected, rel=1e-14, abs=0), epoch


@pytest.mark.parametrize("name", NAMES)
def test_schedules_start_at_alpha0_except_inverse_sqrt_and_never_increase(name):
    schedule = make_schedule(name, 0.2, decay_rate=0.5, time_interval=3, base=0.9)
    values = [schedule(epoch) for epoch in EPOCHS]
    if name == "inverse_sqrt":
        assert values[0] == pytest.approx(0.2 * 0.5)
    else:
        assert values[0] == pytest.approx(0.2)
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


def test_staircase_is_flat_within_an_interval_and_drops_at_its_end():
    schedule = make_schedule("staircase", 1.0, decay_rate=1.0, time_interval=5)
    assert [schedule(epoch) for epoch in range(5)] == [1.0] * 5
    assert [schedule(epoch) for epoch in range(5, 10)] == [0.5] * 5
    assert schedule(10) == pytest.approx(1 / 3)


def test_inverse_time_halves_alpha_after_1_over_decay_rate_epochs():
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
