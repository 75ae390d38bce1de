"""Exponentially weighted (moving) averages, the idea behind momentum, RMSprop and Adam.

v_0 = 0, v_t = β v_{t−1} + (1 − β) θ_t averages roughly the last 1/(1 − β) values θ; the
bias-corrected v_t / (1 − β^t) removes the pull toward 0 of the first days. Beside the average:
its window, the weights of past values and the day from which bias correction stops mattering.
The page's series, settings and measurements live in :mod:`playground.topics.ewma.model`.
"""

from __future__ import annotations

import math

import numpy as np

from playground.engine.config import check_int, check_range

BIAS_TOLERANCE = 0.01
"""Bias correction "stops mattering" once it changes v_t by less than this fraction (1 %)."""


def ewma(values: np.ndarray, beta: float, bias_correction: bool = False) -> np.ndarray:
    """Exponentially weighted average: v_0 = 0, v_t = β v_{t-1} + (1 − β) θ_t.

    With ``bias_correction`` returns v_t / (1 − β^t), which removes the start-up bias toward 0.
    The average covers roughly the last 1/(1 − β) values.
    """
    beta = check_range("beta", beta, 0.0, 1.0, inclusive_high=False)
    theta = np.asarray(values, dtype=np.float64)
    if theta.ndim != 1:
        raise ValueError(f"values must be a 1-D sequence of numbers; got shape {theta.shape}")
    if not np.isfinite(theta).all():
        raise ValueError("values must hold finite numbers only (no NaN or inf)")
    v = np.empty_like(theta)
    running = 0.0
    for t, value in enumerate(theta):
        running = beta * running + (1.0 - beta) * value
        v[t] = running
    if bias_correction:
        v /= 1.0 - beta ** np.arange(1, theta.size + 1)
    return v


def ewma_weights(beta: float, n: int) -> np.ndarray:
    """Weight of the value k steps back in v_t: (1 − β) β^k, for k = 0 … n-1."""
    beta = check_range("beta", beta, 0.0, 1.0, inclusive_high=False)
    n = check_int("n", n, 0, 100_000)
    return (1.0 - beta) * beta ** np.arange(n)


def window(beta: float) -> float:
    """The number of values v_t roughly averages over: 1 / (1 − β) (β = 0.9 → 10)."""
    beta = check_range("beta", beta, 0.0, 1.0, inclusive_high=False)
    return 1.0 / (1.0 - beta)


def one_over_e_lag(beta: float) -> float:
    """k_e = −1 / ln β, where the weight (1 − β) β^k has fallen to 1/e of the newest one.

    Since β^(1/(1 − β)) ≈ 1/e (the course's 0.9¹⁰ ≈ 0.35 ≈ 1/e), k_e ≈ 1/(1 − β) − ½.
    For β = 0 only the newest value counts and k_e = 0.
    """
    beta = check_range("beta", beta, 0.0, 1.0, inclusive_high=False)
    return 0.0 if beta == 0.0 else -1.0 / math.log(beta)


def newest_share(beta: float, k: float) -> float:
    """Share of v_t's weight carried by the ``k`` newest values: Σ_{j<k} (1 − β) β^j = 1 − β^k.

    With k = 1/(1 − β) this is 1 − β^(1/(1 − β)) ≈ 1 − 1/e ≈ 63 %.
    """
    beta = check_range("beta", beta, 0.0, 1.0, inclusive_high=False)
    k = check_range("k", k, 0.0, 1e9)
    return 1.0 - beta**k


def bias_fades_after(beta: float, tolerance: float = BIAS_TOLERANCE) -> int:
    """First day t at which bias correction changes v_t by less than ``tolerance``.

    The corrected value is v_t / (1 − β^t): it differs from v_t by the factor 1/(1 − β^t),
    which is within ``tolerance`` of 1 once β^t ≤ tolerance / (1 + tolerance) — from
    t = ⌈ln(tolerance / (1 + tolerance)) / ln β⌉ on (β = 0.9 and 1 %: day 44).

    Parameters
    ----------
    beta : float
        β in [0, 1).
    tolerance : float, default 0.01
        Relative change of v_t still counted as "matters", in (0, 1).

    Returns
    -------
    int
        The day t ≥ 1.
    """
    beta = check_range("beta", beta, 0.0, 1.0, inclusive_high=False)
    tolerance = check_range(
        "tolerance", tolerance, 0.0, 1.0, inclusive_low=False, inclusive_high=False
    )
    if beta == 0.0:
        return 1
    # The tiny slack keeps exact powers (β^t exactly at the bound) from rounding up a day.
    days = math.log(tolerance / (1.0 + tolerance)) / math.log(beta)
    return max(1, math.ceil(days - 1e-9))
