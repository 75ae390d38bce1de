"""Figures of the mini-batch page: traces, axes and projector styling, and argument checks."""

from __future__ import annotations

import math

import numpy as np
import pytest
from figure_checks import check_every_fast_figure

from playground.plotting.style import CLASS_COLORS, FONT_SIZE
from playground.topics.minibatch import figures as plots

LABELS = ["batch (full)", "mini-batch 32", "SGD (1)"]


@pytest.fixture(autouse=True)
def checked_figures(monkeypatch):
    """Every figure built with ``fast_figure`` here is valid Plotly (``figure_checks``)."""
    return check_every_fast_figure(monkeypatch, plots)


def panels(**overrides):
    arguments = {
        "labels": LABELS,
        "iteration_costs": [[0.7, 0.6], [0.7, 0.5, 0.6, 0.4], [0.1, 2.0, 0.01, 0.5]],
        "epoch_costs": [[0.7, 0.6], [0.6, 0.5], [0.5, 0.4]],
        "iterations_per_epoch": [1, 2, 2],
    }
    return plots.iteration_cost_panels(**(arguments | overrides))


def test_batch_colors_are_fixed_per_kind():
    assert plots.batch_color("full") == CLASS_COLORS[0]
    assert plots.batch_color("1") == CLASS_COLORS[2]
    assert plots.batch_color("64") == plots.batch_color("8") == CLASS_COLORS[1]


def test_iteration_panels_put_every_mini_batch_on_the_epoch_axis():
    figure = panels()
    assert len(figure.data) == 8  # batch: J{t}, epoch cost; the others: J{t}, EWMA, epoch cost
    minibatch, smooth, epoch = figure.data[2], figure.data[3], figure.data[4]
    assert minibatch.xaxis == smooth.xaxis == epoch.xaxis == "x2"
    np.testing.assert_allclose(minibatch.x, [0.5, 1.0, 1.5, 2.0])  # t / ⌈m / batch⌉
    np.testing.assert_allclose(epoch.x, [1, 2])
    shown = [t.showlegend for t in figure.data]
    assert shown == [True, True, False, None, False, False, None, False]
    assert figure.data[0].mode == "lines+markers"  # one update per epoch: show the points
    titles = [a.text for a in figure.layout.annotations]
    assert titles[0] == "batch (full)<br>1 update per epoch"
    assert titles[1] == "mini-batch 32<br>2 updates per epoch"
    assert all(a.font.size >= 14 for a in figure.layout.annotations)
    assert figure.layout.font.size == FONT_SIZE and figure.layout.template.layout.paper_bgcolor


def test_many_mini_batches_per_epoch_are_drawn_faint_under_their_ewma():
    costs = np.random.default_rng(0).uniform(0.0, 2.0, 280 * 20)  # SGD: a solid band of costs
    figure = panels(
        labels=["SGD (1)"],
        iteration_costs=[costs],
        epoch_costs=[[1.0] * 20],
        iterations_per_epoch=[280],
    )
    single, smooth, _ = figure.data
    assert single.line.width < 1 and single.line.color.endswith("0.18)")
    assert smooth.name == "EWMA of J{t}, β = 0.99" and smooth.line.width >= 2
    beta = plots.smoothing_beta(280)
    v = np.cumsum([(1 - beta) * beta ** (9 - i) * costs[i] for i in range(10)])[-1]
    assert smooth.y[9] == pytest.approx(v / (1 - beta**10))  # bias-corrected v_10
    assert 0.8 < np.nanmean(smooth.y[-500:]) < 1.2  # reads the mean cost of 1 the band hides
    assert plots.smoothing_beta(2) == 0.9 and plots.smoothing_beta(50) == pytest.approx(0.98)


def test_the_cost_axis_keeps_the_epoch_costs_and_99_percent_of_the_mini_batches():
    figure = panels()
    top = figure.layout.yaxis.range[1]
    assert figure.layout.yaxis.range[0] == 0
    iteration = [0.7, 0.6, 0.7, 0.5, 0.6, 0.4, 0.1, 2.0, 0.01, 0.5]
    assert top == pytest.approx(max(0.7 * 1.15, np.quantile(iteration, 0.99)))


def test_long_series_are_thinned_and_say_so():
    costs = np.linspace(1.0, 0.1, 25_000)
    figure = panels(
        labels=["SGD (1)"],
        iteration_costs=[costs],
        epoch_costs=[[0.5]],
        iterations_per_epoch=[25_000],
        max_points=10_000,
    )
    thinned = figure.data[0]
    assert len(thinned.y) == math.ceil(25_000 / 3) and thinned.name.endswith("(every 3th)")
    np.testing.assert_allclose(thinned.y, costs[::3])


def test_an_empty_run_gives_empty_panels():
    figure = panels(iteration_costs=[[], [], []], epoch_costs=[[], [], []])
    assert all(len(t.y) == 0 for t in figure.data)
    assert figure.layout.yaxis.range == (0.0, 1.0)


@pytest.mark.parametrize(
    ("overrides", "match"),
    [
        ({"labels": []}, "number of labels"),
        ({"labels": ["a"] * 7}, "number of labels"),
        ({"iteration_costs": [[1.0]]}, "iteration_costs must hold one entry per label"),
        ({"epoch_costs": [[1.0]]}, "epoch_costs must hold one entry per label"),
        ({"iterations_per_epoch": [1, 2]}, "iterations_per_epoch must hold one entry"),
        ({"iterations_per_epoch": [1, 0, 2]}, r"iterations_per_epoch\[1\] must be at least 1"),
        ({"colors": ["#000000"]}, "colors must hold one entry per label"),
        ({"max_points": 10}, "max_points must be between"),
    ],
)
def test_iteration_panels_reject_bad_arguments(overrides, match):
    with pytest.raises(ValueError, match=match):
        panels(**overrides)


def test_time_bars_show_milliseconds_and_updates():
    figure = plots.epoch_time_bars(LABELS, [0.0001, 0.001, 0.02], [1, 9, 280])
    bar = figure.data[0]
    np.testing.assert_allclose(bar.x, [0.1, 1.0, 20.0])
    assert list(bar.y) == LABELS
    assert list(bar.text) == ["0.1 ms · 1 update", "1 ms · 9 updates", "20 ms · 280 updates"]
    assert figure.layout.xaxis.range == (0, 32.0)
    assert figure.layout.yaxis.autorange == "reversed"


def test_time_bars_before_training_have_no_bars():
    figure = plots.epoch_time_bars(LABELS, [math.nan] * 3, [1, 9, 280])
    assert all(math.isnan(x) for x in figure.data[0].x)
    assert list(figure.data[0].text) == ["", "", ""]


@pytest.mark.parametrize(
    ("args", "match"),
    [
        (([], [], []), "number of labels"),
        ((LABELS, [0.1], [1, 2, 3]), "seconds_per_epoch must hold one entry"),
        ((LABELS, [0.1] * 3, [1]), "iterations_per_epoch must hold one entry"),
        ((LABELS, [0.1, -1.0, 0.1], [1, 2, 3]), r"seconds_per_epoch\[1\] must be in"),
        ((LABELS, [0.1, math.inf, 0.1], [1, 2, 3]), r"seconds_per_epoch\[1\] must be in"),
    ],
)
def test_time_bars_reject_bad_arguments(args, match):
    with pytest.raises(ValueError, match=match):
        plots.epoch_time_bars(*args)
    if match == "number of labels":
        return
    with pytest.raises(ValueError, match="colors"):
        plots.epoch_time_bars(LABELS, [0.1] * 3, [1, 2, 3], colors=["#000000"])


def grid():
    w1, w2 = np.linspace(-1, 1, 5), np.linspace(-2, 2, 4)
    return w1, w2, np.add.outer(w2**2, w1**2)


def test_weight_paths_draw_contour_paths_ends_start_and_minimum(checked_figures):
    w1, w2, J = grid()
    paths = {
        "batch (full)": np.array([[0.0, 0.0], [0.2, -0.1]]),
        "SGD (1)": np.array([[0.0, 0.0], [0.5, 0.5], [np.nan, np.nan]]),
    }
    figure = plots.weight_paths(w1, w2, J, paths, minimum=(0.1, -0.2))
    names = [t.name for t in figure.data]
    assert names == [
        "J",
        "SGD (1)",
        "SGD (1) end",
        "batch (full)",
        "batch (full) end",
        "start",
        "w* (minimum)",
    ]
    contour = figure.data[0]
    assert contour.type == "contour" and contour.showscale is False
    np.testing.assert_allclose(np.asarray(contour.z), J)
    sgd = figure.data[1]
    np.testing.assert_allclose(sgd.x, [0.0, 0.5])  # the NaN row is left out
    np.testing.assert_allclose(figure.data[2].x, [0.5])
    assert figure.layout.yaxis.scaleanchor == "x"
    assert figure.layout.xaxis.range == (-1.0, 1.0)
    assert figure.data[3].line.color == CLASS_COLORS[0]  # default colours: palette order
    assert figure.data[1].line.color == CLASS_COLORS[1]
    assert checked_figures == [figure], "built without Plotly's check: checked here"


def test_weight_paths_without_a_finite_minimum_leave_it_out():
    w1, w2, J = grid()
    figure = plots.weight_paths(w1, w2, J, {"a": np.zeros((2, 2))}, minimum=(np.nan, 0.0))
    assert "w* (minimum)" not in [t.name for t in figure.data]
    figure = plots.weight_paths(w1, w2, J, {"a": np.full((2, 2), np.nan)})
    assert [t.name for t in figure.data] == ["J"]


@pytest.mark.parametrize(
    ("change", "match"),
    [
        ({"J": np.zeros((5, 4))}, "J must have shape"),
        ({"paths": {}}, "at least one path"),
        ({"paths": {"a": np.zeros((3, 3))}}, r"paths\['a'\] must have shape \(k, 2\)"),
        ({"colors": ["#000000", "#111111"]}, "colors must hold one entry"),
    ],
)
def test_weight_paths_reject_bad_arguments(change, match):
    w1, w2, J = grid()
    arguments = {"w1": w1, "w2": w2, "J": J, "paths": {"a": np.zeros((2, 2))}}
    with pytest.raises(ValueError, match=match):
        plots.weight_paths(**(arguments | change))
