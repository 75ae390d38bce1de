"""What every benchmark times with: the best of a few repeats, in the same process."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")


Clock = Callable[[], float]
CPU_CLOCK: Clock = time.thread_time
"""This thread's CPU seconds: on a machine busy with other work, a steadier measure of a
single-threaded computation than the wall clock (time spent waiting for a core is left out)."""


def best_time(
    run: Callable[[], T], repeats: int = 1, clock: Clock = time.perf_counter
) -> tuple[float, T]:
    """The fastest of ``repeats`` calls of ``run()`` in seconds of ``clock`` (wall-clock by
    default; the least disturbed by other work on the machine), and what the last call
    returned."""
    best = float("inf")
    for _ in range(max(1, repeats)):
        start = clock()
        result = run()
        best = min(best, clock() - start)
    return best, result


def best_times(
    runs: dict[str, Callable[[], T]], repeats: int = 1, clock: Clock = time.perf_counter
) -> dict[str, tuple[float, T]]:
    """``best_time`` of each of ``runs``, taken in turns (one call of each per round), so a
    burst of other work on the machine slows every contender alike, not just one of them."""
    best = dict.fromkeys(runs, float("inf"))
    results: dict[str, T] = {}
    for _ in range(max(1, repeats)):
        for name, run in runs.items():
            seconds, results[name] = best_time(run, clock=clock)
            best[name] = min(best[name], seconds)
    return {name: (best[name], results[name]) for name in runs}
