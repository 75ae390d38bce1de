"""Plotly figures of the train / dev / test page: split sizes and the mismatched-dev-set demo.

Pure functions in the style of :mod:`playground.plotting.style` (``plotly_white``, fonts ≥ 14 px,
the Okabe-Ito palette). Networks are used by duck typing: ``forward(X, training=False)``,
``layer_dims`` and ``output``, as in :func:`playground.plotting.boundary.decision_boundary`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import plotly.graph_objects as go

from playground.engine.config import check_int, check_matrix
from playground.plotting.axes import log_axis, plane_layout
from playground.plotting.boundary import (
    DEV_POINTS,
    RESOLUTION,
    TRAIN_POINTS,
    boundary_grid,
    point_traces,
    region,
)
from playground.plotting.style import (
    CLASS_COLORS,
    DEV_COLOR,
    FONT_SIZE,
    TRAIN_COLOR,
    base_layout,
    fast_figure,
    horizontal_legend,
)
from playground.topics.splits.set_sizes import count_text

PART_COLORS = {"train": TRAIN_COLOR, "dev": DEV_COLOR, "test": CLASS_COLORS[2]}
"""Colour of the train, dev and test parts (blue, vermillion, bluish green)."""
SAME_COLOR = TRAIN_COLOR
"""Colour of the sets drawn from the training distribution."""
SHIFTED_COLOR = DEV_COLOR
"""Colour of the sets drawn from the shifted distribution."""


def split_sizes_chart(rows: Sequence[Any], title: str | None = None) -> go.Figure:
    """Grouped bars of the train, dev and test sizes of each ratio, on a log y axis.

    Parameters
    ----------
    rows : sequence
        Rows with ``name`` and ``sizes`` = (m_train, m_dev, m_test), e.g.
        :func:`playground.topics.splits.set_sizes.split_table`'s.
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
    layout = base_layout(
        title or f"Split of m = {count_text(total)} examples",
        "",
        "examples (log scale)",
        barmode="group",
        bargap=0.25,
        height=480,
        legend=horizontal_legend(-0.12),  # under the bars: a title above has the whole width
    )
    positive = table[table > 0].astype(float)
    axis = log_axis(positive)
    axis["range"] = [0, float(np.log10(positive.max())) + 0.5]
    axis["dtick"] = 1
    axis["tickformat"] = "~s"
    layout["yaxis"].update(axis)
    layout["margin"] = {"l": 80, "r": 20, "t": 70, "b": 90}
    return fast_figure(traces, layout)


def mismatch_boundary(
    net: Any,
    X_train: np.ndarray,
    Y_train: np.ndarray,
    X_dev: np.ndarray,
    Y_dev: np.ndarray,
    X_extent: np.ndarray,
    dev_name: str,
    title: str,
    resolution: int = RESOLUTION,
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
    xx, yy, grid = boundary_grid(X_extent, resolution)
    xs, ys = xx[0], yy[:, 0]
    traces = [region(net, xs, ys, grid)]
    traces += point_traces(X_train, Y_train, "train", 6, **TRAIN_POINTS, opacity=0.45)
    traces += point_traces(X_dev, Y_dev, dev_name, 11, **DEV_POINTS)
    legend = horizontal_legend(-0.14, groupclick="toggleitem")
    return fast_figure(traces, plane_layout(title, "x₁", "x₂", xs, ys, 520, legend=legend))


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
    layout = base_layout(title, "", "error (1 − accuracy)", height=420)
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
    layout = base_layout(title, "", "error (1 − accuracy)", height=420)
    layout["yaxis"].update(range=[0, min(1.0, top * 1.25) + 0.02], tickformat=".0%")
    layout["barmode"] = "group"
    layout["showlegend"] = False
    layout["xaxis"] = {**layout.get("xaxis", {}), "tickangle": 0}
    layout["margin"] = {"l": 80, "r": 20, "t": 70, "b": 60}
    return fast_figure(traces, layout)
