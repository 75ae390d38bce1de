"""Cached computations of the gradient-checking page (each takes milliseconds to a few tenths)."""

from __future__ import annotations

import numpy as np
import streamlit as st

from playground.engine.gradcheck import (
    SWEEP,
    GradCheckResult,
    check_network,
    derivative_errors,
    epsilon_sweep,
)

CACHE = {"max_entries": 64, "ttl": 3600, "show_spinner": False}


@st.cache_data(**CACHE)
def cached_derivative_errors(fn: str, theta: float) -> tuple[np.ndarray, np.ndarray]:
    """Two-sided and one-sided errors of f'(θ) over the ε sweep."""
    return derivative_errors(fn, theta, SWEEP)


@st.cache_data(**CACHE)
def cached_check(
    bug: str, lambd: float, activation: str, seed: int, epsilon: float
) -> GradCheckResult:
    """The tiny network's gradient check with ``bug`` planted."""
    return check_network(bug, lambd, activation, seed, epsilon)


@st.cache_data(**CACHE)
def cached_sweep(bug: str, lambd: float, activation: str, seed: int) -> np.ndarray:
    """The network check's overall difference at every ε of the sweep."""
    return epsilon_sweep(bug, lambd, activation, seed, SWEEP)
