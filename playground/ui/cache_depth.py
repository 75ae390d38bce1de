"""Cached computations of the vanishing-gradients page (shared by every session).

One forward and one backward pass through up to 50 layers per network: milliseconds each, but a
page shows five networks and every result depends only on its arguments.
"""

from __future__ import annotations

import streamlit as st

from playground.topics.vanishing_gradients.model import SignalNorms, compare_inits, identity_network

CACHE = {"max_entries": 128, "ttl": 3600, "show_spinner": False}


@st.cache_data(**CACHE)
def cached_identity(depth: int, width: int, a: float, activation: str, seed: int) -> SignalNorms:
    """Part 1: W[l] = a·I through ``depth`` layers."""
    return identity_network(depth, width, a, activation, seed)


@st.cache_data(**CACHE)
def cached_inits(
    depth: int, width: int, activation: str, init_scale: float, seed: int
) -> dict[str, SignalNorms]:
    """Part 2: the same network under each initialization."""
    return compare_inits(depth, width, activation, init_scale, seed)
