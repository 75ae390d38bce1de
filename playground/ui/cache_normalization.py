"""Cached computations of the normalizing-inputs page (shared by every session).

The two cost maps (a fit and a 90 × 90 grid each) depend on the scale of x₁ only, so changing
α or the number of steps only reruns the two descents. Every result depends only on its
arguments.
"""

from __future__ import annotations

import streamlit as st

from playground.topics.normalization.model import (
    Descent,
    DevCheck,
    Problem,
    descend_both,
    dev_check,
    make_problem,
)

CACHE = {"max_entries": 64, "ttl": 3600, "show_spinner": False}


@st.cache_data(**CACHE)
def cached_problem(ratio: float) -> Problem:
    """The training set before and after standardizing, with J over (w₁, w₂) for each."""
    return make_problem(ratio)


@st.cache_data(**CACHE)
def cached_descents(ratio: float, learning_rate: float, steps: int) -> tuple[Descent, Descent]:
    """Gradient descent with the same α on the raw and on the standardized inputs."""
    return descend_both(cached_problem(ratio), learning_rate, steps)


@st.cache_data(**CACHE)
def cached_dev_check(ratio: float, shift: float) -> DevCheck:
    """A (shifted) dev set standardized with the training μ, σ and with its own."""
    return dev_check(ratio, shift)
