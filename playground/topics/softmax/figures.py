"""Figures of the softmax page: per-class probability maps, the worked example, the confusion
matrix and the 2-class softmax vs logistic-regression maps.

Pure functions returning Plotly figures in the style of ``playground.plotting.style``.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import plotly.graph_objects as go

from playground.engine.config import check_int, check_labels, check_matrix
from playground.plotting.boundary import boundary_grid
from playground.plotting.panels import grid_layout
from playground.plotting.style import (
    CLASS_COLORS,
    FONT_SIZE,
    base_layout,
    blend_with_white,
    horizontal_legend,
    panels_layout,
)
from playground.topics.softmax.model import WorkedExample

REGION_RESOLUTION = 240
"""Grid points per axis of the hardmax-regions map: cells of about 2 px at the page's widths, so
the borders between classes read as lines, not staircases."""


def _grid_shape(n: int) -> tuple[int, int]:
    cols = n if n <= 3 else 2 if n == 4 else 3
    return (n + cols - 1) // cols, cols


def probability_maps(net: Any, X: np.ndarray, Y: np.ndarray, resolution: int = 60) -> go.Figure:
    """One heat map per class k of P(y = k | x) = a_k over the plane (white 0 → class colour 1),
    with the training points of class k on top.

    ``net.forward(grid, training=False)`` must return (C, m) softmax probabilities.
    """
    X = check_matrix("X", X, rows=2)
    C = check_int("net.layer_dims[-1]", net.layer_dims[-1], 2, len(CLASS_COLORS))
    Y = check_labels("Y", Y, X.shape[1], C)
    xx, yy, grid = boundary_grid(X, resolution=resolution)
    probs = np.asarray(net.forward(grid, training=False))
    rows, cols = _grid_shape(C)
    titles = [f"P(y = {k} | x)" for k in range(C)]
    layout, refs = grid_layout(rows, cols, titles, gap_x=0.03, gap_y=0.1)
    traces = []
    xs, ys = xx[0], yy[:, 0]
    frame = {"showticklabels": False, "showline": True, "mirror": True, "linecolor": "#444"}
    for k in range(C):
        x_ref, y_ref = refs[k]
        scale = [[0.0, "rgb(255,255,255)"], [1.0, blend_with_white(CLASS_COLORS[k], 0.85)]]
        traces.append(
            go.Heatmap(
                xaxis=x_ref,
                yaxis=y_ref,
                x=xs,
                y=ys,
                z=probs[k].reshape(resolution, resolution).astype(np.float32),
                zmin=0.0,
                zmax=1.0,
                colorscale=scale,
                showscale=False,
                name=f"P(y = {k})",
                hovertemplate=f"x₁ %{{x:.2f}}, x₂ %{{y:.2f}}<br>P(y = {k}) = %{{z:.3f}}"
                "<extra></extra>",
            )
        )
        members = Y[0] == k
        traces.append(
            go.Scatter(
                xaxis=x_ref,
                yaxis=y_ref,
                x=X[0, members],
                y=X[1, members],
                mode="markers",
                name=f"y = {k}",
                showlegend=False,
                marker={
                    "size": 6,
                    "color": CLASS_COLORS[k],
                    "line": {"color": "#1a1a1a", "width": 1},
                },
                hoverinfo="skip",
            )
        )
        layout["xaxis" + x_ref[1:]] |= {"range": [xs[0], xs[-1]], **frame}
        layout["yaxis" + y_ref[1:]] |= {"range": [ys[0], ys[-1]], **frame}
    for k in range(C, rows * cols):  # empty cells of the last row
        layout["xaxis" + refs[k][0][1:]]["visible"] = False
        layout["yaxis" + refs[k][1][1:]]["visible"] = False
    figure_layout = panels_layout(
        "P(y = k | x) of each class: white = 0, full colour = 1",
        height=min(1050 // cols, 420) * rows + 110,
        margin={"l": 20, "r": 20, "t": 90, "b": 20},
    )
    return go.Figure(data=traces, layout=figure_layout | layout)


def mark_point(figure: go.Figure, x: np.ndarray, label: str) -> go.Figure:
    """Add a large star at the 2-D point ``x`` (the worked example) to ``figure``."""
    x = np.ravel(x)
    figure.add_trace(
        go.Scatter(
            x=[x[0]],
            y=[x[1]],
            mode="markers",
            name=label,
            marker={"symbol": "star", "size": 24, "color": "#F0E442", "line": {"width": 2}},
        )
    )
    return figure


def worked_example(example: WorkedExample) -> go.Figure:
    """a_j = t_j / Σt as bars coloured by class, with the one-hot y_j as outlined bars."""
    classes = [f"class {j}" for j in range(example.a.size)]
    figure = go.Figure(
        [
            go.Bar(
                x=classes,
                y=example.a,
                name="a_j = t_j / Σ t",
                marker_color=[CLASS_COLORS[j] for j in range(example.a.size)],
                text=[f"{a:.3f}" for a in example.a],
                textposition="outside",
            ),
            go.Bar(
                x=classes,
                y=example.y,
                name="y_j (one-hot)",
                marker={"color": "rgba(0,0,0,0)", "line": {"color": "#1a1a1a", "width": 3}},
            ),
        ]
    )
    layout = base_layout(
        f"Softmax output vs one-hot y · L = {example.loss:.4g}", "", "probability", height=380
    )
    layout["yaxis"] |= {"range": [0, 1.15]}
    layout["legend"] = horizontal_legend(-0.2, yanchor="auto")
    figure.update_layout(**layout, barmode="overlay")
    return figure


def confusion(counts: np.ndarray) -> go.Figure:
    """The C × C confusion matrix on dev as a heat map with the counts written in each cell."""
    counts = np.asarray(counts)
    if counts.ndim != 2 or counts.shape[0] != counts.shape[1] or counts.shape[0] < 2:
        raise ValueError(f"counts must be a square C × C array (C ≥ 2); got {counts.shape}")
    labels = [str(k) for k in range(counts.shape[0])]
    figure = go.Figure(
        go.Heatmap(
            x=labels,
            y=labels,
            z=counts,
            text=counts,
            texttemplate="%{text}",
            textfont={"size": FONT_SIZE + 4},
            colorscale=[[0, "#ffffff"], [1, CLASS_COLORS[0]]],
            showscale=False,
            hovertemplate="true %{y}, predicted %{x}: %{z}<extra></extra>",
        )
    )
    layout = base_layout("Confusion matrix (dev)", "predicted class", "true class", height=400)
    layout["yaxis"] |= {"autorange": "reversed", "type": "category"}
    layout["xaxis"] |= {"type": "category", "side": "bottom"}
    figure.update_layout(**layout)
    return figure


def reduction_maps(
    net: Any, twin: Any, X: np.ndarray, resolution: int = 60
) -> tuple[go.Figure, float]:
    """The 2-class softmax's a₁ and its logistic twin's σ(w·a + b) side by side over the plane.

    Returns the figure and the largest difference between the two maps on the grid.
    """
    X = check_matrix("X", X, rows=2)
    xx, yy, grid = boundary_grid(X, resolution=resolution)
    p_softmax = np.asarray(net.forward(grid, training=False))[1]
    p_sigmoid = np.asarray(twin.forward(grid, training=False))[0]
    gap = float(np.max(np.abs(p_softmax - p_sigmoid)))
    layout, refs = grid_layout(1, 2, ["softmax, 2 outputs: a₁", "sigmoid: σ(z₁ − z₀)"], 0.06)
    traces = []
    scale = [
        [0.0, blend_with_white(CLASS_COLORS[0], 0.6)],
        [0.5, "rgb(255,255,255)"],
        [1.0, blend_with_white(CLASS_COLORS[1], 0.6)],
    ]
    for col, p in ((1, p_softmax), (2, p_sigmoid)):
        x_ref, y_ref = refs[col - 1]
        traces.append(
            go.Heatmap(
                xaxis=x_ref,
                yaxis=y_ref,
                x=xx[0],
                y=yy[:, 0],
                z=p.reshape(resolution, resolution).astype(np.float32),
                zmin=0,
                zmax=1,
                colorscale=scale,
                showscale=col == 2,
                colorbar={"title": {"text": "P(y = 1)", "side": "right"}, "thickness": 14},
                hovertemplate="P(y = 1) = %{z:.4f}<extra></extra>",
            )
        )
        layout["xaxis" + x_ref[1:]]["showticklabels"] = False
        layout["yaxis" + y_ref[1:]]["showticklabels"] = False
    figure_layout = panels_layout(
        f"Same map: largest difference {gap:.1e}",
        height=400,
        margin={"l": 20, "r": 20, "t": 90, "b": 20},
    )
    return go.Figure(data=traces, layout=figure_layout | layout), gap
