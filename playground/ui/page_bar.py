"""The row at the top of every page: its scenes, the notation legend and presenter mode.

app.py draws it in the main area before each page runs. The pages are in the top navigation,
so the sidebar holds only the page's own controls, and its first control is on the first
screen (tests/e2e/test_first_screen.py measures it).
"""

from __future__ import annotations

import streamlit as st

from playground.catalog.notation import legend_markdown
from playground.ui.classroom_bar import class_bar
from playground.ui.fragment_page import remember_page
from playground.ui.fragment_runs import new_full_run
from playground.ui.presenter import presenter_toggle
from playground.ui.scenes import scene_picker

NOTATION_KEY = "notation"
"""Widget key of the 📖 Notation popover (its value: whether it is open)."""


def notation_popover(where) -> None:
    """The 📖 Notation button: the course's symbols with the widgets and URL keys that set them
    (``playground.catalog.notation``). The table is drawn only while the popover is open
    (opening it reruns the page): sent with every run of every page, it cost a class's server
    about 5 % of its page runs' time."""
    popover = where.popover("📖 Notation", key=NOTATION_KEY, on_change="rerun")
    if popover.open:
        with popover:
            st.markdown(
                "The course's symbols, the widgets that set them and their URL keys "
                "(`?lr=0.1` sets α)."
            )
            st.markdown(legend_markdown())


def page_bar(page: str) -> None:
    """One row above ``page``'s title: 🎬 scene picker, 📖 Notation, 🎦 Presenter mode; the
    shown scene's description under it; then, in a live class, the class bar."""
    new_full_run()
    remember_page(page or "home")
    row = st.container(horizontal=True, vertical_alignment="center", key="page_bar")
    scene_picker(page, row, note=st.container())
    notation_popover(row)
    presenter_toggle(row)
    class_bar(page)
