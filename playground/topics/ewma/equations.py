"""The EWMA of the lecture with this series' numbers on one day t:

    v_3 = β v_2 + (1 − β) θ_3 = 0.9·14.21 + 0.1·17.02 = 14.49
    v̂_3 = v_3 / (1 − β³) = 14.49 / (1 − 0.9³) = 53.47

``v`` and ``v̂`` are the page's own averages (:class:`Smoothed`); only the written numbers are
made here.
"""

from __future__ import annotations

from playground.engine.config import check_int
from playground.engine.equation_numbers import Line, exact, factor, number
from playground.topics.ewma.model import Smoothed


def ewma_lines(result: Smoothed, day: int) -> list[Line]:
    """v_t without and v̂_t with bias correction on ``day`` t (1 … T) of ``result``."""
    if not isinstance(result, Smoothed):
        raise ValueError(f"result must be a Smoothed; got {type(result).__name__}")
    t = check_int("day", day, 1, result.days)
    beta = result.beta
    b, one_minus = exact(beta), exact(1.0 - beta)
    before = number(result.v[t - 2]) if t > 1 else "0"
    theta, v, v_hat = (
        number(result.theta[t - 1]),
        number(result.v[t - 1]),
        number(result.v_hat[t - 1]),
    )
    return [
        Line(
            f"v_{{{t}}}",
            rf"\beta\, v_{{{t - 1}}} + (1-\beta)\, \theta_{{{t}}}",
            rf"{b}\cdot{factor(before)} + {one_minus}\cdot{factor(theta)}",
            (b, before, one_minus, theta),
            v,
            settings=(b, one_minus),
        ),
        Line(
            rf"\hat v_{{{t}}}",
            rf"\frac{{v_{{{t}}}}}{{1-\beta^{{{t}}}}}",
            rf"\frac{{{v}}}{{1-{b}^{{{t}}}}}",
            (v, b),
            v_hat,
            settings=(b,),
        ),
    ]
