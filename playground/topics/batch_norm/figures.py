"""Figures of the batch-normalization page: pre-activation histograms, γ and β, the α sweep,
inference-mode statistics and the mini-batch regularization effect.

Pure functions returning Plotly figures in the style of ``playground.plotting.style`` (plotly_white,
fonts ≥ 14 px, the Okabe-Ito palette).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import plotly.graph_objects as go

from playground.engine.config import check_int
from playground.plotting.panels import grid_layout
from playground.plotting.style import (
    CLASS_COLORS,
    FONT_SIZE,
    base_layout,
    horizontal_legend,
    panels_layout,
)
from playground.topics.batch_norm.model import InferenceCheck, Sweep, ZSnapshot

RUN_COLORS = {"no BN": CLASS_COLORS[1], "BN": CLASS_COLORS[0]}
"""Vermillion without batch norm, blue with it, on every figure of the page."""
RAW_COLOR = "#999999"
BINS = 30


def _bars(values: np.ndarray, edges: np.ndarray, name: str, color: str, legend: bool) -> go.Bar:
    counts, _ = np.histogram(values, bins=edges)
    return go.Bar(
        x=(edges[:-1] + edges[1:]) / 2,
        y=counts,
        width=float(edges[1] - edges[0]),
        name=name,
        legendgroup=name,
        showlegend=legend,
        marker={"color": color, "line": {"width": 0}},
        opacity=0.75,
        hovertemplate=f"{name}<br>value %{{x:.2f}}<br>count %{{y}}<extra></extra>",
    )


def z_histograms(snapshots: Mapping[str, Sequence[ZSnapshot]], layer: int) -> go.Figure:
    """Histograms of hidden layer ``layer``'s pre-activations at each recorded epoch.

    One row per run ("no BN": z = W a + b; "BN": z = W a in grey and z̃ = γ ẑ + β in blue),
    one column per recorded epoch; every value of every unit on the training set is counted.
    Rows share their bins so the spread can be compared across epochs.
    """
    layer = check_int("layer", layer, 1)
    names = list(snapshots)
    if not names or not all(snapshots[n] for n in names):
        raise ValueError("snapshots must hold at least one snapshot per run")
    columns = max(len(snapshots[n]) for n in names)
    titles = []
    for name in names:
        titles += [f"{name} · epoch {s.epoch}" for s in snapshots[name]]
        titles += [""] * (columns - len(snapshots[name]))
    axes, refs = grid_layout(len(names), columns, titles, 0.04, 0.2)
    legend_done: set[str] = set()
    traces = []
    for row, name in enumerate(names, start=1):
        pooled = [s.Z.ravel() for s in snapshots[name]]
        pooled += [s.Z_tilde.ravel() for s in snapshots[name] if s.Z_tilde is not None]
        values = np.concatenate(pooled)
        values = values[np.isfinite(values)]
        low, high = np.percentile(values, [0.5, 99.5]) if values.size else (-1.0, 1.0)
        high = max(high, low + 1e-6)
        edges = np.linspace(low, high, BINS + 1)
        for col, snap in enumerate(snapshots[name], start=1):
            shown = [(snap.Z, f"z[{layer}] = W a + b")]
            if snap.Z_tilde is not None:
                shown = [(snap.Z, f"z[{layer}] before BN"), (snap.Z_tilde, f"z̃[{layer}] = γẑ + β")]
            x_ref, y_ref = refs[(row - 1) * columns + col - 1]
            for values_, label in shown:
                color = RAW_COLOR if "before" in label else RUN_COLORS.get(name, CLASS_COLORS[2])
                clipped = np.clip(values_[np.isfinite(values_)], low, high)
                bars = _bars(clipped, edges, label, color, label not in legend_done)
                bars.update(xaxis=x_ref, yaxis=y_ref)
                traces.append(bars)
                legend_done.add(label)
            x_axis = axes["xaxis" + x_ref[1:]]
            y_axis = axes["yaxis" + y_ref[1:]]
            x_axis["range"] = [low, high]
            y_axis["showticklabels"] = col == 1
            if col > 1:  # one count scale per row, so the spreads compare at a glance
                y_axis["matches"] = refs[(row - 1) * columns][1]
            if row == len(names):
                x_axis["title"] = {"text": "value"}
            if col == 1:
                y_axis["title"] = {"text": "count"}
    layout = panels_layout(
        f"Pre-activations of hidden layer {layer} during training",
        height=300 * len(names) + 120,
        legend_y=-0.18,
        margin={"l": 70, "r": 20, "t": 90, "b": 60},
        barmode="overlay",
    )
    return go.Figure(data=traces, layout=layout | axes)


def gamma_beta(gamma: np.ndarray, beta: np.ndarray, layer: int) -> go.Figure:
    """γ^[l] and β^[l] of every unit as bars, with their starting values 1 and 0 as lines."""
    gamma, beta = np.ravel(gamma), np.ravel(beta)
    if gamma.size != beta.size or gamma.size == 0:
        raise ValueError("gamma and beta must hold one value per unit (and at least one)")
    units = np.arange(1, gamma.size + 1)
    figure = go.Figure(
        [
            go.Bar(
                x=units,
                y=gamma,
                name="γ (learned scale, starts at 1)",
                marker_color=CLASS_COLORS[0],
            ),
            go.Bar(
                x=units,
                y=beta,
                name="β (learned shift, starts at 0)",
                marker_color=CLASS_COLORS[4],
            ),
        ]
    )
    figure.add_hline(y=1.0, line_dash="dot", line_color=CLASS_COLORS[0])
    figure.add_hline(y=0.0, line_color="#444444")
    layout = base_layout(f"γ[{layer}] and β[{layer}] of each unit", "unit j", "value", height=420)
    layout["legend"] = horizontal_legend(-0.22)
    layout["xaxis"] |= {"dtick": 1 if gamma.size <= 16 else 4}
    figure.update_layout(**layout, barmode="group")
    return figure


def lr_sweep(sweep: Sweep) -> go.Figure:
    """Final cost J (left, diverged runs marked ✕ at the top) and dev accuracy (right) vs α."""
    titles = [f"Training cost after {sweep.epochs} epochs", "Dev accuracy"]
    layout, ((x1, y1), (x2, y2)) = grid_layout(1, 2, titles, gap_x=0.12)
    traces = []
    rates = np.asarray(sweep.rates, dtype=float)
    finite = np.concatenate([c[np.isfinite(c)] for c in sweep.cost.values()] + [np.array([1.0])])
    top = float(min(max(finite.max(), 0.8), 3.0)) * 1.1
    for name, cost in sweep.cost.items():
        color = RUN_COLORS.get(name, CLASS_COLORS[2])
        traces.append(
            go.Scatter(
                xaxis=x1,
                yaxis=y1,
                x=rates,
                y=np.minimum(cost, top),
                mode="lines+markers",
                name=name,
                legendgroup=name,
                line={"color": color, "width": 3},
                marker={"size": 10},
                hovertemplate=f"{name}<br>α = %{{x}}<br>J = %{{y:.3f}}<extra></extra>",
            )
        )
        diverged = ~np.isfinite(cost)
        if diverged.any():
            traces.append(
                go.Scatter(
                    xaxis=x1,
                    yaxis=y1,
                    x=rates[diverged],
                    y=np.full(diverged.sum(), top),
                    mode="markers",
                    name=f"{name} diverged",
                    legendgroup=name,
                    marker={"symbol": "x", "size": 16, "color": color},
                    hovertemplate=f"{name}<br>α = %{{x}}: diverged<extra></extra>",
                )
            )
        traces.append(
            go.Scatter(
                xaxis=x2,
                yaxis=y2,
                x=rates,
                y=sweep.dev_accuracy[name],
                mode="lines+markers",
                name=name,
                legendgroup=name,
                showlegend=False,
                line={"color": color, "width": 3},
                marker={"size": 10},
                hovertemplate=f"{name}<br>α = %{{x}}<br>dev accuracy %{{y:.1%}}<extra></extra>",
            )
        )
    for x in ("xaxis", "xaxis2"):
        layout[x] |= {"type": "log", "title": {"text": "learning rate α"}, "tickformat": "~g"}
    layout["yaxis"] |= {"title": {"text": "J"}, "range": [0, top * 1.05]}
    layout["yaxis2"] |= {"title": {"text": "accuracy"}, "tickformat": ".0%", "range": [0.4, 1.02]}
    figure_layout = panels_layout(
        "Which learning rates still train?<br>(full-batch gradient descent)",
        height=470,
        legend_y=-0.25,
        margin={"l": 70, "r": 20, "t": 140, "b": 90},
    )
    return go.Figure(data=traces, layout=figure_layout | layout)


def inference_bars(check: InferenceCheck, batch: int) -> go.Figure:
    """Dev accuracy with running μ, σ² vs one small batch's (mean, min–max over draws) vs a
    one-class batch's statistics."""
    small = np.asarray(check.small_batches, dtype=float)
    labels = [
        "running averages<br>(inference mode)",
        f"one batch of {batch}",
        "one batch of class 0",
    ]
    values = [check.running, float(small.mean()), check.one_class]
    figure = go.Figure(
        go.Bar(
            x=labels,
            y=values,
            marker_color=[CLASS_COLORS[0], CLASS_COLORS[1], CLASS_COLORS[3]],
            text=[f"{v:.0%}" for v in values],
            textposition="outside",
            textfont={"size": FONT_SIZE + 2},
            error_y={
                "type": "data",
                "symmetric": False,
                "array": [0, float(small.max() - small.mean()), 0],
                "arrayminus": [0, float(small.mean() - small.min()), 0],
                "thickness": 2,
                "width": 8,
            },
            hovertemplate="%{x}<br>dev accuracy %{y:.1%}<extra></extra>",
        )
    )
    layout = base_layout(
        "Dev accuracy: which μ and σ² at test time?", "", "dev accuracy", height=420
    )
    layout["yaxis"] |= {"range": [0, 1.12], "tickformat": ".0%"}
    figure.update_layout(**layout, showlegend=False)
    return figure


def batch_gap_bars(gap: Mapping[int, tuple[float, float]]) -> go.Figure:
    """Train and dev accuracy of the BN network for each mini-batch size (grouped bars)."""
    if not gap:
        raise ValueError("gap must hold at least one mini-batch size")
    sizes = [f"batch {size}" for size in gap]
    train = [gap[s][0] for s in gap]
    dev = [gap[s][1] for s in gap]
    figure = go.Figure(
        [
            go.Bar(x=sizes, y=train, name="train", marker_color=CLASS_COLORS[0]),
            go.Bar(x=sizes, y=dev, name="dev", marker_color=CLASS_COLORS[1]),
        ]
    )
    figure.update_traces(texttemplate="%{y:.1%}", textposition="outside")
    layout = base_layout("Train vs dev accuracy (BN network)", "", "accuracy", height=380)
    layout["yaxis"] |= {"range": [0, 1.12], "tickformat": ".0%"}
    figure.update_layout(**layout, barmode="group")
    return figure
