"""The EWMA written with a series' numbers on one day: the page's own averages, reproduced by
the numbers shown."""

from __future__ import annotations

import pytest
from equation_checks import check_line

from playground.engine.config import coerce_settings
from playground.topics.ewma import model as ew
from playground.topics.ewma.equations import ewma_lines


@pytest.mark.parametrize("beta", [0.5, 0.9, 0.98])
@pytest.mark.parametrize("day", [1, 2, 10, 100])
def test_the_numbers_shown_give_v_and_v_hat_of_that_day(beta, day):
    result = ew.smoothed(coerce_settings(ew.BY_KEY, {"beta": beta}), "")
    average, corrected = ewma_lines(result, day)
    check_line(average, lambda b, old, c, theta: b * old + c * theta, result.v[day - 1])
    check_line(corrected, lambda v, b: v / (1 - b**day), result.v_hat[day - 1])
    assert average.lhs == f"v_{{{day}}}" and f"v_{{{day - 1}}}" in average.formula
    assert (average.numbers[1] == "0") == (day == 1)  # v_0 = 0


def test_a_day_outside_the_series_is_refused():
    result = ew.smoothed(coerce_settings(ew.BY_KEY, {}), "")
    with pytest.raises(ValueError, match="day"):
        ewma_lines(result, result.days + 1)
