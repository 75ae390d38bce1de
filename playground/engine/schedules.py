"""Learning-rate decay schedules α(epoch_num), as in the course.

The epoch is counted as the lecture counts it: epoch_num = 1 is the first pass over the data, so
inverse-time decay with α₀ = 0.2 and decay_rate = 1 runs epochs 1, 2, 3, 4 at α = 0.1, 0.067,
0.05, 0.04 — the lecture's table. ``make_schedule`` returns a picklable callable (a
``functools.partial`` of one of the rate functions below), so a schedule can be cached or stored
with a run.
"""

from __future__ import annotations

import math
from bisect import bisect_left
from collections.abc import Callable, Sequence
from functools import partial

from playground.engine.config import check_choice, check_int, check_range

Schedule = Callable[[int], float]


def constant(epoch: int, learning_rate0: float, **_: float) -> float:
    """α = α₀."""
    return learning_rate0


def inverse_time(epoch: int, learning_rate0: float, decay_rate: float, **_: float) -> float:
    """α = α₀ / (1 + decay_rate · epoch_num)."""
    return learning_rate0 / (1.0 + decay_rate * epoch)


def staircase(
    epoch: int, learning_rate0: float, decay_rate: float, time_interval: int, **_: float
) -> float:
    """α = α₀ / (1 + decay_rate · ⌊(epoch_num − 1) / time_interval⌋): every stair lasts
    ``time_interval`` epochs, the first at α₀."""
    return learning_rate0 / (1.0 + decay_rate * ((epoch - 1) // time_interval))


def exponential(epoch: int, learning_rate0: float, base: float, **_: float) -> float:
    """α = base^epoch_num · α₀ (the lecture's 0.95^epoch_num · α₀)."""
    return learning_rate0 * base**epoch


def inverse_sqrt(epoch: int, learning_rate0: float, k: float, **_: float) -> float:
    """α = k / √epoch_num · α₀: k = 1 starts at α₀, and a larger k gives a larger α."""
    return learning_rate0 * k / math.sqrt(epoch)


def piecewise(
    epoch: int,
    learning_rate0: float,
    boundaries: tuple[int, ...] = (),
    rates: tuple[float, ...] = (),
    **_: float,
) -> float:
    """Manual decay, piecewise constant: α = α₀ while epoch_num ≤ b₁, then α = rates[k − 1]
    while b_k < epoch_num ≤ b_{k+1} (b₁ < b₂ < … are the ``boundaries``, one rate each): the
    new rate applies once b_k epochs are done.

    This is the course's "manual decay" — watch the cost and lower α by hand at chosen epochs.
    Build it with :func:`make_piecewise_schedule`; ``make_schedule("piecewise", α₀)`` has no
    boundaries, so α = α₀ throughout.
    """
    piece = bisect_left(boundaries, epoch)
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
    k: float = 1.0,
) -> Schedule:
    """Return ``schedule(epoch_num) -> α`` for epoch_num = 1, 2, 3, … (the epoch being run).

    Parameters
    ----------
    name : str
        One of ``SCHEDULES``.
    learning_rate0 : float
        α₀ in (0, 100].
    decay_rate : float, default 1.0
        Of inverse_time and staircase, in [0, 1000] (0 keeps α = α₀).
    time_interval : int, default 1000
        Epochs per stair of staircase, in [1, 10⁶].
    base : float, default 0.95
        Of exponential, in (0, 1].
    k : float, default 1.0
        Of inverse_sqrt, in (0, 100], with k · α₀ ≤ 100: the first epoch's α = k · α₀ must be a
        learning rate the optimizers accept (k = 0 would give α = 0: no training at all).

    Raises
    ------
    ValueError
        Naming the argument that is out of its range.
    """
    check_choice("schedule", name, SCHEDULES)
    learning_rate0 = check_range("learning_rate0", learning_rate0, 0.0, 100.0, inclusive_low=False)
    k = check_range("k", k, 0.0, 100.0, inclusive_low=False)
    if name == "inverse_sqrt" and k * learning_rate0 > 100.0:
        raise ValueError(
            f"k · learning_rate0 (α of epoch 1) must be in (0, 100]; got {k:g} · "
            f"{learning_rate0:g} = {k * learning_rate0:g}"
        )
    return partial(
        SCHEDULES[name],
        learning_rate0=learning_rate0,
        decay_rate=check_range("decay_rate", decay_rate, 0.0, 1000.0),
        time_interval=check_int("time_interval", time_interval, 1, 10**6),
        base=check_range("base", base, 0.0, 1.0, inclusive_low=False),
        k=k,
    )


def make_piecewise_schedule(boundaries: Sequence[int], rates: Sequence[float]) -> Schedule:
    """Return the manual piecewise-constant ``schedule(epoch_num) -> α`` (epoch_num = 1, 2, …).

    Parameters
    ----------
    boundaries : sequence of int
        Epochs b₁ < b₂ < … < b_K after which α changes, each in [1, 10**6]; at most 50.
    rates : sequence of float
        K + 1 rates, each in (0, 100]: ``rates[0]`` = α₀ for epoch_num ≤ b₁, ``rates[k]`` for
        b_k < epoch_num ≤ b_{k+1}.

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
