"""Cached learning curves and model-size sweeps of the bias-variance page (shared by sessions).

Each curve is one cached call, so the page can show a progress bar between curves and a
change of one model recomputes only that model's curve.
"""

from __future__ import annotations

import streamlit as st

from playground.engine import fitting
from playground.topics.bias_variance import curves
from playground.ui.cache import CACHE, cached_data


@st.cache_data(**CACHE)
def cached_learning_curve(
    data_values: dict, model: fitting.Model, epochs: int, lr: float, seed: int
) -> curves.Curve:
    """Train and dev error of ``model`` on growing slices of the page's training set."""
    data = cached_data(data_values, None)
    return curves.learning_curve(
        data.X_train,
        data.Y_train,
        data.X_dev,
        data.Y_dev,
        model,
        None,
        data.n_classes,
        epochs,
        lr,
        seed,
    )


@st.cache_data(**CACHE)
def cached_size_sweep(
    data_values: dict,
    units: tuple[int, ...],
    lambd: float,
    keep_prob: float,
    epochs: int,
    lr: float,
    seed: int,
) -> curves.Curve:
    """Train and dev error of two-hidden-layer networks of each width in ``units``."""
    data = cached_data(data_values, None)
    return curves.model_size_sweep(
        data.X_train,
        data.Y_train,
        data.X_dev,
        data.Y_dev,
        units,
        2,
        lambd,
        keep_prob,
        data.n_classes,
        epochs,
        lr,
        seed,
    )
