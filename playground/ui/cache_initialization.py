"""Cached data of the initialization page: the same settings give the same train and dev sets."""

from __future__ import annotations

import streamlit as st

from playground.engine.course_data import course_data
from playground.engine.experiment import Data

CACHE = {"max_entries": 32, "ttl": 3600, "show_spinner": False}


@st.cache_data(**CACHE)
def cached_init_data(ds: str, m: int, noise: float, dseed: int) -> Data:
    """The training set (seed dseed) and dev set (seed dseed + 1) of the page's settings."""
    return course_data(ds, m, noise, dseed)
