"""Decision boundaries: what a 2-input network predicts over the plane, with the data on top.

One implementation for every page: :func:`decision_boundary` draws one network and
:func:`boundaries` a grid of them on a shared plane; figures with their own arrangement (A vs B,
the mismatched dev sets) are built from the same pieces: :func:`boundary_grid`, :func:`region`
and :func:`point_traces`.

The network is evaluated once, on a ``resolution`` × ``resolution`` grid, in one batched
``forward(grid, training=False)`` call. For a sigmoid output the background is P(y = 1) on a
diverging scale centred at 0.5 (class 0 colour → white → class 1 colour) with the 0.5 level
drawn as a line; for a softmax output each cell takes the colour of its argmax class, fading to
white as the top probability falls towards 1/C.

Networks are read by duck typing: ``forward(X, training=False)`` returning P(y = 1) of shape
(1, m) (``output == "sigmoid"``) or the C class probabilities (C, m) (``output == "softmax"``),
and ``layer_dims`` (``layer_dims[0] == 2``; ``layer_dims[-1]`` is 1 for sigmoid, C for softmax).

A network that has an ``inference_digest()`` (``playground.nn.Network``) is evaluated once per
server process for a given grid: the last ``REGIONS_KEPT`` backgrounds are kept, so a class whose
students all open the same scene (the same untrained networks) computes its boundaries once.
"""

from __future__ import annotations

import copy
import math
from collections.abc import Mapping
from typing import Any

import numpy as np
import plotly.graph_objects as go

from playground.engine.blas import one_blas_thread
from playground.engine.config import (
    check_choice,
    check_int,
    check_labels,
    check_matrix,
    check_range,
)
from playground.engine.kept import Kept
from playground.plotting.axes import equal_aspect, plane_layout
from playground.plotting.panels import grid_layout
from playground.plotting.style import (
    CLASS_COLORS,
    blend_with_white,
    fast_figure,
    horizontal_legend,
    panels_layout,
)

RESOLUTION = 100
"""Default grid points along each axis of a boundary."""
MARGIN = 0.5
"""Padding around the data, in feature units, on each side of a boundary's plane."""
REGION_MAX_ALPHA = 0.5
"""Strength of a class colour in the decision-region background at full confidence (0..1)."""
CLASS_SPAN = 0.98
"""Width of the z band used by one class in the softmax region heatmap (see :func:`region`)."""
WEBGL_POINTS = 5_000
"""From this many points a set is drawn with WebGL (``scattergl``)."""
TRAIN_POINTS = {"symbol": "circle", "outline": "white"}
"""Training points: circles outlined in white."""
DEV_POINTS = {"symbol": "diamond", "outline": "#1a1a1a"}
"""Dev points: diamonds outlined in near black."""
MAX_PANELS = 12
"""Most networks :func:`boundaries` draws in one figure."""
PANEL_GAP_PX = 90
"""Height between two rows of :func:`boundaries`' panels, in px: the lower row's titles."""
REGIONS_KEPT = 32
"""Backgrounds (:func:`region`) a server process keeps for networks that have a digest
(≈ 0.1–0.2 MB each)."""

_REGIONS: Kept[dict[str, Any]] = Kept(REGIONS_KEPT)


def boundary_grid(
    X: np.ndarray, resolution: int = RESOLUTION, margin: float = MARGIN
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Build a regular grid covering the data, ready for one batched forward pass.

    Parameters
    ----------
    X : np.ndarray
        Examples of shape (2, m), features in rows.
    resolution : int
        Grid points along each axis, in [10, 1000].
    margin : float
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


def classes_of(net: Any, name: str = "net") -> int:
    """The number of classes C a 2-input network tells apart (2 for a sigmoid output).

    Raises
    ------
    ValueError
        If ``net.output`` is neither "sigmoid" nor "softmax", the network does not take 2
        inputs, or it has more classes than there are class colours.
    """
    check_choice(f"{name}.output", net.output, ("sigmoid", "softmax"))
    if net.layer_dims[0] != 2:
        raise ValueError(
            f"{name} must take 2 input features to draw a decision boundary; "
            f"got layer_dims[0] = {net.layer_dims[0]}"
        )
    if net.output == "sigmoid":
        check_int(f"{name}.layer_dims[-1]", net.layer_dims[-1], 1, 1)
        return 2
    return check_int(f"{name}.layer_dims[-1]", net.layer_dims[-1], 2, len(CLASS_COLORS))


def region(
    net: Any,
    xs: np.ndarray,
    ys: np.ndarray,
    grid: np.ndarray,
    colorbar: bool = False,
    name: str = "net",
) -> dict[str, Any]:
    """The background of a boundary: what ``net`` predicts at every point of the grid.

    ``xs``, ``ys`` and ``grid`` come from :func:`boundary_grid` (``xs = xx[0]``,
    ``ys = yy[:, 0]``). The network runs once on the whole grid, with one BLAS thread (faster
    for these small matrices); a network with an ``inference_digest()`` seen on this grid
    before gets a copy of the background kept then. ``name`` is how error messages call the
    network.

    Returns
    -------
    dict
        A ``contour`` trace of P(y = 1) with its 0.5 line (sigmoid; its colour bar shown only
        if ``colorbar``) or a ``heatmap`` of the argmax class shaded by confidence (softmax).

    Raises
    ------
    ValueError
        If the network is not one :func:`classes_of` accepts or ``forward`` returns a wrong
        shape.
    """
    n_classes = classes_of(net, name)
    key = _region_key(net, xs, ys, colorbar)
    if key is None:
        return _predicted_region(net, xs, ys, grid, colorbar, name, n_classes)
    kept = _REGIONS.get(
        key, lambda: _predicted_region(net, xs, ys, grid, colorbar, name, n_classes)
    )
    return copy.deepcopy(kept)  # the caller's own: figures change their traces


def _region_key(net: Any, xs: np.ndarray, ys: np.ndarray, colorbar: bool) -> tuple | None:
    """What a background depends on (None for a network without an ``inference_digest``)."""
    digest = getattr(net, "inference_digest", None)
    if digest is None:
        return None
    return digest(), xs.tobytes(), ys.tobytes(), colorbar


def _predicted_region(
    net: Any,
    xs: np.ndarray,
    ys: np.ndarray,
    grid: np.ndarray,
    colorbar: bool,
    name: str,
    n_classes: int,
) -> dict[str, Any]:
    """What ``net`` predicts on the grid, as :func:`region`'s trace (the network runs here)."""
    with one_blas_thread():  # small matrices: one thread is faster
        probs = np.asarray(net.forward(grid, training=False))
    binary = net.output == "sigmoid"
    expected = (1 if binary else n_classes, grid.shape[1])
    if probs.shape != expected:
        raise ValueError(f"{name}.forward must return shape {expected}; got {probs.shape}")
    if binary:
        return _probability_map(xs, ys, probs.reshape(len(ys), len(xs)), colorbar)
    return _class_map(xs, ys, probs)


def _probability_map(
    xs: np.ndarray, ys: np.ndarray, prob: np.ndarray, colorbar: bool
) -> dict[str, Any]:
    """P(y = 1) on a diverging scale centred at 0.5, with the 0.5 level line, as a contour."""
    colorscale = [
        [0.0, blend_with_white(CLASS_COLORS[0], REGION_MAX_ALPHA)],
        [0.5, "rgb(255,255,255)"],
        [1.0, blend_with_white(CLASS_COLORS[1], REGION_MAX_ALPHA)],
    ]
    return {
        "type": "contour",
        "x": xs,
        "y": ys,
        "z": prob.astype(np.float32),
        "zmin": 0.0,
        "zmax": 1.0,
        "zmid": 0.5,
        "colorscale": colorscale,
        "contours": {"coloring": "heatmap", "start": 0.5, "end": 0.5, "size": 1.0},
        "line": {"color": "#222222", "width": 3},
        "showscale": colorbar,
        "colorbar": {
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
        "name": "P(y = 1)",
        "showlegend": False,
        "hovertemplate": "x₁ = %{x:.2f}<br>x₂ = %{y:.2f}<br>P(y = 1) = %{z:.3f}<extra></extra>",
    }


def _class_map(xs: np.ndarray, ys: np.ndarray, probs: np.ndarray) -> dict[str, Any]:
    """The argmax-class map shaded by confidence, as a heatmap.

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
        colorscale.append([k / n_classes, "rgb(255,255,255)"])
        full = blend_with_white(CLASS_COLORS[k], REGION_MAX_ALPHA)
        colorscale.append([(k + CLASS_SPAN) / n_classes, full])
    colorscale.append([1.0, colorscale[-1][1]])
    return {
        "type": "heatmap",
        "x": xs,
        "y": ys,
        "z": z.reshape(len(ys), len(xs)).astype(np.float32),
        "zmin": 0.0,
        "zmax": float(n_classes),
        "colorscale": colorscale,
        "showscale": False,
        "name": "predicted class",
        "showlegend": False,
        "hoverinfo": "skip",
    }


def marker_size(m: int, largest: int) -> int:
    """A marker size for m points: ``largest`` up to 500 points, smaller for crowded plots."""
    return largest if m <= 500 else max(4, largest - 3) if m <= 2000 else max(3, largest - 5)


def point_traces(
    X: np.ndarray,
    Y: np.ndarray,
    group: str,
    size: int = 9,
    symbol: str = "circle",
    outline: str = "white",
    **extra: Any,
) -> list[dict[str, Any]]:
    """One marker trace per class present in Y (in the class's colour), in legend group ``group``.

    ``size`` is the marker size for up to 500 points; more points get smaller markers
    (:func:`marker_size`), and WebGL from ``WEBGL_POINTS``. ``extra`` entries (``opacity``,
    ``showlegend``, ``xaxis``, …) are added to every trace. The traces are plain dicts for
    ``fast_figure``: a page draws dozens per rerun, and a checked ``go.Scatter`` costs ~1 ms.
    """
    X = check_matrix(f"X ({group})", X, rows=2)
    Y = check_labels(f"Y ({group})", Y, X.shape[1], len(CLASS_COLORS))
    size = marker_size(X.shape[1], size)
    kind = "scattergl" if X.shape[1] >= WEBGL_POINTS else "scatter"
    traces = []
    for k in np.unique(Y):
        members = Y[0] == k
        traces.append(
            {
                "type": kind,
                "x": X[0, members],
                "y": X[1, members],
                "mode": "markers",
                "name": f"y = {k}",
                "legendgroup": group,
                "legendgrouptitle": {"text": group},
                "marker": {
                    "color": CLASS_COLORS[k],
                    "symbol": symbol,
                    "size": size,
                    "line": {"color": outline, "width": 1},
                },
                "hovertemplate": f"{group}, y = {k}<br>x₁ = %{{x:.2f}}<br>x₂ = %{{y:.2f}}"
                "<extra></extra>",
                **extra,
            }
        )
    return traces


def data_sets(
    X_train: np.ndarray,
    Y_train: np.ndarray,
    X_dev: np.ndarray | None,
    Y_dev: np.ndarray | None,
    n_classes: int,
) -> dict[str, tuple[np.ndarray, np.ndarray]]:
    """{"train": (X_train, Y_train), "dev": (X_dev, Y_dev)} checked (features in rows, labels
    in 0 … n_classes − 1); without a dev set, "train" only.

    Raises
    ------
    ValueError
        Naming the malformed argument, or if only one of X_dev and Y_dev is given.
    """
    X_train = check_matrix("X_train", X_train, rows=2)
    sets = {"train": (X_train, check_labels("Y_train", Y_train, X_train.shape[1], n_classes))}
    if (X_dev is None) != (Y_dev is None):
        raise ValueError("X_dev and Y_dev must be given together (or both left as None)")
    if X_dev is not None:
        X_dev = check_matrix("X_dev", X_dev, rows=2)
        sets["dev"] = (X_dev, check_labels("Y_dev", Y_dev, X_dev.shape[1], n_classes))
    return sets


def set_points(
    sets: Mapping[str, tuple[np.ndarray, np.ndarray]], size: int = 9, **extra: Any
) -> list[dict[str, Any]]:
    """The marker traces of every set of :func:`data_sets`: training points as circles of
    ``size``, dev points as diamonds one size larger."""
    traces = []
    for group, (X, Y) in sets.items():
        style = TRAIN_POINTS if group == "train" else DEV_POINTS
        grown = size if group == "train" else size + 1
        traces += point_traces(X, Y, group, grown, **style, **extra)
    return traces


def _extent(sets: Mapping[str, tuple[np.ndarray, np.ndarray]]) -> np.ndarray:
    """Every point of every set, shape (2, m): what the plane must cover."""
    return np.hstack([X for X, _ in sets.values()])


def decision_boundary(
    net: Any,
    X_train: np.ndarray,
    Y_train: np.ndarray,
    X_dev: np.ndarray | None = None,
    Y_dev: np.ndarray | None = None,
    resolution: int = RESOLUTION,
    title: str = "Decision boundary",
) -> go.Figure:
    """Plot what a 2-input network predicts over the plane, with the data points on top.

    Parameters
    ----------
    net : object
        Trained network (see the module's docstring).
    X_train : np.ndarray
        Training examples, shape (2, m_train).
    Y_train : np.ndarray
        Training labels, shape (1, m_train), ints in 0..C-1.
    X_dev, Y_dev : np.ndarray, optional
        Dev examples (2, m_dev) and labels (1, m_dev); give both or neither.
    resolution : int
        Grid points along each axis, in [10, 1000].
    title : str, default "Decision boundary"
        Figure title.

    Returns
    -------
    go.Figure
        Trace 0 is the background (a ``Contour`` with its colour bar for sigmoid, a
        ``Heatmap`` for softmax); the rest are marker traces, one per split and class present,
        with ``legendgroup`` "train" or "dev" and name "y = k". Both axes have the same units
        per pixel.

    Raises
    ------
    ValueError
        If an argument is malformed, a label is not a class of the network, the network does
        not take 2 inputs or has more than 10 classes, or ``net.forward`` returns a wrong shape.
    """
    n_classes = classes_of(net)
    sets = data_sets(X_train, Y_train, X_dev, Y_dev, n_classes)
    xx, yy, grid = boundary_grid(_extent(sets), resolution=resolution)
    xs, ys = xx[0], yy[:, 0]
    traces = [region(net, xs, ys, grid, colorbar=True), *set_points(sets)]
    legend = horizontal_legend(-0.14, groupclick="toggleitem")
    layout = plane_layout(title, "x₁", "x₂", xs, ys, 560, legend=legend)
    return fast_figure(traces, layout)


def boundaries(
    nets: Mapping[str, Any],
    X_train: np.ndarray,
    Y_train: np.ndarray,
    X_dev: np.ndarray | None = None,
    Y_dev: np.ndarray | None = None,
    titles: Mapping[str, str] | None = None,
    resolution: int = RESOLUTION,
    columns: int | None = None,
    title: str = "Decision boundaries",
    row_height: int | None = None,
    colorbar: bool = False,
) -> go.Figure:
    """The decision boundaries of several 2-input networks in a grid, the same data on each.

    Every panel is drawn like :func:`decision_boundary` on one shared plane (each network runs
    once on the same grid), with smaller markers; the legend and (if ``colorbar``) the
    P(y = 1) colour bar appear once.

    Parameters
    ----------
    nets : name → network, 1 to ``MAX_PANELS``; drawn row by row.
    X_train, Y_train, X_dev, Y_dev : the points drawn on every panel, as for
        :func:`decision_boundary` (dev points both or neither).
    titles : name → panel title (default: the name).
    resolution : grid points per axis of each panel, in [10, 400].
    columns : panels per row, in [1, 6]; default all of them up to 4, else 3.
    title : figure title ("" for none).
    row_height : height of a row of panels in px; default 1080 px shared by the columns, at
        most 440.
    colorbar : show the P(y = 1) colour bar (sigmoid networks) beside the grid.

    Returns
    -------
    go.Figure
        Per panel p (axes x{p}/y{p}, x/y for the first): the background, then the point
        traces (legend group "train" / "dev", shown in the legend for the first panel only);
        the panel titles are annotations.

    Raises
    ------
    ValueError
        If there are no networks or too many, an argument is malformed, or a network is not
        one :func:`decision_boundary` draws (naming it: ``nets['adam']…``).
    """
    if not isinstance(nets, Mapping) or not 1 <= len(nets) <= MAX_PANELS:
        raise ValueError(f"nets must map 1 to {MAX_PANELS} names to networks")
    names = list(nets)
    n_classes = max(classes_of(nets[name], f"nets[{name!r}]") for name in names)
    sets = data_sets(X_train, Y_train, X_dev, Y_dev, n_classes)
    resolution = check_int("resolution", resolution, 10, 400)
    if columns is None:
        columns = len(names) if len(names) <= 4 else 3
    columns = min(check_int("columns", columns, 1, 6), len(names))
    rows = math.ceil(len(names) / columns)
    row_height = row_height or min(440, 1080 // columns)
    titles = [(titles or {}).get(name, name) for name in names]
    gap_y = PANEL_GAP_PX / (rows * row_height)  # room for the titles of the next row
    layout, refs = grid_layout(rows, columns, titles, gap_x=0.08, gap_y=gap_y)
    xx, yy, grid = boundary_grid(_extent(sets), resolution=resolution)
    xs, ys = xx[0], yy[:, 0]
    traces: list[dict[str, Any]] = []
    for index, (name, (x_ref, y_ref)) in enumerate(zip(names, refs, strict=False)):
        axes = {"xaxis": x_ref, "yaxis": y_ref}
        background = region(nets[name], xs, ys, grid, colorbar and index == 0, f"nets[{name!r}]")
        traces.append(background | axes)
        traces += set_points(sets, 7, showlegend=index == 0, **axes)
        equal_aspect(layout, xs, ys, x_ref, y_ref, showgrid=False)
        layout["yaxis" + y_ref[1:]]["constraintoward"] = "top"  # right under its title
    for x_ref, y_ref in refs[len(names) :]:  # empty cells of the last row
        layout["xaxis" + x_ref[1:]]["visible"] = layout["yaxis" + y_ref[1:]]["visible"] = False
    top = 100 if title else 40
    figure_layout = panels_layout(
        title,
        height=top + rows * row_height + 40,
        margin={"l": 40, "r": 20, "t": top, "b": 40},
        legend=horizontal_legend(-0.04, groupclick="toggleitem"),
    )
    return fast_figure(traces, figure_layout | layout)
