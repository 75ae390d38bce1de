"""Cached computations of the saddle-points page (shared by every session asking the same)."""

from __future__ import annotations

import streamlit as st

from playground.topics.saddles.model import (
    COMPARED,
    RATE_KEYS,
    Escape,
    HessianCensus,
    dimension_grid,
    escape,
    hessian_census,
)

CACHE = {"max_entries": 32, "ttl": 3600, "show_spinner": False}


@st.cache_data(**CACHE)
def cached_escape(values: dict) -> Escape:
    """Every compared optimizer from the common start of ``values["surface"]``."""
    rates = {name: values[RATE_KEYS[name]] for name in COMPARED}
    return escape(
        values["surface"],
        rates,
        values["steps"],
        values["w2"],
        values["beta"],
        beta2=values["rms_beta"],
    )


@st.cache_data(max_entries=16, ttl=3600, show_spinner="Diagonalizing random Hessians…")
def cached_census(n_max: int, samples: int, seed: int) -> HessianCensus:
    """Negative-eigenvalue counts of ``samples`` random Hessians per n, n = 1 … ``n_max``."""
    return hessian_census(dimension_grid(n_max), samples, seed)
