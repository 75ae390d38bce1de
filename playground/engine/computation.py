"""A computation that is not a run — a page's sweep of many short trainings — as a job of the run
engine, so that it too trains in a worker process and never in a page's script.

A ``Computation`` is a ``Trainable`` of one epoch: training it calls ``fn(*args)`` once and keeps
the result. The engine streams it back as one final frame; a second session asking for the very
same computation is served from the engine's replay cache when the result is small.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass
class Computation:
    """``fn(*args)``, computed where the engine trains (``fn`` must be a module-level function,
    ``args`` picklable)."""

    fn: Callable[..., Any]
    args: tuple
    result: Any = None
    computed: bool = False
    epochs: int = 1

    @property
    def epoch(self) -> int:
        return int(self.computed)

    @property
    def done(self) -> bool:
        return self.computed

    def train_until(self, epoch: int, seconds: float = math.inf) -> None:
        if not self.computed and epoch >= 1:
            self.result = self.fn(*self.args)
            self.computed = True

    def constant_parts(self) -> list:
        return []
