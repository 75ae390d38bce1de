"""Ask the class: a scene's predict-then-reveal question as a poll of the whole class.

The teacher's question box (``playground.ui.question.ask``) gets "📣 Ask the class"; while the
poll is open the box shows the live tally — counts per choice, never who answered what — and
"Reveal" sends the answer the teacher's own run computed (the one the box reveals to a lone
learner). Students see the question in their class bar while the teacher is on its scene, answer
it there, and after the reveal see the answer, their verdict and the class's counts.
"""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from playground.catalog import find_scene
from playground.classroom.classes import View
from playground.classroom.limits import ClassroomError
from playground.classroom.polls import (
    PollView,
    answer_poll,
    member_poll,
    open_poll,
    reveal_poll,
    teacher_poll,
)
from playground.engine.scenes import Prediction, Question
from playground.ui import classroom
from playground.ui.fragment_page import stay_on_drawn_page
from playground.ui.text import plain

POLL_S = 1.0
"""How often the teacher's tally is read (a student's bar is rerun by the server: class_push)."""
PROBLEM_KEY = "_class_poll_problem"


def question_id(page: str, scene: str | None) -> str:
    """A poll's question: ``<page>/<scene>``."""
    return f"{page}/{scene}"


def has_question(view: View) -> bool:
    """Whether the teacher's page and scene has a question the teacher can ask the class."""
    if view.scene is None:
        return False
    try:
        return find_scene(view.page, view.scene).question is not None
    except ValueError:
        return False


def question_of(poll: PollView) -> str:
    """The poll's question as text (from the scene; the id itself if the catalog lacks it)."""
    page, _slash, scene = poll.question_id.partition("/")
    try:
        question = find_scene(page, scene).question
    except ValueError:
        question = None
    return question.text if question is not None else plain(poll.question_id)


def tally_lines(poll: PollView) -> list[tuple[str, int]]:
    """(label, count) per choice, the revealed answer marked ✅."""
    tally = poll.tally or {}
    return [
        (f"{'✅ ' if poll.revealed and c == poll.answer else ''}{plain(c)}", tally.get(c, 0))
        for c in poll.choices
    ]


# -- the teacher ---------------------------------------------------------------------------------


def ask_the_class(
    box, page: str, scene: str, question: Question, made: Callable[[], Prediction | None]
) -> None:
    """For a teacher: "Ask the class", the live tally and "Reveal" in the question's ``box``;
    ``made()`` is the teacher's own prediction once their run is over (its answer is revealed).
    Nothing for anyone else."""
    if st.session_state.get(classroom.TEACHER_KEY) is None:
        return
    with box:
        _teacher_poll(page, scene, question.choices, made)


@st.fragment(run_every=POLL_S)
def _teacher_poll(
    page: str, scene: str, choices: tuple[str, ...], made: Callable[[], Prediction | None]
) -> None:
    stay_on_drawn_page()
    teacher = st.session_state.get(classroom.TEACHER_KEY)
    if teacher is None:
        return
    asked = question_id(page, scene)
    try:
        poll = teacher_poll(classroom.store(), teacher.code, teacher.secret)
        if poll is None or poll.question_id != asked:
            st.button(
                "📣 Ask the class",
                key="class_ask",
                help="Every student answers on their screen; you see the counts.",
                on_click=_open,
                args=(teacher, asked, choices),
            )
        else:
            _tally(poll)
            _reveal_row(teacher, poll, made())
    except (ClassroomError, ValueError) as error:
        classroom.show_problem(error)
    classroom.show_problems()


def _open(teacher: classroom.Teacher, asked: str, choices: tuple[str, ...]) -> None:
    """Open a poll of ``asked`` (a button's callback: a refusal is noted)."""
    try:
        open_poll(
            classroom.store(),
            teacher.code,
            teacher.secret,
            question_id=asked,
            choices=list(choices),
        )
        classroom.wake_class()
    except (ClassroomError, ValueError) as error:
        classroom.note_problem(error)


def _reveal(teacher: classroom.Teacher, poll_id: int, answer: str) -> None:
    """Reveal ``answer`` to the class (a button's callback: a refusal is noted)."""
    try:
        reveal_poll(classroom.store(), teacher.code, teacher.secret, poll_id, answer=answer)
        classroom.wake_class()
    except (ClassroomError, ValueError) as error:
        classroom.note_problem(error)


def _tally(poll: PollView) -> None:
    """A bar per choice with its count, and how many of the class answered."""
    answered = sum((poll.tally or {}).values())
    st.markdown(f"**📣 The class answers: {answered} of {poll.members}**")
    for label, count in tally_lines(poll):
        st.progress(count / max(answered, 1), text=f"{label}: {count}")


def _reveal_row(teacher: classroom.Teacher, poll: PollView, made: Prediction | None) -> None:
    """Reveal (once the teacher's run has computed the answer), or the revealed answer."""
    if poll.revealed:
        why = f" {made.why}" if made is not None and made.answer == poll.answer else ""
        st.success(f"Revealed to the class: **{plain(poll.answer)}**.{why}")
        st.button(
            "📣 Ask again",
            key="class_ask_again",
            on_click=_open,
            args=(teacher, poll.question_id, poll.choices),
        )
        return
    if made is None:
        st.caption("Run the scene (▶ Start): its answer is what you reveal to the class.")
    st.button(
        "Reveal",
        key="class_reveal",
        disabled=made is None,
        type="primary",
        help="Shows every student the answer your run computed.",
        on_click=_reveal,
        args=(teacher, poll.poll_id, made.answer if made is not None else ""),
    )


# -- a student -----------------------------------------------------------------------------------


def _answer(token: str, poll_id: int, key: str) -> None:
    """The radio's callback: send the student's choice (a refusal is shown next run)."""
    try:
        answer_poll(classroom.store(), token, poll_id, st.session_state[key])
    except (ClassroomError, ValueError) as error:
        st.session_state[PROBLEM_KEY] = str(error)


def student_poll(token: str, view: View) -> None:
    """The teacher's question while the teacher is on its scene: answer it, then the reveal."""
    if not has_question(view):
        return  # a poll asks a scene's question: none can be open here (no store read)
    try:
        poll = member_poll(classroom.store(), token)
    except (ClassroomError, ValueError):
        return  # the class bar says why on its next read
    if poll is None or poll.question_id != question_id(view.page, view.scene):
        return
    box = st.container(border=True, key="class_poll")
    text = question_of(poll)
    if poll.revealed:
        verdict = "" if poll.my_choice is None else (
            " You answered it: right ✅." if poll.my_choice == poll.answer
            else f" You answered {plain(poll.my_choice)}."
        )  # fmt: skip
        box.markdown(f"📣 {text}\n\nThe run's answer: **{plain(poll.answer)}**.{verdict}")
        counts = " · ".join(f"{label}: {count}" for label, count in tally_lines(poll))
        box.caption(f"The class answered: {counts}")
        return
    key = f"class_poll_{poll.poll_id}"
    choices = list(poll.choices)
    box.radio(
        f"📣 The teacher asks: {text}",
        choices,
        index=choices.index(poll.my_choice) if poll.my_choice in choices else None,
        key=key,
        horizontal=True,
        on_change=_answer,
        args=(token, poll.poll_id, key),
    )
    problem = st.session_state.pop(PROBLEM_KEY, None)
    if problem:
        box.error(plain(problem), icon="🏫")
    box.caption("Your answer joins the class's counts (no names); change it until the reveal.")
