"""Cached computations of the frameworks page."""

from __future__ import annotations

import time

import streamlit as st

from playground.engine.experiment import Run, run_work
from playground.topics.frameworks.model import Comparison, fit_sklearn, minimize
from playground.ui.cache import cached_data

CACHE = {"max_entries": 32, "ttl": 3600, "show_spinner": False}


@st.cache_data(**CACHE)
def cached_path(cost: str, optimizer: str, learning_rate: float, steps: int, w0: float):
    return minimize(cost, optimizer, learning_rate, steps, w0)


COMPARE_ASKED = "frameworks:compare"
"""Session key of the settings whose long comparison the learner asked for."""


def comparison_work(values: dict) -> float:
    """epochs × examples × weights of one of the two trainings (ValueError past ``MAX_WORK``)."""
    run = Run(values | {"opt": "adam", "sched": "constant", "es": 0}, cached_data(values, None))
    return run_work(run.epochs, run.data.X_train.shape[1], run.net)


def ask_comparison(values: dict) -> None:
    """The ▶ Compare button: train the comparison of these settings, however long it takes."""
    st.session_state[COMPARE_ASKED] = values


@st.cache_data(**CACHE)
def cached_comparison(values: dict) -> tuple[Comparison, Comparison]:
    """The page's network trained by this core (Adam) and by scikit-learn's MLPClassifier."""
    data = cached_data(values, None)
    run = Run(values | {"opt": "adam", "sched": "constant", "es": 0}, data)
    start = time.perf_counter()
    run.advance()
    seconds = time.perf_counter() - start
    train_error, dev_error = run.errors()
    core = Comparison("this NumPy core", run.net, 1 - dev_error, 1 - train_error, seconds)
    batch = None if values["bs"] == "full" else int(values["bs"])
    hidden = [values[f"h{l}"] for l in range(1, values["layers"] + 1)]
    sklearn = fit_sklearn(
        data.X_train,
        data.Y_train,
        data.X_dev,
        data.Y_dev,
        hidden,
        values["act"],
        values["lr"],
        values["epochs"],
        batch,
        values["l2"],
        values["seed"],
    )
    return core, sklearn
