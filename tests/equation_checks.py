"""Checks of an equation written with numbers (``equation_numbers.Line``): the numbers shown,
substituted into the formula, give the value shown to the precision shown."""

from __future__ import annotations

import itertools
from collections.abc import Callable

from playground.engine.equation_numbers import Line, read_number


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
