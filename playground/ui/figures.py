"""Showing a Plotly figure the same way on every page."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar

import numpy as np
import plotly.graph_objects as go
import streamlit as st

from playground.plotting.digest import figure_digest
from playground.plotting.projector import for_projector
from playground.ui import export_panel
from playground.ui.png import PNG_OPTIONS
from playground.ui.presenter import presenting

CONFIG = {"displaylogo": False, "toImageButtonOptions": PNG_OPTIONS}
"""Plotly's own PNG download (camera button) at presentation size, the same as the server's."""
CHARTS_KEPT = 64
"""Charts a server keeps as sent (about 20 pages' worth, a few MB): a class that opens one scene
sends each of its figures once, and every other student's page replays it."""
_LIVE_FRAME: ContextVar[bool] = ContextVar("live_frame", default=False)


def sized(figure: go.Figure) -> go.Figure:
    """``figure`` as ``show`` draws it: restyled by ``for_projector`` in presenter mode (for a
    chart drawn with ``st.plotly_chart``'s own options, e.g. ``on_select``)."""
    return for_projector(figure) if presenting() else figure


def show(figure: go.Figure, key: str) -> None:
    """Draw ``figure`` full width with its own styling (``theme=None``: Streamlit's theme would
    shrink and grey the projector-sized fonts that ``playground.plots`` sets). In presenter mode
    it is drawn larger still (``for_projector``). A figure with nothing to draw yet — a run's
    curves before its first epoch — is not drawn as empty axes: a box says ▶ Start fills it."""
    if not draws_something(figure):
        title = figure.layout.title.text or "This figure"
        st.info(f"**{title}** — press **▶ Start**: it fills in as the network trains.", icon="📉")
        return
    figure = sized(figure)
    digest = None if _LIVE_FRAME.get() else figure_digest(figure)
    if digest is None:
        st.plotly_chart(figure, key=key, theme=None, config=CONFIG)
    else:
        _sent_chart(digest, key, figure)
    export_panel.remember(key, figure)


@contextmanager
def live_frame() -> Iterator[None]:
    """Show the block's figures as a frame of runs under way: each is drawn once, so it is sent
    as it is, neither digested nor kept (it would push out the charts a class shares)."""
    token = _LIVE_FRAME.set(True)
    try:
        yield
    finally:
        _LIVE_FRAME.reset(token)


@st.cache_data(max_entries=CHARTS_KEPT, show_spinner=False)
def _sent_chart(digest: str, key: str, _figure: go.Figure) -> None:
    """``st.plotly_chart(_figure)``, which Streamlit replays (the message as first sent) for any
    later figure of the same ``digest`` (``playground.plotting.digest``) under the same key."""
    st.plotly_chart(_figure, key=key, theme=None, config=CONFIG)


def draws_something(figure: go.Figure) -> bool:
    """Whether a trace of ``figure`` holds a number to draw (in x, y, z, values or r, or a
    parallel-coordinates dimension)."""
    for trace in figure.data:
        columns = [trace[name] for name in DATA_PROPERTIES if name in trace]
        if "dimensions" in trace:
            columns += [dimension["values"] for dimension in trace["dimensions"]]
        if any(_holds_a_number(column) for column in columns):
            return True
    return False


DATA_PROPERTIES = ("x", "y", "z", "values", "r")
"""The trace properties that carry a figure's numbers."""


def _holds_a_number(column: object) -> bool:
    if column is None:
        return False
    try:
        return bool(np.isfinite(np.asarray(column, dtype=float)).any())
    except (TypeError, ValueError):  # categories or text: drawn whenever there are any
        return len(column) > 0


def panels(labels: Sequence[str], widths: Sequence[float] | None = None, **options) -> Sequence:
    """Containers for figures side by side: ``st.columns(widths or len(labels), **options)``,
    or in presenter mode full-width tabs named ``labels`` (one big figure at a time)."""
    if presenting():
        return st.tabs(list(labels))
    return st.columns(widths or len(labels), **options)
