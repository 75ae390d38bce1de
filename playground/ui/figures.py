"""Showing a Plotly figure the same way on every page."""

from __future__ import annotations

import plotly.graph_objects as go
import streamlit as st

CONFIG = {
    "displaylogo": False,
    "toImageButtonOptions": {"format": "png", "scale": 2},
}
"""Plotly's own PNG download at twice the size: sharp on a projector or in slides."""


def show(figure: go.Figure, key: str) -> None:
    """Draw ``figure`` full width with its own styling (``theme=None``: Streamlit's theme would
    shrink and grey the projector-sized fonts that ``playground.plots`` sets)."""
    st.plotly_chart(figure, key=key, theme=None, config=CONFIG)
