"""Start / Stop / Reset, a progress bar and live figures for a page's training runs.

A page trains one run or a few side by side (e.g. one per initialization). The buttons live
outside the live fragment and only flip the session's run state. While the runs are active the
fragment reruns itself every ``TICK_SECONDS``, trains for ``CHUNK_SECONDS`` and redraws, so Stop
takes effect within one tick. Short runs skip the ticking: they train to the end at once, and a
page's single default run goes through ``st.cache_data``, shared by every session that asks for
the same settings.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Callable
from dataclasses import dataclass, field

import streamlit as st

from playground.data import CsvData
from playground.experiment import Run, batch_size, run_work
from playground.ui.cache import cached_data, cached_quick_run
from playground.ui.compare_panel import Pinned, comparison, pin_controls
from playground.ui.export_panel import export_panel

TICK_SECONDS = 0.5
CHUNK_SECONDS = 0.35
QUICK_STEPS = 6000
QUICK_WORK = 1e8
"""Runs of at most this many gradient steps and this much work (epochs × examples × weights)
in all — about half a second — train in one go; longer ones tick with progress and Stop."""

Runs = dict[str, Run]
RunFactory = Callable[[dict, CsvData | None], Runs]


def single_run(values: dict, csv: CsvData | None) -> Runs:
    """The default: one run of the page's settings."""
    return {"run": Run(values, cached_data(values, csv))}


@dataclass
class RunState:
    """What one page remembers between reruns: its runs, whether they tick, its last error."""

    runs: Runs = field(default_factory=dict)
    running: bool = False
    error: str | None = None
    source: tuple | None = None
    """The settings and data the runs were started with, to tell when they change."""
    pinned: Pinned | None = None
    """Runs pinned as "A" to compare the next ones with (kept by Reset)."""


def _source(values: dict, csv: CsvData | None) -> tuple:
    """Identifies what a run trains on: its settings and, for an upload, the file's contents."""
    if csv is None:
        return (values, None)
    digest = hashlib.blake2b(csv.X.tobytes(), digest_size=16)
    digest.update(csv.Y.tobytes())
    return (values, digest.hexdigest())


def gradient_steps(run: Run) -> int:
    """epochs × ⌈m / batch size⌉ of one run."""
    m = run.data.X_train.shape[1]
    batch = min(batch_size(run.values) or m, m)
    return run.epochs * math.ceil(m / batch)


def start_stop_buttons(
    start_column,
    stop_column,
    running: bool,
    on_start,
    start_args: tuple,
    on_stop,
    stop_args: tuple,
) -> None:
    """The ▶ Start and ■ Stop buttons of every training page (same keys and look everywhere):
    they only flip the page's state in their callbacks; the live fragment does the work."""
    start_column.button(
        "▶ Start",
        type="primary",
        key="start",
        on_click=on_start,
        args=start_args,
        disabled=running,
        width="stretch",
    )
    stop_column.button(
        "■ Stop",
        key="stop",
        on_click=on_stop,
        args=stop_args,
        disabled=not running,
        width="stretch",
    )


def _state(page: str) -> RunState:
    return st.session_state.setdefault(f"run:{page}", RunState())


def _start(page: str, values: dict, csv: CsvData | None, make_runs: RunFactory) -> None:
    state = _state(page)
    state.error, state.source = None, _source(values, csv)
    try:
        runs = make_runs(values, csv)
        steps = sum(gradient_steps(run) for run in runs.values())
        work = sum(
            run_work(run.epochs, run.data.X_train.shape[1], run.net) for run in runs.values()
        )
        quick = steps <= QUICK_STEPS and work <= QUICK_WORK
        if quick and make_runs is single_run:
            runs = {"run": cached_quick_run(values, csv)}
        elif quick:
            for run in runs.values():
                run.advance()
        state.runs, state.running = runs, not quick
    except ValueError as error:
        state.runs, state.running, state.error = {}, False, str(error)


def _stop(page: str) -> None:
    state = _state(page)
    for run in state.runs.values():
        run.stop()
    state.running = False


def _reset(page: str) -> None:
    st.session_state[f"run:{page}"] = RunState(pinned=_state(page).pinned)


def run_panel(
    page: str,
    values: dict,
    csv: CsvData | None,
    draw: Callable[[Runs], None],
    make_runs: RunFactory = single_run,
) -> Runs | None:
    """Draw the buttons, then the live view of the page's runs (or of the untrained networks).

    ``make_runs(values, csv)`` builds the page's runs by name; ``draw(runs)`` draws the page's
    figures for runs in any state. Returns the runs shown, or None when the core rejects the
    settings (its message is shown with ``st.error``).
    """
    state = _state(page)
    stale = bool(state.runs) and state.source != _source(values, csv)
    if stale and state.running:
        _stop(page)
    start, stop, reset, status = st.columns([1, 1, 1, 4], vertical_alignment="center")
    start_stop_buttons(
        start, stop, state.running, _start, (page, values, csv, make_runs), _stop, (page,)
    )
    reset.button("↺ Reset", key="reset", on_click=_reset, args=(page,), width="stretch")
    if stale:
        status.info("Settings changed since this run: press Start to train with the new ones.")
    pin_controls(state, values, _source(values, csv), current=not stale)
    try:
        shown = state.runs if state.runs and not stale else make_runs(values, csv)
    except ValueError as error:
        st.error(f"These settings cannot be trained: {error}")
        return None
    if state.error:
        st.error(state.error)

    @st.fragment(run_every=TICK_SECONDS if state.running else None)
    def live() -> None:
        if state.running:
            active = [run for run in state.runs.values() if not run.done]
            for run in active:
                run.advance(CHUNK_SECONDS / len(active))
            if all(run.done for run in state.runs.values()):
                state.running = False
                st.rerun()
        _progress(shown)
        draw(shown)

    live()
    comparison(state, state.source, current=not stale)
    if not state.running:
        export_panel(page, shown, values)
    return shown


def _progress(runs: Runs) -> None:
    first = next(iter(runs.values()))
    active = [run.history.last_epoch for run in runs.values() if not run.done]
    epoch = min(active) if active else max(run.history.last_epoch for run in runs.values())
    text = f"Epoch {epoch} of {first.epochs}"
    seconds = sum(run.seconds for run in runs.values())
    if seconds:
        text += f" · {seconds:.1f} s"
    st.progress(min(run.progress for run in runs.values()), text=text)
    for name, run in runs.items():
        label = "" if len(runs) == 1 else f"{name}: "
        if run.history.stopped_reason == "diverged":
            st.error(f"{label}Diverged: {run.history.message}")
        elif run.history.stopped_reason == "early_stopping":
            st.success(f"{label}Early stopping worked: {run.history.message}")
        elif run.history.stopped_reason == "cancelled":
            st.warning(f"{label}{run.history.message}")
