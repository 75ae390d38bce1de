"""Axis vocabulary shared by the figures: log axes, reference lines and notes, equal-aspect
planes."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from playground.plotting.style import FONT_SIZE, base_layout, horizontal_legend

PLANE_MARGIN = {"l": 60, "r": 20, "t": 60, "b": 40}
"""Margins of a plane figure, in px (its legend goes under the plot)."""


ONE_DIGIT_TICKS = 0.6
"""Up to this many decades a log axis labels every digit (they stay apart); beyond, 1-2-5."""


def log_axis(values: np.ndarray) -> dict[str, Any]:
    """Axis settings for a log scale whose tick labels stay full size and apart.

    A tick format makes plotly write every tick label in full (by default the ticks between
    powers of ten get small single digits, unreadable on a projector), so the tick spacing is
    chosen here from the decades spanned by ``values``: automatic within ``ONE_DIGIT_TICKS``
    decades, 1-2-5 per decade up to three decades, then whole decades with at most about six
    labels. (Automatic ticks over most of a decade label every digit: 0.07, 0.08, 0.09 and 0.1
    pile up at the bottom of it.)
    """
    axis: dict[str, Any] = {"type": "log", "tickformat": "~g"}
    values = np.asarray(values, dtype=np.float64)
    positive = values[np.isfinite(values) & (values > 0)]
    if positive.size:
        decades = float(np.log10(positive.max() / positive.min()))
        if decades > 3:
            axis["dtick"] = int(np.ceil(decades / 6))
        elif decades > ONE_DIGIT_TICKS:
            axis["dtick"] = "D2"
    return axis


def log_colorbar(title: str, exponents: Sequence[float], fmt: str = "g") -> dict[str, Any]:
    """A colour bar for colours that are log₁₀ of a value: ticks at ``exponents``, labelled
    with the values 10^e themselves (formatted with ``fmt``)."""
    return {
        "title": {"text": title, "side": "right"},
        "tickvals": list(exponents),
        "ticktext": [f"{10.0**e:{fmt}}" for e in exponents],
        "thickness": 14,
    }


def reference_line(
    *,
    x: float | None = None,
    y: float | None = None,
    color: str = "#000000",
    width: float = 2.0,
    dash: str = "dash",
) -> dict[str, Any]:
    """A line shape across the whole plot: vertical at data ``x`` or horizontal at data ``y``
    (a threshold, a chosen ε, the epoch a run stopped at)."""
    if (x is None) == (y is None):
        raise ValueError("reference_line needs exactly one of x (vertical) or y (horizontal)")
    style = {"type": "line", "line": {"color": color, "width": width, "dash": dash}}
    if x is not None:
        return style | {"xref": "x", "yref": "paper", "x0": x, "x1": x, "y0": 0, "y1": 1}
    return style | {"xref": "paper", "yref": "y", "x0": 0, "x1": 1, "y0": y, "y1": y}


def note(
    text: str,
    x: float,
    y: float,
    *,
    xref: str = "paper",
    yref: str = "paper",
    xanchor: str = "left",
    yanchor: str = "top",
    size: int = FONT_SIZE,
    color: str | None = None,
    box: bool = True,
    **extra: Any,
) -> dict[str, Any]:
    """A text annotation without arrow, its (``xanchor``, ``yanchor``) corner at (x, y), on a
    half-transparent white box (``box``) so it stays readable over curves and shading.
    ``extra`` entries (``xshift``, ``align``, a border, …) are added as they are."""
    label = {
        "text": text,
        "x": x,
        "y": y,
        "xref": xref,
        "yref": yref,
        "xanchor": xanchor,
        "yanchor": yanchor,
        "showarrow": False,
        "font": {"size": size} | ({"color": color} if color else {}),
    }
    if box:
        label["bgcolor"] = "rgba(255,255,255,0.85)"
    return label | extra


def equal_aspect(
    layout: dict[str, Any],
    x_range: Sequence[float],
    y_range: Sequence[float],
    x: str = "x",
    y: str = "y",
    **axis: Any,
) -> dict[str, Any]:
    """Show ``x_range`` × ``y_range`` on the axes ``x`` and ``y`` of ``layout`` with the same
    units per pixel on both, so a plane keeps its shape (a circle stays round): the plot area
    shrinks to fit (``constrain="domain"``). ``axis`` settings (``showgrid=False``, …) go to
    both axes. Changes ``layout`` in place and returns it.
    """
    x_axis = layout.setdefault("xaxis" + x[1:], {})
    y_axis = layout.setdefault("yaxis" + y[1:], {})
    x_axis.update(range=[x_range[0], x_range[-1]], constrain="domain", **axis)
    y_axis.update(
        range=[y_range[0], y_range[-1]], scaleanchor=x, scaleratio=1, constrain="domain", **axis
    )
    return layout


def plane_layout(
    title: str,
    x_title: str,
    y_title: str,
    x_range: Sequence[float],
    y_range: Sequence[float],
    height: int,
    legend_y: float = -0.12,
    **extra: Any,
) -> dict[str, Any]:
    """The layout of a figure of a plane (features x₁, x₂ or weights w₁, w₂): equal-aspect axes
    over ``x_range`` × ``y_range`` without grid lines, a one-row legend ``legend_y`` under the
    plot and ``PLANE_MARGIN``; ``extra`` entries (``legend``, ``annotations``, …) win."""
    layout = base_layout(
        title,
        x_title,
        y_title,
        height=height,
        **({"legend": horizontal_legend(legend_y), "margin": dict(PLANE_MARGIN)} | extra),
    )
    return equal_aspect(layout, x_range, y_range, showgrid=False)
