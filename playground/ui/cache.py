"""Cached core computations: results depend only on their arguments, so sessions share them.

``st.cache_data`` returns a fresh copy to every caller, so no session can change another's
result; ``max_entries`` and ``ttl`` bound the memory a busy server spends on it.
"""

from __future__ import annotations

import streamlit as st

from playground.data import CsvData
from playground.diagnose import estimate_bayes_error, estimate_bayes_error_from_data
from playground.experiment import Data, Run, make_data

CACHE = {"max_entries": 64, "ttl": 3600, "show_spinner": False}


@st.cache_data(**CACHE)
def cached_data(values: dict, csv: CsvData | None) -> Data:
    """The page's data set (generated, or the uploaded CSV), split and standardized."""
    return make_data(values, csv)


@st.cache_data(**CACHE)
def cached_quick_run(values: dict, csv: CsvData | None) -> Run:
    """A short run trained to the end."""
    run = Run(values, cached_data(values, csv))
    run.advance()
    return run


@st.cache_data(**CACHE)
def cached_bayes_error(values: dict, csv: CsvData | None, n_classes: int) -> float:
    """Estimated best possible error of the data set (k-NN on a large fresh sample)."""
    if csv is not None:
        return estimate_bayes_error_from_data(csv.X, csv.Y)
    return estimate_bayes_error(values["ds"], values["noise"], n_classes, seed=values["dseed"])
