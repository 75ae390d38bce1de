"""Figures of the learning-rate decay page: α per epoch, cost per epoch, final boundaries.

Pure functions from arrays (and trained networks, by duck typing) to Plotly figures, in the
projector style of ``playground.plots`` (plotly_white, fonts ≥ 14 px, Okabe-Ito palette).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from types import MappingProxyType
from typing import Any

import numpy as np
import plotly.graph_objects as go

from playground.engine.config import check_int, check_labels, check_matrix
from playground.plotting.base import (
    CLASS_COLORS,
    FONT_SIZE,
    _binary_background,
    _layout,
    _log_axis,
    _point_traces,
    boundary_grid,
)

SCHEDULE_STYLES = MappingProxyType(
    {
        "constant": (CLASS_COLORS[9], "dash"),
        "inverse_time": (CLASS_COLORS[0], "solid"),
        "staircase": (CLASS_COLORS[4], "solid"),
        "exponential": (CLASS_COLORS[1], "solid"),
        "inverse_sqrt": (CLASS_COLORS[3], "dot"),
        "piecewise": (CLASS_COLORS[2], "solid"),
    }
)
"""(colour, dash) of each schedule, the same on every figure; constant is a black dashed line."""
_OTHER_STYLE = ("#777777", "solid")


def schedule_style(name: str) -> tuple[str, str]:
    """(colour, dash) of the schedule ``name`` (grey for a name not in ``SCHEDULE_STYLES``)."""
    return SCHEDULE_STYLES.get(name, _OTHER_STYLE)


def _series(name: str, values: Sequence[float]) -> np.ndarray:
    array = np.asarray(values, dtype=np.float64).ravel()
    return np.where(np.isfinite(array), array, np.nan)


def _lines(
    series: Mapping[str, Sequence[float]], y_label: str, y_format: str
) -> tuple[list[go.Scatter], np.ndarray]:
    if not series:
        raise ValueError("series must hold at least one named curve")
    traces, everything = [], []
    listed = list(series)
    # constant is drawn last, on top: its dashes stay visible where a schedule equals α₀.
    for name in sorted(listed, key=lambda name: name == "constant"):
        y = _series(name, series[name])
        color, dash = schedule_style(name)
        traces.append(
            go.Scatter(
                x=np.arange(1, y.size + 1),
                y=y,
                mode="lines",
                name=name,
                line={"color": color, "width": 3, "dash": dash},
                legendrank=listed.index(name),
                hovertemplate=f"{name}<br>epoch %{{x}}<br>{y_label} = %{{y:{y_format}}}"
                "<extra></extra>",
            )
        )
        everything.append(y)
    return traces, np.concatenate(everything)


def _legend_below() -> dict[str, Any]:
    return {
        "font": {"size": FONT_SIZE},
        "orientation": "h",
        "x": 0.5,
        "xanchor": "center",
        "y": -0.22,
        "yanchor": "top",
    }


def schedule_curves(
    rates: Mapping[str, Sequence[float]], log_y: bool = True, title: str = "Learning rate α"
) -> go.Figure:
    """α used in each epoch e = 1 … E, one line per schedule.

    Parameters
    ----------
    rates : schedule name → α of epochs 1 … E (``lr_decay.learning_rates``).
    log_y : log-scale α axis (decays span decades).
    title : figure title.

    Returns
    -------
    go.Figure
        One line trace per schedule, named by it, x = 1 … E.
    """
    traces, values = _lines(rates, "α", ".3g")
    layout = _layout(title, "epoch", "α (log scale)" if log_y else "α", legend=_legend_below())
    layout.update(height=440, margin={"l": 80, "r": 20, "t": 60, "b": 60})
    if log_y:
        layout["yaxis"].update(_log_axis(values))
    return go.Figure(data=traces, layout=layout)


def cost_by_schedule(
    costs: Mapping[str, Sequence[float]], log_y: bool = True, title: str = "Training cost per epoch"
) -> go.Figure:
    """The epoch cost J of each run (one line per schedule), x = 1 … epochs trained.

    Parameters
    ----------
    costs : schedule name → ``History.train_cost``.
    log_y : log-scale cost axis.
    title : figure title.
    """
    traces, values = _lines(costs, "J", ".4g")
    layout = _layout(title, "epoch", "cost J (log scale)" if log_y else "cost J")
    layout.update(height=440, margin={"l": 80, "r": 20, "t": 60, "b": 60}, legend=_legend_below())
    if log_y:
        layout["yaxis"].update(_log_axis(values))
    return go.Figure(data=traces, layout=layout)


def boundaries(
    nets: Mapping[str, Any],
    X: np.ndarray,
    Y: np.ndarray,
    titles: Mapping[str, str] | None = None,
    resolution: int = 70,
    columns: int | None = None,
) -> go.Figure:
    """The decision boundary of each network side by side (``columns`` per row).

    Parameters
    ----------
    nets : name → a binary network with ``forward(X, training=False)`` returning P(y = 1) of
        shape (1, m) and ``layer_dims[0] == 2``.
    X, Y : the points drawn on every panel, shapes (2, m) and (1, m) (labels 0/1).
    titles : name → panel title (default: the name).
    resolution : grid points per axis, in [10, 300]; each network is evaluated on the shared
        grid in one batched forward pass.
    columns : panels per row, in [1, 6]; default: all of them up to 4, else 3.

    Returns
    -------
    go.Figure
        Per panel p (axes x{p}/y{p}, x/y for the first): a P(y = 1) ``Contour`` with the 0.5
        level drawn, then the point traces (legend shown once); the titles are annotations.
    """
    if not nets:
        raise ValueError("nets must hold at least one network")
    X = check_matrix("X", X, rows=2)
    Y = check_labels("Y", Y, X.shape[1], 2)
    resolution = check_int("resolution", resolution, 10, 300)
    if columns is None:
        columns = len(nets) if len(nets) <= 4 else 3
    columns = min(check_int("columns", columns, 1, 6), len(nets))
    rows = math.ceil(len(nets) / columns)
    titles = dict(titles or {})
    xx, yy, grid = boundary_grid(X, resolution=resolution, margin=0.3)
    xs, ys = xx[0], yy[:, 0]
    # Plotly validates every object it builds, slowly: build one background and the point
    # traces once, then copy them as plain dicts onto each panel's axes.
    template = _binary_background(xs, ys, np.zeros((resolution, resolution))).to_plotly_json()
    template.update(showscale=False, line={"color": "#222222", "width": 2.5})
    points = [trace.to_plotly_json() for trace in _point_traces(X, Y, "train", 2)]
    gap_x, gap_y = 0.03, 0.2 / rows
    width, height = (1 - gap_x * (columns - 1)) / columns, (1 - gap_y * (rows - 1)) / rows
    data, layout_axes, annotations = [], {}, []
    for index, (name, net) in enumerate(nets.items()):
        row, col = divmod(index, columns)
        prob = np.asarray(net.forward(grid, training=False), dtype=np.float64)
        if prob.shape != (1, grid.shape[1]):
            raise ValueError(f"nets[{name!r}].forward must return shape (1, {grid.shape[1]})")
        suffix = "" if index == 0 else str(index + 1)
        axes = {"xaxis": f"x{suffix}", "yaxis": f"y{suffix}"}
        z = prob.reshape(resolution, resolution).astype(np.float32)
        data.append({**template, "z": z, **axes})
        for trace in points:
            marker = {**trace["marker"], "size": 6}
            data.append({**trace, **axes, "marker": marker, "showlegend": index == 0})
        left = col * (width + gap_x)
        top = 1 - row * (height + gap_y)
        layout_axes[f"xaxis{suffix}"] = {
            "domain": [max(0.0, left), min(1.0, left + width)],
            "anchor": f"y{suffix}",
            "range": [xs[0], xs[-1]],
            "showgrid": False,
        }
        layout_axes[f"yaxis{suffix}"] = {
            "domain": [max(0.0, top - height), min(1.0, top)],
            "anchor": f"x{suffix}",
            "range": [ys[0], ys[-1]],
            "showgrid": False,
            "scaleanchor": f"x{suffix}",
            "scaleratio": 1,
        }
        annotations.append(
            {
                "text": titles.get(name, name),
                "x": left + width / 2,
                "y": top,
                "xref": "paper",
                "yref": "paper",
                "xanchor": "center",
                "yanchor": "bottom",
                "showarrow": False,
                "font": {"size": FONT_SIZE},
            }
        )
    layout = _layout("Decision boundaries at the end", "", "", legend=_legend_below())
    del layout["xaxis"], layout["yaxis"]
    layout.update(layout_axes)
    layout.update(
        annotations=annotations,
        height=120 + (330 if columns < 4 else 270) * rows,
        margin={"l": 40, "r": 20, "t": 100, "b": 40},
    )
    layout["legend"]["y"] = -0.04
    return go.Figure(data=data, layout=layout)
