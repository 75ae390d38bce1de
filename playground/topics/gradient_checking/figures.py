"""Plotly figures of the gradient-checking page: error vs ε, per-parameter differences.

Pure functions in the style of :mod:`playground.plotting.style` (plotly_white, fonts ≥ 14 px, the
Okabe-Ito palette); every axis of a difference or an error is logarithmic.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import plotly.graph_objects as go

from playground.engine.config import check_range
from playground.engine.gradcheck import GREAT, SUSPICIOUS
from playground.plotting.axes import note, reference_line
from playground.plotting.style import (
    CLASS_COLORS,
    FONT_SIZE,
    base_layout,
    finite_or_nan,
    horizontal_legend,
)

TWO_SIDED_COLOR = CLASS_COLORS[0]
ONE_SIDED_COLOR = CLASS_COLORS[1]
REFERENCE_COLOR = "#555555"
ZONE_COLORS = {"great": CLASS_COLORS[2], "closer": CLASS_COLORS[4], "bug": CLASS_COLORS[1]}
"""Bar colours: bluish green < 1e-7, orange in between, vermillion ≥ 1e-3."""
REFERENCES = {
    "two-sided": ("slope 2: truncation |f‴(θ)|ε²/6", "#000000", "dash"),
    "one-sided": ("slope 1: truncation |f″(θ)|ε/2", "#000000", "dashdot"),
    "round-off": ("slope −1: round-off ≈ u·|f|/ε", REFERENCE_COLOR, "dot"),
}
"""(name, colour, dash) of each line of the error model of :func:`derivative_errors`."""
THRESHOLDS = ((GREAT, "1e-7: great below"), (1e-5, "1e-5: look closer"), (SUSPICIOUS, "1e-3: bug"))
EPS_TITLE = "ε (log scale, smaller to the right)"
FLOOR = 1e-16
"""Differences of exactly 0 are drawn at this height (a log axis has no 0)."""
THRESHOLD_ROOM = 190
"""Right margin, in px, for the labels of the 1e-7 / 1e-5 / 1e-3 lines (also at presenter size)."""


def _check_series(epsilons: object, **series: object) -> tuple[np.ndarray, dict[str, np.ndarray]]:
    eps = np.asarray(epsilons, dtype=np.float64).ravel()
    if eps.size == 0 or not np.all(np.isfinite(eps) & (eps > 0)):
        raise ValueError("epsilons must be a non-empty sequence of positive numbers")
    checked = {}
    for name, values in series.items():
        array = finite_or_nan(values)
        if array.size != eps.size:
            raise ValueError(f"{name} must hold one value per ε ({eps.size}); got {array.size}")
        checked[name] = np.where(array > 0, array, np.nan)
    return eps, checked


def _log_range(*arrays: np.ndarray, pad: float = 0.5) -> list[float]:
    """A log10 axis range around the positive finite values, padded by ``pad`` decades."""
    values = np.concatenate([np.ravel(a) for a in arrays])
    values = values[np.isfinite(values) & (values > 0)]
    if values.size == 0:
        return [-16.0, 0.0]
    return [float(np.log10(values.min()) - pad), float(np.log10(values.max()) + pad)]


def _epsilon_label(epsilon: float) -> dict[str, Any]:
    """ "ε = 1e-07" above the plot, centred on the chosen ε's line."""
    x = np.log10(epsilon)
    return note(f"ε = {epsilon:g}", x, 1.0, xref="x", xanchor="auto", yanchor="bottom", box=False)


def derivative_errors(
    epsilons: object,
    two_sided: object,
    one_sided: object,
    model: Mapping[str, object] | None = None,
    epsilon: float | None = None,
    title: str = "Error of the derivative estimate",
) -> go.Figure:
    """|estimate − f'(θ)| against ε on log-log axes, for the two-sided and one-sided formulas.

    Parameters
    ----------
    epsilons : the ε values (positive).
    two_sided, one_sided : the errors, one per ε; 0 and non-finite values are drawn as gaps.
    model : optional reference lines by name, one value per ε — "two-sided" (∝ ε², slope 2),
        "one-sided" (∝ ε, slope 1) and "round-off" (∝ 1/ε), as from
        ``playground.engine.gradcheck.error_model``.
    epsilon : the ε chosen on the page, drawn as a dotted vertical line.
    title : figure title.

    Returns
    -------
    go.Figure
        Traces "two-sided (f(θ+ε) − f(θ−ε))/2ε", "one-sided (f(θ+ε) − f(θ))/ε", then a dashed
        line per model entry; the region where ε is below the two-sided optimum is shaded and
        labelled "round-off grows →". The ε axis runs from large to small, like the page's ε
        slider.
    """
    eps, series = _check_series(epsilons, two_sided=two_sided, one_sided=one_sided)
    if epsilon is not None:
        epsilon = check_range("epsilon", epsilon, 0.0, 1.0, inclusive_low=False)
    traces = [
        _measured(eps, series["two_sided"], "two-sided (f(θ+ε) − f(θ−ε))/2ε", TWO_SIDED_COLOR),
        _measured(eps, series["one_sided"], "one-sided (f(θ+ε) − f(θ))/ε", ONE_SIDED_COLOR),
    ]
    for key, values in (model or {}).items():
        if key not in REFERENCES:
            raise ValueError(f"model keys must be among {list(REFERENCES)}; got {key!r}")
        traces.append(_model_line(eps, _check_series(eps, values=values)[1]["values"], key))
    layout = base_layout(
        title,
        EPS_TITLE,
        "|estimate − f′(θ)| (log scale)",
        height=600,
        legend=horizontal_legend(-0.26, x=0.0, xanchor="left", font_size=FONT_SIZE - 1),
    )
    layout["margin"].update(b=170)
    layout["xaxis"].update(
        type="log", dtick=2, tickangle=0, exponentformat="power", autorange="reversed"
    )
    y_range = _log_range(series["two_sided"], series["one_sided"])
    layout["yaxis"].update(type="log", range=y_range, dtick=2, exponentformat="power")
    shapes, annotations = _round_off_region(eps, series["two_sided"])
    if epsilon is not None:
        shapes.append(reference_line(x=epsilon, color="#222222", dash="dot"))
        annotations.append(_epsilon_label(epsilon))
    layout["shapes"], layout["annotations"] = shapes, annotations
    return go.Figure(data=traces, layout=layout)


def _measured(
    eps: np.ndarray, values: np.ndarray, name: str, color: str, what: str = "error"
) -> dict[str, Any]:
    """A measured series against ε: a thick line with a dot per ε."""
    return {
        "type": "scatter",
        "x": eps,
        "y": values,
        "mode": "lines+markers",
        "name": name,
        "line": {"color": color, "width": 3},
        "marker": {"size": 7, "color": color},
        "hovertemplate": f"{name}<br>ε = %{{x:.0e}}<br>{what} %{{y:.2e}}<extra></extra>",
    }


def _model_line(eps: np.ndarray, values: np.ndarray, key: str) -> dict[str, Any]:
    """One line of the error model (see ``REFERENCES``), thin and dashed."""
    name, color, dash = REFERENCES[key]
    return {
        "type": "scatter",
        "x": eps,
        "y": values,
        "mode": "lines",
        "name": name,
        "line": {"color": color, "width": 2, "dash": dash},
        "hoverinfo": "skip",
    }


def _round_off_region(eps: np.ndarray, two_sided: np.ndarray) -> tuple[list[dict], list[dict]]:
    """The ε below the two-sided formula's best one shaded, labelled "round-off grows →"
    (nothing if no error is finite)."""
    finite = np.where(np.isfinite(two_sided), two_sided, np.inf)
    if not np.isfinite(finite).any():
        return [], []
    best = float(eps[int(np.argmin(finite))])
    shade = {
        "type": "rect",
        "xref": "x",
        "yref": "paper",
        "x0": float(eps.min()),
        "x1": best,
        "y0": 0,
        "y1": 1,
        "fillcolor": "rgba(120,120,120,0.12)",
        "line": {"width": 0},
        "layer": "below",
    }
    x = np.log10(float(eps.min()))
    where = {"xref": "x", "xanchor": "right", "yanchor": "bottom"}
    label = note("round-off grows →", x, 0.0, **where, color="#333333", box=False)
    return [shade], [label]


def _zone(difference: float) -> str:
    if not difference < SUSPICIOUS:
        return "bug"
    return "great" if difference < GREAT else "closer"


def _threshold_lines(horizontal: bool = True) -> tuple[list[dict], list[dict]]:
    shapes, annotations = [], []
    for value, text in THRESHOLDS:
        shapes.append(reference_line(y=value, color=REFERENCE_COLOR))
        y = np.log10(value)
        where = {"yref": "y", "yanchor": "middle", "size": FONT_SIZE - 1}
        annotations.append(note(text, 1.0, y, **where, color="#333333", box=False))
    return shapes, annotations


def parameter_differences(
    per_parameter: Mapping[str, float], title: str = "Difference per parameter"
) -> go.Figure:
    """One bar per parameter: its relative difference ‖dθ − dθ_approx‖ / (‖dθ‖ + ‖dθ_approx‖),
    on a log axis with the course's 1e-7, 1e-5 and 1e-3 lines.

    Parameters
    ----------
    per_parameter : parameter name ("W1", "b1", …) → difference; bars are named "dW1", "db1", ….
    title : figure title.

    Returns
    -------
    go.Figure
        One ``Bar`` trace: x the gradient names, y the differences (0 drawn at 1e-16), coloured
        green below 1e-7, orange up to 1e-3, vermillion above.
    """
    if not isinstance(per_parameter, Mapping) or not per_parameter:
        raise ValueError("per_parameter must map parameter names to differences")
    names = ["d" + str(key) for key in per_parameter]
    values = finite_or_nan(list(per_parameter.values()))
    shown = np.where(np.isnan(values), 1.0, np.maximum(values, FLOOR))
    colors = [ZONE_COLORS[_zone(float(v))] for v in values]
    bars = {
        "type": "bar",
        "x": names,
        "y": shown,
        "customdata": values,
        "marker": {"color": colors, "line": {"color": "#222222", "width": 1}},
        "text": [f"{v:.1e}" for v in values],
        "textposition": "outside",
        "textfont": {"size": FONT_SIZE},
        "cliponaxis": False,
        "hovertemplate": "%{x}<br>difference %{customdata:.2e}<extra></extra>",
        "showlegend": False,
    }
    layout = base_layout(title, "gradient", "relative difference (log scale)", height=460)
    layout["margin"]["r"] = THRESHOLD_ROOM
    low = min(-12.0, float(np.log10(shown.min())) - 1)
    layout["yaxis"].update(type="log", range=[low, 1.0], dtick=2, exponentformat="power")
    layout["shapes"], layout["annotations"] = _threshold_lines()
    return go.Figure(data=[bars], layout=layout)


def difference_vs_epsilon(
    epsilons: object,
    curves: Mapping[str, object],
    epsilon: float | None = None,
    title: str = "Network check: difference against ε",
) -> go.Figure:
    """The overall gradient-check difference against ε, one line per curve, on log-log axes,
    with the 1e-7, 1e-5 and 1e-3 lines and the chosen ε.

    Parameters
    ----------
    epsilons : the ε values (positive).
    curves : legend name → differences, one per ε (0 and non-finite values drawn as gaps).
    epsilon : the ε chosen on the page, drawn as a dotted vertical line.
    title : figure title.
    """
    if not isinstance(curves, Mapping) or not curves:
        raise ValueError("curves must map names to one difference per ε")
    if epsilon is not None:
        epsilon = check_range("epsilon", epsilon, 0.0, 1.0, inclusive_low=False)
    colors = [TWO_SIDED_COLOR, ONE_SIDED_COLOR, CLASS_COLORS[2], CLASS_COLORS[3]]
    traces, arrays = [], []
    for index, (name, values) in enumerate(curves.items()):
        eps, checked = _check_series(epsilons, values=values)
        arrays.append(checked["values"])
        color = colors[index % len(colors)]
        traces.append(_measured(eps, checked["values"], name, color, "difference"))
    layout = base_layout(
        title,
        EPS_TITLE,
        "difference (log scale)",
        height=480,
        legend=horizontal_legend(-0.2, x=0, xanchor="left"),
    )
    layout["margin"].update(r=THRESHOLD_ROOM, b=110)
    low, high = _log_range(*arrays, np.array([GREAT, SUSPICIOUS]))
    layout["xaxis"].update(
        type="log", dtick=2, tickangle=0, exponentformat="power", autorange="reversed"
    )
    layout["yaxis"].update(type="log", range=[low, max(high, 0.5)], dtick=2, exponentformat="power")
    shapes, annotations = _threshold_lines()
    if epsilon is not None:
        shapes.append(reference_line(x=epsilon, color="#222222", dash="dot"))
        annotations.append(_epsilon_label(epsilon))
    layout["shapes"], layout["annotations"] = shapes, annotations
    return go.Figure(data=traces, layout=layout)
