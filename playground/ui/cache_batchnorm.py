"""Cached computations of the batch-normalization page (shared by every session)."""

from __future__ import annotations

import streamlit as st

from playground.engine.experiment import Data, make_data
from playground.topics.batch_norm import model as bn

CACHE = {"max_entries": 32, "ttl": 3600, "show_spinner": False}


@st.cache_data(**CACHE)
def cached_bn_data(values: dict) -> Data:
    """The train/dev split of the page's data settings (standardized)."""
    return make_data(bn.page_values(values))


@st.cache_data(**CACHE)
def cached_sweep(values: dict) -> bn.Sweep:
    """The learning-rate sweep without and with batch norm."""
    return bn.lr_sweep(values, cached_bn_data(values))


@st.cache_data(**CACHE)
def cached_gap(values: dict) -> dict[int, tuple[float, float]]:
    """Train and dev accuracy of the BN network with mini-batches of 8 and 256."""
    return bn.batch_gap(values, cached_bn_data(values))
