"""A fragment that reruns on its own timer stays on the page the app last drew.

The browser sends a ``run_every`` fragment's timed rerun with the page and URL it shows at that
moment. When the timer fires while the app switches pages — a student's app following the
teacher (``st.switch_page``), anyone clicking the top navigation — the request still names the
old page: the server runs the fragment, after the new page's run, as a run of the old page, and
the browser then empties the new page (only the row above the title and the fragment are left,
and nothing redraws the page until the next page switch). tests/e2e/test_classroom.py met it on
a loaded machine.

``remember_page`` notes the page and URL of every full run (app.py's page bar calls it);
``stay_on_drawn_page``, first in a timed fragment, sees such a stale rerun and switches the app
back to that page with that URL, so the browser draws it again.

A student following the teacher meets a second kind of stale request: one the browser sent
before the server moved it to the teacher's new scene on the same page. It carries every
widget's old value, and Streamlit applies them. In a fragment's run ``fragment_runs`` puts the
settings back; a full run is stale if its URL still names the teacher's view it followed before
(``?follow=``, older than the one the session follows now), or if its widgets' values were sent
before the browser drew the move (``follow_stamp``: also when Streamlit merged such a request
into the move's own run). ``stale_follow`` sees both, and ``follow_view`` moves the app to the
followed view again, its scene's settings applied anew.
"""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from playground.catalog import TOPICS, page_path
from playground.ui import classroom, scenes
from playground.ui.follow_stamp import stale_request, stamp
from playground.ui.fragment_runs import restore_outside_values

DRAWN_KEY = "_drawn_page"
"""Session key: the ``DrawnPage`` of the app's last full run."""


@dataclass(frozen=True)
class DrawnPage:
    """The page a full run drew: its script's hash (as the run knew it), slug and URL."""

    script_hash: str
    page: str
    query: dict[str, str]


def _script_hash() -> str | None:
    ctx = get_script_run_ctx()
    return ctx.page_script_hash if ctx is not None else None


def remember_page(page: str) -> None:
    """Note that this full run draws ``page`` (a slug of ``TOPICS``) with the URL it has now."""
    script_hash = _script_hash()
    if script_hash is not None and page in TOPICS:
        st.session_state[DRAWN_KEY] = DrawnPage(script_hash, page, st.query_params.to_dict())


def stale_follow() -> classroom.Member | None:
    """The following member whose request names an older teacher's view (``?follow=``) than
    the one it follows now, or whose widgets' values were sent before the browser drew the
    teacher's last move (``follow_stamp``); None for any other request."""
    member: classroom.Member | None = st.session_state.get(classroom.MEMBER_KEY)
    sent = st.query_params.get(classroom.FOLLOW, "")
    if member is None or not member.following or member.page not in TOPICS:
        return None
    older = sent.isdigit() and int(sent) < member.version
    return member if older or stale_request() else None


def refollow_if_stale() -> None:
    """If this is a following student's request from before the teacher's last move
    (``stale_follow``), move the app to the followed view again."""
    member = stale_follow()
    if member is not None:
        follow_view(member)


def follow_view(member: classroom.Member) -> None:
    """Move the app to the teacher's view ``member`` follows: its page, with its scene applied
    (again, if the app was there already)."""
    params = {classroom.MEMBER: member.token, classroom.FOLLOW: str(member.version)}
    stamp(member.version)
    if member.scene is not None:
        params[scenes.PARAM] = member.scene
        scenes.apply_on_arrival(member.page)
    st.switch_page(page_path(TOPICS[member.page]), query_params=params)


def stay_on_drawn_page() -> None:
    """In a timed fragment's run: if the run is on another page of the app than the one the
    app drew last (a stale timed rerun, see the module's docstring), switch back to that page
    and its URL (its scene, if the URL names one, applied again); if it is a following
    student's request from before the teacher's last move, move to that move again. First,
    the widgets outside the fragment get back the values the request may have made stale
    (``fragment_runs``)."""
    restore_outside_values()
    refollow_if_stale()
    drawn: DrawnPage | None = st.session_state.get(DRAWN_KEY)
    ctx = get_script_run_ctx()
    if drawn is None or ctx is None or ctx.page_script_hash == drawn.script_hash:
        return
    if ctx.page_script_hash not in ctx.pages_manager.get_pages():
        return  # not a page of the navigation: nothing to go back from
    scenes.apply_on_arrival(drawn.page)
    st.switch_page(page_path(TOPICS[drawn.page]), query_params=drawn.query)
