"""The class search on the presenter screen: every student's run as one point of dev cost
against α, and every knob as one axis of parallel coordinates.

Pure functions from runs (``training.ClassRun``) and the space to Plotly figures in the house
style; ``playground.plotting.projector.for_projector`` enlarges them for a 1280 × 720 projector.
A run that diverged has no dev cost: it is drawn as a black ✕ on a "diverged" line above the
finite costs. Nicknames are shown escaped (hover text is HTML to Plotly).
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

import numpy as np
import plotly.graph_objects as go

from playground.engine.tuning import Range
from playground.plotting.axes import note, reference_line
from playground.plotting.markers import minimum_marker
from playground.plotting.style import CLASS_COLORS, base_layout, horizontal_legend, panels_layout
from playground.topics.search.class_search.space import ClassSpace, label
from playground.topics.search.class_search.summary import best_run, knob_values, settings_text
from playground.topics.search.class_search.training import ClassRun
from playground.topics.search.figures import (
    ACCURACY_SCALE,
    DIVERGED,
    MARKER_SIZE,
    knob_dimension,
    plotted,
    range_axis,
)

COST_SCALE = [[0.0, "#440154"], [0.5, "#21918c"], [1.0, "#7ad151"]]
"""Colour of dev cost on the parallel coordinates: Viridis from dark (low cost: the best runs
stand out on white) to green, stopping short of its pale yellow so the worst runs stay
visible."""
HIDDEN = "rgba(0, 0, 0, 0)"
HEADROOM = 1.15
"""The "diverged" line sits this many times above the highest finite dev cost."""
PAD = 0.04
"""Room left of and right of a knob's range on the x axis, as a share of its width."""
FIXED_PAD = 0.5
"""Room on each side of a knob whose range is one value, in axis units (decades on a log
axis)."""
HEIGHT = 560
EMPTY = "No results yet: each student's run appears here when it finishes."


def x_range(r: Range) -> Range:
    """The x axis of knob ``r``: on a log scale whenever its range spans a decade or more (even
    if it was drawn uniformly: the crowding in the top decade is then what the figure shows)."""
    if r.scale == "linear" and r.low > 0 and r.high / r.low >= 10:
        return replace(r, scale="log")
    return r


def whole_range_axis(r: Range, label: str) -> dict[str, Any]:
    """``range_axis`` of ``r`` showing the knob's whole range (a decade without runs stays in
    view), padded by ``PAD`` of its width on each side."""
    axis = range_axis(r, label)
    ends = plotted(r, [r.low, r.high])
    if axis.get("type") == "log":
        ends = np.log10(ends)
        axis.pop("autorange", None)  # a reversed range (1 − β) is given high to low
    pad = PAD * (ends[1] - ends[0]) or FIXED_PAD  # a knob fixed at one value: room around it
    return axis | {"range": [float(ends[0] - pad), float(ends[1] + pad)]}


def _count(runs: Sequence[ClassRun]) -> str:
    return f"{len(runs)} run{'' if len(runs) == 1 else 's'}"


def diverged_level(costs: np.ndarray) -> float:
    """Where diverged runs are drawn: ``HEADROOM`` × the highest finite dev cost (1 if none)."""
    finite = costs[np.isfinite(costs)]
    return HEADROOM * float(finite.max()) if finite.size else 1.0


def _hover(run: ClassRun) -> str:
    parts = [settings_text(dict(run.hyperparameters))]
    if run.diverged:
        parts.append("diverged")
    else:
        parts.append(f"dev cost {run.dev_cost:.4g}")
        if np.isfinite(run.dev_accuracy):
            parts.append(f"dev accuracy {run.dev_accuracy:.1%}")
    if run.nickname:
        parts.append(html.escape(run.nickname))
    return "<br>".join(parts)


def _color(space: ClassSpace, runs: Sequence[ClassRun]) -> dict[str, Any]:
    """Markers coloured by the second knob on its own scale, with a colour bar labelled in its
    values; one colour if the space has one knob."""
    if len(space.knobs) < 2:
        return {"color": CLASS_COLORS[0]}
    r = space.knobs[1]
    axis = knob_dimension(r, knob_values(runs, r.name), label(r.name))
    bar: dict[str, Any] = {"title": {"text": label(r.name), "side": "right"}, "thickness": 16}
    if "tickvals" in axis:
        bar |= {"tickvals": list(axis["tickvals"]), "ticktext": axis["ticktext"]}
    return {
        "color": axis["values"],
        "colorscale": ACCURACY_SCALE,
        "cmin": min(axis["range"]),
        "cmax": max(axis["range"]),
        "colorbar": bar,
        "showscale": True,
        "line": {"color": "#333333", "width": 1},
    }


def cost_scatter(runs: Sequence[ClassRun], space: ClassSpace) -> go.Figure:
    """Dev cost against the first knob (α, on a log axis), one point per student's run coloured
    by the second knob; the best run a star, labelled with its settings; diverged runs black ✕
    on a dashed "diverged" line above the others."""
    first = space.knobs[0]
    x_label = label(first.name)
    layout = base_layout(
        f"Class search: {_count(runs)}, dev cost against {x_label}",
        "",
        "dev cost J_dev",
        legend=horizontal_legend(1.02, x=0.0, xanchor="left", yanchor="bottom"),
        height=HEIGHT,
        margin={"l": 90, "r": 40, "t": 110, "b": 80},
    )
    layout["xaxis"] = whole_range_axis(x_range(first), x_label)
    layout["yaxis"]["rangemode"] = "tozero"
    if not runs:
        layout["annotations"] = [note(EMPTY, 0.5, 0.5, xanchor="center", yanchor="middle")]
        return go.Figure(layout=layout)
    x = plotted(x_range(first), knob_values(runs, first.name))
    costs = np.array([run.dev_cost for run in runs])
    finite = np.isfinite(costs)
    traces = []
    if finite.any():
        finished = [run for run, ok in zip(runs, finite, strict=True) if ok]
        marker = _color(space, finished) | {"size": MARKER_SIZE + 3, "opacity": 0.9}
        traces.append(_points("runs", x[finite], costs[finite], marker, finished))
    if not finite.all():
        level = diverged_level(costs)
        broken = [run for run, ok in zip(runs, finite, strict=True) if not ok]
        marker = {"symbol": "x", "size": MARKER_SIZE + 3, "color": DIVERGED}
        y = np.full(len(broken), level)
        traces.append(_points("diverged", x[~finite], y, marker, broken))
        layout["shapes"] = [reference_line(y=level, color=DIVERGED, width=1.5, dash="dot")]
    best = best_run(runs)
    if best is not None:
        traces.append(_best(best, first))
        layout["annotations"] = [_best_label(best, first)]
    return go.Figure(data=traces, layout=layout)


def _points(
    name: str, x: np.ndarray, y: np.ndarray, marker: dict[str, Any], runs: Sequence[ClassRun]
) -> dict[str, Any]:
    return {
        "type": "scatter",
        "x": x,
        "y": y,
        "mode": "markers",
        "name": name,
        "marker": marker,
        "text": [_hover(run) for run in runs],
        "hovertemplate": "%{text}<extra></extra>",
    }


def _best_x(best: ClassRun, first: Range) -> float:
    """Where the best run is on the x axis, in the axis's own units (log₁₀ on a log axis, as
    Plotly places annotations)."""
    r = x_range(first)
    x = float(plotted(r, [best.hyperparameters[first.name]])[0])
    return x if r.scale == "linear" else float(np.log10(x))


def _best(best: ClassRun, first: Range) -> dict[str, Any]:
    """The best run's star; its legend entry names its settings and dev cost."""
    x = plotted(x_range(first), [best.hyperparameters[first.name]])
    name = f"best: {settings_text(dict(best.hyperparameters))}, J_dev = {best.dev_cost:.3g}"
    return minimum_marker(x, best.dev_cost, name, _hover(best) + "<extra>best run</extra>")


LABEL_OFFSET_PX = 60
"""How far beside the best run's star its "best" label sits, toward the middle of the plot."""


def _best_label(best: ClassRun, first: Range) -> dict[str, Any]:
    """ "best" with an arrow to the best run's star, beside it at its height and without a
    background: every other run costs more, so a label above the star would sit where they
    are (one hid a student's run on the presenter screen)."""
    r = x_range(first)
    ends = [r.low, r.high] if r.scale == "linear" else list(np.log10([r.low, r.high]))
    x = _best_x(best, first)
    toward_middle = -1 if x > (ends[0] + ends[1]) / 2 else 1
    return {
        "text": "best",
        "x": x,
        "y": best.dev_cost,
        "xref": "x",
        "yref": "y",
        "showarrow": True,
        "arrowhead": 2,
        "arrowwidth": 2,
        "ax": toward_middle * LABEL_OFFSET_PX,
        "ay": 0,
    }


def nice_ticks(top: float) -> np.ndarray:
    """Ticks 0, s, 2s, … up to ``top`` with a step s of 1, 2 or 5 × 10^k giving at most five."""
    magnitude = 10.0 ** np.floor(np.log10(top / 5)) if top > 0 else 1.0
    step = next(m * magnitude for m in (1, 2, 5, 10) if top / (m * magnitude) <= 5)
    return np.arange(0.0, top + step * 1e-9, step)


def knob_coordinates(runs: Sequence[ClassRun], space: ClassSpace) -> go.Figure:
    """Parallel coordinates: one axis per knob (on its scale) and one for dev cost, one line
    per run coloured by its dev cost (dark = low); diverged runs reach the top of the
    dev-cost axis, labelled "diverged". The axes' ticks say their values; Plotly's labels of
    each axis's range ends (an unrounded "2.3923" over the ticks) are hidden."""
    layout = panels_layout(
        f"Class search: {_count(runs)}, every knob (each line is one student's run)",
        height=HEIGHT,
        margin={"l": 90, "r": 90, "t": 130, "b": 40},
    )
    if not runs:
        layout["annotations"] = [note(EMPTY, 0.5, 0.5, xanchor="center", yanchor="middle")]
        layout["xaxis"] = layout["yaxis"] = {"visible": False}
        return go.Figure(layout=layout)
    costs = np.array([run.dev_cost for run in runs])
    level = diverged_level(costs)
    shown = np.where(np.isfinite(costs), costs, level)
    dimensions = [knob_dimension(r, knob_values(runs, r.name), label(r.name)) for r in space.knobs]
    cost_axis: dict[str, Any] = {"label": "dev cost", "values": shown, "range": [0.0, level]}
    if not np.isfinite(costs).all():
        ticks = nice_ticks(level / HEADROOM)
        cost_axis |= {
            "tickvals": [*ticks, level],
            "ticktext": [*(f"{t:g}" for t in ticks), "diverged"],
        }
    dimensions.append(cost_axis)
    trace = go.Parcoords(
        line={
            "color": shown,
            "colorscale": COST_SCALE,
            "cmin": 0.0,
            "cmax": level,
        },
        dimensions=dimensions,
        labelfont={"size": 22},
        tickfont={"size": 18},
        rangefont={"size": 14, "color": HIDDEN},
    )
    return go.Figure(data=[trace], layout=layout)
