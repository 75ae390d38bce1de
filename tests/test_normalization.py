"""Normalizing inputs: the data, J(w₁, w₂) on a grid, gradient descent with the shared optimizer,
the curvature that limits α, and the dev set standardized with the training μ and σ."""

from __future__ import annotations

import math

import numpy as np
import pytest

from playground.engine.data import standardize
from playground.engine.nn import Network
from playground.engine.settings import ALL
from playground.engine.surfaces import MAX_STEPS
from playground.topics.normalization import figures as plots
from playground.topics.normalization import model as norm

X_SMALL = np.array([[1.0, 2.0, -1.0], [0.0, 1.0, 3.0]])
Y_SMALL = np.array([[1, 0, 1]])


def hand_cost(w1: float, w2: float, X: np.ndarray, Y: np.ndarray) -> float:
    """−(1/m) Σ [y log a + (1 − y) log(1 − a)], a = 1/(1 + e^(−z)), one example at a time."""
    total = 0.0
    for i in range(X.shape[1]):
        z = w1 * X[0, i] + w2 * X[1, i]
        a = 1.0 / (1.0 + math.exp(-z))
        total -= Y[0, i] * math.log(a) + (1 - Y[0, i]) * math.log(1.0 - a)
    return total / X.shape[1]


# -- data ----------------------------------------------------------------------------------------


def test_scaled_data_has_the_two_scales_and_the_diagonal_labels():
    X, Y = norm.make_scaled_data(100, m=500, seed=3)
    assert X.shape == (2, 500) and Y.shape == (1, 500) and Y.dtype == np.int64
    assert X[0].min() >= 0 and X[0].max() <= 100 and X[0].max() > 90
    assert X[1].min() >= 0 and X[1].max() <= 1
    assert set(np.unique(Y)) == {0, 1}
    again, _ = norm.make_scaled_data(100, m=500, seed=3)
    np.testing.assert_array_equal(X, again)
    # With (almost) no noise the label is exactly "above the diagonal": x₂ > x₁ / ratio.
    X, Y = norm.make_scaled_data(30, m=400, seed=1, noise=1e-12)
    np.testing.assert_array_equal(Y[0], (X[1] > X[0] / 30).astype(int))


def test_a_shifted_set_only_holds_large_x1():
    X, _ = norm.make_scaled_data(1000, m=300, seed=0, low=0.5)
    assert X[0].min() >= 500 and X[0].max() <= 1000


@pytest.mark.parametrize(
    ("kwargs", "name"),
    [
        ({"ratio": 0.5}, "ratio"),
        ({"ratio": 1001}, "ratio"),
        ({"ratio": 10, "m": 1}, "m"),
        ({"ratio": 10, "seed": -1}, "seed"),
        ({"ratio": 10, "low": 0.95}, "low"),
        ({"ratio": 10, "noise": 0.0}, "noise"),
    ],
)
def test_scaled_data_rejects_bad_arguments(kwargs, name):
    with pytest.raises(ValueError, match=name):
        norm.make_scaled_data(**kwargs)


# -- the cost on a grid --------------------------------------------------------------------------


def test_cost_grid_matches_a_hand_computation():
    assert norm.cost_grid(0.0, 0.0, X_SMALL, Y_SMALL) == pytest.approx(math.log(2.0), rel=1e-15)
    for w in [(1.0, -1.0), (0.3, 0.7), (-2.0, 0.5)]:
        expected = hand_cost(*w, X_SMALL, Y_SMALL)
        assert norm.cost_grid(*w, X_SMALL, Y_SMALL) == pytest.approx(expected, rel=1e-12)


def test_cost_grid_is_one_batched_evaluation_equal_to_the_network_cost():
    X, Y = norm.make_scaled_data(10, m=50, seed=2)
    w1, w2 = np.meshgrid(np.linspace(-1, 1, 7), np.linspace(-3, 3, 5))
    J = norm.cost_grid(w1, w2, X, Y)
    assert J.shape == (5, 7)
    net = Network([2, 1], init="zeros")
    for i, j in [(0, 0), (2, 3), (4, 6)]:
        net.params["W1"] = [[w1[i, j], w2[i, j]]]
        assert J[i, j] == pytest.approx(net.cost(net.forward(X), Y), rel=1e-12)


def test_cost_grid_stays_finite_far_from_the_minimum():
    X, Y = norm.make_scaled_data(1000, m=50, seed=2)
    J = norm.cost_grid(np.array([1e3, -1e3]), np.array([0.0, 0.0]), X, Y)
    assert np.isfinite(J).all() and (J > 1e4).all()


def test_cost_grid_rejects_bad_arguments():
    with pytest.raises(ValueError, match="same shape"):
        norm.cost_grid(np.zeros(3), np.zeros(4), X_SMALL, Y_SMALL)
    with pytest.raises(ValueError, match="X must have 2 rows"):
        norm.cost_grid(0.0, 0.0, np.zeros((3, 3)), Y_SMALL)
    with pytest.raises(ValueError, match="Y"):
        norm.cost_grid(0.0, 0.0, X_SMALL, np.array([[0, 1, 2]]))


# -- gradient, minimum, curvature ----------------------------------------------------------------


def test_gradient_is_the_backward_pass_of_the_two_weight_network():
    net = norm.logistic_network(X_SMALL, Y_SMALL)
    w = np.array([0.5, -0.25])
    a = 1.0 / (1.0 + np.exp(-(w @ X_SMALL)))
    expected = X_SMALL @ (a - Y_SMALL[0]) / 3  # dw = (1/m) X (A − Y)ᵀ
    np.testing.assert_allclose(norm.gradient(net, w, X_SMALL, Y_SMALL), expected, rtol=1e-12)
    eps = 1e-6
    numeric = [
        (norm.cost_grid(*(w + d), X_SMALL, Y_SMALL) - norm.cost_grid(*(w - d), X_SMALL, Y_SMALL))
        / (2 * eps)
        for d in (np.array([eps, 0.0]), np.array([0.0, eps]))
    ]
    np.testing.assert_allclose(norm.gradient(net, w, X_SMALL, Y_SMALL), numeric, rtol=1e-7)
    assert net.params["b1"][0, 0] == 0.0


@pytest.mark.parametrize("ratio", [1, 100, 1000])
def test_best_weights_zero_the_gradient(ratio):
    X, Y = norm.make_scaled_data(ratio, seed=0)
    w = norm.best_weights(X, Y)
    net = norm.logistic_network(X, Y)
    dw = norm.gradient(net, w, X, Y)
    # Scale by the feature size: dw₁ is in units of x₁.
    assert abs(dw[0]) < 1e-7 * ratio and abs(dw[1]) < 1e-7
    best = norm.cost_grid(*w, X, Y)
    for step in ([1e-3 / ratio, 0.0], [0.0, 1e-3], [-1e-3 / ratio, 1e-3]):
        assert norm.cost_grid(*(w + np.array(step)), X, Y) > best


def test_hessian_formula():
    zero = norm.hessian(np.zeros(2), X_SMALL)
    np.testing.assert_allclose(zero, 0.25 * X_SMALL @ X_SMALL.T / 3, rtol=1e-15)
    net = norm.logistic_network(X_SMALL, Y_SMALL)
    w, eps = np.array([0.4, -0.8]), 1e-6
    columns = [
        (norm.gradient(net, w + d, X_SMALL, Y_SMALL) - norm.gradient(net, w - d, X_SMALL, Y_SMALL))
        / (2 * eps)
        for d in (np.array([eps, 0.0]), np.array([0.0, eps]))
    ]
    np.testing.assert_allclose(norm.hessian(w, X_SMALL), np.array(columns).T, rtol=1e-6)


# -- gradient descent ----------------------------------------------------------------------------


def test_descent_follows_w_minus_alpha_dw_from_zero():
    X, Y = norm.make_scaled_data(10, seed=0)
    result = norm.descend(X, Y, 0.05, 4)
    net = norm.logistic_network(X, Y)
    w = np.zeros(2)
    expected = [w.copy()]
    for _ in range(4):
        w = w - 0.05 * norm.gradient(net, w, X, Y)
        expected.append(w.copy())
    np.testing.assert_allclose(result.path, expected, rtol=1e-12)
    np.testing.assert_allclose(result.costs, norm.cost_grid(*np.array(expected).T, X, Y))
    assert result.costs[0] == pytest.approx(math.log(2.0))


def test_cost_map_grid_and_curvature():
    X, Y = norm.make_scaled_data(3, seed=0)
    cost = norm.cost_map(X, Y)
    assert cost.J.shape == (norm.RESOLUTION, norm.RESOLUTION)
    assert cost.xs.size == cost.ys.size == norm.RESOLUTION
    # The view box is square (same units on both axes) and holds the start and w*.
    assert cost.xs[-1] - cost.xs[0] == pytest.approx(cost.ys[-1] - cost.ys[0])
    for point in (np.zeros(2), cost.w_star):
        assert cost.xs[0] < point[0] < cost.xs[-1] and cost.ys[0] < point[1] < cost.ys[-1]
    assert cost.J[4, 7] == pytest.approx(norm.cost_grid(cost.xs[7], cost.ys[4], X, Y))
    np.testing.assert_allclose(cost.w_star, norm.best_weights(X, Y))
    assert cost.best_cost == pytest.approx(norm.cost_grid(*cost.w_star, X, Y))
    assert cost.J.min() >= cost.best_cost - 1e-12
    lam = np.linalg.eigvalsh(norm.hessian(cost.w_star, X))
    np.testing.assert_allclose(cost.curvatures, lam)
    assert cost.condition == pytest.approx(lam[1] / lam[0])
    assert cost.max_stable_rate == pytest.approx(2 / lam[1])
    with pytest.raises(ValueError, match="resolution"):
        norm.cost_map(X, Y, resolution=5)


def test_descent_counts_the_steps_to_the_tolerance():
    X, Y = norm.make_scaled_data(3, seed=0)
    result = norm.descend(X, Y, 3.0, 300)
    k = result.steps_to_tolerance
    gaps = result.costs - result.best_cost
    assert k is not None and gaps[k] <= norm.TOLERANCE < gaps[k - 1]
    assert result.final_gap == pytest.approx(gaps[-1])
    given = norm.descend(X, Y, 3.0, 300, w_star=norm.best_weights(X, Y))
    np.testing.assert_allclose(given.path, result.path)


@pytest.mark.parametrize(("ratio", "below", "above"), [(3, 3.0, 10.0), (10, 0.3, 1.0)])
def test_alpha_must_stay_below_two_over_lambda_max(ratio, below, above):
    X, Y = norm.make_scaled_data(ratio, seed=0)
    slow = norm.descend(X, Y, below, 2000)
    fast = norm.descend(X, Y, above, 2000)
    assert below < norm.cost_map(X, Y, resolution=10).max_stable_rate < above
    assert slow.steps_to_tolerance is not None
    assert fast.steps_to_tolerance is None and fast.final_gap > 0.05


@pytest.mark.parametrize(
    ("kwargs", "name"),
    [
        ({"learning_rate": 0.0, "steps": 10}, "learning_rate"),
        ({"learning_rate": 101.0, "steps": 10}, "learning_rate"),
        ({"learning_rate": 0.1, "steps": 0}, "steps"),
        ({"learning_rate": 0.1, "steps": MAX_STEPS + 1}, "steps"),
        ({"learning_rate": 0.1, "steps": 5, "w_star": [1.0]}, "w_star"),
        ({"learning_rate": 0.1, "steps": 5, "w_star": [np.nan, 1.0]}, "w_star"),
    ],
)
def test_descent_rejects_bad_arguments(kwargs, name):
    with pytest.raises(ValueError, match=name):
        norm.descend(X_SMALL, Y_SMALL, **kwargs)


def test_standardizing_makes_the_cost_round_and_lets_alpha_be_large():
    problem = norm.make_problem(100)
    X_norm, mu, sigma = standardize(problem.X)
    np.testing.assert_allclose(problem.X_norm, X_norm)
    np.testing.assert_allclose(problem.mu, mu)
    np.testing.assert_allclose(problem.sigma, sigma)
    assert problem.standardized.condition < 3 < 1e4 < problem.raw.condition
    assert problem.raw.max_stable_rate < 0.01 < 1.0 < problem.standardized.max_stable_rate
    raw, std = norm.descend_both(problem, 1.0, 200)
    np.testing.assert_allclose(raw.path, norm.descend(problem.X, problem.Y, 1.0, 200).path)
    assert std.steps_to_tolerance is not None and std.steps_to_tolerance < 50
    assert raw.steps_to_tolerance is None and raw.final_gap > 1.0
    # The standardized problem is the same whatever the scale of x₁.
    other = norm.make_problem(1000).standardized
    np.testing.assert_allclose(other.w_star, problem.standardized.w_star, rtol=1e-9)


def test_the_raw_valley_narrows_like_the_square_of_the_ratio():
    kappa = {r: norm.make_problem(r).raw.condition for r in (10, 100, 1000)}
    assert 50 < kappa[100] / kappa[10] < 200
    assert 50 < kappa[1000] / kappa[100] < 200


# -- dev set -------------------------------------------------------------------------------------


def test_dev_set_uses_the_training_mu_and_sigma():
    check = norm.dev_check(100, 0.5, seed=0)
    X, Y = norm.make_scaled_data(100, norm.M_TRAIN, 0)
    X_dev, Y_dev = norm.make_scaled_data(100, norm.M_DEV, 1, low=0.5)
    mu, sigma = X.mean(axis=1, keepdims=True), X.std(axis=1, keepdims=True)
    np.testing.assert_allclose(check.mu_train, mu)
    np.testing.assert_allclose(check.sigma_train, sigma)
    np.testing.assert_allclose(check.X_dev_train_stats, (X_dev - mu) / sigma)
    np.testing.assert_allclose(check.mu_dev, X_dev.mean(axis=1, keepdims=True))
    np.testing.assert_allclose(check.X_dev_own_stats.mean(axis=1), 0.0, atol=1e-12)
    np.testing.assert_allclose(check.X_dev_own_stats.std(axis=1), 1.0)
    np.testing.assert_array_equal(check.Y_dev, Y_dev)
    assert check.mu_dev[0, 0] > check.mu_train[0, 0] + 10
    z_right, z_wrong = check.w @ check.X_dev_train_stats, check.w @ check.X_dev_own_stats
    right, wrong = (z_right > 0).astype(int), (z_wrong > 0).astype(int)
    assert check.accuracy_train_stats == pytest.approx((right == Y_dev[0]).mean())
    assert check.accuracy_own_stats == pytest.approx((wrong == Y_dev[0]).mean())
    assert check.changed == pytest.approx((right != wrong).mean())
    assert check.accuracy_train_stats > check.accuracy_own_stats
    assert check.changed > 0.1


def test_an_unshifted_dev_set_barely_changes():
    assert norm.dev_check(100, 0.0).changed < 0.05 < norm.dev_check(100, 0.75).changed


@pytest.mark.parametrize(
    ("kwargs", "name"),
    [
        ({"ratio": 100, "shift": 0.95}, "shift"),
        ({"ratio": 100, "shift": -0.1}, "shift"),
        ({"ratio": 100, "shift": 0.5, "seed": 2**32 - 1}, "seed"),
        ({"ratio": 0.5, "shift": 0.5}, "ratio"),
    ],
)
def test_dev_check_rejects_bad_arguments(kwargs, name):
    with pytest.raises(ValueError, match=name):
        norm.dev_check(**kwargs)


def test_weights_must_be_two_finite_numbers():
    net = norm.logistic_network(X_SMALL, Y_SMALL)
    for bad in ([1.0], [1.0, np.inf], [1.0, 2.0, 3.0]):
        with pytest.raises(ValueError, match="w must be two finite numbers"):
            norm.gradient(net, bad, X_SMALL, Y_SMALL)
        with pytest.raises(ValueError, match="w must be two finite numbers"):
            norm.hessian(bad, X_SMALL)
    with pytest.raises(ValueError, match="X must have 2 rows"):
        norm.hessian([0.0, 0.0], np.zeros((3, 2)))
    with pytest.raises(ValueError, match="X"):
        norm.best_weights(np.zeros((2, 0)), np.zeros((1, 0)))


# -- settings and figures ------------------------------------------------------------------------


def test_settings_are_url_friendly_and_lr_means_the_learning_rate():
    keys = [s.key for s in norm.SETTINGS]
    assert keys == ["ratio", "lr", "steps", "devshift"]
    lr = next(s for s in norm.SETTINGS if s.key == "lr")
    assert lr.label == ALL["lr"].label and lr.default in lr.options
    for setting in norm.SETTINGS:
        assert setting.options, "every knob is a select slider of options shown as themselves"
        assert setting.default in setting.options


def test_cost_contours_figure():
    problem = norm.make_problem(10)
    result = problem.raw
    path = norm.descend_both(problem, 0.1, 20)[0].path
    figure = plots.cost_contours(
        result.xs, result.ys, result.J, path, result.w_star, result.best_cost, "raw"
    )
    names = [trace.name for trace in figure.data]
    assert names == ["J", "gradient descent", "start", "w*"]
    z = np.asarray(figure.data[0].z, dtype=float)
    expected = np.log10(np.maximum(result.J - result.best_cost, plots.GAP_FLOOR))
    np.testing.assert_allclose(z, expected, rtol=1e-6)
    np.testing.assert_allclose(figure.data[1].x, path[:, 0])
    assert figure.layout.yaxis.scaleanchor == "x"
    assert figure.layout.font.size >= 14 and figure.layout.template.layout.paper_bgcolor
    with pytest.raises(ValueError, match="J must have shape"):
        plots.cost_contours(result.xs, result.ys, result.J[:-1], path, result.w_star, 0.1)
    with pytest.raises(ValueError, match="path"):
        plots.cost_contours(result.xs, result.ys, result.J, np.zeros(3), result.w_star, 0.1)
    with pytest.raises(ValueError, match="w_star"):
        plots.cost_contours(result.xs, result.ys, result.J, path, [1.0], 0.1)


def test_dev_figure_draws_both_standardizations():
    check = norm.dev_check(10, 0.5)
    figure = plots.dev_standardization(
        check.X_dev_train_stats, check.X_dev_own_stats, check.Y_dev, check.w
    )
    assert [t.name for t in figure.data] == ["y = 0", "y = 1", "boundary"] * 2
    shown = np.concatenate([figure.data[0].x, figure.data[1].x])
    assert shown.size == norm.M_DEV
    boundary = figure.data[2]
    assert check.w[0] * boundary.x[0] + check.w[1] * boundary.y[0] == pytest.approx(0.0)
    with pytest.raises(ValueError, match="X_wrong must have"):
        plots.dev_standardization(check.X_dev_train_stats, np.zeros((2, 3)), check.Y_dev, check.w)
    with pytest.raises(ValueError, match="w must not be"):
        plots.dev_standardization(
            check.X_dev_train_stats, check.X_dev_own_stats, check.Y_dev, [0.0, 0.0]
        )
