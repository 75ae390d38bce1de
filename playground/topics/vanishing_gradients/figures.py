"""Plotly figures of the vanishing / exploding gradients page: per-layer norms on a log axis.

Pure functions of arrays, styled like :mod:`playground.plotting.style` (plotly_white, fonts ≥ 14 px,
Okabe-Ito colours). Norms that are 0 (underflow), negative or not finite are drawn as gaps.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import plotly.graph_objects as go

from playground.engine.config import check_range
from playground.plotting.axes import log_axis
from playground.plotting.panels import panel_titles
from playground.plotting.style import CLASS_COLORS, base_layout

FORWARD_COLOR = CLASS_COLORS[0]
"""Blue: activations, flowing forward."""
BACKWARD_COLOR = CLASS_COLORS[1]
"""Vermillion: the back-propagated gradient ‖db[l]‖."""
WEIGHT_GRAD_COLOR = CLASS_COLORS[2]
"""Bluish green: the weight gradient ‖dW[l]‖."""
INIT_COLORS = {
    "random": CLASS_COLORS[1],
    "xavier": CLASS_COLORS[0],
    "glorot": CLASS_COLORS[4],
    "he": CLASS_COLORS[2],
    "zeros": "#000000",
}
INIT_DASHES = {"random": "solid", "xavier": "solid", "glorot": "dot", "he": "solid"}
INIT_WIDTHS = {"xavier": 7}
"""Xavier is drawn wide: with equal widths Glorot is the same line, dotted on top of it."""
GRADIENTS = {"db": "‖db[l]‖", "dW": "‖dW[l]‖"}


def _positive(name: str, values: object, size: int | None = None) -> np.ndarray:
    """``values`` as a 1-D float array with every entry ≤ 0 or not finite replaced by NaN."""
    array = np.asarray(values, dtype=np.float64)
    if array.ndim != 1 or array.size < 2 or (size is not None and array.size != size):
        expected = f"{size} norms" if size is not None else "at least 2 norms"
        raise ValueError(f"{name} must be a 1-D array of {expected}; got shape {array.shape}")
    return np.where(np.isfinite(array) & (array > 0), array, np.nan)


def _line(
    x: np.ndarray,
    y: np.ndarray,
    name: str,
    color: str,
    dash: str = "solid",
    group: str | None = None,
    show: bool = True,
    markers: bool = True,
    width: float = 3,
) -> go.Scatter:
    """A thick per-layer line (with a marker per layer unless ``markers`` is False)."""
    return go.Scatter(
        x=x,
        y=y,
        mode="lines+markers" if markers else "lines",
        name=name,
        legendgroup=group or name,
        showlegend=show,
        line={"color": color, "width": width, "dash": dash},
        marker={"size": 6, "color": color},
        hovertemplate=f"{name}<br>layer %{{x}}<br>%{{y:.3g}}<extra></extra>",
    )


def _norms_layout(title: str, legend_y: float, top: int) -> dict[str, Any]:
    """Norms against the layer l on a log axis, 520 px high, the legend under the plot."""
    margin = {"l": 80, "r": 20, "t": top, "b": 60}
    return base_layout(title, "layer l", "norm (log scale)", legend_y, height=520, margin=margin)


def _log_y(*series: np.ndarray) -> dict:
    values = np.concatenate([s[np.isfinite(s)] for s in series] or [np.ones(1)])
    return log_axis(values if values.size else np.ones(1))


def identity_norms(
    activations: np.ndarray,
    grad_b: np.ndarray,
    grad_W: np.ndarray,
    a: float,
    title: str = "W[l] = a·I",
) -> go.Figure:
    """Per-layer forward and backward norms of a network with W[l] = a·I, with aˡ overlaid.

    Parameters
    ----------
    activations : np.ndarray
        ‖A[l]‖ for l = 0 … L − 1 (A[0] = X).
    grad_b : np.ndarray
        ‖db[l]‖ for l = 1 … L.
    grad_W : np.ndarray
        ‖dW[l]‖ for l = 1 … L.
    a : float
        The identity scale, in (0, 10].
    title : str
        Figure title.

    Returns
    -------
    go.Figure
        Traces "‖A[l]‖ forward", "∝ aˡ" (‖A[1]‖ a^(l−1), dashed), "‖db[l]‖ backward",
        "∝ a^(L−1−l)" (‖db[L−1]‖ a^(L−1−l), dashed) and "‖dW[l]‖", on a log y axis; x is the
        layer l.
    """
    A = _positive("activations", activations)
    L = A.size
    db = _positive("grad_b", grad_b, L)
    dW = _positive("grad_W", grad_W, L)
    a = check_range("a", a, 0.0, 10.0, inclusive_low=False)
    forward_x = np.arange(L)
    backward_x = np.arange(1, L + 1)
    with np.errstate(over="ignore", under="ignore", invalid="ignore"):
        forward_theory = A[1] * a ** (forward_x - 1.0)
        backward_theory = db[L - 2] * a ** (L - 1.0 - backward_x[:-1])
    traces = [
        _line(forward_x, A, "‖A[l]‖ forward", FORWARD_COLOR),
        _line(forward_x, forward_theory, "∝ aˡ", FORWARD_COLOR, "dash", markers=False),
        _line(backward_x, db, "‖db[l]‖ backward", BACKWARD_COLOR),
        _line(
            backward_x[:-1], backward_theory, "∝ a^(L−1−l)", BACKWARD_COLOR, "dash", markers=False
        ),
        _line(backward_x, dW, "‖dW[l]‖", WEIGHT_GRAD_COLOR, "dot"),
    ]
    layout = _norms_layout(title, legend_y=-0.18, top=60)
    layout["yaxis"].update(_log_y(A, db, dW, forward_theory, backward_theory))
    return go.Figure(data=traces, layout=layout)


def init_norms(
    results: Mapping[str, tuple[np.ndarray, np.ndarray]],
    gradient: str = "db",
    title: str = "Each initialization, same network and batch",
) -> go.Figure:
    """Two panels: ‖A[l]‖ (left) and a gradient norm (right) per layer, one line per init.

    Parameters
    ----------
    results : Mapping[str, tuple[np.ndarray, np.ndarray]]
        Per initialization name: (‖A[l]‖ for l = 0 … L − 1, the gradient norm for l = 1 … L).
    gradient : {"db", "dW"}
        Which gradient the right panel shows (names its axis).
    title : str
        Figure title.

    Returns
    -------
    go.Figure
        For each init, in order, a trace named after it in each panel (the left one in the
        legend; both share a legend group). Both y axes are logarithmic.
    """
    if gradient not in GRADIENTS:
        raise ValueError(
            f"gradient must be one of {', '.join(map(repr, GRADIENTS))}; got {gradient!r}"
        )
    if not results:
        raise ValueError("results must hold at least one initialization")
    traces, left, right = [], [], []
    for index, (name, (forward, backward)) in enumerate(results.items()):
        A = _positive(f"results[{name!r}][0]", forward)
        grad = _positive(f"results[{name!r}][1]", backward, A.size)
        color = INIT_COLORS.get(name, CLASS_COLORS[index % len(CLASS_COLORS)])
        dash, width = INIT_DASHES.get(name, "solid"), INIT_WIDTHS.get(name, 3)
        traces.append(_line(np.arange(A.size), A, name, color, dash, width=width))
        back = _line(np.arange(1, A.size + 1), grad, name, color, dash, show=False, width=width)
        back.update(xaxis="x2", yaxis="y2")
        traces.append(back)
        left.append(A)
        right.append(grad)
    layout = _norms_layout(title, legend_y=-0.2, top=100)
    layout["xaxis"].update(domain=[0.0, 0.44], anchor="y")
    layout["yaxis"].update(anchor="x", **_log_y(*left))
    layout["xaxis2"] = {"title": {"text": "layer l"}, "domain": [0.56, 1.0], "anchor": "y2"}
    layout["yaxis2"] = {"anchor": "x2", **_log_y(*right)}
    titles = ("Forward: activations ‖A[l]‖", f"Backward: gradients {GRADIENTS[gradient]}")
    layout["annotations"] = panel_titles(zip(titles, (0.22, 0.78), strict=True))
    return go.Figure(data=traces, layout=layout)
