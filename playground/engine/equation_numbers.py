"""Numbers written into the lecture's equations (LaTeX for ``st.latex``), and read back.

A page that shows v_dW = 0.9·(−0.3100) + 0.1·0.8400 = −0.1950 writes each number with
``number`` (significant digits) or ``fixed`` (decimals), a factor in parentheses when negative
(``factor``), and each line with :class:`Line`. ``read_number`` turns a written number back into
its value and the half unit of its last digit, so a test can check that the numbers shown
reproduce the result shown to the precision shown.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from playground.engine.config import check_int

DIGITS = 4
"""Significant digits of a number in an equation (0.8400, −1.234 × 10⁻⁵)."""

_LATEX_NUMBER = re.compile(r"^(-?\d+(?:\.(\d*))?)(?:\\times\s*10\^\{(-?\d+)\})?$")


def _latex_exponent(text: str) -> str:
    """ "1.234e-05" → "1.234\\times10^{-5}"; text without an exponent is kept."""
    if "e" not in text:
        return text
    mantissa, exponent = text.split("e")
    return f"{mantissa}\\times10^{{{int(exponent)}}}"


def number(x: float, digits: int = DIGITS) -> str:
    """``x`` to ``digits`` significant digits, trailing zeros kept (0.8400); below 10⁻⁴ or from
    10^digits on in scientific notation (1.234\\times10^{-5})."""
    digits = check_int("digits", digits, 1, 17)
    if not math.isfinite(x):
        return r"\infty" if x > 0 else (r"-\infty" if x < 0 else r"\text{NaN}")
    if x == 0:
        return "0"
    return _latex_exponent(f"{x:#.{digits}g}".rstrip("."))


def rounded(x: float, digits: int = DIGITS) -> float:
    """The value ``number(x, digits)`` shows: ``x`` to ``digits`` significant digits, the
    number the learner reads (and a page computes on when it redoes a step)."""
    return float(f"{float(x):.{check_int('digits', digits, 1, 17)}g}")


def digits_for(value: float, change: float, digits: int = DIGITS) -> int:
    """Significant digits that show ``value`` so that ``change``, a small difference to it (as
    in W − α·dW or ŷ − 1), still shows ``digits`` of its own; at most 17 (a float's precision)."""
    value, change = abs(float(value)), abs(float(change))
    if not (value > 0.0 and change > 0.0 and math.isfinite(value) and math.isfinite(change)):
        return digits
    extra = math.floor(math.log10(value)) - math.floor(math.log10(change))
    return min(17, digits + max(0, extra))


def fixed(x: float, decimals: int) -> str:
    """``x`` with exactly ``decimals`` decimals (0.512347)."""
    decimals = check_int("decimals", decimals, 0, 20)
    return f"{x:.{decimals}f}"


def exact(x: float) -> str:
    """A setting as it was chosen (α = 0.01, β = 0.9, ε = 10^{-8}): shortest exact form."""
    text = f"{x:g}"
    if text.startswith("1e"):
        return f"10^{{{int(text[2:])}}}"
    return _latex_exponent(text)


def decimals_for(value: float, change: float, digits: int = DIGITS) -> int:
    """Decimals that show ``value`` to ``digits`` significant digits and a ``change`` of it to
    ``digits`` − 1 (so W and W − α·dW differ visibly), at most 12."""
    wanted = 0
    for x, keep in ((value, digits), (change, digits - 1)):
        if x != 0 and math.isfinite(x):
            wanted = max(wanted, keep - 1 - math.floor(math.log10(abs(x))))
    return min(wanted, 12)


def factor(text: str) -> str:
    """A written number as a factor: in parentheses when negative, "(-0.3100)"."""
    return f"({text})" if text.startswith("-") else text


def read_number(text: str) -> tuple[float, float]:
    """The value of a written number and the half unit of its last digit (the precision it was
    written to): "0.8400" → (0.84, 5e-05); "1.5\\times10^{-5}" → (1.5e-05, 5e-07);
    "10^{-8}" → (1e-08, 0.0)."""
    text = text.strip().strip("()")
    if text == "0":  # ``number`` writes an exact zero so (v_0 = 0)
        return 0.0, 0.0
    if text.startswith("10^{"):
        return 10.0 ** int(text[4:-1]), 0.0
    match = _LATEX_NUMBER.match(text)
    if match is None:
        raise ValueError(f"not a number written by equation_numbers: {text!r}")
    mantissa, decimals, exponent = match.groups()
    scale = 10.0 ** int(exponent or 0)
    half_unit = 0.5 * 10.0 ** -len(decimals or "") * scale
    return float(mantissa) * scale, half_unit


@dataclass(frozen=True)
class Line:
    """One equation with the run's numbers: ``lhs = formula = filled = result`` (``:=`` for an
    assignment such as W := W − α dW).

    ``numbers`` are the written numbers ``filled`` holds, in order; those also in ``settings``
    are settings of the run (α, β, ε), exact as written. ``result`` is the written value of the
    left-hand side.
    """

    lhs: str
    formula: str
    filled: str
    numbers: tuple[str, ...]
    result: str
    assign: bool = False
    settings: tuple[str, ...] = ()

    @property
    def latex(self) -> str:
        """The line for an ``aligned`` block (aligned at its first sign)."""
        sign = ":=" if self.assign else "="
        return f"{self.lhs} &{sign} {self.formula} = {self.filled} = {self.result}"


def aligned(lines: list[Line]) -> str:
    """The lines one under the other, for ``st.latex``."""
    body = r" \\[4pt] ".join(line.latex for line in lines)
    return rf"\begin{{aligned}} {body} \end{{aligned}}"
