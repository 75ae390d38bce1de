"""Initialization: zeros (or a constant), random × scale, Xavier and He, trained side by side.

The course's exercise (Week 1, "Initialization") trains the 3-layer network [2, 10, 5, 1]
(LINEAR → RELU → LINEAR → RELU → LINEAR → SIGMOID) on two circles with batch gradient descent,
α = 0.01, for 15 000 iterations, from three starts:

* zeros: W[l] = 0. Every unit of a layer computes the same thing and gets the same gradient, so
  the units stay copies of each other forever (the *symmetry* is never broken);
* random × 10: W[l] = randn(n[l], n[l−1]) × 10. Huge weights saturate the sigmoid output;
* He: W[l] = randn(n[l], n[l−1]) × √(2/n[l−1]), made for ReLU.

This page adds Xavier, √(1/n[l−1]), and a constant start W[l] = 0.5 (symmetric too, but the
weights do move). :class:`InitRun` is a :class:`playground.engine.experiment.Run` that also records
layer 1's weights [W1 | b1] at a few epochs, and :func:`unit_spread` / :func:`distinct_units`
measure how different the units of a layer are.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

import numpy as np

from playground.engine.config import (
    Setting,
    check_choice,
    check_int,
    check_range,
    check_settings,
    coerce_settings,
    settings_by_key,
)
from playground.engine.course_data import course_data, examples_setting
from playground.engine.experiment import Data, RecordingRun
from playground.engine.settings import ALL
from playground.engine.train import record_rate

INITS = ("zeros", "constant", "random", "xavier", "he")
"""Every start a run can take."""
SYMMETRIC = ("zeros", "constant")
"""Starts where every unit of a layer is the same."""
COMPARED = ("random", "xavier", "he")
"""The three random starts shown next to the symmetric one."""
CONSTANT = 0.5
"""W[l] = 0.5 everywhere for the "constant" start (b[l] = 0)."""
SNAPSHOTS = 60
"""Layer 1's weights are recorded at about this many evenly spaced epochs (plus epoch 0)."""
SAME_UNIT_TOL = 1e-9
"""Two units whose incoming weights differ by less than this (‖·‖₂) count as the same unit."""
TARGET_DEV = 0.9
"""The dev accuracy the page's question asks which start reaches first."""

SETTINGS = (
    replace(
        ALL["ds"],
        help="Which 2-D data set to learn (two classes). The course's exercise uses circles.",
    ),
    ALL["noise"],
    examples_setting("the course: 300 and 100"),
    replace(
        ALL["dseed"],
        default=1,
        help="Seed of the training set; the dev set uses seed + 1 (the course: 1 and 2).",
    ),
    ALL["h1"],
    ALL["h2"],
    ALL["act"],
    Setting(
        "sym",
        "Symmetric start",
        "zeros",
        "choice",
        options=SYMMETRIC,
        help=f"The first run's start: W = 0, or W = {CONSTANT} everywhere. Both are symmetric.",
    ),
    replace(ALL["iscale"], default=10.0),
    replace(
        ALL["seed"],
        default=3,
        help="Seeds the weights: RandomState(seed), layer by layer, like np.random.seed(3) in "
        "the course's notebook. Every run uses the same seed.",
    ),
    replace(
        ALL["lr"],
        default=0.1,
        help="α of batch gradient descent, W := W − α dW (the course: 0.01).",
    ),
    replace(
        ALL["epochs"],
        default=1000,
        help="Full-batch gradient steps (one per epoch); the course runs 15 000.",
    ),
)
"""The page's settings: data, network, training. Keys shared with ``settings.ALL`` mean the same."""
BY_KEY = settings_by_key(*SETTINGS)
DATA_KEYS = ("ds", "noise", "m", "dseed")
NETWORK_KEYS = ("h1", "h2", "act", "sym", "iscale", "seed")
TRAINING_KEYS = ("lr", "epochs")

COURSE_PRESET = {
    "ds": "circles",
    "noise": 0.05,
    "m": 300,
    "dseed": 1,
    "h1": 10,
    "h2": 5,
    "act": "relu",
    "sym": "zeros",
    "iscale": 10.0,
    "seed": 3,
    "lr": 0.01,
    "epochs": 15000,
}
"""The course's exercise, setting by setting."""
COURSE_RESULTS = {"zeros": (0.5, 0.5), "random": (0.83, 0.86), "he": (0.9933, 0.96)}
"""Train and test accuracy the course's notebook reports for each start."""


def page_values(values: dict) -> dict:
    """Every page setting: valid ``values`` kept, the rest at their defaults (never raises on
    a dict; ValueError if ``values`` is not one)."""
    if not isinstance(values, dict):
        raise ValueError(f"values must be a dict of page settings; got {type(values).__name__}")
    return coerce_settings(BY_KEY, values)


def is_course_preset(values: dict) -> bool:
    """True when ``values`` are exactly the course's exercise."""
    if not isinstance(values, dict):
        raise ValueError(f"values must be a dict of page settings; got {type(values).__name__}")
    return all(values.get(key) == value for key, value in COURSE_PRESET.items())


def run_values(values: dict, init: str) -> dict:
    """The complete training settings (``settings.ALL``) of the run that starts with ``init``.

    Two hidden layers [n_x, h1, h2, 1], the page's activation, seed, α and epochs; batch
    gradient descent (bs = full, opt = gd) without regularization, as in the course.
    """
    values = check_settings(BY_KEY, values)
    check_choice("init", init, INITS)
    chosen = {key: values[key] for key in ("h1", "h2", "act", "iscale", "seed", "lr", "epochs")}
    chosen |= {"layers": 2, "init": "zeros" if init == "constant" else init}
    return coerce_settings(ALL, chosen | {"opt": "gd", "bs": "full", "sched": "constant"})


def snapshot_epochs(epochs: int, count: int = SNAPSHOTS) -> list[int]:
    """Epochs 0 = e_0 < e_1 < … < e_k = epochs, about ``count`` evenly spaced steps apart."""
    epochs = check_int("epochs", epochs, 1, 10**7)
    count = check_int("count", count, 1, 10_000)
    return sorted({round(i * epochs / count) for i in range(count + 1)})


def layer_units(W: np.ndarray, b: np.ndarray) -> np.ndarray:
    """The incoming weights of each unit j of a layer, one row each: u_j = [W[j, :], b[j]].

    W has shape (n[l], n[l−1]) and b shape (n[l], 1); the result has shape (n[l], n[l−1] + 1).
    """
    W = np.asarray(W, dtype=np.float64)
    if W.ndim != 2 or W.size == 0:
        raise ValueError(f"W must be a non-empty 2-D array (n[l], n[l-1]); got shape {W.shape}")
    b = np.asarray(b, dtype=np.float64)
    if b.shape != (W.shape[0], 1):
        raise ValueError(f"b must have shape ({W.shape[0]}, 1) to match W; got {b.shape}")
    return np.hstack([W, b])


def unit_spread(W: np.ndarray, b: np.ndarray) -> float:
    """How different the units of a layer are: max_{j,k} ‖u_j − u_k‖₂ with u_j = [W[j, :], b[j]].

    0 means every unit of the layer has the same incoming weights: they compute the same
    activation a[l]_j for every example and get the same gradient, so gradient descent keeps them
    equal (the symmetry problem). NaN if a weight is not finite.
    """
    units = layer_units(W, b)
    if not np.isfinite(units).all():
        return math.nan
    gaps = units[:, None, :] - units[None, :, :]
    return float(np.sqrt((gaps * gaps).sum(axis=2)).max())


def distinct_units(W: np.ndarray, b: np.ndarray, tol: float = SAME_UNIT_TOL) -> int:
    """The number of different units in a layer: units closer than ``tol`` (‖u_j − u_k‖₂) are
    counted once (greedily, in order j = 1, 2, …). 0 if a weight is not finite.
    """
    tol = check_range("tol", tol, 0.0, 1e6)
    units = layer_units(W, b)
    if not np.isfinite(units).all():
        return 0
    representatives: list[np.ndarray] = []
    for unit in units:
        if not any(np.linalg.norm(unit - other) <= tol for other in representatives):
            representatives.append(unit)
    return len(representatives)


class InitRun(RecordingRun):
    """A training run from the start ``init`` that also records layer 1's weights.

    ``unit_epochs[i]`` is an epoch and ``unit_weights[i]`` is [W1 | b1] after it, shape
    (n[1], n_x + 1): at epoch 0 and about every epochs/``SNAPSHOTS`` epochs. Training is the
    same as a plain ``Run`` of ``run_values(values, init)`` (it is only cut at those epochs).
    The page draws the training cost of every epoch, and the train accuracy, dev values and
    layer norms (the A vs B figure, the exports) at ``record_rate(epochs)``: every 30th epoch
    of the course's 15 000.
    """

    def __init__(self, values: dict, data: Data, init: str):
        super().__init__(run_values(values, init), data)
        self.record_every = record_rate(self.epochs)
        self.init = init
        if init == "constant":
            for l in range(1, self.net.L + 1):
                self.net.params[f"W{l}"] = np.full(self.net.params[f"W{l}"].shape, CONSTANT)
            self.initial_net = self.net.copy()
        self.record_at = snapshot_epochs(self.epochs)
        self.unit_epochs: list[int] = []
        self.unit_weights: list[np.ndarray] = []
        self.record()

    def record(self) -> None:
        self.unit_epochs.append(self.history.last_epoch)
        self.unit_weights.append(layer_units(self.net.params["W1"], self.net.params["b1"]).copy())


def make_runs(values: dict, data: Data) -> dict[str, InitRun]:
    """One run per start, same data and seed: the chosen symmetric start, random, xavier, he."""
    values = check_settings(BY_KEY, values)
    starts = (values["sym"], *COMPARED)
    return {init: InitRun(values, data, init) for init in starts}


def init_label(init: str, scale: float = 10.0, short: bool = False) -> str:
    """How W[l] is drawn, in the course's notation (``short``: a few characters, for titles)."""
    check_choice("init", init, INITS)
    scale = check_range("scale", scale, 0.0, 1000.0)
    if short:
        return {
            "zeros": "zeros",
            "constant": f"constant {CONSTANT:g}",
            "random": f"random ×{scale:g}",
            "xavier": "Xavier √(1/n)",
            "he": "He √(2/n)",
        }[init]
    return {
        "zeros": "zeros: W = 0",
        "constant": f"constant: W = {CONSTANT:g}",
        "random": f"random: randn × {scale:g}",
        "xavier": "Xavier: randn × √(1/n[l−1])",
        "he": "He: randn × √(2/n[l−1])",
    }[init]


@dataclass(frozen=True)
class RunSummary:
    """What one run ended with: accuracies (fractions), costs and how many units differ."""

    init: str
    label: str
    epoch: int
    train_accuracy: float
    dev_accuracy: float
    first_cost: float
    last_cost: float
    units: int
    distinct: int
    spread: float
    moved: float
    """Largest change of a layer-1 weight since the start, max |W1 − W1(epoch 0)|."""


def summarize(run: InitRun) -> RunSummary:
    """Read a run's accuracies, first and last training cost, and layer 1's symmetry."""
    if not isinstance(run, InitRun):
        raise ValueError(f"run must be an InitRun; got {type(run).__name__}")
    train_error, dev_error = run.errors()
    costs = run.history.train_cost
    W1, b1 = run.net.params["W1"], run.net.params["b1"]
    return RunSummary(
        init=run.init,
        label=init_label(run.init, run.values["iscale"]),
        epoch=run.history.last_epoch,
        train_accuracy=1.0 - train_error,
        dev_accuracy=1.0 - dev_error,
        first_cost=costs[0] if costs else math.nan,
        last_cost=costs[-1] if costs else math.nan,
        units=W1.shape[0],
        distinct=distinct_units(W1, b1),
        spread=unit_spread(W1, b1),
        moved=float(np.abs(W1 - run.initial_net.params["W1"]).max()),
    )


def explain(summary: RunSummary) -> str:
    """One sentence (Markdown) on what this run shows."""
    if not isinstance(summary, RunSummary):
        raise ValueError(f"summary must be a RunSummary; got {type(summary).__name__}")
    s = summary
    head = (
        f"**{s.label}** — train {s.train_accuracy:.1%}, dev {s.dev_accuracy:.1%}"
        f" after {s.epoch} epochs"
    )
    if s.epoch == 0:
        return f"{head}: not trained yet; layer 1 has {s.distinct} distinct units of {s.units}."
    if s.init in SYMMETRIC:
        moved = "never moved" if s.moved == 0 else "moved, but all in step"
        return (
            f"{head}. Its {s.units} units in layer 1 are still **{s.distinct} distinct unit**"
            f" (largest difference {s.spread:.2g}): they {moved}, so the network is no better "
            "than one unit per layer."
        )
    text = f"{head}; {s.distinct} distinct units in layer 1."
    if s.first_cost > 2.0:
        text += (
            f" The first cost, {s.first_cost:.1f}, is huge: such large weights saturate the "
            "sigmoid, which is confidently wrong on many examples, and learning crawls."
        )
    elif s.train_accuracy >= 0.95:
        text += " Symmetry broken, weights the right size: it learns the circles."
    return text


def _check_summaries(summaries: list[RunSummary]) -> list[RunSummary]:
    if not isinstance(summaries, list | tuple) or not all(
        isinstance(s, RunSummary) for s in summaries
    ):
        raise ValueError("summaries must be a list of RunSummary")
    return list(summaries)


def course_comparison(values: dict, summaries: list[RunSummary]) -> list[str]:
    """For the course's exercise: this run's accuracies next to the notebook's, per start."""
    summaries = _check_summaries(summaries)
    lines = []
    if not is_course_preset(values):
        return lines
    for s in summaries:
        if s.init in COURSE_RESULTS and s.epoch == COURSE_PRESET["epochs"]:
            train, test = COURSE_RESULTS[s.init]
            lines.append(
                f"{s.init}: train {s.train_accuracy:.4g} / dev {s.dev_accuracy:.4g} here, "
                f"the course reports {train:g} / {test:g}"
            )
    return lines


def units_over_training(run: InitRun) -> tuple[np.ndarray, np.ndarray]:
    """(epochs (k,), weights (k, n[1], n_x + 1)) of layer 1 recorded so far."""
    if not isinstance(run, InitRun):
        raise ValueError(f"run must be an InitRun; got {type(run).__name__}")
    return np.asarray(run.unit_epochs), np.stack(run.unit_weights)


def explain_costs(summaries: list[RunSummary]) -> str:
    """A few sentences (Markdown) on the cost curves of the runs."""
    trained = [s for s in _check_summaries(summaries) if s.epoch > 0]
    if not trained:
        return "Press **▶ Start**: the cost of every start is drawn here as it trains."
    finite = [s for s in trained if math.isfinite(s.last_cost)]
    text = []
    if finite:
        best = min(finite, key=lambda s: s.last_cost)
        text.append(f"Lowest final cost: **{best.init}** ({best.last_cost:.3g}).")
    stuck = [s for s in trained if s.init in SYMMETRIC and abs(s.last_cost - math.log(2)) < 0.01]
    for s in stuck:
        text.append(
            f"**{s.init}** stays near ln 2 ≈ 0.693, the cost of answering 50 % for every point."
        )
    text.append("The cost axis is logarithmic: each grid line is a factor of 10.")
    return " ".join(text)


def explain_symmetry(summaries: list[RunSummary]) -> str:
    """Sentences (Markdown) on layer 1's units: copies in the symmetric run, distinct elsewhere."""
    summaries = _check_summaries(summaries)
    symmetric = [s for s in summaries if s.init in SYMMETRIC]
    others = [s for s in summaries if s.init not in SYMMETRIC]
    text = []
    for s in symmetric:
        text.append(
            f"In the **{s.init}** run all {s.units} units of layer 1 start equal, so for every "
            "example they compute the same activation, get the same gradient dW1[j, :] and take "
            f"the same step. After {s.epoch} epochs they are **{s.distinct} distinct unit"
            f"{'s' if s.distinct != 1 else ''}** (largest difference between two units: "
            f"{s.spread:.2g}): the {s.units} lines of its panel lie on top of each other."
        )
        if s.epoch and s.moved == 0:
            text.append(
                "Worse, W1 has not moved at all: with W = 0 every hidden activation and every "
                "hidden-layer gradient is 0; only the output bias learns."
            )
        elif s.epoch:
            text.append(
                f"The weights did move (by up to {s.moved:.2g}), but all in step: the layer "
                "behaves like a single unit."
            )
    if others:
        counts = ", ".join(f"{s.init} {s.distinct}" for s in others)
        text.append(
            f"Random starts break the symmetry from the first step — distinct units in layer 1: "
            f"{counts} (of {others[0].units})."
        )
    return "\n\n".join(text)


def epoch_reaching(run: InitRun, target: float = TARGET_DEV) -> int | None:
    """The first epoch after which the run's dev accuracy (as recorded, every ``record_every``
    epochs) is at least ``target``; None if it never is."""
    history = run.history
    recorded = zip(history.record_epochs, history.dev_accuracy, strict=True)
    reached = (epoch for epoch, accuracy in recorded if accuracy >= target)
    return next(reached, None)


def shown(runs: dict[str, InitRun]) -> dict[str, object]:
    """What the page shows of its runs, by name: for each start (the symmetric one, random,
    xavier, he) its "<init>_train" and "<init>_dev" accuracy, first and last cost and distinct
    units of layer 1 (as in :class:`RunSummary`), the first epoch its dev accuracy reaches
    ``TARGET_DEV`` ("<init>_reaches", None if never), and the epochs trained ("epochs") and the
    weight of the constant start ("start_constant")."""
    measured: dict[str, object] = {"start_constant": CONSTANT}
    for init, run in runs.items():
        summary = summarize(run)
        measured |= {
            f"{init}_train": summary.train_accuracy,
            f"{init}_dev": summary.dev_accuracy,
            f"{init}_first_cost": summary.first_cost,
            f"{init}_cost": summary.last_cost,
            f"{init}_distinct": summary.distinct,
            f"{init}_units": summary.units,
            f"{init}_moved": summary.moved,
            f"{init}_reaches": epoch_reaching(run),
            "epochs": summary.epoch,
        }
    return measured


def measure(values: dict) -> dict[str, object]:
    """What the page shows for its settings (see :func:`shown`), once every run trained to the
    end."""
    data = course_data(values["ds"], values["m"], values["noise"], values["dseed"])
    runs = make_runs(values, data)
    for run in runs.values():
        run.advance()
    return shown(runs)
