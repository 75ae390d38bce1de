"""One member's run of the class search: the search page's scene trained with the member's
hyperparameters, and the record the class store keeps of it.

A run is one trial of the search page (``playground.engine.tuning.train_group`` with one
configuration): the space's shared settings (``settings.make_base``) with the knobs set to the
member's values. Every member starts from the same weights (seed ``base.trial_seed(0)``) and
sees the same mini-batches, so two results differ only by their hyperparameters.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field

from playground.engine.config import coerce_settings
from playground.engine.experiment import make_data
from playground.engine.settings import ALL
from playground.engine.tuning import _complete, check_trials, train_group
from playground.topics.search import settings
from playground.topics.search.class_search.space import ClassSpace, check_chosen

DIVERGED_COST = math.inf
"""The dev cost the store keeps for a run that diverged (its cost stopped being a number)."""


@dataclass(frozen=True)
class ClassRun:
    """One finished run of the class search: its knobs' values, its final dev cost J_dev (+∞ if
    it diverged), dev accuracy (NaN if unknown), the epochs it trained, and who sent it (a
    nickname for the teacher's screen, None for a student's)."""

    hyperparameters: Mapping[str, float | int]
    dev_cost: float
    dev_accuracy: float
    epochs: int
    nickname: str | None = field(default=None, compare=False)

    @property
    def diverged(self) -> bool:
        """The run's cost stopped being a finite number."""
        return not math.isfinite(self.dev_cost)

    def submission(self) -> dict:
        """The keyword arguments of ``playground.classroom.results.submit_result`` for this run:
        ``hyperparameters``, ``dev_cost`` (+∞ if diverged) and ``metrics`` (dev accuracy,
        epochs)."""
        metrics: dict[str, float | int] = {"epochs": self.epochs}
        if math.isfinite(self.dev_accuracy):
            metrics["dev_accuracy"] = self.dev_accuracy
        return {
            "hyperparameters": dict(self.hyperparameters),
            "dev_cost": self.dev_cost,
            "metrics": metrics,
        }

    def __repr__(self) -> str:
        knobs = ", ".join(f"{name} = {value:.4g}" for name, value in self.hyperparameters.items())
        outcome = "diverged" if self.diverged else f"J_dev = {self.dev_cost:.4g}"
        return f"ClassRun({knobs}: {outcome} after {self.epochs} epochs)"


def from_result(result: object) -> ClassRun:
    """A stored result (``playground.classroom.results.Result``: ``hyperparameters``,
    ``dev_cost``, ``metrics``, ``nickname``) as a run. A dev cost that is not a finite
    number is a diverged run."""
    metrics = result.metrics or {}
    cost = float(result.dev_cost)
    return ClassRun(
        dict(result.hyperparameters),
        cost if math.isfinite(cost) else DIVERGED_COST,
        float(metrics.get("dev_accuracy", math.nan)),
        int(metrics.get("epochs", 0)),
        result.nickname,
    )


def train_assignment(space: ClassSpace, hyperparameters: Mapping[str, object]) -> ClassRun:
    """Train the space's scene with ``hyperparameters`` (a member's assignment, or a setting the
    student chose: validated by ``check_chosen``) and return the run.

    The run is trial 0 of the search page's batched training of the space's settings: data
    (``make_data``), network, optimizer, epochs and fixed hyperparameters from
    ``space.settings``, the knobs from ``hyperparameters``.

    Raises
    ------
    ValueError
        If a value lies outside its knob's range (the message names the knob and the range), or
        the run would exceed the server's work limit.
    """
    config = check_chosen(space, hyperparameters)
    values = dict(space.settings)
    data = make_data(coerce_settings(ALL, values | dict(settings.FIXED_VALUES)))
    base = settings.make_base(values, data.X_train.shape[1])
    check_trials([config], base, data.X_train, data.Y_train, data.Y_dev)
    (trial,) = train_group(
        [config], base, data.X_train, data.Y_train, data.X_dev, data.Y_dev, [base.trial_seed(0)]
    )
    cost = DIVERGED_COST if trial.diverged or not math.isfinite(trial.dev_cost) else trial.dev_cost
    accuracy = math.nan if trial.diverged else trial.dev_accuracy
    return ClassRun(config, cost, accuracy, base.epochs)


def playground_values(run: ClassRun, space: ClassSpace) -> dict[str, object]:
    """The Playground page's settings (keys of ``playground.engine.settings.ALL``) that train
    ``run`` again as one network: the space's data, network and optimizer, the run's knobs
    (α → lr, λ → l2, β → beta or rms_beta, hidden units → h1 … h_L, keep_prob → kp1 … kp_L,
    a decay rate → the inverse-time schedule). The values are the run's own; the page admits
    each to its nearest allowed value (α = 0.131 → 0.1) and says so.
    """
    values = dict(space.settings)
    data = make_data(coerce_settings(ALL, values | dict(settings.FIXED_VALUES)))
    full = _complete(dict(run.hyperparameters), settings.make_base(values, data.X_train.shape[1]))
    hidden = range(1, full["layers"] + 1)
    batch = values["bs"] if "batch_size" not in run.hyperparameters else str(full["batch_size"])
    decay = full["decay_rate"]
    return (
        {key: values[key] for key in ("ds", "noise", "n", "dseed", "act", "seed", "opt", "epochs")}
        | dict(settings.FIXED_VALUES)
        | {"layers": full["layers"], "init": "he", "bn": False, "es": 0, "l1": 0.0}
        | {f"h{layer}": full["hidden_units"] for layer in hidden}
        | {f"kp{layer}": full["keep_prob"] for layer in hidden}
        | {"lr": full["learning_rate"], "l2": full["lambd"], "bs": batch}
        | {"beta": full["beta"], "rms_beta": full["beta"]}
        | {"beta1": full["beta1"], "beta2": full["beta2"]}
        | ({"sched": "inverse_time", "decay": decay} if decay > 0 else {"sched": "constant"})
    )
