"""Tests for the shared figure vocabulary of playground.plotting: style, curves, legends,
panels and reference lines (the decision boundaries are in test_plots_boundary.py)."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import numpy as np
import plotly.graph_objects as go
import plotly.io as pio
import pytest

from playground.plotting import curves
from playground.plotting.axes import equal_aspect, log_colorbar, note, reference_line
from playground.plotting.markers import MINIMUM_MARKER, minimum_marker, start_marker
from playground.plotting.panels import grid_layout
from playground.plotting.style import (
    FONT_SIZE,
    TEMPLATE,
    fast_figure,
    horizontal_legend,
    series_colors,
    value_bars,
)

NAN = float("nan")


def make_history(**overrides: object) -> SimpleNamespace:
    history = SimpleNamespace(
        epochs=[1, 2, 3, 4, 5],
        train_cost=[0.9, 0.6, 0.4, 0.3, 0.25],
        dev_cost=[1.0, 0.7, 0.5, 0.55, 0.6],
        train_accuracy=[0.5, 0.7, 0.8, 0.9, 0.95],
        dev_accuracy=[0.45, 0.6, 0.75, 0.7, 0.72],
        learning_rate=[0.1] * 5,
        weight_norms=[[1.0 + e / 10, 2.0 + e / 10, 3.0 + e / 10] for e in range(5)],
        grad_norms=[[0.1, 0.01, 0.001]] * 5,
        best_epoch=3,
        stopped_reason="completed",
    )
    for name, value in overrides.items():
        setattr(history, name, value)
    return history


def assert_projector_style(fig: go.Figure) -> None:
    assert fig.layout.template == pio.templates[TEMPLATE]
    assert fig.layout.font.size >= 14
    assert fig.layout.title.text
    assert fig.layout.xaxis.title.text and fig.layout.yaxis.title.text


def traces_named(fig: go.Figure, name: str) -> list:
    return [trace for trace in fig.data if trace.name == name]


# --------------------------------------------------------------------------------------------
# cost_curves
# --------------------------------------------------------------------------------------------


def test_cost_curves_plot_history_values_and_best_epoch() -> None:
    history = make_history()
    fig = curves.cost_curves(history)
    assert_projector_style(fig)
    assert [t.name for t in fig.data] == ["train", "dev", "best epoch"]
    (train,) = traces_named(fig, "train")
    (dev,) = traces_named(fig, "dev")
    (best,) = traces_named(fig, "best epoch")
    np.testing.assert_array_equal(train.x, history.epochs)
    np.testing.assert_allclose(train.y, history.train_cost)
    np.testing.assert_allclose(dev.y, history.dev_cost)
    assert list(best.x) == [3] and list(best.y) == [0.5]
    assert fig.layout.yaxis.type != "log"
    assert not fig.layout.annotations


def test_cost_curves_log_axis_and_no_dev_set() -> None:
    history = make_history(dev_cost=[NAN] * 5, best_epoch=2)
    fig = curves.cost_curves(history, log_y=True, title="J")
    assert fig.layout.yaxis.type == "log"
    assert fig.layout.title.text == "J"
    assert [t.name for t in fig.data] == ["train", "best epoch"]
    (best,) = traces_named(fig, "best epoch")
    assert list(best.x) == [2] and list(best.y) == [0.6]  # on the train curve


@pytest.mark.parametrize(("decades", "dtick"), [(0.5, None), (0.93, "D2"), (2.0, "D2"), (9.0, 2)])
def test_log_axis_keeps_tick_labels_full_size_and_apart(decades: float, dtick: object) -> None:
    costs = list(np.logspace(0, -decades, 5))
    fig = curves.cost_curves(make_history(train_cost=costs, dev_cost=[NAN] * 5), log_y=True)
    assert fig.layout.yaxis.tickformat  # full numbers, not plotly's small minor digits
    assert fig.layout.yaxis.dtick == dtick


def test_cost_curves_show_gaps_for_non_finite_costs() -> None:
    history = make_history(train_cost=[0.9, 0.5, float("inf"), NAN, 1e308 * 10], best_epoch=None)
    fig = curves.cost_curves(history)
    (train,) = traces_named(fig, "train")
    assert np.isnan(np.asarray(train.y, dtype=float)[2:]).all()
    assert not traces_named(fig, "best epoch")


@pytest.mark.parametrize(
    ("reason", "text"),
    [
        ("diverged", "Training diverged after epoch 5"),
        ("early_stopping", "Early stopping after epoch 5 (best epoch 3)"),
        ("cancelled", "Training cancelled after epoch 5"),
    ],
)
def test_cost_curves_annotate_why_training_stopped(reason: str, text: str) -> None:
    fig = curves.cost_curves(make_history(stopped_reason=reason))
    assert [a.text for a in fig.layout.annotations] == [text]
    assert fig.layout.annotations[0].font.size >= 14


def test_cost_curves_without_stop_reason_while_running() -> None:
    fig = curves.cost_curves(make_history(stopped_reason=None, best_epoch=None))
    assert not fig.layout.annotations


@pytest.mark.parametrize(
    ("change", "kwargs", "argument"),
    [
        ({"dev_cost": [1.0, 2.0]}, {}, "history.dev_cost"),
        ({"best_epoch": 9}, {}, "history.best_epoch"),
        ({"stopped_reason": "exploded"}, {}, "history.stopped_reason"),
        ({}, {"log_y": "yes"}, "log_y"),
    ],
)
def test_cost_curves_reject_bad_arguments(change: dict, kwargs: dict, argument: str) -> None:
    with pytest.raises(ValueError, match=argument):
        curves.cost_curves(make_history(**change), **kwargs)


# --------------------------------------------------------------------------------------------
# cost_overlay
# --------------------------------------------------------------------------------------------


def history(costs):
    return SimpleNamespace(epochs=list(range(1, len(costs) + 1)), train_cost=list(costs))


X = "epoch (one step on the full batch of 280 examples)"


def test_cost_overlay_one_line_per_run_and_thinning():
    long = np.linspace(17.0, 0.1, 15000)
    fig = curves.cost_overlay(
        {"zeros": history([0.69] * 3), "random": history(long)}, {"zeros": "Zeros"}, x_title=X
    )
    zeros, random = fig.data
    assert zeros.name == "Zeros" and random.name == "random"  # names default to the key
    assert list(zeros.y) == [0.69] * 3 and list(zeros.x) == [1, 2, 3]
    assert len(random.x) <= curves.MAX_CURVE_POINTS + 1
    assert random.x[0] == 1 and random.x[-1] == 15000 and random.y[-1] == pytest.approx(0.1)
    assert [zeros.line.color, random.line.color] == series_colors(2)
    assert fig.layout.yaxis.type == "log" and fig.layout.xaxis.title.text == X
    flat = curves.cost_overlay({"a": history([1.0])}, log_y=False, x_title=X)
    assert flat.layout.yaxis.type is None
    assert np.isnan(curves.cost_overlay({"a": history([np.inf, 1.0])}, x_title=X).data[0].y[0])


def test_cost_overlay_rejects_bad_arguments():
    with pytest.raises(ValueError, match="^histories must map"):
        curves.cost_overlay({}, x_title=X)
    with pytest.raises(ValueError, match="^log_y "):
        curves.cost_overlay({"a": history([1.0])}, log_y="yes", x_title=X)
    broken = SimpleNamespace(epochs=[1, 2], train_cost=[1.0])
    with pytest.raises(ValueError, match=r"^histories\['a'\] must hold one train cost"):
        curves.cost_overlay({"a": broken}, x_title=X)


# --------------------------------------------------------------------------------------------
# style, legends, panels, reference lines
# --------------------------------------------------------------------------------------------


def test_fast_figure_keeps_the_template_per_figure() -> None:
    first = fast_figure([go.Scatter(x=[1], y=[2])], {"template": TEMPLATE})
    first.layout.template.layout.paper_bgcolor = "black"
    second = fast_figure([], {"template": TEMPLATE})
    assert second.layout.template.layout.paper_bgcolor == "white"
    assert FONT_SIZE >= 14


def test_plotting_does_not_import_streamlit() -> None:
    folder = Path(curves.__file__).parent
    for module in folder.glob("*.py"):
        assert "streamlit" not in module.read_text(), module.name


def test_horizontal_legend_is_one_row_centred_under_the_plot() -> None:
    legend = horizontal_legend(-0.2, groupclick="toggleitem")
    assert legend == {
        "font": {"size": FONT_SIZE},
        "orientation": "h",
        "x": 0.5,
        "xanchor": "center",
        "y": -0.2,
        "yanchor": "top",
        "groupclick": "toggleitem",
    }
    above = horizontal_legend(1.02, x=1, xanchor="right", yanchor="bottom")
    assert (above["y"], above["xanchor"], above["yanchor"]) == (1.02, "right", "bottom")


def test_value_bars_write_each_value_above_its_bar() -> None:
    bar = value_bars(["a", "b"], [1, 2], "counts", "#000000", ["1", "2"], "%{y}<extra></extra>")
    assert (bar.name, bar.marker.color, bar.text) == ("counts", "#000000", ("1", "2"))
    assert (bar.textposition, bar.textfont.size) == ("outside", FONT_SIZE)
    assert bar.hovertemplate == "%{y}<extra></extra>"


def test_grid_layout_puts_panels_row_by_row_with_their_titles() -> None:
    layout, refs = grid_layout(2, 3, ["a", "", "c"], gap_x=0.1, gap_y=0.2, heights=[3, 1])
    assert refs == [
        ("x", "y"),
        ("x2", "y2"),
        ("x3", "y3"),
        ("x4", "y4"),
        ("x5", "y5"),
        ("x6", "y6"),
    ]
    width = (1 - 0.2) / 3
    assert layout["xaxis2"]["domain"] == [
        pytest.approx(width + 0.1),
        pytest.approx(2 * width + 0.1),
    ]
    assert layout["xaxis3"]["domain"][1] == 1.0 and layout["xaxis4"]["domain"][0] == 0.0
    assert layout["yaxis"]["domain"] == [pytest.approx(0.4), 1.0]  # 3/4 of the 0.8 left
    assert layout["yaxis5"]["domain"] == [0.0, pytest.approx(0.2)]
    assert layout["yaxis5"]["anchor"] == "x5" and layout["xaxis5"]["anchor"] == "y5"
    titles = [(a["text"], a["x"], a["y"]) for a in layout["annotations"]]
    assert titles == [
        ("a", pytest.approx(width / 2), 1.0),
        ("c", pytest.approx(2.5 * width + 0.2), 1.0),
    ]
    assert go.Figure(layout=layout).layout.xaxis6.anchor == "y6"  # valid plotly


def test_reference_line_spans_the_plot_vertically_or_horizontally() -> None:
    vertical = reference_line(x=3.0, dash="dot")
    assert (vertical["x0"], vertical["x1"], vertical["yref"]) == (3.0, 3.0, "paper")
    assert (vertical["y0"], vertical["y1"], vertical["line"]["dash"]) == (0, 1, "dot")
    horizontal = reference_line(y=0.5, color="#123456")
    assert (horizontal["y0"], horizontal["y1"], horizontal["xref"]) == (0.5, 0.5, "paper")
    assert horizontal["line"]["color"] == "#123456"
    with pytest.raises(ValueError, match="exactly one of x"):
        reference_line()
    with pytest.raises(ValueError, match="exactly one of x"):
        reference_line(x=1.0, y=1.0)


def test_equal_aspect_gives_both_axes_the_same_units_per_pixel() -> None:
    layout = equal_aspect({"xaxis": {"title": {"text": "w₁"}}}, [-1.0, 0.0, 2.0], (3, 5))
    assert layout["xaxis"] == {
        "title": {"text": "w₁"},
        "range": [-1.0, 2.0],
        "constrain": "domain",
    }
    assert layout["yaxis"]["range"] == [3, 5] and layout["yaxis"]["scaleanchor"] == "x"
    assert layout["yaxis"]["scaleratio"] == 1
    panel = equal_aspect({}, (0, 1), (0, 1), "x3", "y3", showgrid=False)
    assert panel["yaxis3"]["scaleanchor"] == "x3" and panel["xaxis3"]["showgrid"] is False


def test_note_is_a_boxed_label_without_arrow() -> None:
    label = note("stopped", 4, 1.0, xref="x", xshift=6)
    assert (label["x"], label["xref"], label["y"], label["yref"]) == (4, "x", 1.0, "paper")
    assert label["showarrow"] is False and label["xshift"] == 6
    assert label["font"] == {"size": FONT_SIZE} and label["bgcolor"].startswith("rgba(255")
    bare = note("ε", 0, 1, size=12, color="#333333", box=False)
    assert bare["font"] == {"size": 12, "color": "#333333"} and "bgcolor" not in bare


def test_log_colorbar_labels_the_exponents_with_their_values() -> None:
    bar = log_colorbar("J", [-4, -3, 0, 1])
    assert bar["tickvals"] == [-4, -3, 0, 1]
    assert bar["ticktext"] == ["0.0001", "0.001", "1", "10"]
    assert log_colorbar("J", [0.30103], ".2g")["ticktext"] == ["2"]


def test_landmarks_mark_one_or_several_points() -> None:
    start = start_marker(1.5, -2.0)
    assert list(start["x"]) == [1.5] and list(start["y"]) == [-2.0] and start["name"] == "start"
    minima = minimum_marker(np.array([0.0, 1.0]), np.array([2.0, 3.0]), showlegend=False)
    assert list(minima["x"]) == [0.0, 1.0] and minima["marker"] == MINIMUM_MARKER
    assert minima["showlegend"] is False
    minima["marker"]["size"] = 99
    assert MINIMUM_MARKER["size"] != 99, "each trace has its own copy of the style"
    go.Figure(data=[start, minima])  # valid plotly
