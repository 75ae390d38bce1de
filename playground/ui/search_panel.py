"""Start / Stop / Zoom in / Reset, a progress bar and the live view of a hyperparameter search.

Like ``run_panel``: the search trains in the run engine's worker processes (a group of trials,
one batched computation, at a time), never in the page's script; the buttons live outside the
live fragment and only change the session's search state; while the search runs, the fragment
takes its newest frame about 10 times a second (``live_view``) and draws it. ■ Stop acts at once:
the search stays as last shown, every trial trained so far kept. 🔍 Zoom in adds a round to the
finished search and hands it to the engine again.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import streamlit as st

from playground.engine.config import Setting
from playground.engine.run_engine import run_engine
from playground.topics.search.texts import backend_text
from playground.topics.search.trials import SearchRun
from playground.ui.live_view import live_view
from playground.ui.run_panel import button_row, hide_header_stop, start_stop_buttons
from playground.ui.run_state import EngineOwner


@dataclass
class SearchState(EngineOwner):
    """What one page remembers between reruns: its search as last drawn, the engine job that
    trains it, whether it runs, its last error."""

    search: SearchRun | None = None
    job: int | None = None
    running: bool = False
    error: str | None = None
    source: object = None
    """The settings the search was started with, to tell when they change."""
    lock: threading.Lock = field(default_factory=threading.Lock, repr=False, compare=False)
    """Held while a thread changes or draws the search."""


def _state(page: str) -> SearchState:
    return st.session_state.setdefault(f"search:{page}", SearchState())


def _submit(state: SearchState) -> None:
    search = state.search
    state.job = run_engine().submit(state.owner, search)
    state.running = True


def _cancel_job(state: SearchState) -> None:
    if state.job is not None:
        run_engine().cancel(state.job)
        state.job = None


def _start(page: str, source: object, make_search: Callable[[], SearchRun]) -> None:
    state = _state(page)
    with state.lock:
        _cancel_job(state)
        state.error, state.source = None, source
        try:
            state.search = make_search()
        except ValueError as error:
            state.search, state.running, state.error = None, False, str(error)
            return
        _submit(state)


def _stop(page: str) -> None:
    state = _state(page)
    with state.lock:
        _cancel_job(state)
        if state.search is not None:
            state.search.stop()
        state.running = False


def _zoom(page: str) -> None:
    state = _state(page)
    with state.lock:
        try:
            state.search.zoom_in()
        except ValueError as error:
            state.error = str(error)
            return
        state.error = None
        _submit(state)


def _reset(page: str) -> None:
    _stop(page)
    st.session_state[f"search:{page}"] = SearchState()


def _take_frame(state: SearchState) -> None:
    """Show the search's newest frame; it stops running once its job has ended."""
    engine = run_engine()
    frame, job = engine.take(state.job)
    if frame is not None:
        state.search = frame.obj
    if job.error:
        state.error = job.error
    if not engine.pending(state.job):
        engine.forget(state.job)
        state.job, state.running = None, False


def progress_text(search: SearchRun) -> str:
    """ "Trained k of N trials · group g of G · s seconds"."""
    text = f"Trained {search.trials_done} of {search.n_trials} trials"
    text += f" · group {search.groups_done} of {search.n_groups}"
    if search.seconds:
        text += f" · {search.seconds:.1f} s"
    return text


def search_panel(
    page: str,
    source: object,
    make_search: Callable[[], SearchRun],
    draw: Callable[[SearchRun, bool], None],
) -> SearchRun | None:
    """Draw the buttons, then the live view of the page's search (or of the untrained one).

    ``make_search()`` builds the search the settings ``source`` describe; ``draw(search,
    running)`` draws the page's figures for a search in any state. Returns the search shown, or
    None when the core rejects the settings (its message is shown with ``st.error``).
    """
    state = _state(page)
    stale = state.search is not None and state.source != source
    if stale and state.running:
        _stop(page)
    hide_header_stop()
    row = button_row("search_buttons")
    start_stop_buttons(row, state.running, _start, (page, source, make_search), _stop, (page,))
    can_zoom = state.search is not None and not stale and state.search.can_zoom
    row.button(
        "🔍 Zoom in",
        key="zoom",
        on_click=_zoom,
        args=(page,),
        disabled=state.running or not can_zoom,
        help="Coarse to fine: a new round of random trials inside the box around the best "
        "trials of the last round.",
        width="stretch",
    )
    row.button("↺ Reset", key="reset", on_click=_reset, args=(page,), width="stretch")
    if stale:
        st.info("Settings changed since this search: press Start to search with them.")
    try:
        untrained = None if state.search is not None and not stale else make_search()
    except ValueError as error:
        st.error(f"This search cannot run: {error}")
        return None

    def draw_frame() -> None:
        with state.lock:
            if state.running:
                _take_frame(state)
                if not state.running:
                    st.rerun()
            shown = untrained or state.search
            if state.error:
                st.error(state.error)
            st.progress(shown.progress, text=progress_text(shown))
            st.caption(backend_text(shown))
            if shown.stopped and shown.trials_done < shown.n_trials:
                st.warning(
                    f"Stopped after {shown.trials_done} of {shown.n_trials} trials: the results "
                    "below are those trained so far."
                )
            draw(shown, state.running)

    live_view(state, lambda: state.running, draw_frame)
    return untrained or state.search


def pick_widget(setting: Setting, options: Sequence[str], container=None) -> str:
    """A URL-bound select box of ``setting`` whose options depend on the results (e.g. the
    trial numbers of a finished search); a URL value that is not an option falls back to
    ``setting.default``, which must be the first option."""
    where = st if container is None else container
    return where.selectbox(
        setting.label,
        list(options),
        index=0,
        key=setting.key,
        help=setting.help or None,
        bind="query-params",
    )
