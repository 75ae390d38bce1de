"""Plotly figures for training results: decision boundaries, learning curves and weight statistics.

Every function is pure: it takes results (arrays, a network, a training history) and returns a
``plotly.graph_objects.Figure`` without side effects. The figures are styled for a classroom
projector: ``plotly_white`` template, fonts of at least 14 px and the colour-blind-safe
Okabe-Ito palette.

The network and the history are used by duck typing (see :func:`decision_boundary` and
:func:`cost_curves` for the attributes read), so this module imports nothing else from the core.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import numpy as np
import plotly.graph_objects as go
from plotly.colors import sample_colorscale

from playground.engine.config import (
    check_choice,
    check_int,
    check_labels,
    check_matrix,
    check_range,
)
from playground.engine.train import StopReason

CLASS_COLORS: tuple[str, ...] = (
    "#0072B2",  # blue
    "#D55E00",  # vermillion
    "#009E73",  # bluish green
    "#CC79A7",  # reddish purple
    "#E69F00",  # orange
    "#56B4E9",  # sky blue
    "#F0E442",  # yellow
    "#882255",  # wine (Tol)
    "#999933",  # olive (Tol)
    "#000000",  # black
)
"""Colour of class k (Okabe-Ito, completed with two of Paul Tol's colours to reach 10 classes)."""

TRAIN_COLOR = CLASS_COLORS[0]
"""Colour of the training-set curves."""
DEV_COLOR = CLASS_COLORS[1]
"""Colour of the dev-set curves."""

FONT_SIZE = 16
"""Base font size of every figure, in px."""
TITLE_SIZE = 20
"""Font size of figure titles, in px."""

REGION_MAX_ALPHA = 0.5
"""Strength of a class colour in the decision-region background at full confidence (0..1)."""
CLASS_SPAN = 0.98
"""Width of the z band used by one class in the softmax region heatmap (see decision_boundary)."""

_SCATTERGL_MIN_POINTS = 5_000
_STOP_MESSAGES = {
    StopReason.DIVERGED: "Training diverged",
    StopReason.EARLY_STOPPING: "Early stopping",
    StopReason.CANCELLED: "Training cancelled",
}
_STOPPED_REASONS = (None, *StopReason)


# --------------------------------------------------------------------------------------------
# Shared styling helpers
# --------------------------------------------------------------------------------------------


def _layout(title: str, x_title: str, y_title: str, **extra: Any) -> dict[str, Any]:
    """Return the common layout: projector-sized fonts, white template, titled axes."""
    layout: dict[str, Any] = {
        "template": "plotly_white",
        "title": {"text": title, "font": {"size": TITLE_SIZE}, "x": 0.5, "xanchor": "center"},
        "font": {"size": FONT_SIZE},
        "legend": {"font": {"size": FONT_SIZE}},
        "hoverlabel": {"font": {"size": FONT_SIZE}},
        "xaxis": {"title": {"text": x_title}},
        "yaxis": {"title": {"text": y_title}},
        "margin": {"l": 70, "r": 30, "t": 70, "b": 60},
    }
    layout.update(extra)
    return layout


def panel_titles(titles: Iterable[tuple[str, float]]) -> list[dict[str, Any]]:
    """Titles above side-by-side panels: one paper-anchored annotation per (text, x centre)."""
    return [
        {
            "text": text,
            "x": x,
            "y": 1.0,
            "xref": "paper",
            "yref": "paper",
            "xanchor": "center",
            "yanchor": "bottom",
            "showarrow": False,
            "font": {"size": FONT_SIZE + 1},
        }
        for text, x in titles
    ]


def reference_line(
    *,
    x: float | None = None,
    y: float | None = None,
    color: str = "#000000",
    width: float = 2.0,
    dash: str = "dash",
) -> dict[str, Any]:
    """A line shape across the whole plot: vertical at data ``x`` or horizontal at data ``y``
    (a threshold, a chosen ε, the epoch a run stopped at)."""
    if (x is None) == (y is None):
        raise ValueError("reference_line needs exactly one of x (vertical) or y (horizontal)")
    style = {"type": "line", "line": {"color": color, "width": width, "dash": dash}}
    if x is not None:
        return style | {"xref": "x", "yref": "paper", "x0": x, "x1": x, "y0": 0, "y1": 1}
    return style | {"xref": "paper", "yref": "y", "x0": 0, "x1": 1, "y0": y, "y1": y}


def _blend_with_white(color: str, alpha: float) -> str:
    """Return ``color`` (``#rrggbb``) painted with opacity ``alpha`` over white, as ``rgb()``."""
    rgb = [int(color[i : i + 2], 16) for i in (1, 3, 5)]
    mixed = [round(255 + alpha * (c - 255)) for c in rgb]
    return f"rgb({mixed[0]},{mixed[1]},{mixed[2]})"


def _series_colors(n: int) -> list[str]:
    """Return ``n`` distinguishable colours: the class palette, or Viridis samples for many."""
    if n <= len(CLASS_COLORS):
        return list(CLASS_COLORS[:n])
    return sample_colorscale("Viridis", list(np.linspace(0.0, 0.85, n)))


def _log_axis(values: np.ndarray) -> dict[str, Any]:
    """Return y-axis settings for a log scale whose tick labels stay full size and apart.

    A tick format makes plotly write every tick label in full (by default the ticks between
    powers of ten get small single digits, unreadable on a projector), so the tick spacing is
    chosen here from the decades spanned by ``values``: automatic within one decade, 1-2-5 per
    decade up to three decades, then whole decades with at most about six labels.
    """
    axis: dict[str, Any] = {"type": "log", "tickformat": "~g"}
    positive = values[np.isfinite(values) & (values > 0)]
    if positive.size:
        decades = float(np.log10(positive.max() / positive.min()))
        if decades > 3:
            axis["dtick"] = int(np.ceil(decades / 6))
        elif decades > 1:
            axis["dtick"] = "D2"
    return axis


def _finite_or_nan(values: object) -> np.ndarray:
    """Return ``values`` as a 1-D float array with every non-finite entry replaced by NaN."""
    array = np.asarray(values, dtype=np.float64).ravel()
    return np.where(np.isfinite(array), array, np.nan)


# --------------------------------------------------------------------------------------------
# Decision boundary
# --------------------------------------------------------------------------------------------


def boundary_grid(
    X: np.ndarray, resolution: int = 200, margin: float = 0.5
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Build a regular grid covering the data, ready for one batched forward pass.

    Parameters
    ----------
    X : np.ndarray
        Examples of shape (2, m), features in rows.
    resolution : int, default 200
        Grid points along each axis, in [10, 1000].
    margin : float, default 0.5
        Padding added on each side of the data range, in feature units, in [0, 1e6].

    Returns
    -------
    xx, yy : np.ndarray
        Coordinates of shape (resolution, resolution) as from ``np.meshgrid``: ``xx[i, j]`` is
        the j-th x₁ value and ``yy[i, j]`` the i-th x₂ value.
    grid : np.ndarray
        The grid points as columns, shape (2, resolution²): ``grid[:, i * resolution + j]`` is
        ``(xx[i, j], yy[i, j])``.

    Raises
    ------
    ValueError
        If ``X`` is not a finite (2, m) array or ``resolution`` / ``margin`` is out of range.
    """
    X = check_matrix("X", X, rows=2)
    resolution = check_int("resolution", resolution, 10, 1000)
    margin = check_range("margin", margin, 0.0, 1e6)
    low = X.min(axis=1) - margin
    high = X.max(axis=1) + margin
    # A constant feature would give a zero-width axis; widen it so the grid stays 2-D.
    flat = high - low < 1e-9
    low, high = np.where(flat, low - 0.5, low), np.where(flat, high + 0.5, high)
    xx, yy = np.meshgrid(
        np.linspace(low[0], high[0], resolution), np.linspace(low[1], high[1], resolution)
    )
    grid = np.vstack([xx.ravel(), yy.ravel()])
    return xx, yy, grid


def _binary_background(xs: np.ndarray, ys: np.ndarray, prob: np.ndarray) -> go.Contour:
    """Return the P(y=1) map with its 0.5 level line, as one heatmap-coloured Contour trace."""
    colorscale = [
        [0.0, _blend_with_white(CLASS_COLORS[0], REGION_MAX_ALPHA)],
        [0.5, "rgb(255,255,255)"],
        [1.0, _blend_with_white(CLASS_COLORS[1], REGION_MAX_ALPHA)],
    ]
    return go.Contour(
        x=xs,
        y=ys,
        z=prob.astype(np.float32),
        zmin=0.0,
        zmax=1.0,
        zmid=0.5,
        colorscale=colorscale,
        contours={"coloring": "heatmap", "start": 0.5, "end": 0.5, "size": 1.0},
        line={"color": "#222222", "width": 3},
        colorbar={
            "title": {"text": "P(y = 1)", "side": "right"},
            "tickvals": [0, 0.25, 0.5, 0.75, 1],
            "orientation": "v",
            "x": 1.02,
            "xanchor": "left",
            "y": 0.5,
            "yanchor": "middle",
            "len": 0.7,
            "thickness": 14,
        },
        name="P(y = 1)",
        showlegend=False,
        hovertemplate="x₁ = %{x:.2f}<br>x₂ = %{y:.2f}<br>P(y = 1) = %{z:.3f}<extra></extra>",
    )


def _softmax_background(xs: np.ndarray, ys: np.ndarray, probs: np.ndarray) -> go.Heatmap:
    """Return the argmax-class map shaded by confidence, as one Heatmap trace.

    Cell value ``k + CLASS_SPAN * t`` encodes the predicted class ``k`` and the confidence
    ``t = (max_prob - 1/C) / (1 - 1/C)`` in [0, 1]; the piecewise colour scale paints class
    ``k`` from white (t = 0, a tie) to its palette colour at ``REGION_MAX_ALPHA`` (t = 1).
    """
    n_classes = probs.shape[0]
    chance = 1.0 / n_classes
    confidence = (probs.max(axis=0) - chance) / (1.0 - chance)
    z = probs.argmax(axis=0) + CLASS_SPAN * np.clip(confidence, 0.0, 1.0)
    colorscale = []
    for k in range(n_classes):
        color = CLASS_COLORS[k]
        colorscale.append([k / n_classes, "rgb(255,255,255)"])
        full = _blend_with_white(color, REGION_MAX_ALPHA)
        colorscale.append([(k + CLASS_SPAN) / n_classes, full])
    colorscale.append([1.0, colorscale[-1][1]])
    return go.Heatmap(
        x=xs,
        y=ys,
        z=z.reshape(len(ys), len(xs)).astype(np.float32),
        zmin=0.0,
        zmax=float(n_classes),
        colorscale=colorscale,
        showscale=False,
        name="predicted class",
        showlegend=False,
        hoverinfo="skip",
    )


def _point_traces(X: np.ndarray, Y: np.ndarray, split: str, n_classes: int) -> list[go.Scatter]:
    """Return one marker trace per class present in ``Y``, grouped in the legend under ``split``."""
    scatter = go.Scattergl if X.shape[1] >= _SCATTERGL_MIN_POINTS else go.Scatter
    size = 9 if X.shape[1] <= 500 else 6 if X.shape[1] <= 2000 else 4
    if split == "train":
        marker = {"symbol": "circle", "size": size, "line": {"color": "white", "width": 1}}
    else:
        marker = {"symbol": "diamond", "size": size + 1, "line": {"color": "#1a1a1a", "width": 1}}
    traces = []
    labels = Y.ravel()
    for k in range(n_classes):
        members = labels == k
        if not members.any():
            continue
        traces.append(
            scatter(
                x=X[0, members],
                y=X[1, members],
                mode="markers",
                name=f"y = {k}",
                legendgroup=split,
                legendgrouptitle={"text": split},
                marker={**marker, "color": CLASS_COLORS[k]},
                hovertemplate=f"{split}, y = {k}<br>x₁ = %{{x:.2f}}<br>x₂ = %{{y:.2f}}"
                "<extra></extra>",
            )
        )
    return traces


def decision_boundary(
    net: Any,
    X_train: np.ndarray,
    Y_train: np.ndarray,
    X_dev: np.ndarray | None = None,
    Y_dev: np.ndarray | None = None,
    resolution: int = 200,
    title: str = "Decision boundary",
) -> go.Figure:
    """Plot what a 2-input network predicts over the plane, with the data points on top.

    The network is evaluated once, on a ``resolution`` by ``resolution`` grid in a single batched
    ``net.forward(grid, training=False)`` call. For a sigmoid output the background is P(y=1)
    on a diverging scale centred at 0.5 (class 0 colour → white → class 1 colour) with the 0.5
    level drawn as a line; for a softmax output each cell takes the colour of its argmax class,
    fading to white as the top probability falls towards 1/C.

    Parameters
    ----------
    net : object
        Trained network with ``forward(X, training=False)`` returning probabilities of shape
        (1, m) (sigmoid, P(y=1)) or (C, m) (softmax), ``layer_dims`` (``layer_dims[0] == 2``;
        ``layer_dims[-1]`` is 1 for sigmoid, C for softmax) and ``output`` in
        {"sigmoid", "softmax"}.
    X_train : np.ndarray
        Training examples, shape (2, m_train).
    Y_train : np.ndarray
        Training labels, shape (1, m_train), ints in 0..C-1.
    X_dev, Y_dev : np.ndarray, optional
        Dev examples (2, m_dev) and labels (1, m_dev); give both or neither.
    resolution : int, default 200
        Grid points along each axis, in [10, 1000].
    title : str, default "Decision boundary"
        Figure title.

    Returns
    -------
    go.Figure
        Trace 0 is the background (a ``Contour`` for sigmoid, a ``Heatmap`` for softmax); the
        rest are marker traces, one per split and class present, with ``legendgroup`` "train"
        or "dev" and name "y = k".

    Raises
    ------
    ValueError
        If an argument is malformed, a label is not a class of the network, the network does
        not take 2 inputs or has more than 10 classes, or ``net.forward`` returns a wrong shape.
    """
    check_choice("net.output", net.output, ("sigmoid", "softmax"))
    binary = net.output == "sigmoid"
    n_inputs, n_outputs = net.layer_dims[0], net.layer_dims[-1]
    if n_inputs != 2:
        raise ValueError(
            f"net must take 2 input features to draw a decision boundary; "
            f"got layer_dims[0] = {n_inputs}"
        )
    low, high = (1, 1) if binary else (2, len(CLASS_COLORS))
    check_int("net.layer_dims[-1]", n_outputs, low, high)
    n_classes = 2 if binary else n_outputs
    X_train = check_matrix("X_train", X_train, rows=2)
    Y_train = check_labels("Y_train", Y_train, X_train.shape[1], n_classes)
    if (X_dev is None) != (Y_dev is None):
        raise ValueError("X_dev and Y_dev must be given together (or both left as None)")
    X_all = X_train
    if X_dev is not None:
        X_dev = check_matrix("X_dev", X_dev, rows=2)
        Y_dev = check_labels("Y_dev", Y_dev, X_dev.shape[1], n_classes)
        X_all = np.hstack([X_train, X_dev])
    xx, yy, grid = boundary_grid(X_all, resolution=resolution)

    probs = np.asarray(net.forward(grid, training=False))
    expected = (1 if binary else n_classes, grid.shape[1])
    if probs.shape != expected:
        raise ValueError(f"net.forward must return shape {expected}; got {probs.shape}")
    xs, ys = xx[0], yy[:, 0]
    if binary:
        background = _binary_background(xs, ys, probs.reshape(resolution, resolution))
    else:
        background = _softmax_background(xs, ys, probs)

    traces: list[Any] = [background, *_point_traces(X_train, Y_train, "train", n_classes)]
    if X_dev is not None:
        traces += _point_traces(X_dev, Y_dev, "dev", n_classes)

    layout = _layout(
        title,
        "x₁",
        "x₂",
        height=560,
        margin={"l": 55, "r": 20, "t": 60, "b": 40},
        legend={
            "font": {"size": FONT_SIZE},
            "groupclick": "toggleitem",
            "orientation": "h",
            "x": 0.5,
            "xanchor": "center",
            "y": -0.1,
            "yanchor": "top",
        },
    )
    layout["xaxis"].update(range=[xs[0], xs[-1]], constrain="domain", showgrid=False)
    layout["yaxis"].update(
        range=[ys[0], ys[-1]], scaleanchor="x", scaleratio=1, constrain="domain", showgrid=False
    )
    return go.Figure(data=traces, layout=layout)


# --------------------------------------------------------------------------------------------
# Learning curves
# --------------------------------------------------------------------------------------------


def _history_epochs(history: Any) -> np.ndarray:
    """Return ``history.epochs`` as a 1-D int array."""
    return np.asarray(history.epochs, dtype=np.int64).ravel()


def _history_series(history: Any, attr: str, n_epochs: int) -> np.ndarray:
    """Return ``history.<attr>`` as floats (non-finite → NaN), checking one value per epoch."""
    values = _finite_or_nan(getattr(history, attr))
    if values.size != n_epochs:
        raise ValueError(
            f"history.{attr} must hold one value per epoch ({n_epochs}); got {values.size}"
        )
    return values


def _curve(x: np.ndarray, y: np.ndarray, name: str, color: str, y_format: str) -> go.Scatter:
    """Return a thick line trace for a per-epoch series; NaN values leave gaps."""
    return go.Scatter(
        x=x,
        y=y,
        mode="lines",
        name=name,
        line={"color": color, "width": 3},
        hovertemplate=f"{name}<br>epoch %{{x}}<br>%{{y:{y_format}}}<extra></extra>",
    )


def _train_dev_curves(
    history: Any, train_attr: str, dev_attr: str, y_format: str
) -> tuple[np.ndarray, list[go.Scatter]]:
    """Return the epochs and the "train" trace, plus the "dev" trace if any dev value is finite."""
    epochs = _history_epochs(history)
    train = _history_series(history, train_attr, epochs.size)
    dev = _history_series(history, dev_attr, epochs.size)
    traces = [_curve(epochs, train, "train", TRAIN_COLOR, y_format)]
    if np.isfinite(dev).any():
        traces.append(_curve(epochs, dev, "dev", DEV_COLOR, y_format))
    return epochs, traces


def cost_curves(history: Any, log_y: bool = False, title: str = "Cost") -> go.Figure:
    """Plot the train and dev cost J against the epoch.

    Parameters
    ----------
    history : object
        Training history with per-epoch lists ``epochs`` (ints from 1), ``train_cost`` and
        ``dev_cost`` (NaN when there is no dev set), plus ``best_epoch`` (int or None) and
        ``stopped_reason`` (None while training is still running, or one of "completed",
        "early_stopping", "diverged", "cancelled").
    log_y : bool, default False
        Use a logarithmic cost axis.
    title : str, default "Cost"
        Figure title.

    Returns
    -------
    go.Figure
        Traces "train", then "dev" (only if some dev cost is finite), then "best epoch" (a
        marker on the dev curve, or on the train curve without a dev set) when
        ``best_epoch`` is set. Non-finite costs are drawn as gaps. A stop other than
        "completed" is explained in an annotation.

    Raises
    ------
    ValueError
        If ``log_y`` is not a bool, a series does not have one value per epoch, ``best_epoch``
        is not one of the epochs, or ``stopped_reason`` is unknown.
    """
    check_choice("log_y", log_y, (False, True))
    check_choice("history.stopped_reason", history.stopped_reason, _STOPPED_REASONS)
    epochs, traces = _train_dev_curves(history, "train_cost", "dev_cost", ".4g")
    best = history.best_epoch
    if best is not None:
        (where,) = np.nonzero(epochs == best)
        if where.size == 0:
            raise ValueError(f"history.best_epoch must be one of history.epochs; got {best!r}")
        selected_on = traces[-1].y  # the dev curve if there is one, else the train curve
        traces.append(
            go.Scatter(
                x=[best],
                y=[selected_on[where[0]]],
                mode="markers",
                name="best epoch",
                marker={"symbol": "star", "size": 18, "color": "#000000"},
                hovertemplate="best epoch %{x}<br>cost %{y:.4g}<extra></extra>",
            )
        )
    layout = _layout(title, "epoch", "cost J")
    if log_y:
        layout["yaxis"].update(_log_axis(np.concatenate([trace.y for trace in traces])))
    message = _STOP_MESSAGES.get(history.stopped_reason)
    diverged = history.stopped_reason == StopReason.DIVERGED
    if message is not None:
        if epochs.size:
            message += f" after epoch {epochs[-1]}"
        if history.stopped_reason == StopReason.EARLY_STOPPING and best is not None:
            message += f" (best epoch {best})"
        layout["annotations"] = [
            {
                "text": message,
                "xref": "paper",
                "yref": "paper",
                "x": 1.0,
                "y": 1.0,
                "xanchor": "right",
                "yanchor": "top",
                "showarrow": False,
                "font": {
                    "size": FONT_SIZE,
                    "color": DEV_COLOR if diverged else "#222222",
                },
                "bgcolor": "rgba(255,255,255,0.85)",
                "bordercolor": "#444444",
                "borderwidth": 1,
                "borderpad": 4,
            }
        ]
    return go.Figure(data=traces, layout=layout)


def accuracy_curves(history: Any, title: str = "Accuracy") -> go.Figure:
    """Plot the train and dev accuracy against the epoch, on a 0-100 % axis.

    Parameters
    ----------
    history : object
        Training history with per-epoch lists ``epochs``, ``train_accuracy`` and
        ``dev_accuracy`` (fractions in [0, 1]; NaN when there is no dev set).
    title : str, default "Accuracy"
        Figure title.

    Returns
    -------
    go.Figure
        Traces "train" and, if some dev accuracy is finite, "dev"; y values stay fractions and
        the axis shows them as percentages.

    Raises
    ------
    ValueError
        If a series does not have one value per epoch.
    """
    _, traces = _train_dev_curves(history, "train_accuracy", "dev_accuracy", ".1%")
    layout = _layout(title, "epoch", "accuracy")
    layout["yaxis"].update(range=[0.0, 1.02], tickformat=".0%")
    return go.Figure(data=traces, layout=layout)


def norm_curves(
    history: Any, kind: str = "weight", log_y: bool = True, title: str | None = None
) -> go.Figure:
    """Plot the norm of each layer's weights (or weight gradients) against the epoch.

    Parameters
    ----------
    history : object
        Training history with ``epochs`` and ``weight_norms`` / ``grad_norms``: for each epoch,
        a list with one norm per layer (W1, W2, ...).
    kind : {"weight", "grad"}, default "weight"
        Plot ``history.weight_norms`` (traces W1, W2, ...) or ``history.grad_norms`` (traces
        dW1, dW2, ...).
    log_y : bool, default True
        Use a logarithmic norm axis (vanishing or exploding norms span decades).
    title : str, optional
        Figure title; defaults to "Weight norms" or "Gradient norms".

    Returns
    -------
    go.Figure
        One line per layer, in layer order; non-finite norms are drawn as gaps.

    Raises
    ------
    ValueError
        If ``kind`` or ``log_y`` is invalid, or the norms are not one equal-length list per
        epoch.
    """
    check_choice("kind", kind, ("weight", "grad"))
    check_choice("log_y", log_y, (False, True))
    attr = f"{kind}_norms"
    epochs = _history_epochs(history)
    rows = getattr(history, attr)
    n_layers = len(rows[0]) if len(rows) else 0
    if len(rows) != epochs.size or any(len(row) != n_layers for row in rows):
        raise ValueError(
            f"history.{attr} must hold, for each of the {epochs.size} epochs, a list with one "
            f"norm per layer (the same number of layers every epoch)"
        )
    norms = _finite_or_nan(rows).reshape(epochs.size, n_layers)
    prefix, y_title = ("W", "‖W[l]‖") if kind == "weight" else ("dW", "‖dW[l]‖")
    colors = _series_colors(n_layers)
    traces = [
        _curve(epochs, norms[:, layer], f"{prefix}{layer + 1}", colors[layer], ".3g")
        for layer in range(n_layers)
    ]
    default_title = "Weight norms" if kind == "weight" else "Gradient norms"
    layout = _layout(title if title is not None else default_title, "epoch", y_title)
    if log_y:
        layout["yaxis"].update(_log_axis(norms))
    return go.Figure(data=traces, layout=layout)


# --------------------------------------------------------------------------------------------
# Weight statistics
# --------------------------------------------------------------------------------------------


def _weight_keys(params: Mapping[str, Any]) -> list[str]:
    """Return the keys W1, W2, ... of ``params`` in layer order."""
    layers = [(int(m.group(1)), key) for key in params if (m := re.fullmatch(r"W(\d+)", key))]
    return [key for _, key in sorted(layers)]


def weight_histogram(
    params: Mapping[str, Any],
    keys: Sequence[str] | None = None,
    bins: int = 40,
    title: str = "Weight distribution",
) -> go.Figure:
    """Plot overlaid histograms of the weight values of several layers.

    The counts are computed here with shared bin edges (so the figure holds ``bins`` numbers
    per layer, not every weight) and normalised to the fraction of each layer's weights, so
    layers of very different sizes compare on one axis.

    Parameters
    ----------
    params : Mapping[str, np.ndarray]
        Parameters by name, e.g. ``{"W1": ..., "b1": ..., "W2": ...}``.
    keys : Sequence[str], optional
        Names of the arrays to plot; defaults to every ``W<l>`` in layer order.
    bins : int, default 40
        Number of bins shared by all layers, in [5, 200].
    title : str, default "Weight distribution"
        Figure title.

    Returns
    -------
    go.Figure
        One ``Bar`` trace per key (named after it) with the bin centres as x and the fraction
        of that layer's finite values in each bin as y. Non-finite values are left out; if no
        value is finite, the bars are all zero and an annotation says so.

    Raises
    ------
    ValueError
        If ``params`` is not a mapping, ``keys`` is empty or names a missing entry, or ``bins``
        is out of range.
    """
    if not isinstance(params, Mapping):
        kind = type(params).__name__
        raise ValueError(f"params must be a mapping of names to arrays; got {kind}")
    keys = _weight_keys(params) if keys is None else list(keys)
    if not keys:
        raise ValueError("keys must name at least one array (params holds no W1, W2, ...)")
    missing = [key for key in keys if key not in params]
    if missing:
        raise ValueError(f"keys must be entries of params; missing {missing}")
    bins = check_int("bins", bins, 5, 200)

    values = [np.asarray(params[key], dtype=np.float64).ravel() for key in keys]
    values = [v[np.isfinite(v)] for v in values]
    pooled = np.concatenate(values)
    edges = np.histogram_bin_edges(pooled if pooled.size else np.zeros(1), bins=bins)
    centers = (edges[:-1] + edges[1:]) / 2
    colors = _series_colors(len(keys))
    traces = []
    for key, v, color in zip(keys, values, colors, strict=True):
        counts, _ = np.histogram(v, bins=edges)
        fraction = counts / max(v.size, 1)
        traces.append(
            go.Bar(
                x=centers,
                y=fraction,
                width=edges[1] - edges[0],
                name=key,
                marker={"color": color, "line": {"width": 0}},
                opacity=0.55,
                hovertemplate=f"{key}<br>value ≈ %{{x:.3g}}<br>%{{y:.1%}} of weights"
                "<extra></extra>",
            )
        )
    layout = _layout(title, "weight value", "fraction of weights", barmode="overlay", bargap=0)
    layout["yaxis"]["tickformat"] = ".0%"
    if not pooled.size:
        layout["annotations"] = [
            {
                "text": "No finite weight values (did training diverge?)",
                "xref": "paper",
                "yref": "paper",
                "x": 0.5,
                "y": 0.5,
                "showarrow": False,
                "font": {"size": TITLE_SIZE, "color": DEV_COLOR},
            }
        ]
    return go.Figure(data=traces, layout=layout)
