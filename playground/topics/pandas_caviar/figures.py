"""Figures of the pandas-vs-caviar page: the babysat model's cost with its changes of α, and
the dev-cost curves of many models trained in parallel with the best one highlighted.

Pure functions in the projector style of ``playground.plotting.style`` (plotly_white, fonts ≥ 14 px,
colour-blind-safe colours: Okabe-Ito for the curves, Viridis for α).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import numpy as np
import plotly.graph_objects as go
from plotly.colors import sample_colorscale

from playground.engine.config import check_int
from playground.plotting.axes import log_colorbar, note, reference_line
from playground.plotting.curves import epoch_line, recorded_epochs
from playground.plotting.style import (
    CLASS_COLORS,
    DEV_COLOR,
    TRAIN_COLOR,
    base_layout,
    finite_or_nan,
    horizontal_legend,
)

CHANGE_COLOR = "#000000"
BEST_COLOR = CLASS_COLORS[1]
REFERENCE_COLOR = "#777777"
RATE_SCALE = "Viridis"
FADED = 0.3
"""Opacity of the caviar models that are not the best (their colours still show α)."""


def _cost_range(curves: np.ndarray) -> list[float]:
    """0 up to a little above the typical first-epoch cost of ``curves`` (models, epochs), so
    one blown-up model does not flatten every other curve."""
    start = curves[:, 0] if curves.size else np.array([])
    start = start[np.isfinite(start)]
    finite = curves[np.isfinite(curves)]
    if finite.size == 0:
        return [0.0, 1.0]
    top = 1.3 * float(np.median(start)) if start.size else float(finite.max())
    return [0.0, max(min(top, float(finite.max()) * 1.05), 0.1)]


def _panda_range(
    train: np.ndarray, dev: np.ndarray, reference: Sequence[float] | None
) -> list[float]:
    """0 up to the highest cost shown, but at most twice the first epoch's (a blow-up stays
    visible as a curve leaving the top of the plot)."""
    series = [train, dev] + ([finite_or_nan(reference)] if reference is not None else [])
    values = np.concatenate(series)
    values = values[np.isfinite(values)]
    if values.size == 0:
        return [0.0, 1.0]
    first = [s[0] for s in (train, dev) if s.size and np.isfinite(s[0])]
    top = float(values.max())
    if first:
        top = min(top, 2.0 * max(first))
    return [0.0, max(top * 1.05, 0.1)]


def panda_curves(
    history: Any,
    changes: Sequence[tuple[int, float]],
    epochs: int,
    reference: Sequence[float] | None = None,
    reference_name: str = "caviar's best (dev)",
) -> go.Figure:
    """The babysat model's train and dev cost per epoch, with a dashed line at every change
    of α labelled with the new value.

    Parameters
    ----------
    history : object
        ``epochs`` and ``train_cost`` lists (one value per epoch), ``dev_cost`` (one per epoch
        of its ``record_epochs``, if it has them).
    changes : sequence of (int, float)
        (epoch, α) pairs; the first is the starting α (epoch 0), the others are drawn.
    epochs : int
        The run's epoch budget: the x axis spans 0 … epochs so the curve grows into it.
    reference : sequence of float, optional
        Another dev-cost curve to compare with (e.g. caviar's best), drawn dotted grey.
    """
    epochs = check_int("epochs", epochs, 1)
    x = np.asarray(history.epochs, dtype=float)
    dev_x = recorded_epochs(history).astype(float)
    train, dev = finite_or_nan(history.train_cost), finite_or_nan(history.dev_cost)
    if train.size != x.size or dev.size != dev_x.size:
        raise ValueError("history must hold one train and one dev cost per epoch")
    traces = []
    if reference is not None:
        ref = finite_or_nan(reference)
        traces.append(
            go.Scatter(
                x=np.arange(1, ref.size + 1),
                y=ref,
                mode="lines",
                name=reference_name,
                line={"color": REFERENCE_COLOR, "width": 2, "dash": "dot"},
                hovertemplate="epoch %{x}<br>J = %{y:.3f}<extra>" + reference_name + "</extra>",
            )
        )
    for name, xs, y, color in (("train", x, train, TRAIN_COLOR), ("dev", dev_x, dev, DEV_COLOR)):
        traces.append(epoch_line(xs, y, name, color, ".3f", "J = "))
    start_alpha = changes[0][1] if changes else math.nan
    layout = base_layout(f"Panda: one model, started with α = {start_alpha:g}", "epoch", "cost J")
    shapes, annotations = [], []
    for k, (epoch, alpha) in enumerate(changes[1:]):
        shapes.append(reference_line(x=epoch, color=CHANGE_COLOR))
        y = 1.0 - 0.09 * (k % 3)
        annotations.append(note(f"α → {alpha:g}", epoch, y, xref="x", color=CHANGE_COLOR))
    layout.update(
        shapes=shapes,
        annotations=annotations,
        height=440,
        legend=horizontal_legend(-0.22, yanchor="auto"),
    )
    layout["xaxis"]["range"] = [0, epochs * 1.02]
    layout["yaxis"]["range"] = _panda_range(train, dev, reference)
    return go.Figure(data=traces, layout=layout)


def caviar_curves(
    curves: np.ndarray, rates: Sequence[float], best: int | None, low: float, high: float
) -> go.Figure:
    """Every caviar model's dev cost per epoch, coloured by log₁₀ α and faded, the best one
    thick and on top: the lesson is the one the caviar keeps.

    Parameters
    ----------
    curves : ndarray of shape (models, epochs)
        Dev cost J per epoch (NaN once a model diverged).
    rates : sequence of float
        Each model's α.
    best : int or None
        Index of the best model (drawn thick, in vermillion, and named in the legend).
    low, high : float
        The α range the models were drawn from (the colour scale's ends).
    """
    curves = np.asarray(curves, dtype=float)
    if curves.ndim != 2 or curves.shape[0] != len(rates):
        raise ValueError(f"curves must have shape (len(rates), epochs); got {curves.shape}")
    curves = np.where(np.isfinite(curves), curves, np.nan)
    lo, hi = math.log10(low), math.log10(high)
    span = max(hi - lo, 1e-9)
    positions = [(math.log10(r) - lo) / span for r in rates]
    colors = sample_colorscale(RATE_SCALE, [min(max(p, 0.0), 1.0) for p in positions])
    x = np.arange(1, curves.shape[1] + 1)
    traces = []
    for k, (curve, rate) in enumerate(zip(curves, rates, strict=True)):
        if k == best:
            continue
        traces.append(
            go.Scatter(
                x=x,
                y=curve,
                mode="lines",
                name=f"α = {rate:.2g}",
                showlegend=False,
                line={"color": colors[k], "width": 1},
                opacity=FADED if best is not None else 0.8,
                hovertemplate=f"α = {rate:.3g}<br>epoch %{{x}}<br>dev J = %{{y:.3f}}"
                "<extra></extra>",
            )
        )
    if best is not None:
        traces.append(
            go.Scatter(
                x=x,
                y=curves[best],
                mode="lines",
                name=f"best: α = {rates[best]:.3g}",
                line={"color": BEST_COLOR, "width": 5},
                hovertemplate=f"best, α = {rates[best]:.3g}<br>epoch %{{x}}<br>dev J = "
                "%{y:.3f}<extra></extra>",
            )
        )
    traces.append(_rate_colorbar(lo, hi))
    layout = base_layout(
        f"Caviar: {len(rates)} models in parallel — dev cost", "epoch", "dev cost J"
    )
    layout.update(height=460, legend=horizontal_legend(-0.3, yanchor="auto"))
    layout["margin"].update(b=110)
    layout["yaxis"]["range"] = _cost_range(curves)
    return go.Figure(data=traces, layout=layout)


def _rate_colorbar(lo: float, hi: float) -> go.Scatter:
    """An empty trace carrying the colour bar of log₁₀ α, labelled with α at each power of ten."""
    exponents = [k for k in range(math.floor(lo), math.ceil(hi) + 1) if lo <= k <= hi]
    return go.Scatter(
        x=[None],
        y=[None],
        mode="markers",
        showlegend=False,
        hoverinfo="skip",
        marker={
            "color": [lo, hi],
            "cmin": lo,
            "cmax": hi,
            "colorscale": RATE_SCALE,
            "showscale": True,
            "colorbar": log_colorbar("α", exponents),
        },
    )
