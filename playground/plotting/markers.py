"""Landmarks on a plane of parameters: where a descent starts and where the minimum is.

One look on every page: the start is a white disc ringed in black, a minimum a white star
outlined in black, both readable on light and dark contours alike.
"""

from __future__ import annotations

import copy
from collections.abc import Sequence
from typing import Any

import numpy as np

START_MARKER = {
    "symbol": "circle",
    "size": 14,
    "color": "#ffffff",
    "line": {"color": "#000000", "width": 2.5},
}
"""The start of a descent."""
MINIMUM_MARKER = {
    "symbol": "star",
    "size": 20,
    "color": "#ffffff",
    "line": {"color": "#000000", "width": 2},
}
"""A minimum of the cost."""


def landmark(
    x: float | Sequence[float],
    y: float | Sequence[float],
    name: str,
    marker: dict[str, Any],
    hover: str | None = None,
    **extra: Any,
) -> dict[str, Any]:
    """A markers trace at the point (x, y), or the points (x[i], y[i]), named ``name`` and
    hovering ``hover`` (default: the name and the point). ``extra`` entries are added."""
    return {
        "type": "scatter",
        "x": np.atleast_1d(np.asarray(x, dtype=np.float64)),
        "y": np.atleast_1d(np.asarray(y, dtype=np.float64)),
        "mode": "markers",
        "name": name,
        "marker": copy.deepcopy(marker),
        "hovertemplate": hover or f"{name}<br>(%{{x:.3g}}, %{{y:.3g}})<extra></extra>",
        **extra,
    }


def start_marker(
    x: float, y: float, name: str = "start", hover: str | None = None, **extra: Any
) -> dict[str, Any]:
    """The start of a descent at (x, y) (see :func:`landmark`)."""
    return landmark(x, y, name, START_MARKER, hover, **extra)


def minimum_marker(
    x: float | Sequence[float],
    y: float | Sequence[float],
    name: str = "minimum",
    hover: str | None = None,
    **extra: Any,
) -> dict[str, Any]:
    """A minimum at (x, y), or several at the points (x[i], y[i]) (see :func:`landmark`)."""
    return landmark(x, y, name, MINIMUM_MARKER, hover, **extra)
