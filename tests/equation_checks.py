"""Checks of an equation written with numbers: the numbers shown, substituted into the formula,
give the value shown to the precision shown.

``check_line`` checks one ``equation_numbers.Line`` (lhs = formula = filled = result) from its
written text; ``assert_as_shown`` checks one step of a multi-step derivation (a fraction, then its
value) from the rounded numbers (``equation_numbers.rounded``) a topic's equation keeps.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable

from playground.engine.equation_numbers import DIGITS, Line, read_number


def check_line(line: Line, formula: Callable[..., float], actual: float) -> None:
    """The numbers shown in ``line``, moved anywhere within their last digit, give a range of
    values of ``formula`` that holds the ``actual`` value (the run's own); the result shown is
    ``actual`` rounded; and the numbers carry 4 significant digits (the check is not vacuous)."""
    position = 0
    for text in line.numbers:  # the numbers listed are the ones written, in order
        position = line.filled.index(text, position) + len(text)
    parsed = [
        (read_number(text)[0], 0.0) if text in line.settings else read_number(text)
        for text in line.numbers
    ]
    corners = [
        formula(*(value + sign * half for (value, half), sign in zip(parsed, signs, strict=True)))
        for signs in itertools.product((-1, 1), repeat=len(parsed))
    ]
    shown, half = read_number(line.result)
    assert min(corners) - half <= actual <= max(corners) + half, (line.latex, actual)
    assert abs(shown - actual) <= half * (1 + 1e-9), (line.result, actual)
    assert half <= 5e-4 * abs(actual) + 1e-300 or line.assign, line.result
    for value, half_unit in parsed:
        assert half_unit <= 5e-4 * abs(value) + 1e-12, (line.latex, value, half_unit)


def assert_as_shown(value: float, result: float, digits: int = DIGITS) -> None:
    """``value`` (redone from shown, rounded numbers) agrees with the shown ``result``: within
    one unit of its last digit plus the relative error the rounded inputs carry (10^(1−digits))."""
    unit = 10.0 ** (math.floor(math.log10(abs(result))) - digits + 1) if result else 0.0
    tolerance = unit + 10.0 ** (1 - digits) * abs(result) + 1e-300
    assert abs(value - result) <= tolerance, f"{value!r} ≠ {result!r} as shown ({digits} digits)"
