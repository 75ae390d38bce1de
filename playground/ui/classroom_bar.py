"""The class bar above every page: a student's app follows the teacher, the teacher leads.

A student's bar is a fragment that the server reruns whenever the class changes (``class_push``:
the teacher moved, opened or revealed a poll, started a search, ended the class). It reads the
class (``member_status``): when the teacher's view has a newer version and the student follows,
it moves the app to the teacher's page and scene (``st.switch_page`` with ``?scene=``, applied
by the scene picker as a link would). A student who then changes a setting or opens another
page looks around on their own until "↩ Follow the teacher" applies the teacher's view again.
A teacher's run sends the view (``set_view``) whenever the page or the scene shown changes, or a
scene is picked. A session that is in no class draws nothing here and never opens the store.
"""

from __future__ import annotations

import streamlit as st

from playground.catalog import SCENES, TOPICS, page_path
from playground.classroom.classes import View, resume_class, set_view
from playground.classroom.codes import format_code
from playground.classroom.limits import ClassroomError
from playground.ui import classroom, scenes
from playground.ui.class_push import running_fragment, session_id
from playground.ui.classroom_poll import student_poll
from playground.ui.classroom_search import send_trained_elsewhere, trial_training
from playground.ui.fragment_page import follow_view, refollow_if_stale, stay_on_drawn_page
from playground.ui.script_turns import turn

RECHECK_S = 30.0
"""A student's bar also reruns on its own this often: a browser that reconnects (its replica
died) asks for a run of its page only if the page has a timer, and the new session must draw the
bar to be pushed to; a move made while the browser was away is caught up too."""
TRAINING_POLL_S = 1.0
"""How often a student's bar looks at their class-search trial while it trains on another
page (it is sent from whichever page the student is on once done)."""
TEACHER_POLL_S = 2.0
SEARCH_LINK = "🔎 The class search is on: your trial"
"""The class bar's link to the Classroom page while a class search runs."""
SENT_KEY = "_class_sent_view"
"""Session key: the teacher's (page, scene, picks) last sent to the class."""


def members(count: int) -> str:
    """ "1 member", "12 members"."""
    return f"{count} member{'' if count == 1 else 's'}"


def in_a_class() -> bool:
    """Whether this session has (or its URL brings) a class key; no store access."""
    keys = (classroom.TEACHER_KEY, classroom.MEMBER_KEY)
    params = (classroom.TEACH, classroom.MEMBER)
    return any(k in st.session_state for k in keys) or any(p in st.query_params for p in params)


def shown_scene(page: str) -> str | None:
    """The scene the page shows, None for custom settings or a page without scenes."""
    if not SCENES.get(page):
        return None
    slug = scenes.shown_scene(page)
    return None if slug == scenes.CUSTOM else slug


def class_bar(page: str) -> None:
    """Draw the class bar of ``page`` (app.py's ``navigation.url_path``; "" is Home) after the
    scene picker has applied a ``?scene=``: follow or lead the class, or nothing at all."""
    if in_a_class():
        _lead_or_follow(page or "home")
    classroom.show_notice()


def _lead_or_follow(page: str) -> None:
    scene = shown_scene(page)
    teacher = classroom.teacher()
    if teacher is not None:
        classroom.keep_in_url(teacher, None)
        if _send_view(teacher, page, scene):
            _teacher_bar()
        return
    member = classroom.member()
    if member is None:
        return
    refollow_if_stale()  # a request sent before the teacher's last move reached this app
    if member.following and member.page is not None:
        moved_away = page != member.page or (member.scene is not None and scene != member.scene)
        member.following = not moved_away
    classroom.keep_in_url(None, member)
    _member_bar(page)


# -- the teacher ---------------------------------------------------------------------------------


def _send_view(teacher: classroom.Teacher, page: str, scene: str | None) -> bool:
    """Send the teacher's page and scene if they changed (custom settings keep the scene last
    sent on this page); False if the class is over."""
    picks = st.session_state.get(scenes.PICKS, 0)
    sent = st.session_state.get(SENT_KEY)
    try:
        if sent is None:  # a fresh session (a reconnect): the class's view is what was sent
            view = resume_class(classroom.store(), teacher.code, teacher.secret).view
            sent = (view.page, view.scene, picks)
        named = scene if scene is not None or sent[0] != page else sent[1]
        now = (page, named, picks)
        if now != sent:
            set_view(classroom.store(), teacher.code, teacher.secret, page=page, scene=named)
            classroom.wake_class()
    except (ClassroomError, ValueError) as error:
        classroom.leave(str(error))
        return False
    st.session_state[SENT_KEY] = now
    return True


@st.fragment(run_every=TEACHER_POLL_S)
def _teacher_bar() -> None:
    """The teacher's bar: the class code and how many joined, read every TEACHER_POLL_S."""
    stay_on_drawn_page()
    teacher = st.session_state.get(classroom.TEACHER_KEY)
    if teacher is None:
        return
    try:
        info = resume_class(classroom.store(), teacher.code, teacher.secret)
    except (ClassroomError, ValueError) as error:
        classroom.leave(str(error))
        st.rerun(scope="app")
    st.caption(
        f"🏫 You lead class **{format_code(info.code)}** · {members(info.members)} · "
        "they follow your page and scene",
    )


# -- a student -----------------------------------------------------------------------------------


def follow(member: classroom.Member, view: View) -> None:
    """Move this student's app to the teacher's ``view``: its page, with its scene applied."""
    if view.page not in TOPICS:
        return
    member.following, member.version = True, view.version
    member.page, member.scene = view.page, view.scene
    follow_view(member)


def _follow_again(member: classroom.Member) -> None:
    """The button's callback: follow again from the teacher's current view (the bar's next
    read moves the app there, a callback cannot)."""
    member.following, member.version, member.page = True, -1, None


def _member_bar(page: str) -> None:
    """A student's bar on ``page``: rerun by the server at every change of the class, every
    TRAINING_POLL_S while their class-search trial trains elsewhere, else every RECHECK_S."""
    training = page != classroom.PAGE and trial_training()
    st.fragment(_member_bar_body, run_every=TRAINING_POLL_S if training else RECHECK_S)(page)


def _watch_this_bar(member: classroom.Member) -> None:
    """Have the server rerun this bar whenever the member's class changes."""
    session, fragment = session_id(), running_fragment()
    if session is not None and fragment is not None:
        classroom.watch().watch(session, member.code, fragment)


def _member_bar_body(page: str) -> None:
    """Follow the teacher's moves, show the class and the teacher's question, and the way to a
    running class search (in this run's turn: a whole class's bars rerun at once)."""
    with turn():
        _follow_and_show(page)


def _follow_and_show(page: str) -> None:
    stay_on_drawn_page()
    member = st.session_state.get(classroom.MEMBER_KEY)
    if member is None:
        return
    _watch_this_bar(member)  # before the read: a change after it is pushed
    status = classroom.status_of(member)
    if status is None:  # the class is over: the app leaves it (and says why)
        st.rerun(scope="app")
    if member.following and status.view.version > member.version:
        follow(member, status.view)
    if member.following and member.page is None:  # reconnected: following this view already
        member.page, member.scene = status.view.page, status.view.scene
    row = st.container(horizontal=True, vertical_alignment="center", key="class_bar")
    state = "you follow the teacher" if member.following else "you look around on your own"
    row.caption(f"🏫 Class **{format_code(status.code)}** · {state}")
    if not member.following:
        row.button(
            "↩ Follow the teacher",
            key="class_follow",
            help="Go to the teacher's page and scene.",
            on_click=_follow_again,
            args=(member,),
        )
    if status.view.search_round and page != classroom.PAGE:
        send_trained_elsewhere(member, status.view.search_round)
        row.page_link(page_path(TOPICS[classroom.PAGE]), label=SEARCH_LINK)
    student_poll(member.token, status.view)
