"""Start / Pause / Step / Reset and the live view of one babysat model, with α changed mid-run.

Like ``run_panel``: the model trains in the run engine's worker processes, never in the page's
script; the buttons live outside the live fragment and only change the session's state; the
fragment takes the newest frame the playback allows and draws it. Unlike it, the playback goes at
the page's speed (``epochs_per_tick`` epochs every ``TICK_SECONDS``, slow enough to watch), there
is no Stop (⏸ Pause keeps the model and ▶ Resume goes on with it; ⏭ Step trains exactly one epoch
and holds), and the learning-rate widget is drawn inside the fragment: moving it, while the model
trains or while it is paused, changes α from the epoch shown on — a worker ahead of the page is
dropped and the model goes on from what the page shows, with the new α.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field

import streamlit as st

from playground.engine.config import Setting
from playground.engine.playback import Playback
from playground.engine.run_engine import run_engine
from playground.topics.pandas_caviar.model import Panda
from playground.ui.live_view import live_view
from playground.ui.run_panel import button_row, hide_header_stop, pace_buttons
from playground.ui.run_state import EngineOwner
from playground.ui.widgets import read

TICK_SECONDS = 0.5


@dataclass
class PandaState(EngineOwner):
    """What one page remembers between reruns: its panda as last drawn, the engine job that
    trains it, whether it trains, its last error."""

    panda: Panda | None = None
    job: int | None = None
    running: bool = False
    error: str | None = None
    source: object = None
    """The settings the panda was started with (α aside), to tell when they change."""
    playback: Playback | None = None
    lock: threading.Lock = field(default_factory=threading.Lock, repr=False, compare=False)
    """Held while a thread changes or draws the panda."""


def _state(page: str) -> PandaState:
    return st.session_state.setdefault(f"panda:{page}", PandaState())


def _resumable(state: PandaState, source: object) -> bool:
    panda = state.panda
    return panda is not None and state.source == source and not panda.done


def _take_panda(
    state: PandaState, source: object, make_panda: Callable[[], Panda], alpha_key: str
) -> bool:
    """Go on with the page's panda, or make a new one if there is none to resume, and give it
    the α widget's value; False (and the core's message in ``state.error``) if it is rejected."""
    state.error = None
    if not _resumable(state, source):
        try:
            state.panda, state.source = make_panda(), source
        except ValueError as error:
            state.panda, state.running, state.error = None, False, str(error)
            return False
    alpha = st.session_state.get(alpha_key)
    if alpha is not None:
        state.panda.set_learning_rate(float(alpha))
    return True


def _cancel_job(state: PandaState) -> None:
    """Drop the job: the panda stays as last shown."""
    if state.job is not None:
        run_engine().cancel(state.job)
        state.job = None


def _submit(state: PandaState, epochs_per_tick: int) -> None:
    """Hand the panda, as last shown, to the engine; play it back at the page's speed."""
    panda = state.panda
    state.job = run_engine().submit(state.owner, panda)
    rate = epochs_per_tick / TICK_SECONDS
    state.playback = Playback(panda.epochs, rate, origin_epoch=panda.epoch)


def _start(
    page: str, source: object, make_panda: Callable[[], Panda], alpha_key: str, epochs_per_tick: int
) -> None:
    state = _state(page)
    with state.lock:
        _cancel_job(state)
        state.running = _take_panda(state, source, make_panda, alpha_key)
        if state.running:
            _submit(state, epochs_per_tick)


def _pause(page: str) -> None:
    state = _state(page)
    with state.lock:
        _cancel_job(state)
        state.running = False


def _step(
    page: str, source: object, make_panda: Callable[[], Panda], alpha_key: str, epochs_per_tick: int
) -> None:
    """Train exactly one epoch with the α the widget shows, then hold (the epoch trains in a
    worker; the button waits for it)."""
    state = _state(page)
    with state.lock:
        _cancel_job(state)
        state.running = False
        if _take_panda(state, source, make_panda, alpha_key) and not state.panda.done:
            panda = state.panda
            engine = run_engine()
            job = engine.submit(state.owner, panda, until=panda.epoch + 1)
            state.panda = engine.result(job)


def _reset(page: str) -> None:
    _pause(page)
    st.session_state[f"panda:{page}"] = PandaState()


def _take_frame(state: PandaState) -> None:
    """Show the newest frame the playback allows; the panda stops once its job has ended."""
    engine = run_engine()
    frame, job = engine.take(state.job, state.playback.allowed_epoch())
    if frame is not None:
        state.panda = frame.obj
        state.playback.shown(frame.epoch)
    if job.error:
        state.error = job.error
    if not engine.pending(state.job):
        engine.forget(state.job)
        state.job, state.running = None, False


def babysit_panel(
    page: str,
    source: object,
    make_panda: Callable[[], Panda],
    alpha: Setting,
    epochs_per_tick: int,
    draw: Callable[[Panda], None],
) -> Panda | None:
    """Draw the buttons, the α widget, the progress and ``draw(panda)`` for the page's panda
    (or an untrained one). Returns the panda shown, or None if the core rejects the settings."""
    state = _state(page)
    with state.lock:
        stale = state.panda is not None and state.source != source
        if stale:
            _cancel_job(state)
            state.running = False
        paused = _resumable(state, source) and not state.running
    hide_header_stop()
    row = button_row("babysit_buttons")
    args = (source, make_panda, alpha.key, epochs_per_tick)
    pace_buttons(row, paused, state.running, _start, _pause, _step, page, args)
    row.button("↺ Reset", key="reset", on_click=_reset, args=(page,), width="stretch")
    if stale:
        st.info("Settings changed since this panda started: press Start to train a new one.")
    try:
        untrained = None if state.panda is not None and not stale else make_panda()
    except ValueError as error:
        st.error(f"This model cannot be trained: {error}")
        return None

    def draw_frame() -> None:
        value = read([alpha], st)[alpha.key]
        with state.lock:
            if state.running:
                _take_frame(state)
                if not state.running:
                    st.rerun()
            shown = untrained or state.panda
            if not shown.done and shown.set_learning_rate(value) and shown is state.panda:
                _cancel_job(state)  # go on from the epoch shown, with the new α
                if state.running:
                    _submit(state, epochs_per_tick)
            if state.error:
                st.error(state.error)
            text = f"Epoch {shown.epoch} of {shown.epochs} · α = {shown.learning_rate:g}"
            if paused:
                text += " · ⏸ paused"
            st.progress(shown.progress, text=text)
            draw(shown)

    live_view(state, lambda: state.running, draw_frame)
    return untrained or state.panda
