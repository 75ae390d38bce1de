"""Figures of the learning-rate decay page: α per epoch and cost per epoch, one line per schedule.

Pure functions from arrays (and trained networks, by duck typing) to Plotly figures, in the
projector style of ``playground.plotting.style`` (plotly_white, fonts ≥ 14 px, Okabe-Ito palette).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from types import MappingProxyType

import numpy as np
import plotly.graph_objects as go

from playground.plotting.axes import log_axis
from playground.plotting.curves import epoch_line
from playground.plotting.style import CLASS_COLORS, base_layout, fast_figure, finite_or_nan

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


def _lines(
    series: Mapping[str, Sequence[float]], y_label: str, y_format: str
) -> tuple[list[go.Scatter], np.ndarray]:
    """One line per schedule in its style (constant last, on top) and all the values drawn."""
    if not series:
        raise ValueError("series must hold at least one named curve")
    traces, everything = [], []
    listed = list(series)
    # constant is drawn last, on top: its dashes stay visible where a schedule equals α₀.
    for name in sorted(listed, key=lambda name: name == "constant"):
        y = finite_or_nan(series[name])
        color, dash = schedule_style(name)
        rank = listed.index(name)
        x = np.arange(1, y.size + 1)
        line = epoch_line(x, y, name, color, y_format, f"{y_label} = ", dash, legendrank=rank)
        traces.append(line)
        everything.append(y)
    return traces, np.concatenate(everything)


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
    return _per_epoch(rates, "α", ".3g", "α", log_y, title)


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
    return _per_epoch(costs, "J", ".4g", "cost J", log_y, title)


def _per_epoch(
    series: Mapping[str, Sequence[float]],
    y_label: str,
    y_format: str,
    y_title: str,
    log_y: bool,
    title: str,
) -> go.Figure:
    """One line per schedule against the epoch (see :func:`_lines`), the legend below."""
    traces, values = _lines(series, y_label, y_format)
    layout = base_layout(
        title,
        "epoch",
        f"{y_title} (log scale)" if log_y else y_title,
        height=440,
        margin={"l": 80, "r": 20, "t": 60, "b": 60},
        legend_y=-0.22,
    )
    if log_y:
        layout["yaxis"].update(log_axis(values))
    return fast_figure(traces, layout)
