"""What the search page says about a search in words: where it trains, each round's trials and
best trial, a zoom's box and a retrained trial next to its batched self."""

from __future__ import annotations

import math
from collections.abc import Sequence

from playground.engine.search_space import LABELS
from playground.engine.train import History, StopReason
from playground.engine.tuning import Range
from playground.topics.search.trials import Row, SearchRun


def backend_text(run: SearchRun) -> str:
    """Where the search trains, in words."""
    if run.backend == "dask":
        return (
            f"Backend: the Dask cluster at {run.dask_address or 'the configured scheduler'} — "
            f"a round at a time, its groups trained in parallel by the workers "
            f"({run.n_trials} trials in {run.n_groups} groups)."
        )
    return (
        f"Backend: batched in this process — trials sharing layers, units and batch size train "
        f"as one NumPy computation: {run.n_trials} trials in {run.n_groups} groups."
    )


def describe(config: dict) -> str:
    """ "α = 0.01, β₁ = 0.986": a configuration in the course's symbols, 3 significant digits."""
    return ", ".join(f"{LABELS.get(name, name)} = {value:.3g}" for name, value in config.items())


def sampler_text(run: SearchRun, name: str) -> str:
    """One line on round ``name`` of ``run``: trials, distinct α, and its best trial so far."""
    summary = run.summary(name)
    trials, d = summary["trials"], len(run.space)
    text = f"**{name}**: {trials} trials try **{summary['distinct_lr']} distinct α**"
    if "learning_rate" not in {r.name for r in run.space}:
        text = f"**{name}**: {trials} trials (α is fixed)"
    if name == "grid" and d > 1:
        per_axis = round(trials ** (1 / d))
        product = " × ".join([str(per_axis)] * d)
        values = "value" if per_axis == 1 else "values"
        text += f" ({per_axis} {values} per axis, {product} = {trials}"
        text += f" of the budget {run.budget})" if trials < run.budget else ")"
    best = summary["best"]
    if summary["trained"] == 0:
        return text + "."
    if best is None:
        return text + f"; all {summary['trained']} trained trials diverged."
    return (
        text + f"; best dev accuracy **{best.trial.dev_accuracy:.1%}** "
        f"(trial #{best.number}: {describe(best.trial.config)})."
    )


def describe_box(space: Sequence[Range]) -> str:
    """ "α 0.0056 … 0.18, β₁ 0.8 … 0.993": the ranges of a (zoomed) space."""
    return ", ".join(f"{LABELS.get(r.name, r.name)} {r.low:.3g} … {r.high:.3g}" for r in space)


def retrain_text(row: Row, history: History) -> str:
    """What retraining trial ``row`` alone gave, next to what the search recorded."""
    trial = row.trial
    text = f"**Trial #{row.number}** ({row.round}): {describe(trial.config)}.\n\n"
    if history.stopped_reason == StopReason.DIVERGED:
        return text + "Trained alone it **diverged**: " + history.message
    accuracy, cost = history.dev_accuracy[-1], history.dev_cost[-1]
    text += (
        f"Trained alone as one network for {history.last_epoch} epochs: dev accuracy "
        f"**{accuracy:.1%}** (dev cost {cost:.3f}); in the batched search it reached "
        f"{trial.dev_accuracy:.1%} (dev cost {trial.dev_cost:.3f})."
    )
    if math.isclose(cost, trial.dev_cost, rel_tol=1e-6, abs_tol=1e-9):
        text += " The same: the batched run trains each trial exactly as a single one would."
    else:
        text += f" Not the same: the dev costs differ by {abs(cost - trial.dev_cost):.2g}."
    return text
