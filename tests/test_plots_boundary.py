"""Tests for playground.plotting.boundary: one boundary or a grid of them hold what the networks
predict on the grid, the data points, the styling and the validation.

The figures are built without Plotly's construction-time check (``fast_figure``), so every
figure here is also rebuilt the slow, validating way: a misspelt property would raise.
"""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go
import plotly.io as pio
import pytest
from test_plots_splits import assert_valid_projector_figure

from playground.engine.nn import Network
from playground.plotting import boundary as plots
from playground.plotting.style import CLASS_COLORS, TEMPLATE


class FakeLogistic:
    """Logistic regression with fixed weights; records every forward call."""

    layer_dims = [2, 1]
    output = "sigmoid"

    def __init__(self, w=(2.0, -1.0), b=0.25) -> None:
        self.w = np.array([w])
        self.b = b
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


def assert_projector_style(fig: go.Figure) -> None:
    assert_valid_projector_figure(fig)
    assert fig.layout.template == pio.templates[TEMPLATE]
    assert fig.layout.font.size >= 14
    assert fig.layout.title.text
    assert fig.layout.xaxis.title.text and fig.layout.yaxis.title.text


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
            assert trace.marker.color == CLASS_COLORS[k]
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


def test_boundary_figures_are_valid_plotly() -> None:
    X, Y = make_data(30, 3, seed=11)
    assert_valid_projector_figure(plots.decision_boundary(FakeSoftmax(), X, Y, resolution=10))
    Xd, Yd = make_data(12, 2, seed=12)
    binary = plots.decision_boundary(FakeLogistic(), Xd, Yd, Xd, Yd, resolution=10)
    assert_valid_projector_figure(binary)


# --------------------------------------------------------------------------------------------
# The pieces: region, point_traces
# --------------------------------------------------------------------------------------------


def test_region_rejects_other_networks() -> None:
    xx, yy, grid = plots.boundary_grid(np.zeros((2, 4)), resolution=10)
    with pytest.raises(ValueError, match="2 input features"):
        plots.region(Network([3, 2, 1]), xx[0], yy[:, 0], grid)


def test_point_traces_shrink_for_many_points() -> None:
    assert plots.marker_size(100, 11) == 11
    assert plots.marker_size(1000, 11) == 8
    assert plots.marker_size(5000, 11) == 6
    X = np.zeros((2, 6000))
    traces = plots.point_traces(X, np.zeros((1, 6000), dtype=int), "train", 9)
    assert traces[0]["type"] == "scattergl"
    assert traces[0]["marker"]["size"] == 4


# --------------------------------------------------------------------------------------------
# boundaries: a grid of them
# --------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def points():
    rng = np.random.RandomState(0)
    X = rng.randn(2, 30)
    return X, (X[0:1] > 0).astype(int)


def nets(k):
    return {f"net {i}": Network([2, 3, 1], seed=i) for i in range(k)}


def test_boundaries_have_one_panel_per_network(points):
    X, Y = points
    figure = plots.boundaries(nets(4), X, Y, titles={"net 0": "first"}, resolution=20)
    assert_valid_projector_figure(figure)
    contours = [t for t in figure.data if t.type == "contour"]
    assert len(contours) == 4
    assert [c.xaxis for c in contours] == ["x", "x2", "x3", "x4"]
    assert not any(c.showscale for c in contours)
    expected = nets(1)["net 0"].forward(plots.boundary_grid(X, 20)[2])
    np.testing.assert_allclose(np.ravel(contours[0].z), expected.ravel(), rtol=1e-6)
    assert [a.text for a in figure.layout.annotations] == ["first", "net 1", "net 2", "net 3"]
    assert sum(bool(t.showlegend) for t in figure.data if t.type == "scatter") == 2
    assert figure.layout.xaxis4.domain[1] == pytest.approx(1.0)
    assert figure.layout.yaxis2.scaleanchor == "x2"


def test_boundaries_wrap_after_three_panels_when_there_are_more_than_four(points):
    X, Y = points
    figure = plots.boundaries(nets(5), X, Y, resolution=10)
    assert figure.layout.yaxis4.domain[1] < figure.layout.yaxis.domain[0]  # second row
    assert figure.layout.xaxis4.domain == figure.layout.xaxis.domain
    assert figure.layout.xaxis6.visible is False  # the empty cell
    single = plots.boundaries(nets(2), X, Y, resolution=10, columns=1)
    assert single.layout.yaxis2.domain[1] < single.layout.yaxis.domain[0]


NETS = {
    "zeros": FakeLogistic((0.0, 0.0), 0.0),
    "random": FakeLogistic(),
    "xavier": FakeLogistic((1, 1)),
}
TITLES = {name: f"{name} title" for name in NETS}


def test_boundaries_with_dev_points_in_a_two_by_two_grid():
    X, Y = make_data(30, 2, seed=0)
    Xd, Yd = make_data(10, 2, seed=1)
    fig = plots.boundaries(NETS, X, Y, Xd, Yd, TITLES, resolution=20, columns=2)
    assert_valid_projector_figure(fig)
    contours = [t for t in fig.data if t.type == "contour"]
    assert [(t.xaxis, t.yaxis) for t in contours] == [("x", "y"), ("x2", "y2"), ("x3", "y3")]
    np.testing.assert_allclose(np.asarray(contours[0].z), 0.5)  # σ(0) everywhere
    grid_x, grid_y = np.meshgrid(contours[1].x, contours[1].y)
    expected = NETS["random"].probabilities(np.vstack([grid_x.ravel(), grid_y.ravel()]))
    np.testing.assert_allclose(np.asarray(contours[1].z).ravel(), expected.ravel(), rtol=1e-6)
    markers = [t for t in fig.data if t.type == "scatter"]
    assert len(markers) == 3 * 4  # train / dev × y = 0 / 1, per panel
    assert sum(t.showlegend for t in markers) == 4  # the legend once
    first = [t for t in markers if t.xaxis == "x"]
    assert sum(len(t.x) for t in first) == 40
    assert {t.legendgroup for t in first} == {"train", "dev"}
    assert [a.text for a in fig.layout.annotations] == list(TITLES.values())
    assert fig.layout.yaxis3.scaleanchor == "x3" and fig.layout.yaxis3.domain[1] < 0.5
    assert fig.layout.xaxis.domain[0] == 0 and fig.layout.xaxis2.domain[1] == 1
    assert fig.layout.xaxis4.visible is False


def test_boundaries_colour_bar_is_shown_once(points):
    X, Y = points
    fig = plots.boundaries(nets(3), X, Y, resolution=10, colorbar=True)
    assert [t.showscale for t in fig.data if t.type == "contour"] == [True, False, False]


def test_boundaries_of_softmax_networks_are_class_maps():
    X, Y = make_data(30, 3, seed=4)
    fig = plots.boundaries({"a": FakeSoftmax(), "b": FakeSoftmax()}, X, Y, resolution=10)
    assert [t.type for t in fig.data if t.type == "heatmap"] == ["heatmap", "heatmap"]
    assert [t.name for t in fig.data if t.xaxis == "x2"][1:] == ["y = 0", "y = 1", "y = 2"]


class Broken:
    layer_dims = [2, 1]
    output = "sigmoid"

    def forward(self, X, training=False):
        return np.zeros((2, X.shape[1]))


@pytest.mark.parametrize(
    ("change", "match"),
    [
        ({"nets": {}}, "nets must map 1 to 12"),
        ({"X_train": np.zeros((3, 30))}, "X_train must have 2 rows"),
        ({"Y_train": np.full((1, 30), 2)}, "Y_train must hold labels in 0..1"),
        ({"X_dev": np.zeros((2, 3))}, "X_dev and Y_dev"),
        ({"resolution": 5}, "resolution must be between"),
        ({"columns": 0}, "columns must be between"),
        ({"nets": {"broken": Broken()}}, r"nets\['broken'\].forward must return shape"),
        ({"nets": {"bad": Network([3, 2, 1])}}, r"nets\['bad'\] must take 2 input features"),
    ],
)
def test_boundaries_reject_bad_arguments(points, change, match):
    X, Y = points
    arguments = {"nets": nets(1), "X_train": X, "Y_train": Y}
    with pytest.raises(ValueError, match=match):
        plots.boundaries(**(arguments | change))


def test_a_networks_background_is_computed_once_per_grid(monkeypatch) -> None:
    """A class opening one scene draws the same untrained networks: the second is not run."""
    xx, yy, grid = plots.boundary_grid(np.array([[0.0, 1.0], [0.0, 1.0]]), resolution=12)
    xs, ys = xx[0], yy[:, 0]
    calls = []
    original = Network.forward
    monkeypatch.setattr(
        Network, "forward", lambda self, X, training=False: calls.append(1) or original(self, X)
    )
    first = plots.region(Network([2, 3, 1], seed=987), xs, ys, grid)
    second = plots.region(Network([2, 3, 1], seed=987), xs, ys, grid)  # another session's
    assert len(calls) == 1
    np.testing.assert_array_equal(first["z"], second["z"])
    first["z"][:] = -1.0  # a caller's own copy: the next one is untouched
    assert (plots.region(Network([2, 3, 1], seed=987), xs, ys, grid)["z"] >= 0).all()
    trained = Network([2, 3, 1], seed=987)
    trained.params["W1"] = trained.params["W1"] * 2
    changed = plots.region(trained, xs, ys, grid)
    assert len(calls) == 2
    assert not np.array_equal(changed["z"], second["z"])
    plots.region(FakeLogistic(), xs, ys, grid)  # no digest: run every time, never kept
    assert len(plots._REGIONS) <= plots.REGIONS_KEPT
