"""Who this session is in a live class — its teacher, a member, or neither — kept in the URL.

A class lives in the store (``playground.classroom``); a session only holds its key to it: the
teacher's secret or a member's token. Both are kept in the page's URL as well as in
``st.session_state``: when the replica a class runs on dies, the browser reconnects to another
one with the same URL, and the fresh session there finds its key in the URL and carries on.

- ``?teach=<CODE>.<secret>``: the teacher link; it alone controls the class.
- ``?member=<token>&follow=<version>``: a student; ``follow`` is the teacher's view version the
  student last followed, and is absent while the student looks around on their own.
- ``?join=<CODE>``: the join link, for the Classroom page's join form.

A session that has none of these never opens the store (the pages of a lone learner touch no
database). Every classroom error is shown as its message, never as a traceback.
"""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from playground.catalog import TOPICS
from playground.classroom.classes import (
    MemberStatus,
    NewClass,
    create_class,
    end_class,
    join_class,
    member_status,
    resume_class,
)
from playground.classroom.codes import format_code, normalize_code
from playground.classroom.limits import ClassroomError
from playground.classroom.store import database_url, open_store
from playground.engine.scenes import HOST
from playground.ui.class_push import ClassWatch, session_id
from playground.ui.text import plain

TEACH, MEMBER, FOLLOW, JOIN = "teach", "member", "follow", "join"
"""The URL parameters of a class."""
TEACHER_KEY = "_class_teacher"
MEMBER_KEY = "_class_member"
NOTICE_KEY = "_class_notice"
"""Session key: why this session left its class (shown once in the class bar)."""
PROBLEM_KEY = "_class_problem"
"""Session key: why a button's action was refused (shown once, on the page)."""
FRESH_LINK_KEY = "_class_teacher_link"
"""Session key: the teacher link of the class this session just started (shown until hidden)."""
PAGE = "classroom"


@dataclass(frozen=True)
class Teacher:
    """The session holds the teacher's secret of class ``code``."""

    code: str
    secret: str

    @property
    def link_value(self) -> str:
        """The ``?teach=`` value: the code and the secret (base64url has no ".")."""
        return f"{self.code}.{self.secret}"


@dataclass
class Member:
    """The session is a student of class ``code``. ``following``: the student's app follows the
    teacher; ``version``, ``page`` and ``scene``: the teacher's view it last followed."""

    token: str
    code: str
    nickname: str | None = None
    following: bool = True
    version: int = 0
    page: str | None = None
    scene: str | None = None


@st.cache_resource(show_spinner=False)
def _store(url: str):
    """One migrated engine per store URL in this server process (shared by its sessions)."""
    return open_store(url)


def store():
    """The class store this server uses (``$PLAYGROUND_DATABASE_URL`` or the data directory's
    SQLite file), its schema migrated on first use."""
    return _store(database_url())


@st.cache_resource(show_spinner=False)
def _watch(url: str) -> ClassWatch:
    """One class watcher per store URL in this server process."""
    return ClassWatch(_store(url))


def watch() -> ClassWatch:
    """This server's watcher of its students' classes (``class_push``)."""
    return _watch(database_url())


def wake_class() -> None:
    """A teacher changed their class: its students on this server see it now (the other
    servers' students at their server's next read, ``class_push.WATCH_S``)."""
    watch().wake()


def show_problem(error: Exception | str, where=None) -> None:
    """A classroom error or a refused input as an error box with its message (Markdown
    escaped: a message may quote what someone typed)."""
    (where or st).error(plain(str(error)), icon="🏫")


def note_problem(error: Exception) -> None:
    """Keep a button callback's refusal for ``show_problems`` (a callback draws nothing)."""
    st.session_state[PROBLEM_KEY] = str(error)


def show_problems(where=None) -> None:
    """The refusal a button's callback noted, once."""
    problem = st.session_state.pop(PROBLEM_KEY, None)
    if problem:
        show_problem(problem, where)


def base_url() -> str:
    """The app's address as the browser sees it (behind a proxy too), without the page: the
    browser's URL (``st.context.url``, which keeps the page's path) up to the page's slug."""
    url = (st.context.url or HOST).rstrip("/")
    head, _slash, last = url.rpartition("/")
    return head if last in TOPICS and "//" in head else url


def join_link(code: str) -> str:
    """The link students open to join class ``code``."""
    return f"{base_url()}/{PAGE}?{JOIN}={code}"


def teacher_link(teacher: Teacher) -> str:
    """The secret link that resumes the class as its teacher, in any tab or replica."""
    return f"{base_url()}/{PAGE}?{TEACH}={teacher.link_value}"


def session_key() -> str:
    """This browser session's id: what the join rate limit counts."""
    return session_id() or "no-session"


# -- who this session is -------------------------------------------------------------------------


def teacher() -> Teacher | None:
    """This session's class as its teacher: from the session, else from a ``?teach=`` link
    (checked against the store once; a wrong or ended one says why and is dropped)."""
    held = st.session_state.get(TEACHER_KEY)
    if held is not None or TEACH not in st.query_params:
        return held
    code, _dot, secret = st.query_params[TEACH].partition(".")
    try:
        resume_class(store(), code, secret)
    except (ClassroomError, ValueError) as error:
        leave(f"The teacher link does not open a class: {error}")
        return None
    st.session_state[TEACHER_KEY] = Teacher(normalize_code(code), secret)
    return st.session_state[TEACHER_KEY]


def member() -> Member | None:
    """This session's class as a student: from the session, else from a ``?member=`` link (a
    reconnect after a replica died), which keeps following from the version in ``?follow=``
    (the class bar then takes the teacher's view of that version as the one followed)."""
    held = st.session_state.get(MEMBER_KEY)
    if held is not None or MEMBER not in st.query_params:
        return held
    token = st.query_params[MEMBER]
    try:
        status = member_status(store(), token)
    except (ClassroomError, ValueError) as error:
        leave(f"{error}")
        return None
    version = st.query_params.get(FOLLOW, "")
    following = version.isdigit()
    held = Member(token, status.code, None, following, int(version) if following else 0)
    st.session_state[MEMBER_KEY] = held
    return held


def following_on(page: str, scene: str) -> bool:
    """Whether this session is a student whose app follows the teacher on ``page``'s ``scene``
    (where the teacher may ask the class that scene's question)."""
    held: Member | None = st.session_state.get(MEMBER_KEY)
    return held is not None and held.following and (held.page, held.scene) == (page, scene)


def keep_in_url(teacher_now: Teacher | None, member_now: Member | None) -> None:
    """Write this session's class key in the URL if a page change dropped it (the top
    navigation opens a page with no query parameters)."""
    wanted: dict[str, str] = {}
    if teacher_now is not None:
        wanted[TEACH] = teacher_now.link_value
    elif member_now is not None:
        wanted[MEMBER] = member_now.token
        if member_now.following:
            wanted[FOLLOW] = str(member_now.version)
    for key in (TEACH, MEMBER, FOLLOW):
        if key not in wanted and key in st.query_params:
            del st.query_params[key]
        elif key in wanted and st.query_params.get(key) != wanted[key]:
            st.query_params[key] = wanted[key]


def leave(notice: str | None = None) -> None:
    """Forget this session's class (teacher or member), in the session and the URL; ``notice``
    says why, once, in the class bar."""
    if st.session_state.get(MEMBER_KEY) is not None and session_id() is not None:
        watch().forget(session_id())
    for key in (TEACHER_KEY, MEMBER_KEY, FRESH_LINK_KEY):
        st.session_state.pop(key, None)
    for key in (TEACH, MEMBER, FOLLOW):
        st.query_params.pop(key, None)
    if notice:
        st.session_state[NOTICE_KEY] = notice


def show_notice(where=None) -> None:
    """Why this session left its class, once."""
    notice = st.session_state.pop(NOTICE_KEY, None)
    if notice:
        (where or st).warning(plain(notice), icon="🏫")


# -- actions -------------------------------------------------------------------------------------


def start(hours: float) -> Teacher | None:
    """Start a class of ``hours`` on the Classroom page; this session becomes its teacher (and
    leaves any class it was in). For a button's callback: a refusal is noted, not drawn."""
    try:
        new: NewClass = create_class(store(), hours=hours, page=PAGE)
    except (ClassroomError, ValueError) as error:
        note_problem(error)
        return None
    leave()
    held = st.session_state[TEACHER_KEY] = Teacher(new.code, new.teacher_secret)
    st.session_state[FRESH_LINK_KEY] = teacher_link(held)
    keep_in_url(held, None)
    return held


def join(code: str, nickname: str) -> Member | None:
    """Join class ``code`` as ``nickname`` (optional); None, with the reason noted, if refused
    (unknown, ended or expired class, a malformed code or nickname, too many joins)."""
    try:
        joined = join_class(store(), code, session_key(), nickname=nickname or None)
    except (ClassroomError, ValueError) as error:
        note_problem(error)
        return None
    leave()
    st.query_params.pop(JOIN, None)
    held = st.session_state[MEMBER_KEY] = Member(joined.token, joined.code, joined.nickname)
    keep_in_url(None, held)
    return held


def end(held: Teacher) -> None:
    """The teacher ends the class: every student's next poll says so."""
    try:
        end_class(store(), held.code, held.secret)
    except (ClassroomError, ValueError) as error:
        leave(str(error))
        return
    wake_class()
    leave(f"Class {format_code(held.code)} is over: you ended it.")


def status_of(held: Member) -> MemberStatus | None:
    """The member's class now, or None (having left it, with the reason) once it is over."""
    try:
        return member_status(store(), held.token)
    except (ClassroomError, ValueError) as error:
        leave(str(error))
        return None
