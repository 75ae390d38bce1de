"""Curves against the epoch: one run's train and dev cost, or several runs' training cost.

A history is read by duck typing: per-epoch lists ``epochs`` (ints from 1) and ``train_cost``,
``dev_cost`` (NaN when there is no dev set) at the epochs of ``record_epochs`` (every epoch for
a history without it), plus ``best_epoch`` and ``stopped_reason`` (the attributes of
``playground.train.History``). :func:`epoch_series` gives any series with its x.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import plotly.graph_objects as go

from playground.engine.config import check_choice
from playground.engine.train import RECORDED_SERIES, StopReason
from playground.plotting.axes import log_axis, note
from playground.plotting.style import (
    CLASS_COLORS,
    DEV_COLOR,
    FONT_SIZE,
    TRAIN_COLOR,
    base_layout,
    fast_scatter,
    finite_or_nan,
    series_colors,
)

STOP_MESSAGES = {
    StopReason.DIVERGED: "Training diverged",
    StopReason.EARLY_STOPPING: "Early stopping",
    StopReason.CANCELLED: "Training cancelled",
}
"""What the cost figure says when a run stopped for another reason than its last epoch."""
STOPPED_REASONS = (None, *StopReason)
MAX_CURVE_POINTS = 1500
"""A cost curve of :func:`cost_overlay` is thinned to about this many points."""


def history_epochs(history: Any) -> np.ndarray:
    """``history.epochs`` as a 1-D int array."""
    return np.asarray(history.epochs, dtype=np.int64).ravel()


def recorded_epochs(history: Any) -> np.ndarray:
    """The epochs ``history``'s ``RECORDED_SERIES`` (train accuracy, dev cost and accuracy,
    layer norms) were measured at, as a 1-D int array: ``history.record_epochs``, or every
    epoch for a history without that list."""
    epochs = getattr(history, "record_epochs", None)
    return np.asarray(history.epochs if epochs is None else epochs, dtype=np.int64).ravel()


def epoch_series(history: Any, attr: str, name: str = "history") -> tuple[np.ndarray, np.ndarray]:
    """``history.<attr>`` with its x: (epochs, values as floats, non-finite → NaN).

    The x of a series of ``RECORDED_SERIES`` is ``recorded_epochs`` (every epoch, or every
    ``record_every``-th one), of the others ``history.epochs``. Raises ValueError, naming the
    series as ``<name>.<attr>``, unless there is one value per x.
    """
    recorded = attr in RECORDED_SERIES and hasattr(history, "record_epochs")
    x = recorded_epochs(history) if recorded else history_epochs(history)
    values = finite_or_nan(getattr(history, attr))
    if values.size != x.size:
        per = "recorded epoch" if recorded else "epoch"
        raise ValueError(
            f"{name}.{attr} must hold one value per {per} ({x.size}); got {values.size}"
        )
    return x, values


def history_series(history: Any, attr: str, n_epochs: int) -> np.ndarray:
    """``history.<attr>`` as floats (non-finite → NaN), checking one value per epoch."""
    values = finite_or_nan(getattr(history, attr))
    if values.size != n_epochs:
        raise ValueError(
            f"history.{attr} must hold one value per epoch ({n_epochs}); got {values.size}"
        )
    return values


def epoch_line(
    x: np.ndarray,
    y: np.ndarray,
    name: str,
    color: str,
    y_format: str = ".4g",
    y_label: str = "",
    dash: str = "solid",
    **extra: Any,
) -> go.Scatter:
    """A thick line of one value per epoch, hovering "name, epoch, ``y_label`` value"; NaN
    values are gaps. ``extra`` trace properties (``legendgroup``, …) are added as they are."""
    return fast_scatter(
        x=x,
        y=y,
        mode="lines",
        name=name,
        line={"color": color, "width": 3, "dash": dash},
        hovertemplate=f"{name}<br>epoch %{{x}}<br>{y_label}%{{y:{y_format}}}<extra></extra>",
        **extra,
    )


def cost_curves(history: Any, log_y: bool = False, title: str = "Cost") -> go.Figure:
    """Plot the train and dev cost J against the epoch.

    Parameters
    ----------
    history : object
        Training history (see the module's docstring); ``stopped_reason`` is None while
        training is still running, or one of "completed", "early_stopping", "diverged",
        "cancelled".
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
    check_choice("history.stopped_reason", history.stopped_reason, STOPPED_REASONS)
    epochs = history_epochs(history)
    train = history_series(history, "train_cost", epochs.size)
    traces = [epoch_line(epochs, train, "train", TRAIN_COLOR, ".4g")]
    selected_x = epochs
    dev_x, dev = epoch_series(history, "dev_cost")
    if np.isfinite(dev).any():
        traces.append(epoch_line(dev_x, dev, "dev", DEV_COLOR, ".4g"))
        selected_x = dev_x
    best = history.best_epoch
    if best is not None:
        traces.append(best_epoch_marker(selected_x, best, traces[-1].y))
    layout = base_layout(title, "epoch", "cost J")
    if log_y:
        layout["yaxis"].update(log_axis(np.concatenate([trace.y for trace in traces])))
    message = _stop_message(history, epochs, best)
    if message is not None:
        layout["annotations"] = [_stop_note(message, history.stopped_reason)]
    return go.Figure(data=traces, layout=layout)


def best_epoch_marker(
    epochs: np.ndarray,
    best: int,
    selected_on: np.ndarray,
    name: str = "best epoch",
    y_label: str = "cost",
) -> go.Scatter:
    """A black star at the best epoch on the curve it was selected on (dev, else train).

    Raises
    ------
    ValueError
        If ``best`` is not one of ``epochs``.
    """
    (where,) = np.nonzero(epochs == best)
    if where.size == 0:
        raise ValueError(f"history.best_epoch must be one of history.epochs; got {best!r}")
    return go.Scatter(
        x=[best],
        y=[selected_on[where[0]]],
        mode="markers",
        name=name,
        marker={"symbol": "star", "size": 20, "color": "#000000"},
        hovertemplate=f"best epoch %{{x}}<br>{y_label} %{{y:.4g}}<extra></extra>",
    )


def _stop_message(history: Any, epochs: np.ndarray, best: int | None) -> str | None:
    """ "Early stopping after epoch 40 (best epoch 31)", or None for a completed run."""
    message = STOP_MESSAGES.get(history.stopped_reason)
    if message is None:
        return None
    if epochs.size:
        message += f" after epoch {epochs[-1]}"
    if history.stopped_reason == StopReason.EARLY_STOPPING and best is not None:
        message += f" (best epoch {best})"
    return message


def _stop_note(message: str, reason: str) -> dict[str, Any]:
    """The stop message boxed in the top right corner (vermillion for a divergence)."""
    color = DEV_COLOR if reason == StopReason.DIVERGED else "#222222"
    border = {"bordercolor": "#444444", "borderwidth": 1, "borderpad": 4}
    return note(message, 1.0, 1.0, xanchor="right", color=color, **border)


def thin(x: np.ndarray, y: np.ndarray, most: int) -> tuple[np.ndarray, np.ndarray]:
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
    histories : run name → a history with ``epochs`` and ``train_cost`` (one per epoch);
        1 to 10 runs.
    names : run name → legend name (defaults to the run name).
    log_y : logarithmic cost axis (runs that start decades apart stay readable).
    title : figure title.
    x_title : what one epoch is, from the runs' settings
        (``playground.topics.minibatch.model.epoch_axis_title``).

    Returns
    -------
    go.Figure
        One ``Scatter`` line per run, in order, named from ``names``, in the colours of
        ``series_colors``; long runs are thinned to about ``MAX_CURVE_POINTS`` points, always
        keeping the last epoch.
    """
    if not isinstance(histories, Mapping) or not 1 <= len(histories) <= len(CLASS_COLORS):
        raise ValueError(f"histories must map 1 to {len(CLASS_COLORS)} run names to histories")
    check_choice("log_y", log_y, (False, True))
    names = dict(names or {})
    traces, values = [], []
    for key, color in zip(histories, series_colors(len(histories)), strict=True):
        history = histories[key]
        epochs = history_epochs(history)
        cost = finite_or_nan(history.train_cost)
        if cost.size != epochs.size:
            raise ValueError(f"histories[{key!r}] must hold one train cost per epoch")
        x, y = thin(epochs, cost, MAX_CURVE_POINTS)
        values.append(y)
        name = names.get(key, key)
        traces.append(epoch_line(x, y, name, color, ".4g", "J = "))
    layout = base_layout(
        title,
        x_title,
        "training cost J",
        height=460,
        legend={"font": {"size": FONT_SIZE}, "x": 1.0, "xanchor": "right", "y": 1.0},
    )
    if log_y:
        layout["yaxis"].update(log_axis(np.concatenate(values)))
    return go.Figure(data=traces, layout=layout)
