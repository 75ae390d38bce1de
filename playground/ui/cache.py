"""The app's cache: core and topic results depend only on their arguments, so sessions share them.

Pages call a topic's model function through ``cached``: ``cached(model.fit)(X, Y, …)`` returns
what ``model.fit(X, Y, …)`` does, computed once for every session that asks the same.
``st.cache_data`` gives each caller a fresh copy, so no session can change another's result;
``entries`` and ``TTL`` bound the memory a busy server spends on it. ``kept`` is the same for
results kept as objects (``st.cache_resource``): figures (unpickling a copy of a Plotly figure
re-validates it, which costs as much as drawing it, and nothing mutates a figure once drawn)
and the page's data set (its arrays read-only, so no session can change another's).

A function's cache is found by its module, name and source, so one function has one cache: wrap
it with the same ``entries`` wherever it is called (Streamlit starts its cache afresh when they
change). Below, the caches every page shares: its data set, a short run and the Bayes error.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from typing import ParamSpec, TypeVar

import numpy as np
import streamlit as st

from playground.engine.data import CsvData
from playground.engine.diagnose import estimate_bayes_error, estimate_bayes_error_from_data
from playground.engine.experiment import Data, make_data

P = ParamSpec("P")
R = TypeVar("R")

ENTRIES = 64
"""Results kept per function unless a call site says otherwise."""
TTL = 3600
"""Seconds a result is kept."""


def cached(
    model: Callable[P, R], entries: int = ENTRIES, spinner: bool | str = False
) -> Callable[P, R]:
    """``model`` with the app's ``st.cache_data`` policy: at most ``entries`` results, each
    kept ``TTL`` seconds; ``spinner`` is the text shown while it computes (False: none)."""
    return _wrapped(st.cache_data, model, entries, spinner)


def kept(draw: Callable[P, R], entries: int = ENTRIES) -> Callable[P, R]:
    """``draw`` with the app's ``st.cache_resource`` policy, for figures: the object itself is
    returned to every caller (arguments whose name starts with "_" are not hashed)."""
    return _wrapped(st.cache_resource, draw, entries, False)


def _wrapped(kind: Callable, function: Callable, entries: int, spinner: bool | str) -> Callable:
    """Wrapping reads the function's source (a few milliseconds), so a function of the package
    is wrapped once per policy. One defined in a page script is wrapped at every call: it is a
    new object at every rerun, and keeping it would keep that session's page alive."""
    wrap = _wrap_once if function.__module__.startswith("playground.") else _wrap
    return wrap(kind, function, entries, spinner)


def _wrap(kind: Callable, function: Callable, entries: int, spinner: bool | str) -> Callable:
    return kind(function, max_entries=entries, ttl=TTL, show_spinner=spinner)


_wrap_once = cache(_wrap)


DATA_KEYS = ("ds", "n", "noise", "dseed", "C", "dev", "std")
"""The settings ``make_data`` reads: only they are hashed to find a page's data set."""


def cached_data(values: dict, csv: CsvData | None) -> Data:
    """The page's data set (generated, or the uploaded CSV), split and standardized: one
    object for every session that asks the same, its arrays read-only (a class on one scene
    hashes a few settings and shares one data set, rather than unpickling a copy per run)."""
    settings = {key: values[key] for key in DATA_KEYS if key in values}
    return kept(_read_only_data)(settings, csv)


def _read_only_data(settings: dict, csv: CsvData | None) -> Data:
    data = make_data(settings, csv)
    for array in (data.X_train, data.Y_train, data.X_dev, data.Y_dev):
        array.flags.writeable = False
    return data


def _bayes_error(values: dict, n_classes: int) -> float:
    """Estimated best possible error of the data set ``values`` names (k-NN on a large fresh
    sample)."""
    return estimate_bayes_error(values["ds"], values["noise"], n_classes, seed=values["dseed"])


BAYES_KEYS = ("ds", "noise", "dseed")
"""The settings that name a generated data set and its noise, which the Bayes error depends on."""


def bayes_error_of(values: dict, data: Data) -> float:
    """The Bayes-error estimate every diagnosis of a run on ``data`` reads (the page's own and
    the A vs B comparison's): of the generated data set the page's ``values`` name (a large
    fresh sample), or of ``data``'s own train and dev examples when they were uploaded."""
    if all(key in values for key in BAYES_KEYS) and data.source == values["ds"]:
        named = {key: values[key] for key in BAYES_KEYS}
        return cached(_bayes_error)(named, data.n_classes)
    X = np.hstack([data.X_train, data.X_dev])
    return cached(estimate_bayes_error_from_data)(X, np.hstack([data.Y_train, data.Y_dev]))
