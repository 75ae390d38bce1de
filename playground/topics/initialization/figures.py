"""Plotly figures of the initialization page: how the units of layer 1 move, one panel per start.

Its decision boundaries are ``playground.plotting.boundary.boundaries`` and its cost curves
``playground.plotting.curves.cost_overlay``, in the run colours of ``series_colors``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import plotly.graph_objects as go

from playground.engine.config import check_int
from playground.plotting.panels import grid_layout
from playground.plotting.style import base_layout, finite_or_nan, series_colors

MAX_RUNS = 4
"""Most runs drawn, one 2 × 2 panel each."""


def _check_titles(names: list[str], titles: Mapping[str, str]) -> None:
    missing = [name for name in names if name not in titles]
    if missing:
        raise ValueError(f"titles must have a title for every run; missing {missing}")


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
        recorded [W1 | b1] (see ``playground.topics.initialization.model.InitRun``).
    titles : run name → panel title.
    input_index : which column of [W1 | b1] to draw, in [0, n_x] (n_x is b1).
    title : figure title.

    Returns
    -------
    go.Figure
        One ``Scatter`` per run (in the run's colour of ``cost_overlay``), its units' lines
        joined with NaN gaps: x is [epochs, NaN, epochs, NaN, …], ``customdata`` the unit number.
        (One trace per panel, not per unit: 40 traces would cost ~100 ms of validation.)
    """
    if not isinstance(units, Mapping) or not 1 <= len(units) <= MAX_RUNS:
        raise ValueError(f"units must map 1 to {MAX_RUNS} run names to values")
    names = list(units)
    _check_titles(names, titles)
    rows = 1 if len(names) <= 2 else 2
    axes, refs = grid_layout(rows, 2, [titles[name] for name in names], 0.1, 0.16)
    traces = [
        _unit_lines(name, *units[name], input_index, color) | {"xaxis": x_ref, "yaxis": y_ref}
        for name, color, (x_ref, y_ref) in zip(names, series_colors(len(names)), refs, strict=False)
    ]
    n_x = np.shape(units[names[-1]][1])[2] - 1
    y_title = "b1[j]" if input_index == n_x else f"W1[j, {input_index + 1}]"
    for index, (x_ref, y_ref) in enumerate(refs):
        row, col = divmod(index, 2)
        if index >= len(names):  # an empty cell of the last row
            axes["xaxis" + x_ref[1:]]["visible"] = axes["yaxis" + y_ref[1:]]["visible"] = False
        if index < len(names):  # from epoch 0 (before a run: a one-epoch axis, not −1 … 1)
            last = float(np.nanmax(units[names[index]][0], initial=0.0))
            axes["xaxis" + x_ref[1:]]["range"] = [0, max(last, 1.0)]
        if row == rows - 1:
            axes["xaxis" + x_ref[1:]]["title"] = {"text": "epoch"}
        if col == 0:
            axes["yaxis" + y_ref[1:]]["title"] = {"text": y_title}
    layout = base_layout(title, height=720, margin={"l": 80, "r": 20, "t": 100, "b": 60})
    layout.update(axes)
    return go.Figure(data=traces, layout=layout)


def _unit_lines(
    name: str, epochs: np.ndarray, weights: np.ndarray, input_index: int, color: str
) -> dict[str, Any]:
    """Every unit's W1[j, input_index] (or b1[j]) against the epoch, as one trace: the lines
    joined by NaN gaps, ``customdata`` the unit number j."""
    epochs = np.asarray(epochs, dtype=np.float64).ravel()
    weights = np.asarray(weights, dtype=np.float64)
    if weights.ndim != 3 or weights.shape[0] != epochs.size or epochs.size == 0:
        raise ValueError(
            f"units[{name!r}] must be epochs (k,) and weights (k, units, inputs); "
            f"got {epochs.shape} and {weights.shape}"
        )
    check_int("input_index", input_index, 0, weights.shape[2] - 1)
    n_units = weights.shape[1]
    gap = np.full((n_units, 1), np.nan)
    x = np.hstack([np.tile(epochs, (n_units, 1)), gap]).ravel()
    y = np.hstack([finite_or_nan(weights[:, :, input_index].T).reshape(n_units, -1), gap])
    return {
        "type": "scatter",
        "x": x,
        "y": y.ravel(),
        "customdata": np.repeat(np.arange(1, n_units + 1), epochs.size + 1),
        "mode": "lines",
        "name": name,
        "showlegend": False,
        "line": {"color": color, "width": 2.5},
        "hovertemplate": f"{name}, unit %{{customdata}}<br>epoch %{{x}}<br>"
        "w = %{y:.4g}<extra></extra>",
    }
