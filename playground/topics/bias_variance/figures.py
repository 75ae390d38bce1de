"""Plotly figures of the bias-variance page: the error decomposition, learning curves and the
model-size sweep (its four decision boundaries are ``playground.plotting.boundary``'s).

Pure functions in the style of :mod:`playground.plotting.style` (``plotly_white``, fonts ≥ 14 px,
the Okabe-Ito palette: train in blue, dev in vermillion). Networks, diagnoses and curves are read by
duck typing (``forward``/``layer_dims``/``output``; ``train_error``/``dev_error``/ ``bayes_error``;
``x``/``train_error``/``dev_error``).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import plotly.graph_objects as go

from playground.engine.config import check_choice, check_range
from playground.plotting.style import (
    DEV_COLOR,
    FONT_SIZE,
    TRAIN_COLOR,
    base_layout,
    fast_figure,
    horizontal_legend,
)

BAYES_COLOR = "#555555"
"""Colour of the Bayes-error level (dark grey)."""
DEV_ERROR_COLOR = "#1a1a1a"
"""Colour of the dev-error bar the decomposition's steps end at (near black)."""
MODEL_DASHES = ("dash", "solid", "dot", "dashdot")
"""Line style of the 1st, 2nd, … model on a curve figure (colour stays train / dev)."""


def error_decomposition(
    diagnoses: Mapping[str, Any], title: str = "Where the dev error comes from"
) -> go.Figure:
    """A waterfall per model: Bayes error + avoidable bias + variance = dev error.

    Four bars per model, side by side: the Bayes error (grey, from 0), the avoidable bias
    train − Bayes (blue, from the Bayes level to the train error), the variance dev − train
    (vermillion, from the train error to the dev error) and the dev error itself (black, from 0).
    A negative part (train below the Bayes estimate, dev below train) is drawn downwards,
    hatched, so the steps always end exactly at the dev error; its value is printed with its
    sign on the bar and in the hover text.

    Returns
    -------
    go.Figure
        Bar traces "Bayes error (estimate)", "avoidable bias = train − Bayes",
        "variance = dev − train" and "dev error", each with the bar's start in ``base`` and
        its signed size in ``y``.

    Raises
    ------
    ValueError
        If ``diagnoses`` is empty or an error is not in [0, 1].
    """
    if not diagnoses:
        raise ValueError("diagnoses must hold at least one model")
    names = list(diagnoses)
    bayes, train, dev = [], [], []
    for name in names:
        d = diagnoses[name]
        train.append(check_range(f"{name}: train_error", d.train_error, 0.0, 1.0))
        dev.append(check_range(f"{name}: dev_error", d.dev_error, 0.0, 1.0))
        bayes.append(check_range(f"{name}: bayes_error", d.bayes_error, 0.0, 1.0))
    bias = [t - b for t, b in zip(train, bayes, strict=True)]
    variance = [d - t for d, t in zip(dev, train, strict=True)]
    steps = (
        ("Bayes error (estimate)", [0.0] * len(names), bayes, BAYES_COLOR, ""),
        ("avoidable bias = train − Bayes", bayes, bias, TRAIN_COLOR, "+"),
        ("variance = dev − train", train, variance, DEV_COLOR, "+"),
        ("dev error", [0.0] * len(names), dev, DEV_ERROR_COLOR, ""),
    )
    traces = [
        go.Bar(
            x=names,
            y=sizes,
            base=starts,
            name=label,
            marker={
                "color": color,
                "pattern": {"shape": ["/" if v < 0 else "" for v in sizes], "fgcolor": "white"},
            },
            text=[f"{v:{sign}.1%}" for v in sizes],
            texttemplate="%{text}",
            textposition="inside",
            insidetextanchor="middle",
            textfont={"size": FONT_SIZE, "color": "white"},
            customdata=sizes,
            hovertemplate=f"%{{x}}<br>{label}: %{{customdata:{sign}.1%}}<extra></extra>",
        )
        for label, starts, sizes, color, sign in steps
    ]
    layout = base_layout(
        title,
        "",
        "error",
        barmode="group",
        height=460,
        uniformtext={"minsize": 14, "mode": "hide"},
        legend_y=-0.22,
        margin={"l": 70, "r": 20, "t": 60, "b": 60},
    )
    layout["yaxis"]["tickformat"] = ".0%"
    # "Small · λ = 0.7" on two lines: four of them side by side at projector size, no overlap
    layout["xaxis"].update(tickvals=names, ticktext=[n.replace(" · ", "<br>", 1) for n in names])
    return fast_figure(traces, layout)


def error_curves(
    curves: Mapping[str, Any],
    bayes_error: float,
    title: str,
    x_title: str,
    log_base: int = 10,
) -> go.Figure:
    """Train (blue) and dev (vermillion) error against x for each curve, one line style per
    curve, with the Bayes error as a dotted grey level; x on a log axis.

    Parameters
    ----------
    curves : mapping name → curve
        Curves with ``x``, ``train_error`` and ``dev_error`` (fractions).
    bayes_error : float
        In [0, 1].
    title, x_title : str
    log_base : int
        10 (training-set sizes: ticks at 1, 2, 5 × 10^k) or 2 (hidden units: a tick at
        every x).

    Returns
    -------
    go.Figure
        Traces "<name> · train" and "<name> · dev" per curve, then "Bayes error".

    Raises
    ------
    ValueError
        If there are no curves, more than four, or ``bayes_error`` is out of range.
    """
    if not 1 <= len(curves) <= len(MODEL_DASHES):
        raise ValueError(f"curves must hold 1 to {len(MODEL_DASHES)} curves; got {len(curves)}")
    bayes = check_range("bayes_error", bayes_error, 0.0, 1.0)
    check_choice("log_base", log_base, (2, 10))
    traces = []
    for dash, (name, curve) in zip(MODEL_DASHES, curves.items(), strict=False):
        traces += _train_dev_lines(name, curve, dash, x_title)
    span = np.concatenate([np.asarray(curve.x, dtype=float) for curve in curves.values()])
    traces.append(_bayes_level(bayes, span))
    top = max([bayes] + [float(np.nanmax(trace.y)) for trace in traces])
    layout = base_layout(
        title,
        x_title,
        "error",
        height=560,
        legend=horizontal_legend(-0.26, font_size=FONT_SIZE - 1),
        margin={"l": 70, "r": 20, "t": 60, "b": 60},
    )
    layout["yaxis"].update(range=[0, min(1.0, top * 1.1 + 0.02)], tickformat=".0%")
    layout["xaxis"].update(type="log", **_log_ticks(span, log_base))
    return fast_figure(traces, layout)


def _train_dev_lines(name: str, curve: Any, dash: str, x_title: str) -> list[go.Scatter]:
    """The train (blue) and dev (vermillion) error of one curve, in its line style."""
    x = np.asarray(curve.x, dtype=float)
    lines = []
    for part, color in (("train", TRAIN_COLOR), ("dev", DEV_COLOR)):
        lines.append(
            go.Scatter(
                x=x,
                y=np.asarray(getattr(curve, f"{part}_error"), dtype=float),
                mode="lines+markers",
                name=f"{name} · {part}",
                line={"color": color, "width": 3, "dash": dash},
                marker={"size": 8, "color": color},
                hovertemplate=f"{name} · {part}<br>{x_title} = %{{x}}<br>error %{{y:.1%}}"
                "<extra></extra>",
            )
        )
    return lines


def _bayes_level(bayes: float, span: np.ndarray) -> go.Scatter:
    """The Bayes error as a dotted grey level across the x values."""
    return go.Scatter(
        x=[span.min(), span.max()],
        y=[bayes, bayes],
        mode="lines",
        name="Bayes error",
        line={"color": BAYES_COLOR, "width": 2, "dash": "dot"},
        hovertemplate=f"Bayes error ≈ {bayes:.1%}<extra></extra>",
    )


def _log_ticks(span: np.ndarray, log_base: int) -> dict[str, list]:
    """Ticks of the log x axis: every x for base 2 (hidden units), 1, 2, 5 × 10^k for base 10."""
    if log_base == 2:
        ticks = sorted({int(v) for v in span})
        return {"tickvals": ticks, "ticktext": [str(t) for t in ticks]}
    ticks = [
        v * 10**k
        for k in range(int(np.log10(span.min())), int(np.log10(span.max())) + 1)
        for v in (1, 2, 5)
        if span.min() <= v * 10**k <= span.max()
    ]
    return {"tickvals": ticks, "ticktext": [f"{t:g}" for t in ticks]}
