"""The class search on the Classroom page ("the class is the caviar").

The teacher starts a round (``start_search``) over the space of the search page's settings last
shown in the teacher's session, else of the search page's default scene; the presenter screen
reads the round's results every ``PRESENTER_POLL_S`` and plots them all, with the summary
sentence computed from the same runs and a link that opens the best run on the Playground.

A student sees their trial (``assign``: drawn from their member id on each knob's scale), keeps
it or types their own values (``check_chosen`` names a knob out of its range), and trains it in
the run engine's workers (``background``), off the page's script; the finished run is submitted
once. A student whose result of this round is already in the store — a reconnect, a second tab —
sees it with its rank, and never trains or submits again.
"""

from __future__ import annotations

import math
from urllib.parse import urlencode

import streamlit as st

from playground.classroom.classes import ClassInfo, MemberStatus, member_status, resume_class
from playground.classroom.limits import ClassroomError
from playground.classroom.results import (
    Result,
    member_results,
    start_search,
    submit_result,
    teacher_results,
)
from playground.engine.settings import ALL
from playground.topics.search.class_search.figures import cost_scatter, knob_coordinates
from playground.topics.search.class_search.space import (
    ClassSpace,
    assign,
    check_chosen,
    label,
    read_space,
    space_for_scene,
    space_from_settings,
)
from playground.topics.search.class_search.summary import best_run, measure, sentence
from playground.topics.search.class_search.training import (
    ClassRun,
    from_result,
    playground_values,
    train_assignment,
)
from playground.ui import classroom
from playground.ui.background import background, finished
from playground.ui.figures import CONFIG, sized
from playground.ui.fragment_page import stay_on_drawn_page
from playground.ui.text import plain
from playground.ui.widgets import url_text

PRESENTER_POLL_S = 1.0
"""How often the presenter screen reads the round's results."""
SEARCH_VALUES_KEY = "_class_search_values"
"""Session key: the search page's settings as the teacher last saw them."""
TRAIN_KEY = "_class_search_train"
"""Session key: (round, hyperparameters) the student pressed Train for."""
OWN_KEY = "class_search_own"
PLAYGROUND = "playground"


def remember_search_settings(values: dict) -> None:
    """The search page's ``values`` as its teacher sees them: the space of the next class search
    (only a teacher's session keeps them)."""
    if classroom.TEACHER_KEY in st.session_state:
        st.session_state[SEARCH_VALUES_KEY] = dict(values)


def teacher_space() -> ClassSpace:
    """The space of the teacher's search-page settings, else of the search page's default
    scene."""
    values = st.session_state.get(SEARCH_VALUES_KEY)
    return space_for_scene() if values is None else space_from_settings(values)


def _start(teacher: classroom.Teacher) -> None:
    """The button's callback: a new round over the teacher's space (a refusal is noted)."""
    try:
        space = teacher_space().as_json()
        start_search(classroom.store(), teacher.code, teacher.secret, space=space)
        classroom.wake_class()
    except (ClassroomError, ValueError) as error:
        classroom.note_problem(error)


def teacher_search(teacher: classroom.Teacher) -> None:
    """The presenter screen's class search: start a round, then every result so far, live."""
    st.subheader("🔎 Class search: the class is the caviar")
    try:
        info = resume_class(classroom.store(), teacher.code, teacher.secret)
    except (ClassroomError, ValueError) as error:
        classroom.show_problem(error)
        return
    running = info.view.search_round > 0
    st.button(
        "🔁 New round" if running else "🔎 Start a class search",
        key="class_search_start",
        type="secondary" if running else "primary",
        on_click=_start,
        args=(teacher,),
        help="Every student's app trains the search page's scene with its own α, β₁, … drawn "
        "on the right scale; the runs land here as one random search. The space is the search "
        "page's settings as you last showed them (else its scene 'Grid wastes trials').",
    )
    if running:
        _presenter(teacher)


@st.fragment(run_every=PRESENTER_POLL_S)
def _presenter(teacher: classroom.Teacher) -> None:
    """Every result of the round so far: the scatter, the parallel coordinates, the counts, the
    sentence from the same runs and the best run's settings on the Playground."""
    stay_on_drawn_page()
    try:
        info: ClassInfo = resume_class(classroom.store(), teacher.code, teacher.secret)
        results = teacher_results(classroom.store(), teacher.code, teacher.secret)
        space = read_space(info.view.search_space)
    except (ClassroomError, ValueError) as error:
        classroom.show_problem(error)
        return
    runs = [from_result(result) for result in results]
    st.markdown(
        f"**Round {info.view.search_round}** over {_knobs(space)}: **{len(runs)}** "
        f"result{'' if len(runs) == 1 else 's'} from {info.members} "
        f"member{'' if info.members == 1 else 's'}."
    )
    st.plotly_chart(
        sized(cost_scatter(runs, space)), key="class_scatter", theme=None, config=CONFIG
    )
    st.plotly_chart(
        sized(knob_coordinates(runs, space)), key="class_knobs", theme=None, config=CONFIG
    )
    st.markdown(sentence(measure(runs, space)))
    best = best_run(runs)
    if best is not None:
        st.link_button("🏆 Open the best run on the Playground", best_link(best, space))


SCALE_WORDS = {"linear": "uniform", "log": "log scale", "one_minus_log": "log scale of 1 − β"}
"""How each knob's scale is said on the presenter screen."""


def _knobs(space: ClassSpace) -> str:
    return ", ".join(
        f"{label(r.name)} in [{r.low:g}, {r.high:g}] ({SCALE_WORDS[r.scale]})" for r in space.knobs
    )


def best_link(run: ClassRun, space: ClassSpace) -> str:
    """The Playground's address with ``run``'s settings as its query parameters."""
    values = playground_values(run, space)
    query = urlencode({key: url_text(ALL[key], value) for key, value in values.items()})
    return f"{classroom.base_url()}/{PLAYGROUND}?{query}"


# -- a student -----------------------------------------------------------------------------------


def rank(mine: Result, results: list[Result]) -> int:
    """1 + how many results of the round have a lower dev cost than ``mine``."""
    return 1 + sum(result.dev_cost < mine.dev_cost for result in results)


def _show_mine(mine: Result, results: list[Result]) -> None:
    settings = ", ".join(
        f"{label(name)} = {value:.3g}" for name, value in mine.hyperparameters.items()
    )
    if mine.diverged:
        outcome = "it diverged"
    else:
        outcome = f"dev cost **{mine.dev_cost:.3g}**"
        accuracy = (mine.metrics or {}).get("dev_accuracy")
        if accuracy is not None and math.isfinite(accuracy):
            outcome += f", dev accuracy {accuracy:.1%}"
    st.success(
        f"Your run ({settings}) is on the teacher's screen: {outcome} — rank "
        f"**{rank(mine, results)} of {len(results)}** so far.",
        icon="🔎",
    )


def _train(round_: int, values: dict) -> None:
    st.session_state[TRAIN_KEY] = (round_, values)


def _submit(member: classroom.Member, round_: int, run: ClassRun) -> None:
    """Submit the trained run once: not if this round already holds the member's result."""
    store = classroom.store()
    try:
        if not any(result.mine for result in member_results(store, member.token)):
            submit_result(store, member.token, **run.submission())
    except (ClassroomError, ValueError) as error:
        classroom.note_problem(error)
    st.session_state.pop(TRAIN_KEY, None)
    st.rerun(scope="app")


def _section(round_: int) -> str:
    return f"class_search:{round_}"


def trial_training() -> bool:
    """Whether this student pressed "Train my trial" and its result is not sent yet."""
    return TRAIN_KEY in st.session_state


def send_trained_elsewhere(member: classroom.Member, round_: int) -> None:
    """Submit the member's trial of the running round ``round_`` once its training is done,
    from any page (the class bar looks every second while it trains): a student who followed
    the teacher away while it trained is not left out. Not if the store already holds their
    result."""
    wanted = st.session_state.get(TRAIN_KEY)
    if wanted is None or wanted[0] != round_:
        return
    done = finished(_section(round_))
    if done is None:
        return
    store = classroom.store()
    try:
        if not any(result.mine for result in member_results(store, member.token)):
            submit_result(store, member.token, **done["run"].submission())
    except (ClassroomError, ValueError) as error:
        classroom.note_problem(error)
    st.session_state.pop(TRAIN_KEY, None)


def student_search(member: classroom.Member) -> None:
    """A student's part of the class search: their trial, kept or chosen, trained and sent
    once; then their result and its rank."""
    store = classroom.store()
    try:
        status: MemberStatus = member_status(store, member.token)
        if status.view.search_round == 0:
            return
        space = read_space(status.view.search_space)
        results = member_results(store, member.token)
    except (ClassroomError, ValueError) as error:
        classroom.show_problem(error)
        return
    round_ = status.view.search_round
    st.subheader("🔎 Class search")
    mine = next((result for result in results if result.mine), None)
    if mine is not None:  # sent from this tab, another one, or before a reconnect
        st.session_state.pop(TRAIN_KEY, None)
        _show_mine(mine, results)
        return
    assigned = assign(space, status.member_id)
    trial = ", ".join(f"{label(name)} = {value:.3g}" for name, value in assigned.items())
    st.markdown(f"Your trial: **{plain(trial)}** — drawn for you on each knob's scale.")
    own = st.toggle("Choose my own values", key=OWN_KEY)
    values = dict(assigned)
    if own:
        columns = st.columns(len(space.knobs))
        for column, r in zip(columns, space.knobs, strict=True):
            values[r.name] = column.number_input(
                f"{label(r.name)} ({r.name})",
                value=float(assigned[r.name]),
                format="%g",
                key=f"{OWN_KEY}_{r.name}",
                help=f"From {r.low:g} to {r.high:g}.",
            )
    try:
        chosen = check_chosen(space, values)
    except ValueError as error:
        classroom.show_problem(error)
        return
    wanted = st.session_state.get(TRAIN_KEY)
    if wanted is None or wanted[0] != round_:
        st.button(
            "▶ Train my trial",
            key="class_search_train",
            type="primary",
            on_click=_train,
            args=(round_, chosen),
        )
        return
    calls = {"run": (train_assignment, (space, wanted[1]))}
    background(
        _section(round_),
        calls,
        lambda done: _submit(member, round_, done["run"]),
        "Training your trial",
    )
