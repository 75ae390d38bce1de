"""Start / Pause / Step / Stop / Reset, a playback speed, a progress bar and live figures for a
page's runs.

A page trains one run or a few side by side (e.g. one per initialization). Training never runs
in the page's script: ▶ Start hands the runs to the run engine (:mod:`playground.engine.
run_engine`, worker processes), which streams frames of them back. The buttons live outside the
live fragment and only change the session's run state; while the runs tick, the fragment
(``playground.ui.live_view``) reruns about 10 times a second, takes each run's newest frame the
playback allows (:mod:`playground.engine.playback`: a run that trains in a blink is still shown
learning over 1.5 s at 1×) and draws it — it only reads and draws, so it is short and the view is
never greyed out. One frame feeds the progress line, the titles and the tables alike.

■ Stop and ⏸ Pause act at once: the jobs are dropped and the runs stay exactly as last shown
(⏸ Pause keeps them to ▶ Resume from there). ⏭ Step trains every run exactly one epoch and holds
them there (from scratch, it starts them paused), as TF Playground's step button does. On the
single-run pages, moving a setting of ``LIVE_KEYS`` (α, λ) while the run is under way applies it
from the epoch shown on; any other change stops the run.

Finished runs are shared: the engine replays a run another session already trained from the
very same start, so a class opening the default page trains it once.
"""

from __future__ import annotations

import hashlib
import math
import time
from collections.abc import Callable

import streamlit as st

from playground.engine.data import CsvData
from playground.engine.experiment import LIVE_KEYS, Run
from playground.engine.playback import (
    DEFAULT_SPEED,
    MAX_SPEED,
    PLAYBACK_SECONDS,
    SPEEDS,
    Playback,
    rate_at,
)
from playground.engine.run_engine import run_engine
from playground.engine.train import StopReason
from playground.ui.cache import cached_data
from playground.ui.compare_panel import comparison, pin_controls
from playground.ui.export_panel import export_panel
from playground.ui.live_view import live_view
from playground.ui.run_state import RunFactory, Runs, RunState

QUICK_RESULT_SECONDS = 0.3
QUICK_POLL_SECONDS = 0.01
"""At "max" speed, ▶ Start waits up to 0.3 s for runs that train in a blink, and shows them done."""
SPEED_KEY = "playback"
SPEED_WIDTH = 110
"""Width of the playback box in px: "max" and its ▾ whole."""
HIDDEN_HEADER_STOP = "<style>[data-testid='stStatusWidget'] { visibility: hidden; }</style>"
"""Streamlit's header "Running… Stop" (its status widget), hidden on the training pages."""


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


def start_stop_buttons(
    row,
    running: bool,
    on_start,
    start_args: tuple,
    on_stop,
    stop_args: tuple,
) -> None:
    """▶ Start and ■ Stop in ``row`` (``button_row``) with the run panel's keys and look, for
    panels without Pause and Step: they only flip the page's state in their callbacks; the live
    fragment does the work."""
    row.button(
        "▶ Start",
        type="primary",
        key="start",
        on_click=on_start,
        args=start_args,
        disabled=running,
        width="stretch",
    )
    row.button(
        "■ Stop",
        key="stop",
        on_click=on_stop,
        args=stop_args,
        disabled=not running,
        width="stretch",
    )


def pace_buttons(
    row, paused: bool, ticking: bool, on_start, on_pause, on_step, page: str, args: tuple
) -> None:
    """▶ Start (▶ Resume once paused), ⏸ Pause and ⏭ Step in ``row`` (``button_row``), with
    the same keys and look on the run and babysit panels. They only call back:
    ``on_start(page, *args)`` starts or resumes, ``on_pause(page)`` holds the runs where they
    are, ``on_step(page, *args)`` trains exactly one epoch and holds them there."""
    row.button(
        "▶ Resume" if paused else "▶ Start",
        type="primary",
        key="start",
        on_click=on_start,
        args=(page, *args),
        disabled=ticking,
        width="stretch",
    )
    row.button(
        "⏸ Pause",
        key="pause",
        on_click=on_pause,
        args=(page,),
        disabled=not ticking,
        help="Hold the run where it is: change a setting, then ▶ Resume or ⏭ Step.",
        width="stretch",
    )
    row.button(
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
    _cancel_jobs(state)
    state.error, state.source = None, _source(values, csv)
    state.running = state.paused = False
    try:
        state.runs = make_runs(values, csv)
    except ValueError as error:
        state.runs, state.error = {}, str(error)
        return False
    epochs = max(run.epochs for run in state.runs.values())
    state.playback = Playback.at_speed(epochs, st.session_state.get(SPEED_KEY, DEFAULT_SPEED))
    return True


def _submit(state: RunState) -> None:
    """Hand every unfinished run, as last shown, to the engine; the clock goes on from there."""
    engine = run_engine()
    for name, run in state.runs.items():
        if not run.done:
            state.jobs[name] = engine.submit(state.owner, run)
    state.playback.resume(_shown_epoch(state.runs))


def _cancel_jobs(state: RunState) -> None:
    """Drop the jobs: the runs stay as last shown (a worker ahead of the page is discarded)."""
    engine = run_engine()
    for job in state.jobs.values():
        engine.cancel(job)
    state.jobs = {}
    if state.playback is not None and state.runs:
        state.playback.hold(_shown_epoch(state.runs))


def _start(page: str, values: dict, csv: CsvData | None, make_runs: RunFactory) -> None:
    """▶ Start fresh runs, or ▶ Resume paused ones."""
    state = _state(page)
    with state.lock:
        if state.paused:
            state.paused = False
        elif not _new_runs(state, values, csv, make_runs):
            return
        state.running = True
        _submit(state)
        if st.session_state.get(SPEED_KEY) == MAX_SPEED:
            _take_quick_results(state)


def _take_quick_results(state: RunState) -> None:
    """At "max" speed a run is shown as soon as it arrives: if every job delivers its last frame
    within ``QUICK_RESULT_SECONDS``, show the runs done in the click's own rerun (no live view
    to draw); otherwise the live view takes over."""
    engine = run_engine()
    deadline = time.monotonic() + QUICK_RESULT_SECONDS
    while any(engine.newest_epoch(job) != math.inf for job in state.jobs.values()):
        if time.monotonic() > deadline:
            return
        time.sleep(QUICK_POLL_SECONDS)
    _take_frames(state)


def _pause(page: str) -> None:
    state = _state(page)
    with state.lock:
        state.paused = state.running
        _cancel_jobs(state)


def _step(page: str, values: dict, csv: CsvData | None, make_runs: RunFactory) -> None:
    """⏭ Train every run exactly one epoch and hold them there (fresh runs if none is under way).
    The epoch trains in a worker; the button waits for it."""
    state = _state(page)
    with state.lock:
        _cancel_jobs(state)
        if not state.running and not _new_runs(state, values, csv, make_runs):
            return
        engine = run_engine()
        for name, run in state.runs.items():
            if not run.done:
                job = engine.submit(state.owner, run, until=run.epoch + 1)
                state.runs[name] = engine.result(job)
        state.running = not all(run.done for run in state.runs.values())
        state.paused = state.running
        state.playback.hold(_shown_epoch(state.runs))


def _stop(page: str) -> None:
    state = _state(page)
    with state.lock:
        _cancel_jobs(state)
        for run in state.runs.values():
            run.stop()
        state.running = state.paused = False


def _reset(page: str) -> None:
    _stop(page)
    st.session_state[f"run:{page}"] = RunState(pinned=_state(page).pinned)


def _apply_live(state: RunState, values: dict, source: tuple, changes: dict) -> None:
    """Give the runs under way the settings that may change mid-run (``LIVE_KEYS``), from the
    epoch shown on: jobs ahead of the page are dropped and the runs go on from what it shows."""
    with state.lock:
        ticking = state.ticking
        _cancel_jobs(state)
        for run in state.runs.values():
            run.apply(changes)
        state.source = source
        if ticking:
            _submit(state)


def _live_changes(state: RunState, source: tuple, make_runs: RunFactory) -> dict | None:
    """The settings that changed since the runs started, if every one of them may change
    mid-run (a single run of the page's settings, under way); None otherwise."""
    if not state.running or make_runs is not single_run or state.source is None:
        return None
    (old, old_data), (new, new_data) = state.source, source
    changed = {key for key in new if old.get(key) != new[key]}
    if old_data != new_data or not changed <= set(LIVE_KEYS):
        return None
    return {key: new[key] for key in changed}


def _take_frames(state: RunState) -> None:
    """Show the runs' newest frames the playback allows, all at one epoch: as far as the run
    that is furthest behind has got, at an epoch every run has a frame of (runs side by side
    share their key frames, see ``playground.engine.worker``). Once every job has delivered its
    last frame, the runs are no longer under way."""
    engine = run_engine()
    reached = [engine.newest_epoch(job) for job in state.jobs.values()]
    shown = {name: state.runs[name].epoch for name in state.jobs}
    behind = min(
        (epoch if epoch is not None else shown[name])
        for name, epoch in zip(state.jobs, reached, strict=True)
    )
    oldest = [engine.oldest_epoch(job) for job in state.jobs.values()]
    next_frame = max((epoch for epoch in oldest if epoch is not None), default=0)
    up_to = min(max(state.playback.allowed_epoch(), next_frame), behind)  # always a step on
    if len(state.jobs) > 1:
        up_to = _common_epoch(state, shown, up_to)
    for name, job_id in list(state.jobs.items()):
        frame, job = engine.take(job_id, up_to)
        if frame is not None:
            state.runs[name] = frame.obj
        if job.error:
            state.error = f"{name}: {job.error}" if len(state.runs) > 1 else job.error
        if not engine.pending(job_id):
            engine.forget(job_id)
            del state.jobs[name]
    state.playback.shown(_shown_epoch(state.runs))
    if not state.jobs:
        state.running = False
        state.playback.hold(_shown_epoch(state.runs))


def _common_epoch(state: RunState, shown: dict[str, int], up_to: float) -> float:
    """The latest epoch up to ``up_to`` that every job can be shown at: one it is shown at, has
    a frame queued for, or is past (its last frame, queued, stands for any later epoch); ``up_to``
    itself if there is none."""
    engine = run_engine()
    reachable = []
    for name, job_id in state.jobs.items():
        epochs, final = engine.queued_epochs(job_id)
        reachable.append(({shown[name], *epochs}, final))
    candidates = {epoch for here, _ in reachable for epoch in here if epoch <= up_to}
    common = [
        epoch
        for epoch in candidates
        if all(epoch in here or epoch >= final for here, final in reachable)
    ]
    return max(common, default=up_to)


def _shown_epoch(runs: Runs) -> int:
    """The epoch the progress shows: the least of the unfinished runs (else the most)."""
    active = [run.epoch for run in runs.values() if not run.done]
    return min(active) if active else max(run.epoch for run in runs.values())


def button_row(key: str):
    """The row of a panel's buttons: side by side, each as wide as its share of the row but
    never narrower than its label, and wrapping onto a second line where the page is too narrow
    for them all (a laptop with the sidebar open), never cutting a label ("▶ St…")."""
    return st.container(horizontal=True, vertical_alignment="center", gap="small", key=key)


def hide_header_stop() -> None:
    """Streamlit's own header Stop would stop only the page's script, never the training:
    hide it (and its running man) on the training pages, whose ■ Stop does stop the runs."""
    st.html(HIDDEN_HEADER_STOP)


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
    changes = _live_changes(state, source, make_runs)
    if changes:
        _apply_live(state, values, source, changes)
    stale = bool(state.runs) and state.source != source
    if stale and state.running:
        _stop(page)
    hide_header_stop()
    row = button_row("run_buttons")
    args = (values, csv, make_runs)
    pace_buttons(row, state.paused, state.ticking, _start, _pause, _step, page, args)
    row.button(
        "■ Stop",
        key="stop",
        on_click=_stop,
        args=(page,),
        disabled=not state.running,
        width="stretch",
    )
    row.button("↺ Reset", key="reset", on_click=_reset, args=(page,), width="stretch")
    row.selectbox(
        "Playback",
        list(SPEEDS),
        index=list(SPEEDS).index(DEFAULT_SPEED),
        key=SPEED_KEY,
        label_visibility="collapsed",
        help=f"Playback speed: at 1× a run is shown over at least {PLAYBACK_SECONDS:g} s, "
        'however fast it trains; "max" shows each frame as soon as it arrives.',
        on_change=_set_speed,
        args=(page,),
        width=SPEED_WIDTH,
    )
    if stale:  # under the buttons: beside them, it left them too narrow for their labels
        st.info("Settings changed since this run: press Start to train with the new ones.")
    pin_controls(state, values, source, current=not stale)
    try:
        shown = state.runs if state.runs and not stale else make_runs(values, csv)
    except ValueError as error:
        st.error(f"These settings cannot be trained: {error}")
        return None

    def draw_frame() -> None:
        with state.lock:
            if state.ticking:  # read now: a Pause may have come in since this fragment was drawn
                _take_frames(state)
                if not state.running:
                    st.rerun()
            if state.error:
                st.error(state.error)
            _progress(shown, state.playback if shown is state.runs else None, state.paused)
            draw(shown)

    live_view(state, lambda: state.ticking, draw_frame)
    comparison(state, state.source, current=not stale)
    if not state.ticking:
        export_panel(page, shown, values)
    return shown


def _set_speed(page: str) -> None:
    """A new playback speed applies from the epoch shown on."""
    state = _state(page)
    with state.lock:
        playback = state.playback
        if playback is None:
            return
        ticking = playback.ticking
        if ticking:
            playback.hold(_shown_epoch(state.runs))
        playback.rate = rate_at(playback.epochs, st.session_state[SPEED_KEY])
        if ticking:
            playback.resume(_shown_epoch(state.runs))


def _progress(runs: Runs, playback: Playback | None, paused: bool = False) -> None:
    """One line from one set of frames: epoch, wall-clock time under way and epochs per second."""
    first = next(iter(runs.values()))
    epoch = _shown_epoch(runs)
    text = f"Epoch {epoch} of {first.epochs}"
    seconds = playback.seconds() if playback is not None else 0.0
    if seconds and epoch:
        text += f" · {seconds:.1f} s · {epoch / seconds:,.0f} epochs/s"
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
