"""Plotly figures of the train / dev / test page: split sizes and the mismatched-dev-set demo.

Pure functions in the style of :mod:`playground.plots` (``plotly_white``, fonts ≥ 14 px, the
Okabe-Ito palette). Networks are used by duck typing: ``forward(X, training=False)``,
``layer_dims`` and ``output``, as in :func:`playground.plots.decision_boundary`.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import plotly.graph_objects as go
import plotly.io as pio

from playground.engine.blas import one_blas_thread
from playground.engine.config import check_choice, check_int, check_labels, check_matrix
from playground.plotting.base import (
    CLASS_COLORS,
    DEV_COLOR,
    FONT_SIZE,
    TRAIN_COLOR,
    _binary_background,
    _layout,
    _log_axis,
    _softmax_background,
    boundary_grid,
)
from playground.topics.splits.model import count_text

PLOTLY_WHITE = pio.templates["plotly_white"].to_plotly_json()
"""The ``plotly_white`` template expanded once (never changed: each figure gets a copy)."""

PART_COLORS = {"train": TRAIN_COLOR, "dev": DEV_COLOR, "test": CLASS_COLORS[2]}
"""Colour of the train, dev and test parts (blue, vermillion, bluish green)."""
SAME_COLOR = TRAIN_COLOR
"""Colour of the sets drawn from the training distribution."""
SHIFTED_COLOR = DEV_COLOR
"""Colour of the sets drawn from the shifted distribution."""


def fast_figure(traces: Sequence[Any], layout: dict[str, Any]) -> go.Figure:
    """A ``go.Figure`` of ``traces`` and ``layout`` without Plotly's property-by-property check.

    Checking a figure on construction costs ~20 ms, mostly expanding the named template, and a
    page draws several per rerun. The traces are checked as they are built (``go.Scatter`` …);
    the layout is ``plots._layout``'s, with ``template`` replaced by a copy of
    :data:`PLOTLY_WHITE`. The tests check every figure of this module the slow way.
    """
    layout = {**layout, "template": copy.deepcopy(PLOTLY_WHITE)}
    data = [t.to_plotly_json() if hasattr(t, "to_plotly_json") else t for t in traces]
    return go.Figure(data=data, layout=layout, _validate=False)


def split_sizes_chart(rows: Sequence[Any], title: str | None = None) -> go.Figure:
    """Grouped bars of the train, dev and test sizes of each ratio, on a log y axis.

    Parameters
    ----------
    rows : sequence
        Rows with ``name`` and ``sizes`` = (m_train, m_dev, m_test), e.g.
        :func:`playground.splits.split_table`'s.
    title : str, optional
        Default "Split of m = <total> examples".

    Returns
    -------
    go.Figure
        Three ``Bar`` traces "train", "dev", "test" (x = row names, y = sizes, each bar
        labelled with its count in short form: 980k, 10k). A part of size 0 has no bar (a log
        axis has no 0).

    Raises
    ------
    ValueError
        If ``rows`` is empty or a row's sizes are not three non-negative integers.
    """
    if not rows:
        raise ValueError("rows must hold at least one ratio")
    sizes = []
    for i, row in enumerate(rows):
        if len(row.sizes) != 3:
            raise ValueError(f"rows[{i}].sizes must be (m_train, m_dev, m_test); got {row.sizes}")
        sizes.append([check_int(f"rows[{i}].sizes", n, 0) for n in row.sizes])
    table = np.array(sizes)
    names = [row.name for row in rows]
    traces = []
    for part, column in zip(("train", "dev", "test"), table.T, strict=True):
        shown = [float(n) if n > 0 else None for n in column]
        traces.append(
            go.Bar(
                x=names,
                y=shown,
                name=part,
                marker={"color": PART_COLORS[part]},
                texttemplate="%{y:.3~s}",
                textposition="outside",
                textfont={"size": FONT_SIZE, "color": "#222222"},
                cliponaxis=False,
                hovertemplate=f"{part}: %{{y:,}} examples<extra>%{{x}}</extra>",
            )
        )
    total = int(table[0].sum())
    layout = _layout(
        title or f"Split of m = {count_text(total)} examples",
        "",
        "examples (log scale)",
        barmode="group",
        bargap=0.25,
        height=460,
        legend={
            "font": {"size": FONT_SIZE},
            "orientation": "h",
            "y": 1.02,
            "x": 1,
            "xanchor": "right",
            "yanchor": "bottom",
        },
    )
    positive = table[table > 0].astype(float)
    axis = _log_axis(positive)
    axis["range"] = [0, float(np.log10(positive.max())) + 0.5]
    axis["dtick"] = 1
    axis["tickformat"] = "~s"
    layout["yaxis"].update(axis)
    layout["margin"] = {"l": 80, "r": 20, "t": 90, "b": 60}
    return fast_figure(traces, layout)


def boundary_background(
    net: Any, X_extent: np.ndarray, resolution: int = 120
) -> tuple[dict[str, Any], np.ndarray, np.ndarray]:
    """The predicted-probability background of a 2-input network over the points X_extent.

    Returns the trace as a dict, without its colour bar (a ``contour`` of P(y = 1) with its 0.5
    line for a sigmoid output, a ``heatmap`` of the argmax class for softmax, as in
    ``plots.decision_boundary``) and the grid's x and y coordinates. The network runs once on
    the whole grid, with one BLAS thread (faster for these small matrices).

    Raises
    ------
    ValueError
        If the network does not take 2 inputs or returns a wrong shape.
    """
    check_choice("net.output", net.output, ("sigmoid", "softmax"))
    if net.layer_dims[0] != 2:
        raise ValueError(f"net must take 2 input features; got layer_dims[0] = {net.layer_dims[0]}")
    xx, yy, grid = boundary_grid(X_extent, resolution=resolution)
    with one_blas_thread():  # small matrices: one thread is faster
        probs = np.asarray(net.forward(grid, training=False))
    binary = net.output == "sigmoid"
    expected = (1 if binary else net.layer_dims[-1], grid.shape[1])
    if probs.shape != expected:
        raise ValueError(f"net.forward must return shape {expected}; got {probs.shape}")
    xs, ys = xx[0], yy[:, 0]
    if binary:
        trace = _binary_background(xs, ys, probs.reshape(resolution, resolution))
    else:
        trace = _softmax_background(xs, ys, probs)
    return {**trace.to_plotly_json(), "showscale": False}, xs, ys


def marker_size(m: int, largest: int) -> int:
    """A marker size for m points: ``largest`` up to 500 points, smaller for crowded plots."""
    return largest if m <= 500 else max(4, largest - 3) if m <= 2000 else max(3, largest - 5)


def point_traces(
    X: np.ndarray, Y: np.ndarray, group: str, symbol: str, size: int, outline: str, **extra: Any
) -> list[dict[str, Any]]:
    """One marker trace per class present in Y (colour of the class), in legend group ``group``.

    ``size`` is the marker size for up to 500 points; more points get smaller markers (and
    WebGL from 5000 points). The traces are plain dicts for :func:`fast_figure`: a page draws
    dozens of them per rerun, and building each as a checked ``go.Scatter`` costs ~1 ms.
    """
    X = check_matrix(f"X ({group})", X, rows=2)
    Y = check_labels(f"Y ({group})", Y, X.shape[1], len(CLASS_COLORS))
    size = marker_size(X.shape[1], size)
    kind = "scattergl" if X.shape[1] >= 5000 else "scatter"
    traces = []
    for k in np.unique(Y):
        members = Y[0] == k
        traces.append(
            {
                "type": kind,
                "x": X[0, members],
                "y": X[1, members],
                "mode": "markers",
                "name": f"y = {k}",
                "legendgroup": group,
                "legendgrouptitle": {"text": group},
                "marker": {
                    "color": CLASS_COLORS[k],
                    "symbol": symbol,
                    "size": size,
                    "line": {"color": outline, "width": 1.5},
                },
                "hovertemplate": f"{group}, y = {k}<br>x₁ = %{{x:.2f}}<br>x₂ = %{{y:.2f}}"
                "<extra></extra>",
                **extra,
            }
        )
    return traces


def mismatch_boundary(
    net: Any,
    X_train: np.ndarray,
    Y_train: np.ndarray,
    X_dev: np.ndarray,
    Y_dev: np.ndarray,
    X_extent: np.ndarray,
    dev_name: str,
    title: str,
    resolution: int = 100,
) -> go.Figure:
    """The network's decision regions with its training points (faint) and one dev set on top.

    Both panels of the page use the same ``X_extent`` (every point of every set), so the same-
    distribution and shifted panels share their axes.

    Returns
    -------
    go.Figure
        Trace 0 is the background; then the training points (legend group "train", small faint
        circles) and the dev points (legend group ``dev_name``, large diamonds).
    """
    X_extent = check_matrix("X_extent", X_extent, rows=2)
    background, xs, ys = boundary_background(net, X_extent, resolution)
    traces = [background]
    traces += point_traces(X_train, Y_train, "train", "circle", 6, "white", opacity=0.45)
    traces += point_traces(X_dev, Y_dev, dev_name, "diamond", 11, "#1a1a1a")
    layout = _layout(
        title,
        "x₁",
        "x₂",
        height=520,
        legend={
            "font": {"size": FONT_SIZE},
            "groupclick": "toggleitem",
            "orientation": "h",
            "x": 0.5,
            "xanchor": "center",
            "y": -0.14,
            "yanchor": "top",
        },
    )
    layout["xaxis"].update(range=[xs[0], xs[-1]], constrain="domain", showgrid=False)
    layout["yaxis"].update(
        range=[ys[0], ys[-1]], scaleanchor="x", scaleratio=1, constrain="domain", showgrid=False
    )
    layout["margin"] = {"l": 60, "r": 20, "t": 60, "b": 40}
    return fast_figure(traces, layout)


def mismatch_errors_chart(
    errors: Mapping[str, float], title: str = "Error on each set"
) -> go.Figure:
    """Bars of the error on each set: training-distribution sets in blue, shifted ones in
    vermillion, each labelled with its percentage (an empty set, NaN, has no bar).

    Raises
    ------
    ValueError
        If ``errors`` is empty or an error is not NaN or in [0, 1].
    """
    if not errors:
        raise ValueError("errors must hold at least one set")
    names, values = list(errors), []
    for name in names:
        value = float(errors[name])
        if not (np.isnan(value) or 0.0 <= value <= 1.0):
            raise ValueError(f"errors[{name!r}] must be in [0, 1] or NaN; got {value}")
        values.append(None if np.isnan(value) else value)
    colors = [SHIFTED_COLOR if "shifted" in name else SAME_COLOR for name in names]
    bar = go.Bar(
        x=names,
        y=values,
        marker={"color": colors},
        text=["no set" if v is None else f"{v:.1%}" for v in values],
        textposition="outside",
        textfont={"size": FONT_SIZE, "color": "#222222"},
        cliponaxis=False,
        name="error",
        showlegend=False,
        hovertemplate="%{x}: %{y:.1%}<extra></extra>",
    )
    top = max([v for v in values if v is not None] + [0.05])
    layout = _layout(title, "", "error (1 − accuracy)", height=420)
    layout["yaxis"].update(range=[0, min(1.0, top * 1.25) + 0.02], tickformat=".0%")
    layout["margin"] = {"l": 80, "r": 20, "t": 70, "b": 60}
    return fast_figure([bar], layout)


def setups_chart(
    results: Sequence[Any], title: str = "Dev vs test error, three setups"
) -> go.Figure:
    """Grouped bars of each setup's dev and test error (``splits.SetupResult``, read by duck
    typing: ``setup.short``, ``setup.dev``, ``setup.test``, ``dev_error``, ``test_error``): sets
    from the training distribution in blue, from the shifted one in vermillion; test bars hatched.

    Raises
    ------
    ValueError
        If ``results`` is empty.
    """
    if not results:
        raise ValueError("results must hold at least one setup")
    names = [r.setup.short for r in results]
    traces = []
    for part, pattern in (("dev", ""), ("test", "/")):
        sets = [getattr(r.setup, part) for r in results]
        values = [getattr(r, f"{part}_error") for r in results]
        traces.append(
            go.Bar(
                x=names,
                y=values,
                name=f"{part} set",
                marker={
                    "color": [SHIFTED_COLOR if "shifted" in s else SAME_COLOR for s in sets],
                    "pattern": {"shape": pattern},
                },
                text=[f"{part} {v:.1%}" for v in values],
                textposition="outside",
                textfont={"size": FONT_SIZE - 2, "color": "#222222"},
                cliponaxis=False,
                customdata=sets,
                hovertemplate="%{x}<br>" + part + ": %{customdata}, %{y:.1%}<extra></extra>",
            )
        )
    top = max([*(r.dev_error for r in results), *(r.test_error for r in results), 0.05])
    layout = _layout(title, "", "error (1 − accuracy)", height=420)
    layout["yaxis"].update(range=[0, min(1.0, top * 1.25) + 0.02], tickformat=".0%")
    layout["barmode"] = "group"
    layout["showlegend"] = False
    layout["xaxis"] = {**layout.get("xaxis", {}), "tickangle": 0}
    layout["margin"] = {"l": 80, "r": 20, "t": 70, "b": 60}
    return fast_figure(traces, layout)
