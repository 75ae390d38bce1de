"""The teaching boxes every page shares: what the page shows, and experiments to try."""

from __future__ import annotations

import streamlit as st


def what_this_shows(text: str) -> None:
    """The two-line summary under a page's title."""
    st.caption(text)


def try_this(experiments: list[tuple[str, str]]) -> None:
    """Guided experiments: each is (what to try, what to notice)."""
    with st.expander("🧪 Try this — notice that", expanded=True):
        for number, (action, notice) in enumerate(experiments, start=1):
            st.markdown(f"**{number}. {action}**  \n{notice}")
