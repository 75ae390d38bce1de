"""Cached computations of the exponentially-weighted-averages page (shared by every session)."""

from __future__ import annotations

import streamlit as st

from playground.engine.ewma import Smoothed, parse_series, smooth, temperature_series

CACHE = {"max_entries": 64, "ttl": 3600, "show_spinner": False}


@st.cache_data(**CACHE)
def cached_smoothing(values: dict, text: str) -> Smoothed:
    """The series of the page's settings (the temperatures, or ``text`` parsed when
    ``values["src"]`` is "pasted") averaged with β = ``values["beta"]``.

    Raises the core's ValueError for text that is not a list of numbers.
    """
    if values["src"] == "pasted":
        theta = parse_series(text)
    else:
        theta = temperature_series(values["days"], values["dseed"])
    return smooth(theta, values["beta"])
