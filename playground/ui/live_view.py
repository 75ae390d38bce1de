"""The live view of a page's training: a fragment that reruns on a timer while the training
ticks and only reads and draws, so the page is never greyed out.

It draws about 10 times a second (``FRAME_SECONDS``), less often when drawing is slow or many
pages draw at once: every ``frame_interval`` = 2 · its draw time · the pages drawing live on
this server, so that all the live views together take about half of the server's core however
many there are (a server's script threads share one core). The interval is fixed when the
fragment is drawn, so a view whose wanted interval has moved by more than ``REARM`` × rearms
itself with a full rerun.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from contextlib import nullcontext

import streamlit as st

from playground.engine.run_engine import run_engine
from playground.ui.figures import live_frame
from playground.ui.fragment_page import stay_on_drawn_page
from playground.ui.fragment_runs import leftover_tick
from playground.ui.run_state import EngineOwner

FRAME_SECONDS = 0.1
MAX_FRAME_SECONDS = 10.0
"""The live view draws a frame every 0.1 s, less often when drawing is slow or many pages draw
at once (down to every 10 s: a server drawing 60 live pages stays responsive)."""
REARM = 2.0
"""A live view whose drawing now wants a frame interval this many times longer, or shorter,
rearms itself (a full rerun) at the new one."""


def frame_interval(draw_seconds: float, live_pages: int = 1) -> float:
    """Seconds between live frames: 2 · draw time · live pages, from ``FRAME_SECONDS`` up to
    ``MAX_FRAME_SECONDS``."""
    wanted = 2 * draw_seconds * max(1, live_pages)
    return min(MAX_FRAME_SECONDS, max(FRAME_SECONDS, wanted))


def live_view(page: EngineOwner, ticking: Callable[[], bool], draw: Callable[[], None]) -> None:
    """``draw()`` in a fragment that reruns every ``frame_interval`` while ``ticking()`` holds
    (read again after each frame: a Pause may come in meanwhile); ``page`` keeps the draw time.
    A frame of runs under way is a ``live_frame``: its charts are sent as they are, not kept.

    A leftover tick — the browser's timer fired once more after the training ended, before the
    browser drew the page's full run that stopped the timer (a page that ended its live view
    with ``st.rerun()`` has queued such a tick behind that run on a loaded server) — reruns the
    whole page instead of the fragment. It is a run of the stopped view that moved no widget
    (a widget inside the view, e.g. an equation's epoch slider, still reruns the view alone).
    Streamlit would run the fragment against the tree of the full run that came between, and
    its browser can fail on that tree ("Bad delta path index"), leaving a blank page (seen
    about once in ten searches on an overloaded machine).
    """
    interval = frame_interval(page.draw_seconds, run_engine().drawing_owners())
    in_page_run = True  # the first call is part of the page's run: only a timer tick rearms

    @st.fragment(run_every=interval if ticking() else None)
    def live() -> None:
        stay_on_drawn_page()
        if leftover_tick(ticking()):
            st.rerun()  # a leftover tick (see above): the whole page draws instead
        began = time.perf_counter()
        with live_frame() if ticking() else nullcontext():
            draw()
        page.draw_seconds = time.perf_counter() - began
        wanted = frame_interval(page.draw_seconds, run_engine().drawing_owners())
        if in_page_run or not ticking():
            return
        if not interval / REARM <= wanted <= REARM * interval:
            st.rerun()  # the server got busier (or quieter): draw less (or more) often from now on

    live()
    in_page_run = False
