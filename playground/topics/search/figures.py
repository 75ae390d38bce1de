"""Figures of the hyperparameter-search page: grid vs random points, sampling by decade, the
coarse-to-fine boxes, dev accuracy against each hyperparameter and parallel coordinates.

Pure functions from plain data to Plotly figures, in the projector style of
``playground.plotting.style`` (plotly_white, fonts ≥ 14 px, colour-blind-safe palettes). A searched
hyperparameter is described by a ``playground.engine.tuning.Range`` (name, low, high, scale): a
"log" range is drawn on a log axis, a "one_minus_log" range (β) on a log axis of 1 − β, reversed so
that β grows to the right and labelled with β itself.

A round of trials is passed as ``(configs, accuracy, diverged)``: the configurations (dicts by
hyperparameter name), the dev accuracy of each (NaN until trained) and whether each diverged.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import plotly.graph_objects as go

from playground.engine.tuning import Range
from playground.plotting.panels import grid_layout
from playground.plotting.style import (
    CLASS_COLORS,
    FONT_SIZE,
    base_layout,
    horizontal_legend,
    panels_layout,
    value_bars,
)

Points = tuple[Sequence[dict], Sequence[float], Sequence[bool]]
"""One round: configurations, dev accuracy (NaN = not trained yet), diverged flags."""

ROUND_STYLES = {
    "grid": (CLASS_COLORS[0], "square"),
    "random": (CLASS_COLORS[1], "circle"),
    "zoom 1": (CLASS_COLORS[2], "diamond"),
    "zoom 2": (CLASS_COLORS[3], "triangle-up"),
    "zoom 3": (CLASS_COLORS[4], "star"),
}
"""(colour, marker symbol) of each round, the same on every figure."""
_OTHER = ("#777777", "circle")
UNTRAINED = "#9a9a9a"
DIVERGED = "#000000"
ACCURACY_SCALE = "Viridis"
"""Colour scale of dev accuracy (perceptually uniform, colour-blind safe)."""
MARKER_SIZE = 11


def round_style(name: str) -> tuple[str, str]:
    """(colour, symbol) of round ``name`` (grey circles for an unknown name)."""
    return ROUND_STYLES.get(name, _OTHER)


# -- axes -----------------------------------------------------------------------------------


def plotted(r: Range, values: Sequence[float]) -> np.ndarray:
    """What is plotted for ``values``: 1 − β on a one_minus_log range, the values otherwise."""
    array = np.asarray(values, dtype=float)
    return 1.0 - array if r.scale == "one_minus_log" else array


def _decade_ticks(low: float, high: float) -> list[float]:
    """Powers of ten within [low, high], plus each end that lies over a quarter of a decade
    from the nearest of them (so the range's own ends are labelled too)."""
    first, last = math.floor(math.log10(low) + 1e-9), math.ceil(math.log10(high) - 1e-9)
    ticks = [10.0**k for k in range(first, last + 1) if low * 0.999 <= 10.0**k <= high * 1.001]
    for end in (low, high):
        if all(abs(math.log10(end / t)) > 0.25 for t in ticks):
            ticks.append(end)
    return sorted(ticks)


def range_axis(r: Range, label: str) -> dict[str, Any]:
    """Axis settings for range ``r`` (a title, log type and ticks as the scale needs)."""
    if r.scale == "log":
        ticks = _decade_ticks(r.low, r.high)
        return {
            "title": {"text": f"{label} (log scale)" if label else ""},
            "type": "log",
            "tickvals": ticks,
            "ticktext": [f"{t:g}" for t in ticks],
        }
    if r.scale == "one_minus_log":
        low, high = 1.0 - r.high, 1.0 - r.low
        ticks = _decade_ticks(low, high)
        return {
            "title": {"text": f"{label} (log scale of 1 − {label})" if label else ""},
            "type": "log",
            "autorange": "reversed",
            "tickvals": ticks,
            "ticktext": [f"{1 - t:.6g}" for t in ticks],
        }
    return {"title": {"text": label}}


def _label(labels: Mapping[str, str], name: str) -> str:
    return labels.get(name, name)


def _marker(
    accuracy: np.ndarray, diverged: np.ndarray, color_by_accuracy: bool, color: str
) -> dict[str, Any]:
    trained = np.isfinite(accuracy) & ~diverged
    if color_by_accuracy and trained.any():
        colors = np.where(trained, accuracy, np.nan)
        return {
            "color": colors,
            "colorscale": ACCURACY_SCALE,
            "cmin": 0.5,
            "cmax": 1.0,
            "size": MARKER_SIZE,
            "line": {"color": "#333333", "width": 1},
        }
    return {"color": color if trained.any() else UNTRAINED, "size": MARKER_SIZE}


# -- grid vs random -------------------------------------------------------------------------


def sample_plane(
    rounds: Mapping[str, Points],
    space: Sequence[Range],
    labels: Mapping[str, str],
    distinct: Mapping[str, int],
) -> go.Figure:
    """Grid vs random side by side: the trials in the plane of the first two hyperparameters,
    with a strip below showing which values of the first one (α) each sampler tries.

    Parameters
    ----------
    rounds : mapping of str to (configs, accuracy, diverged)
        One panel per round, e.g. {"grid": …, "random": …}.
    space : sequence of Range
        The searched hyperparameters; the first is on x, the second (if any) on y.
    labels : mapping of str to str
        Axis label by hyperparameter name (e.g. "learning_rate" → "α").
    distinct : mapping of str to int
        Distinct values of the first hyperparameter per round, shown in the panel titles.

    Returns
    -------
    go.Figure
        Trained trials are coloured by dev accuracy (Viridis), untrained ones grey, diverged
        ones black crosses.
    """
    if not rounds:
        raise ValueError("rounds must hold at least one round")
    if not space:
        raise ValueError("space must hold at least one Range")
    names = list(rounds)
    x_range, y_range = space[0], (space[1] if len(space) > 1 else None)
    x_label = _label(labels, x_range.name)
    titles = [
        f"{name}: {len(rounds[name][0])} trials, {distinct[name]} distinct {x_label}"
        for name in names
    ]
    rows = 2 if y_range is not None else 1
    axes, refs = grid_layout(rows, len(names), titles, 0.06, 0.08, heights=[0.8, 0.2][:rows])
    traces: list[dict] = []
    colorbar = True  # on the first round coloured by accuracy
    for col, name in enumerate(names):
        configs, accuracy, diverged = rounds[name]
        accuracy, diverged = np.asarray(accuracy, dtype=float), np.asarray(diverged, dtype=bool)
        x = plotted(x_range, [c[x_range.name] for c in configs])
        strip = refs[col + (rows - 1) * len(names)]  # the panel of the bottom row
        if y_range is not None:
            y = plotted(y_range, [c[y_range.name] for c in configs])
            marker = _marker(accuracy, diverged, True, round_style(name)[0])
            if "colorscale" in marker and colorbar:
                title = {"text": "dev accuracy", "side": "right"}
                marker |= {"colorbar": {"title": title, "tickformat": ".0%"}, "showscale": True}
                colorbar = False
            hover = [
                _hover(*trial, labels) for trial in zip(configs, accuracy, diverged, strict=True)
            ]
            traces += _trials(name, x, y, diverged, marker, hover, refs[col])
            y_label = _label(labels, y_range.name) if col == 0 else ""
            _plane_axes(axes, refs[col], strip[0], x_range, y_range, y_label)
        traces.append(_values_tried(name, x, x_label, strip))
        _strip_axes(axes, strip, x_range, x_label, col == 0)
    layout = panels_layout(
        "Grid vs random search on the same budget",
        height=520 if rows == 2 else 300,
        margin={"l": 90, "r": 30, "t": 90, "b": 70},
    )
    return go.Figure(data=traces, layout=layout | axes)


def _trials(
    name: str,
    x: np.ndarray,
    y: np.ndarray,
    diverged: np.ndarray,
    marker: dict[str, Any],
    hover: list[str],
    axes: tuple[str, str],
) -> list[dict]:
    """One round's trials in the plane, and black crosses over the diverged ones."""
    symbol = round_style(name)[1]
    trials = {
        "type": "scatter",
        "x": x,
        "y": y,
        "xaxis": axes[0],
        "yaxis": axes[1],
        "mode": "markers",
        "name": name,
        "marker": marker | {"symbol": symbol},
        "text": hover,
        "hovertemplate": "%{text}<extra></extra>",
        "showlegend": False,
    }
    return [trials, *_diverged(x, y, diverged, *axes)]


def _values_tried(name: str, x: np.ndarray, x_label: str, axes: tuple[str, str]) -> dict:
    """A tick at each distinct value of the first hyperparameter a round tries."""
    distinct_x = np.unique(x)
    return {
        "type": "scatter",
        "x": distinct_x,
        "y": np.zeros(distinct_x.size),
        "xaxis": axes[0],
        "yaxis": axes[1],
        "mode": "markers",
        "name": f"{name}: {x_label} values",
        "marker": {
            "symbol": "line-ns-open",
            "size": 26,
            "line": {"width": 3},
            "color": round_style(name)[0],
        },
        "hovertemplate": f"{x_label} = %{{x:.3g}}<extra></extra>",
        "showlegend": False,
    }


def _plane_axes(
    layout: dict[str, Any],
    plane: tuple[str, str],
    strip_x: str,
    x_range: Range,
    y_range: Range,
    y_label: str,
) -> None:
    """The plane's axes: x matched to the strip below, which carries its tick labels; y titled
    ``y_label`` in the first column, matched to it (without tick labels) in the others."""
    x_axis, y_axis = layout["xaxis" + plane[0][1:]], layout["yaxis" + plane[1][1:]]
    x_axis.update(range_axis(x_range, ""), matches=strip_x, showticklabels=False)
    y_axis.update(range_axis(y_range, y_label))
    if plane[1] != "y":
        y_axis.update(matches="y", showticklabels=False)


def _strip_axes(
    layout: dict[str, Any], strip: tuple[str, str], x_range: Range, x_label: str, first: bool
) -> None:
    """The strip's axes: x on the range's scale, y hidden (titled in the first column)."""
    layout["xaxis" + strip[0][1:]].update(range_axis(x_range, x_label))
    layout["yaxis" + strip[1][1:]].update(
        showticklabels=False,
        range=[-1, 1],
        showgrid=False,
        zeroline=False,
        title={"text": f"{x_label} tried" if first else ""},
    )


def _hover(config: dict, accuracy: float, diverged: bool, labels: Mapping[str, str]) -> str:
    parts = [f"{_label(labels, name)} = {value:.4g}" for name, value in config.items()]
    if diverged:
        parts.append("diverged")
    elif np.isfinite(accuracy):
        parts.append(f"dev accuracy {accuracy:.1%}")
    return "<br>".join(parts)


def _diverged(
    x: np.ndarray, y: np.ndarray, diverged: np.ndarray, xa: str = "x", ya: str = "y"
) -> list[dict]:
    """Black crosses over the diverged trials (none if no trial diverged)."""
    if not diverged.any():
        return []
    return [
        {
            "type": "scatter",
            "x": np.asarray(x)[diverged],
            "y": np.asarray(y)[diverged],
            "xaxis": xa,
            "yaxis": ya,
            "mode": "markers",
            "name": "diverged",
            "marker": {"symbol": "x", "size": MARKER_SIZE + 2, "color": DIVERGED},
            "hovertemplate": "diverged<extra></extra>",
            "showlegend": False,
        }
    ]


# -- sampling on the right scale --------------------------------------------------------------


def decade_bars(edges: Sequence[float], counts: Mapping[str, Sequence[int]]) -> go.Figure:
    """How many samples land in each decade, one bar per sampling: uniform vs log scale.

    Parameters
    ----------
    edges : sequence of float
        Decade edges 10^k, …, 10^K.
    counts : mapping of str to sequence of int
        Counts per decade (len(edges) − 1 each) by sampling name.
    """
    edges = list(edges)
    if len(edges) < 2:
        raise ValueError("edges must hold at least two decade edges")
    ticks = [f"{a:g} – {b:g}" for a, b in zip(edges[:-1], edges[1:], strict=True)]
    colors = [CLASS_COLORS[9], CLASS_COLORS[2], CLASS_COLORS[0]]
    traces = []
    for k, (name, values) in enumerate(counts.items()):
        values = list(values)
        if len(values) != len(ticks):
            raise ValueError(f"counts[{name!r}] must hold {len(ticks)} values; got {len(values)}")
        hover = f"{name}<br>%{{x}}: %{{y}} samples<extra></extra>"
        traces.append(value_bars(ticks, values, name, colors[k % len(colors)], values, hover))
    total = max((sum(v) for v in counts.values()), default=0)
    layout = base_layout(f"{total} samples of α: how many per decade", "α between", "samples")
    layout.update(
        barmode="group",
        height=440,
        legend=horizontal_legend(1.02, yanchor="bottom"),  # above: the ticks take two lines
    )
    layout["margin"]["t"] = 140
    layout["title"].update(y=0.98, yanchor="top")  # the legend has the room above the plot
    layout["xaxis"].update(tickvals=ticks, ticktext=[t.replace(" – ", " –<br>") for t in ticks])
    layout["yaxis"]["range"] = [0, max(1, max((max(v) for v in counts.values()), default=1)) * 1.18]
    return go.Figure(data=traces, layout=layout)


# -- coarse to fine -------------------------------------------------------------------------


def zoom_plane(
    rounds: Mapping[str, Points],
    space: Sequence[Range],
    boxes: Sequence[Sequence[Range]],
    labels: Mapping[str, str],
) -> go.Figure:
    """Every round's trials in the plane of the first two hyperparameters (or α against dev
    accuracy for a one-dimensional search), with each zoom round's box drawn around them."""
    if not rounds:
        raise ValueError("rounds must hold at least one round")
    x_range = space[0]
    y_range = space[1] if len(space) > 1 else None
    fig = go.Figure()
    for name, (configs, accuracy, diverged) in rounds.items():
        accuracy = np.asarray(accuracy, dtype=float)
        diverged = np.asarray(diverged, dtype=bool)
        color, symbol = round_style(name)
        x = plotted(x_range, [c[x_range.name] for c in configs])
        if y_range is not None:
            y = plotted(y_range, [c[y_range.name] for c in configs])
        else:
            y = np.where(diverged, 0.0, accuracy)
        fig.add_trace(
            go.Scatter(
                x=x,
                y=y,
                mode="markers",
                name=name,
                marker={"color": color, "symbol": symbol, "size": MARKER_SIZE, "opacity": 0.85},
                text=[
                    _hover(c, a, d, labels)
                    for c, a, d in zip(configs, accuracy, diverged, strict=True)
                ],
                hovertemplate="%{text}<extra></extra>",
            )
        )
    for k, box in enumerate(boxes, start=1):
        bx = plotted(x_range, [box[0].low, box[0].high])
        if y_range is not None:
            by = plotted(y_range, [box[1].low, box[1].high])
        else:
            by = np.array([0.0, 1.0])
        color = round_style(f"zoom {k}")[0]
        fig.add_trace(
            go.Scatter(
                x=[bx[0], bx[1], bx[1], bx[0], bx[0]],
                y=[by[0], by[0], by[1], by[1], by[0]],
                mode="lines",
                name=f"box of zoom {k}",
                line={"color": color, "width": 3, "dash": "dash"},
                hoverinfo="skip",
            )
        )
    x_label = _label(labels, x_range.name)
    y_label = _label(labels, y_range.name) if y_range is not None else "dev accuracy"
    layout = base_layout("Coarse to fine: each round samples inside the box", "", "")
    layout["xaxis"] = range_axis(x_range, x_label)
    layout["yaxis"] = (
        range_axis(y_range, y_label)
        if y_range is not None
        else {
            "title": {"text": y_label},
            "tickformat": ".0%",
        }
    )
    layout.update(height=480, legend=horizontal_legend(-0.22, yanchor="auto"))
    layout["margin"] = {"l": 90, "r": 30, "t": 70, "b": 90}
    fig.update_layout(layout)
    return fig


# -- results --------------------------------------------------------------------------------


def accuracy_vs_params(
    rounds: Mapping[str, Points], space: Sequence[Range], labels: Mapping[str, str]
) -> go.Figure:
    """Dev accuracy against each searched hyperparameter, one panel each (3 per row), points
    coloured by round; diverged trials are black crosses at 0."""
    if not space:
        raise ValueError("space must hold at least one Range")
    n = len(space)
    cols = min(n, 3)
    rows = math.ceil(n / cols)
    axes, refs = grid_layout(rows, cols, (), 0.05, 0.2)
    traces: list[dict] = []
    for name, (configs, accuracy, diverged) in rounds.items():
        accuracy = np.asarray(accuracy, dtype=float)
        diverged = np.asarray(diverged, dtype=bool)
        keep = np.isfinite(accuracy) & ~diverged
        color, symbol = round_style(name)
        for k, r in enumerate(space):
            xa, ya = refs[k]
            x = plotted(r, [c[r.name] for c in configs])
            traces.append(
                {
                    "type": "scatter",
                    "x": x[keep],
                    "y": accuracy[keep],
                    "xaxis": xa,
                    "yaxis": ya,
                    "mode": "markers",
                    "name": name,
                    "legendgroup": name,
                    "showlegend": k == 0,
                    "marker": {
                        "color": color,
                        "symbol": symbol,
                        "size": MARKER_SIZE,
                        "opacity": 0.85,
                    },
                    "hovertemplate": f"{_label(labels, r.name)} = %{{x:.4g}}<br>"
                    f"dev accuracy %{{y:.1%}}<extra>{name}</extra>",
                }
            )
            traces += _diverged(x, np.zeros(x.size), diverged, xa, ya)
    if any(np.asarray(d, dtype=bool).any() for _, _, d in rounds.values()):
        traces.append(
            {
                "type": "scatter",
                "x": [None],
                "y": [None],
                "mode": "markers",
                "name": "diverged",
                "marker": {"symbol": "x", "size": MARKER_SIZE + 2, "color": DIVERGED},
            }
        )
    for k, (xa, ya) in enumerate(refs):
        x_axis, y_axis = axes[f"xaxis{xa[1:]}"], axes[f"yaxis{ya[1:]}"]
        if k >= n:  # an empty cell of the last row
            x_axis["visible"] = y_axis["visible"] = False
            continue
        first = k % cols == 0
        x_axis.update(range_axis(space[k], _label(labels, space[k].name)))
        y_axis.update(tickformat=".0%", range=[-0.04, 1.04], showticklabels=first)
        y_axis.update(title={"text": "dev accuracy"} if first else {})
        if k:
            y_axis["matches"] = "y"
    layout = panels_layout(
        "Dev accuracy against each hyperparameter",
        height=300 + 230 * rows,
        legend=horizontal_legend(1.0, x=1.0, xanchor="right", yanchor="bottom"),
        margin={"l": 90, "r": 30, "t": 100, "b": 70},
    )
    return go.Figure(data=traces, layout=layout | axes)


def knob_dimension(r: Range, values: Sequence[float], label: str) -> dict[str, Any]:
    """One axis of a parallel-coordinates figure for range ``r``: its ``values`` on the range's
    scale — log₁₀ of the value on a log scale, of 1 − β on "one_minus_log" (reversed, so β grows
    upwards) — with ticks labelled in the values themselves."""
    values = np.asarray(values, dtype=float)
    dimension: dict[str, Any] = {"label": label}
    if r.scale == "linear":
        return dimension | {"values": values, "range": [r.low, r.high]}
    low, high = (r.low, r.high) if r.scale == "log" else (1 - r.high, 1 - r.low)
    ticks = _decade_ticks(low, high)
    text = [f"{t:g}" if r.scale == "log" else f"{1 - t:.6g}" for t in ticks]
    ends = [math.log10(low), math.log10(high)]
    return dimension | {
        "values": np.log10(plotted(r, values)),
        "range": ends if r.scale == "log" else ends[::-1],
        "tickvals": np.log10(ticks),
        "ticktext": text,
    }


def parallel(
    configs: Sequence[dict],
    accuracy: Sequence[float],
    space: Sequence[Range],
    labels: Mapping[str, str],
) -> go.Figure:
    """Parallel coordinates: one axis per hyperparameter and one for dev accuracy, one line per
    trial coloured by dev accuracy. Log scales are drawn as log₁₀ of the value (1 − β for β)
    with ticks labelled in the values themselves."""
    if not space:
        raise ValueError("space must hold at least one Range")
    accuracy = np.asarray(accuracy, dtype=float)
    if accuracy.size != len(configs):
        raise ValueError(f"accuracy must hold one value per config ({len(configs)})")
    dimensions = [
        knob_dimension(r, [c[r.name] for c in configs], _label(labels, r.name)) for r in space
    ]
    dimensions.append(
        {
            "label": "dev accuracy",
            "values": accuracy,
            "range": [0.0, 1.0],
            "tickvals": [0, 0.25, 0.5, 0.75, 1.0],
            "ticktext": ["0%", "25%", "50%", "75%", "100%"],
        }
    )
    trace = go.Parcoords(
        line={
            "color": accuracy,
            "colorscale": ACCURACY_SCALE,
            "cmin": 0.5,
            "cmax": 1.0,
        },
        dimensions=dimensions,
        labelfont={"size": FONT_SIZE + 2},
        tickfont={"size": FONT_SIZE - 2},
        rangefont={"size": FONT_SIZE - 2},
    )
    layout = panels_layout(
        "Parallel coordinates: each trial is a line, coloured by dev accuracy",
        height=460,
        margin={"l": 80, "r": 80, "t": 110, "b": 40},
    )
    return go.Figure(data=[trace], layout=layout)
