"""A slider over a run's recorded steps that follows the newest step until the learner scrubs."""

from __future__ import annotations

from collections.abc import Sequence

import streamlit as st
from streamlit.delta_generator import DeltaGenerator


def _scrubbed(key: str) -> None:
    st.session_state[f"{key}_scrubbed"] = True


def step_slider(container: DeltaGenerator, label: str, steps: Sequence[int], key: str) -> int:
    """A select slider over ``steps`` (recorded epochs or iterations, ascending) in
    ``container``. It shows the newest step as the run goes on; once the learner moves it, it
    stays on their step (back to the newest if that step is no longer recorded)."""
    steps = list(steps)
    following = not st.session_state.get(f"{key}_scrubbed", False)
    if following or st.session_state.get(key) not in steps:
        st.session_state[key] = steps[-1]
    return container.select_slider(label, steps, key=key, on_change=_scrubbed, args=(key,))
