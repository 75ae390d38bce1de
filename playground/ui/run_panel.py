"""Start / Pause / Step / Stop / Reset, a progress bar and live figures for a page's runs.

A page trains one run or a few side by side (e.g. one per initialization). The buttons live
outside the live fragment and only flip the session's run state. While the runs tick the
fragment reruns itself every ``TICK_SECONDS``, trains for ``CHUNK_SECONDS`` and redraws, so
Pause and Stop take effect within one tick. A paused run does not advance at all until ▶ Resume;
⏭ Step trains every run exactly one epoch and leaves them paused (from scratch, it starts them
paused), as TF Playground's step button does. Short runs skip the ticking: Start trains them to
the end at once, and a page's single default run goes through ``st.cache_data``, shared by every
session that asks for the same settings.

A button press starts a new script run at once, in a new thread, while the last fragment run may
still be training a chunk (Streamlit's ``runner.fastReruns``). So one lock per page's runs lets
one thread at a time train them or draw them: a button's callback waits for the chunk under way
to end, and a run shown paused or stopped is exactly where the next chunk would have begun.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Callable

import streamlit as st

from playground.engine.data import CsvData
from playground.engine.experiment import QUICK_WORK, Run, batch_size, run_work
from playground.engine.train import StopReason
from playground.ui.cache import cached_data, cached_quick_run
from playground.ui.compare_panel import comparison, pin_controls
from playground.ui.export_panel import export_panel
from playground.ui.run_state import RunFactory, Runs, RunState

TICK_SECONDS = 0.5
CHUNK_SECONDS = 0.35
QUICK_STEPS = 6000
"""Runs of at most this many gradient steps and ``QUICK_WORK`` in all — about half a second —
train in one go; longer ones tick with progress and Stop."""


def single_run(values: dict, csv: CsvData | None) -> Runs:
    """The default: one run of the page's settings."""
    return {"run": Run(values, cached_data(values, csv))}


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
    """▶ Start and ■ Stop with the run panel's keys and look, for panels without Pause and
    Step: they only flip the page's state in their callbacks; the live fragment does the work."""
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


def pace_buttons(
    columns, paused: bool, ticking: bool, on_start, on_pause, on_step, page: str, args: tuple
) -> None:
    """▶ Start (▶ Resume once paused), ⏸ Pause and ⏭ Step in three ``columns``, with the same
    keys and look on the run and babysit panels. They only call back: ``on_start(page, *args)``
    starts or resumes, ``on_pause(page)`` holds the runs where they are, ``on_step(page, *args)``
    trains exactly one epoch and holds them there."""
    start, pause, step = columns
    start.button(
        "▶ Resume" if paused else "▶ Start",
        type="primary",
        key="start",
        on_click=on_start,
        args=(page, *args),
        disabled=ticking,
        width="stretch",
    )
    pause.button(
        "⏸ Pause",
        key="pause",
        on_click=on_pause,
        args=(page,),
        disabled=not ticking,
        help="Hold the run where it is: change a setting, then ▶ Resume or ⏭ Step.",
        width="stretch",
    )
    step.button(
        "⏭ Step",
        key="step",
        on_click=on_step,
        args=(page, *args),
        help="Train exactly one epoch, then hold.",
        width="stretch",
    )


def _state(page: str) -> RunState:
    return st.session_state.setdefault(f"run:{page}", RunState())


def _new_runs(state: RunState, values: dict, csv: CsvData | None, make_runs: RunFactory) -> bool:
    """Build fresh runs of ``values`` into ``state`` (not yet under way); False and the core's
    message in ``state.error`` if it rejects them."""
    state.error, state.source = None, _source(values, csv)
    state.running = state.paused = False
    try:
        state.runs = make_runs(values, csv)
    except ValueError as error:
        state.runs, state.error = {}, str(error)
        return False
    return True


def _start(page: str, values: dict, csv: CsvData | None, make_runs: RunFactory) -> None:
    """▶ Start fresh runs, or ▶ Resume paused ones."""
    state = _state(page)
    with state.lock:
        if state.paused:
            state.paused = False
        elif _new_runs(state, values, csv, make_runs):
            _train_if_quick(state, values, csv, make_runs)


def _train_if_quick(
    state: RunState, values: dict, csv: CsvData | None, make_runs: RunFactory
) -> None:
    """Train short runs to the end at once (see ``QUICK_STEPS``); longer ones start ticking."""
    runs = state.runs
    steps = sum(gradient_steps(run) for run in runs.values())
    work = sum(run_work(run.epochs, run.data.X_train.shape[1], run.net) for run in runs.values())
    quick = steps <= QUICK_STEPS and work <= QUICK_WORK
    if quick and make_runs is single_run:
        state.runs = {"run": cached_quick_run(values, csv)}
    elif quick:
        for run in runs.values():
            run.advance()
    state.running = not quick


def _pause(page: str) -> None:
    state = _state(page)
    state.paused = state.running


def _step(page: str, values: dict, csv: CsvData | None, make_runs: RunFactory) -> None:
    """⏭ Train every run exactly one epoch and hold them there (fresh runs if none is under way)."""
    state = _state(page)
    state.paused = state.running  # no new chunk from here on
    with state.lock:
        if not state.running and not _new_runs(state, values, csv, make_runs):
            return
        for run in state.runs.values():
            run.step()
        state.running = not all(run.done for run in state.runs.values())
        state.paused = state.running


def _stop(page: str) -> None:
    state = _state(page)
    state.paused = state.running  # no new chunk from here on
    with state.lock:
        for run in state.runs.values():
            run.stop()
        state.running = state.paused = False


def _reset(page: str) -> None:
    _stop(page)
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
    source = _source(values, csv)
    stale = bool(state.runs) and state.source != source
    if stale and state.running:
        _stop(page)
    *pace, stop, reset, status = st.columns([1.1, 1, 1, 1, 1, 2.9], vertical_alignment="center")
    args = (values, csv, make_runs)
    pace_buttons(pace, state.paused, state.ticking, _start, _pause, _step, page, args)
    stop.button(
        "■ Stop",
        key="stop",
        on_click=_stop,
        args=(page,),
        disabled=not state.running,
        width="stretch",
    )
    reset.button("↺ Reset", key="reset", on_click=_reset, args=(page,), width="stretch")
    if stale:
        status.info("Settings changed since this run: press Start to train with the new ones.")
    pin_controls(state, values, source, current=not stale)
    try:
        shown = state.runs if state.runs and not stale else make_runs(values, csv)
    except ValueError as error:
        st.error(f"These settings cannot be trained: {error}")
        return None
    if state.error:
        st.error(state.error)

    @st.fragment(run_every=TICK_SECONDS if state.ticking else None)
    def live() -> None:
        with state.lock:
            if state.ticking:  # read now: a Pause may have come in since this fragment was drawn
                active = [run for run in state.runs.values() if not run.done]
                for run in active:
                    run.advance(CHUNK_SECONDS / len(active))
                if all(run.done for run in state.runs.values()):
                    state.running = False
                    st.rerun()
            _progress(shown, paused=state.paused and shown is state.runs)
            draw(shown)

    live()
    comparison(state, state.source, current=not stale)
    if not state.ticking:
        export_panel(page, shown, values)
    return shown


def _progress(runs: Runs, paused: bool = False) -> None:
    first = next(iter(runs.values()))
    active = [run.history.last_epoch for run in runs.values() if not run.done]
    epoch = min(active) if active else max(run.history.last_epoch for run in runs.values())
    text = f"Epoch {epoch} of {first.epochs}"
    seconds = sum(run.seconds for run in runs.values())
    if seconds:
        text += f" · {seconds:.1f} s"
    if paused:
        text += " · ⏸ paused"
    st.progress(min(run.progress for run in runs.values()), text=text)
    for name, run in runs.items():
        label = "" if len(runs) == 1 else f"{name}: "
        if run.history.stopped_reason == StopReason.DIVERGED:
            st.error(f"{label}Diverged: {run.history.message}")
        elif run.history.stopped_reason == StopReason.EARLY_STOPPING:
            st.success(f"{label}Early stopping worked: {run.history.message}")
        elif run.history.stopped_reason == StopReason.CANCELLED:
            st.warning(f"{label}{run.history.message}")
