"""Showing a Plotly figure the same way on every page."""

from __future__ import annotations

from collections.abc import Sequence

import plotly.graph_objects as go
import streamlit as st

from playground.plots_projector import for_projector
from playground.ui.presenter import presenting

CONFIG = {
    "displaylogo": False,
    "toImageButtonOptions": {"format": "png", "scale": 2},
}
"""Plotly's own PNG download at twice the size: sharp on a projector or in slides."""


def show(figure: go.Figure, key: str) -> None:
    """Draw ``figure`` full width with its own styling (``theme=None``: Streamlit's theme would
    shrink and grey the projector-sized fonts that ``playground.plots`` sets). In presenter mode
    it is drawn larger still (``for_projector``)."""
    if presenting():
        figure = for_projector(figure)
    st.plotly_chart(figure, key=key, theme=None, config=CONFIG)


def panels(labels: Sequence[str], widths: Sequence[float] | None = None, **options) -> Sequence:
    """Containers for figures side by side: ``st.columns(widths or len(labels), **options)``,
    or in presenter mode full-width tabs named ``labels`` (one big figure at a time)."""
    if presenting():
        return st.tabs(list(labels))
    return st.columns(widths or len(labels), **options)
