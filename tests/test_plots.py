"""Tests for playground.plots: the figures hold the right data, styling and validation."""

from __future__ import annotations

from types import SimpleNamespace

import numpy as np
import plotly.graph_objects as go
import plotly.io as pio
import pytest

from playground.plotting import base as plots

NAN = float("nan")


class FakeLogistic:
    """Logistic regression with fixed weights; records every forward call."""

    layer_dims = [2, 1]
    output = "sigmoid"

    def __init__(self) -> None:
        self.w = np.array([[2.0, -1.0]])
        self.b = 0.25
        self.calls: list[tuple[tuple[int, ...], bool]] = []

    def probabilities(self, X: np.ndarray) -> np.ndarray:
        return 1.0 / (1.0 + np.exp(-(self.w @ X + self.b)))

    def forward(self, X: np.ndarray, training: bool = True) -> np.ndarray:
        self.calls.append((X.shape, training))
        return self.probabilities(X)


class FakeSoftmax:
    """Linear 3-class softmax with fixed weights; records every forward call."""

    layer_dims = [2, 3]
    output = "softmax"

    def __init__(self) -> None:
        self.W = np.array([[1.0, 0.0], [-1.0, 1.0], [0.0, -1.5]])
        self.calls: list[tuple[int, ...]] = []

    def probabilities(self, X: np.ndarray) -> np.ndarray:
        Z = self.W @ X
        E = np.exp(Z - Z.max(axis=0))
        return E / E.sum(axis=0)

    def forward(self, X: np.ndarray, training: bool = True) -> np.ndarray:
        self.calls.append(X.shape)
        return self.probabilities(X)


def make_data(m: int, n_classes: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(2, m))
    Y = (np.arange(m) % n_classes).reshape(1, m)
    return X, Y


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
    assert fig.layout.template == pio.templates["plotly_white"]
    assert fig.layout.font.size >= 14
    assert fig.layout.title.text
    assert fig.layout.xaxis.title.text and fig.layout.yaxis.title.text


def traces_named(fig: go.Figure, name: str) -> list:
    return [trace for trace in fig.data if trace.name == name]


# --------------------------------------------------------------------------------------------
# boundary_grid
# --------------------------------------------------------------------------------------------


def test_boundary_grid_covers_data_plus_margin() -> None:
    X = np.array([[0.0, 2.0, 1.0], [-1.0, 3.0, 0.0]])
    xx, yy, grid = plots.boundary_grid(X, resolution=11, margin=0.5)
    assert xx.shape == yy.shape == (11, 11)
    assert grid.shape == (2, 121)
    assert xx.min() == pytest.approx(-0.5) and xx.max() == pytest.approx(2.5)
    assert yy.min() == pytest.approx(-1.5) and yy.max() == pytest.approx(3.5)
    np.testing.assert_array_equal(grid[0], xx.ravel())
    np.testing.assert_array_equal(grid[1], yy.ravel())
    # Row i of the meshgrid is one x2 value, column j one x1 value.
    assert np.all(xx[:, 3] == xx[0, 3]) and np.all(yy[4, :] == yy[4, 0])


def test_boundary_grid_widens_constant_feature() -> None:
    X = np.array([[1.0, 1.0], [0.0, 2.0]])
    xx, _, _ = plots.boundary_grid(X, resolution=10, margin=0.0)
    assert xx.max() - xx.min() > 0


@pytest.mark.parametrize(
    ("kwargs", "argument"),
    [
        ({"resolution": 9}, "resolution"),
        ({"resolution": 1001}, "resolution"),
        ({"resolution": 20.0}, "resolution"),
        ({"margin": -0.1}, "margin"),
    ],
)
def test_boundary_grid_rejects_bad_arguments(kwargs: dict, argument: str) -> None:
    X, _ = make_data(5, 2, seed=0)
    with pytest.raises(ValueError, match=argument):
        plots.boundary_grid(X, **kwargs)


def test_boundary_grid_rejects_wrong_feature_count() -> None:
    with pytest.raises(ValueError, match="X"):
        plots.boundary_grid(np.zeros((3, 5)))


# --------------------------------------------------------------------------------------------
# decision_boundary
# --------------------------------------------------------------------------------------------


def test_binary_boundary_is_one_forward_and_one_probability_map() -> None:
    net = FakeLogistic()
    X, Y = make_data(30, 2, seed=1)
    Xd, Yd = make_data(12, 2, seed=2)
    fig = plots.decision_boundary(net, X, Y, Xd, Yd, resolution=40)

    assert net.calls == [((2, 40 * 40), False)]
    xx, yy, grid = plots.boundary_grid(np.hstack([X, Xd]), resolution=40)
    background = fig.data[0]
    assert isinstance(background, go.Contour)
    np.testing.assert_allclose(background.x, xx[0])
    np.testing.assert_allclose(background.y, yy[:, 0])
    expected = net.probabilities(grid).reshape(40, 40)
    np.testing.assert_allclose(np.asarray(background.z, dtype=float), expected, atol=1e-6)
    # Diverging scale fixed on [0, 1] and centred at 0.5; the only level line is P = 0.5.
    assert (background.zmin, background.zmax, background.zmid) == (0.0, 1.0, 0.5)
    assert background.colorscale[0][1] != background.colorscale[-1][1]
    assert background.contours.coloring == "heatmap"
    assert background.contours.start == background.contours.end == 0.5


def test_binary_boundary_points_by_split_and_class() -> None:
    X, Y = make_data(30, 2, seed=1)
    Xd, Yd = make_data(12, 2, seed=2)
    fig = plots.decision_boundary(FakeLogistic(), X, Y, Xd, Yd, resolution=20)

    points = fig.data[1:]
    train = [t for t in points if t.legendgroup == "train"]
    dev = [t for t in points if t.legendgroup == "dev"]
    assert len(train) == len(dev) == 2 and len(points) == 4
    assert sum(len(t.x) for t in train) == 30
    assert sum(len(t.x) for t in dev) == 12
    assert {t.legendgrouptitle.text for t in train} == {"train"}
    assert {t.legendgrouptitle.text for t in dev} == {"dev"}
    assert train[0].marker.symbol != dev[0].marker.symbol
    for split, X_split, Y_split in ((train, X, Y), (dev, Xd, Yd)):
        for k, trace in enumerate(split):
            assert trace.name == f"y = {k}"
            assert trace.marker.color == plots.CLASS_COLORS[k]
            np.testing.assert_allclose(trace.x, X_split[0, Y_split[0] == k])
            np.testing.assert_allclose(trace.y, X_split[1, Y_split[0] == k])


def test_boundary_layout_is_projector_ready_with_equal_aspect() -> None:
    X, Y = make_data(10, 2, seed=3)
    fig = plots.decision_boundary(FakeLogistic(), X, Y, resolution=10, title="Moons")
    assert_projector_style(fig)
    assert fig.layout.title.text == "Moons"
    assert fig.layout.xaxis.title.text == "x₁" and fig.layout.yaxis.title.text == "x₂"
    assert fig.layout.yaxis.scaleanchor == "x" and fig.layout.yaxis.scaleratio == 1
    assert [t.legendgroup for t in fig.data[1:]] == ["train", "train"]


def test_softmax_boundary_colours_argmax_class_with_confidence() -> None:
    net = FakeSoftmax()
    X, Y = make_data(30, 3, seed=4)
    fig = plots.decision_boundary(net, X, Y, resolution=25)

    assert net.calls == [(2, 625)]
    _, _, grid = plots.boundary_grid(X, resolution=25)
    probs = net.probabilities(grid)
    background = fig.data[0]
    assert isinstance(background, go.Heatmap)
    assert sum(isinstance(t, (go.Heatmap, go.Contour)) for t in fig.data) == 1
    z = np.asarray(background.z, dtype=float).ravel()
    # z = class + CLASS_SPAN * confidence, confidence = (max p - 1/C) / (1 - 1/C).
    np.testing.assert_array_equal(np.floor(z), probs.argmax(axis=0))
    confidence = (probs.max(axis=0) - 1 / 3) / (1 - 1 / 3)
    np.testing.assert_allclose(z - np.floor(z), plots.CLASS_SPAN * confidence, atol=1e-5)
    assert (background.zmin, background.zmax) == (0.0, 3.0)
    # The colour scale runs white -> class colour once per class.
    assert len(background.colorscale) == 2 * 3 + 1
    assert [t.name for t in fig.data[1:]] == ["y = 0", "y = 1", "y = 2"]


def test_softmax_boundary_rejects_label_outside_classes() -> None:
    X, Y = make_data(6, 3, seed=5)
    Y[0, 0] = 3
    with pytest.raises(ValueError, match="Y_train"):
        plots.decision_boundary(FakeSoftmax(), X, Y, resolution=10)


def test_boundary_skips_empty_classes() -> None:
    X, _ = make_data(6, 2, seed=6)
    fig = plots.decision_boundary(FakeLogistic(), X, np.ones((1, 6), dtype=int), resolution=10)
    assert [t.name for t in fig.data[1:]] == ["y = 1"]


def test_boundary_switches_to_webgl_for_many_points() -> None:
    X, Y = make_data(6000, 2, seed=7)
    fig = plots.decision_boundary(FakeLogistic(), X, Y, resolution=10)
    assert all(isinstance(t, go.Scattergl) for t in fig.data[1:])


@pytest.mark.parametrize(
    ("change", "argument"),
    [
        ({"resolution": 5}, "resolution"),
        ({"X_dev": np.zeros((2, 3))}, "X_dev"),
        ({"X_train": np.zeros((3, 4))}, "X_train"),
        ({"Y_train": np.zeros((1, 3), dtype=int)}, "Y_train"),
        ({"X_dev": np.zeros((2, 3)), "Y_dev": np.array([[0, 2, 1]])}, "Y_dev"),
    ],
)
def test_boundary_rejects_bad_arguments(change: dict, argument: str) -> None:
    X, Y = make_data(4, 2, seed=8)
    kwargs = {"X_train": X, "Y_train": Y, "resolution": 10, **change}
    with pytest.raises(ValueError, match=argument):
        plots.decision_boundary(FakeLogistic(), **kwargs)


def test_boundary_rejects_unsupported_networks() -> None:
    X, Y = make_data(4, 2, seed=9)
    wrong_output = FakeLogistic()
    wrong_output.output = "relu"
    with pytest.raises(ValueError, match="net.output"):
        plots.decision_boundary(wrong_output, X, Y, resolution=10)
    three_inputs = FakeLogistic()
    three_inputs.layer_dims = [3, 1]
    with pytest.raises(ValueError, match="net must take 2 input features"):
        plots.decision_boundary(three_inputs, X, Y, resolution=10)
    bad_shape = FakeSoftmax()
    bad_shape.layer_dims = [2, 4]
    with pytest.raises(ValueError, match="net.forward"):
        plots.decision_boundary(bad_shape, X, Y, resolution=10)


# --------------------------------------------------------------------------------------------
# cost_curves / accuracy_curves
# --------------------------------------------------------------------------------------------


def test_cost_curves_plot_history_values_and_best_epoch() -> None:
    history = make_history()
    fig = plots.cost_curves(history)
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
    fig = plots.cost_curves(history, log_y=True, title="J")
    assert fig.layout.yaxis.type == "log"
    assert fig.layout.title.text == "J"
    assert [t.name for t in fig.data] == ["train", "best epoch"]
    (best,) = traces_named(fig, "best epoch")
    assert list(best.x) == [2] and list(best.y) == [0.6]  # on the train curve


@pytest.mark.parametrize(("decades", "dtick"), [(0.5, None), (2.0, "D2"), (9.0, 2)])
def test_log_axis_keeps_tick_labels_full_size_and_apart(decades: float, dtick: object) -> None:
    costs = list(np.logspace(0, -decades, 5))
    fig = plots.cost_curves(make_history(train_cost=costs, dev_cost=[NAN] * 5), log_y=True)
    assert fig.layout.yaxis.tickformat  # full numbers, not plotly's small minor digits
    assert fig.layout.yaxis.dtick == dtick


def test_cost_curves_show_gaps_for_non_finite_costs() -> None:
    history = make_history(train_cost=[0.9, 0.5, float("inf"), NAN, 1e308 * 10], best_epoch=None)
    fig = plots.cost_curves(history)
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
    fig = plots.cost_curves(make_history(stopped_reason=reason))
    assert [a.text for a in fig.layout.annotations] == [text]
    assert fig.layout.annotations[0].font.size >= 14


def test_cost_curves_without_stop_reason_while_running() -> None:
    fig = plots.cost_curves(make_history(stopped_reason=None, best_epoch=None))
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
        plots.cost_curves(make_history(**change), **kwargs)


def test_accuracy_curves_are_fractions_on_a_percent_axis() -> None:
    history = make_history()
    fig = plots.accuracy_curves(history)
    assert_projector_style(fig)
    assert [t.name for t in fig.data] == ["train", "dev"]
    np.testing.assert_allclose(fig.data[0].y, history.train_accuracy)
    np.testing.assert_allclose(fig.data[1].y, history.dev_accuracy)
    assert fig.layout.yaxis.tickformat == ".0%"
    assert fig.layout.yaxis.range[0] == 0 and fig.layout.yaxis.range[1] >= 1


def test_accuracy_curves_omit_missing_dev_set() -> None:
    fig = plots.accuracy_curves(make_history(dev_accuracy=[NAN] * 5))
    assert [t.name for t in fig.data] == ["train"]


def test_accuracy_curves_reject_wrong_length() -> None:
    with pytest.raises(ValueError, match="history.train_accuracy"):
        plots.accuracy_curves(make_history(train_accuracy=[0.5]))


# --------------------------------------------------------------------------------------------
# norm_curves
# --------------------------------------------------------------------------------------------


def test_weight_norm_curves_one_line_per_layer() -> None:
    history = make_history()
    fig = plots.norm_curves(history)
    assert_projector_style(fig)
    assert [t.name for t in fig.data] == ["W1", "W2", "W3"]
    for layer, trace in enumerate(fig.data):
        np.testing.assert_array_equal(trace.x, history.epochs)
        np.testing.assert_allclose(trace.y, [row[layer] for row in history.weight_norms])
    assert fig.layout.yaxis.type == "log"
    assert len({t.line.color for t in fig.data}) == 3


def test_grad_norm_curves_linear_axis() -> None:
    fig = plots.norm_curves(make_history(), kind="grad", log_y=False)
    assert [t.name for t in fig.data] == ["dW1", "dW2", "dW3"]
    np.testing.assert_allclose(fig.data[2].y, [0.001] * 5)
    assert fig.layout.yaxis.type != "log"
    assert fig.layout.title.text == "Gradient norms"


def test_norm_curves_many_layers_get_distinct_colours() -> None:
    history = make_history(weight_norms=[[1.0] * 30] * 5)
    fig = plots.norm_curves(history)
    assert len(fig.data) == 30
    assert len({t.line.color for t in fig.data}) == 30


@pytest.mark.parametrize(
    ("change", "kwargs", "argument"),
    [
        ({}, {"kind": "bias"}, "kind"),
        ({}, {"log_y": None}, "log_y"),
        ({"weight_norms": [[1.0, 2.0]] * 4 + [[1.0]]}, {}, "history.weight_norms"),
        ({"grad_norms": [[1.0]] * 3}, {"kind": "grad"}, "history.grad_norms"),
    ],
)
def test_norm_curves_reject_bad_arguments(change: dict, kwargs: dict, argument: str) -> None:
    with pytest.raises(ValueError, match=argument):
        plots.norm_curves(make_history(**change), **kwargs)


# --------------------------------------------------------------------------------------------
# weight_histogram
# --------------------------------------------------------------------------------------------


def make_params() -> dict[str, np.ndarray]:
    rng = np.random.default_rng(10)
    return {
        "W1": rng.normal(size=(4, 2)),
        "b1": np.zeros((4, 1)),
        "W2": rng.normal(size=(3, 4)) * 0.1,
        "b2": np.zeros((3, 1)),
        "W10": rng.normal(size=(1, 3)),
    }


def test_weight_histogram_overlays_w_matrices_in_layer_order() -> None:
    params = make_params()
    fig = plots.weight_histogram(params, bins=10)
    assert_projector_style(fig)
    assert [t.name for t in fig.data] == ["W1", "W2", "W10"]
    assert fig.layout.barmode == "overlay"
    pooled = np.concatenate([params[k].ravel() for k in ("W1", "W2", "W10")])
    edges = np.histogram_bin_edges(pooled, bins=10)
    for trace in fig.data:
        assert isinstance(trace, go.Bar)
        np.testing.assert_allclose(trace.x, (edges[:-1] + edges[1:]) / 2)
        counts, _ = np.histogram(params[trace.name], bins=edges)
        np.testing.assert_allclose(trace.y, counts / params[trace.name].size)
        assert sum(trace.y) == pytest.approx(1.0)


def test_weight_histogram_selected_keys_and_non_finite_values() -> None:
    params = {"W1": np.array([[0.0, 1.0, NAN, np.inf]]), "b1": np.array([[0.5]])}
    fig = plots.weight_histogram(params, keys=["b1", "W1"])
    assert [t.name for t in fig.data] == ["b1", "W1"]
    assert sum(fig.data[1].y) == pytest.approx(1.0)  # the 2 finite weights
    assert not fig.layout.annotations


def test_weight_histogram_all_non_finite_is_annotated() -> None:
    fig = plots.weight_histogram({"W1": np.full((2, 2), NAN)})
    assert sum(fig.data[0].y) == 0
    assert "No finite weight values" in fig.layout.annotations[0].text


@pytest.mark.parametrize(
    ("params", "kwargs", "argument"),
    [
        ([np.zeros((2, 2))], {}, "params"),
        ({"b1": np.zeros((2, 1))}, {}, "keys"),
        (make_params(), {"keys": []}, "keys"),
        (make_params(), {"keys": ["W3"]}, "keys"),
        (make_params(), {"bins": 1}, "bins"),
    ],
)
def test_weight_histogram_rejects_bad_arguments(
    params: object, kwargs: dict, argument: str
) -> None:
    with pytest.raises(ValueError, match=argument):
        plots.weight_histogram(params, **kwargs)


def test_plots_module_does_not_import_streamlit() -> None:
    source = plots.__loader__.get_source(plots.__name__)
    assert "streamlit" not in source


def test_reference_line_spans_the_plot_vertically_or_horizontally() -> None:
    vertical = plots.reference_line(x=3.0, dash="dot")
    assert (vertical["x0"], vertical["x1"], vertical["yref"]) == (3.0, 3.0, "paper")
    assert (vertical["y0"], vertical["y1"], vertical["line"]["dash"]) == (0, 1, "dot")
    horizontal = plots.reference_line(y=0.5, color="#123456")
    assert (horizontal["y0"], horizontal["y1"], horizontal["xref"]) == (0.5, 0.5, "paper")
    assert horizontal["line"]["color"] == "#123456"
    with pytest.raises(ValueError, match="exactly one of x"):
        plots.reference_line()
    with pytest.raises(ValueError, match="exactly one of x"):
        plots.reference_line(x=1.0, y=1.0)
