"""Exponentially weighted (moving) averages, the idea behind momentum, RMSprop and Adam."""

from __future__ import annotations

import numpy as np

from playground.config import check_int, check_range


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
