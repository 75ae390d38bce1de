"""Legends: one horizontal row of entries under (or above) the plot.

A legend beside the plot takes width from it; in one row under the plot, two figures side by
side keep their width and a projector shows more of the data.
"""

from __future__ import annotations

from typing import Any

from playground.plotting.style import FONT_SIZE


def horizontal_legend(
    y: float = -0.2,
    *,
    x: float = 0.5,
    xanchor: str = "center",
    yanchor: str = "top",
    font_size: int = FONT_SIZE,
    **extra: Any,
) -> dict[str, Any]:
    """A legend laid out in a row, its (``xanchor``, ``yanchor``) corner at paper (x, y).

    The default is centred under the plot, ``y`` below its bottom edge (negative: room for the
    x axis's tick labels and title). Above the plot: ``y=1.02, yanchor="bottom"``. ``extra``
    entries (``groupclick``, ``traceorder``, …) are added as they are.
    """
    legend = {"font": {"size": font_size}, "orientation": "h", "x": x, "xanchor": xanchor}
    return legend | {"y": y, "yanchor": yanchor, **extra}
