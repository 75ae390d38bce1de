"""Checks of a filled-in equation: the arithmetic redone on the numbers shown gives the result
shown, to the precision shown."""

from __future__ import annotations

import math

from playground.engine.equations import DIGITS


def assert_as_shown(value: float, result: float, digits: int = DIGITS) -> None:
    """``value`` (redone from shown, rounded numbers) agrees with the shown ``result``: within
    one unit of its last digit plus the relative error the rounded inputs carry (10^(1−digits))."""
    unit = 10.0 ** (math.floor(math.log10(abs(result))) - digits + 1) if result else 0.0
    tolerance = unit + 10.0 ** (1 - digits) * abs(result) + 1e-300
    assert abs(value - result) <= tolerance, f"{value!r} ≠ {result!r} as shown ({digits} digits)"
