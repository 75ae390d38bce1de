"""Figures of the learning-rate decay page: traces, styles, panels and argument checks."""

from __future__ import annotations

import numpy as np
import pytest

from playground.engine.nn import Network
from playground.topics.lr_decay import figures as plots


def test_every_schedule_has_its_own_style_and_constant_is_dashed_black():
    styles = [plots.schedule_style(name) for name in plots.SCHEDULE_STYLES]
    assert len(set(styles)) == len(styles)
    assert plots.schedule_style("constant") == ("#000000", "dash")
    assert plots.schedule_style("cosine") == ("#777777", "solid")


def test_schedule_curves_are_alpha_per_epoch_with_constant_drawn_on_top():
    rates = {"constant": [1.0, 1.0, 1.0], "exponential": [1.0, 0.5, 0.25]}
    figure = plots.schedule_curves(rates)
    assert [t.name for t in figure.data] == ["exponential", "constant"]
    assert [t.legendrank for t in figure.data] == [1, 0]
    np.testing.assert_allclose(figure.data[0].x, [1, 2, 3])
    np.testing.assert_allclose(figure.data[0].y, [1.0, 0.5, 0.25])
    assert figure.layout.yaxis.type == "log"
    assert figure.layout.yaxis.title.text == "α (log scale)"
    assert plots.schedule_curves(rates, log_y=False).layout.yaxis.type is None


def test_cost_by_schedule_draws_the_epoch_costs_with_nan_as_gaps():
    figure = plots.cost_by_schedule({"piecewise": [0.7, np.inf, 0.3]})
    assert np.isnan(figure.data[0].y[1]) and figure.data[0].y[2] == 0.3
    assert figure.layout.yaxis.type == "log" and figure.layout.xaxis.title.text == "epoch"


def test_curves_need_at_least_one_series():
    for function in (plots.schedule_curves, plots.cost_by_schedule):
        with pytest.raises(ValueError, match="at least one named curve"):
            function({})


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
    contours = [t for t in figure.data if t.type == "contour"]
    assert len(contours) == 4
    assert [c.xaxis for c in contours] == ["x", "x2", "x3", "x4"]
    expected = nets(1)["net 0"].forward(plots.boundary_grid(X, 20, margin=0.3)[2])
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
    single = plots.boundaries(nets(2), X, Y, resolution=10, columns=1)
    assert single.layout.yaxis2.domain[1] < single.layout.yaxis.domain[0]


class Broken:
    def forward(self, X, training=False):
        return np.zeros((2, X.shape[1]))


@pytest.mark.parametrize(
    ("change", "match"),
    [
        ({"nets": {}}, "at least one network"),
        ({"X": np.zeros((3, 30))}, "X must have 2 rows"),
        ({"Y": np.full((1, 30), 2)}, "Y must hold labels in 0..1"),
        ({"resolution": 5}, "resolution must be between"),
        ({"columns": 0}, "columns must be between"),
        ({"nets": {"broken": Broken()}}, r"nets\['broken'\].forward must return shape"),
    ],
)
def test_boundaries_reject_bad_arguments(points, change, match):
    X, Y = points
    arguments = {"nets": nets(1), "X": X, "Y": Y}
    with pytest.raises(ValueError, match=match):
        plots.boundaries(**(arguments | change))
