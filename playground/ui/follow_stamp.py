"""Which of the teacher's moves a student's request was sent after: a hidden stamp widget.

A browser sends every widget's value with every request, as they were when it sent it. When
the server moves a following student's app to the teacher's next scene, a request the browser
sent before it drew the move carries the old scene's values, and Streamlit applies them (a
fragment's timed rerun, a poll answer, or Streamlit merging such a request into the move's own
run). The URL's ``?follow=`` cannot tell such a request from the student's own change: the
browser gets the new URL at the start of the move's run and the widgets' new values later in it.

So the last thing every full run of a class member draws is a hidden text input, the *stamp*,
that the server sets to the version of the teacher's view it moved the app to (``stamp``).
The browser takes the new value after every widget above it and sends it back with them: a
request whose stamp is older than the view the student follows was sent before the browser
drew the move, and every value in it is stale (``stale_request``).
"""

from __future__ import annotations

import streamlit as st

from playground.ui import classroom

STAMP_KEY = "_follow_stamp"
"""Widget key: the hidden text input holding the teacher's view the app last moved to."""
STYLE = "<style>.st-key-_follow_stamp { display: none; }</style>"
"""Hides the stamp (Streamlit marks a keyed widget's box with the class ``st-key-<key>``; raw
HTML is only ever a constant: tests/test_security.py)."""


def stamp(version: int) -> None:
    """The app moves to the teacher's view ``version``: the next full run draws it in the
    stamp (in a fragment's run, or in a full run before ``draw_stamp``)."""
    st.session_state[STAMP_KEY] = str(version)


def stale_request() -> bool:
    """Whether this request comes from a following student's browser that had not drawn the
    teacher's last move when it sent it (its stamp is older than the view followed now)."""
    member: classroom.Member | None = st.session_state.get(classroom.MEMBER_KEY)
    sent = st.session_state.get(STAMP_KEY, "")
    if member is None or not member.following or not sent.isdigit():
        return False
    return int(sent) < member.version


def draw_stamp() -> None:
    """Draw the hidden stamp, last in a class member's full run (nothing for anyone else); a
    session that came following a view (``?follow=`` in the link it opened) starts there."""
    member: classroom.Member | None = st.session_state.get(classroom.MEMBER_KEY)
    if member is None:
        return
    if member.following and not st.session_state.get(STAMP_KEY):
        stamp(member.version)
    st.html(STYLE)
    st.text_input("Teacher's move shown", key=STAMP_KEY, label_visibility="collapsed")
