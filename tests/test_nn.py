"""Tests of playground.nn.Network: initialization, forward, cost, dropout, batch norm, params."""

from __future__ import annotations

import copy
import warnings

import numpy as np
import pytest

from playground.engine.config import MAX_LAYERS, MAX_UNITS
from playground.engine.nn import BN_EPSILON, BN_MOMENTUM, PROB_CLIP, Network
from playground.engine.optim import GradientDescent

DIMS = [2, 10, 5, 1]


def _sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


def _softmax(z):
    e = np.exp(z - z.max(axis=0, keepdims=True))
    return e / e.sum(axis=0, keepdims=True)


def _logit(a):
    return np.log(a) - np.log1p(-a)


HAND_ACTIVATIONS = {
    "relu": lambda z: np.maximum(z, 0.0),
    "leaky_relu": lambda z: np.where(z > 0, z, 0.01 * z),
    "tanh": np.tanh,
    "sigmoid": _sigmoid,
    "linear": lambda z: z,
}


def _random_params(net: Network, seed: int = 0) -> dict[str, np.ndarray]:
    """Set every parameter (biases included) to random values; return them."""
    rng = np.random.RandomState(seed)
    values = {k: rng.randn(*v.shape) * 0.7 for k, v in net.params.items()}
    net.params = values
    return values


# ----------------------------------------------------------------------------- initialization
COURSE_SCALES = {
    "he": lambda n_prev, n: np.sqrt(2.0 / n_prev),
    "xavier": lambda n_prev, n: np.sqrt(1.0 / n_prev),
    "glorot": lambda n_prev, n: np.sqrt(2.0 / (n_prev + n)),
    "random": lambda n_prev, n: 10.0,
}


@pytest.mark.parametrize("init", sorted(COURSE_SCALES))
@pytest.mark.parametrize("seed", [3, 1])
def test_initialization_matches_course_notebooks(init, seed):
    net = Network(DIMS, init=init, init_scale=10, seed=seed)
    rng = np.random.RandomState(seed)  # np.random.seed(seed) in the notebooks
    assert list(net.params) == ["W1", "b1", "W2", "b2", "W3", "b3"]
    for l in range(1, len(DIMS)):
        n, n_prev = DIMS[l], DIMS[l - 1]
        expected = rng.randn(n, n_prev) * COURSE_SCALES[init](n_prev, n)
        np.testing.assert_allclose(net.params[f"W{l}"], expected, rtol=1e-14, atol=0)
        np.testing.assert_array_equal(net.params[f"b{l}"], np.zeros((n, 1)))


def test_he_init_seed_3_first_values_by_hand():
    net = Network(DIMS, init="he", seed=3)
    # np.random.seed(3); np.random.randn() == 1.78862847..., scaled by √(2/2) = 1 for W1.
    assert net.params["W1"][0, 0] == pytest.approx(1.788628473430318, rel=1e-12)
    assert net.params["W1"].shape == (10, 2)
    # W2 continues the same stream after the 20 numbers of W1, scaled by √(2/10).
    stream = np.random.RandomState(3).randn(20 + 50)
    assert net.params["W2"][0, 0] == pytest.approx(stream[20] * np.sqrt(0.2), rel=1e-12)


def test_random_init_default_scale_and_zero_init():
    small = Network(DIMS, init="random", seed=3)  # init_scale defaults to 0.01
    expected = np.random.RandomState(3).randn(10, 2) * 0.01
    np.testing.assert_allclose(small.params["W1"], expected, rtol=1e-14)
    zeros = Network(DIMS, init="zeros", seed=3)
    assert not zeros.params.flat.any()
    assert all(not v.any() for v in zeros.params.values())


def test_same_seed_same_weights_different_seed_different_weights():
    a, b, c = Network(DIMS, seed=7), Network(DIMS, seed=7), Network(DIMS, seed=8)
    np.testing.assert_array_equal(a.params.flat, b.params.flat)
    assert not np.allclose(a.params["W1"], c.params["W1"])


def test_batch_norm_parameters_initialization():
    net = Network(DIMS, init="he", seed=3, batch_norm=True)
    assert list(net.params) == ["W1", "gamma1", "beta1", "W2", "gamma2", "beta2", "W3", "b3"]
    rng = np.random.RandomState(3)
    for l in range(1, 4):
        n, n_prev = DIMS[l], DIMS[l - 1]
        expected = rng.randn(n, n_prev) * np.sqrt(2.0 / n_prev)
        np.testing.assert_allclose(net.params[f"W{l}"], expected, rtol=1e-14)
    for l in (1, 2):
        np.testing.assert_array_equal(net.params[f"gamma{l}"], np.ones((DIMS[l], 1)))
        np.testing.assert_array_equal(net.params[f"beta{l}"], np.zeros((DIMS[l], 1)))
        assert f"b{l}" not in net.params
        np.testing.assert_array_equal(net.running_mean[l], np.zeros((DIMS[l], 1)))
        np.testing.assert_array_equal(net.running_var[l], np.ones((DIMS[l], 1)))
    np.testing.assert_array_equal(net.params["b3"], np.zeros((1, 1)))


# ----------------------------------------------------------------------------- forward
def test_forward_shapes_sigmoid_and_softmax():
    X = np.random.RandomState(0).randn(2, 7)
    AL = Network(DIMS).forward(X)
    assert AL.shape == (1, 7)
    assert np.all((AL > 0) & (AL < 1))
    soft = Network([2, 10, 5, 4], output="softmax")
    AL = soft.forward(X)
    assert AL.shape == (4, 7)
    assert np.all(AL > 0)
    np.testing.assert_allclose(AL.sum(axis=0), np.ones(7), rtol=1e-12)


@pytest.mark.parametrize("activation", sorted(HAND_ACTIVATIONS))
def test_forward_against_hand_written_two_layer_sigmoid(activation):
    net = Network([3, 4, 1], hidden_activation=activation, seed=1)
    p = _random_params(net, seed=2)
    X = np.random.RandomState(3).randn(3, 6)
    A1 = HAND_ACTIVATIONS[activation](p["W1"] @ X + p["b1"])
    expected = _sigmoid(p["W2"] @ A1 + p["b2"])
    np.testing.assert_allclose(net.forward(X), expected, rtol=1e-12)
    # Without dropout or batch norm training mode computes the same thing.
    np.testing.assert_allclose(net.forward(X, training=True), expected, rtol=1e-12)


@pytest.mark.parametrize("activation", ["relu", "tanh"])
def test_forward_against_hand_written_two_layer_softmax(activation):
    net = Network([3, 4, 3], hidden_activation=activation, output="softmax", seed=1)
    p = _random_params(net, seed=4)
    X = np.random.RandomState(5).randn(3, 6)
    A1 = HAND_ACTIVATIONS[activation](p["W1"] @ X + p["b1"])
    Z2 = p["W2"] @ A1 + p["b2"]
    expected = np.exp(Z2) / np.exp(Z2).sum(axis=0)
    np.testing.assert_allclose(net.forward(X), expected, rtol=1e-12)


def test_forward_accepts_int_and_list_input():
    net = Network([2, 3, 1])
    X = np.array([[1, 2, 0], [0, -1, 3]])
    np.testing.assert_allclose(net.forward(X), net.forward(X.astype(float)))
    np.testing.assert_allclose(net.forward(X.tolist()), net.forward(X.astype(float)))


# ----------------------------------------------------------------------------- cost
def _tiny_net() -> Network:
    """[2, 1, 1]: W1 = [[1, -2]], W2 = [[3]] so Σ‖W‖² = 14 and Σ|W| = 6."""
    net = Network([2, 1, 1])
    net.params["W1"] = [[1.0, -2.0]]
    net.params["W2"] = [[3.0]]
    return net


@pytest.mark.parametrize(
    ("lambd", "l1", "penalty"),
    [(0.0, 0.0, 0.0), (0.5, 0.0, 0.5 / 4 * 14), (0.0, 0.5, 0.5 / 4 * 6), (0.5, 2.0, 1.75 + 3.0)],
)
def test_cost_by_hand_with_l2_and_l1(lambd, l1, penalty):
    net = _tiny_net()
    AL = np.array([[0.8, 0.4]])
    Y = np.array([[1, 0]])
    cross_entropy = -(np.log(0.8) + np.log(0.6)) / 2
    assert net.cost(AL, Y, lambd=lambd, l1=l1) == pytest.approx(cross_entropy + penalty, rel=1e-12)


@pytest.mark.parametrize("lambd", [0.0, 0.3])
@pytest.mark.parametrize("l1", [0.0, 0.2])
def test_cost_against_formula_sigmoid(lambd, l1):
    net = Network(DIMS, seed=2)
    rng = np.random.RandomState(0)
    X, Y = rng.randn(2, 9), rng.randint(0, 2, (1, 9))
    AL = net.forward(X)
    m = 9
    W = [net.params[f"W{l}"] for l in (1, 2, 3)]
    expected = -np.mean(Y * np.log(AL) + (1 - Y) * np.log(1 - AL))
    expected += lambd / (2 * m) * sum(np.sum(w**2) for w in W)
    expected += l1 / (2 * m) * sum(np.sum(np.abs(w)) for w in W)
    assert net.cost(AL, Y, lambd, l1) == pytest.approx(expected, rel=1e-12)


def test_cost_against_formula_softmax():
    net = Network([2, 6, 4], output="softmax", seed=2)
    rng = np.random.RandomState(1)
    X, Y = rng.randn(2, 11), rng.randint(0, 4, (1, 11))
    AL = net.forward(X)
    onehot = np.eye(4)[Y[0]].T
    expected = -np.sum(onehot * np.log(AL)) / 11
    expected += 0.7 / 22 * (np.sum(net.params["W1"] ** 2) + np.sum(net.params["W2"] ** 2))
    assert net.cost(AL, Y, lambd=0.7) == pytest.approx(expected, rel=1e-12)
    # float labels holding integers are accepted
    assert net.cost(AL, Y.astype(float), lambd=0.7) == pytest.approx(expected, rel=1e-12)


def test_cost_of_certain_wrong_prediction_is_clipped():
    net = Network([2, 3, 1])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        cost = net.cost(np.array([[1.0, 0.0]]), np.array([[0, 1]]))
    assert cost == pytest.approx(-np.log(PROB_CLIP), rel=1e-9)
    soft = Network([2, 3, 3], output="softmax")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        cost = soft.cost(np.array([[1.0], [0.0], [0.0]]), np.array([[2]]))
    assert cost == pytest.approx(-np.log(PROB_CLIP), rel=1e-9)
    right = soft.cost(np.array([[1.0], [0.0], [0.0]]), np.array([[0]]))
    assert right == pytest.approx(0, abs=1e-12)


@pytest.mark.parametrize("output", ["sigmoid", "softmax"])
@pytest.mark.parametrize("activation", ["relu", "tanh", "sigmoid", "linear"])
def test_saturated_network_has_large_finite_cost_without_warnings(output, activation):
    dims = [2, 10, 5, 1 if output == "sigmoid" else 3]
    n_classes = 2 if output == "sigmoid" else 3
    rng = np.random.RandomState(0)
    X = rng.randn(2, 50) * 3
    Y = rng.randint(0, n_classes, (1, 50))
    net = Network(dims, activation, output, init="random", init_scale=1000, seed=1)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        AL = net.forward(X)
        cost = net.cost(AL, Y, lambd=0.1, l1=0.1)
        AL_train = net.forward(X, training=True)
        grads = net.backward(Y, lambd=0.1, l1=0.1)
    assert np.isfinite(AL).all() and np.isfinite(AL_train).all()
    assert np.isfinite(cost)
    assert np.isfinite(grads.flat).all()
    # cross-entropy of a saturated net is large (a well-initialized net is near log 2 / log 3)
    cross_entropy = net.cost(AL, Y)
    assert 2.0 < cross_entropy <= -np.log(PROB_CLIP) + 1e-9
    assert cost > cross_entropy  # the penalty of 1000-scale weights is added


# ----------------------------------------------------------------------------- predict
def test_predict_sigmoid_by_hand():
    net = Network([1, 1, 1], hidden_activation="linear")
    net.params = {"W1": [[1.0]], "b1": [[0.0]], "W2": [[1.0]], "b2": [[0.0]]}
    X = np.array([[-2.0, -0.1, 0.0, 0.1, 3.0]])
    labels = net.predict(X)
    np.testing.assert_array_equal(labels, [[0, 0, 0, 1, 1]])  # a = 0.5 at x = 0 → 0 (a > 0.5)
    assert labels.shape == (1, 5)
    assert labels.dtype.kind == "i"


def test_predict_softmax_by_hand():
    net = Network([2, 2, 3], hidden_activation="linear", output="softmax")
    net.params["W1"] = np.eye(2)
    net.params["W2"] = [[1.0, 0.0], [0.0, 1.0], [-1.0, -1.0]]
    X = np.array([[1.0, 0.0, -1.0, 2.0], [0.0, 1.0, -1.0, 3.0]])
    labels = net.predict(X)
    np.testing.assert_array_equal(labels, [[0, 1, 2, 1]])
    assert labels.shape == (1, 4)
    np.testing.assert_array_equal(labels, net.forward(X).argmax(axis=0)[None, :])


# ----------------------------------------------------------------------------- dropout
def _one_unit_chain(keep_probs, n_hidden: int) -> Network:
    """1 → 1 → … → 1 linear chain with weights 1 and biases 0: logit(AL) = Π D_l / keep_l."""
    net = Network([1] * (n_hidden + 1) + [1], "linear", keep_probs=keep_probs, seed=5)
    net.params = {k: np.ones_like(v) if k.startswith("W") else 0 * v for k, v in net.params.items()}
    return net


def test_dropout_only_in_training_mode():
    X = np.random.RandomState(0).randn(2, 40)
    plain = Network(DIMS, seed=4)
    dropped = Network(DIMS, seed=4, keep_probs=0.5)
    np.testing.assert_array_equal(plain.params.flat, dropped.params.flat)
    np.testing.assert_array_equal(dropped.forward(X), plain.forward(X))
    np.testing.assert_array_equal(dropped.forward(X), dropped.forward(X))
    assert not np.allclose(dropped.forward(X, training=True), plain.forward(X))
    # a new mask every training pass
    assert not np.allclose(dropped.forward(X, training=True), dropped.forward(X, training=True))


@pytest.mark.parametrize("keep", [0.8, 0.5, 0.2])
def test_inverted_dropout_single_unit_by_hand(keep):
    net = _one_unit_chain([keep], n_hidden=1)
    m = 20_000
    Z = _logit(net.forward(np.ones((1, m)), training=True))[0]
    np.testing.assert_allclose(_logit(net.forward(np.ones((1, m)))), 1.0, rtol=1e-9)
    kept = np.isclose(Z, 1.0 / keep, rtol=1e-6)
    dropped = np.isclose(Z, 0.0, atol=1e-9)
    assert np.all(kept | dropped)  # each activation is either 0 or a / keep_prob
    assert kept.mean() == pytest.approx(keep, abs=4 * np.sqrt(keep * (1 - keep) / m))
    assert Z.mean() == pytest.approx(1.0, abs=0.03)  # expected activation preserved


def test_inverted_dropout_preserves_expected_activation_of_wide_layer():
    net = Network([3, 30, 1], "tanh", keep_probs=0.5, seed=1)
    X = np.random.RandomState(2).randn(3, 8)
    reference = _logit(net.forward(X))
    trials = np.array([_logit(net.forward(X, training=True)) for _ in range(3000)])
    # the output logit is linear in A1, so E[logit with dropout] = logit without dropout
    spread = trials.std(axis=0) / np.sqrt(len(trials))
    assert np.all(np.abs(trials.mean(axis=0) - reference) < 5 * spread)
    assert np.all(trials.std(axis=0) > 0.05)  # and dropout really is happening


def test_keep_probs_one_is_a_no_op():
    X = np.random.RandomState(0).randn(2, 30)
    plain = Network(DIMS, seed=4)
    for keep in (1.0, 1, [1.0, 1.0]):
        net = Network(DIMS, seed=4, keep_probs=keep)
        assert net.keep_probs == [1.0, 1.0]
        np.testing.assert_array_equal(net.forward(X, training=True), plain.forward(X))
    assert Network(DIMS, keep_probs=0.8).keep_probs == [0.8, 0.8]


@pytest.mark.parametrize(
    ("keep_probs", "value", "fraction"),
    [([0.5, 1.0], 2.0, 0.5), ([1.0, 0.25], 4.0, 0.25), ([0.5, 0.25], 8.0, 0.125)],
)
def test_per_layer_keep_probs(keep_probs, value, fraction):
    net = _one_unit_chain(keep_probs, n_hidden=2)
    assert net.keep_probs == keep_probs
    m = 20_000
    Z = _logit(net.forward(np.ones((1, m)), training=True))[0]
    kept = np.isclose(Z, value, rtol=1e-6)
    assert np.all(kept | np.isclose(Z, 0.0, atol=1e-9))
    assert kept.mean() == pytest.approx(fraction, abs=4 * np.sqrt(fraction / m))


def test_dropout_backward_uses_the_same_mask():
    """With keep_prob on a 1-unit chain, dW2 is 0 exactly where the unit was dropped."""
    net = _one_unit_chain([0.5], n_hidden=1)
    X, Y = np.ones((1, 400)), np.ones((1, 400), dtype=int)
    Z = _logit(net.forward(X, training=True))[0]
    grads = net.backward(Y)
    AL = _sigmoid(Z)
    m = 400
    # dW2 = Σ (a - y) A1 / m with A1 = D / keep ∈ {0, 2}; db1 = Σ (a - y) W2 D / keep / m
    expected_dW2 = np.sum((AL - 1) * Z) / m
    assert grads["dW2"][0, 0] == pytest.approx(expected_dW2, rel=1e-9)
    assert grads["db1"][0, 0] == pytest.approx(expected_dW2, rel=1e-9)  # X = 1, W2 = 1


# ----------------------------------------------------------------------------- batch norm
def _bn_probe(gamma=1.0, beta=0.0, n1=4):
    """Linear hidden layer with batch norm; softmax over [Z̃_1 … Z̃_n1, 0] recovers Z̃ exactly."""
    net = Network([3, n1, n1 + 1], "linear", "softmax", batch_norm=True, seed=2)
    net.params["gamma1"] = np.full((n1, 1), gamma)
    net.params["beta1"] = np.full((n1, 1), beta)
    net.params["W2"] = np.vstack([np.eye(n1), np.zeros((1, n1))])
    return net


def _recover(AL):
    return np.log(AL[:-1]) - np.log(AL[-1:])


def test_batch_norm_normalizes_hidden_pre_activations_in_training():
    net = _bn_probe()
    X = np.random.RandomState(0).randn(3, 64) * 5 + 3
    Z_hat = _recover(net.forward(X, training=True))
    np.testing.assert_allclose(Z_hat.mean(axis=1), 0.0, atol=1e-9)
    Z = net.params["W1"] @ X
    var = Z.var(axis=1)
    np.testing.assert_allclose(Z_hat.var(axis=1), var / (var + BN_EPSILON), rtol=1e-8)
    np.testing.assert_allclose(Z_hat.var(axis=1), 1.0, atol=1e-4)
    # with γ, β: Z̃ = γ Ẑ + β
    net = _bn_probe(gamma=2.0, beta=-1.0)
    Z_tilde = _recover(net.forward(X, training=True))
    np.testing.assert_allclose(Z_tilde.mean(axis=1), -1.0, atol=1e-9)
    np.testing.assert_allclose(Z_tilde.std(axis=1), 2.0, rtol=1e-4)


def test_batch_norm_forward_against_hand_written():
    net = Network([3, 5, 1], "relu", batch_norm=True, seed=3)
    p = _random_params(net, seed=8)
    X = np.random.RandomState(1).randn(3, 20)
    Z1 = p["W1"] @ X
    mu, var = Z1.mean(axis=1, keepdims=True), Z1.var(axis=1, keepdims=True)
    A1 = np.maximum(p["gamma1"] * (Z1 - mu) / np.sqrt(var + BN_EPSILON) + p["beta1"], 0)
    expected = _sigmoid(p["W2"] @ A1 + p["b2"])
    np.testing.assert_allclose(net.forward(X, training=True), expected, rtol=1e-11)
    # inference uses the running averages: after one step μ_run = 0.1 μ, σ²_run = 0.9 + 0.1 σ²
    rm, rv = (1 - BN_MOMENTUM) * mu, BN_MOMENTUM + (1 - BN_MOMENTUM) * var
    np.testing.assert_allclose(net.running_mean[1], rm, rtol=1e-12)
    np.testing.assert_allclose(net.running_var[1], rv, rtol=1e-12)
    A1 = np.maximum(p["gamma1"] * (Z1 - rm) / np.sqrt(rv + BN_EPSILON) + p["beta1"], 0)
    np.testing.assert_allclose(net.forward(X), _sigmoid(p["W2"] @ A1 + p["b2"]), rtol=1e-11)


def test_batch_norm_running_statistics_are_an_ewma_of_batch_statistics():
    assert BN_MOMENTUM == 0.9
    net = Network([3, 4, 4, 1], "tanh", batch_norm=True, seed=1)
    X = np.random.RandomState(0).randn(3, 50) * 2 + 1
    Z1 = net.params["W1"] @ X
    mu, var = Z1.mean(axis=1, keepdims=True), Z1.var(axis=1, keepdims=True)
    net.forward(X, training=True)
    net.forward(X, training=True)
    # two steps from μ_run = 0, σ²_run = 1: 0.19 μ and 0.81 + 0.19 σ²
    np.testing.assert_allclose(net.running_mean[1], 0.19 * mu, rtol=1e-12)
    np.testing.assert_allclose(net.running_var[1], 0.81 + 0.19 * var, rtol=1e-12)
    for _ in range(300):
        net.forward(X, training=True)
    np.testing.assert_allclose(net.running_mean[1], mu, rtol=1e-9, atol=1e-12)
    np.testing.assert_allclose(net.running_var[1], var, rtol=1e-9)
    # inference does not move them
    before = {l: v.copy() for l, v in net.running_mean.items()}
    net.forward(X)
    for l in before:
        np.testing.assert_array_equal(net.running_mean[l], before[l])


def test_batch_norm_inference_uses_running_statistics():
    net = Network([3, 6, 3], "relu", "softmax", batch_norm=True, seed=4)
    X = np.random.RandomState(0).randn(3, 40) * 3 + 2
    net.forward(X, training=True)
    eval_full = net.forward(X)
    train_full = net.forward(X, training=True)
    assert not np.allclose(eval_full, train_full)
    eval_full = net.forward(X)
    # inference: each example's output does not depend on the rest of the batch
    np.testing.assert_allclose(net.forward(X[:, :5]), eval_full[:, :5], rtol=1e-12)
    np.testing.assert_allclose(net.forward(X[:, 7:8]), eval_full[:, 7:8], rtol=1e-12)
    shuffled = np.random.RandomState(1).permutation(40)
    np.testing.assert_allclose(net.forward(X[:, shuffled]), eval_full[:, shuffled], rtol=1e-12)
    # training: the batch statistics do depend on the batch
    probe = Network([3, 6, 3], "relu", "softmax", batch_norm=True, seed=4)
    assert not np.allclose(probe.forward(X[:, :5], training=True), train_full[:, :5])


def test_batch_norm_backward_returns_gamma_beta_gradients():
    net = Network(DIMS, batch_norm=True, seed=1)
    X = np.random.RandomState(0).randn(2, 12)
    Y = np.random.RandomState(1).randint(0, 2, (1, 12))
    net.forward(X, training=True)
    grads = net.backward(Y)
    assert list(grads) == ["d" + k for k in net.params]
    assert "db1" not in grads and "db3" in grads
    # β shifts Z̃ like a bias would: dβ_l = Σ_i dZ̃_l; for the output layer db = Σ (a − y)/m
    AL = net.forward(X, training=True)
    grads = net.backward(Y)
    assert grads["db3"][0, 0] == pytest.approx(np.mean(AL - Y), rel=1e-12)


# ----------------------------------------------------------------------------- params
def test_param_assignment_copies_into_the_flat_buffer():
    net = Network(DIMS, seed=0)
    new = np.arange(20.0).reshape(10, 2)
    net.params["W1"] = new
    np.testing.assert_array_equal(net.params.flat[:20], np.arange(20.0))
    new[0, 0] = 99.0  # the caller's array is not aliased
    assert net.params["W1"][0, 0] == 0.0
    net.params["b1"] = np.full((10, 1), 2.5)
    np.testing.assert_array_equal(net.params.flat[20:30], 2.5)
    assert np.shares_memory(net.params["W2"], net.params.flat)
    net.params.flat[30] = -7.0  # and the other way round
    assert net.params["W2"][0, 0] == -7.0
    expected = np.concatenate([v.ravel() for v in net.params.values()])
    np.testing.assert_array_equal(net.params.flat, expected)
    assert net.params.flat.size == 10 * 2 + 10 + 5 * 10 + 5 + 1 * 5 + 1


def test_param_assignment_changes_the_forward_pass():
    net = Network([2, 3, 1], seed=0)
    X = np.random.RandomState(0).randn(2, 4)
    net.params["b2"] = [[100.0]]
    np.testing.assert_allclose(net.forward(X), 1.0)


def test_param_errors():
    net = Network(DIMS)
    with pytest.raises(ValueError, match="W1"):
        net.params["W1"] = np.zeros((2, 10))
    with pytest.raises(KeyError, match="W9"):
        net.params["W9"] = np.zeros((1, 1))
    with pytest.raises(TypeError):
        del net.params["W1"]
    with pytest.raises(TypeError):
        net.params.pop("W1")
    with pytest.raises(ValueError, match="missing"):
        net.params = {"W1": np.zeros((10, 2))}
    assert list(net.params) == ["W1", "b1", "W2", "b2", "W3", "b3"]


def test_params_setter_and_snapshot():
    net = Network(DIMS, seed=0)
    snap = net.params.snapshot()
    assert isinstance(snap, dict) and list(snap) == list(net.params)
    net.params["W1"] = np.zeros((10, 2))
    assert snap["W1"].any()  # the snapshot is independent
    net.params = snap
    np.testing.assert_array_equal(net.params["W1"], snap["W1"])
    assert not np.shares_memory(net.params["W1"], snap["W1"])


def test_copy_is_independent():
    net = Network(DIMS, seed=0, batch_norm=True, keep_probs=0.7)
    X = np.random.RandomState(0).randn(2, 16)
    Y = np.random.RandomState(1).randint(0, 2, (1, 16))
    net.forward(X, training=True)
    twin = net.copy()
    np.testing.assert_array_equal(twin.params.flat, net.params.flat)
    assert not np.shares_memory(twin.params.flat, net.params.flat)
    assert np.shares_memory(twin.params["W1"], twin.params.flat)  # views rebuilt
    np.testing.assert_array_equal(twin.running_mean[1], net.running_mean[1])
    # same dropout RNG state: the next training passes agree
    np.testing.assert_array_equal(twin.forward(X, training=True), net.forward(X, training=True))
    W1 = net.params["W1"].copy()
    twin.params["W1"] = -2 * W1
    twin.forward(X * 10, training=True)
    GradientDescent(0.5).update(twin.params, twin.backward(Y))
    np.testing.assert_array_equal(net.params["W1"], W1)
    assert not np.allclose(twin.running_mean[1], net.running_mean[1])
    assert not np.allclose(twin.params["W3"], net.params["W3"])
    assert repr(twin) == repr(net)


def _assert_equal_values(value, expected, name):
    if isinstance(value, dict):
        assert value.keys() == expected.keys(), name
        for key in value:
            _assert_equal_values(value[key], expected[key], f"{name}[{key!r}]")
    elif isinstance(value, np.ndarray):
        np.testing.assert_array_equal(value, expected, err_msg=name)
    elif isinstance(value, np.random.RandomState):
        np.testing.assert_array_equal(value.get_state()[1], expected.get_state()[1], name)
    elif isinstance(value, list) and name.startswith("_"):  # per-layer views, rebuilt
        assert len(value) == len(expected), name
    else:
        assert value == expected or value is expected, name


def test_copy_matches_deepcopy_field_by_field():
    """``copy`` is built field by field; every field must equal ``deepcopy``'s and share no
    mutable object with the original (a field added to Network later fails here until ``copy``
    handles it)."""
    net = Network(DIMS, seed=3, batch_norm=True, keep_probs=0.7)
    net.dropout_rng.rand(5)
    twin, reference = net.copy(), copy.deepcopy(net)
    assert twin.__dict__.keys() == reference.__dict__.keys()
    for name, value in twin.__dict__.items():
        _assert_equal_values(value, reference.__dict__[name], name)
        if isinstance(value, list | dict | np.ndarray | np.random.RandomState):
            assert value is not net.__dict__[name], name
    np.testing.assert_array_equal(twin._params.offsets, net._params.offsets)
    assert twin._grads.mirrors is twin._params
    for view in [*twin.params.values(), *twin._W[1:]]:
        assert np.shares_memory(view, twin.params.flat)


def test_repr():
    assert repr(Network(DIMS)) == "Network [2, 10, 5, 1] relu→sigmoid, he init"
    net = Network([2, 8, 3], "tanh", "softmax", init="xavier", keep_probs=0.8, batch_norm=True)
    assert repr(net) == (
        "Network [2, 8, 3] tanh→softmax, xavier init, dropout keep_probs=[0.8], batch norm"
    )


def test_n_classes():
    assert Network(DIMS).n_classes == 2
    assert Network([2, 4, 5], output="softmax").n_classes == 5


def test_backward_without_training_forward_raises():
    net = Network(DIMS)
    with pytest.raises(ValueError, match="forward"):
        net.backward(np.zeros((1, 3), dtype=int))
    net.forward(np.zeros((2, 3)))  # inference does not keep a cache
    with pytest.raises(ValueError, match="forward"):
        net.backward(np.zeros((1, 3), dtype=int))


def test_backward_matches_hand_formula_for_logistic_regression():
    """[n_x, 1, 1] linear hidden collapses to logistic regression; dW2, db2 by hand."""
    net = Network([2, 3, 1], "linear", seed=1)
    p = _random_params(net, seed=3)
    rng = np.random.RandomState(0)
    X, Y = rng.randn(2, 10), rng.randint(0, 2, (1, 10))
    AL = net.forward(X, training=True)
    grads = net.backward(Y, lambd=0.4, l1=0.6)
    A1 = p["W1"] @ X + p["b1"]
    dZ2 = (AL - Y) / 10
    dW2 = dZ2 @ A1.T + 0.4 / 10 * p["W2"] + 0.6 / 20 * np.sign(p["W2"])
    np.testing.assert_allclose(grads["dW2"], dW2, rtol=1e-12)
    np.testing.assert_allclose(grads["db2"], dZ2.sum(axis=1, keepdims=True), rtol=1e-12)
    dZ1 = p["W2"].T @ dZ2
    np.testing.assert_allclose(grads["db1"], dZ1.sum(axis=1, keepdims=True), rtol=1e-12)


# ----------------------------------------------------------------------------- argument errors
@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"layer_dims": [2]}, r"^layer_dims"),
        ({"layer_dims": []}, r"^layer_dims"),
        ({"layer_dims": "2,3,1"}, r"^layer_dims"),
        ({"layer_dims": 5}, r"^layer_dims"),
        ({"layer_dims": [2, 0, 1]}, r"^layer_dims\[1\]"),
        ({"layer_dims": [2, -3, 1]}, r"^layer_dims\[1\]"),
        ({"layer_dims": [0, 3, 1]}, r"^layer_dims\[0\]"),
        ({"layer_dims": [2, 2.5, 1]}, r"^layer_dims\[1\]"),
        ({"layer_dims": [2, MAX_UNITS + 1, 1]}, r"^layer_dims\[1\]"),
        ({"layer_dims": [2] + [3] * MAX_LAYERS + [1]}, r"^layer_dims"),
        ({"layer_dims": [2, 3, 2]}, r"^layer_dims\[-1\].*sigmoid"),
        ({"layer_dims": [2, 3, 1], "output": "softmax"}, r"^layer_dims\[-1\].*softmax"),
        ({"hidden_activation": "swish"}, r"^hidden_activation"),
        ({"output": "relu"}, r"^output"),
        ({"init": "kaiming"}, r"^init\b"),
        ({"init_scale": -1.0}, r"^init_scale"),
        ({"init_scale": 1000.5}, r"^init_scale"),
        ({"init_scale": float("nan")}, r"^init_scale"),
        ({"seed": -1}, r"^seed"),
        ({"keep_probs": [0.5]}, r"^keep_probs"),
        ({"keep_probs": [0.5, 0.5, 0.5]}, r"^keep_probs"),
        ({"keep_probs": 0.0}, r"^keep_probs"),
        ({"keep_probs": 1.5}, r"^keep_probs"),
        ({"keep_probs": [0.5, 0.0]}, r"^keep_probs\[1\]"),
        ({"keep_probs": [-0.5, 1.0]}, r"^keep_probs\[0\]"),
    ],
)
def test_network_argument_errors(kwargs, match):
    args = {"layer_dims": DIMS} | kwargs
    with pytest.raises(ValueError, match=match):
        Network(**args)


def test_network_limits_are_inclusive():
    Network([2] + [3] * (MAX_LAYERS - 1) + [1])  # MAX_LAYERS weight layers
    Network([2, MAX_UNITS, 1])
    Network(DIMS, init="random", init_scale=1000)
    Network(DIMS, init_scale=0)


@pytest.mark.parametrize(
    ("X", "match"),
    [
        (np.zeros((3, 4)), r"^X must have 2 rows"),
        (np.zeros(4), r"^X\b"),
        (np.zeros((2, 0)), r"^X\b"),
        (np.array([[0.0, np.nan], [1.0, 2.0]]), r"^X.*finite"),
        (np.array([[0.0, np.inf], [1.0, 2.0]]), r"^X.*finite"),
    ],
)
def test_forward_argument_errors(X, match):
    net = Network(DIMS)
    for training in (False, True):
        with pytest.raises(ValueError, match=match):
            net.forward(X, training=training)


@pytest.mark.parametrize(
    ("Y", "kwargs", "match"),
    [
        (np.zeros((1, 3), dtype=int), {}, r"^Y must have shape \(1, 4\)"),
        (np.zeros((4,), dtype=int), {}, r"^Y\b"),
        (np.zeros((2, 4), dtype=int), {}, r"^Y\b"),
        (np.array([[0, 1, 2, 1]]), {}, r"^Y.*0\.\.1"),
        (np.array([[0, 1, -1, 1]]), {}, r"^Y.*0\.\.1"),
        (np.array([[0, 1, 0.5, 1]]), {}, r"^Y\b"),
        (np.array([["a", "b", "a", "b"]]), {}, r"^Y\b"),
        (np.array([[0, 1, 0, 1]]), {"lambd": -0.1}, r"^lambd"),
        (np.array([[0, 1, 0, 1]]), {"l1": -0.1}, r"^l1"),
        (np.array([[0, 1, 0, 1]]), {"lambd": float("inf")}, r"^lambd"),
    ],
)
def test_cost_and_backward_argument_errors(Y, kwargs, match):
    net = Network(DIMS)
    AL = net.forward(np.zeros((2, 4)), training=True)
    with pytest.raises(ValueError, match=match):
        net.cost(AL, Y, **kwargs)
    with pytest.raises(ValueError, match=match):
        net.backward(Y, **kwargs)


def test_cost_argument_errors_softmax_and_AL():
    net = Network([2, 3, 3], output="softmax")
    AL = net.forward(np.zeros((2, 2)), training=True)
    with pytest.raises(ValueError, match=r"^Y.*0\.\.2"):
        net.cost(AL, np.array([[0, 3]]))
    with pytest.raises(ValueError, match=r"^Y.*0\.\.2"):
        net.backward(np.array([[3, 0]]))
    with pytest.raises(ValueError, match=r"^AL must have 3 rows"):
        net.cost(np.full((2, 2), 0.5), np.array([[0, 1]]))
    with pytest.raises(ValueError, match=r"^AL.*finite"):
        net.cost(np.array([[np.nan, 0.5], [0.5, 0.5], [0.0, 0.0]]), np.array([[0, 1]]))


def test_the_inference_digest_names_what_prediction_depends_on() -> None:
    net = Network([2, 4, 1], seed=3)
    same = Network([2, 4, 1], seed=3, keep_probs=0.5)  # dropout: not at inference
    assert net.inference_digest() == same.inference_digest()
    assert Network([2, 4, 1], seed=4).inference_digest() != net.inference_digest()
    assert Network([2, 4, 1], "tanh", seed=3).inference_digest() != net.inference_digest()
    same.params["b1"] = same.params["b1"] + 1e-9
    assert same.inference_digest() != net.inference_digest()
    normed = Network([2, 4, 1], seed=3, batch_norm=True)
    before = normed.inference_digest()
    normed.forward(np.ones((2, 5)), training=True)  # updates the running μ and σ²
    assert normed.inference_digest() != before
