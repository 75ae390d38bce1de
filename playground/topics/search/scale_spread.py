"""Why the right scale depends on the range: a searched range drawn uniformly and on its ratio
scale, and how each set of draws spreads over the tenths of the ratio axis.

The lecture: hidden units in 50 … 100 or hidden layers in 2 … 4 may be sampled uniformly, but α
in 0.0001 … 1 needs a log scale and β in 0.9 … 0.999 the scale β = 1 − 10^r. Cut the ratio axis
(r = log₁₀ value, or r = log₁₀(1 − β) for a β) into ten equal tenths. Draws on the ratio scale
give each tenth a tenth of the draws; uniform draws give tenth k the share (its width in
value) / (high − low). When high/low is small that is close to a tenth everywhere (50 … 100:
7 % … 13 %); when the range spans decades the low tenths get next to nothing (α in 0.0001 … 1:
60 % of the draws in the top tenth, under 1 % in each of the five lowest).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

import numpy as np

from playground.engine.config import check_choice, check_int, check_seed
from playground.engine.search_space import Param
from playground.engine.tuning import Range, check_space
from playground.topics.search.sampling import measure as search_measure
from playground.topics.search.settings import searched

TENTHS = 10
"""The ratio axis is cut into this many equal parts."""
DRAWS = 1000
"""Draws of each scale shown on the page: enough for shares steady to about ±1 %."""
EVEN_ENOUGH = 0.05
"""Uniform draws spread well enough when every tenth gets at least this share (half of the
10 % each tenth gets on the ratio scale)."""
RATIO_SCALES = ("log", "one_minus_log")


@dataclass(frozen=True)
class Spread:
    """Draws of one range, uniform ("linear") and on its ratio scale, counted per tenth.

    ``edges`` holds the TENTHS + 1 values from low to high that cut the ratio axis into equal
    tenths; ``counts[scale][k]`` is how many of that scale's draws fall in tenth k.
    """

    name: str
    low: float
    high: float
    ratio_scale: str
    edges: np.ndarray
    counts: dict[str, np.ndarray]

    @property
    def draws(self) -> int:
        return int(self.counts["linear"].sum())

    def shares(self, scale: str) -> np.ndarray:
        """Share of ``scale``'s draws in each tenth (they add up to 1)."""
        return self.counts[scale] / self.draws

    def share_between(self, scale: str, first: int, last: int) -> float:
        """Share of ``scale``'s draws in tenths first … last − 1, edges[first] … edges[last]."""
        return float(self.counts[scale][first:last].sum() / self.draws)

    @property
    def sparse(self) -> np.ndarray:
        """The tenths that uniform draws leave with less than ``EVEN_ENOUGH`` of the draws."""
        return np.flatnonzero(self.shares("linear") < EVEN_ENOUGH)

    @property
    def uniform_is_even(self) -> bool:
        """True when uniform draws give every tenth at least ``EVEN_ENOUGH``."""
        return self.sparse.size == 0


def spread(
    name: str, low: float, high: float, ratio_scale: str, draws: int = DRAWS, seed: int = 0
) -> Spread:
    """``draws`` values of hyperparameter ``name`` in [low, high] drawn uniformly and as many on
    ``ratio_scale`` ("log": 10^r, "one_minus_log": 1 − 10^r, r uniform), from ``RandomState(
    seed)`` (first the uniform draws), counted in the ten tenths of the ratio axis. The draws
    are not rounded, also for an integer hyperparameter (rounding comes after the scale).

    Raises
    ------
    ValueError
        If the range is empty or outside ``SEARCHABLE``, the ratio scale does not fit it (a log
        scale from 0), or ``draws`` is not in [TENTHS, 100 000].
    """
    check_choice("ratio_scale", ratio_scale, RATIO_SCALES)
    (ratio,) = check_space([Range(name, low, high, ratio_scale)])
    uniform = Range(name, low, high)
    if not low < high:
        raise ValueError(f"{name}: low ({low}) must be below high ({high}) to spread draws")
    draws = check_int("draws", draws, TENTHS, 100_000)
    rng = np.random.RandomState(check_seed("seed", seed))
    values = {"linear": uniform.values(rng.rand(draws)), ratio_scale: ratio.values(rng.rand(draws))}
    edges = ratio.values(np.linspace(0.0, 1.0, TENTHS + 1))
    edges[0], edges[-1] = low, high
    counts = {scale: np.histogram(v, bins=edges)[0] for scale, v in values.items()}
    return Spread(name, float(low), float(high), ratio_scale, edges, counts)


def axis_name(ratio_scale: str, symbol: str) -> str:
    """ "log₁₀ α" or "log₁₀(1 − β₁)": the ratio axis in the course's symbols."""
    check_choice("ratio_scale", ratio_scale, RATIO_SCALES)
    return f"log₁₀ {symbol}" if ratio_scale == "log" else f"log₁₀(1 − {symbol})"


class Searched(NamedTuple):
    """A hyperparameter the page searches, its range, and the spread of its draws (None when
    only a linear scale fits: a log scale cannot start at 0, and one value has no spread)."""

    param: Param
    low: float
    high: float
    spread: Spread | None


def page_spreads(values: dict, seed: int = 0) -> list[Searched]:
    """The hyperparameters the search page's ``values`` search, in page order, each with the
    spread of ``DRAWS`` draws on each scale; a range with low > high is left out (the search
    reports it)."""
    result = []
    for p in searched(values):
        low, high = values[f"{p.code}_lo"], values[f"{p.code}_hi"]
        if low > high:
            continue
        fits = low < high and (p.ratio_scale == "one_minus_log" or low > 0)
        s = spread(p.name, low, high, p.ratio_scale, seed=seed) if fits else None
        result.append(Searched(p, low, high, s))
    return result


def spread_text(item: Searched, chosen: str) -> str:
    """What the spread of ``item``'s draws says about its scale, from the counts drawn, and
    which scale (``chosen``) the search uses."""
    p, s = item.param, item.spread
    check_choice("chosen", chosen, p.scales)
    used = f" This search draws it on the **{chosen}** scale."
    head = f"**{p.symbol} {item.low:g} … {item.high:g}**: "
    if s is None:
        why = (
            "one value has no spread" if item.low == item.high else "a log scale cannot start at 0"
        )
        return head + f"only the linear scale fits ({why})." + used
    uniform, ratio = s.shares("linear"), s.shares(s.ratio_scale)
    text = head + (
        f"drawn uniformly, the tenths of the {axis_name(s.ratio_scale, p.symbol)} axis get "
        f"{uniform.min():.0%} to {uniform.max():.0%} of the draws; on the {s.ratio_scale} scale "
        f"{ratio.min():.0%} to {ratio.max():.0%}. "
    )
    if s.uniform_is_even:
        return text + "Uniform spreads them about as evenly: either scale works here." + used
    first, last = int(s.sparse.min()), int(s.sparse.max()) + 1
    return (
        text + f"Uniform leaves {s.sparse.size} of the {TENTHS} tenths with under "
        f"{EVEN_ENOUGH:.0%} each: {s.edges[first]:.3g} … {s.edges[last]:.3g} gets "
        f"{s.share_between('linear', first, last):.0%} of the uniform draws against "
        f"{s.share_between(s.ratio_scale, first, last):.0%} on the {s.ratio_scale} scale — use "
        f"the {s.ratio_scale} scale." + used
    )


def measure(values: dict) -> dict[str, object]:
    """What the search page shows for its settings, by name: the quantities of
    :func:`playground.topics.search.sampling.measure` and, for each hyperparameter it searches
    whose range has a spread, whether uniform draws spread about as evenly as its ratio scale
    ("<code>_uniform_even", with ``Param.code`` such as "lr" or "units":
    :attr:`Spread.uniform_is_even`)."""
    shown = search_measure(values)
    for item in page_spreads(values, values["rseed"]):
        if item.spread is not None:
            shown[f"{item.param.code}_uniform_even"] = item.spread.uniform_is_even
    return shown
