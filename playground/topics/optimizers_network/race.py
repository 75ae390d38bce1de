"""Optimizers on the network: the page's settings, one run per optimizer and what each run did.

The course's "Optimization methods" exercise trains the network [2, 5, 2, 1] (LINEAR → RELU →
LINEAR → RELU → LINEAR → SIGMOID, He initialization with seed 3) on 300 moons (noise 0.2, seed
3) with mini-batches of 64, α = 0.0007, and compares gradient descent, momentum (β = 0.9) and
Adam (β₁ = 0.9, β₂ = 0.999, ε = 1e-8). The page trains one :class:`RaceRun` per optimizer from
the same initialization, on the same mini-batches, and records the flat parameter vector θ (W1,
b1, W2, …, in that order) at a few epochs: the paths
:mod:`playground.topics.optimizers_network.loss_landscape` draws on the cost.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

import numpy as np

from playground.engine.config import (
    Setting,
    check_choice,
    check_int,
    check_settings,
    coerce_settings,
    settings_by_key,
)
from playground.engine.course_data import course_data, examples_setting
from playground.engine.experiment import Data, RecordingRun, make_network
from playground.engine.racing import (
    ALL_RACERS,
    LR_KEYS,
    RACERS,
    make_racer,
    racer_settings,
)
from playground.engine.settings import ALL
from playground.topics.optimizers_network.loss_landscape import METHODS

DATASETS = ("moons", "circles", "xor")
"""Two-class data sets offered (the course uses moons)."""
SNAPSHOTS = 120
"""Most recorded parameter vectors per run (more of them early, where the weights move most)."""

COURSE_PRESET = {
    "ds": "moons",
    "noise": 0.2,
    "m": 300,
    "dseed": 3,
    "h1": 5,
    "h2": 2,
    "act": "relu",
    "seed": 3,
    "sseed": 10,
    "bs": "64",
    "epochs": 5000,
    "gd_lr": 0.0007,
    "mom_lr": 0.0007,
    "mom_beta": 0.9,
    "rms_lr": 0.0007,
    "rms_beta": 0.9,
    "adam_lr": 0.0007,
    "beta1": 0.9,
    "beta2": 0.999,
}
"""The course's exercise, setting by setting (RMSprop is an extra racer, not in the notebook)."""
COURSE_RESULTS = {
    5000: {"gd": 0.7167, "momentum": 0.7167, "adam": 0.94},
    10000: {"gd": 0.797, "momentum": 0.797, "adam": 0.94},
}
"""Training accuracy the notebook prints: its current version trains 5 000 epochs, the original
one 10 000 (whose 0.797 / 0.797 / 0.94 are the numbers usually quoted)."""

SETTINGS = (
    replace(
        ALL["ds"],
        default="moons",
        options=DATASETS,
        help="Which 2-D data set to learn (two classes). The course's exercise uses moons.",
    ),
    replace(ALL["noise"], default=0.2),
    examples_setting("the course: 300, no dev"),
    replace(
        ALL["dseed"],
        default=3,
        help="Seed of the training set; the dev set uses seed + 1 (the course: 3).",
    ),
    replace(ALL["h1"], default=5),
    replace(ALL["h2"], default=2),
    ALL["act"],
    replace(
        ALL["seed"],
        default=3,
        help="Seeds the He initialization, layer by layer like np.random.seed(3) in the course. "
        "Every optimizer starts from these same weights.",
    ),
    Setting(
        "sseed",
        "Shuffle seed",
        10,
        "int",
        low=0,
        high=100,
        step=1,
        help="Epoch e shuffles the examples with RandomState(seed + e): the course's seed = 10, "
        "incremented before each epoch. Every optimizer sees the same mini-batches.",
    ),
    replace(ALL["bs"], default="64"),
    replace(ALL["epochs"], default=300),
    *racer_settings({name: 0.01 for name in ALL_RACERS}),
    Setting(
        "center",
        "Plane through θ* of",
        "adam",
        "choice",
        options=RACERS,
        help="The landscape is the cost on a plane through this optimizer's final weights θ*.",
    ),
    Setting(
        "plane",
        "Plane directions",
        "pca",
        "choice",
        options=METHODS,
        help="pca: the two directions along which the recorded weights move most (the paths lie "
        "near the plane). random: two random directions, normalized filter-wise (Li et al.).",
    ),
)
"""The page's settings; keys shared with ``settings.ALL`` mean the same thing."""
BY_KEY = settings_by_key(*SETTINGS)
DATA_KEYS = ("ds", "noise", "m", "dseed")
NETWORK_KEYS = ("h1", "h2", "act", "seed")
TRAINING_KEYS = ("bs", "epochs", "sseed")
OPTIMIZER_KEYS = ("gd_lr", "mom_lr", "mom_beta", "rms_lr", "rms_beta", "adam_lr", "beta1", "beta2")
VIEW_KEYS = ("center", "plane")
"""Settings that change only the landscape view, not the training runs."""


def page_values(values: dict) -> dict:
    """Every page setting: valid ``values`` kept, the rest at their defaults (never raises)."""
    return coerce_settings(BY_KEY, values)


def check_race_values(values: dict) -> dict:
    """Validate every setting of ``values`` (the view settings may be left out)."""
    if not isinstance(values, dict):
        raise ValueError(f"values must be a dict of page settings; got {type(values).__name__}")
    return check_settings(BY_KEY, values, optional=VIEW_KEYS)


def training_values(values: dict) -> dict:
    """The settings the runs depend on (everything but the landscape view)."""
    values = check_race_values(values)
    return {key: value for key, value in values.items() if key not in VIEW_KEYS}


def is_course_preset(values: dict) -> int | None:
    """The notebook version (5000 or 10000 epochs) whose exercise ``values`` are, else None."""
    values = page_values(values)
    same = all(values[key] == value for key, value in COURSE_PRESET.items() if key != "epochs")
    return values["epochs"] if same and values["epochs"] in COURSE_RESULTS else None


def race_data(values: dict) -> Data:
    """The page's training set and its independent dev set (:func:`course_data`)."""
    values = check_race_values(values)
    return course_data(values["ds"], values["m"], values["noise"], values["dseed"])


def run_values(values: dict, name: str) -> dict:
    """The complete training settings (``settings.ALL`` keys) of the run of optimizer ``name``.

    Two hidden layers [n_x, h1, h2, 1] with He initialization, no regularization, a constant
    learning rate. The run's "seed" is the *shuffle* seed (``Run`` shuffles with it); the
    initialization seed is applied by :class:`RaceRun`.
    """
    values = check_race_values(values)
    check_choice("name", name, ALL_RACERS)
    chosen = {key: values[key] for key in ("h1", "h2", "act", "bs", "epochs")}
    chosen |= {"layers": 2, "init": "he", "opt": name, "sched": "constant", "std": False}
    chosen |= {"seed": values["sseed"]}
    complete = coerce_settings(ALL, chosen)
    complete["epochs"] = values["epochs"]
    complete["lr"] = values[LR_KEYS[name]]  # the racer's own α (may lie off ALL's grid)
    return complete


def snapshot_epochs(epochs: int, count: int = SNAPSHOTS) -> list[int]:
    """Epochs at which θ is recorded: 0, then about ``count`` of them, half evenly spaced and
    half log-spaced (the weights move most in the first epochs), ending at ``epochs``."""
    epochs = check_int("epochs", epochs, 1, 10**7)
    count = check_int("count", count, 2, 10_000)
    half = max(count // 2, 1)
    linear = np.linspace(0, epochs, half + 1)
    geometric = np.geomspace(1, epochs, half)
    return sorted({0, epochs, *np.round(linear).astype(int), *np.round(geometric).astype(int)})


class RaceRun(RecordingRun):
    """The run of one optimizer: a ``Run`` that starts from the He weights of the page's
    initialization seed, uses the racer's own hyperparameters, and records θ on the way.

    ``theta_epochs[i]`` is an epoch and ``thetas[i]`` a copy of the flat parameter vector θ
    after it (epoch 0 = the initialization, shared by every optimizer).
    """

    def __init__(self, values: dict, data: Data, name: str):
        values = check_race_values(values)
        settings = run_values(values, name)
        start = make_network(settings | {"seed": values["seed"]}, data.n_x, data.n_classes)
        super().__init__(settings, data, start, make_racer(name, values | {"bias": True}))
        self.name = name
        self.record_at = snapshot_epochs(self.epochs)
        self.theta_epochs: list[int] = []
        self.thetas: list[np.ndarray] = []
        self.record()

    def record(self) -> None:
        self.theta_epochs.append(self.history.last_epoch)
        self.thetas.append(self.net.params.flat.copy())

    def trajectory(self) -> np.ndarray:
        """The recorded θ's, shape (snapshots, P)."""
        return np.stack(self.thetas)


def make_runs(values: dict, data: Data) -> dict[str, RaceRun]:
    """One run per course optimizer (gd, momentum, rmsprop, adam): same data, same start."""
    values = check_race_values(values)
    return {name: RaceRun(values, data, name) for name in RACERS}


# ------------------------------------------------------------------------------------------------
# The loss landscape
# ------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class RaceResult:
    """One optimizer's run: epochs trained, final training cost, train and dev accuracy."""

    name: str
    epochs: int
    final_cost: float
    train_accuracy: float
    dev_accuracy: float
    epochs_to_half: int | None
    """First epoch whose training cost is at most half the first epoch's (None if never)."""


def result_of(run: RaceRun) -> RaceResult:
    """Read a run's numbers."""
    if not isinstance(run, RaceRun):
        raise ValueError(f"run must be a RaceRun; got {type(run).__name__}")
    costs = np.asarray(run.history.train_cost)
    train_error, dev_error = run.errors()
    half = None
    if costs.size:
        hits = np.flatnonzero(costs <= costs[0] / 2)
        half = int(run.history.epochs[hits[0]]) if hits.size else None
    return RaceResult(
        name=run.name,
        epochs=run.history.last_epoch,
        final_cost=float(costs[-1]) if costs.size else math.nan,
        train_accuracy=1.0 - train_error,
        dev_accuracy=1.0 - dev_error,
        epochs_to_half=half,
    )


def shown(runs: dict[str, RaceRun]) -> dict[str, object]:
    """What the page shows of its runs, by name: for each optimizer (gd, momentum, rmsprop,
    adam) its final training cost ("<name>_cost"), train and dev accuracy ("<name>_train",
    "<name>_dev") and the first epoch whose cost is at most half the first epoch's
    ("<name>_half", None if never), as in :class:`RaceResult`; and the epochs trained
    ("epochs")."""
    measured: dict[str, object] = {}
    for name, run in runs.items():
        result = result_of(run)
        measured |= {
            f"{name}_cost": result.final_cost,
            f"{name}_train": result.train_accuracy,
            f"{name}_dev": result.dev_accuracy,
            f"{name}_half": result.epochs_to_half,
            "epochs": result.epochs,
        }
    return measured


def measure(values: dict) -> dict[str, object]:
    """What the page shows for its settings (see :func:`shown`), once the four runs trained to
    the end."""
    runs = make_runs(values, race_data(values))
    for run in runs.values():
        run.advance()
    return shown(runs)
