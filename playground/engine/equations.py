"""Numbers as the lecture's equations show them: rounded to a few significant digits, in LaTeX.

A page that fills a formula with a run's numbers rounds each with :func:`shown` and writes it
with :func:`tex`, so a test can redo the arithmetic on exactly the numbers on screen.
"""

from __future__ import annotations

import math

DIGITS = 4
"""Significant digits of a number in an equation."""


def shown(value: float, digits: int = DIGITS) -> float:
    """``value`` rounded to ``digits`` significant digits: the number the learner reads."""
    return float(f"{float(value):.{digits}g}")


def tex(value: float, digits: int = DIGITS) -> str:
    """``value`` with ``digits`` significant digits in LaTeX: 0.3142, -2.5, 3.1 \\cdot 10^{-5}."""
    value = float(value)
    if not math.isfinite(value):
        return {math.inf: r"\infty", -math.inf: r"-\infty"}.get(value, r"\mathrm{NaN}")
    text = f"{value:.{digits}g}"
    mantissa, _, exponent = text.partition("e")
    if not exponent:
        return mantissa
    power = rf"10^{{{int(exponent)}}}"
    return {"1": power, "-1": f"-{power}"}.get(mantissa, rf"{mantissa} \cdot {power}")


def digits_for(value: float, change: float, digits: int = DIGITS) -> int:
    """Significant digits to show ``value`` so that ``change``, a small difference to it (as in
    W − α·dW or a − 1), still shows ``digits`` of its own; at most 17 (a float's precision)."""
    value, change = abs(float(value)), abs(float(change))
    if not (value > 0.0 and change > 0.0 and math.isfinite(value) and math.isfinite(change)):
        return digits
    extra = math.floor(math.log10(value)) - math.floor(math.log10(change))
    return min(17, digits + max(0, extra))
