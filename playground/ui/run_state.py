"""What a page remembers of its training runs between reruns: the types the run panel and the
A vs B comparison share (so neither imports the other's module for them).

``RunState`` is one page's runs, the engine jobs training them and whether they tick;
``Pinned`` the runs kept as "A".
"""

from __future__ import annotations

import threading
import uuid
import weakref
from collections.abc import Callable
from dataclasses import dataclass, field

from playground.engine.data import CsvData
from playground.engine.experiment import Run
from playground.engine.playback import Playback
from playground.engine.run_engine import run_engine

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
class EngineOwner:
    """One page's share of the run engine in one session: its jobs go when it goes."""

    owner: str = field(default_factory=lambda: uuid.uuid4().hex)
    """Whose jobs these are in the engine (one id per page per session)."""
    draw_seconds: float = 0.0
    """How long the page's live view took to draw last (it sets the frame interval)."""

    def __post_init__(self) -> None:
        # A session that goes away drops its pages' states: their jobs go with them.
        weakref.finalize(self, run_engine().cancel_owner, self.owner)


@dataclass
class RunState(EngineOwner):
    """What one page remembers between reruns: its runs as last drawn, the engine jobs that
    train them, whether they tick, its last error."""

    runs: Runs = field(default_factory=dict)
    """The runs as the page shows them: each the newest frame its job sent that may be shown."""
    jobs: dict[str, int] = field(default_factory=dict)
    """Run name → the engine job training it (none while paused or stopped)."""
    running: bool = False
    """The runs are under way: ticking, or paused."""
    paused: bool = False
    """Under way but held: the runs do not advance until ▶ Resume or ⏭ Step."""
    error: str | None = None
    source: tuple | None = None
    """The settings and data the runs were started with, to tell when they change."""
    pinned: Pinned | None = None
    """Runs pinned as "A" to compare the next ones with (kept by Reset)."""
    playback: Playback | None = None
    """The pace the runs are shown at, and how long they have been under way."""
    lock: threading.Lock = field(default_factory=threading.Lock, repr=False, compare=False)
    """Held while a thread changes or draws the runs (see ``playground.ui.run_panel``)."""

    @property
    def ticking(self) -> bool:
        """Under way and not paused: the live fragment draws new frames every tick."""
        return self.running and not self.paused
