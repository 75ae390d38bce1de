"""playground.minibatch against hand computations: batch counts, the 2-weight paths, J(w₁, w₂)."""

from __future__ import annotations

import math

import numpy as np
import pytest

from playground.engine import settings as spec
from playground.engine.config import coerce_settings
from playground.engine.experiment import make_data
from playground.engine.nn import Network
from playground.topics.minibatch import model as mb


def sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


def cost_by_hand(X, Y, w):
    a = sigmoid(np.asarray(w) @ X)
    return float(-np.mean(Y * np.log(a) + (1 - Y) * np.log(1 - a)))


@pytest.fixture(scope="module")
def moons():
    values = coerce_settings(spec.ALL, {"ds": "moons", "noise": 0.2})
    data = make_data(values)
    return data.X_train, data.Y_train


@pytest.fixture(scope="module")
def tiny():
    """Six examples, two classes, not separable through the origin."""
    X = np.array([[1.0, -0.5, 2.0, -1.5, 0.3, -0.2], [0.5, 1.0, -1.0, -0.3, 0.8, -1.2]])
    Y = np.array([[1, 0, 1, 0, 0, 1]])
    return X, Y


def page_values(**values):
    return coerce_settings(spec.ALL, {"ds": "moons", "noise": 0.2, "epochs": 10} | values)


# ------------------------------------------------------------------ settings and batch counts


def test_settings_reuse_the_shared_keys_with_the_same_meaning():
    for setting in (*mb.DATA_SETTINGS, *mb.SETTINGS):
        shared = spec.ALL[setting.key]
        assert setting.kind == shared.kind, setting.key
        assert set(setting.options) <= set(shared.options), setting.key
        if not setting.options:
            assert (setting.low, setting.high) == (shared.low, shared.high), setting.key
    assert mb.BATCH_SIZES == ("full", "1", "8", "16", "32", "64", "128", "256", "512")
    assert {s.key: s.default for s in mb.SETTINGS} == {
        "bs": "32",
        "lr": 0.1,
        "epochs": 20,
        "seed": 1,
    }
    assert next(s for s in mb.DATA_SETTINGS if s.key == "ds").default == "moons"


@pytest.mark.parametrize(
    ("bs", "expected"),
    [("32", ("full", "32", "1")), ("full", ("full", "1")), ("1", ("full", "1"))],
)
def test_compared_batches_are_batch_the_chosen_size_and_sgd(bs, expected):
    assert mb.compared_batches(bs) == expected


@pytest.mark.parametrize(
    ("bs", "label", "size"),
    [("full", "batch (full)", None), ("1", "SGD (1)", 1), ("64", "mini-batch 64", 64)],
)
def test_labels_and_sizes(bs, label, size):
    assert mb.batch_label(bs) == label
    assert mb.batch_size(bs) == size


@pytest.mark.parametrize(
    ("m", "bs", "batch", "updates"),
    [
        (280, "full", 280, 1),
        (280, "32", 32, 9),  # 8 batches of 32 and one of 24
        (280, "1", 1, 280),
        (280, "512", 280, 1),  # larger than m: one batch of all m examples
        (256, "32", 32, 8),
        (1, "8", 1, 1),
    ],
)
def test_iterations_per_epoch_is_the_ceiling_of_m_over_the_batch(m, bs, batch, updates):
    assert mb.effective_batch(m, bs) == batch
    assert mb.iterations_per_epoch(m, bs) == updates == math.ceil(m / batch)


@pytest.mark.parametrize(
    ("m", "bs", "title"),
    [
        (280, "full", "epoch (one step on the full batch of 280 examples)"),
        (280, "512", "epoch (one step on the full batch of 280 examples)"),
        (280, "32", "epoch (9 steps on mini-batches of 32)"),
        (140, "1", "epoch (140 steps on single examples: SGD)"),
    ],
)
def test_the_epoch_axis_says_how_many_steps_an_epoch_is(m, bs, title):
    assert mb.epoch_axis_title(m, bs) == title


@pytest.mark.parametrize("bs", ["7", "0", 32, "", None, "FULL"])
def test_an_unknown_batch_size_raises_naming_bs(bs):
    for function in (mb.check_batch, mb.batch_size, mb.batch_label, mb.compared_batches):
        with pytest.raises(ValueError, match="bs must be one of"):
            function(bs)
    with pytest.raises(ValueError, match="bs"):
        mb.iterations_per_epoch(100, bs)


@pytest.mark.parametrize("m", [0, -1, 20_001, 2.5, True])
def test_m_out_of_range_raises(m):
    with pytest.raises(ValueError, match="^m must"):
        mb.iterations_per_epoch(m, "32")
    with pytest.raises(ValueError, match="^m must"):
        mb.effective_batch(m, "32")
    with pytest.raises(ValueError, match="^m must"):
        mb.grid_resolution(m)


# ------------------------------------------------------------------ runs


def test_compare_runs_share_the_data_and_initial_weights_not_the_batch_size():
    values = page_values()
    data = make_data(values)
    runs = mb.compare_runs(values, data)
    assert list(runs) == ["batch (full)", "mini-batch 32", "SGD (1)"]
    assert [run.values["bs"] for run in runs.values()] == ["full", "32", "1"]
    first = runs["batch (full)"].net.params.flat
    for run in runs.values():
        assert run.data is data
        np.testing.assert_array_equal(run.net.params.flat, first)
        assert run.optimizer.learning_rate == 0.01  # the values' lr; the page passes 0.1


def test_seconds_per_epoch_is_the_measured_time_over_the_epochs_trained():
    values = page_values(bs="8")
    run = mb.compare_runs(values, make_data(values))["mini-batch 8"]
    assert math.isnan(mb.seconds_per_epoch(run))
    run.advance()
    assert run.history.last_epoch == 10
    assert mb.seconds_per_epoch(run) == pytest.approx(run.seconds / 10)
    assert len(run.history.iteration_cost) == 10 * 35


def test_last_epoch_costs_are_the_last_per_epoch_values():
    np.testing.assert_array_equal(mb.last_epoch_costs([5, 4, 3, 2, 1], 2), [2, 1])
    np.testing.assert_array_equal(mb.last_epoch_costs([5, 4], 9), [5, 4])
    assert mb.last_epoch_costs([], 3).size == 0
    with pytest.raises(ValueError, match="per_epoch"):
        mb.last_epoch_costs([1.0], 0)


# ------------------------------------------------------------------ 2-weight logistic regression


def test_batch_path_is_gradient_descent_on_w_with_no_bias(tiny):
    X, Y = tiny
    alpha = 0.5
    path, history = mb.weight_path(X, Y, "full", alpha, 4, seed=3, start=(0.2, -0.4))
    w = np.array([0.2, -0.4])
    expected = [w.copy()]
    costs = []
    for _ in range(4):
        costs.append(cost_by_hand(X, Y, w))
        dw = (sigmoid(w @ X) - Y[0]) @ X.T / X.shape[1]  # dw = (1/m) (A − Y) Xᵀ
        w = w - alpha * dw
        expected.append(w.copy())
    np.testing.assert_allclose(path, expected, rtol=1e-12)
    np.testing.assert_allclose(history.iteration_cost, costs, rtol=1e-12)
    np.testing.assert_allclose(history.train_cost, costs, rtol=1e-12)


def test_mini_batch_path_uses_the_training_loops_shuffle(tiny):
    X, Y = tiny
    path, history = mb.weight_path(X, Y, "8", 1.0, 1, seed=0)
    assert path.shape == (2, 2)  # 8 ≥ m = 6: one batch, no shuffle needed
    path, history = mb.weight_path(X, Y, "1", 1.0, 1, seed=5)
    order = np.random.RandomState(5 + 1).permutation(6)  # epoch 1 shuffles with seed + 1
    w = np.zeros(2)
    for i in order:
        w = w - 1.0 * (sigmoid(w @ X[:, i]) - Y[0, i]) * X[:, i]
    assert path.shape == (7, 2)
    np.testing.assert_allclose(path[-1], w, rtol=1e-12)
    assert len(history.iteration_cost) == 6


def test_the_bias_stays_zero_and_the_cost_matches_the_network(tiny):
    X, Y = tiny
    path, _ = mb.weight_path(X, Y, "1", 0.3, 2, seed=1)
    net = Network([2, 1], init="zeros")
    net.params["W1"] = path[-1].reshape(1, 2)
    assert net.params["b1"][0, 0] == 0.0
    J = mb.logistic_cost(X, Y, path[-1:])
    assert J[0] == pytest.approx(net.cost(net.forward(X), Y), rel=1e-12)


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"X": np.zeros((3, 6))}, "X must have 2 rows"),
        ({"Y": np.array([[0, 1, 2, 0, 1, 0]])}, "Y must hold labels in 0..1"),
        ({"bs": "3"}, "bs must be one of"),
        ({"learning_rate": 0.0}, "learning_rate must be in"),
        ({"learning_rate": 101.0}, "learning_rate must be in"),
        ({"epochs": 0}, "epochs must be between"),
        ({"seed": -1}, "seed must be between"),
        ({"start": (0.0, 0.0, 0.0)}, "start must be a pair"),
        ({"start": "ab"}, "start must be a pair"),
        ({"start": (0.0, 25.0)}, r"start\[1\] must be in"),
        ({"start": (float("nan"), 0.0)}, r"start\[0\] must be in"),
    ],
)
def test_weight_path_rejects_bad_arguments(tiny, kwargs, match):
    X, Y = tiny
    arguments = {"X": X, "Y": Y, "bs": "full", "learning_rate": 0.1, "epochs": 1, "seed": 0}
    with pytest.raises(ValueError, match=match):
        mb.weight_path(**(arguments | kwargs))


def test_logistic_cost_is_the_cross_entropy_at_every_pair_at_once(tiny):
    X, Y = tiny
    W = np.array([[0.0, 0.0], [1.0, -2.0], [-3.0, 0.5], [40.0, 40.0]])
    J = mb.logistic_cost(X, Y, W)
    assert J.shape == (4,)
    assert J[0] == pytest.approx(math.log(2), rel=1e-14)  # σ(0) = ½ for every example
    for k in range(3):
        assert J[k] == pytest.approx(cost_by_hand(X, Y, W[k]), rel=1e-12)
    # Saturated: misclassified examples cost −log(1e-15), as in Network.cost.
    net = Network([2, 1], init="zeros")
    net.params["W1"] = W[3:]
    assert J[3] == pytest.approx(net.cost(net.forward(X), Y), rel=1e-12)


@pytest.mark.parametrize(
    ("W", "match"),
    [
        (np.zeros((4, 3)), "W must have 2 rows"),
        (np.zeros(2), "W must be a 2-D array"),
        (np.full((1, 2), np.nan), "W must hold finite numbers"),
        (np.zeros((mb.MAX_GRID_WORK // 6 + 1, 2)), "W must hold at most"),
    ],
)
def test_logistic_cost_rejects_bad_weights(tiny, W, match):
    X, Y = tiny
    with pytest.raises(ValueError, match=match):
        mb.logistic_cost(X, Y, W)


def test_logistic_cost_rejects_bad_data(tiny):
    X, Y = tiny
    with pytest.raises(ValueError, match="X must have 2 rows"):
        mb.logistic_cost(X[:1], Y, np.zeros((1, 2)))
    with pytest.raises(ValueError, match="Y must have shape"):
        mb.logistic_cost(X, Y[:, :3], np.zeros((1, 2)))


def test_logistic_minimum_has_a_zero_gradient(moons):
    X, Y = moons
    w = mb.logistic_minimum(X, Y)
    gradient = (sigmoid(w @ X) - Y[0]) @ X.T / X.shape[1]
    assert np.linalg.norm(gradient) < 1e-4
    around = w + np.array([[0.05, 0], [-0.05, 0], [0, 0.05], [0, -0.05]])
    assert (mb.logistic_cost(X, Y, around) > mb.logistic_cost(X, Y, w[None])[0]).all()


def test_logistic_minimum_needs_both_labels(tiny):
    X, _ = tiny
    with pytest.raises(ValueError, match="both labels"):
        mb.logistic_minimum(X, np.zeros((1, 6), dtype=int))
    with pytest.raises(ValueError, match="X must have 2 rows"):
        mb.logistic_minimum(np.zeros((3, 6)), np.zeros((1, 6), dtype=int))


# ------------------------------------------------------------------ grid, view, paths


@pytest.mark.parametrize(("m", "resolution"), [(1, 80), (280, 80), (3500, 33), (20_000, 20)])
def test_grid_resolution_keeps_the_batched_evaluation_small(m, resolution):
    assert mb.grid_resolution(m) == resolution
    assert resolution**2 * m <= mb.MAX_GRID_WORK or resolution == mb.GRID_RESOLUTION[0]


@pytest.mark.parametrize(("m", "epochs", "shown"), [(280, 20, 20), (280, 100, 42), (20_000, 5, 1)])
def test_path_epochs_are_capped_by_the_sgd_updates_drawn(m, epochs, shown):
    assert mb.path_epochs(m, epochs) == shown


def test_path_epochs_rejects_bad_arguments():
    with pytest.raises(ValueError, match="^m must"):
        mb.path_epochs(0, 5)
    with pytest.raises(ValueError, match="^epochs must"):
        mb.path_epochs(10, 0)


def test_view_box_is_a_square_around_the_points():
    box = mb.view_box([np.array([[0.0, 0.0], [1.0, -2.0]]), np.array([1.5, -3.0])], margin=0.1)
    w1_low, w1_high, w2_low, w2_high = box
    assert w1_high - w1_low == pytest.approx(w2_high - w2_low) == pytest.approx(3.0 * 1.2)
    assert (w1_low + w1_high) / 2 == pytest.approx(0.75)
    assert (w2_low + w2_high) / 2 == pytest.approx(-1.5)
    assert mb.view_box([np.array([2.0, 3.0])]) == pytest.approx((1.5, 2.5, 2.5, 3.5))


def test_view_box_stays_within_the_limit_and_skips_non_finite_points():
    box = mb.view_box([np.array([[0.0, 0.0], [100.0, 1.0], [np.nan, 5.0]])])
    assert box == pytest.approx((-20.0, 20.0, -20.0, 20.0))
    box = mb.view_box([np.array([[19.5, 0.0], [19.9, 1.0]])])  # half width 0.65, shifted in
    assert box == pytest.approx((18.7, 20.0, -0.15, 1.15))


def test_view_box_rejects_bad_arguments():
    with pytest.raises(ValueError, match="at least one finite"):
        mb.view_box([np.array([np.nan, 1.0])])
    with pytest.raises(ValueError, match="margin"):
        mb.view_box([np.zeros(2)], margin=-1.0)


def test_last_finite_skips_a_diverged_tail():
    path = np.array([[0.0, 0.0], [1.0, 2.0], [np.inf, 3.0], [np.nan, np.nan]])
    np.testing.assert_array_equal(mb.last_finite(path), [1.0, 2.0])
    with pytest.raises(ValueError, match="shape"):
        mb.last_finite(np.zeros(4))
    with pytest.raises(ValueError, match="at least one finite"):
        mb.last_finite(np.full((2, 2), np.nan))


def test_contour_paths_is_what_the_figure_needs(moons):
    X, Y = moons
    result = mb.contour_paths(X, Y, ("full", "32", "1"), 0.1, 5, seed=1)
    assert list(result.paths) == ["batch (full)", "mini-batch 32", "SGD (1)"]
    assert [p.shape[0] for p in result.paths.values()] == [6, 5 * 9 + 1, 5 * 280 + 1]
    for path in result.paths.values():
        np.testing.assert_array_equal(path[0], [0.0, 0.0])
    assert result.epochs == 5
    assert result.w1.size == result.w2.size == 80
    assert result.J.shape == (80, 80)
    i, j = 17, 52
    assert result.J[i, j] == pytest.approx(cost_by_hand(X, Y, [result.w1[j], result.w2[i]]))
    for name, path in result.paths.items():
        assert result.final_cost[name] == pytest.approx(cost_by_hand(X, Y, path[-1]))
    assert result.minimum_in_view
    assert result.minimum_cost <= min(result.final_cost.values()) + 1e-9
    assert result.minimum_cost <= result.J.min() + 1e-9
    # More updates per epoch: closer to the minimum after the same number of epochs.
    assert result.final_cost["SGD (1)"] < result.final_cost["batch (full)"]


def test_contour_paths_draws_the_first_epochs_of_a_long_run(moons):
    X, Y = moons
    result = mb.contour_paths(X, Y, ("1",), 0.1, 100, seed=1)
    assert result.epochs == mb.PATH_MAX_UPDATES // 280 == 42
    assert result.paths["SGD (1)"].shape == (42 * 280 + 1, 2)


@pytest.mark.parametrize(
    ("batches", "match"),
    [((), "non-empty"), ("full", "non-empty"), (("full", "3"), "bs must be one of")],
)
def test_contour_paths_rejects_bad_batches(tiny, batches, match):
    X, Y = tiny
    with pytest.raises(ValueError, match=match):
        mb.contour_paths(X, Y, batches, 0.1, 1)


def test_minimum_in_view_compares_w_star_with_the_grid():
    grid = np.linspace(-1.0, 1.0, 5)
    inside = mb.ContourPaths(grid, grid, np.zeros((5, 5)), {}, {}, np.array([0.5, -1.0]), 0.1, 1)
    outside = mb.ContourPaths(grid, grid, np.zeros((5, 5)), {}, {}, np.array([30.0, 0.0]), 0.0, 1)
    assert inside.minimum_in_view and not outside.minimum_in_view
