"""Sidebar sections of controls: data, network, regularization, optimizer, training.

Each section draws the widgets a page needs and returns their values by key. ``all_values`` fills
in the defaults of settings a page did not show, so the core always gets a complete set.
"""

from __future__ import annotations

import streamlit as st

from playground.engine import settings as spec
from playground.engine.config import coerce_settings
from playground.engine.data import MULTICLASS_DATASETS, CsvData, load_csv_with_names
from playground.ui.text import plain
from playground.ui.widgets import read


def _by_key(*keys: str) -> list:
    return [spec.ALL[key] for key in keys]


def data_controls(upload: bool = True) -> tuple[dict, CsvData | None]:
    """Data set, noise, examples, classes, dev share, standardization and data seed.

    With ``upload``, also a CSV uploader; returns the parsed CSV (or None). A bad file shows
    ``st.error`` with the parser's message and the generated data set is used instead.
    """
    box = st.sidebar.expander("Data", expanded=True)
    values = read(_by_key("ds"), box)
    keys = ["noise", "n"] + (["C"] if values["ds"] in MULTICLASS_DATASETS else [])
    values |= read(_by_key(*keys, "dev", "std", "dseed"), box)
    csv = None
    if upload:
        file = box.file_uploader(
            "…or upload a CSV",
            type=["csv", "txt"],
            key="csv",
            help="Columns x1, x2[, …], label; a header row is optional. Up to 5 MB. "
            "An uploaded file is not part of the shareable URL.",
        )
        if file is not None:
            try:
                csv = load_csv_with_names(file)
            except ValueError as error:
                st.error(plain(f"Could not use {file.name}: {error}"))
    return values, csv


def network_controls() -> dict:
    """Hidden layers and their widths, activation, initialization (and its scale for random)."""
    box = st.sidebar.expander("Network", expanded=True)
    values = read(_by_key("layers"), box)
    widths = [f"h{l}" for l in range(1, values["layers"] + 1)]
    values |= read(_by_key(*widths, "act", "init"), box)
    if values["init"] == "random":
        values |= read(_by_key("iscale"), box)
    return values


def regularization_controls(layers: int) -> dict:
    """L2, L1, dropout keep_prob per hidden layer, batch norm and early stopping."""
    box = st.sidebar.expander("Regularization")
    keep = [f"kp{l}" for l in range(1, layers + 1)]
    return read(_by_key("l2", "l1", *keep, "bn", "es"), box)


OPTIMIZER_HYPER = {
    "gd": (),
    "momentum": ("beta",),
    "nesterov": ("beta",),
    "adagrad": ("eps",),
    "rmsprop": ("rms_beta", "eps"),
    "adam": ("beta1", "beta2", "eps"),
}
SCHEDULE_HYPER = {
    "constant": (),
    "inverse_time": ("decay",),
    "staircase": ("decay", "interval"),
    "exponential": ("base",),
    "inverse_sqrt": ("k",),
}


def optimizer_controls() -> dict:
    """Optimizer with the hyperparameters it uses, learning rate and its decay schedule."""
    box = st.sidebar.expander("Optimizer", expanded=True)
    values = read(_by_key("opt", "lr"), box)
    values |= read(_by_key(*OPTIMIZER_HYPER[values["opt"]], "sched"), box)
    return values | read(_by_key(*SCHEDULE_HYPER[values["sched"]]), box)


def training_controls() -> dict:
    """Mini-batch size, epochs and seed."""
    box = st.sidebar.expander("Training", expanded=True)
    return read(_by_key("bs", "epochs", "seed"), box)


def all_values(shown: dict) -> dict:
    """Every training setting: the shown values, and the defaults of the ones not shown."""
    return coerce_settings(spec.ALL, shown)
