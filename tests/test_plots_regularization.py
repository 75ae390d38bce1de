"""Tests of playground.plots_regularization: each figure holds the right numbers, is styled for
a projector and rejects malformed input."""

from __future__ import annotations

from types import SimpleNamespace

import numpy as np
import pytest
from figure_checks import check_every_fast_figure

from playground.plotting import boundary as plots
from playground.topics.regularization import figures as rplots
from playground.topics.regularization.effects import DropoutMeans


@pytest.fixture(autouse=True)
def checked_figures(monkeypatch):
    """Every figure built with ``fast_figure`` here is valid Plotly (``figure_checks``)."""
    return check_every_fast_figure(monkeypatch, rplots)


def history(**overrides: object) -> SimpleNamespace:
    base = SimpleNamespace(
        epochs=[1, 2, 3, 4],
        train_cost=[0.9, 0.5, 0.3, 0.2],
        dev_cost=[1.0, 0.6, 0.55, 0.7],
        train_accuracy=[0.5, 0.8, 0.9, 0.95],
        dev_accuracy=[0.45, 0.7, 0.75, 0.72],
        weight_norms=[[3.0, 4.0], [6.0, 8.0], [5.0, 12.0], [8.0, 15.0]],
        best_epoch=3,
        stopped_reason="completed",
    )
    for name, value in overrides.items():
        setattr(base, name, value)
    return base


def assert_projector_style(figure) -> None:
    layout = figure.layout
    assert layout.font.size >= 14 and layout.title.font.size >= 14
    assert layout.title.text
    assert layout.legend.font.size >= 14


# -- train/dev curves of both runs --------------------------------------------------------------


@pytest.mark.parametrize("kind", ["cost", "accuracy"])
def test_run_curves_draw_train_dotted_and_dev_solid_per_run(kind):
    runs = {"none": history(), "L2": history(**{f"dev_{kind}": [0.1, 0.2, 0.3, 0.4]})}
    figure = rplots.run_curves(runs, kind)
    names = [trace.name for trace in figure.data]
    assert names == ["none · train", "none · dev", "L2 · train", "L2 · dev"]
    dashes = [trace.line.dash for trace in figure.data]
    assert dashes == ["dot", "solid", "dot", "solid"]
    colors = [trace.line.color for trace in figure.data]
    assert colors == [rplots.BASELINE_COLOR] * 2 + [rplots.REGULAR_COLOR] * 2
    np.testing.assert_array_equal(figure.data[0].x, [1, 2, 3, 4])
    np.testing.assert_array_equal(figure.data[1].y, getattr(runs["none"], f"dev_{kind}"))
    np.testing.assert_array_equal(figure.data[3].y, [0.1, 0.2, 0.3, 0.4])
    assert figure.data[2].legendgroup == "L2"
    assert_projector_style(figure)
    if kind == "accuracy":
        assert figure.layout.yaxis.tickformat == ".0%"
        assert tuple(figure.layout.yaxis.range) == (0.0, 1.02)


def test_the_cost_axis_is_cut_when_a_penalized_train_cost_would_squash_the_rest():
    penalized = history(train_cost=[6.0, 3.0, 1.0, 0.5])
    figure = rplots.run_curves({"none": history(), "L2": penalized})
    # 1.1 × the highest of the dev costs (1.0) and the unregularized train cost (0.9)
    assert tuple(figure.layout.yaxis.range) == pytest.approx((0.0, 1.1))
    assert figure.layout.annotations[0].text == "↑ L2 · train starts above the axis"
    np.testing.assert_array_equal(figure.data[2].y, [6.0, 3.0, 1.0, 0.5]), "data is kept"
    uncut = rplots.run_curves({"none": history(), "L2": history()})
    assert uncut.layout.yaxis.range is None and not uncut.layout.annotations
    assert (
        rplots.run_curves({"none": history(), "L2": penalized}, focus=False).layout.yaxis.range
        is None
    )
    with pytest.raises(ValueError, match="focus must be one of False, True"):
        rplots.run_curves({"none": history()}, focus="yes")


def test_run_curves_of_untrained_runs_are_empty_lines():
    empty = history(epochs=[], train_cost=[], dev_cost=[], train_accuracy=[], dev_accuracy=[])
    figure = rplots.run_curves({"none": empty, "L1": empty})
    assert len(figure.data) == 4 and all(len(trace.x) == 0 for trace in figure.data)


def test_run_curves_reject_bad_input():
    with pytest.raises(ValueError, match="kind must be one of 'cost', 'accuracy'"):
        rplots.run_curves({"none": history()}, "loss")
    with pytest.raises(ValueError, match="histories must map 1 to 4 run names"):
        rplots.run_curves({})
    with pytest.raises(ValueError, match="histories must map 1 to 4 run names"):
        rplots.run_curves({str(i): history() for i in range(5)})
    with pytest.raises(ValueError, match="history.dev_cost must hold one value per epoch"):
        rplots.run_curves({"none": history(dev_cost=[1.0])})


# -- weight norms -------------------------------------------------------------------------------


def test_weight_norm_curves_plot_the_total_norm_of_each_run():
    figure = rplots.weight_norm_curves(
        {"none": history(), "L2": history(weight_norms=[[1, 0]] * 4)}
    )
    assert [trace.name for trace in figure.data] == ["none", "L2"]
    np.testing.assert_allclose(figure.data[0].y, [5.0, 10.0, 13.0, 17.0])
    np.testing.assert_allclose(figure.data[1].y, [1.0] * 4)
    assert figure.layout.yaxis.rangemode == "tozero"
    assert_projector_style(figure)
    with pytest.raises(ValueError, match="history.weight_norms must hold one row per epoch"):
        rplots.weight_norm_curves({"none": history(weight_norms=[[1.0]])})


# -- |w| histogram ------------------------------------------------------------------------------


def test_magnitude_histogram_bins_log_w_with_zeros_in_the_first_bin():
    weights = {"none": np.array([0.5, -0.5, 2.0, 0.05]), "L1": np.array([0.0, 1e-12, 1e-4, 0.5])}
    figure = rplots.magnitude_histogram(weights, threshold=1e-3, bins_per_decade=1)
    none, l1 = figure.data
    assert (none.name, l1.name) == ("none", "L1")
    # Edges: 1e-8, 1e-7, …, 1e0, 1e1 (the largest |w| is 2): 9 bins with centres at -7.5 … 0.5.
    np.testing.assert_allclose(none.x, np.arange(-7.5, 1.0, 1.0))
    assert none.width == pytest.approx(1.0)
    np.testing.assert_allclose(none.y, [0] * 6 + [0.25, 0.5, 0.25])
    np.testing.assert_allclose(l1.y, [0.5, 0, 0, 0, 0.25, 0, 0, 0.25, 0])
    for trace in figure.data:
        assert sum(trace.y) == pytest.approx(1.0)
    assert figure.layout.shapes[0].x0 == pytest.approx(-3.0) == figure.layout.shapes[0].x1
    assert "|w| < 0.001" in figure.layout.annotations[0].text
    assert figure.layout.xaxis.ticktext[0] == "≤1e-8" and figure.layout.xaxis.ticktext[-1] == "1e1"
    assert figure.layout.barmode == "overlay"
    assert tuple(figure.layout.yaxis.range) == pytest.approx((0.0, 1.3 * 0.5)), "room for the label"
    assert_projector_style(figure)


def test_magnitude_histogram_ignores_non_finite_weights_and_rejects_bad_input():
    figure = rplots.magnitude_histogram({"none": np.array([np.nan, 0.5, np.inf])}, 1e-3)
    assert sum(figure.data[0].y) == pytest.approx(1.0)
    with pytest.raises(ValueError, match=r"threshold must be in \(0.0, 1.0\]"):
        rplots.magnitude_histogram({"none": np.ones(3)}, 0.0)
    with pytest.raises(ValueError, match="bins_per_decade must be between 1 and 20"):
        rplots.magnitude_histogram({"none": np.ones(3)}, 1e-3, bins_per_decade=0)
    with pytest.raises(ValueError, match="weights must map 1 to 4 run names"):
        rplots.magnitude_histogram([np.ones(3)], 1e-3)


# -- dropout bars -------------------------------------------------------------------------------


def test_activation_means_draw_three_bars_per_hidden_layer():
    means = DropoutMeans(
        (0.5, 0.8), np.array([0.4, 0.3]), np.array([0.41, 0.29]), np.array([0.205, 0.232])
    )
    figure = rplots.activation_means(means)
    assert [trace.name for trace in figure.data] == [
        "test mode (no dropout)",
        "dropout, a ⊙ d / keep_prob",
        "dropout, a ⊙ d (no ÷ keep_prob)",
    ]
    assert list(figure.data[0].x) == ["a[1]<br>keep_prob 0.5", "a[2]<br>keep_prob 0.8"]
    np.testing.assert_allclose(figure.data[2].y, [0.205, 0.232])
    assert list(figure.data[1].text) == ["0.41", "0.29"]
    assert figure.layout.yaxis.range[1] == pytest.approx(0.41 * 1.2)
    assert [t.marker.color for t in figure.data] == list(rplots.MEANS_COLORS)
    assert_projector_style(figure)
    with pytest.raises(ValueError, match="means must hold one value per hidden layer"):
        rplots.activation_means(DropoutMeans((0.5,), np.ones(2), np.ones(2), np.ones(2)))


# -- early stopping -----------------------------------------------------------------------------


def test_early_stopping_curves_mark_the_best_and_the_stopping_epoch():
    full = history(epochs=[1, 2, 3, 4, 5, 6], dev_cost=[1.0, 0.6, 0.5, 0.7, 0.9, 1.2])
    stopped = history(epochs=[1, 2, 3, 4, 5], dev_cost=[1.0, 0.6, 0.5, 0.7, 0.9])
    stopped.stopped_reason, stopped.best_epoch = "early_stopping", 3
    figure = rplots.early_stopping_curves(full, stopped)
    assert [trace.name for trace in figure.data] == [
        "none · dev",
        "early-stopping · dev",
        "best epoch 3 (weights kept)",
    ]
    assert figure.data[1].line.width > figure.data[0].line.width
    assert (figure.data[2].x[0], figure.data[2].y[0]) == (3, 0.5)
    assert figure.layout.shapes[0].x0 == 5 and figure.layout.shapes[0].line.dash == "dash"
    assert figure.layout.annotations[0].text == "stopped at epoch 5"
    assert_projector_style(figure)


def test_early_stopping_curves_without_a_stop_have_no_line():
    figure = rplots.early_stopping_curves(history(), history(best_epoch=None), ("a", "b"))
    assert [trace.name for trace in figure.data] == ["a · dev", "b · dev"]
    assert not figure.layout.shapes and not figure.layout.annotations


# -- augmented points ---------------------------------------------------------------------------


class Linear:
    layer_dims = [2, 1]
    output = "sigmoid"

    def forward(self, X, training=False):
        return 1 / (1 + np.exp(-(X[0:1] - X[1:2])))


def test_with_augmented_points_adds_faded_points_under_the_real_ones():
    rng = np.random.RandomState(0)
    X, Y = rng.randn(2, 10), (np.arange(10) % 2).reshape(1, 10)
    boundary = plots.decision_boundary(Linear(), X, Y, X, Y, resolution=20)
    X_new, Y_new = rng.randn(2, 6), np.array([[0, 1, 1, 0, 1, 1]])
    figure = rplots.with_augmented_points(boundary, X_new, Y_new)
    assert len(figure.data) == len(boundary.data) + 2
    assert figure.data[0].type == "contour"
    made_up = figure.data[1:3]
    assert [t.legendgroup for t in made_up] == ["augmented", "augmented"]
    assert [t.name for t in made_up] == ["y = 0", "y = 1"]
    assert all(t.marker.opacity == rplots.AUGMENTED_OPACITY for t in made_up)
    np.testing.assert_array_equal(made_up[1].x, X_new[0, [1, 2, 4, 5]])
    assert [t.name for t in figure.data[3:]] == [t.name for t in boundary.data[1:]]
    assert len(boundary.data) == 5, "the original figure is not changed"
    with pytest.raises(ValueError, match="X_new must have 2 rows"):
        rplots.with_augmented_points(boundary, X_new[:1], Y_new)
    with pytest.raises(ValueError, match=r"Y_new must have shape \(1, 6\)"):
        rplots.with_augmented_points(boundary, X_new, Y_new[:, :3])


def test_colors_are_from_the_colour_blind_safe_palette():
    assert rplots.REGULAR_COLOR in plots.CLASS_COLORS
    assert set(rplots.MEANS_COLORS) <= set(plots.CLASS_COLORS)
    grey = rplots.BASELINE_COLOR
    assert grey[1:3] == grey[3:5] == grey[5:7], "the unregularized run is a neutral grey"
