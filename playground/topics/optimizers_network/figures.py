"""Plotly figures of the optimizer race on a network: cost curves, boundaries, loss landscape.

Each optimizer keeps the colour, dash and symbol it has on the surfaces page
(``playground.plotting.optimizer_styles``).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

import numpy as np
import plotly.graph_objects as go

from playground.engine.racing import ALL_RACERS, LABELS
from playground.plotting.axes import log_axis, log_colorbar
from playground.plotting.boundary import boundaries
from playground.plotting.curves import epoch_line
from playground.plotting.markers import minimum_marker, start_marker
from playground.plotting.optimizer_styles import (
    OPTIMIZER_COLORS,
    OPTIMIZER_DASHES,
    OPTIMIZER_SYMBOLS,
)
from playground.plotting.style import base_layout, fast_figure, fast_scatter

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
        color, dash = OPTIMIZER_COLORS[name], OPTIMIZER_DASHES[name]
        traces.append(epoch_line(epochs, cost, LABELS[name], color, y_label="J = ", dash=dash))
    layout = base_layout(title, "epoch", "training cost J", height=460, legend_y=-0.2)
    if log_y:
        layout["yaxis"].update(log_axis(np.concatenate(everything)))
    return fast_figure(traces, layout)


def race_boundaries(
    nets: Mapping[str, Any], X: np.ndarray, Y: np.ndarray, titles: Mapping[str, str]
) -> go.Figure:
    """Each optimizer's decision boundary on a 2 × 2 grid (one row for two), the P(y = 1)
    colour bar beside it: ``playground.plotting.boundary.boundaries`` at 70 × 70 points."""
    _check_names(nets)
    return boundaries(
        nets, X, Y, titles=titles, resolution=70, columns=2, row_height=340, colorbar=True
    )


def run_figures(
    key: tuple, _runs: Mapping[str, Any], subtitles: dict
) -> tuple[go.Figure, go.Figure]:
    """The cost race and the decision boundaries of finished (or untrained) runs, kept for
    every session (``playground.ui.cache.kept``): ``key`` identifies the runs — their training
    settings and the epoch each one reached; training is deterministic, so equal keys mean
    equal networks (``_runs``, not hashed, are those networks)."""
    data = next(iter(_runs.values())).data
    cost = cost_race({name: run.history for name, run in _runs.items()})
    nets = {name: run.net for name, run in _runs.items()}
    boundaries = race_boundaries(nets, data.X_train, data.Y_train, subtitles)
    return cost, boundaries


def landscape_figure(landscape: Any, title: str | None = None) -> go.Figure:
    """The cost on the plane as log-spaced contours, with every optimizer's projected path.

    Parameters
    ----------
    landscape : a ``playground.topics.optimizers_network.loss_landscape.Landscape`` (alphas, betas,
        costs (len(betas), len(alphas)), paths name → (n, 2) with row 0 the common start,
        center, method).
    title : figure title.

    Returns
    -------
    go.Figure
        Trace 0 the ``Contour`` of log₁₀ J, then per optimizer its path (named by label) and
        its end marker, then the common start and θ* (the plane's centre; not drawn before the
        centre run moved, when the start is the centre).
    """
    costs = np.asarray(landscape.costs, dtype=float)
    alphas, betas = np.asarray(landscape.alphas), np.asarray(landscape.betas)
    if costs.shape != (betas.size, alphas.size):
        raise ValueError(
            f"landscape.costs must have shape ({betas.size}, {alphas.size}); got {costs.shape}"
        )
    names = _check_names(landscape.paths)
    traces: list[Any] = [_log_cost_contour(alphas, betas, costs)]
    for name in names:
        traces += _projected_path(name, np.asarray(landscape.paths[name], dtype=float))
    start = np.asarray(landscape.paths[names[0]], dtype=float)[0]
    traces.append(start_marker(*start, "start θ₀ (all)", "the common start θ₀<extra></extra>"))
    if landscape.trained:  # untrained, the centre is the start drawn above
        center = f"θ* of {LABELS[landscape.center]}"
        traces.append(minimum_marker(0.0, 0.0, center, "θ*, the plane's centre<extra></extra>"))
    directions = "principal directions" if landscape.method == "pca" else "random directions"
    layout = base_layout(
        title or f"Loss landscape ({directions})",
        "a (along d₁)",
        "b (along d₂)",
        height=580,
        legend_y=-0.18,
        margin={"l": 70, "r": 20, "t": 70, "b": 60},
    )
    layout["xaxis"].update(range=[alphas[0], alphas[-1]], showgrid=False, zeroline=False)
    layout["yaxis"].update(range=[betas[0], betas[-1]], showgrid=False, zeroline=False)
    return fast_figure(traces, layout)


def _log_cost_contour(alphas: np.ndarray, betas: np.ndarray, costs: np.ndarray) -> go.Contour:
    """log₁₀ J over the plane, its colour bar labelled with J at 1, 2, 5 × 10^k."""
    z = np.log10(np.maximum(costs, 1e-12))
    low, high = math.floor(np.nanmin(z) * 4) / 4, math.ceil(np.nanmax(z) * 4) / 4
    ticks = np.arange(math.floor(low), math.ceil(high) + 1)
    fine = [t + s for t in ticks for s in (0.0, np.log10(2), np.log10(5))]
    tickvals = [t for t in fine if low <= t <= high] or [low, high]
    return go.Contour(
        x=alphas,
        y=betas,
        z=z.astype(np.float32),
        colorscale=LANDSCAPE_SCALE,
        reversescale=False,
        contours={"start": low, "end": high, "size": max((high - low) / 20, 1e-3)},
        line={"width": 0.5, "color": "rgba(255,255,255,0.5)"},
        colorbar=log_colorbar("cost J", tickvals, ".2g"),
        name="J",
        showlegend=False,
        hovertemplate="a = %{x:.3g}, b = %{y:.3g}<br>log₁₀ J = %{z:.3f}<extra></extra>",
    )


def _projected_path(name: str, path: np.ndarray) -> list[go.Scatter]:
    """One optimizer's path on the plane: a white halo, the line in its colour and dash, and a
    marker in its symbol where it ends (one legend entry for the three)."""
    label = LABELS[name]
    halo = fast_scatter(
        x=path[:, 0],
        y=path[:, 1],
        mode="lines",
        name=label,
        legendgroup=name,
        line={"color": "#ffffff", "width": 6},
        hoverinfo="skip",
        showlegend=False,
    )
    line = fast_scatter(
        x=path[:, 0],
        y=path[:, 1],
        mode="lines",
        name=label,
        legendgroup=name,
        line={"color": OPTIMIZER_COLORS[name], "width": 3, "dash": OPTIMIZER_DASHES[name]},
        hovertemplate=f"{label}<br>a = %{{x:.3g}}, b = %{{y:.3g}}<extra></extra>",
    )
    end = fast_scatter(
        x=path[-1:, 0],
        y=path[-1:, 1],
        mode="markers",
        name=f"{label} end",
        legendgroup=name,
        showlegend=False,
        marker={
            "symbol": OPTIMIZER_SYMBOLS[name],
            "size": 15,
            "color": OPTIMIZER_COLORS[name],
            "line": {"color": "#ffffff", "width": 1.5},
        },
        hovertemplate=f"{label}: last recorded θ<extra></extra>",
    )
    return [halo, line, end]
