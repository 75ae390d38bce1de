"""check_trials: the limits of one search request (added for the search page, which trains a
search one group at a time and checks each round before training it)."""

from __future__ import annotations

import numpy as np
import pytest

from playground.engine.config import MAX_WORK
from playground.engine.tuning import MAX_TRIALS, Base, check_trials, run_trials

X = np.random.RandomState(0).randn(2, 50)
Y = (X[0:1] > 0).astype(int)
Y3 = np.arange(50).reshape(1, 50) % 3
BASE = Base(epochs=10, hidden_units=4, layers=2)


def test_check_trials_returns_the_work_counted_by_hand():
    # [2, 4, 4, 1]: (2·4 + 4) + (4·4 + 4) + (4·1 + 1) = 12 + 20 + 5 = 37 weights and biases.
    assert check_trials([{}] * 3, BASE, X, Y, Y) == 3 * 10 * 50 * 37
    # A trial with 1 layer of 8 units: (2·8 + 8) + (8 + 1) = 33.
    work = check_trials([{}, {"layers": 1, "hidden_units": 8}], BASE, X, Y, Y)
    assert work == 10 * 50 * (37 + 33)
    # Softmax with C = 3 outputs: the last layer has 4·3 + 3 = 15 instead of 5.
    assert check_trials([{}], BASE, X, Y3, Y3) == 10 * 50 * (12 + 20 + 15)


@pytest.mark.parametrize("count", [0, MAX_TRIALS + 1])
def test_check_trials_refuses_no_trial_or_too_many(count):
    with pytest.raises(ValueError, match=rf"number of trials must be between 1 and {MAX_TRIALS}"):
        check_trials([{}] * count, BASE, X, Y, Y)


def test_check_trials_refuses_more_work_than_a_request_may_use():
    big = Base(epochs=20_000, hidden_units=128, layers=4)
    with pytest.raises(ValueError, match="units of work, more than one request may use"):
        check_trials([{}], big, X, Y, Y)
    # run_trials runs the same check, with the same message, before training anything.
    with pytest.raises(ValueError, match="units of work") as error:
        run_trials([{}], big, X, Y, X, Y)
    assert f"({MAX_WORK:.0g})" in str(error.value)
