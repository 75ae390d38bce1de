"""Cached computations of the pandas-vs-caviar page (shared by every session)."""

from __future__ import annotations

import time

import streamlit as st

from playground.topics.pandas_caviar import model as babysit
from playground.ui.cache import CACHE, cached_data


@st.cache_data(**CACHE)
def cached_caviar(values: dict, data_values: dict) -> dict:
    """The caviar models trained on the data of ``data_values``: their trials, the seconds it
    took, the best one's index and their dev-cost curves."""
    start = time.perf_counter()
    trials = babysit.caviar(values, cached_data(data_values, None))
    seconds = time.perf_counter() - start
    best = babysit.best_trial(trials)
    curves = babysit.dev_cost_curves(trials)
    return {"trials": trials, "seconds": seconds, "best": best, "curves": curves}
