"""Start / Pause / Step / Reset and the live view of one babysat model, with α changed mid-run.

Like ``run_panel``, the buttons live outside the live fragment and only flip the session's
state, and the fragment reruns itself every ``TICK_SECONDS`` while the model trains. Unlike it,
each tick trains a fixed number of epochs (slow enough to watch), there is no Stop (Pause keeps
the model and ▶ Resume goes on with it; ⏭ Step trains exactly one epoch and holds), and the
learning-rate widget is drawn inside the fragment: moving it, while the model trains or while it
is paused, changes α from the next epoch on without restarting anything. As in ``run_panel``,
one lock lets one thread at a time train or draw the panda: a button pressed during a tick
takes effect when that tick's epochs are done.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field

import streamlit as st

from playground.engine.config import Setting
from playground.topics.pandas_caviar.model import Panda
from playground.ui.run_panel import pace_buttons
from playground.ui.widgets import read

TICK_SECONDS = 0.5


@dataclass
class PandaState:
    """What one page remembers between reruns: its panda, whether it trains, its last error."""

    panda: Panda | None = None
    running: bool = False
    error: str | None = None
    source: object = None
    """The settings the panda was started with (α aside), to tell when they change."""
    lock: threading.Lock = field(default_factory=threading.Lock, repr=False, compare=False)
    """Held while a thread trains or draws the panda."""


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


def _start(page: str, source: object, make_panda: Callable[[], Panda], alpha_key: str) -> None:
    state = _state(page)
    with state.lock:
        state.running = _take_panda(state, source, make_panda, alpha_key)


def _pause(page: str) -> None:
    _state(page).running = False


def _step(page: str, source: object, make_panda: Callable[[], Panda], alpha_key: str) -> None:
    """Train exactly one epoch with the α the widget shows, then hold."""
    state = _state(page)
    state.running = False  # no new tick from here on
    with state.lock:
        if _take_panda(state, source, make_panda, alpha_key):
            state.panda.advance(1)


def _reset(page: str) -> None:
    st.session_state[f"panda:{page}"] = PandaState()


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
    with state.lock:  # mid-tick, the panda's run counts only to the tick's last epoch
        stale = state.panda is not None and state.source != source
        if stale:
            state.running = False
        paused = _resumable(state, source) and not state.running
    *pace, reset = st.columns(4, vertical_alignment="center")
    args = (source, make_panda, alpha.key)
    pace_buttons(pace, paused, state.running, _start, _pause, _step, page, args)
    reset.button("↺ Reset", key="reset", on_click=_reset, args=(page,), width="stretch")
    if stale:
        st.info("Settings changed since this panda started: press Start to train a new one.")
    try:
        shown = state.panda if state.panda is not None and not stale else make_panda()
    except ValueError as error:
        st.error(f"This model cannot be trained: {error}")
        return None
    if state.error:
        st.error(state.error)

    @st.fragment(run_every=TICK_SECONDS if state.running else None)
    def live() -> None:
        value = read([alpha], st)[alpha.key]
        with state.lock:
            if not shown.done:
                shown.set_learning_rate(value)
            if state.running:
                shown.advance(epochs_per_tick)
                if shown.done:
                    state.running = False
                    st.rerun()
            text = f"Epoch {shown.epoch} of {shown.epochs} · α = {shown.learning_rate:g}"
            if paused:
                text += " · ⏸ paused"
            st.progress(shown.progress, text=text)
            draw(shown)

    live()
    return shown
