"""Plotly figures of the initialization page: four decision boundaries, costs, layer-1 units.

Pure functions in the style of :mod:`playground.plots` (plotly_white, fonts ≥ 14 px, the
Okabe-Ito palette). Networks and histories are read by duck typing, as there.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import plotly.graph_objects as go

from playground.engine.config import check_choice, check_int, check_labels, check_matrix
from playground.plotting.base import (
    FONT_SIZE,
    _binary_background,
    _finite_or_nan,
    _layout,
    _log_axis,
    _point_traces,
    _series_colors,
    boundary_grid,
)

GRID = ((0, 0), (0, 1), (1, 0), (1, 1))
"""(row, column) of the first, second, third and fourth run in a 2 × 2 grid."""
MAX_CURVE_POINTS = 1500
"""A cost curve is thinned to about this many points (a 15 000-epoch run stays light)."""


def _check_panels(items: Mapping[str, Any], what: str) -> list[str]:
    if not isinstance(items, Mapping) or not 1 <= len(items) <= len(GRID):
        raise ValueError(f"{what} must map 1 to {len(GRID)} run names to values")
    return list(items)


def _check_titles(names: list[str], titles: Mapping[str, str]) -> None:
    missing = [name for name in names if name not in titles]
    if missing:
        raise ValueError(f"titles must have a title for every run; missing {missing}")


def _grid_layout(
    titles: list[str], gap_x: float, gap_y: float, **axis: Any
) -> tuple[dict[str, Any], list[tuple[str, str]]]:
    """Layout entries of a 2 × 2 grid of panels (axes x, x2, …, y, y2, … and panel titles),
    and each panel's (xaxis, yaxis) references, in ``GRID`` order.

    Built by hand rather than with ``make_subplots`` + ``add_trace``, which validate every
    trace again and cost ~100 ms per figure: too slow for a live redraw.
    """
    width, height = (1 - gap_x) / 2, (1 - gap_y) / 2
    layout: dict[str, Any] = {"annotations": []}
    refs = []
    for index, title in enumerate(titles):
        row, col = GRID[index]
        suffix = "" if index == 0 else str(index + 1)
        x0 = col * (width + gap_x)
        y1 = 1 - row * (height + gap_y)
        x_domain = [round(x0, 6), round(x0 + width, 6)]
        y_domain = [round(max(0.0, y1 - height), 6), round(y1, 6)]
        layout[f"xaxis{suffix}"] = {"domain": x_domain, "anchor": f"y{suffix}", **axis}
        layout[f"yaxis{suffix}"] = {"domain": y_domain, "anchor": f"x{suffix}", **axis}
        layout["annotations"].append(
            {
                "text": title,
                "x": x0 + width / 2,
                "y": y1,
                "xref": "paper",
                "yref": "paper",
                "xanchor": "center",
                "yanchor": "bottom",
                "showarrow": False,
                "font": {"size": FONT_SIZE + 1},
            }
        )
        refs.append((f"x{suffix}", f"y{suffix}"))
    return layout, refs


def boundaries(
    nets: Mapping[str, Any],
    titles: Mapping[str, str],
    X_train: np.ndarray,
    Y_train: np.ndarray,
    X_dev: np.ndarray | None = None,
    Y_dev: np.ndarray | None = None,
    resolution: int = 100,
    title: str = "Decision boundaries",
) -> go.Figure:
    """Up to four decision boundaries of binary networks in a 2 × 2 grid, same data on each.

    Each panel is drawn like :func:`playground.plots.decision_boundary`: P(y = 1) of one
    network on a ``resolution`` × ``resolution`` grid (one batched ``forward(grid)``), shaded
    from the class-0 colour through white (0.5, the boundary line) to the class-1 colour, with
    the training points as circles and the dev points as diamonds. The legend is shown once.

    Parameters
    ----------
    nets : run name → a network with ``forward(X, training=False)`` returning P(y = 1) of
        shape (1, m), ``layer_dims[0] == 2`` and ``output == "sigmoid"``.
    titles : run name → panel title.
    X_train, Y_train : training examples (2, m_train) and labels (1, m_train) in {0, 1}.
    X_dev, Y_dev : dev examples and labels, both or neither.
    resolution : grid points per axis of each panel, in [10, 400].
    title : figure title.

    Returns
    -------
    go.Figure
        Per panel, in order: a ``Contour`` (P(y = 1)) and the marker traces of
        ``decision_boundary`` (legend group "train" / "dev", names "y = k").
    """
    names = _check_panels(nets, "nets")
    _check_titles(names, titles)
    resolution = check_int("resolution", resolution, 10, 400)
    X_train = check_matrix("X_train", X_train, rows=2)
    Y_train = check_labels("Y_train", Y_train, X_train.shape[1], 2)
    if (X_dev is None) != (Y_dev is None):
        raise ValueError("X_dev and Y_dev must be given together (or both left as None)")
    X_all = X_train
    if X_dev is not None:
        X_dev = check_matrix("X_dev", X_dev, rows=2)
        Y_dev = check_labels("Y_dev", Y_dev, X_dev.shape[1], 2)
        X_all = np.hstack([X_train, X_dev])
    xx, yy, grid = boundary_grid(X_all, resolution=resolution)
    xs, ys = xx[0], yy[:, 0]
    axes, refs = _grid_layout(
        [titles[name] for name in names], 0.06, 0.1, showgrid=False, zeroline=False
    )
    traces: list[Any] = []
    for index, name in enumerate(names):
        net = nets[name]
        if net.output != "sigmoid" or net.layer_dims[0] != 2:
            raise ValueError(f"nets[{name!r}] must be a 2-input network with a sigmoid output")
        probs = np.asarray(net.forward(grid, training=False)).reshape(resolution, resolution)
        background = _binary_background(xs, ys, probs)
        background.showscale = False
        points = _point_traces(X_train, Y_train, "train", 2)
        if X_dev is not None:
            points += _point_traces(X_dev, Y_dev, "dev", 2)
        x_ref, y_ref = refs[index]
        for trace in (background, *points):
            trace.update(xaxis=x_ref, yaxis=y_ref)
            if trace is not background:
                trace.showlegend = index == 0
            traces.append(trace)
        suffix = x_ref[1:]
        axes[f"xaxis{suffix}"].update(range=[xs[0], xs[-1]], constrain="domain")
        axes[f"yaxis{suffix}"].update(
            range=[ys[0], ys[-1]], scaleanchor=x_ref, scaleratio=1, constrain="domain"
        )
    layout = _layout(title, "", "", height=720, margin={"l": 30, "r": 20, "t": 100, "b": 70})
    layout.update(axes)
    layout["legend"] = {
        "font": {"size": FONT_SIZE},
        "groupclick": "toggleitem",
        "orientation": "h",
        "x": 0.5,
        "xanchor": "center",
        "y": 0.0,
        "yanchor": "bottom",
        "yref": "container",
    }
    return go.Figure(data=traces, layout=layout)


def _thin(x: np.ndarray, y: np.ndarray, most: int) -> tuple[np.ndarray, np.ndarray]:
    """Every k-th point (and the last) so that at most about ``most`` are left."""
    if x.size <= most:
        return x, y
    keep = np.unique(np.r_[np.arange(0, x.size, int(np.ceil(x.size / most))), x.size - 1])
    return x[keep], y[keep]


def cost_overlay(
    histories: Mapping[str, Any],
    names: Mapping[str, str] | None = None,
    log_y: bool = True,
    title: str = "Training cost of each start",
    *,
    x_title: str,
) -> go.Figure:
    """The training cost J of every run against the epoch, one line per run, on one axis.

    Parameters
    ----------
    histories : run name → a history with ``epochs`` and ``train_cost`` (one per epoch).
    names : run name → legend name (defaults to the run name).
    log_y : logarithmic cost axis (the random × 10 start begins near 17, the others near 0.7).
    title : figure title.
    x_title : what one epoch is, from the runs' settings
        (``playground.minibatch.epoch_axis_title``).

    Returns
    -------
    go.Figure
        One ``Scatter`` line per run, in order, named from ``names``; long runs are thinned
        to about ``MAX_CURVE_POINTS`` points, always keeping the last epoch.
    """
    keys = _check_panels(histories, "histories")
    check_choice("log_y", log_y, (False, True))
    names = dict(names or {})
    colors = _series_colors(len(keys))
    traces, values = [], []
    for key, color in zip(keys, colors, strict=True):
        history = histories[key]
        epochs = np.asarray(history.epochs, dtype=np.int64).ravel()
        cost = _finite_or_nan(history.train_cost)
        if cost.size != epochs.size:
            raise ValueError(f"histories[{key!r}] must hold one train cost per epoch")
        x, y = _thin(epochs, cost, MAX_CURVE_POINTS)
        values.append(y)
        name = names.get(key, key)
        traces.append(
            go.Scatter(
                x=x,
                y=y,
                mode="lines",
                name=name,
                line={"color": color, "width": 3},
                hovertemplate=f"{name}<br>epoch %{{x}}<br>J = %{{y:.4g}}<extra></extra>",
            )
        )
    layout = _layout(
        title,
        x_title,
        "training cost J",
        height=460,
        legend={"font": {"size": FONT_SIZE}, "x": 1.0, "xanchor": "right", "y": 1.0},
    )
    if log_y:
        layout["yaxis"].update(_log_axis(np.concatenate([np.zeros(0), *values])))
    return go.Figure(data=traces, layout=layout)


def unit_trajectories(
    units: Mapping[str, tuple[np.ndarray, np.ndarray]],
    titles: Mapping[str, str],
    input_index: int = 0,
    title: str = "Layer 1, one line per unit: the weight from x₁ into unit j",
) -> go.Figure:
    """How each unit j of layer 1 moves during training, one 2 × 2 panel per run.

    Line j of a panel is W1[j, input_index] against the epoch. Units that stay copies of each
    other (a symmetric start) draw the same line, so a panel shows fewer lines than units.

    Parameters
    ----------
    units : run name → (epochs of shape (k,), weights of shape (k, n[1], n_x + 1)), the
        recorded [W1 | b1] (see ``playground.initialization.InitRun``).
    titles : run name → panel title.
    input_index : which column of [W1 | b1] to draw, in [0, n_x] (n_x is b1).
    title : figure title.

    Returns
    -------
    go.Figure
        One ``Scatter`` per run (in the run's colour of :func:`cost_overlay`), its units' lines
        joined with NaN gaps: x is [epochs, NaN, epochs, NaN, …], ``customdata`` the unit number.
        (One trace per panel, not per unit: 40 traces would cost ~100 ms of validation.)
    """
    names = _check_panels(units, "units")
    _check_titles(names, titles)
    axes, refs = _grid_layout([titles[name] for name in names], 0.1, 0.16)
    colors = _series_colors(len(names))
    traces = []
    n_x = None
    for index, name in enumerate(names):
        epochs, weights = units[name]
        epochs = np.asarray(epochs, dtype=np.float64).ravel()
        weights = np.asarray(weights, dtype=np.float64)
        if weights.ndim != 3 or weights.shape[0] != epochs.size or epochs.size == 0:
            raise ValueError(
                f"units[{name!r}] must be epochs (k,) and weights (k, units, inputs); "
                f"got {epochs.shape} and {weights.shape}"
            )
        n_x = weights.shape[2] - 1
        check_int("input_index", input_index, 0, n_x)
        n_units = weights.shape[1]
        gap = np.full((n_units, 1), np.nan)
        x = np.hstack([np.tile(epochs, (n_units, 1)), gap]).ravel()
        y = np.hstack([_finite_or_nan(weights[:, :, input_index].T).reshape(n_units, -1), gap])
        unit = np.repeat(np.arange(1, n_units + 1), epochs.size + 1)
        x_ref, y_ref = refs[index]
        traces.append(
            {
                "type": "scatter",
                "x": x,
                "y": y.ravel(),
                "customdata": unit,
                "mode": "lines",
                "name": name,
                "showlegend": False,
                "line": {"color": colors[index], "width": 2.5},
                "hovertemplate": f"{name}, unit %{{customdata}}<br>epoch %{{x}}<br>"
                "w = %{y:.4g}<extra></extra>",
                "xaxis": x_ref,
                "yaxis": y_ref,
            }
        )
    y_title = "b1[j]" if input_index == n_x else f"W1[j, {input_index + 1}]"
    for index, (x_ref, y_ref) in enumerate(refs):
        row, col = GRID[index]
        if row == 1 or len(refs) <= 2:
            axes["xaxis" + x_ref[1:]]["title"] = {"text": "epoch"}
        if col == 0:
            axes["yaxis" + y_ref[1:]]["title"] = {"text": y_title}
    layout = _layout(title, "", "", height=720, margin={"l": 80, "r": 20, "t": 100, "b": 60})
    layout.update(axes)
    return go.Figure(data=traces, layout=layout)
