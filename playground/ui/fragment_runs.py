"""A fragment's run keeps the values the last full run left the page's settings with.

The browser sends a fragment's rerun (its timer, a click inside it) with the value of every
widget it knows at that moment, and Streamlit writes them all into the session before the run.
A change to a widget outside the fragment is sent as a full run, so in a fragment's run those
values can only be stale: sent before the browser drew what the last full run gave the page.
That happens whenever a full run sets widgets itself — a scene picked (the picker's callback
sets every control), a student's app moved to the teacher's scene — while a fragment of the
page ticks (Mini-batch's background sections, the class bar). Written back, the old values
undo the scene (a widget the old scene showed and the new one hides comes back with its old
value too), and a following student would be seen looking around.

A full run notes which settings it draws outside fragments (``drawn``) and, at its end, the
value every one of them and every setting of the page has (``remember_outside_values``); a
fragment's run first puts those values back where the request changed them
(``restore_outside_values``), and the callback of a widget outside the fragments does nothing
in a fragment's run (``in_fragment_run``).
"""

from __future__ import annotations

from typing import Any

import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from playground.catalog import TOPICS
from playground.ui.class_push import running_fragment

KEPT_KEY = "_outside_values"
"""Session key: {setting key: value, or ABSENT} at the end of the last full run."""
DRAWN_KEY = "_drawn_widgets"
"""Session key: the widget keys this full run drew outside fragments, and inside them."""
ABSENT = object()
"""A kept setting the session did not hold at the end of the full run."""
PLAIN_KEY = "_plain_values"
"""Session key: {key: value} of every plain value (a number, a text, a flag) the session held
at the end of the last full run (``changed_since_full_run``)."""
PLAIN = (str, int, float, bool, type(None))


def in_fragment_run() -> bool:
    """Whether this run (its callbacks included) reruns fragments only, not the whole page."""
    ctx = get_script_run_ctx()
    return ctx is not None and bool(ctx.fragment_ids_this_run)


def new_full_run() -> None:
    """Start a full run's notes (the page bar calls it first); until the run ends, a fragment's
    run restores nothing."""
    st.session_state[KEPT_KEY] = {}
    st.session_state[DRAWN_KEY] = (set(), set())


def drawn(key: str) -> None:
    """Note that this run draws the widget ``key``, outside or inside a fragment."""
    if in_fragment_run():
        return
    outside, inside = st.session_state.setdefault(DRAWN_KEY, (set(), set()))
    (outside if running_fragment() is None else inside).add(key)


def remember_outside_values(page: str) -> None:
    """At the end of ``page``'s full run: keep the value of every setting it drew outside
    fragments and of every setting of the page (ABSENT for one the session does not hold), and
    every plain value of the session (``changed_since_full_run``)."""
    outside, inside = st.session_state.get(DRAWN_KEY, (set(), set()))
    topic = TOPICS.get(page)
    keys = (outside | set(topic.page_settings() if topic else ())) - inside
    st.session_state[KEPT_KEY] = {key: st.session_state.get(key, ABSENT) for key in keys}
    st.session_state[PLAIN_KEY] = {
        key: value for key, value in st.session_state.items() if isinstance(value, PLAIN)
    }


def changed_since_full_run() -> bool:
    """Whether a plain value of the session (a widget's, say) differs from the one it had at
    the end of the last full run: in a fragment's run, whether a widget inside the fragment was
    moved (a timer's tick changes none)."""
    plain = st.session_state.get(PLAIN_KEY, {})
    return any(
        plain.get(key, ABSENT) != value
        for key, value in st.session_state.items()
        if isinstance(value, PLAIN)
    )


def restore_outside_values() -> None:
    """In a fragment's run: put back the value the last full run left each kept setting with,
    where the request changed it (dropping one it brought back from an older page)."""
    kept: dict[str, Any] = st.session_state.get(KEPT_KEY, {})
    stale = [key for key, value in kept.items() if st.session_state.get(key, ABSENT) != value]
    for key in stale:
        if kept[key] is ABSENT:
            del st.session_state[key]
        else:
            st.session_state[key] = kept[key]


def leftover_tick(ticking: bool) -> bool:
    """Whether this is a run of a timed fragment whose timer the last full run stopped
    (``ticking`` False) that moved no widget: a tick the browser sent before it drew that run
    (``playground.ui.live_view``). Rerun the whole page instead of the fragment."""
    return in_fragment_run() and not ticking and not changed_since_full_run()
