"""What a page remembers of its training runs between reruns: the types the run panel and the
A vs B comparison share (so neither imports the other's module for them).

``RunState`` is one page's runs and whether they tick; ``Pinned`` the runs kept as "A".
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field

from playground.engine.data import CsvData
from playground.engine.experiment import Run

Runs = dict[str, Run]
"""A page's runs by name (one, or a few side by side such as one per initialization)."""
RunFactory = Callable[[dict, CsvData | None], Runs]
"""Builds a page's untrained runs from its settings and the uploaded CSV, if any."""


@dataclass
class Pinned:
    """Run A: the values and data source it was started with, and its finished runs."""

    values: dict
    source: tuple
    runs: Runs


@dataclass
class RunState:
    """What one page remembers between reruns: its runs, whether they tick, its last error."""

    runs: Runs = field(default_factory=dict)
    running: bool = False
    """The runs are under way: ticking, or paused."""
    paused: bool = False
    """Under way but held: the runs do not advance until ▶ Resume or ⏭ Step."""
    error: str | None = None
    source: tuple | None = None
    """The settings and data the runs were started with, to tell when they change."""
    pinned: Pinned | None = None
    """Runs pinned as "A" to compare the next ones with (kept by Reset)."""
    lock: threading.Lock = field(default_factory=threading.Lock, repr=False, compare=False)
    """Held while a thread trains or draws the runs (see ``playground.ui.run_panel``)."""

    @property
    def ticking(self) -> bool:
        """Under way and not paused: the live fragment trains a chunk every tick."""
        return self.running and not self.paused
