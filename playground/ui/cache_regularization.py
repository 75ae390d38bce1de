"""Cached computations of the Regularization page, its runs, and one BLAS thread for its NumPy.

The shared data set comes from ``cache.cached_data``. ``PageRun`` and ``one_blas_thread``
keep OpenBLAS to one thread while the page trains and draws: its matrices are small (at most a
few hundred columns, or the boundary grid), where extra BLAS threads gain little, and on a busy
server (sessions and processes competing for the cores) a multi-threaded OpenBLAS call can stall
for tens of seconds: measured on a loaded 2-core machine, 300 epochs on the 700 augmented points
took 30–50 s with the default threads and 1.5 s with one.
"""

from __future__ import annotations

import math
from contextlib import AbstractContextManager

import streamlit as st
from threadpoolctl import ThreadpoolController

from playground.engine.experiment import Data, Run
from playground.topics.regularization import techniques
from playground.topics.regularization.augment import SETTINGS as AUGMENT_SETTINGS
from playground.topics.regularization.augment import ReflectionCheck, reflection_check
from playground.ui.cache import CACHE, cached_data

_AUGMENT_KEYS = tuple(setting.key for setting in AUGMENT_SETTINGS)


@st.cache_resource(show_spinner=False)
def _threadpools() -> ThreadpoolController:
    """The process's BLAS and OpenMP libraries, found once (a fresh scan costs milliseconds)."""
    return ThreadpoolController()


def one_blas_thread() -> AbstractContextManager:
    """Within the block, NumPy's BLAS uses one thread (the previous count is restored after)."""
    return _threadpools().limit(limits=1, user_api="blas")


class PageRun(Run):
    """A ``Run`` that trains with one BLAS thread (see the module's note) and counts as fully
    progressed once done, so an early-stopped run does not leave the progress bar part-way."""

    def advance(self, seconds: float = math.inf) -> None:
        with one_blas_thread():
            super().advance(seconds)

    @property
    def progress(self) -> float:
        """1 once the run is done (completed, stopped early or by the user), else epochs / N."""
        return 1.0 if self.done else super().progress


def augmented(values: dict) -> Data:
    """The page's training set with its augmented copies (dev set unchanged), cached."""
    return _augmented({key: values[key] for key in (*techniques.DATA_KEYS, *_AUGMENT_KEYS)})


@st.cache_data(**CACHE)
def _augmented(values: dict) -> Data:
    return techniques.augmented_data(cached_data(techniques.data_values(values), None), values)


@st.cache_data(**CACHE)
def cached_reflection_check(values: dict, reflect: str) -> ReflectionCheck:
    """Does mirroring (``reflect``) keep the labels of the page's data set?"""
    data = cached_data(techniques.data_values(values), None)
    return reflection_check(data.X_train, data.Y_train, data.X_dev, data.Y_dev, reflect)
