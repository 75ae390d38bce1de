"""Entry point: `streamlit run app.py`. Sections and pages come from playground/catalog."""

import streamlit as st

from playground.catalog import menu, page_path, sections
from playground.engine.run_engine import run_engine
from playground.ui.export_panel import collect_figures
from playground.ui.follow_stamp import draw_stamp
from playground.ui.fragment_runs import remember_outside_values
from playground.ui.page_bar import page_bar
from playground.ui.page_setup import one_blas_thread
from playground.ui.script_turns import turn
from playground.ui.widgets import entry_notes

one_blas_thread()  # once per server process (playground.engine.blas)
run_engine().start()  # the training workers, ready before the first Start (once per process)

PAGES_KEY = "_navigation_pages"  # session key of the navigation's st.Page objects (pages())


def pages() -> dict[str, list[st.Page]]:
    """The navigation's pages by section, made once per session: making a page resolves its
    file's path on disk, which every run of every session would otherwise pay again."""
    if PAGES_KEY not in st.session_state:
        st.session_state[PAGES_KEY] = {
            menu(section): [
                st.Page(
                    page_path(page),
                    title=page.title,
                    icon=page.icon,
                    url_path=page.url_path,
                    default=page.file == "home.py",
                )
                for page in topics
            ]
            for section, topics in sections().items()
        }
    return st.session_state[PAGES_KEY]


st.set_page_config(page_title="Deep-learning tuning playground", page_icon="🧪", layout="wide")
navigation = st.navigation(
    pages(),
    position="top",  # one menu per section: Start, Week 1, Week 2, Week 3
)
with turn():  # page runs take turns (playground.ui.script_turns)
    entry_notes(navigation.url_path)  # where this page lists values adjusted to fit it
    page_bar(navigation.url_path)  # scenes, notation and presenter mode: one row above the page
    collect_figures()  # this run's figures, for the page's "all figures" zip
    navigation.run()
    remember_outside_values(navigation.url_path or "home")  # for its fragments' runs
    draw_stamp()  # last: which teacher's move a class member's next request was sent after
