"""What the class search found, in numbers and in one paragraph, from the results the presenter
figure plots.

The lecture's two lessons, measured on the class's own runs:

* random beats grid — N runs drawn at random try N values of the first knob (α); a grid of N
  runs over d knobs tries only ⌊N^(1/d)⌋ of them, repeating each with other values of knobs
  that matter less;
* search on a log scale — α drawn as 10^r puts runs in every decade of its range, and the best
  dev cost found in each decade shows how much the decade matters.

:func:`measure` returns every number, :func:`sentence` writes them; ``CLAIMS`` states what a
class of ``CLASS_SIZE`` students finds on the default space, checked by a test that runs them.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

from playground.engine.claims import ACCURACY, Claim, fill
from playground.topics.search.class_search.space import ClassSpace, label
from playground.topics.search.class_search.training import ClassRun
from playground.topics.search.sampling import decade_counts

CLASS_SIZE = 20
"""The class of the claims: members 1 … 20 (the ids a new store gives its first members) on
``space_for_scene()``, each training its own assignment."""


def grid_values(runs: int, knobs: int) -> int:
    """Values of each knob a grid of ``runs`` runs over ``knobs`` knobs tries: ⌊runs^(1/knobs)⌋
    (at least 1 once there is a run)."""
    if runs < 1:
        return 0
    return max(1, math.floor(runs ** (1 / knobs) + 1e-9))


def best_run(runs: Sequence[ClassRun]) -> ClassRun | None:
    """The run with the lowest dev cost (ties: the higher dev accuracy), or None if every run
    diverged."""
    finished = [run for run in runs if not run.diverged]
    if not finished:
        return None
    return min(finished, key=lambda run: (run.dev_cost, -np.nan_to_num(run.dev_accuracy)))


def knob_values(runs: Sequence[ClassRun], name: str) -> np.ndarray:
    """The value of knob ``name`` in each run (NaN where a run lacks it)."""
    return np.array([float(run.hyperparameters.get(name, math.nan)) for run in runs])


def measure(runs: Sequence[ClassRun], space: ClassSpace) -> dict[str, object]:
    """Every number the summary states, by name.

    "runs", "diverged"; "knob" (the first knob's name), "distinct" (its distinct values, to 12
    digits), "grid_distinct" (:func:`grid_values` of the runs and knobs); "best_cost",
    "best_accuracy" and "best" (the best run's hyperparameters), None without a finished run.
    When the first knob spans a decade or more (low > 0): "edges" (its decades' edges),
    "per_decade" (runs in each), "decades" (how many), "decades_tried" (those with a run), and
    over the decades holding a finished run, the lowest and highest of their best dev costs
    ("low_decade_cost", "high_decade_cost") and those decades' edges ("low_decade",
    "high_decade").
    """
    first = space.knobs[0]
    values = knob_values(runs, first.name)
    known = values[np.isfinite(values)]
    best = best_run(runs)
    measured: dict[str, object] = {
        "runs": len(runs),
        "diverged": sum(run.diverged for run in runs),
        "knob": first.name,
        "distinct": len({float(f"{v:.12g}") for v in known}),
        "grid_distinct": grid_values(len(runs), len(space.knobs)),
        "best_cost": None if best is None else best.dev_cost,
        "best_accuracy": None if best is None else best.dev_accuracy,
        "best": None if best is None else dict(best.hyperparameters),
    }
    if first.low > 0 and first.high / first.low >= 10:
        measured |= _decades(runs, values, first.low, first.high)
    return measured


def _decades(runs: Sequence[ClassRun], values: np.ndarray, low: float, high: float) -> dict:
    """Runs per decade of the first knob, and the best dev cost of each decade with a finished
    run (see :func:`measure`)."""
    edges, counts = decade_counts(values[np.isfinite(values)], low, high)
    costs = np.array([run.dev_cost for run in runs])
    decade = np.clip(np.searchsorted(edges, values, side="right") - 1, 0, len(edges) - 2)
    best = {}
    for k in range(len(edges) - 1):
        inside = (decade == k) & np.isfinite(values) & np.isfinite(costs)
        if inside.any():
            best[k] = float(costs[inside].min())
    measured = {
        "edges": edges.tolist(),
        "per_decade": counts.tolist(),
        "decades": len(counts),
        "decades_tried": int(np.count_nonzero(counts)),
    }
    if best:
        low_k, high_k = min(best, key=best.get), max(best, key=best.get)
        measured |= {
            "low_decade_cost": best[low_k],
            "low_decade": (float(edges[low_k]), float(edges[low_k + 1])),
            "high_decade_cost": best[high_k],
            "high_decade": (float(edges[high_k]), float(edges[high_k + 1])),
        }
    return measured


def settings_text(hyperparameters: dict) -> str:
    """ "α = 0.0353, β₁ = 0.952": a run's knobs as the course writes them."""
    return ", ".join(f"{label(name)} = {value:.3g}" for name, value in hyperparameters.items())


def sentence(measured: dict) -> str:
    """The class search's result in words, every number from ``measured`` (:func:`measure`)."""
    runs = measured["runs"]
    if runs == 0:
        return "No results yet: each student's run appears here when it finishes."
    symbol = label(measured["knob"])
    parts = [
        f"{_many(runs, 'run')} tried {_many(measured['distinct'], 'value')} of {symbol}; a grid "
        f"of {_many(runs, 'run')} over the same knobs tries {measured['grid_distinct']}."
    ]
    if "per_decade" in measured:
        edges, counts = measured["edges"], measured["per_decade"]
        spread = ", ".join(
            f"{a:g}–{b:g}: {n}" for a, b, n in zip(edges[:-1], edges[1:], counts, strict=True)
        )
        parts.append(
            f"Runs per decade of {symbol}: {spread} ({measured['decades_tried']} of "
            f"{measured['decades']} decades tried)."
        )
    if "low_decade_cost" in measured and measured["low_decade"] != measured["high_decade"]:
        parts.append(
            f"The best dev cost of a decade ranges from {measured['low_decade_cost']:.3g} "
            f"({symbol} in {_span(measured['low_decade'])}) to "
            f"{measured['high_decade_cost']:.3g} ({symbol} in {_span(measured['high_decade'])})."
        )
    if measured["best"] is None:
        parts.append("Every run diverged.")
    else:
        accuracy = measured["best_accuracy"]
        shown = "" if math.isnan(accuracy) else f", dev accuracy {accuracy:.1%}"
        parts.append(
            f"Best run: {settings_text(measured['best'])} — dev cost "
            f"{measured['best_cost']:.3g}{shown}."
        )
    if measured["diverged"]:
        parts.append(f"{measured['diverged']} of {runs} runs diverged.")
    return " ".join(parts)


def _many(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


def _span(edges: tuple[float, float]) -> str:
    return f"{edges[0]:g}–{edges[1]:g}"


TEMPLATE = (
    "A class of {runs} students, each training its own assignment of α and β₁ on 'Grid wastes "
    "trials', tries {distinct} values of α where a grid of {runs} runs tries {grid_distinct}. "
    "On the log scale every decade of α gets runs ({decades_tried} of {decades}), and the best run "
    "reaches a dev cost of {best_cost:.2f} ({best_accuracy:.0%} dev accuracy)."
)
"""What a class finds, before it runs: the text of the class search, filled from ``CLAIMS``."""

CLAIMS = (
    Claim("runs", CLASS_SIZE),
    Claim("distinct", CLASS_SIZE),
    Claim("grid_distinct", 4),
    Claim("decades", 4),
    Claim("decades_tried", 4),
    Claim("best_cost", 0.33, 0.02),
    Claim("best_accuracy", 0.91, ACCURACY),
    Claim("low_decade_cost", relation="<", than="high_decade_cost"),
)
"""What a class of ``CLASS_SIZE`` finds on the default space (a test runs it through the
store)."""


def story() -> str:
    """``TEMPLATE`` with the claimed results written in."""
    return fill(TEMPLATE, CLAIMS)
