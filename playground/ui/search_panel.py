"""Start / Stop / Zoom in / Reset, a progress bar and the live view of a hyperparameter search.

Like ``run_panel``: the buttons live outside the live fragment and only flip the session's
search state. While a search is running the fragment reruns itself every ``TICK_SECONDS`` and
trains groups of trials (one batched computation each) for about ``CHUNK_SECONDS`` — always at
least one whole group — then redraws, so Stop takes effect after the group in training; every
trial already trained is kept. A search (or zoom round) that trains within ``QUICK_SECONDS``
is trained at once when Start (or Zoom in) is pressed.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import streamlit as st

from playground.engine.config import Setting
from playground.topics.search.texts import backend_text
from playground.topics.search.trials import SearchRun
from playground.ui.run_panel import start_stop_buttons

TICK_SECONDS = 0.5
CHUNK_SECONDS = 0.35
QUICK_SECONDS = 1.0
"""Start (and Zoom in) train groups for about this long at once: a small search is done when
the page redraws, without ticking."""
PROGRESS_EVERY = 0.2
"""Seconds between progress-bar updates while a group trains."""


@dataclass
class SearchState:
    """What one page remembers between reruns: its search, whether it ticks, its last error."""

    search: SearchRun | None = None
    running: bool = False
    error: str | None = None
    source: object = None
    """The settings the search was started with, to tell when they change."""


def _state(page: str) -> SearchState:
    return st.session_state.setdefault(f"search:{page}", SearchState())


def _start(page: str, source: object, make_search: Callable[[], SearchRun]) -> None:
    state = _state(page)
    state.error, state.source = None, source
    try:
        state.search = make_search()
    except ValueError as error:
        state.search, state.running, state.error = None, False, str(error)
        return
    state.search.advance(QUICK_SECONDS)
    state.running = not state.search.done


def _stop(page: str) -> None:
    state = _state(page)
    if state.search is not None:
        state.search.stop()
    state.running = False


def _zoom(page: str) -> None:
    state = _state(page)
    try:
        state.search.zoom_in()
    except ValueError as error:
        state.error = str(error)
        return
    state.error = None
    state.search.advance(QUICK_SECONDS)
    state.running = not state.search.done


def _reset(page: str) -> None:
    st.session_state[f"search:{page}"] = SearchState()


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
    start, stop, zoom, reset, status = st.columns([1, 1, 1.2, 1, 3], vertical_alignment="center")
    start_stop_buttons(
        start, stop, state.running, _start, (page, source, make_search), _stop, (page,)
    )
    can_zoom = state.search is not None and not stale and state.search.can_zoom
    zoom.button(
        "🔍 Zoom in",
        key="zoom",
        on_click=_zoom,
        args=(page,),
        disabled=state.running or not can_zoom,
        help="Coarse to fine: a new round of random trials inside the box around the best "
        "trials of the last round.",
        width="stretch",
    )
    reset.button("↺ Reset", key="reset", on_click=_reset, args=(page,), width="stretch")
    if stale:
        status.info("Settings changed since this search: press Start to search with them.")
    try:
        shown = state.search if state.search is not None and not stale else make_search()
    except ValueError as error:
        st.error(f"This search cannot run: {error}")
        return None
    if state.error:
        st.error(state.error)

    @st.fragment(run_every=TICK_SECONDS if state.running else None)
    def live() -> None:
        bar = st.progress(shown.progress, text=progress_text(shown))
        if state.running:
            last = [time.perf_counter()]

            def on_epoch(progress: float) -> None:
                now = time.perf_counter()
                if now - last[0] > PROGRESS_EVERY:
                    last[0] = now
                    bar.progress(min(progress, 1.0), text=progress_text(shown) + " …")

            shown.advance(CHUNK_SECONDS, on_epoch)
            if shown.done:
                state.running = False
                st.rerun()
            bar.progress(shown.progress, text=progress_text(shown))
        st.caption(backend_text(shown))
        if shown.stopped and shown.trials_done < shown.n_trials:
            st.warning(
                f"Stopped after {shown.trials_done} of {shown.n_trials} trials: the results "
                "below are those trained so far."
            )
        draw(shown, state.running)

    live()
    return shown


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
