"""Plotly figures of the optimizer race on a network: cost curves, boundaries, loss landscape.

Styling follows ``playground.plots`` (``plotly_white``, fonts ≥ 14 px, Okabe-Ito colours); each
optimizer keeps the colour, dash and symbol it has on the surfaces page.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

import numpy as np
import plotly.graph_objects as go

from playground.engine.config import check_int, check_labels, check_matrix
from playground.engine.racing import ALL_RACERS, LABELS
from playground.plotting.base import (
    FONT_SIZE,
    _binary_background,
    _layout,
    _log_axis,
    _point_traces,
    boundary_grid,
)
from playground.topics.optimizers_surfaces.figures import (
    OPTIMIZER_COLORS,
    OPTIMIZER_DASHES,
    OPTIMIZER_SYMBOLS,
)

LANDSCAPE_SCALE = "Viridis"


def _check_names(names) -> list[str]:
    names = list(names)
    if not names:
        raise ValueError("expected at least one optimizer")
    unknown = [name for name in names if name not in ALL_RACERS]
    if unknown:
        raise ValueError(f"names must be optimizer names {ALL_RACERS}; got {unknown[0]!r}")
    return names


def cost_race(
    histories: Mapping[str, Any], log_y: bool = True, title: str = "Training cost"
) -> go.Figure:
    """The training cost J per epoch of every optimizer, overlaid.

    Parameters
    ----------
    histories : optimizer name → history with per-epoch lists ``epochs`` and ``train_cost``.
    log_y : logarithmic cost axis.
    title : figure title.

    Returns
    -------
    go.Figure
        One line per optimizer, named by its label (empty before training).
    """
    names = _check_names(histories)
    traces = []
    everything = []
    for name in names:
        history = histories[name]
        epochs = np.asarray(history.epochs, dtype=float)
        cost = np.asarray(history.train_cost, dtype=float)
        if epochs.shape != cost.shape:
            raise ValueError(f"histories[{name!r}] must have one train_cost per epoch")
        everything.append(cost)
        traces.append(
            go.Scatter(
                x=epochs,
                y=cost,
                mode="lines",
                name=LABELS[name],
                line={
                    "color": OPTIMIZER_COLORS[name],
                    "width": 3,
                    "dash": OPTIMIZER_DASHES[name],
                },
                hovertemplate=f"{LABELS[name]}<br>epoch %{{x}}<br>J = %{{y:.4g}}<extra></extra>",
            )
        )
    layout = _layout(title, "epoch", "training cost J", height=460)
    layout["legend"] = {
        "font": {"size": FONT_SIZE},
        "orientation": "h",
        "x": 0.5,
        "xanchor": "center",
        "y": -0.2,
        "yanchor": "top",
    }
    layout["margin"] = {"l": 70, "r": 30, "t": 60, "b": 40}
    if log_y:
        layout["yaxis"].update(_log_axis(np.concatenate(everything)))
    return go.Figure(data=traces, layout=layout)


def boundaries_grid(
    nets: Mapping[str, Any],
    X: np.ndarray,
    Y: np.ndarray,
    subtitles: Mapping[str, str] | None = None,
    resolution: int = 80,
) -> go.Figure:
    """Each optimizer's decision boundary, side by side on a 2 × 2 grid (one row if ≤ 2).

    Parameters
    ----------
    nets : optimizer name → trained network (sigmoid output, 2 inputs): ``forward(X)`` gives
        P(y = 1) of shape (1, m).
    X, Y : the points drawn on every panel, X (2, m) and Y (1, m).
    subtitles : optional name → panel title (default: the optimizer's label).
    resolution : grid points per axis of each panel, in [10, 400] (one forward pass each).

    Returns
    -------
    go.Figure
        Per panel: the P(y = 1) background (a Contour with the 0.5 line), then the points of
        each class; the colour bar and the class legend appear once.
    """
    names = _check_names(nets)
    X = check_matrix("X", X, rows=2)
    Y = check_labels("Y", Y, X.shape[1], 2)
    resolution = check_int("resolution", resolution, 10, 400)
    columns = 2 if len(names) > 1 else 1
    rows = math.ceil(len(names) / columns)
    gap_x, gap_y = 0.1, 0.14
    width = (1.0 - gap_x * (columns - 1)) / columns
    height = (1.0 - gap_y * (rows - 1)) / rows
    xx, yy, grid = boundary_grid(X, resolution=resolution)
    xs, ys = xx[0], yy[:, 0]
    traces: list[Any] = []
    layout = _layout(
        "Decision boundaries",
        "",
        "",
        height=340 * rows + 110,
        margin={"l": 40, "r": 20, "t": 90, "b": 40},
        legend={"orientation": "h", "x": 0.5, "xanchor": "center", "y": -0.04, "yanchor": "top"},
    )
    del layout["xaxis"], layout["yaxis"]
    annotations = []
    for index, name in enumerate(names):
        row, col = index // columns, index % columns
        suffix = "" if index == 0 else str(index + 1)
        x0 = col * (width + gap_x)
        y1 = 1.0 - row * (height + gap_y)
        axis = {"showgrid": False, "constrain": "domain"}
        layout[f"xaxis{suffix}"] = {
            **axis,
            "domain": [max(x0, 0.0), min(x0 + width, 1.0)],
            "range": [xs[0], xs[-1]],
            "anchor": f"y{suffix}",
        }
        layout[f"yaxis{suffix}"] = {
            **axis,
            "domain": [max(y1 - height, 0.0), min(y1, 1.0)],
            "range": [ys[0], ys[-1]],
            "anchor": f"x{suffix}",
        }
        annotations.append(
            {
                "text": (subtitles or {}).get(name, LABELS[name]),
                "xref": "paper",
                "yref": "paper",
                "x": x0 + width / 2,
                "y": y1,
                "xanchor": "center",
                "yanchor": "bottom",
                "showarrow": False,
                "font": {"size": FONT_SIZE},
            }
        )
        probs = np.asarray(nets[name].forward(grid)).reshape(resolution, resolution)
        background = _binary_background(xs, ys, probs)
        background.update(xaxis=f"x{suffix}", yaxis=f"y{suffix}", showscale=index == 0)
        traces.append(background)
        for trace in _point_traces(X, Y, "train", 2):
            trace.update(xaxis=f"x{suffix}", yaxis=f"y{suffix}", showlegend=index == 0)
            trace.marker.size = 6
            traces.append(trace)
    layout["annotations"] = annotations
    return go.Figure(data=traces, layout=layout)


def landscape_figure(landscape: Any, title: str | None = None) -> go.Figure:
    """The cost on the plane as log-spaced contours, with every optimizer's projected path.

    Parameters
    ----------
    landscape : a ``playground.landscape.Landscape`` (alphas, betas, costs (len(betas),
        len(alphas)), paths name → (n, 2) with row 0 the common start, center, method).
    title : figure title.

    Returns
    -------
    go.Figure
        Trace 0 the ``Contour`` of log₁₀ J, then per optimizer its path (named by label) and
        its end marker, then the common start and θ* (the plane's centre).
    """
    costs = np.asarray(landscape.costs, dtype=float)
    alphas, betas = np.asarray(landscape.alphas), np.asarray(landscape.betas)
    if costs.shape != (betas.size, alphas.size):
        raise ValueError(
            f"landscape.costs must have shape ({betas.size}, {alphas.size}); got {costs.shape}"
        )
    names = _check_names(landscape.paths)
    z = np.log10(np.maximum(costs, 1e-12))
    low, high = math.floor(np.nanmin(z) * 4) / 4, math.ceil(np.nanmax(z) * 4) / 4
    ticks = np.arange(math.floor(low), math.ceil(high) + 1)
    fine = [t + s for t in ticks for s in (0.0, np.log10(2), np.log10(5))]
    tickvals = [t for t in fine if low <= t <= high] or [low, high]
    traces: list[Any] = [
        go.Contour(
            x=alphas,
            y=betas,
            z=z.astype(np.float32),
            colorscale=LANDSCAPE_SCALE,
            reversescale=False,
            contours={"start": low, "end": high, "size": max((high - low) / 20, 1e-3)},
            line={"width": 0.5, "color": "rgba(255,255,255,0.5)"},
            colorbar={
                "title": {"text": "cost J", "side": "right"},
                "tickvals": tickvals,
                "ticktext": [f"{10**t:.2g}" for t in tickvals],
                "thickness": 14,
            },
            name="J",
            showlegend=False,
            hovertemplate="a = %{x:.3g}, b = %{y:.3g}<br>log₁₀ J = %{z:.3f}<extra></extra>",
        )
    ]
    for name in names:
        path = np.asarray(landscape.paths[name], dtype=float)
        traces.append(
            go.Scatter(
                x=path[:, 0],
                y=path[:, 1],
                mode="lines",
                name=LABELS[name],
                legendgroup=name,
                line={"color": "#ffffff", "width": 6},
                hoverinfo="skip",
                showlegend=False,
            )
        )
        traces.append(
            go.Scatter(
                x=path[:, 0],
                y=path[:, 1],
                mode="lines",
                name=LABELS[name],
                legendgroup=name,
                line={"color": OPTIMIZER_COLORS[name], "width": 3, "dash": OPTIMIZER_DASHES[name]},
                hovertemplate=f"{LABELS[name]}<br>a = %{{x:.3g}}, b = %{{y:.3g}}<extra></extra>",
            )
        )
        traces.append(
            go.Scatter(
                x=path[-1:, 0],
                y=path[-1:, 1],
                mode="markers",
                name=f"{LABELS[name]} end",
                legendgroup=name,
                showlegend=False,
                marker={
                    "symbol": OPTIMIZER_SYMBOLS[name],
                    "size": 15,
                    "color": OPTIMIZER_COLORS[name],
                    "line": {"color": "#ffffff", "width": 1.5},
                },
                hovertemplate=f"{LABELS[name]}: last recorded θ<extra></extra>",
            )
        )
    start = np.asarray(landscape.paths[names[0]], dtype=float)[0]
    traces.append(
        go.Scatter(
            x=[start[0]],
            y=[start[1]],
            mode="markers",
            name="start θ₀ (all)",
            marker={
                "symbol": "circle",
                "size": 14,
                "color": "#ffffff",
                "line": {"width": 2.5, "color": "#000000"},
            },
            hovertemplate="the common start θ₀<extra></extra>",
        )
    )
    traces.append(
        go.Scatter(
            x=[0.0],
            y=[0.0],
            mode="markers",
            name=f"θ* of {LABELS[landscape.center]}",
            marker={
                "symbol": "x",
                "size": 16,
                "color": "#ffffff",
                "line": {"width": 1.5, "color": "#000000"},
            },
            hovertemplate="θ*, the plane's centre<extra></extra>",
        )
    )
    directions = "principal directions" if landscape.method == "pca" else "random directions"
    layout = _layout(
        title or f"Loss landscape ({directions})",
        "a (along d₁)",
        "b (along d₂)",
        height=560,
        legend={
            "font": {"size": FONT_SIZE},
            "orientation": "h",
            "x": 0.5,
            "xanchor": "center",
            "y": -0.14,
            "yanchor": "top",
        },
        margin={"l": 70, "r": 20, "t": 70, "b": 40},
    )
    layout["xaxis"].update(range=[alphas[0], alphas[-1]], showgrid=False, zeroline=False)
    layout["yaxis"].update(range=[betas[0], betas[-1]], showgrid=False, zeroline=False)
    return go.Figure(data=traces, layout=layout)
