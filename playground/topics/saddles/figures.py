"""Figures of the saddle-points page: optimizer paths, J per step, and random-Hessian counts.

Pure functions from the results of ``escaping`` and ``hessians`` in this folder (``Escape`` and
``HessianCensus``, read by duck typing) to Plotly figures, in the projector style of
``playground.plotting.style`` (plotly_white, fonts ≥ 14 px, the Okabe-Ito palette).
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import plotly.graph_objects as go

from playground.engine.config import check_int
from playground.plotting.axes import log_axis, note, plane_layout, reference_line
from playground.plotting.markers import landmark, minimum_marker, start_marker
from playground.plotting.optimizer_styles import OPTIMIZER_COLORS
from playground.plotting.style import CLASS_COLORS, FONT_SIZE, base_layout
from playground.topics.saddles.escaping import LABELS
from playground.topics.saddles.hessians import coin_flip_index, coin_flip_minima

COLORS = OPTIMIZER_COLORS | {"momentum_sum": CLASS_COLORS[4]}
"""One colour per racer, as on the optimizer pages; momentum without (1 − β) orange."""
DASHES = {"momentum": "dash", "momentum_sum": "dot", "adam": "dash"}
"""Momentum and Adam are dashed (momentum without (1 − β) dotted), so a path or curve lying on
another one still shows."""
MARK_COLOR = "#222222"
CONTOUR_SCALE = [[0.0, "rgb(205,205,205)"], [1.0, "rgb(255,255,255)"]]
"""Light grey (low J) to white (high J), so the coloured paths stand out."""
RESOLUTION = 140
"""Grid points per axis of the contour."""


def _color(name: str) -> str:
    return COLORS.get(name, MARK_COLOR)


def _dash(name: str) -> str:
    return DASHES.get(name, "solid")


def _hline(y: float, text: str, dash: str) -> dict[str, Any]:
    return reference_line(y=y, color=MARK_COLOR, dash=dash) | {
        "label": {
            "text": text,
            "textposition": "end",
            "yanchor": "bottom",
            "font": {"size": FONT_SIZE - 2},
        },
    }


def paths_figure(escape: Any) -> go.Figure:
    """The surface's contours with every optimizer's path from the common start.

    Parameters
    ----------
    escape : object
        With ``field`` (the surface: ``grid(resolution)``, ``bounds``, ``minima``,
        ``formula``), ``stall`` (``point``), ``start`` and ``runs`` (name → run with ``path``
        of shape (steps + 1, 2) and ``escaped_at``).

    Returns
    -------
    go.Figure
        Trace 0 the contour "J"; then per run a line+marker trace named after the optimizer
        and, if it escaped, a ring "… escapes" at that step; then "start", and the saddle
        point or the minimum.
    """
    surface = escape.field
    traces: list[Any] = [_contour(*surface.grid(RESOLUTION))]
    for name, run in escape.runs.items():
        traces += _path(name, run)
    traces.append(start_marker(*escape.start, hover="start (%{x:.3g}, %{y:.3g})<extra></extra>"))
    if escape.stall.point is not None:
        x, y = escape.stall.point
        saddle = {"symbol": "x", "size": 18, "color": MARK_COLOR}
        traces.append(landmark(x, y, "saddle point", saddle))
    else:
        traces.append(minimum_marker(*surface.minima[0]))
    x_low, x_high, y_low, y_high = surface.bounds
    view = (x_low, x_high), (y_low, y_high)
    layout = plane_layout(surface.formula, "w₁", "w₂", *view, 600, -0.14, showlegend=True)
    return go.Figure(data=traces, layout=layout)


def _contour(xs: np.ndarray, ys: np.ndarray, J: np.ndarray) -> go.Contour:
    """J over the plane, light grey to white, its levels labelled."""
    return go.Contour(
        x=xs,
        y=ys,
        z=J.astype(np.float32),
        name="J",
        colorscale=CONTOUR_SCALE,
        ncontours=24,
        showscale=False,
        line={"color": "rgb(150,150,150)", "width": 1},
        contours={"showlabels": True, "labelfont": {"size": 14, "color": "#555555"}},
        hovertemplate="w₁ = %{x:.2f}<br>w₂ = %{y:.2f}<br>J = %{z:.3g}<extra></extra>",
    )


def _path(name: str, run: Any) -> list[go.Scatter]:
    """One run's path, and a ring where it escaped (if it did)."""
    label = LABELS.get(name, name)
    traces = [
        go.Scatter(
            x=run.path[:, 0],
            y=run.path[:, 1],
            mode="lines+markers",
            name=label,
            legendgroup=name,
            line={"color": _color(name), "width": 3, "dash": _dash(name)},
            marker={"color": _color(name), "size": 5},
            hovertemplate=f"{label}<br>step %{{customdata}}<br>w = (%{{x:.3g}}, %{{y:.3g}})"
            "<extra></extra>",
            customdata=np.arange(run.path.shape[0]),
        )
    ]
    if run.escaped_at is not None:
        point = run.path[run.escaped_at]
        traces.append(
            go.Scatter(
                x=[point[0]],
                y=[point[1]],
                mode="markers",
                name=f"{label} escapes",
                legendgroup=name,
                showlegend=False,
                marker={
                    "symbol": "circle-open",
                    "size": 18,
                    "color": _color(name),
                    "line": {"width": 3},
                },
                hovertemplate=f"{label} escapes at step {run.escaped_at}<extra></extra>",
            )
        )
    return traces


def cost_figure(escape: Any) -> go.Figure:
    """J(w_t) against the step t for every run, with the stall level and the escape line.

    The x axis shows the steps that matter (:func:`shown_steps`). The y axis goes from a little
    below the escape line (J_stall − 4 margins, or the lowest J if higher) to the highest J, so
    a run that plunges off to −∞ leaves through the bottom.

    Returns
    -------
    go.Figure
        One line per run, named after the optimizer; two horizontal shapes: the stall level
        (dotted) and the escape line J_stall − margin (dashed).
    """
    level, margin = escape.stall.level, escape.margin
    traces, highest, lowest = [], level, level - margin
    for name, run in escape.runs.items():
        cost = np.asarray(run.cost, dtype=np.float64)
        finite = cost[np.isfinite(cost)]
        highest = max(highest, float(finite.max()))
        lowest = min(lowest, float(finite.min()))
        label = LABELS.get(name, name)
        traces.append(
            go.Scatter(
                x=np.arange(cost.size),
                y=cost,
                mode="lines",
                name=label,
                line={"color": _color(name), "width": 3, "dash": _dash(name)},
                hovertemplate=f"{label}<br>step %{{x}}<br>J = %{{y:.4g}}<extra></extra>",
            )
        )
    bottom = max(lowest, level - 4 * margin)
    pad = 0.06 * (highest - bottom)
    layout = base_layout("J at every step", "step t", "J(w_t)", height=600, legend_y=-0.14)
    layout["yaxis"]["range"] = [bottom - pad, highest + pad]
    layout["xaxis"]["range"] = [0, shown_steps(escape)]
    layout["shapes"] = [
        _hline(level, f"J = {level:g} at {escape.stall.what}", "dot"),
        _hline(level - margin, f"escaped: J < {level - margin:g}".replace("-", "−"), "dash"),
    ]
    return go.Figure(data=traces, layout=layout)


def shown_steps(escape: Any) -> int:
    """All the steps if a run has not escaped, else up to 1.5 × the last escape (at least 20)."""
    escaped = [run.escaped_at for run in escape.runs.values()]
    if None in escaped:
        return escape.steps
    return min(escape.steps, max(20, math.ceil(1.5 * max(escaped))))


def minima_figure(census: Any) -> go.Figure:
    """Share of random Hessians that are minima against n, log y, next to 2^(−n).

    A dimension where no sample was a minimum is drawn as a ▽ at 1/samples: the true share is
    below it (none of ``samples`` draws).

    Returns
    -------
    go.Figure
        Traces "measured: all eigenvalues > 0", "none found (below 1/samples)" (if any) and
        "coin flips: 2⁻ⁿ".
    """
    dims = np.asarray(census.dims)
    fraction = np.asarray(census.fraction_minima, dtype=np.float64)
    found = fraction > 0
    bound = 1.0 / census.samples
    coin = coin_flip_minima(dims)
    traces = [
        go.Scatter(
            x=dims[found],
            y=fraction[found],
            mode="lines+markers",
            name="measured: all eigenvalues > 0",
            line={"color": CLASS_COLORS[0], "width": 3},
            marker={"size": 11},
            customdata=np.asarray(census.minima)[found],
            hovertemplate=f"n = %{{x}}<br>%{{customdata}} of {census.samples} minima "
            "(%{y:.3g})<extra></extra>",
        )
    ]
    if not found.all():
        traces.append(
            go.Scatter(
                x=dims[~found],
                y=np.full(int((~found).sum()), bound),
                mode="markers",
                name=f"none of {census.samples:,} (share < {bound:.0e})",
                marker={"symbol": "triangle-down-open", "size": 12, "color": CLASS_COLORS[0]},
                hovertemplate=f"n = %{{x}}<br>no minimum in {census.samples} samples"
                "<extra></extra>",
            )
        )
    traces.append(
        go.Scatter(
            x=dims,
            y=coin,
            mode="lines",
            name="coin flips: 2⁻ⁿ",
            line={"color": CLASS_COLORS[1], "width": 3, "dash": "dash"},
            hovertemplate="n = %{x}<br>2⁻ⁿ = %{y:.3g}<extra></extra>",
        )
    )
    layout = base_layout(
        "How often is a critical point a minimum?",
        "dimension n (number of parameters)",
        "share that are minima",
        height=520,
        legend_y=-0.14,
    )
    layout["margin"] = {"l": 80, "r": 30, "t": 70, "b": 60}
    layout["yaxis"].update(log_axis(np.concatenate([fraction[found], coin, [bound]])))
    layout["yaxis"]["tickformat"] = ".0e"
    layout["xaxis"].update(type="log", tickvals=[1, 2, 5, 10, 20, 50, 100])
    return go.Figure(data=traces, layout=layout)


def downhill_figure(census: Any, n: int | None = None) -> go.Figure:
    """For one dimension n: the share of random Hessians with k negative eigenvalues, k = 0 … n.

    k = 0 is a minimum, k = n a maximum, anything between a saddle with k downhill directions.
    The dashed line is Binomial(n, ½), what independent coin flips would give.

    Returns
    -------
    go.Figure
        Traces "random Hessians" (bars) and "coin flips: Binomial(n, ½)".
    """
    dims = [int(d) for d in census.dims]
    n = dims[-1] if n is None else check_int("n", n, 1)
    if n not in dims:
        raise ValueError(f"n must be one of the census's dimensions {dims}; got {n}")
    counts = np.asarray(census.index_counts[dims.index(n)], dtype=np.float64)
    share = counts / census.samples
    k = np.arange(n + 1)
    traces = [
        go.Bar(
            x=k,
            y=share,
            name="random Hessians",
            marker={"color": CLASS_COLORS[0], "line": {"width": 0}},
            customdata=counts.astype(np.int64),
            hovertemplate="%{x} downhill directions<br>%{customdata} samples (%{y:.2%})"
            "<extra></extra>",
        ),
        go.Scatter(
            x=k,
            y=coin_flip_index(n),
            mode="lines",
            name="coin flips: Binomial(n, ½)",
            line={"color": CLASS_COLORS[1], "width": 3, "dash": "dash"},
            hovertemplate="k = %{x}<br>%{y:.2%}<extra></extra>",
        ),
    ]
    layout = base_layout(
        f"n = {n}: how many directions go downhill?",
        "k = number of negative eigenvalues",
        "share of samples",
        height=520,
        legend_y=-0.14,
        bargap=0.1 if n <= 30 else 0,
    )
    layout["margin"] = {"l": 80, "r": 30, "t": 70, "b": 60}
    layout["yaxis"]["tickformat"] = ".0%"
    layout["xaxis"]["range"] = [-0.7, n + 0.7]
    edge = f"minimum: {int(counts[0])} · maximum: {int(counts[-1])} of {census.samples:,}"
    layout["annotations"] = [note(edge, 0.0, 1.0, size=FONT_SIZE - 1)]
    return go.Figure(data=traces, layout=layout)
