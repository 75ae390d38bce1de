"""Figures of the mini-batch page: cost per iteration and per epoch, time per epoch, weight paths.

Pure functions from arrays to Plotly figures, in the projector style of
``playground.plotting.style`` (plotly_white, fonts ≥ 14 px, the Okabe-Ito palette).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from types import MappingProxyType

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from playground.engine.config import check_int, check_range
from playground.engine.ewma import ewma
from playground.plotting.axes import plane_layout
from playground.plotting.markers import minimum_marker, start_marker
from playground.plotting.style import (
    CLASS_COLORS,
    FONT_SIZE,
    base_layout,
    fast_figure,
    fast_scatter,
    panels_layout,
    translucent,
)

BATCH_COLORS = MappingProxyType({"full": CLASS_COLORS[0], "1": CLASS_COLORS[2]})
"""Batch gradient descent is blue, SGD green, any other mini-batch size vermillion."""
MINI_BATCH_COLOR = CLASS_COLORS[1]
EPOCH_COST_COLOR = "#222222"
CROWDED = 50
"""From this many mini-batches per epoch their single costs are drawn thin and faint (SGD's
thousands of costs would fill the panel with solid colour)."""
MAX_POINTS = 6000
"""Most points drawn per iteration-cost trace; longer series show every k-th mini-batch."""


def batch_color(bs: str) -> str:
    """The colour of batch size ``bs`` ("full", "1", "8", …) on every figure of the page."""
    return BATCH_COLORS.get(bs, MINI_BATCH_COLOR)


def _check_lengths(name: str, values: Sequence, n: int) -> None:
    if len(values) != n:
        raise ValueError(f"{name} must hold one entry per label ({n}); got {len(values)}")


def iteration_cost_panels(
    labels: Sequence[str],
    iteration_costs: Sequence[Sequence[float]],
    epoch_costs: Sequence[Sequence[float]],
    iterations_per_epoch: Sequence[int],
    colors: Sequence[str] | None = None,
    max_points: int = MAX_POINTS,
) -> go.Figure:
    """One panel per batch size: the cost J^{t} of every mini-batch t, and the epoch cost.

    The cost axis is linear, shared, from 0 to just above the highest epoch cost or the 99th
    percentile of the mini-batch costs, whichever is higher (rare higher spikes leave the top).

    Mini-batch t is drawn at x = t / ⌈m / batch⌉ (in epochs), so all panels share an epoch axis;
    the epoch cost (mean of J^{t} over the epoch's examples) is drawn at x = 1, 2, ….

    Parameters
    ----------
    labels : names of the runs (panel titles).
    iteration_costs : per run, the cost of every mini-batch (``History.iteration_cost``).
    epoch_costs : per run, the cost of every epoch (``History.train_cost``).
    iterations_per_epoch : per run, ⌈m / batch⌉, at least 1.
    colors : per run, a colour; defaults to the palette in order.
    max_points : most points per mini-batch trace, in [100, 100 000]; longer series keep every
        k-th point (k = ⌈n / max_points⌉) and say so in the legend.

    Returns
    -------
    go.Figure
        Per panel p (1-based): trace "J{t} of each mini-batch" then "epoch cost", on axes
        x{p}/y{p}; a shared linear cost axis.
    """
    n = len(labels)
    check_int("number of labels", n, 1, 6)
    _check_lengths("iteration_costs", iteration_costs, n)
    _check_lengths("epoch_costs", epoch_costs, n)
    _check_lengths("iterations_per_epoch", iterations_per_epoch, n)
    max_points = check_int("max_points", max_points, 100, 100_000)
    colors = list(colors) if colors is not None else list(CLASS_COLORS[:n])
    _check_lengths("colors", colors, n)
    per_epoch = [
        check_int(f"iterations_per_epoch[{i}]", k, 1) for i, k in enumerate(iterations_per_epoch)
    ]
    titles = [
        f"{label}<br>{k:,} update{'s' if k > 1 else ''} per epoch"
        for label, k in zip(labels, per_epoch, strict=True)
    ]
    figure = make_subplots(
        rows=1, cols=n, shared_yaxes=True, subplot_titles=titles, horizontal_spacing=0.04
    )
    everything = []
    for p, (costs, epochs, k, color) in enumerate(
        zip(iteration_costs, epoch_costs, per_epoch, colors, strict=True), start=1
    ):
        costs = np.asarray(costs, dtype=np.float64).ravel()
        epochs = np.asarray(epochs, dtype=np.float64).ravel()
        for trace in _cost_traces(costs, epochs, k, color, max_points, legend=p == 1):
            figure.add_trace(trace, row=1, col=p)
        everything += [costs, epochs]
        figure.update_xaxes(title_text="epoch", row=1, col=p)
    layout = panels_layout(
        "Cost per mini-batch and per epoch",
        height=460,
        margin={"l": 70, "r": 20, "t": 140, "b": 60},
        legend_y=-0.2,
    )
    figure.update_layout(layout)
    figure.update_annotations(font_size=FONT_SIZE)
    figure.update_yaxes(range=[0.0, _cost_ceiling(everything)], row=1, col=1)
    figure.update_yaxes(title_text="cost J", row=1, col=1)
    return figure


def smoothing_beta(k: int) -> float:
    """β of the EWMA drawn over a run's mini-batch costs: an average over about one epoch's
    k mini-batches (β = 1 − 1/k), between 0.9 (10 mini-batches) and 0.99 (100)."""
    return min(max(1.0 - 1.0 / k, 0.9), 0.99)


def _cost_traces(
    costs: np.ndarray, epochs: np.ndarray, k: int, color: str, max_points: int, legend: bool
) -> list[go.Scatter]:
    """One run's panel: J{t} of every mini-batch t at x = t / k (every stride-th if there are
    more than ``max_points``), thin and faint when there are many; over it, with several
    mini-batches per epoch, their bias-corrected EWMA (see :func:`smoothing_beta`), which
    reads where a solid band of single costs does not; then the epoch cost at x = 1, 2, …"""
    stride = max(1, math.ceil(costs.size / max_points))
    t = np.arange(1, costs.size + 1)[::stride]
    name = "J{t} of each mini-batch" + (f" (every {stride}th)" if stride > 1 else "")
    faint = k >= CROWDED
    minibatches = go.Scatter(
        x=t / k,
        y=costs[::stride],
        mode="lines" if k > 1 else "lines+markers",
        name=name,
        legendgroup="iteration",
        showlegend=legend,
        line={"color": translucent(color, 0.18 if faint else 0.55), "width": 0.8 if faint else 1.5},
        marker={"size": 6, "color": color},
        hovertemplate="mini-batch %{customdata}<br>J = %{y:.3g}<extra></extra>",
        customdata=t,
    )
    epoch_cost = go.Scatter(
        x=np.arange(1, epochs.size + 1),
        y=epochs,
        mode="lines",
        name="epoch cost (mean)",
        legendgroup="epoch",
        showlegend=legend,
        line={"color": EPOCH_COST_COLOR, "width": 3},
        hovertemplate="epoch %{x}<br>J = %{y:.4g}<extra></extra>",
    )
    if k == 1:
        return [minibatches, epoch_cost]
    return [minibatches, _smoothed(t, costs[::stride], k, stride, color), epoch_cost]


def _smoothed(t: np.ndarray, drawn: np.ndarray, k: int, stride: int, color: str) -> go.Scatter:
    """The bias-corrected EWMA of the drawn mini-batch costs, up to the first non-finite one
    (β^stride per drawn point: the same window in mini-batches)."""
    beta = smoothing_beta(k)
    finite = int(np.argmin(np.isfinite(drawn))) if not np.isfinite(drawn).all() else drawn.size
    smooth = np.full(drawn.size, np.nan)
    if finite:
        smooth[:finite] = ewma(drawn[:finite], beta**stride, bias_correction=True)
    return go.Scatter(
        x=t / k,
        y=smooth,
        mode="lines",
        name=f"EWMA of J{{t}}, β = {beta:.2g}",
        line={"color": color, "width": 2.5},
        hovertemplate="mini-batch %{customdata}<br>EWMA J = %{y:.3g}<extra></extra>",
        customdata=t,
    )


def _cost_ceiling(series: list[np.ndarray]) -> float:
    """Top of the cost axis: above every epoch cost and 99 % of the mini-batch costs, so a few
    single-example spikes (SGD's cost of one misclassified point can reach 5 or more) leave the
    top of the panel instead of flattening everything else."""
    iteration = np.concatenate(series[0::2]) if series else np.zeros(0)
    epoch = np.concatenate(series[1::2]) if series else np.zeros(0)
    iteration, epoch = iteration[np.isfinite(iteration)], epoch[np.isfinite(epoch)]
    top = max(
        float(epoch.max()) * 1.15 if epoch.size else 0.0,
        float(np.quantile(iteration, 0.99)) if iteration.size else 0.0,
    )
    return top if top > 0 else 1.0


def epoch_time_bars(
    labels: Sequence[str],
    seconds_per_epoch: Sequence[float],
    iterations_per_epoch: Sequence[int],
    colors: Sequence[str] | None = None,
) -> go.Figure:
    """Horizontal bars: measured wall time per epoch of each run, in milliseconds.

    Parameters
    ----------
    labels : names of the runs.
    seconds_per_epoch : per run, measured seconds per epoch (NaN: not trained yet, no bar).
    iterations_per_epoch : per run, ⌈m / batch⌉ (written next to the bar).
    colors : per run, a colour; defaults to the palette in order.

    Returns
    -------
    go.Figure
        One ``Bar`` trace "time per epoch", y = labels (first on top), x = milliseconds.
    """
    n = len(labels)
    check_int("number of labels", n, 1, 6)
    _check_lengths("seconds_per_epoch", seconds_per_epoch, n)
    _check_lengths("iterations_per_epoch", iterations_per_epoch, n)
    colors = list(colors) if colors is not None else list(CLASS_COLORS[:n])
    _check_lengths("colors", colors, n)
    ms = np.array(
        [
            math.nan if math.isnan(s) else 1000 * check_range(f"seconds_per_epoch[{i}]", s, 0, 1e6)
            for i, s in enumerate(seconds_per_epoch)
        ]
    )
    text = [
        "" if math.isnan(t) else f"{t:.3g} ms · {k:,} update{'s' if k != 1 else ''}"
        for t, k in zip(ms, iterations_per_epoch, strict=True)
    ]
    bar = go.Bar(
        x=ms,
        y=list(labels),
        orientation="h",
        name="time per epoch",
        marker={"color": colors},
        text=text,
        textposition="outside",
        cliponaxis=False,
        textfont={"size": FONT_SIZE},
        hovertemplate="%{y}<br>%{x:.3g} ms per epoch<extra></extra>",
    )
    layout = base_layout("Measured wall time per epoch", "milliseconds per epoch", "")
    finite = ms[np.isfinite(ms)]
    top = float(finite.max()) if finite.size else 1.0
    layout["xaxis"].update(range=[0, top * 1.6 if top > 0 else 1.0], rangemode="tozero")
    layout["yaxis"].update(autorange="reversed")
    layout.update(
        height=110 + 70 * n, showlegend=False, margin={"l": 150, "r": 30, "t": 60, "b": 60}
    )
    return go.Figure(data=[bar], layout=layout)


def weight_paths(
    w1: np.ndarray,
    w2: np.ndarray,
    J: np.ndarray,
    paths: Mapping[str, np.ndarray],
    minimum: Sequence[float] | None = None,
    colors: Sequence[str] | None = None,
    title: str = "Paths of (w₁, w₂) on the cost J(w₁, w₂)",
) -> go.Figure:
    """Contour of J(w₁, w₂) with the path of (w₁, w₂) of each run, start and end marked.

    Parameters
    ----------
    w1, w2 : grid values, shapes (r,) and (s,), increasing.
    J : costs, J[i, j] = J(w1[j], w2[i]), shape (s, r).
    paths : label → (w₁, w₂) before training and after every update, shape (k, 2); rows with
        NaN/inf are left out.
    minimum : w* (drawn as a star if given and finite).
    colors : per path, a colour; defaults to the palette in order.
    title : figure title.

    Returns
    -------
    go.Figure
        Trace 0 "J" (a ``Contour``), then per path a line trace named by its label (drawn
        last-to-first, so the first label is on top) and an end marker "<label> end", then
        "start" and, if given, "w* (minimum)".
    """
    w1 = np.asarray(w1, dtype=np.float64).ravel()
    w2 = np.asarray(w2, dtype=np.float64).ravel()
    J = np.asarray(J, dtype=np.float64)
    if J.shape != (w2.size, w1.size):
        raise ValueError(
            f"J must have shape (len(w2), len(w1)) = {(w2.size, w1.size)}; got {J.shape}"
        )
    if not paths:
        raise ValueError("paths must hold at least one path")
    colors = list(colors) if colors is not None else list(CLASS_COLORS[: len(paths)])
    _check_lengths("colors", colors, len(paths))
    traces: list = [_labelled_contour(w1, w2, J)]
    starts = []
    for (label, path), color in reversed(list(zip(paths.items(), colors, strict=True))):
        path = np.asarray(path, dtype=np.float64)
        if path.ndim != 2 or path.shape[1] != 2:
            raise ValueError(f"paths[{label!r}] must have shape (k, 2); got {path.shape}")
        path = path[np.isfinite(path).all(axis=1)]
        if path.size:
            starts.append(path[0])
            traces += _weight_path(label, path, color)
    if starts:
        hover = "start<br>w₁ = %{x:.2f}<br>w₂ = %{y:.2f}<extra></extra>"
        traces.append(start_marker(*starts[-1], hover=hover))
    if minimum is not None and np.isfinite(np.asarray(minimum, dtype=np.float64)).all():
        hover = "w* (minimum)<br>w₁ = %{x:.3f}<br>w₂ = %{y:.3f}<extra></extra>"
        traces.append(minimum_marker(*minimum, "w* (minimum)", hover))
    return fast_figure(traces, plane_layout(title, "w₁", "w₂", w1, w2, 620))


def _labelled_contour(w1: np.ndarray, w2: np.ndarray, J: np.ndarray) -> go.Contour:
    """J(w₁, w₂) as grey filled contours with their levels written on them."""
    finite = J[np.isfinite(J)]
    low, high = (float(finite.min()), float(finite.max())) if finite.size else (0.0, 1.0)
    return go.Contour(
        x=w1,
        y=w2,
        z=J,
        name="J",
        colorscale=[[0.0, "#ffffff"], [1.0, "#9e9e9e"]],
        contours={"coloring": "fill", "showlabels": True, "labelfont": {"size": 14}},
        line={"color": "#7a7a7a", "width": 1},
        ncontours=18,
        zmin=low,
        zmax=high,
        showscale=False,
        hovertemplate="w₁ = %{x:.2f}<br>w₂ = %{y:.2f}<br>J = %{z:.4f}<extra></extra>",
    )


def _weight_path(label: str, path: np.ndarray, color: str) -> list[go.Scatter]:
    """One run's path of (w₁, w₂) (a dot per step while short) and a cross where it ends."""
    short = path.shape[0] <= 60
    line = fast_scatter(
        x=path[:, 0],
        y=path[:, 1],
        mode="lines+markers" if short else "lines",
        name=label,
        line={"color": color, "width": 3 if short else 1.6},
        marker={"size": 7, "color": color},
        hovertemplate=f"{label}<br>step %{{customdata}}<br>w₁ = %{{x:.3f}}"
        "<br>w₂ = %{y:.3f}<extra></extra>",
        customdata=np.arange(path.shape[0]),
    )
    end = fast_scatter(
        x=[path[-1, 0]],
        y=[path[-1, 1]],
        mode="markers",
        name=f"{label} end",
        showlegend=False,
        marker={
            "symbol": "x",
            "size": 16,
            "color": color,
            "line": {"color": "#ffffff", "width": 1.5},
        },
        hovertemplate=f"{label}: end<br>w₁ = %{{x:.3f}}<br>w₂ = %{{y:.3f}}<extra></extra>",
    )
    return [line, end]
