"""The teaching boxes every page shares: what the page shows, and experiments to try."""

from __future__ import annotations

from collections.abc import Sequence

import streamlit as st

from playground.catalog import Experiment
from playground.ui.presenter import presenting


def what_this_shows(text: str) -> None:
    """The two-line summary under a page's title."""
    st.caption(text)


def try_this(experiments: Sequence[Experiment]) -> None:
    """Guided experiments (``playground.try_this.TRY_THIS[page]``): what to try, what to notice.
    Folded in presenter mode, so the figures fill the screen until the teacher opens it."""
    with st.expander("🧪 Try this — notice that", expanded=not presenting()):
        for number, experiment in enumerate(experiments, start=1):
            st.markdown(f"**{number}. {experiment.do}**  \n{experiment.notice}")
