"""Predict, then reveal: the question of the scene shown, asked before its run, answered by it.

A page calls :func:`ask` before its run panel and :func:`reveal` after it. ``ask`` draws the
scene's question (``playground.engine.scenes.Question``) with its choices; the learner answers
before ▶ Start, and the answer locks when the run starts: the first rerun that sees a new run in
the panel's state (a new ``source``, which the panels set on every fresh start) binds the choice
to it, and while the run is under way the choices are disabled and held at it. Once the run is
over, ``reveal`` computes the run's answer and why from what the page measures of the shown run,
adds the learner's :class:`~playground.engine.scenes.Prediction` to the session's tally (once per
run) and shows both, with the tally, in the question's box. A class's teacher also gets "Ask the
class" in the box (``playground.ui.classroom_poll``), and reveals that same computed answer; a
student following the teacher on the scene answers in the class bar instead, not in two boxes.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import streamlit as st

from playground.catalog import SCENES, find_scene
from playground.engine.claims import Measured
from playground.engine.scenes import Prediction, Question, tally
from playground.engine.train import StopReason
from playground.ui import classroom
from playground.ui.classroom_poll import ask_the_class
from playground.ui.scenes import CUSTOM, shown_scene
from playground.ui.search_panel import SearchState

PREDICTIONS = "predictions"
"""Session key: every :class:`Prediction` of this session, on every page, in order."""
LOCKS = "_question_locks"
"""Session key: by page, the answer locked to the run under way or last shown."""


@dataclass
class Lock:
    """The learner's choice bound to one run: the panel's ``source`` of that run (which run it
    is), the scene asked, the choice (None: started without answering) and, once the run is
    over, the prediction it made."""

    source: object
    scene: str
    choice: str | None
    prediction: Prediction | None = None


@dataclass
class Asked:
    """A question drawn on the page, for :func:`reveal`."""

    page: str
    scene: str
    question: Question
    panel_key: str
    slot: object
    """Where the reveal goes: an ``st.empty`` inside the question's box."""


def predictions() -> list[Prediction]:
    """This session's predictions, on every page."""
    return st.session_state.setdefault(PREDICTIONS, [])


def tally_text() -> str:
    """ "Your predictions: 2 of 3 right" (or how to make one)."""
    right, asked = tally(predictions())
    if not asked:
        return "Your predictions: none yet."
    return f"Your predictions: {right} of {asked} right."


def _run_of(panel: object) -> object:
    """The run a panel's state holds (a run panel's runs, a search panel's search)."""
    return panel.search if isinstance(panel, SearchState) else panel.runs


def _complete(run: object) -> bool:
    """Trained to its end (completed, stopped early or diverged), not stopped by the learner."""
    if isinstance(run, dict):
        return bool(run) and all(
            r.done and r.history.stopped_reason != StopReason.CANCELLED for r in run.values()
        )
    return run.done and not run.stopped


def _lock(page: str, scene: str, panel: object, key: str) -> Lock | None:
    """The lock of the run the panel holds: a new one, with the current choice, if the run is
    new since the last rerun; None if there is no run or it is another scene's."""
    locks = st.session_state.setdefault(LOCKS, {})
    if panel is None or panel.source is None:
        return None
    lock = locks.get(page)
    if lock is None or lock.source is not panel.source:
        lock = locks[page] = Lock(panel.source, scene, st.session_state.get(key))
    return lock if lock.scene == scene else None


def ask(page: str, panel_key: str) -> Asked | None:
    """Draw the question of the scene shown on ``page``, if it has one (else a hint at the
    scenes that have one), in a box before the run panel; ``panel_key`` is the session key of
    the page's run or search panel state. Returns what :func:`reveal` needs."""
    slug = shown_scene(page)
    question = find_scene(page, slug).question if slug != CUSTOM else None
    if question is None:
        asking = [s.name for s in SCENES.get(page, ()) if s.question is not None]
        if asking:
            st.caption(f"🔮 Predict, then reveal: choose the scene *{asking[0]}* for a question.")
        return None
    if classroom.following_on(page, slug):  # one place to answer: the class bar's poll
        st.caption(
            "🔮 This scene's question is your teacher's to ask: when asked, answer it in the "
            "class bar above; the teacher's run reveals the answer."
        )
        return None
    key = f"predict_{page}"
    panel = st.session_state.get(panel_key)
    lock = _lock(page, slug, panel, key)
    running = bool(panel is not None and panel.running and lock is not None)
    if running:  # the answer is locked to the run under way
        st.session_state[key] = lock.choice
    box = st.container(border=True)
    box.radio(
        f"🔮 Predict, then run: {question.text}",
        question.choices,
        index=None,
        key=key,
        horizontal=True,
        disabled=running,
        help="Your answer locks when the run starts; the run reveals the answer.",
    )
    slot = box.empty()
    slot.caption(
        "Locked until the run is over. " + tally_text()
        if running
        else "Answer, then ▶ Start: the run reveals the answer. " + tally_text()
    )
    ask_the_class(box, page, slug, question, lambda: _made(page, slug))
    return Asked(page, slug, question, panel_key, slot)


def _made(page: str, scene: str) -> Prediction | None:
    """The prediction of the last run of ``scene`` on ``page`` once it is over (its answer is
    what a teacher reveals to the class)."""
    lock = st.session_state.get(LOCKS, {}).get(page)
    return lock.prediction if lock is not None and lock.scene == scene else None


def reveal(asked: Asked | None, shown: object, measured_of: Callable[[object], Measured]) -> None:
    """Once the run ``shown`` (what the panel returned) is over, reveal the question's answer
    computed from ``measured_of(shown)`` and why, count the prediction once, show the tally."""
    if asked is None:
        return
    panel = st.session_state.get(asked.panel_key)
    lock = st.session_state.get(LOCKS, {}).get(asked.page)
    if panel is None or lock is None or lock.scene != asked.scene:
        return
    if lock.source is not panel.source or shown is not _run_of(panel):
        return  # the settings changed since this run: it is not shown
    if panel.running or not _complete(shown):
        return
    if lock.prediction is None:
        answer, why = asked.question.reveal(measured_of(shown))
        text = asked.question.text
        lock.prediction = Prediction(asked.page, asked.scene, text, lock.choice, answer, why)
        predictions().append(lock.prediction)
    _show(asked.slot, lock.prediction)


def _show(slot, prediction: Prediction) -> None:
    with slot.container():
        verdict = f"The run's answer: **{prediction.answer}**. {prediction.why}"
        if not prediction.answered:
            st.info(f"{verdict}\n\nYou started without an answer: not counted.")
        elif prediction.right:
            st.success(f"✅ You predicted **{prediction.choice}**: right. {verdict}")
        else:
            st.warning(f"❌ You predicted **{prediction.choice}**. {verdict}")
        st.caption(tally_text() + " Change your answer and ▶ Start again to try once more.")
