"""Plotly figures of the bias-variance page: four decision boundaries, the error decomposition,
learning curves and the model-size sweep.

Pure functions in the style of :mod:`playground.plots` (``plotly_white``, fonts ≥ 14 px, the
Okabe-Ito palette: train in blue, dev in vermillion). Networks, diagnoses and curves are read by
duck typing (``forward``/``layer_dims``/``output``; ``train_error``/``dev_error``/
``bayes_error``; ``x``/``train_error``/``dev_error``).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import plotly.graph_objects as go

from playground.engine.config import check_choice, check_matrix, check_range
from playground.plotting.base import DEV_COLOR, FONT_SIZE, TITLE_SIZE, TRAIN_COLOR, _layout
from playground.topics.splits.figures import boundary_background, fast_figure, point_traces

BAYES_COLOR = "#555555"
"""Colour of the Bayes-error level (dark grey)."""
DEV_ERROR_COLOR = "#1a1a1a"
"""Colour of the dev-error bar the decomposition's steps end at (near black)."""
MODEL_DASHES = ("dash", "solid", "dot", "dashdot")
"""Line style of the 1st, 2nd, … model on a curve figure (colour stays train / dev)."""


GRID_X = ((0.0, 0.46), (0.54, 1.0))
"""Horizontal domains of the left and right panels of :func:`four_boundaries`."""
GRID_Y = ((0.55, 0.97), (0.0, 0.42))
"""Vertical domains of the top and bottom panels (room for the panel titles above each)."""


def four_boundaries(
    nets: Mapping[str, Any],
    X_train: np.ndarray,
    Y_train: np.ndarray,
    X_dev: np.ndarray,
    Y_dev: np.ndarray,
    titles: Mapping[str, str] | None = None,
    resolution: int = 72,
) -> go.Figure:
    """Decision regions of up to four 2-input networks in a 2 × 2 grid, data points on top.

    Parameters
    ----------
    nets : mapping name → network
        One to four networks (``forward``, ``layer_dims``, ``output``), drawn row by row.
    X_train, Y_train, X_dev, Y_dev : arrays (2, m) and (1, m)
        The points drawn in every panel: train as circles, dev as diamonds.
    titles : mapping name → str, optional
        Panel titles (annotations above the panels); default the names.
    resolution : int
        Grid points per axis of each panel.

    Returns
    -------
    go.Figure
        Per panel (axes x, x2, x3, x4): the background then the point traces; only the first
        panel's points appear in the legend.

    Raises
    ------
    ValueError
        If there are no networks or more than four, or the points are malformed.
    """
    if not 1 <= len(nets) <= 4:
        raise ValueError(f"nets must hold 1 to 4 networks; got {len(nets)}")
    X_train = check_matrix("X_train", X_train, rows=2)
    X_dev = check_matrix("X_dev", X_dev, rows=2)
    titles = dict(titles or {})
    extent = np.hstack([X_train, X_dev])
    layout = _layout("", "", "", height=960)
    for key in ("title", "xaxis", "yaxis"):
        layout.pop(key)
    layout["legend"] = {
        "font": {"size": FONT_SIZE},
        "groupclick": "toggleitem",
        "orientation": "h",
        "x": 0.5,
        "xanchor": "center",
        "y": -0.04,
        "yanchor": "top",
    }
    layout["margin"] = {"l": 40, "r": 20, "t": 20, "b": 40}
    layout["annotations"] = []
    traces: list[Any] = []
    for index, name in enumerate(nets):
        row, col = divmod(index, 2)
        suffix = "" if index == 0 else str(index + 1)
        background, xs, ys = boundary_background(nets[name], extent, resolution)
        panel = [background]
        panel += point_traces(X_train, Y_train, "train", "circle", 7, "white")
        panel += point_traces(X_dev, Y_dev, "dev", "diamond", 8, "#1a1a1a")
        background.update(xaxis=f"x{suffix}", yaxis=f"y{suffix}")
        for trace in panel[1:]:
            trace.update(xaxis=f"x{suffix}", yaxis=f"y{suffix}", showlegend=index == 0)
        traces += panel
        layout[f"xaxis{suffix}"] = {
            "domain": GRID_X[col],
            "anchor": f"y{suffix}",
            "range": [xs[0], xs[-1]],
            "showgrid": False,
            "constrain": "domain",
        }
        layout[f"yaxis{suffix}"] = {
            "domain": GRID_Y[row],
            "anchor": f"x{suffix}",
            "range": [ys[0], ys[-1]],
            "scaleanchor": f"x{suffix}",
            "scaleratio": 1,
            "showgrid": False,
            "constrain": "domain",
        }
        layout["annotations"].append(
            {
                "text": titles.get(name, name),
                "x": sum(GRID_X[col]) / 2,
                "y": GRID_Y[row][1] + 0.005,
                "xref": "paper",
                "yref": "paper",
                "xanchor": "center",
                "yanchor": "bottom",
                "showarrow": False,
                "font": {"size": TITLE_SIZE - 2},
            }
        )
    return fast_figure(traces, layout)


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
    layout = _layout(
        title, "", "error", barmode="group", height=460, uniformtext={"minsize": 14, "mode": "hide"}
    )
    layout["yaxis"]["tickformat"] = ".0%"
    layout["legend"] = {
        "font": {"size": FONT_SIZE},
        "orientation": "h",
        "x": 0.5,
        "xanchor": "center",
        "y": -0.12,
        "yanchor": "top",
    }
    layout["margin"] = {"l": 70, "r": 20, "t": 60, "b": 40}
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
    traces, xs, top = [], [], bayes
    for dash, (name, curve) in zip(MODEL_DASHES, curves.items(), strict=False):
        x = np.asarray(curve.x, dtype=float)
        xs.append(x)
        for part, color in (("train", TRAIN_COLOR), ("dev", DEV_COLOR)):
            y = np.asarray(getattr(curve, f"{part}_error"), dtype=float)
            top = max(top, float(np.nanmax(y)))
            traces.append(
                go.Scatter(
                    x=x,
                    y=y,
                    mode="lines+markers",
                    name=f"{name} · {part}",
                    line={"color": color, "width": 3, "dash": dash},
                    marker={"size": 8, "color": color},
                    hovertemplate=f"{name} · {part}<br>{x_title} = %{{x}}<br>error %{{y:.1%}}"
                    "<extra></extra>",
                )
            )
    span = np.concatenate(xs)
    traces.append(
        go.Scatter(
            x=[span.min(), span.max()],
            y=[bayes, bayes],
            mode="lines",
            name="Bayes error",
            line={"color": BAYES_COLOR, "width": 2, "dash": "dot"},
            hovertemplate=f"Bayes error ≈ {bayes:.1%}<extra></extra>",
        )
    )
    layout = _layout(title, x_title, "error", height=540)
    layout["yaxis"].update(range=[0, min(1.0, top * 1.1 + 0.02)], tickformat=".0%")
    if log_base == 2:
        ticks = sorted({int(v) for v in span})
        layout["xaxis"].update(type="log", tickvals=ticks, ticktext=[str(t) for t in ticks])
    else:
        ticks = [
            v * 10**k
            for k in range(int(np.log10(span.min())), int(np.log10(span.max())) + 1)
            for v in (1, 2, 5)
            if span.min() <= v * 10**k <= span.max()
        ]
        layout["xaxis"].update(type="log", tickvals=ticks, ticktext=[f"{t:g}" for t in ticks])
    layout["legend"] = {
        "font": {"size": FONT_SIZE - 1},
        "orientation": "h",
        "x": 0.5,
        "xanchor": "center",
        "y": -0.2,
        "yanchor": "top",
    }
    layout["margin"] = {"l": 70, "r": 20, "t": 60, "b": 40}
    return fast_figure(traces, layout)
