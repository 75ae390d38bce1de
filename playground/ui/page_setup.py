"""What every page does first."""

from __future__ import annotations

import streamlit as st
from streamlit.runtime.pages_manager import PagesManager

from playground.engine.blas import one_thread_per_process

one_blas_thread = st.cache_resource(show_spinner=False)(one_thread_per_process)
"""Call at every run: BLAS and OpenMP use one thread in this server process from the first
(``playground.engine.blas``). Wrapped here, once: wrapping reads the function's source, which
app.py, run afresh each time, paid at every run of every session."""


def enter_app() -> None:
    """Make sure the page runs inside app.py's ``st.navigation``.

    Streamlit runs a ``pages/`` file directly (its older multipage mode) when a fresh server's
    first visitor opens a deep link such as ``/playground``, skipping app.py's navigation and page
    config. Calling this at the top of every page switches that session to app.py and reruns.
    """
    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        st.rerun()
