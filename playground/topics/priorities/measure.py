"""What the priorities page shows for a set of its settings, computed headless: the sweeps,
their ranking and the numbers its sentence states (what scene claims are checked against)."""

from __future__ import annotations

from playground.engine.claims import Measured
from playground.engine.experiment import make_data
from playground.topics.priorities import settings
from playground.topics.priorities.sweep import Sweep, rank, sweep_all


def summary(sweeps: dict[str, Sweep]) -> dict[str, object]:
    """The ranking in numbers: the first and last symbols, the ratio of their spreads, and each
    hyperparameter's spread ("spread_<name>") and place ("place_<name>", 1 = moves J_dev most)."""
    ranked = rank(sweeps)
    first, last = ranked[0], ranked[-1]
    numbers: dict[str, object] = {
        "first": first.knob.symbol,
        "last": last.knob.symbol,
        "ratio": first.spread / last.spread if last.spread > 0 else float("inf"),
    }
    for place, sweep in enumerate(ranked, start=1):
        numbers[f"spread_{sweep.name}"] = sweep.spread
        numbers[f"place_{sweep.name}"] = place
    return numbers


def measure(values: dict) -> Measured:
    """Every sweep of the page's settings ``values``, trained here, summarized."""
    values = settings.page_values(values)
    data = make_data(settings.data_values(values))
    sets = (data.X_train, data.Y_train, data.X_dev, data.Y_dev)
    return summary(sweep_all(settings.baseline(values), values["points"], *sets))
