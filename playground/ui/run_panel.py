"""Start / Stop / Reset, a progress bar and live figures for one training run per page.

The buttons live outside the live fragment and only flip the session's run state. While a run is
active the fragment reruns itself every ``TICK_SECONDS``, trains for ``CHUNK_SECONDS`` and
redraws, so Stop takes effect within one tick. Short runs skip the ticking: they train in one go
through ``st.cache_data``, shared by every session that asks for the same settings.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

import streamlit as st

from playground.data import CsvData
from playground.experiment import Run
from playground.ui.cache import cached_data, cached_quick_run

TICK_SECONDS = 0.5
CHUNK_SECONDS = 0.35
QUICK_STEPS = 6000
"""Runs of at most this many gradient steps (≈ half a second) train in one cached call."""


@dataclass
class RunState:
    """What one page remembers between reruns: its run, whether it is ticking, its last error."""

    run: Run | None = None
    running: bool = False
    error: str | None = None


def gradient_steps(values: dict, m: int) -> int:
    """epochs × ⌈m / batch size⌉."""
    batch = values["bs"] or m
    return values["epochs"] * math.ceil(m / min(batch, m))


def _state(page: str) -> RunState:
    return st.session_state.setdefault(f"run:{page}", RunState())


def _start(page: str, values: dict, csv: CsvData | None) -> None:
    state = _state(page)
    state.error = None
    try:
        data = cached_data(values, csv)
        if gradient_steps(values, data.X_train.shape[1]) <= QUICK_STEPS:
            state.run, state.running = cached_quick_run(values, csv), False
        else:
            state.run, state.running = Run(values, data), True
    except ValueError as error:
        state.run, state.running, state.error = None, False, str(error)


def _stop(page: str) -> None:
    state = _state(page)
    if state.run is not None:
        state.run.stop()
    state.running = False


def _reset(page: str) -> None:
    st.session_state[f"run:{page}"] = RunState()


def run_panel(
    page: str, values: dict, csv: CsvData | None, draw: Callable[[Run], None]
) -> Run | None:
    """Draw the buttons, then the live view of the page's run (or of the untrained network).

    ``draw(run)`` draws the page's figures for a run in any state. Returns the run shown, or
    None when the settings are rejected (the core's message is shown with ``st.error``).
    """
    state = _state(page)
    stale = state.run is not None and state.run.values != values
    if stale and state.running:
        _stop(page)
    start, stop, reset, status = st.columns([1, 1, 1, 4], vertical_alignment="center")
    start.button(
        "▶ Start",
        type="primary",
        key="start",
        on_click=_start,
        args=(page, values, csv),
        disabled=state.running,
        width="stretch",
    )
    stop.button(
        "■ Stop",
        key="stop",
        on_click=_stop,
        args=(page,),
        disabled=not state.running,
        width="stretch",
    )
    reset.button("↺ Reset", key="reset", on_click=_reset, args=(page,), width="stretch")
    if state.error:
        st.error(state.error)
    if stale:
        status.info("Settings changed since this run: press Start to train with the new ones.")
    try:
        shown = (
            state.run
            if state.run is not None and not stale
            else Run(values, cached_data(values, csv))
        )
    except ValueError as error:
        st.error(f"These settings cannot be trained: {error}")
        return None

    @st.fragment(run_every=TICK_SECONDS if state.running else None)
    def live() -> None:
        if state.running and state.run is not None:
            state.run.advance(CHUNK_SECONDS)
            if state.run.done:
                state.running = False
                st.rerun()
        _progress(shown)
        draw(shown)

    live()
    return shown


def _progress(run: Run) -> None:
    history = run.history
    text = f"Epoch {history.last_epoch} of {run.epochs}"
    if run.seconds:
        text += f" · {run.seconds:.1f} s"
    st.progress(run.progress, text=text)
    if history.stopped_reason == "diverged":
        st.error(f"Diverged: {history.message}")
    elif history.stopped_reason in ("early_stopping", "cancelled"):
        st.warning(history.message)
