"""Cached computations of the saddle-points page (shared by every session asking the same)."""

from __future__ import annotations

import streamlit as st

from playground.topics.saddles.escaping import Escape, page_escape
from playground.topics.saddles.hessians import HessianCensus, dimension_grid, hessian_census

CACHE = {"max_entries": 32, "ttl": 3600, "show_spinner": False}


@st.cache_data(**CACHE)
def cached_escape(values: dict) -> Escape:
    """Every compared optimizer from the common start of ``values["surface"]``."""
    return page_escape(values)


@st.cache_data(max_entries=16, ttl=3600, show_spinner="Diagonalizing random Hessians…")
def cached_census(n_max: int, samples: int, seed: int) -> HessianCensus:
    """Negative-eigenvalue counts of ``samples`` random Hessians per n, n = 1 … ``n_max``."""
    return hessian_census(dimension_grid(n_max), samples, seed)
