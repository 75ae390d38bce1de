"""What every benchmark times with: the best of a few repeats, in the same process."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")


def best_time(run: Callable[[], T], repeats: int = 1) -> tuple[float, T]:
    """The fastest of ``repeats`` calls of ``run()`` in seconds (the least disturbed by other
    work on the machine), and what the last call returned."""
    best = float("inf")
    for _ in range(max(1, repeats)):
        start = time.perf_counter()
        result = run()
        best = min(best, time.perf_counter() - start)
    return best, result
