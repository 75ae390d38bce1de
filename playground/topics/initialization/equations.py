"""The lecture's initialization variances with a run's numbers filled in, for one layer l:

    He:      W^[l] = randn(n^[l], n^[l−1]) · √(2/n^[l−1]),  Var(W^[l]) = 2/n^[l−1]
    Xavier:  W^[l] = randn(n^[l], n^[l−1]) · √(1/n^[l−1]),  Var(W^[l]) = 1/n^[l−1]
    random:  W^[l] = randn(n^[l], n^[l−1]) · scale,         Var(W^[l]) = scale²

beside the variance the drawn weights actually have, (1/N) Σ (w − w̄)² over the N = n^[l] n^[l−1]
weights of the run's untrained network.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from playground.engine.config import check_choice, check_int
from playground.engine.equation_numbers import exact, number, rounded
from playground.engine.nn import Network

DRAWN = ("random", "xavier", "he")
"""The starts whose weights are drawn at random (zeros and a constant have no variance)."""


@dataclass(frozen=True)
class VarianceEquation:
    """The numbers of :attr:`latex` for layer ``layer`` of a run started with ``init``, as shown."""

    init: str
    layer: int
    n: int
    n_prev: int
    numerator: float
    """2 (He), 1 (Xavier) or scale² (random): Var = numerator / n^[l−1] (÷ 1 for random)."""
    target: float
    scale: float
    """√target, what randn is multiplied by."""
    count: int
    square_sum: float
    """Σ (w − w̄)² over the N = ``count`` drawn weights."""
    measured: float
    latex: str


def _target(init: str, n_prev: int, scale: float) -> tuple[float, str, float]:
    """(numerator, its LaTeX with n^[l−1] filled in, Var) of the lecture's rule for ``init``."""
    if init == "random":
        return scale**2, rf"\text{{scale}}^2 = {exact(scale)}^2", scale**2
    numerator = 2.0 if init == "he" else 1.0
    return (
        numerator,
        rf"\frac{{{numerator:g}}}{{n^{{[l-1]}}}} = \frac{{{numerator:g}}}{{{n_prev}}}",
        (numerator / n_prev),
    )


def variance_equation(net: Network, init: str, layer: int, scale: float = 10.0) -> VarianceEquation:
    """Var(W^[l]) by the lecture's rule for ``init`` and as measured on ``net``'s W^[l].

    ``net`` is a run's untrained network drawn with ``init`` (``scale`` is randn's factor of
    the "random" start); ``layer`` is in 1 … L.
    """
    check_choice("init", init, DRAWN)
    layer = check_int("layer", layer, 1, net.L)
    W = np.asarray(net.params[f"W{layer}"], dtype=np.float64)
    n, n_prev = W.shape
    numerator, rule, variance = _target(init, n_prev, scale)
    target, factor = rounded(variance), rounded(np.sqrt(variance))
    count = W.size
    square_sum = rounded(float(((W - W.mean()) ** 2).sum()))
    measured = rounded(float(W.var()))
    lines = (
        rf"W^{{[{layer}]}} &= \mathrm{{randn}}({n}, {n_prev}) \cdot {number(factor)}, \quad "
        rf"\mathrm{{Var}}(W^{{[{layer}]}}) = {rule} = {number(target)}",
        rf"\text{{drawn: }} \frac{{1}}{{N}}\sum_{{i=1}}^{{N}} (w_i - \bar w)^2 &= "
        rf"\frac{{{number(square_sum)}}}{{{count}}} = {number(measured)}",
    )
    latex = r"\begin{aligned}" + r"\\".join(lines) + r"\end{aligned}"
    return VarianceEquation(
        init, layer, n, n_prev, numerator, target, factor, count, square_sum, measured, latex
    )
