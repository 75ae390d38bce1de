"""Vanishing / exploding gradients: per-layer norms against aˡ and a backprop by hand."""

from __future__ import annotations

import math

import numpy as np
import pytest

from playground.engine.nn import Network
from playground.engine.settings import ALL
from playground.topics.vanishing_gradients import figures as plots
from playground.topics.vanishing_gradients import model as depth


def batch(n: int, m: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """The batch signal_norms draws: X ~ N(0, 1) then random labels, from RandomState(seed)."""
    rng = np.random.RandomState(seed)
    return rng.randn(n, m), rng.randint(0, 2, size=(1, m))


def test_identity_network_by_hand():
    """L = 3, n = 2, m = 4, g(z) = z: forward and backward written out step by step."""
    a, n, m = 1.5, 2, 4
    result = depth.signal_norms([n, n, n, 1], "linear", identity_scale=a, seed=5, m=m)
    X, Y = batch(n, m, 5)
    W = a * np.eye(n)
    w3 = np.full((1, n), a / np.sqrt(n))
    A1 = W @ X
    A2 = W @ A1
    A3 = 1 / (1 + np.exp(-(w3 @ A2)))
    dZ3 = (A3 - Y) / m
    dZ2 = w3.T @ dZ3
    dZ1 = W.T @ dZ2
    np.testing.assert_allclose(
        result.activations, [np.linalg.norm(M) for M in (X, A1, A2)], rtol=1e-12
    )
    np.testing.assert_allclose(
        result.grad_b, [np.linalg.norm(dZ.sum(axis=1)) for dZ in (dZ1, dZ2, dZ3)], rtol=1e-12
    )
    np.testing.assert_allclose(
        result.grad_W,
        [np.linalg.norm(dZ1 @ X.T), np.linalg.norm(dZ2 @ A1.T), np.linalg.norm(dZ3 @ A2.T)],
        rtol=1e-12,
    )
    assert result.output == pytest.approx(np.linalg.norm(A3 - 0.5))
    assert result.L == 3


@pytest.mark.parametrize("a", [0.5, 0.9, 1.0, 1.5])
def test_a_linear_identity_network_scales_like_a_to_the_l(a):
    L = 30
    result = depth.identity_network(L, 8, a, "linear", seed=1)
    X, _ = batch(8, depth.BATCH, 1)
    layers = np.arange(L)
    np.testing.assert_allclose(result.activations, a**layers * np.linalg.norm(X), rtol=1e-10)
    # Backward: ‖db[l]‖ = a^(L−1−l) ‖db[L−1]‖; weights: every hidden ‖dW[l]‖ is the same.
    back = np.arange(1, L)
    np.testing.assert_allclose(result.grad_b[:-1], a ** (L - 1 - back) * result.grad_b[-2])
    np.testing.assert_allclose(result.grad_W[:-1], result.grad_W[0], rtol=1e-10)
    assert depth.gain_per_layer(result.activations) == pytest.approx(a)


def test_relu_identity_network_scales_like_a_after_the_first_layer():
    a, L = 1.5, 20
    result = depth.identity_network(L, 16, a, "relu", seed=2)
    X, _ = batch(16, depth.BATCH, 2)
    assert result.activations[1] == pytest.approx(a * np.linalg.norm(np.maximum(X, 0)))
    np.testing.assert_allclose(
        result.activations[1:], result.activations[1] * a ** np.arange(L - 1), rtol=1e-10
    )
    np.testing.assert_allclose(
        result.grad_b[:-1], result.grad_b[-2] * a ** (L - 1 - np.arange(1, L)), rtol=1e-10
    )


def test_one_point_five_to_the_fiftieth_explodes_and_a_half_vanishes():
    up = depth.identity_network(50, 4, 1.5, "linear")
    down = depth.identity_network(50, 4, 0.5, "linear")
    assert up.activations[-1] / up.activations[0] == pytest.approx(1.5**49, rel=1e-9)
    assert down.activations[-1] / down.activations[0] == pytest.approx(0.5**49, rel=1e-9)
    assert up.grad_b[0] / up.grad_b[-2] == pytest.approx(1.5**48, rel=1e-9)


def test_signal_norms_match_the_networks_own_layer_norms():
    dims = depth.deep_dims(12, 8)
    result = depth.signal_norms(dims, "tanh", "xavier", seed=4)
    net = Network(dims, hidden_activation="tanh", init="xavier", seed=4)
    X, Y = batch(8, depth.BATCH, 4)
    net.forward(X, training=True)
    net.backward(Y)
    _, grad_norms = net.layer_norms()
    np.testing.assert_allclose(result.grad_W, grad_norms, rtol=1e-12)


@pytest.mark.parametrize(
    ("activation", "flat", "low", "high"),
    [("relu", "he", 0.85, 1.1), ("relu", "xavier", 0.6, 0.8), ("tanh", "xavier", 0.9, 1.02)],
)
def test_the_matching_init_keeps_the_signal_flat(activation, flat, low, high):
    results = depth.compare_inits(30, 32, activation, 0.01, seed=0)
    assert low < depth.gain_per_layer(results[flat].activations[1:]) < high
    # Random × 0.01 shrinks it by far more: about 0.01·√(n·c) per layer.
    assert depth.gain_per_layer(results["random"].activations[1:]) < 0.1


def test_he_relu_gradients_stay_flat_and_xavier_relu_gradients_vanish():
    results = depth.compare_inits(30, 32, "relu", 0.01, seed=0)
    he_back = 1 / depth.gain_per_layer(results["he"].grad_b[:-1])
    xavier_back = 1 / depth.gain_per_layer(results["xavier"].grad_b[:-1])
    assert 0.85 < he_back < 1.15
    assert xavier_back < 0.8


def test_inits_differ_by_their_scale_alone():
    n = 16
    results = depth.compare_inits(10, n, "relu", init_scale=math.sqrt(2 / n), seed=3)
    np.testing.assert_allclose(results["random"].activations, results["he"].activations)
    np.testing.assert_allclose(results["random"].grad_W, results["he"].grad_W)
    assert list(results) == list(depth.COMPARED_INITS)


def test_huge_norms_stay_finite():
    # Gain ≈ 50·√32 ≈ 280 per layer: the signal reaches ~1e120 at layer 49.
    results = depth.compare_inits(50, 32, "linear", 50.0, seed=0, inits=("random",))
    norms = results["random"]
    assert np.isfinite(norms.activations).all() and norms.activations[-1] > 1e100
    assert np.isfinite(norms.grad_W).all() and norms.grad_W.max() > 1e100
    # The norm never squares an entry as is: 1e200² would overflow float64.
    assert depth._norm(np.full((2, 2), 1e200)) == pytest.approx(2e200)
    assert depth._norm(np.zeros((3, 3))) == 0.0
    assert depth._norm(np.array([[1.0, np.inf]])) == np.inf
    assert depth._norm(np.array([[3.0, -4.0]])) == pytest.approx(5.0)


def test_underflow_gives_zero_and_the_gain_skips_it():
    result = depth.compare_inits(50, 2, "linear", 0.001, seed=0, inits=("random",))["random"]
    assert (result.grad_W >= 0).all() and result.activations[-1] < 1e-140
    assert depth.gain_per_layer(np.array([0.0, 1.0, 2.0, 4.0, np.nan])) == pytest.approx(2.0)


def test_gain_per_layer_is_the_geometric_mean_factor():
    assert depth.gain_per_layer(np.array([1.0, 2.0, 4.0, 8.0])) == pytest.approx(2.0)
    assert depth.gain_per_layer(np.array([3.0, 0.3])) == pytest.approx(0.1)
    assert math.isnan(depth.gain_per_layer(np.array([0.0, 5.0])))
    with pytest.raises(ValueError, match="norms"):
        depth.gain_per_layer(np.ones((2, 2)))


def test_weight_variance_is_the_init_scale_squared():
    assert depth.weight_variance("he", 16) == pytest.approx(2 / 16)
    assert depth.weight_variance("xavier", 16) == pytest.approx(1 / 16)
    assert depth.weight_variance("glorot", 16) == pytest.approx(1 / 16)
    assert depth.weight_variance("random", 16, 0.01) == pytest.approx(1e-4)
    assert depth.weight_variance("zeros", 16) == 0.0


@pytest.mark.parametrize(
    ("call", "name"),
    [
        (lambda: depth.signal_norms("abc"), "layer_dims"),
        (lambda: depth.signal_norms([4, 1]), "layer_dims"),
        (lambda: depth.signal_norms([4] * 62 + [1]), "layer_dims"),
        (lambda: depth.signal_norms([4, 4, 2]), "layer_dims"),
        (lambda: depth.signal_norms([4, 0, 1]), "layer_dims"),
        (lambda: depth.signal_norms([4, 4, 1], "swish"), "activation"),
        (lambda: depth.signal_norms([4, 4, 1], init="orthogonal"), "init"),
        (lambda: depth.signal_norms([4, 4, 1], init_scale=-1.0), "init_scale"),
        (lambda: depth.signal_norms([4, 4, 1], seed=-1), "seed"),
        (lambda: depth.signal_norms([4, 4, 1], m=0), "m"),
        (lambda: depth.signal_norms([4, 4, 1], m=5000), "m"),
        (lambda: depth.signal_norms([4, 4, 1], identity_scale=0.05), "identity_scale"),
        (lambda: depth.signal_norms([4, 4, 1], identity_scale=3.0), "identity_scale"),
        (lambda: depth.signal_norms([4, 8, 1], identity_scale=1.0), "equal input and hidden"),
        (lambda: depth.identity_network(10, 4, 2.5), "a must be"),
        (lambda: depth.identity_network(10, 4, 1.0, "swish"), "activation"),
        (lambda: depth.compare_inits(10, 4, "relu", seed=-1), "seed"),
        (lambda: depth.deep_dims(1, 4), "depth"),
        (lambda: depth.deep_dims(depth.MAX_DEPTH + 1, 4), "depth"),
        (lambda: depth.deep_dims(10, 0), "width"),
        (lambda: depth.compare_inits(10, 4, inits=("he", "lecun")), "inits"),
        (lambda: depth.weight_variance("lecun", 4), "init"),
        (lambda: depth.weight_variance("he", 0), "width"),
        (lambda: depth.weight_variance("random", 4, -0.1), "init_scale"),
    ],
)
def test_bad_arguments_raise_value_errors_naming_them(call, name):
    with pytest.raises(ValueError, match=name):
        call()


def test_settings_reuse_the_shared_meaning_of_their_keys():
    keys = [s.key for s in depth.SETTINGS]
    assert len(keys) == len(set(keys))
    by_key = {s.key: s for s in depth.SETTINGS}
    assert by_key["iscale"] is ALL["iscale"] and by_key["seed"] is ALL["seed"]
    assert by_key["act"].label == ALL["act"].label
    assert set(ALL["act"].options) < set(by_key["act"].options)
    assert by_key["depth"].high == depth.MAX_DEPTH and by_key["width"].options == depth.WIDTHS


# -- figures -------------------------------------------------------------------------------------


def test_identity_figure_overlays_a_to_the_l():
    result = depth.identity_network(10, 4, 1.5, "linear")
    figure = plots.identity_norms(result.activations, result.grad_b, result.grad_W, 1.5)
    names = [t.name for t in figure.data]
    assert names == ["‖A[l]‖ forward", "∝ aˡ", "‖db[l]‖ backward", "∝ a^(L−1−l)", "‖dW[l]‖"]
    np.testing.assert_allclose(figure.data[1].y, figure.data[0].y, rtol=1e-10)
    np.testing.assert_allclose(figure.data[3].y, figure.data[2].y[:-1], rtol=1e-10)
    assert list(figure.data[2].x) == list(range(1, 11))
    assert figure.layout.yaxis.type == "log" and figure.layout.font.size >= 14


def test_init_figure_draws_two_log_panels_with_gaps_for_zeros():
    results = depth.compare_inits(50, 2, "linear", 0.001, seed=0)
    pairs = {k: (v.activations, v.grad_W) for k, v in results.items()}
    pairs["random"] = (pairs["random"][0], np.zeros_like(pairs["random"][1]))
    figure = plots.init_norms(pairs, "dW")
    assert [t.name for t in figure.data] == [n for n in depth.COMPARED_INITS for _ in (0, 1)]
    assert figure.layout.yaxis.type == "log" and figure.layout.yaxis2.type == "log"
    assert np.isnan(np.asarray(figure.data[1].y, dtype=float)).all()
    assert "‖dW[l]‖" in figure.layout.annotations[1].text
    with pytest.raises(ValueError, match="gradient"):
        plots.init_norms(pairs, "dA")
    with pytest.raises(ValueError, match="results"):
        plots.init_norms({}, "db")
    with pytest.raises(ValueError, match="grad_b"):
        plots.identity_norms(np.ones(5), np.ones(4), np.ones(5), 1.5)
    with pytest.raises(ValueError, match="a must be"):
        plots.identity_norms(np.ones(5), np.ones(5), np.ones(5), 0.0)
