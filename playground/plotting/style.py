"""The house style of every figure: palette, font sizes, the base layout, legends, value bars, a
fast figure.

The figures are styled for a classroom projector: the ``plotly_white`` look (its layout part,
registered as the ``"playground"`` template, see ``TEMPLATE``), fonts of at least 14 px and the
colour-blind-safe Okabe-Ito palette. Every figure function of the app is pure: results in, a
``plotly.graph_objects.Figure`` out.
"""

from __future__ import annotations

import copy
from collections.abc import Sequence
from typing import Any

import numpy as np
import plotly.graph_objects as go
import plotly.io as pio
from plotly.colors import sample_colorscale

CLASS_COLORS: tuple[str, ...] = (
    "#0072B2",  # blue
    "#D55E00",  # vermillion
    "#009E73",  # bluish green
    "#CC79A7",  # reddish purple
    "#E69F00",  # orange
    "#56B4E9",  # sky blue
    "#F0E442",  # yellow
    "#882255",  # wine (Tol)
    "#999933",  # olive (Tol)
    "#000000",  # black
)
"""Colour of class k (Okabe-Ito, completed with two of Paul Tol's colours to reach 10 classes)."""

TRAIN_COLOR = CLASS_COLORS[0]
"""Colour of the training-set curves."""
DEV_COLOR = CLASS_COLORS[1]
"""Colour of the dev-set curves."""

FONT_SIZE = 16
"""Base font size of every figure, in px."""
TITLE_SIZE = 20
"""Font size of figure titles, in px."""

Y_TICK_GAP = 6
"""Room between the y axis and its tick labels, in px: the lowest y label and the first x label
of a plot would otherwise overlap at the corner ("−1" on "−1")."""
TEMPLATE = "playground"
UNUSED_TEMPLATE_PARTS = ("colorscale", "coloraxis", "geo", "polar", "scene", "ternary")
"""``plotly_white``'s layout parts no figure here uses: every coloured trace names its colour
scale, and there are no 3-D, polar, ternary or map axes."""
pio.templates[TEMPLATE] = go.layout.Template(
    layout={
        name: value
        for name, value in pio.templates["plotly_white"].layout.to_plotly_json().items()
        if name not in UNUSED_TEMPLATE_PARTS
    }
)
"""Every figure's template: ``plotly_white``'s layout (white background, light grid, its
colourway) without its per-trace defaults, which the figures set themselves, nor the parts no
figure uses. A figure copies its template each time it is built, and Streamlit walks it again
to send it: the whole ``plotly_white`` made that half the cost of a live frame (11 ms of 22 ms
for the Playground's two figures); the unused parts were 71 % of what was left (2.8 → 0.8 kB)."""
pio.templates[TEMPLATE].layout.yaxis.ticklabelstandoff = Y_TICK_GAP
TEMPLATE_JSON = pio.templates[TEMPLATE].to_plotly_json()
"""The template expanded once (never changed: each figure gets a copy)."""


def base_layout(
    title: str,
    x_title: str = "",
    y_title: str = "",
    legend_y: float | None = None,
    **extra: Any,
) -> dict[str, Any]:
    """The common layout: projector-sized fonts, white template, a centred title, titled axes.

    With ``legend_y`` the legend is one row centred under the plot (:func:`horizontal_legend`).
    ``extra`` entries are added last and replace the defaults (``legend``, ``margin``, …).
    """
    layout: dict[str, Any] = {
        "template": TEMPLATE,
        "title": {"text": title, "font": {"size": TITLE_SIZE}, "x": 0.5, "xanchor": "center"},
        "font": {"size": FONT_SIZE},
        "legend": {"font": {"size": FONT_SIZE}},
        "hoverlabel": {"font": {"size": FONT_SIZE}},
        "xaxis": {"title": {"text": x_title}},
        "yaxis": {"title": {"text": y_title}},
        "margin": {"l": 70, "r": 30, "t": 70, "b": 60},
    }
    if legend_y is not None:
        layout["legend"] = horizontal_legend(legend_y)
    layout.update(extra)
    return layout


def horizontal_legend(
    y: float = -0.2,
    *,
    x: float = 0.5,
    xanchor: str = "center",
    yanchor: str = "top",
    font_size: int = FONT_SIZE,
    **extra: Any,
) -> dict[str, Any]:
    """A legend laid out in one row, its (``xanchor``, ``yanchor``) corner at paper (x, y).

    The default is centred under the plot, ``y`` below its bottom edge (negative: room for the
    x axis's tick labels and title): two figures side by side keep their width, and a projector
    shows more of the data than with a legend beside the plot. Above the plot:
    ``y=1.02, yanchor="bottom"``. ``extra`` entries (``groupclick``, …) are added as they are.
    """
    legend = {"font": {"size": font_size}, "orientation": "h", "x": x, "xanchor": xanchor}
    return legend | {"y": y, "yanchor": yanchor, **extra}


def panels_layout(title: str, legend_y: float | None = None, **extra: Any) -> dict[str, Any]:
    """:func:`base_layout` without the single x and y axis, for a figure whose panels bring
    their own axes (``xaxis``, ``xaxis2``, … in ``extra`` or added later)."""
    layout = base_layout(title, legend_y=legend_y)
    del layout["xaxis"], layout["yaxis"]
    layout.update(extra)
    return layout


def value_bars(
    x: Sequence[Any], y: Sequence[Any], name: str, color: str, text: Sequence[Any], hover: str
) -> go.Bar:
    """One bar series of a grouped bar chart, each bar's value ``text`` written above it at the
    base font size; ``hover`` is the trace's hover template."""
    return go.Bar(
        x=x,
        y=y,
        name=name,
        marker={"color": color},
        text=text,
        textposition="outside",
        textfont={"size": FONT_SIZE},
        hovertemplate=hover,
    )


def fast_figure(traces: Sequence[Any], layout: dict[str, Any]) -> go.Figure:
    """A ``go.Figure`` of ``traces`` and ``layout`` without Plotly's property-by-property check.

    Checking a figure on construction costs milliseconds, mostly expanding the named template, and a
    page draws several per rerun. The traces are plain dicts (or checked traces), the layout is
    :func:`base_layout`'s, with ``template`` replaced by a copy of :data:`TEMPLATE_JSON`. The
    tests rebuild every such figure the slow, checking way.
    """
    layout = {**layout, "template": copy.deepcopy(TEMPLATE_JSON)}
    data = [t.to_plotly_json() if hasattr(t, "to_plotly_json") else t for t in traces]
    return go.Figure(data=data, layout=layout, _validate=False)


def fast_scatter(**properties: Any) -> go.Scatter:
    """A ``go.Scatter`` of ``properties`` without Plotly's property-by-property check (under a
    fifth of the cost: ``benchmarks/bench_follower.py``). As for :func:`fast_figure`, the tests
    rebuild every figure such a trace lands in the checking way."""
    return go.Scatter(**properties, _validate=False)


def blend_with_white(color: str, alpha: float) -> str:
    """``color`` (``#rrggbb``) painted with opacity ``alpha`` over white, as ``rgb()``."""
    rgb = [int(color[i : i + 2], 16) for i in (1, 3, 5)]
    mixed = [round(255 + alpha * (c - 255)) for c in rgb]
    return f"rgb({mixed[0]},{mixed[1]},{mixed[2]})"


def translucent(color: str, alpha: float) -> str:
    """``color`` (``#rrggbb``) with opacity ``alpha``, as ``rgba()``."""
    red, green, blue = (int(color[i : i + 2], 16) for i in (1, 3, 5))
    return f"rgba({red},{green},{blue},{alpha})"


def series_colors(n: int) -> list[str]:
    """``n`` distinguishable colours: the class palette, or Viridis samples for many."""
    if n <= len(CLASS_COLORS):
        return list(CLASS_COLORS[:n])
    return sample_colorscale("Viridis", list(np.linspace(0.0, 0.85, n)))


def finite_or_nan(values: object) -> np.ndarray:
    """``values`` as a 1-D float array with every non-finite entry replaced by NaN."""
    array = np.asarray(values, dtype=np.float64).ravel()
    return np.where(np.isfinite(array), array, np.nan)
