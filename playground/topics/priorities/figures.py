"""Figures of the priorities page: each hyperparameter's final dev cost across its sweep, and
the hyperparameters ranked by how much they move it, coloured by the lecture's tier.

Sweeps are read by duck typing (``knob``, ``values``, ``dev_cost``, ``diverged``, ``spread``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import plotly.graph_objects as go

from playground.plotting.panels import grid_layout
from playground.plotting.style import (
    CLASS_COLORS,
    base_layout,
    fast_figure,
    panels_layout,
)
from playground.topics.priorities.sweep import TIERS

TIER_COLORS = {1: CLASS_COLORS[1], 2: CLASS_COLORS[4], 3: CLASS_COLORS[0], 4: "#999999"}
"""The lecture's tiers: first (vermillion), second (orange), third (blue), almost never (grey)."""
COLUMNS = 3
MAX_TICKS = 5
"""Most tick labels on a panel's x axis (a narrow panel fits about five)."""


def tick_label(value: float, one_minus: bool) -> str:
    """A swept value as a tick label: 3 significant digits, and for a β (spaced as 1 − β) one
    digit more than its run of nines, so 0.9999 and 0.99999 stay apart (not both "1")."""
    if one_minus and value < 1:
        digits = int(np.ceil(-np.log10(1.0 - value) - 1e-9)) + 1
        return f"{value:.{max(digits, 3)}g}"
    return f"{value:.3g}"


def tick_values(x: np.ndarray, log: bool) -> np.ndarray:
    """Where a panel's x axis is labelled: on a log axis the swept values at whole powers of
    ten when there are two or more (0.001, 0.01, 0.1 rather than five crowded labels), else
    at most ``MAX_TICKS`` evenly chosen swept values."""
    if log:
        decades = x[np.isclose(np.log10(x), np.round(np.log10(x)), atol=1e-6)]
        if decades.size >= 2:
            return decades
    return x[:: -(-len(x) // MAX_TICKS)]


def sweep_x(sweep: Any) -> tuple[list[float], dict[str, Any]]:
    """A sweep's x values and axis: log for α, ε, decay, units and batch size; 1 − β on a
    reversed log axis for a β (the scale its values were spaced on, ticks labelled with β
    itself), whole numbers for layers. Ticks as :func:`tick_values` places them."""
    knob, values = sweep.knob, np.asarray(sweep.values, dtype=float)
    one_minus = knob.scale == "one_minus_log"
    x = 1.0 - values if one_minus else values
    log = knob.name != "layers"
    ticks = tick_values(x, log)
    shown = 1.0 - ticks if one_minus else ticks
    axis: dict[str, Any] = {
        "tickvals": ticks.tolist(),
        "ticktext": [tick_label(v, one_minus) for v in shown],
        "title": {"text": knob.symbol},
    }
    if log:
        axis["type"] = "log"
    if one_minus:
        axis |= {
            "autorange": "reversed",
            "title": {"text": f"{knob.symbol} (spaced as 1 − {knob.symbol})"},
        }
    return x.tolist(), axis


def shared_range(sweeps: Sequence[Any]) -> list[float]:
    """One J_dev range for every panel, so a flat panel looks flat: [min, max] of every sweep's
    costs, padded by 5 %."""
    costs = [c for s in sweeps for c in s.dev_cost]
    low, high = min(costs), max(costs)
    pad = 0.05 * (high - low or 1.0)
    return [low - pad, high + pad]


def sweep_panels(
    sweeps: Sequence[Any], title: str = "Final dev cost across each sweep (one scale for all)"
) -> go.Figure:
    """One panel per hyperparameter (in ``sweeps``' order): final J_dev against its value, the
    others at the baseline, every panel on the same J_dev range; a diverged training is drawn
    as ✕ at the sweep's worst cost."""
    rows = -(-len(sweeps) // COLUMNS)
    titles = [f"{s.knob.symbol} · spread {s.spread:.3f}" for s in sweeps]
    grid, refs = grid_layout(rows, COLUMNS, titles, gap_x=0.08, gap_y=0.16)
    y_range = shared_range(sweeps)
    traces = []
    for index, (sweep, (xref, yref)) in enumerate(zip(sweeps, refs, strict=False)):
        x, axis = sweep_x(sweep)
        symbols = ["x" if d else "circle" for d in sweep.diverged]
        traces.append(
            go.Scatter(
                x=x,
                y=list(sweep.dev_cost),
                xaxis=xref,
                yaxis=yref,
                mode="lines+markers",
                name=sweep.knob.symbol,
                marker={"color": TIER_COLORS[sweep.knob.tier], "size": 9, "symbol": symbols},
                line={"color": TIER_COLORS[sweep.knob.tier]},
                showlegend=False,
                hovertemplate=f"{sweep.knob.symbol} = %{{customdata}}<br>J_dev = %{{y:.3f}}"
                "<extra></extra>",
                customdata=[f"{v:g}" for v in sweep.values],
            )
        )
        suffix = xref[1:]
        grid[f"xaxis{suffix}"] |= axis
        grid[f"yaxis{suffix}"] |= {"range": y_range}
        if index % COLUMNS == 0:
            grid[f"yaxis{suffix}"]["title"] = {"text": "J_dev"}
    layout = panels_layout(title, height=260 * rows + 80, **grid)
    layout["margin"] = {"l": 70, "r": 20, "t": 80, "b": 50}
    return fast_figure(traces, layout)


def ranking_bars(
    ranked: Sequence[Any], title: str = "How much each moves the dev cost"
) -> go.Figure:
    """Horizontal bars, largest spread on top, each coloured by the lecture's tier for it (one
    legend entry per tier)."""
    traces = []
    shown: set[int] = set()
    for sweep in reversed(ranked):
        tier = sweep.knob.tier
        traces.append(
            go.Bar(
                x=[sweep.spread],
                y=[sweep.knob.label],
                orientation="h",
                marker={"color": TIER_COLORS[tier]},
                name=f"lecture: {TIERS[tier]}",
                legendgroup=str(tier),
                legendrank=tier,
                showlegend=tier not in shown,
                text=[f"{sweep.spread:.3f}"],
                textposition="outside",
                cliponaxis=False,
                hovertemplate="%{y}: spread %{x:.3f}<extra></extra>",
            )
        )
        shown.add(tier)
    top = max((s.spread for s in ranked), default=1.0)
    layout = base_layout(
        title,
        "spread of J_dev: max − min",
        "",
        legend_y=-0.25,
        height=480,
        barmode="overlay",
    )
    layout["xaxis"] |= {"range": [0, 1.25 * top if top > 0 else 1]}
    layout["margin"] = {"l": 230, "r": 30, "t": 70, "b": 120}
    return fast_figure(traces, layout)


def lecture_rows(ranked: Sequence[Any]) -> list[Mapping[str, object]]:
    """The table beside the bars: each hyperparameter's place here, its spread, and the
    lecture's tier for it."""
    return [
        {
            "here": place,
            "hyperparameter": s.knob.symbol,
            "spread": f"{s.spread:.3f}",
            "lecture": TIERS[s.knob.tier],
        }
        for place, s in enumerate(ranked, start=1)
    ]
