"""Plotly figures of the normalizing-inputs page: cost contours with a descent path, dev sets.

Pure functions of arrays, styled like :mod:`playground.plotting.style` (plotly_white, fonts ≥ 14 px,
Okabe-Ito colours).
"""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from playground.engine.config import check_labels, check_matrix, check_range
from playground.plotting.axes import log_colorbar, plane_layout
from playground.plotting.markers import minimum_marker, start_marker
from playground.plotting.panels import panel_titles
from playground.plotting.style import (
    CLASS_COLORS,
    DEV_COLOR,
    FONT_SIZE,
    base_layout,
    horizontal_legend,
)

PATH_COLOR = DEV_COLOR
"""Vermillion: the gradient-descent path."""
GAP_FLOOR = 1e-4
"""J − J(w*) below this is drawn as the floor of the colour scale."""
CONTOUR_COLORS = "Cividis"
"""A colour-blind-safe sequential scale (dark = low cost)."""


def _check_vector(name: str, value: object, size: int | None = None) -> np.ndarray:
    array = np.asarray(value, dtype=np.float64)
    if array.ndim != 1 or (size is not None and array.size != size) or array.size < 2:
        expected = f"{size} numbers" if size is not None else "at least 2 numbers"
        raise ValueError(f"{name} must be a 1-D array of {expected}; got shape {array.shape}")
    return array


def cost_contours(
    xs: np.ndarray,
    ys: np.ndarray,
    J: np.ndarray,
    path: np.ndarray,
    w_star: np.ndarray,
    best_cost: float,
    title: str = "Cost J(w₁, w₂)",
    valley: str | None = None,
) -> go.Figure:
    """Contours of J over (w₁, w₂) on a log scale of J − J(w*), with a descent path on top.

    The path is drawn up to the first step that leaves the map (labelled there): beyond it,
    its lines would cross the whole map.

    Parameters
    ----------
    xs, ys : np.ndarray
        w₁ of the grid columns and w₂ of the grid rows (1-D, at least 2 each).
    J : np.ndarray
        J[i, j] = J(xs[j], ys[i]), shape (len(ys), len(xs)).
    path : np.ndarray
        Positions w₀, w₁, … of the descent, shape (k, 2); NaN rows (after a blow-up) are gaps.
    w_star : np.ndarray
        The minimum (w₁*, w₂*).
    best_cost : float
        J(w*).
    title : str
        Figure title.
    valley : str, optional
        A label pointing at the valley floor (the lowest J of the map's middle row), e.g. how
        many times longer than wide it is: a very elongated valley reads as a stripe otherwise.

    Returns
    -------
    go.Figure
        Trace 0 "J" (a Contour of log₁₀(J − J(w*)), floored at 1e-4), then "gradient descent"
        (the path; the only legend entry), "start" and "w*" (the minimum), both labelled with an
        annotation. Both axes have the same units per pixel, so an
        elongated cost looks elongated; the view is the grid's box.
    """
    xs, ys = _check_vector("xs", xs), _check_vector("ys", ys)
    J = np.asarray(J, dtype=np.float64)
    if J.shape != (ys.size, xs.size):
        raise ValueError(f"J must have shape ({ys.size}, {xs.size}); got {J.shape}")
    path = np.asarray(path, dtype=np.float64)
    if path.ndim != 2 or path.shape[1] != 2 or path.shape[0] < 1:
        raise ValueError(f"path must have shape (k, 2) with k ≥ 1; got {path.shape}")
    w_star = _check_vector("w_star", w_star, 2)
    best_cost = check_range("best_cost", best_cost, -1e12, 1e12)
    point = "<br>w₁ = %{x:.4g}<br>w₂ = %{y:.4g}<extra></extra>"
    inside, exit_step = _inside_view(path, xs, ys)
    traces = [
        _gap_contour(xs, ys, J, best_cost),
        _descent(inside),
        start_marker(*path[0], hover="start" + point, showlegend=False),
        minimum_marker(*w_star, "w*", hover="w*" + point, showlegend=False),
    ]
    layout = plane_layout(
        title,
        "w₁ (weight of x₁)",
        "w₂ (weight of x₂)",
        xs,
        ys,
        470,
        legend=horizontal_legend(-0.2, x=0.0, xanchor="left"),
        annotations=[
            _label("start", path[0, 0], path[0, 1], 1),
            _label("minimum w*", w_star[0], w_star[1], -1),
            *([_exit_note(inside[-1], exit_step)] if exit_step is not None else []),
            *([_valley_note(valley, xs, ys, J)] if valley else []),
        ],
    )
    return go.Figure(data=traces, layout=layout)


def _inside_view(path: np.ndarray, xs: np.ndarray, ys: np.ndarray) -> tuple[np.ndarray, int | None]:
    """The path up to the first step that leaves the map's box (or blows up), that step's point
    pulled back onto the box's edge, and the step (None if the path stays inside)."""
    low, high = np.array([xs.min(), ys.min()]), np.array([xs.max(), ys.max()])
    outside = ~np.all(np.isfinite(path) & (path >= low) & (path <= high), axis=1)
    if not outside.any():
        return path, None
    step = int(np.argmax(outside))
    if step == 0:
        return path[:1], None
    before, after = path[step - 1], path[step]
    if not np.all(np.isfinite(after)):
        return path[:step], step
    # the last point inside, moved along the step until it meets the edge
    reach = [
        (edge - b) / (a - b)
        for b, a, lo, hi in zip(before, after, low, high, strict=True)
        for edge in (lo, hi)
        if a != b and 0 <= (edge - b) / (a - b) <= 1
    ]
    edge = before + min(reach, default=0.0) * (after - before)
    return np.vstack([path[:step], edge]), step


def _valley_note(text: str, xs: np.ndarray, ys: np.ndarray, J: np.ndarray) -> dict:
    """``text`` with an arrow to the valley floor: the lowest J of the map's middle row."""
    row = ys.size // 2
    column = int(np.nanargmin(J[row]))
    note = _label(text, float(xs[column]), float(ys[row]), 1)
    return note | {"ax": -70 if xs[column] > xs.mean() else 70, "ay": -20}


def _exit_note(where: np.ndarray, step: int) -> dict:
    """A label where the path first leaves the map (drawn up to there: beyond it, its lines
    would cross the whole map)."""
    note = _label(f"step {step}: off the map", float(where[0]), float(where[1]), 1)
    return note | {"ax": -110 if where[0] > 0 else 110, "ay": 40, "bordercolor": PATH_COLOR}


def _gap_contour(xs: np.ndarray, ys: np.ndarray, J: np.ndarray, best_cost: float) -> go.Contour:
    """Contours of log₁₀(J − J(w*)), floored at ``GAP_FLOOR``, a level every half decade; the
    hover shows J itself."""
    with np.errstate(invalid="ignore"):
        gap = np.log10(np.maximum(J - best_cost, GAP_FLOOR))
    finite = gap[np.isfinite(gap)]
    low = int(np.log10(GAP_FLOOR))
    top = max(int(np.ceil(finite.max())) if finite.size else 0, low + 1)
    ticks = list(range(low, top + 1))
    return go.Contour(
        x=xs,
        y=ys,
        z=gap.astype(np.float32),
        colorscale=CONTOUR_COLORS,
        zmin=low,
        zmax=top,
        contours={"start": low + 0.5, "end": top, "size": 0.5},
        line={"color": "rgba(255,255,255,0.6)", "width": 1},
        colorbar=log_colorbar("J − J(w*)", ticks),
        name="J",
        customdata=J.astype(np.float32),
        hovertemplate="w₁ = %{x:.4g}<br>w₂ = %{y:.4g}<br>J = %{customdata:.4g}<extra></extra>",
    )


def _descent(path: np.ndarray) -> go.Scatter:
    """The gradient-descent path, a dot per step."""
    return go.Scatter(
        x=path[:, 0],
        y=path[:, 1],
        mode="lines+markers",
        name="gradient descent",
        line={"color": PATH_COLOR, "width": 2},
        marker={"size": 5, "color": PATH_COLOR},
        opacity=0.7,
        hovertemplate="w₁ = %{x:.4g}<br>w₂ = %{y:.4g}<extra>gradient descent</extra>",
    )


def _label(text: str, x: float, y: float, below: int) -> dict:
    """A boxed label with an arrow to (x, y), readable on light and dark contours alike."""
    return {
        "text": text,
        "x": x,
        "y": y,
        "ax": 40,
        "ay": 30 * below,
        "showarrow": True,
        "arrowhead": 0,
        "arrowwidth": 2,
        "font": {"size": FONT_SIZE},
        "bgcolor": "rgba(255,255,255,0.9)",
        "bordercolor": "#222222",
        "borderwidth": 1,
        "borderpad": 3,
    }


def _boundary_segment(w: np.ndarray, limit: float) -> tuple[list[float], list[float]]:
    """The line w₁z₁ + w₂z₂ = 0 across the box [−limit, limit]²."""
    if abs(w[1]) >= abs(w[0]):
        z1 = np.array([-limit, limit])
        return list(z1), list(-w[0] * z1 / w[1])
    z2 = np.array([-limit, limit])
    return list(-w[1] * z2 / w[0]), list(z2)


def dev_standardization(
    X_right: np.ndarray,
    X_wrong: np.ndarray,
    Y: np.ndarray,
    w: np.ndarray,
    title: str = "The dev set after standardizing",
) -> go.Figure:
    """Two panels of the same dev points: standardized with the training μ, σ and with their own.

    Parameters
    ----------
    X_right : np.ndarray
        (x − μ_train)/σ_train, shape (2, m).
    X_wrong : np.ndarray
        (x − μ_dev)/σ_dev, shape (2, m).
    Y : np.ndarray
        Labels 0 / 1, shape (1, m).
    w : np.ndarray
        The model's weights (w₁, w₂); its boundary w₁z₁ + w₂z₂ = 0 is drawn in both panels.
    title : str
        Figure title.

    Returns
    -------
    go.Figure
        Per panel (left, then right): one marker trace per class ("y = 0", "y = 1") and the
        trace "boundary"; a legend entry toggles both panels. Both panels share their ranges.
    """
    X_right = check_matrix("X_right", X_right, rows=2)
    X_wrong = check_matrix("X_wrong", X_wrong, rows=2)
    m = X_right.shape[1]
    if X_wrong.shape[1] != m:
        raise ValueError(f"X_wrong must have {m} columns like X_right; got {X_wrong.shape[1]}")
    Y = check_labels("Y", Y, m, 2)
    w = _check_vector("w", w, 2)
    if not np.any(w):
        raise ValueError("w must not be (0, 0): it has no boundary")
    limit = float(np.ceil(max(np.abs(X_right).max(), np.abs(X_wrong).max(), 1.0) * 2) / 2 + 0.25)
    boundary = _boundary_segment(w, limit)
    traces = _dev_panel(X_right, Y, boundary, ("x", "y")) + _dev_panel(
        X_wrong, Y, boundary, ("x2", "y2")
    )
    z_titles = ("z₁ = (x₁ − μ₁)/σ₁", "z₂ = (x₂ − μ₂)/σ₂")
    span = {"range": [-limit, limit], "zeroline": True}
    layout = base_layout(
        title,
        *z_titles,
        height=520,
        legend_y=-0.22,
        margin={"l": 70, "r": 20, "t": 100, "b": 60},
        annotations=panel_titles((("✔ training μ, σ", 0.225), ("✘ the dev set's own μ, σ", 0.775))),
    )
    layout["xaxis"].update(domain=[0.0, 0.45], anchor="y", **span)
    layout["yaxis"].update(anchor="x", **span)
    layout["xaxis2"] = {
        "title": {"text": z_titles[0]},
        "domain": [0.55, 1.0],
        "anchor": "y2",
        **span,
    }
    layout["yaxis2"] = {"anchor": "x2", **span}
    return go.Figure(data=traces, layout=layout)


def _dev_panel(
    X: np.ndarray, Y: np.ndarray, boundary: tuple[list[float], list[float]], axes: tuple[str, str]
) -> list[go.Scatter]:
    """The dev points of each class and the model's boundary on the axes ``axes``; the first
    panel's traces are the legend's (each entry toggles both panels)."""
    first = axes[0] == "x"
    refs = {"xaxis": axes[0], "yaxis": axes[1]}
    traces = []
    for k in (0, 1):
        members = Y[0] == k
        traces.append(
            go.Scatter(
                x=X[0, members],
                y=X[1, members],
                mode="markers",
                name=f"y = {k}",
                legendgroup=f"y = {k}",
                showlegend=first,
                marker={
                    "size": 10,
                    "color": CLASS_COLORS[k],
                    "symbol": "circle" if k == 0 else "diamond",
                    "line": {"color": "white", "width": 1},
                },
                hovertemplate=f"y = {k}<br>z₁ = %{{x:.2f}}<br>z₂ = %{{y:.2f}}<extra></extra>",
                **refs,
            )
        )
    traces.append(
        go.Scatter(
            x=boundary[0],
            y=boundary[1],
            mode="lines",
            name="boundary",
            legendgroup="boundary",
            showlegend=first,
            line={"color": "#222222", "width": 3, "dash": "dash"},
            hoverinfo="skip",
            **refs,
        )
    )
    return traces
