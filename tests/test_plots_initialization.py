"""Tests for playground.plots_initialization: the 2 × 2 boundaries, the costs, the units."""

from __future__ import annotations

from types import SimpleNamespace

import numpy as np
import plotly.graph_objects as go
import pytest

from playground.plotting.base import FONT_SIZE, _series_colors
from playground.topics.initialization import figures as plots


class Logistic:
    """P(y = 1) = σ(w·x + b) with fixed weights."""

    layer_dims = [2, 1]
    output = "sigmoid"

    def __init__(self, w=(2.0, -1.0), b=0.25):
        self.w, self.b = np.array([w]), b

    def forward(self, X, training=False):
        return 1.0 / (1.0 + np.exp(-(self.w @ X + self.b)))


def data(m=30, seed=0):
    rng = np.random.default_rng(seed)
    return rng.normal(size=(2, m)), (np.arange(m) % 2).reshape(1, m)


NETS = {"zeros": Logistic((0.0, 0.0), 0.0), "random": Logistic(), "xavier": Logistic((1, 1))}
TITLES = {name: f"{name} title" for name in NETS}


def test_boundaries_grid_holds_one_map_per_net_on_its_own_axes():
    X, Y = data()
    Xd, Yd = data(10, 1)
    fig = plots.boundaries(NETS, TITLES, X, Y, Xd, Yd, resolution=20)
    assert isinstance(fig, go.Figure)
    contours = [t for t in fig.data if t.type == "contour"]
    assert [(t.xaxis, t.yaxis) for t in contours] == [("x", "y"), ("x2", "y2"), ("x3", "y3")]
    assert not any(t.showscale for t in contours)
    np.testing.assert_allclose(np.asarray(contours[0].z), 0.5)  # σ(0) everywhere
    grid_x, grid_y = np.meshgrid(contours[1].x, contours[1].y)
    expected = NETS["random"].forward(np.vstack([grid_x.ravel(), grid_y.ravel()]))
    np.testing.assert_allclose(np.asarray(contours[1].z).ravel(), expected.ravel(), rtol=1e-6)
    markers = [t for t in fig.data if t.type == "scatter"]
    assert len(markers) == 3 * 4  # train / dev × y = 0 / 1, per panel
    assert sum(t.showlegend for t in markers) == 4  # the legend once
    first = [t for t in markers if t.xaxis == "x"]
    assert sum(len(t.x) for t in first) == 40
    assert [a.text for a in fig.layout.annotations] == list(TITLES.values())
    assert fig.layout.yaxis2.scaleanchor == "x2" and fig.layout.template.layout is not None
    assert fig.layout.xaxis.domain[0] == 0 and fig.layout.xaxis2.domain[1] == 1
    assert fig.layout.font.size >= 14


def test_boundaries_rejects_bad_arguments():
    X, Y = data()
    with pytest.raises(ValueError, match="^nets must map 1 to 4"):
        plots.boundaries({}, {}, X, Y)
    with pytest.raises(ValueError, match="^titles must have a title"):
        plots.boundaries(NETS, {"zeros": "z"}, X, Y)
    with pytest.raises(ValueError, match="^resolution "):
        plots.boundaries(NETS, TITLES, X, Y, resolution=5)
    with pytest.raises(ValueError, match="^X_train "):
        plots.boundaries(NETS, TITLES, X[:1], Y)
    with pytest.raises(ValueError, match="^Y_train "):
        plots.boundaries(NETS, TITLES, X, Y + 1)
    with pytest.raises(ValueError, match="^X_dev and Y_dev"):
        plots.boundaries(NETS, TITLES, X, Y, X_dev=X)
    bad = SimpleNamespace(layer_dims=[2, 3], output="softmax", forward=None)
    with pytest.raises(ValueError, match=r"^nets\['bad'\] must be a 2-input network"):
        plots.boundaries({"bad": bad}, {"bad": "b"}, X, Y)


def history(costs):
    return SimpleNamespace(epochs=list(range(1, len(costs) + 1)), train_cost=list(costs))


X = "epoch (one step on the full batch of 280 examples)"


def test_cost_overlay_one_line_per_run_and_thinning():
    long = np.linspace(17.0, 0.1, 15000)
    fig = plots.cost_overlay(
        {"zeros": history([0.69] * 3), "random": history(long)}, {"zeros": "Zeros"}, x_title=X
    )
    zeros, random = fig.data
    assert zeros.name == "Zeros" and random.name == "random"  # names default to the key
    assert list(zeros.y) == [0.69] * 3 and list(zeros.x) == [1, 2, 3]
    assert len(random.x) <= plots.MAX_CURVE_POINTS + 1
    assert random.x[0] == 1 and random.x[-1] == 15000 and random.y[-1] == pytest.approx(0.1)
    assert [zeros.line.color, random.line.color] == _series_colors(2)
    assert fig.layout.yaxis.type == "log" and fig.layout.xaxis.title.text == X
    flat = plots.cost_overlay({"a": history([1.0])}, log_y=False, x_title=X)
    assert flat.layout.yaxis.type is None
    assert np.isnan(plots.cost_overlay({"a": history([np.inf, 1.0])}, x_title=X).data[0].y[0])


def test_cost_overlay_rejects_bad_arguments():
    with pytest.raises(ValueError, match="^histories must map"):
        plots.cost_overlay({}, x_title=X)
    with pytest.raises(ValueError, match="^log_y "):
        plots.cost_overlay({"a": history([1.0])}, log_y="yes", x_title=X)
    broken = SimpleNamespace(epochs=[1, 2], train_cost=[1.0])
    with pytest.raises(ValueError, match=r"^histories\['a'\] must hold one train cost"):
        plots.cost_overlay({"a": broken}, x_title=X)


def test_unit_trajectories_join_each_runs_units_with_gaps():
    epochs = np.array([0, 5, 10])
    same = np.zeros((3, 4, 3))  # 4 identical units
    moving = np.arange(36, dtype=float).reshape(3, 4, 3)
    fig = plots.unit_trajectories(
        {"zeros": (epochs, same), "he": (epochs, moving)}, {"zeros": "Z", "he": "H"}
    )
    zeros, he = fig.data
    assert (zeros.xaxis, he.xaxis) == ("x", "x2")
    x = np.asarray(he.x, dtype=float)
    y = np.asarray(he.y, dtype=float)
    assert x.size == y.size == 4 * (3 + 1)
    np.testing.assert_array_equal(x[:4], [0, 5, 10, np.nan])
    np.testing.assert_array_equal(y[:3], moving[:, 0, 0])  # unit 1's W1[1, 1]
    np.testing.assert_array_equal(y[4:7], moving[:, 1, 0])  # unit 2's
    assert list(he.customdata[:4]) == [1, 1, 1, 1] and he.customdata[-1] == 4
    assert fig.layout.yaxis.title.text == "W1[j, 1]" and fig.layout.xaxis.title.text == "epoch"
    bias = plots.unit_trajectories({"he": (epochs, moving)}, {"he": "H"}, input_index=2)
    np.testing.assert_array_equal(np.asarray(bias.data[0].y, dtype=float)[:3], moving[:, 0, 2])
    assert bias.layout.yaxis.title.text == "b1[j]"
    assert fig.layout.annotations[0].font.size >= FONT_SIZE


def test_unit_trajectories_rejects_bad_arguments():
    epochs, weights = np.array([0, 1]), np.zeros((2, 3, 3))
    with pytest.raises(ValueError, match="^units must map"):
        plots.unit_trajectories({}, {})
    with pytest.raises(ValueError, match="^titles must have"):
        plots.unit_trajectories({"a": (epochs, weights)}, {})
    with pytest.raises(ValueError, match=r"^units\['a'\] must be epochs"):
        plots.unit_trajectories({"a": (epochs, weights[0])}, {"a": "A"})
    with pytest.raises(ValueError, match="^input_index "):
        plots.unit_trajectories({"a": (epochs, weights)}, {"a": "A"}, input_index=3)
