"""A page's sweep of many short trainings (learning curves, a learning-rate sweep, the paths of
three optimizers…), computed in the run engine's workers while the page stays responsive.

``background(key, calls, draw, waiting)`` hands each ``fn(*args)`` of ``calls`` to the engine
(``playground.engine.computation``), shows ``waiting`` and how many are done while they compute,
and calls ``draw(results)`` once all are there. The calls are handed over again only when they
change; a session that goes away drops its jobs (``EngineOwner``). A call that fails shows its
message, as the page would have shown the ``ValueError`` it raised.
"""

from __future__ import annotations

import hashlib
import pickle
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import streamlit as st

from playground.engine.computation import Computation
from playground.engine.run_engine import run_engine
from playground.ui.fragment_page import stay_on_drawn_page
from playground.ui.fragment_runs import leftover_tick
from playground.ui.run_state import EngineOwner
from playground.ui.script_turns import turn

POLL_SECONDS = 0.25
"""How often a page waiting for its computations looks whether they are done."""

Calls = dict[str, tuple[Callable[..., Any], tuple]]
"""Name → (a module-level function, its arguments)."""


@dataclass
class Background(EngineOwner):
    """One section's computations in one session: what was asked, the jobs, the results."""

    digest: str | None = None
    jobs: dict[str, int] = field(default_factory=dict)
    results: dict[str, Any] = field(default_factory=dict)
    error: str | None = None


def _digest(calls: Calls) -> str:
    return hashlib.blake2b(pickle.dumps(calls), digest_size=16).hexdigest()


def _ask(state: Background, calls: Calls) -> None:
    """Drop the section's jobs and hand ``calls`` to the engine."""
    engine = run_engine()
    for job in state.jobs.values():
        engine.cancel(job)
    state.digest, state.results, state.error = _digest(calls), {}, None
    state.jobs = {
        name: engine.submit(state.owner, Computation(fn, args))
        for name, (fn, args) in calls.items()
    }


def _collect(state: Background) -> None:
    """Keep the results that have arrived; the first error ends the wait."""
    engine = run_engine()
    for name, job_id in list(state.jobs.items()):
        frame, job = engine.take(job_id)
        if job.error:
            state.error = job.error.split(": ", 1)[-1]
        elif frame is None or not frame.final:
            continue
        else:
            state.results[name] = frame.obj.result
        engine.forget(job_id)
        del state.jobs[name]
    if state.error:
        for job_id in state.jobs.values():
            engine.cancel(job_id)
        state.jobs = {}


def finished(key: str) -> dict[str, Any] | None:
    """The results of section ``key`` (name → result) once all its computations are done, even
    while its page is not shown (collecting what has arrived); None until then, after an error,
    or if the section never ran in this session."""
    state = st.session_state.get(f"background:{key}")
    if state is None or state.digest is None:
        return None
    if state.jobs:
        _collect(state)
    return None if state.jobs or state.error else state.results


def background(
    key: str, calls: Calls, draw: Callable[[dict[str, Any]], None], waiting: str
) -> None:
    """Compute ``calls`` in the engine's workers and ``draw(results)`` (name → result) once all
    are done; until then show ``waiting`` and the count done. ``key`` names the section."""
    state = st.session_state.setdefault(f"background:{key}", Background())
    if state.digest != _digest(calls):
        _ask(state, calls)

    @st.fragment(run_every=POLL_SECONDS if state.jobs else None)
    def section() -> None:
        with turn():  # a class waiting for one sweep polls it from every student's page
            stay_on_drawn_page()
            if leftover_tick(bool(state.jobs)):
                st.rerun()  # a tick sent before the browser drew the run that stopped the timer
            if state.jobs:
                _collect(state)
                if not state.jobs:
                    st.rerun()  # everything is there: draw it, and stop looking
            if state.error:
                st.error(state.error)
            elif state.jobs:
                done, total = len(state.results), len(state.results) + len(state.jobs)
                st.caption(f"⏳ {waiting}… {done} of {total} done.")  # not a second progress bar
            else:
                draw(state.results)

    section()
