"""Pandas vs caviar: babysit one model, or train many in parallel and keep the best.

The course's two ways to search hyperparameters, set by how much compute you have:

- **Panda** (babysitting one model): with little compute, train one model and watch its cost
  J day by day; nudge the learning rate α up when J falls too slowly, down when it bounces or
  climbs. :class:`Panda` trains a few epochs at a time and lets α change between them: the run
  continues from its current weights W^[l], b^[l] and optimizer state (v, s, t), and every change
  is recorded so the cost curve can show it.
- **Caviar** (many models in parallel): with enough compute, train many configurations at once
  and keep the best. :func:`caviar` draws α for each model on a log scale (α = 10^r, r uniform
  in [log₁₀ low, log₁₀ high]) and trains them all with ``playground.engine.tuning.run_trials`` — one
  batched NumPy computation, since they share the architecture.
"""

from __future__ import annotations

import math
from dataclasses import replace

import numpy as np

from playground.engine.config import (
    Setting,
    check_int,
    check_range,
    coerce_settings,
    settings_by_key,
)
from playground.engine.data_settings import TRIAL_DATA, TRIAL_DATA_FIXED
from playground.engine.experiment import Data, Run, make_data
from playground.engine.search_space import (
    HIDDEN_UNITS,
    RANGES,
    SAMPLING_SEED,
    trial_base,
    trial_rank,
)
from playground.engine.settings import ALL
from playground.engine.train import StopReason
from playground.engine.tuning import Base, Range, Trial, random_search, run_trials

DATA = TRIAL_DATA
"""The data set both approaches learn (70% train, 30% dev, standardized), shared with the search
page."""

UNITS = replace(
    HIDDEN_UNITS,
    options=(2, 4, 8, 10, 16, 32, 64),
    help="n^[l] of every hidden layer (the same network for the panda and every caviar model).",
)
NETWORK = (
    replace(ALL["layers"], low=1, high=4),
    UNITS,
    ALL["act"],
    ALL["opt"],
    replace(ALL["bs"], default="64", options=("16", "32", "64", "128", "full")),
    replace(
        ALL["epochs"],
        default=100,
        options=(20, 50, 100, 200, 300, 500, 1000),
        help="Epochs of the panda and of every caviar model.",
    ),
    ALL["seed"],
)
"""What the panda and the caviar models share: the network, optimizer, batches and epochs."""

LEARNING_RATE = replace(
    ALL["lr"],
    default=0.001,
    label="Learning rate α — change it while the panda trains",
    help="The panda's α. While it trains, a new α applies from the next epoch on, starting from "
    "the current weights and optimizer state; the cost curve marks the change.",
)
"""The panda's α (the same key and meaning as on every training page: the learning rate)."""

SPEED = Setting(
    "speed",
    "Epochs per tick",
    5,
    "int",
    options=(1, 2, 5, 10, 20, 50),
    help="How many epochs the panda trains between two redraws (two ticks a second): slow "
    "enough to watch and react.",
)

CAVIAR = (
    Setting(
        "models",
        "Models in parallel",
        24,
        "int",
        options=(4, 8, 16, 24, 32, 48, 64),
        help="How many configurations the caviar approach trains at once.",
    ),
    replace(RANGES["lr"][0], help="Lowest α a caviar model may draw."),
    replace(RANGES["lr"][1], help="Highest α a caviar model may draw."),
    SAMPLING_SEED,
)
"""Caviar: how many models, the α range they draw from (on a log scale) and the draws' seed."""

SETTINGS = DATA + NETWORK + (LEARNING_RATE, SPEED) + CAVIAR
"""Every setting of the page (keys are URL parameters)."""
BY_KEY = settings_by_key(*SETTINGS)
"""Every setting of the page by key (the key is its URL parameter)."""

FIXED_VALUES = {**TRIAL_DATA_FIXED, "init": "he", "sched": "constant"}
"""Settings the page does not offer."""
LEARNED = 0.6
"""A caviar model whose dev cost ends below this has learned something (ln 2 ≈ 0.69: chance)."""


def run_values(values: dict) -> dict:
    """The training settings of the panda's ``Run``: every hidden layer gets ``units`` units,
    α is constant unless changed by hand."""
    widths = {f"h{l}": values["units"] for l in range(1, values["layers"] + 1)}
    return {**values, **widths, **FIXED_VALUES}


class Panda:
    """One model, babysat: it trains ``epochs`` at a time and α may change in between.

    Training goes on from the current weights and optimizer state (Adam's v, s and t, …), so a
    change of α is the only difference. ``changes`` lists (epoch, α): α used from the epoch after
    ``epoch`` on; the first entry is the starting α at epoch 0.
    """

    def __init__(self, values: dict, data: Data):
        self.run = Run(values, data)
        if self.run.schedule is not None:
            raise ValueError("a babysat run needs a constant learning rate (sched = constant)")
        self.epochs = self.run.epochs
        self.changes: list[tuple[int, float]] = [(0, self.run.optimizer.learning_rate)]

    @property
    def epoch(self) -> int:
        """Epochs trained so far."""
        return self.run.history.last_epoch

    @property
    def learning_rate(self) -> float:
        return self.run.optimizer.learning_rate

    @property
    def done(self) -> bool:
        """All epochs trained, or the cost diverged."""
        return self.run.done

    @property
    def progress(self) -> float:
        return self.run.progress

    def set_learning_rate(self, alpha: float) -> bool:
        """Use α = ``alpha`` from the next epoch on; return whether it changed.

        Several changes before the next epoch count as one (the last wins).
        """
        alpha = check_range("alpha", alpha, 0.0, 100.0, inclusive_low=False)
        if math.isclose(alpha, self.learning_rate, rel_tol=1e-12):
            return False
        self.run.optimizer.learning_rate = alpha
        if self.changes[-1][0] == self.epoch:
            self.changes[-1] = (self.epoch, alpha)
        else:
            self.changes.append((self.epoch, alpha))
        if len(self.changes) > 1 and math.isclose(self.changes[-1][1], self.changes[-2][1]):
            self.changes.pop()
        return True

    def constant_parts(self) -> list:
        """What training never changes (see ``Run.constant_parts``)."""
        return self.run.constant_parts()

    @property
    def history(self):
        """The run's ``History`` (what the run engine streams)."""
        return self.run.history

    def advance(self, epochs: int) -> None:
        """Train ``epochs`` more epochs (fewer at the end or if the cost diverges)."""
        epochs = check_int("epochs", epochs, 1, self.epochs)
        self.run.train_until(self.epoch + epochs)

    def train_until(self, epoch: int, seconds: float = math.inf) -> None:
        """Train on up to epoch ``epoch`` or for about ``seconds`` of CPU time (the run engine's
        slices)."""
        self.run.train_until(epoch, seconds)


def caviar_configs(low: float, high: float, models: int, seed: int = 0) -> list[dict]:
    """``models`` learning rates α = 10^r, r uniform in [log₁₀ low, log₁₀ high]."""
    return random_search([Range("learning_rate", low, high, "log")], models, seed)


def caviar_base(values: dict, m_train: int) -> Base:
    """The settings every caviar model shares with the panda (α aside)."""
    return trial_base(values, m_train)


def caviar(values: dict, data: Data) -> list[Trial]:
    """Train the caviar models (one batched computation) and return their trials.

    Parameters
    ----------
    values : dict
        The page's settings: "models" (how many), "lr_lo" and "lr_hi" (the α range, drawn on a
        log scale with seed "rseed") and the shared network, optimizer, batch and epoch
        settings (see :func:`caviar_base`).
    data : Data
        The train/dev split: X_train of shape (n_x, m) with labels Y_train of shape (1, m).

    Returns
    -------
    list of Trial
        One per model, in draw order; ``Trial.dev_cost_curve`` holds its dev cost J per epoch.

    Raises
    ------
    ValueError
        If the α range is empty or the work is more than the server allows (``MAX_WORK``).
    """
    configs = caviar_configs(values["lr_lo"], values["lr_hi"], values["models"], values["rseed"])
    base = caviar_base(values, data.X_train.shape[1])
    return run_trials(configs, base, data.X_train, data.Y_train, data.X_dev, data.Y_dev)


def best_trial(trials: list[Trial]) -> int | None:
    """Index of the trial with the highest dev accuracy (ties: lowest dev cost), or None if
    every trial diverged."""
    finished = [k for k, t in enumerate(trials) if not t.diverged]
    if not finished:
        return None
    return min(finished, key=lambda k: trial_rank(trials[k]))


def learned(trials: list[Trial], level: float = LEARNED) -> int:
    """How many trials end with a dev cost below ``level`` (and did not diverge)."""
    level = check_range("level", level, 0.0, math.inf, inclusive_low=False)
    return sum(1 for t in trials if not t.diverged and t.dev_cost < level)


def panda_text(panda: Panda) -> str:
    """What the babysat model did so far, for this run."""
    history = panda.run.history
    if panda.epoch == 0:
        return (
            f"Not trained yet: it will start with α = {panda.learning_rate:g}. Press **▶ Start**, "
            "watch the cost and move α while it trains."
        )
    moves = [f"epoch {epoch} → α = {alpha:g}" for epoch, alpha in panda.changes[1:]]
    changed = "; ".join(moves) if moves else "none yet"
    text = (
        f"Epoch {panda.epoch} of {panda.epochs}: dev cost **{history.dev_cost[-1]:.3f}**, dev "
        f"accuracy **{history.dev_accuracy[-1]:.1%}**, with α = {panda.learning_rate:g} now. "
        f"Your changes of α: {changed}."
    )
    if history.stopped_reason == StopReason.DIVERGED:
        text += f" **Diverged:** {history.message} Press Reset and start with a smaller α."
    return text


def caviar_text(trials: list[Trial], seconds: float | None = None) -> str:
    """What the caviar models found, for this run."""
    best = best_trial(trials)
    diverged = sum(t.diverged for t in trials)
    n = len(trials)
    text = f"{n} models with α from {min(t.config['learning_rate'] for t in trials):.2g} to "
    text += f"{max(t.config['learning_rate'] for t in trials):.2g}"
    text += " trained together as one batched computation" + (
        f" in {seconds:.1f} s." if seconds is not None else "."
    )
    if best is None:
        return text + " Every one of them diverged: lower the highest α."
    trial = trials[best]
    text += (
        f" The best, α = **{trial.config['learning_rate']:.3g}**, ends with dev cost "
        f"**{trial.dev_cost:.3f}** and dev accuracy **{trial.dev_accuracy:.1%}**. "
        f"{learned(trials)} of {n} got their dev cost below {LEARNED:g}"
    )
    text += f"; {diverged} diverged." if diverged else "."
    return text


def dev_cost_curves(trials: list[Trial]) -> np.ndarray:
    """The dev cost J per epoch of every trial, shape (trials, epochs); NaN once diverged."""
    curves = np.array([t.dev_cost_curve for t in trials], dtype=float)
    return np.where(np.isfinite(curves), curves, np.nan)


def measure(values: dict) -> dict[str, object]:
    """What the caviar column shows for the page's settings, by name: the best model's α, dev
    cost and accuracy ("best_lr", "best_dev_cost", "best_dev"), how many models got their dev
    cost below ``LEARNED`` ("learned", "learned_level") and how many diverged ("diverged")."""
    data_values = coerce_settings(ALL, {s.key: values[s.key] for s in DATA} | FIXED_VALUES)
    trials = caviar(values, make_data(data_values))
    best = trials[best_trial(trials)]
    return {
        "best_lr": best.config["learning_rate"],
        "best_dev_cost": best.dev_cost,
        "best_dev": best.dev_accuracy,
        "learned": learned(trials),
        "learned_level": LEARNED,
        "diverged": sum(t.diverged for t in trials),
    }
