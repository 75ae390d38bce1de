"""Cached core computations: results depend only on their arguments, so sessions share them.

``st.cache_data`` returns a fresh copy to every caller, so no session can change another's
result; ``max_entries`` and ``ttl`` bound the memory a busy server spends on it.
"""

from __future__ import annotations

import numpy as np
import streamlit as st

from playground.engine.data import CsvData
from playground.engine.diagnose import estimate_bayes_error, estimate_bayes_error_from_data
from playground.engine.experiment import Data, Run, make_data

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


@st.cache_data(**CACHE)
def cached_bayes_error_of_examples(X: np.ndarray, Y: np.ndarray) -> float:
    """Estimated best possible error of the examples X (n_x, m), Y (1, m) themselves (k-NN)."""
    return estimate_bayes_error_from_data(X, Y)


BAYES_KEYS = ("ds", "noise", "dseed")
"""The settings that name a generated data set and its noise, which the Bayes error depends on."""


def bayes_error_of(values: dict, data: Data) -> float:
    """The Bayes-error estimate every diagnosis of a run on ``data`` reads (the page's own and
    the A vs B comparison's): of the generated data set the page's ``values`` name (a large
    fresh sample), or of ``data``'s own train and dev examples when they were uploaded."""
    if all(key in values for key in BAYES_KEYS) and data.source == values["ds"]:
        named = {key: values[key] for key in BAYES_KEYS}
        return cached_bayes_error(named, None, data.n_classes)
    X = np.hstack([data.X_train, data.X_dev])
    return cached_bayes_error_of_examples(X, np.hstack([data.Y_train, data.Y_dev]))
