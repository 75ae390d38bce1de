"""The Classroom page's pieces: start or join a class; the teacher's projector screen (the join
code large, its link and QR code, the secret teacher link once, End class); a student's screen.
"""

from __future__ import annotations

import io

import segno
import streamlit as st

from playground.classroom.classes import DEFAULT_HOURS, MAX_HOURS
from playground.classroom.codes import format_code, normalize_code
from playground.classroom.validate import MAX_NICKNAME
from playground.ui import classroom
from playground.ui.text import plain

CODE_STYLE = """
<style>
/* The join code, readable from the back of a room. */
[data-testid="stMain"] .st-key-join_code [data-testid="stMarkdownContainer"] p {
  font-family: monospace; font-size: 7rem; font-weight: 800; letter-spacing: 0.08em;
  line-height: 1.1; color: #000000; margin: 0;
}
</style>
"""
"""The join code's style sheet: a constant (no user text goes into it)."""
QR_WIDTH = 340
CODE_KEY = "class_code"


def qr_png(link: str) -> bytes:
    """A QR code of ``link`` as a PNG (segno, drawn here: no network), black on white."""
    buffer = io.BytesIO()
    segno.make(link, error="m").save(buffer, kind="png", scale=10, border=2)
    return buffer.getvalue()


def start_form() -> None:
    """Start a class: how long it stays open, then the button."""
    st.subheader("Teach: start a class")
    st.number_input(
        "Class open for (hours)",
        min_value=0.5,
        max_value=MAX_HOURS,
        value=DEFAULT_HOURS,
        step=0.5,
        key="class_hours",
        help=f"The class and its join code expire after this time (at most {MAX_HOURS:g} h).",
    )
    st.button(
        "🏫 Start a class",
        key="class_start",
        type="primary",
        on_click=lambda: classroom.start(st.session_state["class_hours"]),
    )


def join_form() -> None:
    """Join a class: the code (from a join link, or typed) and an optional nickname."""
    st.subheader("Learn: join a class")
    linked = st.query_params.get(classroom.JOIN)
    if linked is not None:
        try:
            normalize_code(linked)
        except ValueError as error:
            classroom.show_problem(error)
            linked = None
    st.text_input("Class code", value=linked or "", key="class_code", placeholder="e.g. 7K3Q-X9PM")
    st.text_input(
        "Nickname (optional)",
        key="class_nickname",
        max_chars=MAX_NICKNAME,
        help="Only you see it: the teacher's screen shows counts, never names.",
    )
    st.button(
        "Join",
        key="class_join",
        type="primary",
        on_click=lambda: classroom.join(
            st.session_state[CODE_KEY], st.session_state["class_nickname"]
        ),
    )


def teacher_screen(teacher: classroom.Teacher) -> None:
    """What the projector shows: the code large, the join link and its QR code; the teacher
    link once; End class."""
    link = classroom.join_link(teacher.code)
    words, picture = st.columns([3, 2], vertical_alignment="center")
    with words:
        st.markdown("Join the class: open the link or scan the code, or type the class code")
        st.html(CODE_STYLE)
        st.container(key="join_code").markdown(format_code(teacher.code))
        st.code(link, language=None)
    picture.image(qr_png(link), width=QR_WIDTH, caption="Scan to join")
    fresh = st.session_state.get(classroom.FRESH_LINK_KEY)
    if fresh is not None:
        box = st.container(border=True)
        box.warning(
            "**Your teacher link — shown only now.** It alone controls this class: keep it "
            "secret (not on the projector) and open it to resume the class in any tab. This "
            "tab's address holds it too: go full screen before you project.",
            icon="🔑",
        )
        box.code(fresh, language=None)
        box.button(
            "I have saved it: hide the teacher link",
            key="class_hide_link",
            on_click=lambda: st.session_state.pop(classroom.FRESH_LINK_KEY, None),
        )
    st.button("⏹ End class", key="class_end", on_click=classroom.end, args=(teacher,))


def member_screen(member: classroom.Member) -> None:
    """A student's Classroom page: which class, as whom, and how to leave."""
    name = f" as **{plain(member.nickname)}**" if member.nickname else ""
    st.markdown(
        f"You are in class **{format_code(member.code)}**{name}. Your app follows the "
        "teacher's page and scene; the teacher's questions appear at the top of the page."
    )
    st.button(
        "Leave the class",
        key="class_leave",
        on_click=classroom.leave,
        args=(f"You left class {format_code(member.code)}.",),
    )
