"""Gradient checks of Network.backward, and tests of playground.gradcheck itself."""

from __future__ import annotations

import math

import numpy as np
import pytest

from playground.engine.gradcheck import (
    GREAT,
    SUSPICIOUS,
    GradCheckResult,
    gradient_check,
    numerical_derivative,
    relative_difference,
    verdict,
)
from playground.engine.nn import Network
from playground.engine.settings import ALL
from playground.topics.gradient_checking import model as gc

TOL = 1e-6


def make_case(
    dims,
    activation="relu",
    output="sigmoid",
    batch_norm=False,
    keep_probs=None,
    m=16,
    seed=0,
):
    """A small network with small random biases (and γ ≠ 1, β ≠ 0), plus data X, Y.

    Non-zero biases keep ReLU units away from the kink at Z = 0, where finite differences are
    meaningless.
    """
    net = Network(dims, activation, output, seed=seed, batch_norm=batch_norm, keep_probs=keep_probs)
    rng = np.random.RandomState(seed + 100)
    for key, value in net.params.items():
        if key.startswith("b") or key.startswith("beta"):
            net.params[key] = rng.randn(*value.shape) * 0.1
        elif key.startswith("gamma"):
            net.params[key] = 1.0 + rng.randn(*value.shape) * 0.2
    X = rng.randn(dims[0], m)
    n_classes = 2 if output == "sigmoid" else dims[-1]
    Y = rng.randint(0, n_classes, (1, m))
    return net, X, Y


def assert_gradients_match(result, net=None, tol=TOL, zero=()):
    """Overall and per-parameter difference < tol; keys in ``zero`` must have gradient ≈ 0."""
    assert np.all(np.isfinite(result.grad))
    assert result.difference < tol, result.per_parameter
    for key, diff in result.per_parameter.items():
        if key not in zero:
            assert diff < tol, (key, diff)
    offset = 0
    for key, value in net.params.items() if net is not None else ():
        part = slice(offset, offset + value.size)
        offset += value.size
        if key in zero:
            # the relative difference of two vectors that are both ≈ 0 is only noise
            assert np.abs(result.grad[part]).max() < 1e-12, key
            assert np.abs(result.gradapprox[part]).max() < 1e-7, key


# ----------------------------------------------------------------------------- backward is right
ACTIVATIONS = ["relu", "leaky_relu", "tanh", "sigmoid", "linear"]


@pytest.mark.parametrize("activation", ACTIVATIONS)
@pytest.mark.parametrize(("output", "n_out"), [("sigmoid", 1), ("softmax", 3), ("softmax", 4)])
def test_backward_every_activation_and_output(activation, output, n_out):
    net, X, Y = make_case([3, 5, 4, n_out], activation, output, seed=1)
    assert_gradients_match(gradient_check(net, X, Y))


@pytest.mark.parametrize(("lambd", "l1"), [(0.7, 0.0), (0.0, 0.9), (0.5, 0.3), (3.0, 2.0)])
@pytest.mark.parametrize(
    ("activation", "output", "n_out"),
    [
        ("relu", "sigmoid", 1),
        ("tanh", "softmax", 3),
        ("leaky_relu", "softmax", 4),
    ],
)
def test_backward_with_regularization(lambd, l1, activation, output, n_out):
    net, X, Y = make_case([3, 5, 4, n_out], activation, output, seed=2)
    result = gradient_check(net, X, Y, lambd=lambd, l1=l1)
    assert_gradients_match(result)
    # the check really contains the penalty: without it the gradients disagree
    assert gradient_check(net, X, Y).grad.tolist() != result.grad.tolist()


@pytest.mark.parametrize("activation", ["relu", "tanh", "sigmoid", "linear"])
@pytest.mark.parametrize(("output", "n_out"), [("sigmoid", 1), ("softmax", 3)])
@pytest.mark.parametrize("lambd", [0.0, 0.5])
def test_backward_with_batch_norm(activation, output, n_out, lambd):
    net, X, Y = make_case([3, 5, 4, n_out], activation, output, batch_norm=True, m=20, seed=3)
    result = gradient_check(net, X, Y, lambd=lambd)
    assert {"gamma1", "beta1", "gamma2", "beta2"} <= set(result.per_parameter)
    # With a linear g, β1 only shifts each unit of layer 1 by a constant, which layer 2's batch
    # norm subtracts again: ∂J/∂β1 = 0 exactly.
    zero = ("beta1",) if activation == "linear" else ()
    assert_gradients_match(result, net, zero=zero)


@pytest.mark.parametrize("keep_probs", [0.5, [0.8, 0.3]])
@pytest.mark.parametrize("batch_norm", [False, True])
def test_backward_of_dropout_network_checked_with_dropout_off(keep_probs, batch_norm):
    net, X, Y = make_case([3, 6, 5, 3], "relu", "softmax", batch_norm, keep_probs, seed=4)
    assert_gradients_match(gradient_check(net, X, Y, lambd=0.2))


@pytest.mark.parametrize("n_hidden", [1, 2, 3, 4, 5])
@pytest.mark.parametrize(
    ("activation", "output", "n_out"),
    [
        ("relu", "sigmoid", 1),
        ("tanh", "softmax", 3),
    ],
)
def test_backward_at_several_depths(n_hidden, activation, output, n_out):
    dims = [3] + [4] * n_hidden + [n_out]
    net, X, Y = make_case(dims, activation, output, m=12, seed=5 + n_hidden)
    result = gradient_check(net, X, Y, lambd=0.1)
    assert len(result.per_parameter) == 2 * (n_hidden + 1)
    assert_gradients_match(result)


def test_backward_deep_batch_norm():
    net, X, Y = make_case([2, 4, 4, 4, 4, 1], "relu", batch_norm=True, m=24, seed=9)
    assert_gradients_match(gradient_check(net, X, Y, lambd=0.3, l1=0.2))


def test_logistic_regression_without_hidden_layer():
    net, X, Y = make_case([4, 1], seed=1)
    result = gradient_check(net, X, Y, lambd=0.5)
    assert_gradients_match(result)
    assert result.keys == ["W1", "b1"]


# ----------------------------------------------------------------------------- gradient_check
def test_result_layout_and_grad_is_the_network_backprop():
    net, X, Y = make_case([3, 4, 1], "tanh", seed=6)
    result = gradient_check(net, X, Y)
    assert result.keys == list(net.params)
    assert result.grad.shape == result.gradapprox.shape == net.params.flat.shape
    # grad is the network's own backprop, in the order of params.flat
    net.forward(X, training=True)
    np.testing.assert_allclose(result.grad, net.backward(Y).flat, rtol=1e-12)
    assert result.passed
    assert result.verdict.startswith("great")


def test_gradient_check_leaves_params_and_running_statistics_unchanged():
    net, X, Y = make_case([3, 5, 4, 1], "relu", batch_norm=True, keep_probs=0.6, seed=7)
    net.forward(X * 2 + 1, training=True)  # move the running averages away from 0 / 1
    flat = net.params.flat.copy()
    mean = {l: v.copy() for l, v in net.running_mean.items()}
    var = {l: v.copy() for l, v in net.running_var.items()}
    params_buffer = net.params.flat
    gradient_check(net, X, Y, lambd=0.1)
    np.testing.assert_array_equal(net.params.flat, flat)
    assert net.params.flat is params_buffer
    for l in mean:
        np.testing.assert_array_equal(net.running_mean[l], mean[l])
        np.testing.assert_array_equal(net.running_var[l], var[l])

    # also when the planted backward raises
    def broken(net, Y, lambd, l1):
        raise RuntimeError("boom")

    with pytest.raises(RuntimeError):
        gradient_check(net, X, Y, backward=broken)
    np.testing.assert_array_equal(net.params.flat, flat)
    for l in mean:
        np.testing.assert_array_equal(net.running_mean[l], mean[l])


def test_verdict_thresholds():
    assert GREAT == 1e-7
    assert SUSPICIOUS == 1e-3
    assert verdict(0.0).startswith("great")
    assert verdict(3e-9).startswith("great")
    assert verdict(1e-7).startswith("look closer")  # not < 1e-7
    assert verdict(1e-5).startswith("look closer")
    assert verdict(9.9e-4).startswith("look closer")
    assert verdict(1e-3).startswith("likely a bug")
    assert verdict(0.5).startswith("likely a bug")
    assert verdict(math.nan).startswith("likely a bug")
    assert verdict(math.inf).startswith("likely a bug")


def test_relative_difference_by_hand():
    assert relative_difference(np.array([3.0, 0.0]), np.array([0.0, 4.0])) == pytest.approx(5 / 7)
    assert relative_difference(np.zeros(3), np.zeros(3)) == 0.0
    g = np.array([1.0, -2.0, 2.0])
    assert relative_difference(g, g) == 0.0
    assert relative_difference(2 * g, g) == pytest.approx(1 / 3)
    assert relative_difference(-g, g) == pytest.approx(1.0)


def _double_dW2(net, Y, lambd, l1):
    grads = net.backward(Y, lambd, l1)
    grads["dW2"] *= 2
    return grads


def _flip_db1(net, Y, lambd, l1):
    grads = net.backward(Y, lambd, l1)
    grads["db1"] *= -1
    return grads


def _forget_regularization(net, Y, lambd, l1):
    return net.backward(Y, 0.0, 0.0)


def _l2_without_one_over_m(net, Y, lambd, l1):
    grads = net.backward(Y, 0.0, l1)
    for key in net.params:
        if key.startswith("W"):
            grads["d" + key] += lambd * net.params[key]  # λ W instead of (λ/m) W
    return grads


@pytest.mark.parametrize(
    ("planted", "bad_key", "expected"),
    [(_double_dW2, "W2", 1 / 3), (_flip_db1, "b1", 1.0)],
)
def test_planted_bug_is_caught_and_located(planted, bad_key, expected):
    net, X, Y = make_case([3, 5, 4, 1], "relu", seed=8)
    result = gradient_check(net, X, Y, lambd=0.2, backward=planted)
    assert result.difference > SUSPICIOUS
    assert not result.passed
    assert result.verdict.startswith("likely a bug")
    # ‖2g − g‖/(‖2g‖ + ‖g‖) = 1/3 and ‖−g − g‖/(‖g‖ + ‖g‖) = 1
    assert result.per_parameter[bad_key] == pytest.approx(expected, rel=1e-5)
    for key, diff in result.per_parameter.items():
        if key != bad_key:
            assert diff < TOL, key


@pytest.mark.parametrize("planted", [_forget_regularization, _l2_without_one_over_m])
def test_planted_regularization_bug_is_caught(planted):
    net, X, Y = make_case([3, 5, 4, 1], "tanh", seed=8)
    assert gradient_check(net, X, Y, lambd=2.0).difference < TOL
    result = gradient_check(net, X, Y, lambd=2.0, backward=planted)
    assert result.difference > SUSPICIOUS
    assert not result.passed
    assert result.per_parameter["W1"] > SUSPICIOUS
    assert result.per_parameter["b1"] < TOL  # biases are not regularized


def test_planted_batch_norm_bug_is_caught():
    def wrong_dgamma(net, Y, lambd, l1):
        grads = net.backward(Y, lambd, l1)
        grads["dgamma1"] += 0.05
        return grads

    net, X, Y = make_case([3, 5, 4, 1], "relu", batch_norm=True, m=20, seed=3)
    result = gradient_check(net, X, Y, backward=wrong_dgamma)
    assert result.per_parameter["gamma1"] > SUSPICIOUS
    assert result.per_parameter["W1"] < TOL


def test_keep_dropout_makes_the_check_fail():
    net, X, Y = make_case([3, 8, 6, 1], "relu", keep_probs=0.5, seed=10)
    assert gradient_check(net, X, Y).difference < TOL
    noisy = gradient_check(net, X, Y, keep_dropout=True)
    assert noisy.difference > SUSPICIOUS
    assert not noisy.passed


def test_gradient_check_argument_errors():
    net, X, Y = make_case([3, 4, 1], seed=0)
    for epsilon in (0.0, -1e-7, 2.0, math.nan):
        with pytest.raises(ValueError, match="^epsilon"):
            gradient_check(net, X, Y, epsilon=epsilon)
    with pytest.raises(ValueError, match="^X"):
        gradient_check(net, X[:2], Y)
    with pytest.raises(ValueError, match="^Y"):
        gradient_check(net, X, Y[:, :-1])
    with pytest.raises(ValueError, match="^Y"):
        gradient_check(net, X, Y + 2)
    with pytest.raises(ValueError, match="^lambd"):
        gradient_check(net, X, Y, lambd=-1.0)
    with pytest.raises(ValueError, match="^l1"):
        gradient_check(net, X, Y, l1=-1.0)


# ----------------------------------------------------------------------------- numerical_derivative
def _errors(f, df, x, two_sided):
    return [abs(numerical_derivative(f, x, eps, two_sided) - df) for eps in (1e-2, 1e-3)]


def test_two_sided_error_shrinks_like_epsilon_squared_cube():
    # (f(x+ε) − f(x−ε))/2ε = 3x² + ε² exactly for f = x³: the error is ε²
    big, small = _errors(lambda x: x**3, 3.0, 1.0, True)
    assert big == pytest.approx(1e-4, rel=1e-6)
    assert small == pytest.approx(1e-6, rel=1e-4)
    assert big / small == pytest.approx(100, rel=1e-3)


def test_one_sided_error_shrinks_like_epsilon_cube():
    # (f(x+ε) − f(x))/ε = 3x² + 3xε + ε²: the error is ≈ 3ε
    big, small = _errors(lambda x: x**3, 3.0, 1.0, False)
    assert big == pytest.approx(3e-2 + 1e-4, rel=1e-8)
    assert small == pytest.approx(3e-3 + 1e-6, rel=1e-6)
    assert big / small == pytest.approx(10, rel=0.01)


def test_error_orders_on_exp():
    # e^x at 0: two-sided error ≈ ε²/6, one-sided ≈ ε/2
    two = _errors(math.exp, 1.0, 0.0, True)
    one = _errors(math.exp, 1.0, 0.0, False)
    assert two[0] == pytest.approx(1e-4 / 6, rel=1e-3)
    assert one[0] == pytest.approx(1e-2 / 2, rel=0.01)
    assert two[0] / two[1] == pytest.approx(100, rel=0.01)
    assert one[0] / one[1] == pytest.approx(10, rel=0.01)
    assert two[1] < one[1] / 1000


def test_numerical_derivative_values_and_errors():
    assert numerical_derivative(lambda x: 5 * x + 2, 3.0, 0.5) == pytest.approx(5.0)
    assert numerical_derivative(lambda x: x * x, 3.0, 0.5, two_sided=False) == pytest.approx(6.5)
    for epsilon in (0, 0.0, -0.1, 1.5, math.nan, math.inf, "0.1", None):
        with pytest.raises(ValueError, match="^epsilon"):
            numerical_derivative(math.exp, 0.0, epsilon)
    numerical_derivative(math.exp, 0.0, 1.0)  # ε = 1 is allowed


# ============================================================================= the page's core
# The gradient-checking page: 1-D example, planted bugs, ε sweeps, words.


def test_page_settings_are_unique_and_shared_keys_mean_the_same():
    keys = [s.key for s in gc.SETTINGS]
    assert len(keys) == len(set(keys)) == len(gc.BY_KEY)
    assert "eps" not in keys  # ALL's "eps" is Adam's ε, not the check's step
    for setting in gc.SETTINGS:
        if setting.key in ALL:
            shared = ALL[setting.key]
            assert (setting.kind, setting.label, setting.options) == (
                shared.kind,
                shared.label,
                shared.options,
            ), setting.key
            assert (setting.low, setting.high) == (shared.low, shared.high)
    assert gc.BY_KEY["epsilon"].options == tuple(10.0**-k for k in range(1, 13))
    assert gc.BY_KEY["epsilon"].default == 1e-7
    assert set(gc.BY_KEY["bug"].options) == set(gc.PLANTED_BUGS)
    assert set(gc.BY_KEY["fn"].options) == set(gc.FUNCTIONS)


@pytest.mark.parametrize("fn", list(gc.FUNCTIONS))
def test_function_derivatives_are_right(fn):
    function = gc.FUNCTIONS[fn]
    for theta in (0.5, 1.3):
        for lower, higher in ((function.f, function.d1), (function.d1, function.d2)):
            assert numerical_derivative(lower, theta, 1e-5) == pytest.approx(
                higher(theta), rel=1e-6
            )
        assert numerical_derivative(function.d2, theta, 1e-5) == pytest.approx(
            function.d3(theta), rel=1e-6
        )


def test_derivative_errors_of_the_cube_by_hand():
    # (f(θ+ε) − f(θ−ε))/2ε − 3θ² = ε², (f(θ+ε) − f(θ))/ε − 3θ² = 3θε + ε²
    two, one = gc.derivative_errors("cube", 1.0, [0.1, 0.01])
    np.testing.assert_allclose(two, [1e-2, 1e-4], rtol=1e-9)
    np.testing.assert_allclose(one, [0.3 + 1e-2, 0.03 + 1e-4], rtol=1e-9)
    # the course's example: θ = 1, ε = 0.01 → 3.0001 two-sided, 3.0301 one-sided
    assert 3.0 + two[1] == pytest.approx(3.0001)
    assert 3.0 + one[1] == pytest.approx(3.0301)


def test_error_model_and_slopes_of_the_sweep():
    eps = np.array(gc.SWEEP)
    model = gc.error_model("cube", 1.0)
    np.testing.assert_allclose(model["two-sided"], eps**2)  # |f'''|/6 = 1
    np.testing.assert_allclose(model["one-sided"], 3 * eps)  # |f''|/2 = 3
    np.testing.assert_allclose(model["round-off"], gc.MACHINE_EPSILON * (1 + 3) / eps)
    assert set(gc.error_model("cube", 0.0)) == {"two-sided"}  # f = f' = f'' = 0 at 0
    two, one = gc.derivative_errors("exp", 0.5)
    truncation, round_off = slice(0, 5), slice(-8, None)  # ε ≥ 1e-3, ε ≤ 3e-9
    assert gc.log_slope(eps[truncation], two[truncation]) == pytest.approx(2.0, abs=0.05)
    assert gc.log_slope(eps[truncation], one[truncation]) == pytest.approx(1.0, abs=0.05)
    assert gc.log_slope(eps[round_off], one[round_off]) < -0.5  # round-off grows as ε shrinks
    best_two, lowest_two = gc.best_epsilon(eps, two)
    best_one, lowest_one = gc.best_epsilon(eps, one)
    assert 1e-7 <= best_two <= 1e-4 and 1e-10 <= best_one <= 1e-6
    assert lowest_two < lowest_one < 1e-6
    assert two[-1] > 1e3 * lowest_two  # at ε = 1e-12 round-off ruins even the two-sided


def test_best_epsilon_and_log_slope_by_hand():
    eps = [1e-1, 1e-2, 1e-3]
    assert gc.best_epsilon(eps, [3.0, 1.0, 2.0]) == (1e-2, 1.0)
    assert gc.best_epsilon(eps, [np.nan, np.inf, 2.0]) == (1e-3, 2.0)
    assert all(math.isnan(v) for v in gc.best_epsilon(eps, [np.nan] * 3))
    assert gc.log_slope(eps, [1e-2, 1e-4, 1e-6]) == pytest.approx(2.0)
    assert gc.log_slope(eps, [1e-1, 0.0, 1e-3]) == pytest.approx(1.0)  # 0 is skipped
    assert math.isnan(gc.log_slope(eps, [1.0, 0.0, np.nan]))
    for function in (gc.best_epsilon, gc.log_slope):
        with pytest.raises(ValueError, match=r"^errors must have shape \(3,\)"):
            function(eps, [1.0, 2.0])
        with pytest.raises(ValueError, match="^epsilons must be"):
            function([], [])
        with pytest.raises(ValueError, match=r"^epsilons\[1\]"):
            function([0.1, 0.0], [1.0, 2.0])


def test_1d_argument_errors():
    with pytest.raises(ValueError, match="^fn must be one of"):
        gc.derivative_errors("tan", 1.0)
    with pytest.raises(ValueError, match="^theta must be greater than 0.1 for ln θ"):
        gc.derivative_errors("log", 0.05)
    with pytest.raises(ValueError, match="^theta must be greater than 0.1"):
        gc.explain_derivative("log", -1.0, 1e-7)
    with pytest.raises(ValueError, match="^theta must be in"):
        gc.error_model("exp", math.nan)
    with pytest.raises(ValueError, match=r"^epsilons\[0\]"):
        gc.derivative_errors("exp", 1.0, [2.0])
    with pytest.raises(ValueError, match="^epsilon must be in"):
        gc.explain_derivative("exp", 1.0, 0.0)
    gc.derivative_errors("log", 0.2)  # θ − ε > 0 for every ε of the sweep


def test_check_network_data():
    net, X, Y = gc.check_network_data("relu", 4)
    assert net.layer_dims == list(gc.CHECK_DIMS) and net.keep_probs == [0.8, 0.8]
    assert X.shape == (2, gc.CHECK_M) and Y.shape == (1, gc.CHECK_M)
    rng = np.random.RandomState(5)
    for l in (1, 2, 3):
        np.testing.assert_array_equal(
            net.params[f"b{l}"], 0.1 * rng.randn(*net.params[f"b{l}"].shape)
        )
    again, X2, _ = gc.check_network_data("relu", 4)
    np.testing.assert_array_equal(again.params.flat, net.params.flat)
    np.testing.assert_array_equal(X2, X)
    with pytest.raises(ValueError, match="^activation must be one of"):
        gc.check_network_data("linear", 1)
    with pytest.raises(ValueError, match="^seed must be"):
        gc.check_network_data("relu", -1)


@pytest.mark.parametrize("activation", ["relu", "leaky_relu", "tanh"])
@pytest.mark.parametrize("seed", [0, 1, 2, 3, 7, 42, 100])
@pytest.mark.parametrize("lambd", [0.0, 0.7])
def test_no_bug_passes(activation, seed, lambd):
    result = gc.check_network("none", lambd, activation, seed, 1e-7)
    assert result.passed, result.per_parameter
    assert gc.locate_bug(result).startswith("Backprop is right")


M = gc.CHECK_M


@pytest.mark.parametrize(
    ("bug", "lambd", "off", "expected", "words"),
    [
        (
            "dW2_x2",
            0.0,
            ["W2"],
            1 / 3,
            "dW2 is off (0.33) while every other gradient agrees: "
            "the bug is in layer 2's weight gradient.",
        ),
        ("db1_sign", 0.7, ["b1"], 1.0, "the bug is in layer 1's bias gradient"),
        # ‖m g − g‖ / (‖m g‖ + ‖g‖) = (m − 1)/(m + 1)
        ("db1_sum", 0.0, ["b1"], (M - 1) / (M + 1), "db1 is off"),
        ("no_l2", 0.7, ["W1", "W2", "W3"], None, "are off but every db is right"),
        ("dropout_on", 0.0, ["W1", "b1", "W2", "b2", "W3", "b3"], None, "Every gradient is off"),
    ],
)
def test_planted_bugs_are_caught_and_located(bug, lambd, off, expected, words):
    result = gc.check_network(bug, lambd, "relu", 1, 1e-7)
    assert result.difference > SUSPICIOUS and not result.passed
    for key, difference in result.per_parameter.items():
        if key in off:
            assert difference > SUSPICIOUS, key
        else:
            assert difference < 1e-6, key
    if expected is not None:
        assert result.per_parameter[off[0]] == pytest.approx(expected, rel=1e-5)
    assert words in gc.locate_bug(result)


def test_a_bug_in_a_zero_term_is_invisible():
    # forgetting (λ/m) W changes nothing when λ = 0
    assert gc.PLANTED_BUGS["no_l2"].needs_l2
    result = gc.check_network("no_l2", 0.0, "relu", 1, 1e-7)
    np.testing.assert_array_equal(result.grad, gc.check_network("none", 0.0, "relu", 1).grad)
    assert result.passed


def test_check_network_argument_errors():
    with pytest.raises(ValueError, match="^bug must be one of"):
        gc.check_network("typo")
    with pytest.raises(ValueError, match="^lambd must be"):
        gc.check_network("none", -1.0)
    with pytest.raises(ValueError, match="^epsilon must be"):
        gc.check_network("none", 0.0, "relu", 1, 0.0)
    with pytest.raises(ValueError, match="^epsilons must be"):
        gc.epsilon_sweep("none", 0.0, "relu", 1, [[0.1]])


def test_epsilon_sweep_truncation_then_round_off():
    eps = np.array(gc.SWEEP)
    correct = gc.epsilon_sweep("none", 0.7, "tanh", 1)
    assert correct.shape == eps.shape
    best, lowest = gc.best_epsilon(eps, correct)
    assert lowest < 1e-9 and 1e-7 <= best <= 1e-3
    truncation = (eps <= 1e-2) & (eps >= 1e-4)
    assert gc.log_slope(eps[truncation], correct[truncation]) == pytest.approx(2.0, abs=0.2)
    round_off = eps <= 1e-9
    assert gc.log_slope(eps[round_off], correct[round_off]) < -0.5
    assert correct[-1] > 1e-5  # at ε = 1e-12 even correct backprop looks suspicious
    planted = gc.epsilon_sweep("dW2_x2", 0.7, "tanh", 1)
    assert planted.min() > SUSPICIOUS
    np.testing.assert_allclose(
        correct[eps == 1e-7], gc.check_network("none", 0.7, "tanh", 1, 1e-7).difference
    )


def test_locate_bug_reads_other_patterns():
    def result(**per):
        values = np.array(list(per.values()))
        return GradCheckResult(float(values.max()), per, values, values, list(per))

    grey = gc.locate_bug(result(W1=1e-9, b1=2e-6))
    assert grey.startswith("No gradient is clearly wrong, but db1 (2.0e-06) is in the grey zone")
    mixed = gc.locate_bug(result(W1=0.5, b1=0.5, W2=1e-9, b2=1e-9))
    assert mixed == "dW1, db1 are off: look at the backward step of layer 1."
    two_layers = gc.locate_bug(result(W1=0.5, b1=1e-9, W2=1e-9, b2=0.5))
    assert two_layers == "dW1, db2 are off: look at the backward step of layers 1, 2."
    with pytest.raises(ValueError, match="^result must be a GradCheckResult"):
        gc.locate_bug({"W1": 0.5})
    assert gc.gradient_name("W2") == "dW2"
    with pytest.raises(ValueError, match="^key must be"):
        gc.gradient_name(2)


def test_explanations_hold_the_numbers():
    words = gc.explain_derivative("cube", 1.0, 1e-2)
    assert "f′(1) = 3" in words and "off by **1.0e-04**" in words and "**3.0e-02**" in words
    assert "slope **2.0**" in words and "**1.0**" in words and "round-off" in words
    assert "f″(θ) = 0" in gc.explain_derivative("sin", 0.0, 1e-3)
    eps = np.array(gc.SWEEP)
    correct = gc.epsilon_sweep("none", 0.0, "relu", 1)
    text = gc.explain_sweep(eps, correct, 1e-7)
    assert f"at your ε = 1e-07 it is **{correct[eps == 1e-7][0]:.1e}**: great" in text
    planted = gc.epsilon_sweep("db1_sign", 0.0, "relu", 1)
    assert "no choice of ε hides a real bug" in gc.explain_sweep(eps, correct, 1e-7, planted)
    assert "both curves coincide" in gc.explain_sweep(eps, correct, 1e-7, correct)
    leaky = correct.copy()
    leaky[5] = 1e-8
    assert "could pass unnoticed" in gc.explain_sweep(eps, correct, 1e-7, leaky * 1e4)
    with pytest.raises(ValueError, match="^correct must have shape"):
        gc.explain_sweep(eps, correct[:3], 1e-7)
    with pytest.raises(ValueError, match="^planted must have shape"):
        gc.explain_sweep(eps, correct, 1e-7, correct[:3])
    with pytest.raises(ValueError, match="^epsilon must be in"):
        gc.explain_sweep(eps, correct, 2.0)
