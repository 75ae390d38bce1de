"""Cached computations of the mini-batch page (shared by every session asking the same)."""

from __future__ import annotations

import streamlit as st

from playground.topics.minibatch.model import ContourPaths, compared_batches, contour_paths
from playground.ui.cache import cached_data

CACHE = {"max_entries": 32, "ttl": 3600, "show_spinner": False}


@st.cache_data(**CACHE)
def cached_contour_paths(values: dict) -> ContourPaths:
    """The 2-weight logistic regression's paths and cost grid for the page's settings."""
    data = cached_data(values, None)
    return contour_paths(
        data.X_train,
        data.Y_train,
        compared_batches(values["bs"]),
        values["lr"],
        values["epochs"],
        values["seed"],
    )
