"""Learning-rate decay schedules α(epoch), as in the course.

``make_schedule`` returns a picklable callable (a ``functools.partial`` of one of the rate
functions below), so a schedule can be cached or stored with a run.
"""

from __future__ import annotations

import math
from bisect import bisect_right
from collections.abc import Callable, Sequence
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


def piecewise(
    epoch: int,
    learning_rate0: float,
    boundaries: tuple[int, ...] = (),
    rates: tuple[float, ...] = (),
    **_: float,
) -> float:
    """Manual decay, piecewise constant: α = α₀ while epoch < b₁, then α = rates[k − 1] while
    b_k ≤ epoch < b_{k+1} (b₁ < b₂ < … are the ``boundaries``, one rate each).

    This is the course's "manual decay" — watch the cost and lower α by hand at chosen epochs.
    Build it with :func:`make_piecewise_schedule`; ``make_schedule("piecewise", α₀)`` has no
    boundaries, so α = α₀ throughout.
    """
    piece = bisect_right(boundaries, epoch)
    return learning_rate0 if piece == 0 else rates[piece - 1]


SCHEDULES: dict[str, Callable[..., float]] = {
    "constant": constant,
    "inverse_time": inverse_time,
    "staircase": staircase,
    "exponential": exponential,
    "inverse_sqrt": inverse_sqrt,
    "piecewise": piecewise,
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


def make_piecewise_schedule(boundaries: Sequence[int], rates: Sequence[float]) -> Schedule:
    """Return the manual piecewise-constant ``schedule(epoch) -> α`` (epoch = 0, 1, 2, …).

    Parameters
    ----------
    boundaries : sequence of int
        Epochs b₁ < b₂ < … < b_K at which α changes, each in [1, 10**6]; at most 50.
    rates : sequence of float
        K + 1 rates, each in (0, 100]: ``rates[0]`` = α₀ for epoch < b₁, ``rates[k]`` for
        b_k ≤ epoch < b_{k+1}.

    Returns
    -------
    Schedule
        A picklable ``functools.partial`` of :func:`piecewise`.

    Raises
    ------
    ValueError
        If a boundary is not an integer in range, the boundaries do not increase, a rate is
        out of range, or there is not exactly one more rate than boundaries.
    """
    for name, value in (("boundaries", boundaries), ("rates", rates)):
        if isinstance(value, (str, bytes)) or not isinstance(value, Sequence):
            raise ValueError(f"{name} must be a list; got {value!r}")
    if len(boundaries) > 50:
        raise ValueError(f"boundaries must hold at most 50 epochs; got {len(boundaries)}")
    if len(rates) != len(boundaries) + 1:
        raise ValueError(
            f"rates must hold one more value than boundaries ({len(boundaries) + 1}: α₀ and one "
            f"rate per boundary); got {len(rates)}"
        )
    checked = tuple(
        check_int(f"boundaries[{i}]", value, 1, 10**6) for i, value in enumerate(boundaries)
    )
    for i in range(1, len(checked)):
        if checked[i] <= checked[i - 1]:
            raise ValueError(
                f"boundaries must increase; got boundaries[{i}] = {checked[i]} after "
                f"{checked[i - 1]}"
            )
    alphas = tuple(
        check_range(f"rates[{i}]", value, 0.0, 100.0, inclusive_low=False)
        for i, value in enumerate(rates)
    )
    return partial(piecewise, learning_rate0=alphas[0], boundaries=checked, rates=alphas[1:])
