"""Presenter mode: a projector-friendly app for a teacher in front of a class.

One toggle, drawn once for every page by app.py and bound to the URL (``?present=true``), turns
on large high-contrast text (:data:`STYLE`), a collapsed sidebar, projector-sized figures
(``playground.plots_projector.for_projector``, applied by ``figures.show``) and side-by-side
figures shown one at a time in tabs (``figures.panels``).
"""

from __future__ import annotations

import streamlit as st

from playground.plotting.projector import PRESENT
from playground.ui import widgets

STYLE = """
<style>
/* Presenter mode: large black-on-white text and controls that read on a projector. */
[data-testid="stMain"] { background: #ffffff; color: #000000; font-size: 21px; }
[data-testid="stMainBlockContainer"] { max-width: 100%; padding: 5rem 2rem 4rem; }
[data-testid="stMain"] [data-testid="stMarkdownContainer"] :is(p, li, td, th) {
  font-size: 21px; line-height: 1.5; color: #000000;
}
[data-testid="stMain"] h1 { font-size: 46px; font-weight: 800; color: #000000; }
[data-testid="stMain"] h2 { font-size: 36px; font-weight: 800; color: #000000; }
[data-testid="stMain"] h3 { font-size: 30px; font-weight: 700; color: #000000; }
[data-testid="stMain"] [data-testid="stCaptionContainer"] { opacity: 1; }
[data-testid="stMain"] [data-testid="stCaptionContainer"] :is(p, li) {
  font-size: 21px; color: #000000;
}
[data-testid="stMain"] [data-testid="stWidgetLabel"] p { font-size: 20px; font-weight: 700; }
[data-testid="stMain"] button[kind^="primary"], [data-testid="stMain"] button[kind^="secondary"] {
  min-height: 3rem; padding: 0.5rem 0.6rem; border: 2px solid #000000;
}
[data-testid="stMain"] :is(button[kind^="primary"], button[kind^="secondary"]):disabled {
  border-color: #bdbdbd; background: #f0f0f0;
}
[data-testid="stMain"] :is(button[kind^="primary"], button[kind^="secondary"]):disabled p {
  color: #8a8a8a;
}
[data-testid="stMain"] :is(button[kind^="primary"], button[kind^="secondary"]) p {
  font-size: 22px; font-weight: 700;
}
[data-testid="stMain"] [data-testid="stMetricLabel"] p {
  font-size: 20px; font-weight: 700; color: #000000;
}
[data-testid="stMain"] [data-testid="stMetricValue"] :is(div, p) {
  font-size: 44px; color: #000000;
}
[data-testid="stMain"] [data-testid="stTab"] { border-bottom: 5px solid transparent; }
[data-testid="stMain"] [data-testid="stTab"][aria-selected="true"] { border-color: #000000; }
[data-testid="stMain"] [data-testid="stTab"] p { font-size: 24px; font-weight: 700; }
[data-testid="stMain"] [data-testid="stExpander"] details { border: 2px solid #000000; }
[data-testid="stMain"] [data-testid="stExpander"] summary p { font-size: 22px; font-weight: 700; }
[data-testid="stMain"] [data-testid^="stTable"] :is(td, th) {
  font-size: 20px; color: #000000; border-color: #000000;
}
[data-testid="stMain"] [data-testid="stAlert"] p { font-size: 21px; color: #000000; }
</style>
"""
"""The presenter-mode CSS: a constant (nothing a user typed goes into it)."""


def presenter_toggle(where=None) -> bool:
    """Draw the presenter-mode toggle in ``where`` (default: the sidebar) and set up the page for
    it; return it.

    Call once per run from app.py, before the page runs. When on, the sidebar starts collapsed
    (the controls stay one click away behind its arrow) and :data:`STYLE` is added.
    """
    resend_value()
    on = widgets.read([PRESENT], where)[PRESENT.key]
    st.set_page_config(initial_sidebar_state="collapsed" if on else "auto")
    if on:
        st.html(STYLE)
    return on


def resend_value() -> None:
    """Have this run send the toggle's value to the browser, not only its default.

    The browser keeps a widget's value between runs, and Streamlit sends the value itself only
    when the script set it. Moving to another page in one tab, the browser can drop the value
    it keeps for the toggle while it clears the old page, and draw the toggle at its default:
    off, while the session and the URL still say on (seen about once in ten page switches on a
    loaded machine) — and the next page switch sends that "off" back as the teacher's choice.
    Setting the session's own value again each run makes every run send it, so the browser
    shows, and later sends back, what the session holds.
    """
    if PRESENT.key in st.session_state:
        st.session_state[PRESENT.key] = st.session_state[PRESENT.key]


def presenting() -> bool:
    """Whether presenter mode is on in this session (False on a page run outside app.py)."""
    return PRESENT.coerce(st.session_state.get(PRESENT.key, PRESENT.default))
