"""Playback: how far into a run the page may show, so even a run that trains in a blink is seen
learning.

A run is played back over at least ``PLAYBACK_SECONDS`` ÷ speed: at time t after the playback
(re)started at epoch e₀, the page may show epochs up to

    e₀ + epochs · (t − t₀) · speed / PLAYBACK_SECONDS,

so a 300-epoch run that trains in 0.3 s is shown over 1.5 s at 1×, while a run that trains for
longer than that is shown as fast as it trains. Each frame drawn may also go at most
rate · ``STEP_SECONDS`` epochs (at least one) past the last one shown, so a page that draws
slowly (a busy server) shows the run more slowly rather than in fewer frames: at 1× every run
is shown in at least ``PLAYBACK_SECONDS`` / ``STEP_SECONDS`` = 15 frames (or one per epoch).
``SPEEDS`` are the learner's choices; "max" shows every frame as soon as it arrives.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass, field

clock = time.monotonic
"""The playback's clock (a test may hold it still and move it by hand)."""

PLAYBACK_SECONDS = 1.5
STEP_SECONDS = 0.1
MAX_SPEED = "max"
SPEEDS = {"½×": 0.5, "1×": 1.0, "2×": 2.0, "4×": 4.0, MAX_SPEED: math.inf}
DEFAULT_SPEED = "1×"


def rate_at(epochs: int, speed: str) -> float:
    """Epochs per second shown at most: epochs · speed / ``PLAYBACK_SECONDS``."""
    return epochs * SPEEDS[speed] / PLAYBACK_SECONDS


@dataclass
class Playback:
    """The pace of one page's runs and the wall-clock time they have been under way."""

    epochs: int
    rate: float = math.inf
    """Epochs per second the page may show at most (inf: every frame as it arrives)."""
    origin_epoch: int = 0
    origin_time: float = field(default_factory=lambda: clock())
    elapsed: float = 0.0
    """Seconds under way before the current stretch (pauses do not count)."""
    shown_epoch: int = 0
    """The epoch of the last frame drawn (see ``shown``)."""
    ticking: bool = True

    @classmethod
    def at_speed(cls, epochs: int, speed: str) -> Playback:
        """The playback of a run of ``epochs`` at the learner's choice of ``SPEEDS``."""
        return cls(epochs, rate_at(epochs, speed))

    def allowed_epoch(self, now: float | None = None) -> float:
        """The last epoch the page may show at ``now``."""
        if not self.ticking:
            return self.origin_epoch
        if math.isinf(self.rate):
            return math.inf
        now = clock() if now is None else now
        by_time = self.origin_epoch + self.rate * (now - self.origin_time)
        step = max(1.0, self.rate * STEP_SECONDS)  # at least the next epoch
        return min(by_time, max(self.shown_epoch, self.origin_epoch) + step)

    def shown(self, epoch: int) -> None:
        """The page drew a frame of ``epoch``."""
        self.shown_epoch = epoch

    def seconds(self, now: float | None = None) -> float:
        """Wall-clock seconds the runs have been under way (what the learner waited)."""
        if not self.ticking:
            return self.elapsed
        now = clock() if now is None else now
        return self.elapsed + now - self.origin_time

    def hold(self, epoch: int) -> None:
        """Stop the clock at ``epoch`` (Pause, Step, Stop, the end of the run)."""
        if self.ticking:
            self.elapsed = self.seconds()
            self.ticking = False
        self.origin_epoch = self.shown_epoch = epoch

    def resume(self, epoch: int) -> None:
        """Start the clock again from ``epoch``."""
        self.elapsed = self.seconds()
        self.origin_epoch, self.origin_time, self.ticking = epoch, clock(), True
        self.shown_epoch = epoch
