"""Figures of the frameworks page."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from playground.plotting.style import CLASS_COLORS, TITLE_SIZE, horizontal_legend, panels_layout
from playground.topics.frameworks.model import Cost


def minimization(cost: Cost, path: np.ndarray, optimizer: str) -> go.Figure:
    """J(w) with the optimizer's steps on it (left) and w against the step number (right)."""
    path = np.asarray(path, dtype=float)
    low = min(path.min(), cost.minimum) - 2.0
    high = max(path.max(), cost.minimum) + 2.0
    w = np.linspace(low, high, 400)
    J = np.array([cost.function(float(x)) for x in w])
    J_path = np.array([cost.function(float(x)) for x in path])
    figure = make_subplots(
        rows=1,
        cols=2,
        subplot_titles=(f"J(w) = {cost.code}", "w after each step"),
        horizontal_spacing=0.12,
    )
    figure.add_trace(
        go.Scatter(x=w, y=J, mode="lines", name="J(w)", line={"color": "#555555", "width": 3}),
        row=1,
        col=1,
    )
    figure.add_trace(
        go.Scatter(
            x=path,
            y=J_path,
            mode="lines+markers",
            name=f"{optimizer} steps",
            line={"color": CLASS_COLORS[1], "width": 2},
            marker={"size": 8},
        ),
        row=1,
        col=1,
    )
    figure.add_trace(
        go.Scatter(
            x=np.arange(path.size),
            y=path,
            mode="lines+markers",
            name="w",
            line={"color": CLASS_COLORS[0], "width": 3},
            marker={"size": 5},
            showlegend=False,
        ),
        row=1,
        col=2,
    )
    figure.add_hline(
        y=cost.minimum,
        line_dash="dot",
        line_color="#222222",
        row=1,
        col=2,
    )
    figure.add_annotation(  # in the right margin, beside the line: never on the path
        text=f"w* = {cost.minimum:.3g}",
        x=1.0,
        xref="x2 domain",
        xanchor="left",
        y=cost.minimum,
        yref="y2",
        showarrow=False,
    )
    figure.update_xaxes(title_text="w", row=1, col=1)
    figure.update_yaxes(title_text="J(w)", row=1, col=1)
    figure.update_xaxes(title_text="step", row=1, col=2)
    figure.update_yaxes(title_text="w", row=1, col=2)
    figure.update_layout(
        panels_layout(
            "",
            height=440,
            legend=horizontal_legend(-0.24, x=0.0, xanchor="left", yanchor="auto"),
            margin={"l": 60, "r": 90, "t": 60, "b": 80},
        )
    )
    figure.update_annotations(font_size=TITLE_SIZE - 2)
    return figure
