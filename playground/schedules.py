"""Learning-rate decay schedules α(epoch), as in the course.

``make_schedule`` returns a picklable callable (a ``functools.partial`` of one of the rate
functions below), so a schedule can be cached or stored with a run.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from functools import partial

from playground.config import check_choice, check_int, check_range

Schedule = Callable[[int], float]


def constant(epoch: int, learning_rate0: float, **_: float) -> float:
    """α = α₀."""
    return learning_rate0


def inverse_time(epoch: int, learning_rate0: float, decay_rate: float, **_: float) -> float:
    """α = α₀ / (1 + decay_rate · epoch)."""
    return learning_rate0 / (1.0 + decay_rate * epoch)


def staircase(
    epoch: int, learning_rate0: float, decay_rate: float, time_interval: int, **_: float
) -> float:
    """α = α₀ / (1 + decay_rate · ⌊epoch / time_interval⌋)."""
    return learning_rate0 / (1.0 + decay_rate * (epoch // time_interval))


def exponential(epoch: int, learning_rate0: float, base: float, **_: float) -> float:
    """α = α₀ · base^epoch."""
    return learning_rate0 * base**epoch


def inverse_sqrt(epoch: int, learning_rate0: float, decay_rate: float, **_: float) -> float:
    """α = α₀ · decay_rate / √(epoch + 1)."""
    return learning_rate0 * decay_rate / math.sqrt(epoch + 1)


SCHEDULES: dict[str, Callable[..., float]] = {
    "constant": constant,
    "inverse_time": inverse_time,
    "staircase": staircase,
    "exponential": exponential,
    "inverse_sqrt": inverse_sqrt,
}


def make_schedule(
    name: str,
    learning_rate0: float,
    decay_rate: float = 1.0,
    time_interval: int = 1000,
    base: float = 0.95,
) -> Schedule:
    """Return ``schedule(epoch) -> α`` for epoch = 0, 1, 2, … (epochs already completed)."""
    check_choice("schedule", name, SCHEDULES)
    return partial(
        SCHEDULES[name],
        learning_rate0=check_range(
            "learning_rate0", learning_rate0, 0.0, 100.0, inclusive_low=False
        ),
        decay_rate=check_range("decay_rate", decay_rate, 0.0, 1000.0),
        time_interval=check_int("time_interval", time_interval, 1, 10**6),
        base=check_range("base", base, 0.0, 1.0, inclusive_low=False),
    )
