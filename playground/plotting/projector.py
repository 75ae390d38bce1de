"""Presenter mode for figures: a copy of any figure restyled to read from the back of a room.

``PRESENT`` declares the app-wide switch (also the URL parameter ``?present=true``). The figures of
``playground.plotting`` and the topics are sized for a laptop screen (fonts of 16-20 px); a
projector shows fewer pixels to people further away, so :func:`for_projector` scales every font,
thickens the lines, enlarges the markers, darkens the axes and grid and makes the figure taller.
Only styling changes: the traces keep exactly the same data.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import plotly.graph_objects as go

from playground.engine.config import Setting

PRESENT = Setting(
    "present",
    "🎦 Presenter mode",
    False,
    kind="bool",
    help="Large fonts and markers, high contrast, one figure at a time and the controls tucked "
    "into the sidebar: for a projector. Also a URL parameter (?present=true).",
)
"""The app-wide presenter-mode switch; its key is the URL parameter."""

FONT_SCALE = 1.4
"""Every font size of the figure is multiplied by this (16 px → 22 px, 20 px titles → 28 px)."""
MIN_FONT = 22
"""Smallest base font in presenter mode, in px."""
LINE_WIDTH = 4
"""Smallest width of a plotted line, in px."""
HAIRLINE = 1
"""Lines thinner than this (px) are a faint background texture, e.g. thousands of single
mini-batch costs under their average: they stay thin, or they would fill the plot."""
MARKER_SCALE = 1.3
"""Marker sizes are multiplied by this."""
MIN_MARKER = 10
"""Smallest marker size, in px."""
MIN_HEIGHT = 650
"""Smallest figure height, in px: one figure fills a 720-px-high projector screen."""
LEGEND_GAP = 110
"""Room left between the plot and a legend below it, in px: the x tick labels and axis title."""
INK = "#000000"
"""Text, axis lines and ticks: pure black."""
GRID = "#9a9a9a"
"""Grid lines: mid grey, visible on a washed-out projector yet lighter than the data."""

AXES = {
    "automargin": True,
    "color": INK,
    "linecolor": INK,
    "linewidth": 2,
    "showline": True,
    "ticks": "outside",
    "tickwidth": 2,
    "gridcolor": GRID,
    "zerolinecolor": INK,
}
"""Axis style in presenter mode; a figure's own axis settings (ranges, a hidden grid) win."""

_LINE_TRACES = ("scatter", "scattergl", "scatterpolar")


def for_projector(figure: go.Figure) -> go.Figure:
    """Return a copy of ``figure`` restyled for a projector; ``figure`` itself is not changed.

    Fonts × ``FONT_SCALE`` (base at least ``MIN_FONT``), scatter lines at least ``LINE_WIDTH``
    wide, markers × ``MARKER_SCALE`` (at least ``MIN_MARKER``), black text and axis lines, a
    darker grid, a height of at least ``MIN_HEIGHT`` and a legend below the plot moved down to
    leave ``LEGEND_GAP`` for the larger tick labels and axis title.
    """
    layout = figure.layout.to_plotly_json()
    has_template = layout.pop("template", None) is not None
    layout = _scaled_fonts(layout)
    base = (figure.layout.font.size or 12) * FONT_SCALE
    layout["font"] = layout.get("font", {}) | {"size": max(base, MIN_FONT), "color": INK}
    layout["height"] = max(figure.layout.height or 0, MIN_HEIGHT)
    layout["paper_bgcolor"] = "white"
    for axis in {"xaxis", "yaxis", *(key for key in layout if key.startswith(("xaxis", "yaxis")))}:
        layout[axis] = AXES | layout.get(axis, {})
    legend = layout.get("legend", {})
    if legend.get("y", 1) < 0:
        margin = layout.get("margin", {})
        plot_height = layout["height"] - margin.get("t", 100) - margin.get("b", 80)
        layout["legend"] = legend | {"y": min(legend["y"], -LEGEND_GAP / plot_height)}
    if has_template:
        layout["template"] = figure.layout.template
    big = go.Figure(data=figure.data, layout=layout, frames=figure.frames)
    for trace in big.data:
        if trace.type in _LINE_TRACES:
            _thicker(trace)
    return big


def _scaled_fonts(node: Any) -> Any:
    """``node`` (a layout as JSON) with the size of every font (``font``, ``tickfont``, …)
    multiplied by ``FONT_SCALE``."""
    if isinstance(node, list):
        return [_scaled_fonts(item) for item in node]
    if not isinstance(node, dict):
        return node
    scaled = {}
    for key, value in node.items():
        value = _scaled_fonts(value)
        if key.endswith("font") and isinstance(value, dict) and value.get("size") is not None:
            value = value | {"size": value["size"] * FONT_SCALE}
        scaled[key] = value
    return scaled


def _thicker(trace: Any) -> None:
    """Widen the lines (but not hairlines) and enlarge the markers of one scatter trace, in
    place (on the copy)."""
    mode = trace.mode or "lines+markers"
    if "lines" in mode and (trace.line.width is None or trace.line.width >= HAIRLINE):
        trace.line.width = max(trace.line.width or 2, LINE_WIDTH)
    if "markers" in mode:
        size = trace.marker.size
        if size is None or np.isscalar(size):
            trace.marker.size = max((size or 6) * MARKER_SCALE, MIN_MARKER)
        else:
            trace.marker.size = np.maximum(np.asarray(size, dtype=float) * MARKER_SCALE, 1)
