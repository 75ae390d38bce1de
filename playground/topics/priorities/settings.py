"""The priorities page's settings: the data set, the baseline every sweep starts from, and how
many values each sweep tries."""

from __future__ import annotations

from dataclasses import replace

from playground.engine import settings as spec
from playground.engine.config import Setting, coerce_settings, settings_by_key
from playground.engine.data_settings import TRIAL_DATA, TRIAL_DATA_FIXED
from playground.topics.priorities.sweep import POINTS, Baseline

DATA = TRIAL_DATA
"""300 noisy moons by default (the search page's data), 70 % train, 30 % dev, standardized."""

BASELINE = (
    replace(
        spec.ALL["lr"],
        label="Adam's α",
        help="α of the baseline (Adam, β₁ = 0.9, "
        "β₂ = 0.999, ε = 1e-8): every sweep but β's trains with it.",
    ),
    Setting(
        "mlr",
        "Momentum's α",
        0.1,
        options=spec.LOG_RATES,
        help="α of the momentum β's sweep: gradient descent with momentum, v = βv + (1 − β)dW, "
        "steps like gradient descent and needs a larger α than Adam.",
    ),
    Setting(
        "units",
        "Hidden units per layer",
        10,
        "int",
        options=(2, 4, 8, 10, 16, 32),
        help="n^[l] of every hidden layer of the baseline.",
    ),
    Setting(
        "layers",
        "Hidden layers",
        2,
        "int",
        low=1,
        high=4,
        step=1,
        help="Hidden layers of the baseline.",
    ),
    Setting(
        "bs",
        "Mini-batch size",
        64,
        "int",
        options=(16, 32, 64, 128, 256),
        help="Examples per gradient step of the baseline.",
    ),
    replace(
        spec.ALL["epochs"],
        default=100,
        options=(20, 50, 100, 200, 300),
        help="Epochs every training of every sweep runs.",
    ),
    replace(spec.ALL["seed"], help="Initialization and shuffling seed of every training."),
)
"""The baseline: Adam on a small network; each sweep changes one of its hyperparameters."""

POINTS_SETTING = Setting(
    "points",
    "Values per sweep",
    5,
    "int",
    options=POINTS,
    help="How many values of each hyperparameter to train (evenly on its scale).",
)

PAGE_SETTINGS = settings_by_key(*DATA, *BASELINE, POINTS_SETTING)


def page_values(shown: dict) -> dict:
    """Every page setting: the shown values, and the defaults of the ones not shown."""
    return coerce_settings(PAGE_SETTINGS, shown)


def data_values(values: dict) -> dict:
    """The settings ``make_data`` reads: the page's data keys, ``TRIAL_DATA_FIXED``, and
    ``ALL``'s defaults for the rest."""
    shown = {s.key: values[s.key] for s in DATA} | dict(TRIAL_DATA_FIXED)
    return coerce_settings(spec.ALL, shown)


def baseline(values: dict) -> Baseline:
    """The :class:`Baseline` the settings describe."""
    return Baseline(
        learning_rate=values["lr"],
        momentum_rate=values["mlr"],
        hidden_units=values["units"],
        layers=values["layers"],
        batch_size=values["bs"],
        epochs=values["epochs"],
        seed=values["seed"],
    )
