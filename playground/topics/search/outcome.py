"""Grid against random on one budget, once trained: each sampler's best trial, and who wins.

The lecture's point: when one hyperparameter matters (α) and another hardly does (β₁), a grid
of N trials over both tries only √N values of α, random search N. :func:`shown` reads a finished
search's first rounds; :func:`verdict` and :func:`compare_text` say which sampler found the
better trial, with its numbers (the page's sentence and its question's answer alike);
:func:`measure` trains the search the page's settings describe, as the page does.
"""

from __future__ import annotations

from playground.engine.claims import Measured
from playground.engine.config import coerce_settings
from playground.engine.experiment import make_data
from playground.engine.settings import ALL
from playground.topics.search import sampling, settings
from playground.topics.search.scale_spread import measure as sampled
from playground.topics.search.trials import SearchRun

SAMPLERS = {"random": "Random search", "grid": "Grid search"}
TIE = "They tie"


def search_of(values: dict) -> SearchRun:
    """The untrained search of the page's settings ``values`` (batched, as the page builds it)."""
    values = coerce_settings(settings.BY_KEY, values)
    shown = {s.key: values[s.key] for s in settings.DATA} | dict(settings.FIXED_VALUES)
    data = make_data(coerce_settings(ALL, shown))
    return SearchRun(
        settings.make_space(values),
        settings.make_base(values, data.X_train.shape[1]),
        data.X_train,
        data.Y_train,
        data.X_dev,
        data.Y_dev,
        sampling.samplers(values["sampler"]),
        values["trials"],
        values["rseed"],
    )


def shown(run: SearchRun) -> dict[str, object]:
    """For each sampler of the first rounds: its best trial's dev accuracy and α
    ("<name>_best_dev", "<name>_best_lr"; None if every trial diverged or α is fixed), its
    trials and distinct α ("<name>_trials", "<name>_distinct_lr")."""
    measured: dict[str, object] = {}
    for round_ in run.rounds[: run.first_pass]:
        summary = run.summary(round_.name)
        best = summary["best"]
        config = best.trial.config if best is not None else {}
        measured |= {
            f"{round_.name}_best_dev": best.trial.dev_accuracy if best is not None else None,
            f"{round_.name}_best_lr": config.get("learning_rate"),
            f"{round_.name}_trials": summary["trials"],
            f"{round_.name}_distinct_lr": summary["distinct_lr"],
        }
    return measured


def verdict(measured: Measured) -> str:
    """ "Random search", "Grid search" or "They tie": whose best trial has the higher dev
    accuracy (a sampler whose trials all diverged loses)."""
    random, grid = measured["random_best_dev"], measured["grid_best_dev"]
    if random == grid:
        return TIE
    if grid is None or (random is not None and random > grid):
        return SAMPLERS["random"]
    return SAMPLERS["grid"]


def _best(measured: Measured, name: str) -> str:
    dev, rate = measured[f"{name}_best_dev"], measured[f"{name}_best_lr"]
    if dev is None:
        return f"{name}: every trial diverged"
    at = f" at α = {rate:.3g}" if rate is not None else ""
    tried = f", {measured[f'{name}_distinct_lr']} values of α tried" if rate is not None else ""
    return f"{name} {dev:.1%}{at} ({measured[f'{name}_trials']} trials{tried})"


def compare_text(measured: Measured) -> str:
    """The best dev accuracy of each sampler, and by how much the winner is ahead."""
    text = "Best dev accuracy: " + "; ".join(_best(measured, n) for n in ("random", "grid")) + "."
    random, grid = measured["random_best_dev"], measured["grid_best_dev"]
    if random is not None and grid is not None and random != grid:
        points = abs(random - grid) * 100
        text += f" {verdict(measured)} is ahead by {points:.1f} points."
    elif random == grid:
        text += " A tie: here the grid's few values of α happen to include a good one."
    return text


def measure(values: dict) -> dict[str, object]:
    """What the page shows for its settings: what it samples
    (:func:`playground.topics.search.scale_spread.measure`) and, with both samplers, what the
    trained search finds (:func:`shown`)."""
    measured = sampled(values)
    if values["sampler"] == "both":
        run = search_of(values)
        run.advance()
        measured |= shown(run)
    return measured
