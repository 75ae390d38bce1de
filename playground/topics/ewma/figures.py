"""Figures of the exponentially-weighted-averages page: the series, the early days, the weights.

Pure functions from a smoothed series (``playground.engine.ewma.Smoothed``, read by duck typing:
``theta``, ``v``, ``v_hat``, ``beta``, ``window``, ``e_lag``, ``fade_day``, ``weights()``) to Plotly
figures, in the projector style of ``playground.plotting.style`` (plotly_white, fonts ≥ 14 px, the
Okabe-Ito palette).
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import plotly.graph_objects as go

from playground.engine.config import check_int
from playground.plotting.axes import note, reference_line
from playground.plotting.style import (
    CLASS_COLORS,
    FONT_SIZE,
    base_layout,
    blend_with_white,
    horizontal_legend,
)

DATA_COLOR = "#8c8c8c"
"""The raw values θ_t: grey dots behind the averages."""
CORRECTED_COLOR = CLASS_COLORS[0]
"""v_t / (1 − β^t), bias-corrected: blue."""
RAW_AVERAGE_COLOR = CLASS_COLORS[1]
"""v_t without correction: vermillion."""
WINDOW_COLOR = CLASS_COLORS[4]
"""The ≈ 1/(1 − β) window: orange."""
MARK_COLOR = "#222222"
MIN_ZOOM = 10
"""The early-days figure shows at least this many days."""


def _layout(title: str, x_title: str, y_title: str, **extra: Any) -> dict[str, Any]:
    """The layout of every figure of the page: 470 px high, the legend in order under it."""
    legend = horizontal_legend(-0.22, traceorder="normal")
    return base_layout(title, x_title, y_title, height=470, legend=legend, **extra)


def _days(result: Any) -> np.ndarray:
    return np.arange(1, np.asarray(result.theta).size + 1)


def _data_trace(days: np.ndarray, theta: np.ndarray, size: int) -> go.Scatter:
    return go.Scatter(
        x=days,
        y=theta,
        mode="markers",
        name="θ_t (data)",
        marker={"color": DATA_COLOR, "size": size, "opacity": 0.7},
        hovertemplate="t = %{x}<br>θ_t = %{y:.3g}<extra></extra>",
    )


def _average_traces(days: np.ndarray, v: np.ndarray, v_hat: np.ndarray) -> list[go.Scatter]:
    """The corrected curve, then the uncorrected one filling the gap between them."""
    return [
        go.Scatter(
            x=days,
            y=v_hat,
            mode="lines",
            name="v_t / (1 − βᵗ)  bias-corrected",
            line={"color": CORRECTED_COLOR, "width": 4},
            hovertemplate="t = %{x}<br>corrected %{y:.4g}<extra></extra>",
        ),
        go.Scatter(
            x=days,
            y=v,
            mode="lines",
            name="v_t  no correction",
            line={"color": RAW_AVERAGE_COLOR, "width": 4, "dash": "dash"},
            fill="tonexty",
            fillcolor=blend_with_white(RAW_AVERAGE_COLOR, 0.25),
            hovertemplate="t = %{x}<br>uncorrected %{y:.4g}<extra></extra>",
        ),
    ]


def _vertical(
    x: float, text: str, color: str, x_max: float, y: float = 1.0
) -> tuple[dict[str, Any], dict[str, Any]]:
    """A dotted vertical line at ``x`` and its label, written level at height ``y`` (paper
    units) beside the line — on its left when the line is in the right third of [0, x_max]."""
    line = reference_line(x=x, color=color, width=2.5, dash="dot")
    right_side = x > 0.66 * x_max
    side = {"xanchor": "right", "xshift": -4} if right_side else {"xanchor": "left", "xshift": 4}
    label = note(text, x, y, xref="x", size=FONT_SIZE - 1, color=MARK_COLOR, **side)
    return line, label


def series_figure(result: Any, x_title: str = "day t", y_title: str = "θ") -> go.Figure:
    """The whole series θ_t with v_t and v_t / (1 − β^t), and the last ≈ 1/(1 − β) days shaded.

    Returns
    -------
    go.Figure
        Traces "θ_t (data)", the corrected then the uncorrected average (same names as in
        :func:`early_days_figure`); one layout shape, the shaded window ending at day T.
    """
    days = _days(result)
    theta = np.asarray(result.theta, dtype=np.float64)
    size = 6 if theta.size <= 400 else 4
    traces = [_data_trace(days, theta, size), *_average_traces(days, result.v, result.v_hat)]
    window = result.window
    first = max(0.5, days[-1] + 0.5 - window)
    label = f"shaded: the last ≈ 1/(1 − β) = {window:.4g} days"
    if window > days[-1]:
        label = f"1/(1 − β) = {window:.4g} days: longer than the series"
    title = f"θ_t and its exponentially weighted average, β = {result.beta:g}"
    layout = _layout(title, x_title, y_title, margin={"l": 70, "r": 30, "t": 90, "b": 60})
    layout["shapes"] = [
        {
            "type": "rect",
            "x0": first,
            "x1": days[-1] + 0.5,
            "yref": "paper",
            "y0": 0,
            "y1": 1,
            "fillcolor": blend_with_white(WINDOW_COLOR, 0.3),
            "line": {"width": 0},
            "layer": "below",
        }
    ]
    small = {"size": FONT_SIZE - 1, "color": MARK_COLOR, "box": False}
    end = days[-1] + 0.5
    layout["annotations"] = [
        note(label + " ▾", end, 1.0, xref="x", xanchor="right", yanchor="bottom", **small)
    ]
    layout["xaxis"]["range"] = [0, days[-1] + 1]
    return go.Figure(data=traces, layout=layout)


def zoom_days(result: Any) -> int:
    """Days shown by :func:`early_days_figure`: to a bit past ``fade_day``, within 10 … T."""
    total = np.asarray(result.theta).size
    return min(total, max(MIN_ZOOM, math.ceil(1.15 * result.fade_day)))


def early_days_figure(result: Any, x_title: str = "day t", y_title: str = "θ") -> go.Figure:
    """A zoom on the first days, where v_t (from v_0 = 0) lags far below the data.

    Shows days 1 … :func:`zoom_days`: θ_t, the corrected and the uncorrected average with the
    gap between them filled, and dotted lines at t = 1/(1 − β) and at ``fade_day``, the first
    day bias correction changes v_t by less than 1 %.
    """
    n = zoom_days(result)
    days = _days(result)[:n]
    traces = [
        _data_trace(days, np.asarray(result.theta)[:n], 9),
        *_average_traces(days, np.asarray(result.v)[:n], np.asarray(result.v_hat)[:n]),
    ]
    marks = []
    if result.window <= n:
        marks.append(
            _vertical(result.window, f"t = 1/(1 − β) = {result.window:.4g}", WINDOW_COLOR, n)
        )
    if result.fade_day <= n:
        text = f"day {result.fade_day}: correction < 1 %"
        marks.append(_vertical(result.fade_day, text, MARK_COLOR, n, y=0.86))
    layout = _layout(
        f"The first {n} days: the start-up bias",
        x_title,
        y_title,
        shapes=[line for line, _ in marks],
        annotations=[label for _, label in marks],
    )
    layout["xaxis"]["range"] = [0.5, n + 0.5]
    return go.Figure(data=traces, layout=layout)


def weights_figure(result: Any, lags: int | None = None) -> go.Figure:
    """Bars of the weight (1 − β) β^k of the value k steps back, with the 1/e point marked.

    The bars of the k < 1/(1 − β) newest values are darker; a star marks k_e = −1/ln β, where
    the weight is 1/e of the newest one.

    Returns
    -------
    go.Figure
        Traces "weight (1 − β) βᵏ" (bars) and "1/e of the newest" (one marker).
    """
    weights = result.weights() if lags is None else result.weights(check_int("lags", lags, 1))
    k = np.arange(weights.size)
    inside = k < result.window - 1e-9  # the 1/(1 − β) newest: k = 0 … 9 for β = 0.9
    colors = np.where(inside, CORRECTED_COLOR, blend_with_white(CORRECTED_COLOR, 0.35)).tolist()
    first = float(weights[0])
    e_lag = result.e_lag
    bars = go.Bar(
        x=k,
        y=weights,
        name="weight (1 − β) βᵏ",
        marker={"color": colors, "line": {"width": 0}},
        hovertemplate="k = %{x} back<br>weight %{y:.4g}<extra></extra>",
    )
    star = go.Scatter(
        x=[e_lag],
        y=[first / math.e],
        mode="markers",
        name="1/e of the newest",
        marker={"symbol": "star", "size": 20, "color": MARK_COLOR},
        hovertemplate="k = %{x:.3g}<br>weight %{y:.4g} = (1 − β)/e<extra></extra>",
    )
    layout = _layout(
        "Weight of the value k steps back: (1 − β) βᵏ",
        "k (steps back from t)",
        "weight in v_t",
        bargap=0.1 if weights.size <= 80 else 0,
    )
    line, label = _vertical(
        e_lag, f"k = −1/ln β = {e_lag:.4g} ≈ 1/(1 − β)", MARK_COLOR, weights.size, y=0.97
    )
    level = reference_line(y=first / math.e, color=MARK_COLOR, width=1.5, dash="dot")
    layout["shapes"] = [level, line]
    layout["annotations"] = [label]
    layout["xaxis"]["range"] = [-0.6, weights.size - 0.4]
    return go.Figure(data=[bars, star], layout=layout)
