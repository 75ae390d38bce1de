"""Figures of the A vs B comparison: both cost curves on one axis, both boundaries side by side.

A is drawn dashed, B solid, in the same colour per series (train blue, dev vermillion), so the
eye reads "same colour, same set; dashes, the pinned run". The boundaries share one grid over
both runs' data, so the two panels have the same axes and the same colour scale.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import plotly.graph_objects as go

from playground.engine.config import check_choice, check_int
from playground.plotting.axes import equal_aspect, log_axis
from playground.plotting.boundary import (
    RESOLUTION,
    boundary_grid,
    classes_of,
    data_sets,
    region,
    set_points,
)
from playground.plotting.curves import epoch_line, epoch_series
from playground.plotting.panels import panel_titles
from playground.plotting.style import (
    DEV_COLOR,
    FONT_SIZE,
    TRAIN_COLOR,
    base_layout,
    fast_figure,
)

DASH = {"A": "dash", "B": "solid"}
"""Line style of each side."""
PANEL_GAP = 0.06
"""Paper-width gap between the A and B panels."""


def compare_costs(
    history_a: Any, history_b: Any, log_y: bool = False, title: str = "Cost: A vs B"
) -> go.Figure:
    """Plot the train and dev cost J of A (dashed) and B (solid) against the epoch.

    Parameters
    ----------
    history_a, history_b : object
        Training histories with per-epoch lists ``epochs`` and ``train_cost``, and
        ``dev_cost`` (NaN when there is no dev set) at their ``record_epochs``.
    log_y : bool, default False
        Use a logarithmic cost axis.
    title : str, default "Cost: A vs B"
        Figure title.

    Returns
    -------
    go.Figure
        Traces "A train", "A dev", "B train", "B dev" (a dev trace only when some dev cost is
        finite); non-finite costs are gaps.
    """
    check_choice("log_y", log_y, (False, True))
    traces = []
    for side, history in (("A", history_a), ("B", history_b)):
        for split, color in (("train", TRAIN_COLOR), ("dev", DEV_COLOR)):
            epochs, cost = epoch_series(history, f"{split}_cost", f"history {side}")
            if split == "dev" and not np.isfinite(cost).any():
                continue
            traces.append(
                epoch_line(epochs, cost, f"{side} {split}", color, y_label="J = ", dash=DASH[side])
            )
    layout = base_layout(title, "epoch", "cost J")
    if log_y and traces:
        layout["yaxis"].update(log_axis(np.concatenate([trace.y for trace in traces])))
    return go.Figure(data=traces, layout=layout)


def compare_boundaries(
    net_a: Any,
    data_a: Any,
    net_b: Any,
    data_b: Any,
    titles: tuple[str, str] = ("A", "B"),
    resolution: int = RESOLUTION,
    title: str = "Decision boundary: A vs B",
) -> go.Figure:
    """Two decision boundaries side by side, A left and B right, on the same axes and scale.

    Each panel is drawn like :func:`playground.plotting.boundary.decision_boundary` (P(y = 1)
    with its 0.5 line for a sigmoid output, argmax-class regions for softmax; training points
    as circles, dev points as diamonds) on one ``resolution`` × ``resolution`` grid covering
    both data sets.

    Parameters
    ----------
    net_a, net_b : object
        Networks with 2 inputs, ``forward(X, training=False)``, ``layer_dims`` and ``output``.
    data_a, data_b : object
        Their data, with ``X_train``, ``Y_train``, ``X_dev``, ``Y_dev`` (features in rows).
    titles : (str, str)
        Panel titles, A then B.
    resolution : int
        Grid points along each axis, in [10, 400].
    title : str
        Figure title.

    Returns
    -------
    go.Figure
        A's traces on axes x/y, then B's on x2/y2; the legend (train/dev, y = k) is shown once.
    """
    resolution = check_int("resolution", resolution, 10, 400)
    X_all = np.hstack([data.X_train for data in (data_a, data_b)] + [data_a.X_dev, data_b.X_dev])
    if X_all.shape[0] != 2:
        raise ValueError("both data sets must have 2 features to draw a decision boundary")
    xx, yy, grid = boundary_grid(X_all, resolution=resolution)
    xs, ys = xx[0], yy[:, 0]
    width = (1.0 - PANEL_GAP) / 2
    layout = base_layout(
        title,
        height=520,
        margin={"l": 40, "r": 20, "t": 90, "b": 40},
        legend={
            "font": {"size": FONT_SIZE},
            "groupclick": "toggleitem",
            "orientation": "v",
            "x": 1.0,
            "xanchor": "left",
            "y": 0.5,
            "yanchor": "middle",
        },
        annotations=panel_titles(zip(titles, (width / 2, 1.0 - width / 2), strict=True)),
    )
    traces: list[dict[str, Any]] = []
    sides = (("A", net_a, data_a, [0.0, width]), ("B", net_b, data_b, [1.0 - width, 1.0]))
    for index, (side, net, data, domain) in enumerate(sides):
        x_ref, y_ref = ("x", "y") if index == 0 else ("x2", "y2")
        axes = {"xaxis": x_ref, "yaxis": y_ref}
        sets = data_sets(data.X_train, data.Y_train, data.X_dev, data.Y_dev, classes_of(net, side))
        traces.append(region(net, xs, ys, grid, name=side) | axes)
        traces += set_points(sets, showlegend=index == 0, **axes)
        layout["xaxis" + x_ref[1:]] = {"domain": domain, "title": {"text": "x₁"}}
        layout["yaxis" + y_ref[1:]] = {
            "title": {"text": "x₂" if index == 0 else ""},
            "anchor": x_ref,
        }
        equal_aspect(layout, xs, ys, x_ref, y_ref, showgrid=False)
    return fast_figure(traces, layout)
