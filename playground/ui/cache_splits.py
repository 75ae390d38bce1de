"""Cached computations of the train / dev / test page (shared by every session)."""

from __future__ import annotations

import streamlit as st

from playground.engine.nn import Network
from playground.topics.splits import mismatched
from playground.ui.cache import CACHE


@st.cache_data(**CACHE)
def cached_mismatch(
    ds: str, n: int, noise: float, dev: int, shift: str, amount: float, dseed: int, C: int
) -> mismatched.Mismatch:
    """The source split and the shifted dev/test sets."""
    return mismatched.make_mismatch(ds, n, noise, dev, shift, amount, dseed, C)


@st.cache_data(**CACHE)
def cached_source_net(
    ds: str, n: int, noise: float, dev: int, dseed: int, C: int, seed: int
) -> Network:
    """The demo network trained on the source's training set (independent of the shift)."""
    source = mismatched.source_split(ds, n, noise, dev, dseed, C)
    return mismatched.fit_source(source, C, seed)
