"""The bias-variance page's settings: the data, the small and the large network, the
regularization of the two regularized runs, and the training every run and curve shares."""

from __future__ import annotations

import dataclasses

from playground.engine import settings as spec
from playground.engine.config import Setting, coerce_settings, settings_by_key
from playground.engine.fitting import DEFAULT_EPOCHS

REGULARIZERS = ("l2", "dropout")
BIG_UNITS = (8, 16, 32, 64, 128)
"""Widths offered for each of the large network's two hidden layers."""


SETTINGS = (
    dataclasses.replace(spec.ALL["ds"], default="moons"),
    dataclasses.replace(spec.ALL["noise"], default=0.2),
    spec.ALL["n"],
    spec.ALL["C"],
    spec.ALL["dev"],
    spec.ALL["dseed"],
    Setting(
        "small",
        "Small net: hidden units",
        2,
        "int",
        low=1,
        high=8,
        step=1,
        help="The small network is [n_x, units, 1]: one hidden layer this wide.",
    ),
    Setting(
        "big",
        "Large net: units per layer",
        64,
        "int",
        options=BIG_UNITS,
        help="The large network is [n_x, units, units, 1]: two hidden layers this wide.",
    ),
    Setting(
        "reg",
        "Regularization",
        "l2",
        "choice",
        options=REGULARIZERS,
        help="What the two regularized runs add: L2 weight decay or inverted dropout.",
    ),
    dataclasses.replace(
        spec.ALL["l2"],
        default=0.7,
        help="λ of the regularized runs: J + λ/(2m)·Σ‖W‖² (the course's notebook uses 0.7).",
    ),
    Setting(
        "kp",
        "keep_prob",
        0.86,
        options=(0.5, 0.6, 0.7, 0.8, 0.86, 0.9, 0.95),
        help="Dropout of the regularized runs: keep each hidden unit with this chance "
        "(the course's notebook uses 0.86).",
    ),
    dataclasses.replace(
        spec.ALL["epochs"],
        default=DEFAULT_EPOCHS,
        options=(50, 100, 200, 300, 500, 1000, 2000, 3000),
        help="Full-batch Adam epochs of every training on this page (runs and curves).",
    ),
    spec.ALL["lr"],
    spec.ALL["seed"],
)
"""The bias-variance page's settings; keys shared with ``playground.engine.settings.ALL`` keep their
meaning (only the page's defaults differ: noisy moons, λ = 0.7, 500 epochs)."""


PAGE_SETTINGS = settings_by_key(*SETTINGS)
DATA_KEYS = ("ds", "noise", "n", "C", "dev", "dseed")
"""The page's settings that choose the data set (``playground.engine.experiment.make_data``)."""


def page_values(shown: dict) -> dict:
    """Every page setting: the shown values, and the defaults of the ones not shown."""
    return coerce_settings(PAGE_SETTINGS, shown)


def data_values(values: dict) -> dict:
    """The training settings ``make_data`` reads: the page's data keys, ``ALL``'s defaults for
    the rest (inputs standardized with the training μ and σ)."""
    return coerce_settings(spec.ALL, {key: values[key] for key in DATA_KEYS if key in values})
