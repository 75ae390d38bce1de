"""Plotly figures of the Regularization page: two runs compared, weights, dropout, augmentation.

Pure functions in the style of :mod:`playground.plotting.style` (``plotly_white``, fonts ≥ 14 px,
the Okabe-Ito palette): the run without regularization is drawn in grey, the regularized run in
blue; dev curves are solid and train curves dotted. Histories are read by duck typing (the
attributes of :class:`playground.train.History`).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import plotly.graph_objects as go

from playground.engine.config import (
    check_choice,
    check_int,
    check_labels,
    check_matrix,
    check_range,
)
from playground.engine.train import StopReason
from playground.plotting.axes import note, reference_line
from playground.plotting.curves import (
    best_epoch_marker,
    epoch_line,
    epoch_series,
    history_epochs,
    recorded_epochs,
)
from playground.plotting.style import (
    CLASS_COLORS,
    base_layout,
    fast_figure,
    finite_or_nan,
    value_bars,
)
from playground.topics.regularization.effects import total_weight_norm

BASELINE_COLOR = "#5f5f5f"
"""The run without regularization: dark grey."""
REGULAR_COLOR = CLASS_COLORS[0]
"""The regularized run: blue."""
MEANS_COLORS = (CLASS_COLORS[2], CLASS_COLORS[0], CLASS_COLORS[1])
"""Bars of :func:`activation_means`: test mode green, inverted dropout blue, unscaled vermillion."""
ZERO_FLOOR = 1e-8
"""|w| below this (exact zeros too) falls in the first bin of :func:`magnitude_histogram`."""
AUGMENTED_OPACITY = 0.3


def _run_color(index: int) -> str:
    return BASELINE_COLOR if index == 0 else (REGULAR_COLOR, *CLASS_COLORS[2:])[index - 1]


def _check_runs(name: str, runs: Mapping[str, Any]) -> list[tuple[str, Any]]:
    if not isinstance(runs, Mapping) or not 1 <= len(runs) <= 4:
        raise ValueError(f"{name} must map 1 to 4 run names to their values")
    return list(runs.items())


def _layout(title: str, x_title: str, y_title: str, **extra: Any) -> dict[str, Any]:
    """The layout of the page's figures: the legend in one row under the plot (room below for
    it), so two charts side by side keep their width."""
    margin = {"l": 70, "r": 30, "t": 70, "b": 110}
    return base_layout(title, x_title, y_title, legend_y=-0.2, margin=margin, **extra)


def run_curves(
    histories: Mapping[str, Any],
    kind: str = "cost",
    title: str | None = None,
    focus: bool = True,
) -> go.Figure:
    """Train (dotted) and dev (solid) cost or accuracy of each run against the epoch.

    Parameters
    ----------
    histories : mapping of run name → history
        1 to 4 runs; the first (no regularization) is grey, the next blue, then green, purple.
        Each has ``epochs`` and ``train_cost``, and ``train_accuracy``, ``dev_cost`` and
        ``dev_accuracy`` at its ``record_epochs`` (every epoch if it has none).
    kind : {"cost", "accuracy"}
        Plot the cost J or the accuracy (on a 0–100 % axis).
    title : str, optional
        Defaults to "Cost J" or "Accuracy".
    focus : bool
        For the cost: when a regularized run's training cost (which includes its penalty, e.g.
        λ/(2b) Σ‖W‖²) climbs above 1.1 × the highest dev cost and unregularized training cost,
        cut the axis there, so the dev curves keep their size, and say so in an annotation.

    Returns
    -------
    go.Figure
        Per run, the traces "<name> · train" then "<name> · dev" (legend group = run name).
    """
    check_choice("kind", kind, ("cost", "accuracy"))
    check_choice("focus", focus, (False, True))
    traces = []
    y_format = ".4g" if kind == "cost" else ".1%"
    for index, (name, history) in enumerate(_check_runs("histories", histories)):
        color = _run_color(index)
        for split, dash in (("train", "dot"), ("dev", "solid")):
            epochs, values = epoch_series(history, f"{split}_{kind}")
            traces.append(
                epoch_line(
                    epochs,
                    values,
                    f"{name} · {split}",
                    color,
                    y_format,
                    dash=dash,
                    legendgroup=name,
                )
            )
    default = "Cost J" if kind == "cost" else "Accuracy"
    layout = _layout(title or default, "epoch", "cost J" if kind == "cost" else "")
    if kind == "accuracy":
        layout["yaxis"].update(range=[0.0, 1.02], tickformat=".0%")
    elif focus:
        _focus_on_dev(traces, layout)
    return fast_figure(traces, layout)


def _focus_on_dev(traces: list[go.Scatter], layout: dict[str, Any]) -> None:
    """Cut the cost axis above the dev curves and the first run's train curve, if another train
    curve would squash them (traces alternate train, dev per run)."""
    kept = [traces[0].y] + [trace.y for trace in traces[1::2]]
    tops = [float(np.nanmax(y)) for y in kept if np.isfinite(y).any()]
    if not tops:
        return
    top = 1.1 * max(tops)
    over = [t.name for t in traces[2::2] if np.isfinite(t.y).any() and np.nanmax(t.y) > top]
    if not over:
        return
    layout["yaxis"].update(range=[0.0, top])
    text = f"↑ {', '.join(over)} starts above the axis"
    layout["annotations"] = [note(text, 0.5, 1.0, xanchor="center")]


def weight_norm_curves(histories: Mapping[str, Any], title: str = "Size of the weights ‖W‖"):
    """‖W‖ = √(Σ_l ‖W[l]‖²_F) of each run against the epoch (from ``history.weight_norms``, at
    its ``record_epochs``).

    Returns one solid line per run, named after it.
    """
    traces = []
    for index, (name, history) in enumerate(_check_runs("histories", histories)):
        epochs = recorded_epochs(history)
        norms = finite_or_nan(total_weight_norm(history.weight_norms))
        if norms.size != epochs.size:
            raise ValueError(f"history.weight_norms must hold one row per epoch ({epochs.size})")
        traces.append(epoch_line(epochs, norms, name, _run_color(index), ".3g", legendgroup=name))
    layout = _layout(title, "epoch", "‖W‖ (all layers)")
    layout["yaxis"]["rangemode"] = "tozero"
    return fast_figure(traces, layout)


def magnitude_histogram(
    weights: Mapping[str, np.ndarray],
    threshold: float,
    bins_per_decade: int = 4,
    title: str = "How big are the weights? |w| on a log scale",
) -> go.Figure:
    """Overlaid histograms of log₁₀|w| of each run's weights, with the "near zero" line.

    Parameters
    ----------
    weights : mapping of run name → array
        1 to 4 runs' weights (any shape; flattened). Non-finite values are left out.
    threshold : float
        |w| < threshold counts as zero; drawn as a dashed line at log₁₀(threshold). In (0, 1].
    bins_per_decade : int
        Bins per power of ten, in [1, 20]. Bins start at ZERO_FLOOR = 1e-8, where every smaller
        |w| (exact zeros too) is counted.
    title : str
        Figure title.

    Returns
    -------
    go.Figure
        One ``Bar`` trace per run (fraction of its weights per bin), x = log₁₀|w| with ticks
        labelled 1e-8 … 1e+k.
    """
    runs = _check_runs("weights", weights)
    threshold = check_range("threshold", threshold, 0.0, 1.0, inclusive_low=False)
    bins_per_decade = check_int("bins_per_decade", bins_per_decade, 1, 20)
    values = []
    for _, w in runs:
        w = np.abs(np.asarray(w, dtype=np.float64).ravel())
        w = w[np.isfinite(w)]
        values.append(np.log10(np.maximum(w, ZERO_FLOOR)))
    low = np.log10(ZERO_FLOOR)
    top = max([float(v.max()) for v in values if v.size] + [0.0])
    high = max(np.ceil(top), low + 1)
    edges = np.linspace(low, high, int(round((high - low) * bins_per_decade)) + 1)
    centers = (edges[:-1] + edges[1:]) / 2
    traces = []
    for index, ((name, _), v) in enumerate(zip(runs, values, strict=True)):
        counts, _ = np.histogram(np.minimum(v, edges[-1]), bins=edges)
        traces.append(
            go.Bar(
                x=centers,
                y=counts / max(v.size, 1),
                width=edges[1] - edges[0],
                name=name,
                marker={"color": _run_color(index), "line": {"width": 0}},
                opacity=0.6,
                hovertemplate=f"{name}<br>|w| ≈ 10^%{{x:.2f}}<br>%{{y:.1%}} of weights"
                "<extra></extra>",
            )
        )
    decades = np.arange(low, high + 1)
    labels = [f"≤1e{int(low)}" if d == low else f"1e{int(d)}" for d in decades]
    layout = _layout(title, "|w| (log scale)", "fraction of weights", barmode="overlay", bargap=0)
    layout["xaxis"].update(tickvals=decades.tolist(), ticktext=labels)
    tallest = max([float(np.max(trace.y)) for trace in traces if len(trace.y)] + [0.0])
    layout["yaxis"].update(tickformat=".0%", range=[0.0, 1.3 * tallest or 1.0])
    cut = float(np.log10(threshold))
    layout["shapes"] = [reference_line(x=cut)]
    text = f"|w| < {threshold:g}<br>counts as zero"
    layout["annotations"] = [note(text, cut, 1.0, xref="x", xanchor="right", align="right")]
    return fast_figure(traces, layout)


def activation_means(means: Any, title: str = "Mean activation per hidden layer") -> go.Figure:
    """Grouped bars per hidden layer: test mode, inverted dropout, dropout without ÷ keep_prob.

    Parameters
    ----------
    means : object
        With ``keep_probs`` (one per hidden layer) and arrays ``test``, ``inverted``,
        ``unscaled`` of that length (see
        :class:`playground.topics.regularization.effects.DropoutMeans`).
    title : str
        Figure title.

    Returns
    -------
    go.Figure
        Three ``Bar`` traces, x = "a[l]<br>keep_prob k" for l = 1 … L−1.
    """
    keep = [float(k) for k in means.keep_probs]
    series = {
        "test mode (no dropout)": means.test,
        "dropout, a ⊙ d / keep_prob": means.inverted,
        "dropout, a ⊙ d (no ÷ keep_prob)": means.unscaled,
    }
    layers = [f"a[{l}]<br>keep_prob {k:g}" for l, k in enumerate(keep, start=1)]
    traces = []
    for (name, values), color in zip(series.items(), MEANS_COLORS, strict=True):
        y = finite_or_nan(values)
        if y.size != len(keep):
            raise ValueError(f"means must hold one value per hidden layer ({len(keep)})")
        hover = f"{name}<br>%{{x}}: %{{y:.4f}}<extra></extra>"
        traces.append(value_bars(layers, y, name, color, [f"{v:.2f}" for v in y], hover))
    layout = _layout(title, "", "mean activation", barmode="group")
    top = np.nanmax([np.nanmax(finite_or_nan(v)) for v in series.values()] + [0.0])
    layout["yaxis"].update(range=[0.0, float(top) * 1.2 or 1.0])
    layout["legend"].update(orientation="v", y=-0.18)  # below the two-line layer labels
    layout["margin"]["b"] = 150
    return fast_figure(traces, layout)


def early_stopping_curves(
    full: Any, stopped: Any, names: tuple[str, str] = ("none", "early-stopping")
) -> go.Figure:
    """Dev cost of the full run and of the early-stopped run, with its best and stopping epochs.

    Parameters
    ----------
    full, stopped : history
        The run without early stopping and the one with it (same seed: the stopped run's
        curve is the start of the full one). ``stopped.best_epoch`` is marked with a star;
        when ``stopped.stopped_reason`` is "early_stopping" its last epoch gets a dashed line.
    names : (str, str)
        Legend names of the two runs.

    Returns
    -------
    go.Figure
        Traces "<full> · dev", "<stopped> · dev", then "best epoch" when it is set.
    """
    traces = []
    for index, (name, history, width) in enumerate(((names[0], full, 3), (names[1], stopped, 6))):
        epochs, dev = epoch_series(history, "dev_cost")
        trace = epoch_line(epochs, dev, f"{name} · dev", _run_color(index), legendgroup=name)
        trace.line.width = width
        traces.append(trace)
    layout = _layout("Dev cost and early stopping", "epoch", "dev cost J")
    best = stopped.best_epoch
    dev_epochs = recorded_epochs(stopped)
    if best is not None and best in dev_epochs:
        name = f"best epoch {best} (weights kept)"
        traces.append(best_epoch_marker(dev_epochs, best, traces[1].y, name, "dev cost"))
    epochs = history_epochs(stopped)
    if stopped.stopped_reason == StopReason.EARLY_STOPPING and epochs.size:
        stop = int(epochs[-1])
        layout["shapes"] = [reference_line(x=stop)]
        layout["annotations"] = [note(f"stopped at epoch {stop}", stop, 1.0, xref="x", xshift=6)]
    return fast_figure(traces, layout)


def with_augmented_points(figure: go.Figure, X_new: np.ndarray, Y_new: np.ndarray) -> go.Figure:
    """A copy of a decision-boundary figure with made-up points drawn faded under the real ones.

    Parameters
    ----------
    figure : go.Figure
        From :func:`playground.plotting.boundary.decision_boundary` (trace 0 is the background).
    X_new : ndarray of shape (2, m_new)
        The augmented copies (not the originals).
    Y_new : ndarray of shape (1, m_new)
        Their labels.

    Returns
    -------
    go.Figure
        Traces: the background, one faded "y = k" trace per class in legend group "augmented",
        then the figure's other traces.
    """
    X_new = check_matrix("X_new", X_new, rows=2)
    Y_new = check_labels("Y_new", Y_new, X_new.shape[1], len(CLASS_COLORS))
    scatter = go.Scattergl if X_new.shape[1] >= 5000 else go.Scatter
    faded = []
    for k in np.unique(Y_new):
        members = Y_new[0] == k
        faded.append(
            scatter(
                x=X_new[0, members],
                y=X_new[1, members],
                mode="markers",
                name=f"y = {k}",
                legendgroup="augmented",
                legendgrouptitle={"text": "made up"},
                marker={"size": 7, "color": CLASS_COLORS[k], "opacity": AUGMENTED_OPACITY},
                hovertemplate=f"augmented, y = {k}<br>x₁ = %{{x:.2f}}<br>x₂ = %{{y:.2f}}"
                "<extra></extra>",
            )
        )
    data = list(figure.data)
    return go.Figure(data=[data[0], *faded, *data[1:]], layout=figure.layout)
