"""Figures of the optimizer race on a network: cost curves, 2 × 2 boundaries, the landscape."""

from types import SimpleNamespace

import numpy as np
import pytest
from figure_checks import check_every_fast_figure

from playground.engine.data import make_dataset
from playground.engine.nn import Network
from playground.plotting.optimizer_styles import OPTIMIZER_COLORS
from playground.topics.optimizers_network import figures as landscape_figures
from playground.topics.optimizers_network import loss_landscape, race
from playground.topics.optimizers_network.figures import (
    cost_race,
    landscape_figure,
    race_boundaries,
)


@pytest.fixture(autouse=True)
def checked_figures(monkeypatch):
    """Every figure built with ``fast_figure`` here is valid Plotly (``figure_checks``)."""
    return check_every_fast_figure(monkeypatch, landscape_figures)


def history(costs):
    return SimpleNamespace(epochs=list(range(1, len(costs) + 1)), train_cost=list(costs))


def test_cost_race_overlays_one_curve_per_optimizer():
    fig = cost_race({"gd": history([0.7, 0.6]), "adam": history([0.7, 0.2])})
    assert [t.name for t in fig.data] == ["gradient descent", "Adam"]
    np.testing.assert_array_equal(fig.data[1].y, [0.7, 0.2])
    assert fig.data[1].line.color == OPTIMIZER_COLORS["adam"]
    assert fig.layout.yaxis.type == "log" and fig.layout.font.size >= 14
    assert cost_race({"gd": history([])}, log_y=False).data[0].x.size == 0
    with pytest.raises(ValueError, match="one train_cost per epoch"):
        cost_race({"gd": SimpleNamespace(epochs=[1, 2], train_cost=[0.5])})
    with pytest.raises(ValueError, match="optimizer names"):
        cost_race({"sgd": history([1.0])})
    with pytest.raises(ValueError, match="at least one"):
        cost_race({})


def test_race_boundaries_draw_each_network_on_its_own_axes():
    X, Y = make_dataset("moons", 60, 0.1, seed=0)
    nets = {name: Network([2, 5, 2, 1], seed=k) for k, name in enumerate(race.RACERS)}
    fig = race_boundaries(nets, X, Y, {"gd": "gd — 50%"})
    backgrounds = [t for t in fig.data if t.type == "contour"]
    assert [t.xaxis for t in backgrounds] == ["x", "x2", "x3", "x4"]
    assert [t.showscale for t in backgrounds] == [True, False, False, False]
    probs = nets["adam"].forward(
        np.vstack([g.ravel() for g in np.meshgrid(backgrounds[3].x, backgrounds[3].y)])
    )
    np.testing.assert_allclose(np.asarray(backgrounds[3].z).ravel(), probs.ravel(), rtol=1e-6)
    titles = [a.text for a in fig.layout.annotations]
    assert titles == ["gd — 50%", "momentum", "rmsprop", "adam"]
    assert fig.layout.xaxis4.domain[0] > 0.5 and fig.layout.yaxis4.domain[1] < 0.5
    legend = [t for t in fig.data if t.type == "scatter" and t.showlegend]
    assert len(legend) == 2  # y = 0 and y = 1, once
    with pytest.raises(ValueError, match="X_train must have 2 rows"):
        race_boundaries(nets, X[:1], Y, {})
    with pytest.raises(ValueError, match="optimizer names"):
        race_boundaries({"sgd": nets["gd"]}, X, Y, {})


def test_race_boundaries_for_one_network_use_one_panel():
    X, Y = make_dataset("moons", 30, 0.1, seed=0)
    fig = race_boundaries({"gd": Network([2, 3, 1])}, X, Y, {})
    assert list(fig.layout.xaxis.domain) == [0.0, 1.0] and fig.layout.height == 100 + 340 + 40


@pytest.fixture(scope="module")
def result():
    values = race.page_values({"epochs": 10})
    data = race.race_data(values)
    runs = race.make_runs(values, data)
    for run in runs.values():
        run.advance()
    trajectories = {name: run.trajectory() for name, run in runs.items()}
    return loss_landscape.landscape(
        runs["adam"].net, data.X_train, data.Y_train, trajectories, "adam", "pca", 12
    )


def test_landscape_figure_draws_log_contours_and_every_path(result):
    fig = landscape_figure(result)
    contour = fig.data[0]
    assert contour.type == "contour"
    np.testing.assert_allclose(np.asarray(contour.z), np.log10(result.costs), rtol=1e-6)
    labels = [t.name for t in fig.data if t.showlegend is not False]
    assert labels == [
        "gradient descent",
        "momentum",
        "RMSprop",
        "Adam",
        "start θ₀ (all)",
        "θ* of Adam",
    ]
    adam = next(
        t for t in fig.data if t.name == "Adam" and t.mode == "lines" and t.showlegend is None
    )
    np.testing.assert_allclose(adam.x, result.paths["adam"][:, 0])
    assert "principal directions" in fig.layout.title.text
    assert fig.layout.font.size >= 14


def test_an_untrained_landscape_marks_only_the_start_at_its_centre():
    """Before training the plane's centre is the shared start: no "θ* of Adam" star over it."""
    values = race.page_values({"epochs": 10})
    data = race.race_data(values)
    runs = race.make_runs(values, data)
    trajectories = {name: run.trajectory() for name, run in runs.items()}
    untrained = loss_landscape.landscape(
        runs["adam"].net, data.X_train, data.Y_train, trajectories, "adam", "pca", 5
    )
    assert not untrained.trained
    fig = landscape_figure(untrained)
    labels = [t.name for t in fig.data if t.showlegend is not False]
    assert labels[-1] == "start θ₀ (all)" and not any(name.startswith("θ*") for name in labels)
    start = fig.data[-1]
    assert (start.x[0], start.y[0]) == pytest.approx((0.0, 0.0), abs=1e-12)


def test_landscape_figure_validates_shapes(result):
    bad = SimpleNamespace(**{**vars(result), "costs": np.zeros((3, 3))})
    with pytest.raises(ValueError, match="landscape.costs must have shape"):
        landscape_figure(bad)
