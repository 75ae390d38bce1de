"""The manual piecewise-constant schedule of playground.schedules, against its definition."""

from __future__ import annotations

import functools
import pickle

import numpy as np
import pytest

from playground.engine.nn import Network
from playground.engine.optim import GradientDescent
from playground.engine.schedules import SCHEDULES, make_piecewise_schedule, make_schedule, piecewise
from playground.engine.train import train


def test_piecewise_is_registered_with_the_other_schedules():
    assert SCHEDULES["piecewise"] is piecewise
    for name in ("constant", "inverse_time", "staircase", "exponential", "inverse_sqrt"):
        assert name in SCHEDULES


def test_alpha_changes_after_each_boundary_epoch():
    schedule = make_piecewise_schedule((10, 20), (1.0, 0.5, 0.1))
    assert [schedule(e) for e in range(1, 11)] == [1.0] * 10
    assert [schedule(e) for e in range(11, 21)] == [0.5] * 10  # epoch_num 11: 10 done
    assert [schedule(e) for e in (21, 22, 1000, 10**6)] == [0.1] * 4


def test_one_boundary_and_increasing_rates_are_allowed():
    schedule = make_piecewise_schedule([3], [0.01, 0.02])  # lists work too; a warm restart
    assert [schedule(e) for e in range(1, 6)] == [0.01, 0.01, 0.01, 0.02, 0.02]


def test_no_boundaries_is_a_constant_rate():
    schedule = make_piecewise_schedule((), (0.3,))
    assert {schedule(e) for e in range(50)} == {0.3}


def test_make_schedule_by_name_has_no_boundaries_so_keeps_alpha0():
    schedule = make_schedule("piecewise", 0.3, decay_rate=0.5, time_interval=3, base=0.9)
    assert {schedule(e) for e in range(50)} == {0.3}


def test_the_schedule_is_a_picklable_partial_of_piecewise():
    schedule = make_piecewise_schedule((2, 5), (0.2, 0.1, 0.05))
    assert isinstance(schedule, functools.partial) and schedule.func is piecewise
    restored = pickle.loads(pickle.dumps(schedule))
    assert [restored(e) for e in range(1, 9)] == [schedule(e) for e in range(1, 9)]
    assert [schedule(e) for e in range(1, 9)] == [0.2, 0.2, 0.1, 0.1, 0.1, 0.05, 0.05, 0.05]


def test_training_uses_the_rate_of_each_epoch():
    rng = np.random.RandomState(0)
    X, Y = rng.randn(2, 40), rng.randint(0, 2, (1, 40))
    net = Network([2, 3, 1], seed=0)
    schedule = make_piecewise_schedule((2, 4), (0.3, 0.03, 0.003))
    history = train(net, X, Y, GradientDescent(0.3), 6, batch_size=8, schedule=schedule)
    # Epoch e (from 1) runs with schedule(e): the rate changes once 2 and 4 epochs are done.
    assert history.learning_rate == [0.3, 0.3, 0.03, 0.03, 0.003, 0.003]


@pytest.mark.parametrize(
    ("boundaries", "rates", "match"),
    [
        ("10", (0.1, 0.2), "boundaries must be a list"),
        (10, (0.1, 0.2), "boundaries must be a list"),
        ({10}, (0.1, 0.2), "boundaries must be a list"),
        ((10,), "0.1", "rates must be a list"),
        ((10,), 0.1, "rates must be a list"),
        ((10,), (0.1,), "rates must hold one more value than boundaries"),
        ((10,), (0.1, 0.2, 0.3), "rates must hold one more value than boundaries"),
        ((), (), "rates must hold one more value than boundaries"),
        (tuple(range(1, 52)), (0.1,) * 52, "at most 50"),
        ((0,), (0.1, 0.2), r"boundaries\[0\] must be between 1 and 1000000"),
        ((-5,), (0.1, 0.2), r"boundaries\[0\] must be between"),
        ((10**6 + 1,), (0.1, 0.2), r"boundaries\[0\] must be between"),
        ((2.5,), (0.1, 0.2), r"boundaries\[0\] must be an integer"),
        ((True,), (0.1, 0.2), r"boundaries\[0\] must be an integer"),
        ((5, 5), (0.1, 0.2, 0.3), r"boundaries must increase; got boundaries\[1\] = 5 after 5"),
        ((9, 3), (0.1, 0.2, 0.3), "boundaries must increase"),
        ((5,), (0.0, 0.2), r"rates\[0\] must be in \(0.0, 100.0\]"),
        ((5,), (0.1, -0.2), r"rates\[1\] must be in"),
        ((5,), (0.1, 101.0), r"rates\[1\] must be in"),
        ((5,), (0.1, float("nan")), r"rates\[1\] must be in"),
        ((5,), (0.1, float("inf")), r"rates\[1\] must be in"),
        ((5,), (0.1, "0.2"), r"rates\[1\] must be a number"),
    ],
)
def test_bad_arguments_raise_naming_the_argument(boundaries, rates, match):
    with pytest.raises(ValueError, match=match):
        make_piecewise_schedule(boundaries, rates)
