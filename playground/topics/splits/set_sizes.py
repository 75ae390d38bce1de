"""How big the train, dev and test sets should be as the data grows.

m examples are cut with fractions (f_train, f_dev, f_test); the dev and test parts get
m_dev = max(1, ⌊f_dev·m⌋) and m_test = max(1, ⌊f_test·m⌋) examples (0 for a zero fraction) and
the training set the rest, exactly as :func:`playground.engine.data.split` cuts real arrays. A
dev set only has to be big enough to tell two models apart: an error rate p measured on m_dev
examples is known to within ±z·√(p(1 − p)/m_dev) (95 % for z = 1.96), so with a million
examples 1 % — 10 000 dev examples — is plenty, while with a thousand the classic 60/20/20 is
needed.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from playground.engine.config import check_int, check_range
from playground.engine.data import _check_fractions, _part_size

MAX_M = 10**9
"""Largest data-set size :func:`split_sizes` counts (sizes only: no arrays are made)."""
SIZES = (100, 200, 500, 1000, 2000, 5000, 10_000, 20_000, 50_000, 100_000, 200_000, 500_000)
SIZES += (1_000_000,)
"""The m offered by the page's log slider, 10² … 10⁶."""
PERCENTS = (0.0, 0.1, 0.2, 0.5, 1.0, 2.0, 5.0, 10.0, 20.0, 25.0, 30.0, 40.0, 50.0)
"""Test percentages offered for the user's own ratio (0: no test set); dev leaves out 0."""
RULES = {"classic 60/20/20": (0.6, 0.2, 0.2), "modern 98/1/1": (0.98, 0.01, 0.01)}
"""The course's two rules of thumb: small data (≤ ~10 000 examples) and big data (~10⁶)."""
Z_95 = 1.96
"""z of a two-sided 95 % confidence interval."""
REFERENCE_ERROR = 0.05
"""The error rate p whose measurement precision the page reports (a 5 % error)."""
PLENTY = 0.005
"""A margin of error at most this (±0.5 points) is "plenty to compare models"."""
TOO_NOISY = 0.02
"""A margin of error above this (±2 points) is too noisy to compare models."""


def split_sizes(m: int, fractions: tuple[float, ...]) -> tuple[int, int, int]:
    """(m_train, m_dev, m_test) of m examples cut with ``fractions`` as ``data.split`` cuts.

    m_dev = max(1, ⌊f_dev·m⌋) if f_dev > 0 else 0, m_test likewise, m_train = m − m_dev − m_test.

    Parameters
    ----------
    m : int
        Examples in [1, MAX_M].
    fractions : tuple of float
        (train, dev, test) or (train, dev), each in [0, 1], train > 0, summing to 1.

    Raises
    ------
    ValueError
        Naming the argument if m or a fraction is out of range, or if no training example is
        left.
    """
    m = check_int("m", m, 1, MAX_M)
    _, dev, test = _check_fractions(fractions)
    m_dev, m_test = _part_size(dev, m), _part_size(test, m)
    m_train = m - m_dev - m_test
    if m_train < 1:
        raise ValueError(f"m must leave at least one training example; got {m} for {fractions}")
    return m_train, m_dev, m_test


def error_margin(m_dev: int, error: float = REFERENCE_ERROR, z: float = Z_95) -> float:
    """Margin of error of an error rate measured on m_dev examples: z·√(p(1 − p)/m_dev).

    An error rate p measured on m_dev examples is a binomial proportion; its standard error
    is √(p(1 − p)/m_dev). With z = 1.96 the true error lies within ± this margin 95 % of the
    time: 10 000 dev examples at p = 5 % give ±0.43 %, 100 give ±4.3 %.

    Raises
    ------
    ValueError
        If m_dev < 1, error is not in [0, 1] or z is not in (0, 10].
    """
    m_dev = check_int("m_dev", m_dev, 1, MAX_M)
    p = check_range("error", error, 0.0, 1.0)
    z = check_range("z", z, 0.0, 10.0, inclusive_low=False)
    return z * math.sqrt(p * (1.0 - p) / m_dev)


@dataclass(frozen=True)
class SplitRow:
    """One ratio applied to m examples: its name, fractions, sizes and the dev set's margin."""

    name: str
    fractions: tuple[float, float, float]
    sizes: tuple[int, int, int]
    """(m_train, m_dev, m_test)."""
    margin: float
    """``error_margin(m_dev)``: how precisely the dev set measures a 5 % error."""


def _percent(value: float) -> str:
    return f"{value:g}"


def user_fractions(dev_percent: float, test_percent: float) -> tuple[float, float, float]:
    """(train, dev, test) fractions from dev and test percentages; train gets the rest.

    Raises
    ------
    ValueError
        If a percentage is not in [0, 100], dev_percent is 0, or together they leave no
        training set (dev % + test % ≥ 100).
    """
    dev = check_range("dev_percent", dev_percent, 0.0, 100.0, inclusive_low=False)
    test = check_range("test_percent", test_percent, 0.0, 100.0)
    if dev + test >= 100.0:
        raise ValueError(
            f"dev_percent + test_percent must stay below 100 so the training set keeps "
            f"examples; got {_percent(dev)} + {_percent(test)} = {_percent(dev + test)}"
        )
    train = 100.0 - dev - test
    return train / 100, dev / 100, test / 100


def split_table(
    m: int, dev_percent: float | None = None, test_percent: float | None = None
) -> tuple[SplitRow, ...]:
    """The classic 60/20/20 and the modern 98/1/1 applied to m examples, then the user's ratio
    if ``dev_percent`` is given, named like "yours 90/5/5" (train/dev/test percentages).

    Raises
    ------
    ValueError
        As :func:`split_sizes` and :func:`user_fractions`.
    """
    ratios = list(RULES.items())
    if dev_percent is not None:
        fractions = user_fractions(dev_percent, 0.0 if test_percent is None else test_percent)
        name = "yours " + "/".join(_percent(round(100 * f, 6)) for f in fractions)
        ratios.append((name, fractions))
    rows = []
    for label, parts in ratios:
        sizes = split_sizes(m, parts)
        rows.append(SplitRow(label, parts, sizes, error_margin(sizes[1])))
    return tuple(rows)


def count_text(n: int) -> str:
    """A count with narrow spaces between thousands, as on a slide: 10 000."""
    return f"{int(n):,}".replace(",", "\u202f")


def _margin_text(margin: float) -> str:
    return f"±{margin:.1%}" if margin >= 0.01 else f"±{margin:.2%}"


def table_columns(rows: tuple[SplitRow, ...]) -> dict[str, list[str]]:
    """Columns of the split table: ratio, train, dev, test (counts as 10 000) and the margin of
    a 5 % error measured on the dev set ("±0.43%")."""
    if not rows or not all(isinstance(row, SplitRow) for row in rows):
        raise ValueError("rows must be a non-empty tuple of SplitRow")
    columns = {"ratio": [row.name for row in rows]}
    for i, part in enumerate(("train", "dev", "test")):
        columns[part] = [count_text(row.sizes[i]) for row in rows]
    columns["5% error ±"] = [_margin_text(row.margin) for row in rows]
    return columns


def _precision(margin: float) -> str:
    if margin <= PLENTY:
        return "plenty to compare models"
    if margin > TOO_NOISY:
        return "too noisy to tell two models apart"
    return "enough for large differences, not for fine ones"


def explain_split(rows: tuple[SplitRow, ...]) -> str:
    """Sentences on what each ratio's dev set can measure, for the rows of :func:`split_table`."""
    if not rows or not all(isinstance(row, SplitRow) for row in rows):
        raise ValueError("rows must be a non-empty tuple of SplitRow")
    m = sum(rows[0].sizes)
    lines = []
    for row in rows:
        m_dev = row.sizes[1]
        share = _percent(round(100 * row.fractions[1], 6))
        noun = "example" if m_dev == 1 else "examples"
        lines.append(
            f"**{row.name}**: {share}% is {count_text(m_dev)} dev {noun} — a 5% error is "
            f"measured to within {_margin_text(row.margin)}: {_precision(row.margin)}."
        )
    classic, modern = rows[0], rows[1]
    if modern.margin <= PLENTY:
        held = classic.sizes[1] + classic.sizes[2]
        verdict = (
            f"With m = {count_text(m)}, the modern split is enough; 60/20/20 would hold "
            f"{count_text(held)} examples back from training for no gain."
        )
    elif modern.margin > TOO_NOISY:
        verdict = (
            f"With only m = {count_text(m)} examples, 1% is too few: keep the classic 60/20/20 "
            "(or 70/30 without a test set)."
        )
    else:
        verdict = f"With m = {count_text(m)}, a dev share between the two rules is a fair choice."
    return "  \n".join([verdict, *lines])
