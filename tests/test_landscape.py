"""Optimizer race on the network and its loss landscape: the course's numbers, batched = loop."""

import math

import numpy as np
import pytest

from playground.engine.data import make_dataset
from playground.engine.nn import Network
from playground.engine.optim import Adam, GradientDescent, Momentum, RMSprop, make_optimizer
from playground.engine.train import train
from playground.topics.optimizers_network import loss_landscape, race, texts

COURSE = race.page_values(race.COURSE_PRESET)
SHORT = race.page_values({"epochs": 20})


@pytest.fixture(scope="module")
def trained():
    """The default race (α = 0.01 for all four), 20 epochs, with its data."""
    data = race.race_data(SHORT)
    runs = race.make_runs(SHORT, data)
    for run in runs.values():
        run.advance()
    return runs, data


def test_race_data_is_the_courses_moons_plus_an_independent_dev_set():
    data = race.race_data(COURSE)
    X, Y = make_dataset("moons", 300, 0.2, seed=3)
    np.testing.assert_array_equal(data.X_train, X)
    np.testing.assert_array_equal(data.Y_train, Y)
    X_dev, _ = make_dataset("moons", 100, 0.2, seed=4)
    np.testing.assert_array_equal(data.X_dev, X_dev)
    assert data.n_classes == 2


def test_run_values_use_the_shuffle_seed_and_the_racers_own_rate():
    values = race.run_values(COURSE, "momentum")
    assert values["seed"] == 10 and values["opt"] == "momentum"
    assert values["lr"] == 0.0007 and values["epochs"] == 5000
    assert (values["layers"], values["h1"], values["h2"], values["init"]) == (2, 5, 2, "he")
    assert values["bs"] == "64" and values["l2"] == 0.0
    with pytest.raises(ValueError, match="name"):
        race.run_values(COURSE, "sgd")


def test_every_run_starts_from_the_courses_he_weights_with_its_own_optimizer():
    data = race.race_data(COURSE)
    runs = race.make_runs(COURSE, data)
    he = Network([2, 5, 2, 1], init="he", seed=3)
    for run in runs.values():
        np.testing.assert_array_equal(run.net.params.flat, he.params.flat)
        np.testing.assert_array_equal(run.thetas[0], he.params.flat)
    kinds = {name: type(run.optimizer) for name, run in runs.items()}
    assert kinds == {"gd": GradientDescent, "momentum": Momentum, "rmsprop": RMSprop, "adam": Adam}
    assert runs["adam"].optimizer.beta2 == 0.999 and runs["momentum"].optimizer.beta == 0.9


def test_the_course_preset_reproduces_the_notebooks_first_epoch_costs():
    """The notebook prints "Cost after epoch 0: 0.702405" (gd) and 0.702413 (momentum)."""
    values = COURSE | {"epochs": 10}
    data = race.race_data(values)
    for name, printed in (("gd", 0.702405), ("momentum", 0.702413)):
        run = race.RaceRun(values, data, name)
        run.advance()
        assert round(run.history.train_cost[0], 6) == printed


def test_a_race_run_trains_exactly_like_train_with_the_shuffle_seed(trained):
    runs, data = trained
    net = Network([2, 5, 2, 1], init="he", seed=3)
    history = train(
        net, data.X_train, data.Y_train, make_optimizer("adam", 0.01), 20, batch_size=64, seed=10
    )
    np.testing.assert_allclose(runs["adam"].history.train_cost, history.train_cost, rtol=1e-12)
    np.testing.assert_allclose(runs["adam"].net.params.flat, net.params.flat, rtol=1e-12)


def test_race_runs_record_theta_at_the_snapshot_epochs(trained):
    runs, _ = trained
    run = runs["gd"]
    assert run.theta_epochs == race.snapshot_epochs(20)
    assert run.trajectory().shape == (len(run.theta_epochs), 30)
    np.testing.assert_array_equal(run.thetas[-1], run.net.params.flat)


def test_a_race_run_advanced_in_slices_records_the_same_thetas():
    data = race.race_data(SHORT)
    whole, sliced = race.RaceRun(SHORT, data, "rmsprop"), race.RaceRun(SHORT, data, "rmsprop")
    whole.advance()
    while not sliced.done:
        sliced.advance(1e-4)
    assert sliced.theta_epochs == whole.theta_epochs
    np.testing.assert_allclose(sliced.trajectory(), whole.trajectory(), rtol=1e-12)


def test_snapshot_epochs_start_at_zero_end_at_the_last_and_crowd_the_start():
    epochs = race.snapshot_epochs(5000)
    assert epochs[0] == 0 and epochs[-1] == 5000 and epochs == sorted(set(epochs))
    assert len(epochs) <= race.SNAPSHOTS + 2
    assert sum(e <= 50 for e in epochs) >= 10  # log-spaced early snapshots
    assert race.snapshot_epochs(3) == [0, 1, 2, 3]
    with pytest.raises(ValueError, match="epochs"):
        race.snapshot_epochs(0)


def test_stacked_params_follow_the_param_dict_layout():
    net = Network([2, 5, 2, 1], seed=1)
    thetas = np.stack([net.params.flat, 2 * net.params.flat])
    stacked = loss_landscape.stacked_params(thetas, net)
    assert stacked["W1"].shape == (2, 5, 2) and stacked["b3"].shape == (2, 1, 1)
    np.testing.assert_array_equal(stacked["W2"][1], 2 * net.params["W2"])
    with pytest.raises(ValueError, match=r"thetas must have shape \(K, 30\)"):
        loss_landscape.stacked_params(np.zeros((2, 29)), net)


def test_batched_costs_equal_the_loop_of_network_forward(trained):
    runs, data = trained
    net = runs["adam"].net
    rng = np.random.RandomState(0)
    thetas = net.params.flat + 0.5 * rng.randn(7, net.params.flat.size)
    batched = loss_landscape.costs_of(net, data.X_train, data.Y_train, thetas)
    looped = loss_landscape.costs_of_loop(net, data.X_train, data.Y_train, thetas)
    np.testing.assert_allclose(batched, looped, rtol=1e-10)
    # Tiny chunks (one network each) give the same numbers.
    tiny = loss_landscape.costs_of(net, data.X_train, data.Y_train, thetas, max_bytes=1_000_000)
    np.testing.assert_allclose(tiny, batched, rtol=1e-12)


def test_costs_of_validates():
    net = Network([2, 5, 2, 1])
    X, Y = make_dataset("moons", 20, 0.1, seed=0)
    thetas = net.params.flat[None, :]
    with pytest.raises(ValueError, match="max_bytes"):
        loss_landscape.costs_of(net, X, Y, thetas, max_bytes=10)
    with pytest.raises(ValueError, match="X must have 2 rows"):
        loss_landscape.costs_of(net, X[:1], Y, thetas)
    with pytest.raises(ValueError, match="no batch norm and no dropout"):
        loss_landscape.costs_of(Network([2, 5, 2, 1], keep_probs=0.5), X, Y, thetas)
    with pytest.raises(ValueError, match="net must be a Network"):
        loss_landscape.costs_of_loop("net", X, Y, thetas)


def test_plane_points_are_center_plus_a_d1_plus_b_d2():
    center, d1, d2 = np.array([1.0, 2.0]), np.array([1.0, 0.0]), np.array([0.0, 1.0])
    points = loss_landscape.plane_points(center, d1, d2, [-1.0, 0.0, 1.0], [10.0, 20.0])
    assert points.shape == (6, 2)
    np.testing.assert_array_equal(points[1], [1.0, 12.0])  # (a, b) = (0, 10)
    np.testing.assert_array_equal(points[5], [2.0, 22.0])  # (a, b) = (1, 20)
    with pytest.raises(ValueError, match="same length"):
        loss_landscape.plane_points(center, d1, np.zeros(3), [0.0], [0.0])


def test_random_directions_are_filter_normalized():
    net = Network([2, 5, 2, 1], seed=2)
    d1, d2 = loss_landscape.random_directions(net, seed=5)
    for d in (d1, d2):
        directions = loss_landscape.stacked_params(d[None, :], net)
        for l in (1, 2, 3):
            rows = np.linalg.norm(directions[f"W{l}"][0], axis=1)
            np.testing.assert_allclose(rows, np.linalg.norm(net.params[f"W{l}"], axis=1))
            assert not directions[f"b{l}"].any()
    assert not np.allclose(d1, d2)
    np.testing.assert_array_equal(loss_landscape.random_directions(net, seed=5)[0], d1)


def test_pca_directions_find_the_plane_of_the_points():
    rng = np.random.RandomState(1)
    u, v = np.linalg.qr(rng.randn(6, 2))[0].T
    center = rng.randn(6)
    coefficients = rng.randn(20, 2) * [3.0, 1.0]
    thetas = center + coefficients @ np.vstack([u, v])
    d1, d2, explained = loss_landscape.pca_directions(thetas, center)
    assert explained == pytest.approx(1.0)
    assert d1 @ d2 == pytest.approx(0.0, abs=1e-12)
    assert np.linalg.norm(d1) == pytest.approx(1.0) and np.linalg.norm(d2) == pytest.approx(1.0)
    np.testing.assert_allclose(
        loss_landscape.project(thetas, center, d1, d2) @ np.vstack([d1, d2]),
        thetas - center,
        atol=1e-10,
    )
    # A third direction out of the plane: the explained share is (σ₁² + σ₂²) / Σσ².
    w = np.linalg.qr(np.column_stack([u, v, rng.randn(6)]))[0][:, 2]
    off = thetas + 0.5 * np.outer(np.resize([1.0, -1.0], 20), w)
    _, sigma, _ = np.linalg.svd(off - center)
    assert loss_landscape.pca_directions(off, center)[2] == pytest.approx(
        (sigma[:2] ** 2).sum() / (sigma**2).sum()
    )


def test_pca_directions_fall_back_to_random_ones_when_nothing_moved():
    net = Network([2, 5, 2, 1], seed=0)
    thetas = np.tile(net.params.flat, (3, 1))
    d1, d2, explained = loss_landscape.pca_directions(thetas, net.params.flat, net)
    assert explained == 0.0
    assert d1 @ d2 == pytest.approx(0.0, abs=1e-12) and np.linalg.norm(d2) == pytest.approx(1.0)
    with pytest.raises(ValueError, match="pass net"):
        loss_landscape.pca_directions(thetas, net.params.flat)
    with pytest.raises(ValueError, match="thetas must have shape"):
        loss_landscape.pca_directions(np.zeros((3, 4)), net.params.flat)


def test_project_solves_for_non_orthogonal_directions():
    d1, d2 = np.array([1.0, 0.0, 0.0]), np.array([1.0, 1.0, 0.0])
    theta = 2.0 * d1 - 3.0 * d2 + np.array([0.0, 0.0, 5.0])  # plus an out-of-plane part
    np.testing.assert_allclose(loss_landscape.project(theta, np.zeros(3), d1, d2), [[2.0, -3.0]])
    with pytest.raises(ValueError, match="columns"):
        loss_landscape.project(np.zeros((1, 2)), np.zeros(3), d1, d2)


def test_the_landscape_at_the_origin_is_the_cost_at_theta_star(trained):
    runs, data = trained
    net = runs["adam"].net
    trajectories = {name: run.trajectory() for name, run in runs.items()}
    result = loss_landscape.landscape(
        net, data.X_train, data.Y_train, trajectories, "adam", resolution=9
    )
    assert result.costs.shape == (9, 9) and result.method == "pca"
    expected = net.cost(net.forward(data.X_train), data.Y_train)
    assert result.center_cost == pytest.approx(expected, rel=1e-12)
    # Every path starts at the same θ₀ and the centre run ends at θ* = (0, 0).
    starts = np.array([path[0] for path in result.paths.values()])
    np.testing.assert_allclose(starts, np.tile(starts[0], (4, 1)), atol=1e-12)
    np.testing.assert_allclose(result.paths["adam"][-1], [0.0, 0.0], atol=1e-12)
    assert 0.0 < result.explained <= 1.0
    report = texts.landscape_report(result)
    assert "θ*, the final weights of **Adam** (J = " in report and "Nothing trained" not in report
    assert result.trained
    # The grid covers every projected path.
    every = np.vstack(list(result.paths.values()))
    assert result.alphas[0] <= every[:, 0].min() and result.alphas[-1] >= every[:, 0].max()
    # A grid through the origin: its middle point is θ* itself.
    odd = loss_landscape.landscape(
        net, data.X_train, data.Y_train, trajectories, "adam", "random", 5
    )
    assert odd.alphas[2] == 0.0 and odd.costs[2, 2] == pytest.approx(expected, rel=1e-12)
    assert math.isnan(odd.explained)


def test_an_untrained_landscape_uses_random_directions():
    data = race.race_data(SHORT)
    runs = race.make_runs(SHORT, data)
    trajectories = {name: run.trajectory() for name, run in runs.items()}
    result = loss_landscape.landscape(
        runs["gd"].net, data.X_train, data.Y_train, trajectories, "gd", "pca", 5
    )
    assert result.method == "random" and result.alphas[0] == -1.0
    report = texts.landscape_report(result)
    assert "random, filter-normalized" in report
    # Before training the plane's centre is the shared start, not any optimizer's final weights.
    assert "Nothing trained yet" in report and "final weights of **gradient descent**" in report
    assert f"J = {result.center_cost:.3g}" in report and "valley around θ₀" in report
    assert not result.trained
    start_cost = runs["gd"].net.cost(runs["gd"].net.forward(data.X_train), data.Y_train)
    assert result.center_cost == pytest.approx(start_cost, rel=1e-9)


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"center": "sgd"}, "center"),
        ({"method": "tsne"}, "method"),
        ({"resolution": 2}, "resolution"),
    ],
)
def test_landscape_validates(trained, kwargs, match):
    runs, data = trained
    trajectories = {name: run.trajectory() for name, run in runs.items()}
    args = {"center": "adam", "method": "pca", "resolution": 5} | kwargs
    with pytest.raises(ValueError, match=match):
        loss_landscape.landscape(runs["adam"].net, data.X_train, data.Y_train, trajectories, **args)


def test_results_report_and_rows(trained):
    runs, _ = trained
    results = [race.result_of(run) for run in runs.values()]
    adam = results[3]
    assert adam.epochs == 20 and adam.final_cost == runs["adam"].history.train_cost[-1]
    assert adam.train_accuracy == 1.0 - runs["adam"].errors()[0]
    lines = texts.race_report(results)
    assert lines[0].startswith("Lowest training cost after 20 epochs:")
    assert lines[1].startswith("Epochs to halve the first epoch's cost:")
    rows = texts.result_rows(results, SHORT)
    assert rows[1]["hyperparameters"] == "α = 0.01, β = 0.9" and rows[3]["epochs"] == "20"
    with pytest.raises(ValueError, match="RaceRun"):
        race.result_of("run")
    with pytest.raises(ValueError, match="results"):
        texts.race_report([])


def test_race_report_before_training():
    data = race.race_data(SHORT)
    results = [race.result_of(run) for run in race.make_runs(SHORT, data).values()]
    assert texts.race_report(results) == [
        "Not trained yet: press **▶ Start** to train all four from the same weights."
    ]
    rows = texts.result_rows(results, SHORT)
    assert {row["final training cost"] for row in rows} == {"–"}, "no cost before an epoch"
    assert all(row["train accuracy"].endswith("%") for row in rows)


def test_course_preset_detection_and_comparison():
    assert race.is_course_preset(COURSE) == 5000
    assert race.is_course_preset(COURSE | {"epochs": 10000}) == 10000
    assert race.is_course_preset(COURSE | {"epochs": 300}) is None
    assert race.is_course_preset(COURSE | {"gd_lr": 0.001}) is None
    result = race.RaceResult("adam", 5000, 0.136, 0.9433, 0.95, 30)
    assert texts.course_lines(COURSE, [result]) == ["Adam: 0.9433 here, the notebook reports 0.94"]
    assert texts.course_lines(SHORT, [result]) == []
    assert race.COURSE_RESULTS[10000] == {"gd": 0.797, "momentum": 0.797, "adam": 0.94}


def test_page_values_and_training_values():
    values = race.page_values({"ds": "evil", "m": "abc", "gd_lr": "0.0007", "center": "gd"})
    assert values["ds"] == "moons" and values["m"] == 300 and values["gd_lr"] == 0.0007
    training = race.training_values(values)
    assert "center" not in training and "plane" not in training and training["gd_lr"] == 0.0007
    with pytest.raises(ValueError, match="values must be a dict"):
        race.training_values("x")
    with pytest.raises(ValueError, match="values is missing"):
        race.race_data({"ds": "moons"})
