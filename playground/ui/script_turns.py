"""Script runs take turns: at most ``AT_ONCE`` run at a time in a server process, in arrival order.

Each browser session's script runs on a thread of its own, and a server's threads share one
interpreter lock. When a whole class moves at once (sixty students following the teacher to a
page), sixty page runs would share the lock in 5 ms slices: every run would finish at the end,
and the server's event loop, which sends each run's messages to its browser, would get one slice
in sixty-one. Taking turns, each run has the lock nearly to itself, its browser gets the page as
soon as its run is done, and the event loop keeps up. The total work is the same.

``turn()`` is re-entrant on a thread: a fragment that takes turns may be called inside a page
run that holds one.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager

AT_ONCE = 2
"""Script runs that may run at the same time in one server process."""

_turns = threading.Semaphore(AT_ONCE)
_held = threading.local()


@contextmanager
def turn() -> Iterator[None]:
    """Run the block in this thread's turn (waiting for one if ``AT_ONCE`` runs are running)."""
    depth = getattr(_held, "depth", 0)
    if depth == 0:
        _turns.acquire()
    _held.depth = depth + 1
    try:
        yield
    finally:
        _held.depth = depth
        if depth == 0:
            _turns.release()
