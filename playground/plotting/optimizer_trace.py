"""One weight under an optimizer, step by step: dW_t with its average v_t, s_t, and the step taken.

Drawn from a ``WeightTrace`` (``Optimizer.watch``) for the equations of the optimizer pages: the
top panel shows that v_t is the exponentially weighted average of dW_t (the EWMA page's lesson),
the middle one the average s_t of dW_t² that RMSprop and Adam divide by, the bottom one the
step W_t − W_{t−1} the update actually took. A dotted line marks the step the equations show.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import plotly.graph_objects as go

from playground.engine.optim import WeightTrace
from playground.plotting.curves import thin
from playground.plotting.panels import grid_layout
from playground.plotting.style import CLASS_COLORS, fast_figure, panels_layout

MOST_POINTS = 1500
"""Points per curve at most (every k-th step of a longer trace)."""
GRADIENT_COLOR = "#9e9e9e"


def _line(x: np.ndarray, y: np.ndarray, name: str, color: str, ref: tuple[str, str], **extra):
    x, y = thin(x, np.asarray(y, dtype=float), MOST_POINTS)
    return go.Scatter(
        x=x,
        y=y,
        mode="lines",
        name=name,
        line={"color": color, "width": extra.pop("width", 3)},
        xaxis=ref[0],
        yaxis=ref[1],
        hovertemplate=f"{name}<br>step %{{x}}<br>%{{y:.4g}}<extra></extra>",
        **extra,
    )


def weight_trace_figure(trace: WeightTrace, step: int, weight: str) -> go.Figure:
    """Panels of dW_t and v_t (when the rule keeps v), s_t (when it keeps s) and the step
    W_t − W_{t−1}, against the update t, for the weight named ``weight`` ("W1[0, 1]")."""
    t = np.asarray(trace.t)
    panels = [("gradient", f"dW and its average v of {weight}")]
    if "s" in trace.state:
        panels.append(("s", "s: the average of dW²"))
    panels.append(("step", "the step taken, W_t − W_(t−1)"))
    if "v" not in trace.state:
        panels[0] = ("gradient", f"dW of {weight}")
    layout, refs = grid_layout(
        len(panels), 1, [title for _, title in panels], gap_y=0.17, exponentformat="power"
    )
    traces: list[Any] = []
    for (kind, _), ref in zip(panels, refs, strict=True):
        if kind == "gradient":
            traces.append(_line(t, trace.grad, "dW_t", GRADIENT_COLOR, ref, width=1.5))
            if "v" in trace.state:
                traces.append(_line(t, trace.state["v"], "v_t", CLASS_COLORS[0], ref))
        elif kind == "s":
            traces.append(_line(t, trace.state["s"], "s_t", CLASS_COLORS[1], ref))
        else:
            change = np.subtract(trace.weight, trace.weight_before)
            traces.append(_line(t, change, "W_t − W_(t−1)", CLASS_COLORS[2], ref))
        layout[f"xaxis{ref[0][1:]}"]["range"] = [0.5, max(t[-1], 1) + 0.5] if t.size else None
    last = refs[-1][0][1:]
    layout[f"xaxis{last}"]["title"] = {"text": "update t"}
    shapes = [
        {
            "type": "line",
            "xref": ref[0],
            "yref": f"{ref[1]} domain",
            "x0": step,
            "x1": step,
            "y0": 0,
            "y1": 1,
            "line": {"dash": "dot", "width": 2, "color": "#444"},
        }
        for ref in refs
    ]
    height = 190 * len(panels) + 130
    return fast_figure(
        traces, panels_layout("", legend_y=-0.12, shapes=shapes, height=height, **layout)
    )
