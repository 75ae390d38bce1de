"""BatchedNetwork / train_batched: K stacked models must behave exactly like K single networks.

Every check compares model k of a batched run with ``train(Network(..., seed=seeds[k]), ...)``
run alone with the same learning rate, λ, optimizer β's and inverse-time decay, so the stacked
forward/backward pass and the (K, 1, 1) hyperparameter broadcasting through the shared
optimizer classes are verified against the single-network code path (itself tested elsewhere).
"""

from __future__ import annotations

import numpy as np
import pytest

from playground.engine.batched import MAX_MODELS, BatchedHistory, BatchedNetwork, train_batched
from playground.engine.data import make_dataset
from playground.engine.nn import Network
from playground.engine.optim import make_optimizer
from playground.engine.schedules import make_schedule
from playground.engine.train import train

SEEDS = [3, 11, 7]
EPOCHS = 12
TRAIN_SEED = 5
# Per-model settings: three clearly different models.
LEARNING_RATES = {
    "gd": [0.3, 0.1, 0.05],
    "momentum": [0.3, 0.1, 0.05],
    "nesterov": [0.2, 0.1, 0.05],
    "rmsprop": [0.01, 0.003, 0.02],
    "adagrad": [0.05, 0.1, 0.02],
    "adam": [0.01, 0.003, 0.02],
}
LAMBDAS = [0.0, 0.7, 3.0]
DECAYS = [0.0, 0.2, 1.0]
HYPER = {
    "gd": {},
    "momentum": {"beta": [0.9, 0.5, 0.99]},
    "nesterov": {"beta": [0.9, 0.6, 0.0]},
    "rmsprop": {"beta": [0.9, 0.99, 0.5], "epsilon": [1e-8, 1e-4, 1e-6]},
    "adagrad": {"epsilon": [1e-8, 1e-3, 1e-6]},
    "adam": {"beta1": [0.9, 0.8, 0.0], "beta2": [0.999, 0.9, 0.99]},
}


@pytest.fixture(scope="module")
def moons():
    X, Y = make_dataset("moons", 120, noise=0.2, seed=0)
    X_dev, Y_dev = make_dataset("moons", 60, noise=0.2, seed=1)
    return X, Y, X_dev, Y_dev, [2, 6, 4, 1], "sigmoid"


@pytest.fixture(scope="module")
def spiral():
    X, Y = make_dataset("spiral", 150, noise=0.2, seed=0, n_classes=3)
    X_dev, Y_dev = make_dataset("spiral", 60, noise=0.2, seed=1, n_classes=3)
    return X, Y, X_dev, Y_dev, [2, 8, 3], "softmax"


def single_run(k, data, optimizer, batch_size, hidden="relu", lambdas=LAMBDAS, decays=DECAYS):
    """Model k trained alone by the single-network code path."""
    X, Y, X_dev, Y_dev, dims, output = data
    lr = LEARNING_RATES[optimizer][k]
    hyper = {name: values[k] for name, values in HYPER[optimizer].items()}
    net = Network(dims, hidden, output, seed=SEEDS[k])
    history = train(
        net,
        X,
        Y,
        make_optimizer(optimizer, lr, **hyper),
        EPOCHS,
        batch_size=batch_size,
        lambd=lambdas[k],
        schedule=make_schedule("inverse_time", lr, decays[k]),
        seed=TRAIN_SEED,
        X_dev=X_dev,
        Y_dev=Y_dev,
    )
    return net, history


def batched_run(data, optimizer, batch_size, hidden="relu", lambdas=LAMBDAS, decays=DECAYS):
    X, Y, X_dev, Y_dev, dims, output = data
    net = BatchedNetwork(dims, SEEDS, hidden, output)
    history = train_batched(
        net,
        X,
        Y,
        optimizer,
        LEARNING_RATES[optimizer],
        EPOCHS,
        batch_size=batch_size,
        lambdas=lambdas,
        hyper=HYPER[optimizer],
        decay_rates=decays,
        seed=TRAIN_SEED,
        X_dev=X_dev,
        Y_dev=Y_dev,
    )
    return net, history


def assert_same_model(batched, history, k, net, single_history):
    for key, value in net.params.items():
        np.testing.assert_allclose(batched.params[key][k], value, rtol=1e-10, atol=1e-12)
    arrays = history.as_arrays()
    assert arrays["train_cost"].shape == (EPOCHS, batched.K)
    for name in ("train_cost", "dev_cost", "train_accuracy", "dev_accuracy"):
        np.testing.assert_allclose(
            arrays[name][:, k], getattr(single_history, name), rtol=1e-10, atol=1e-12, err_msg=name
        )


# ------------------------------------------------------------------------------ initialization
@pytest.mark.parametrize(
    "dims, hidden, output, init",
    [
        ([2, 6, 4, 1], "relu", "sigmoid", "he"),
        ([3, 5, 4], "tanh", "softmax", "xavier"),
        ([2, 7, 7, 7, 1], "leaky_relu", "sigmoid", "glorot"),
    ],
)
def test_model_k_starts_from_the_single_networks_weights(dims, hidden, output, init):
    seeds = [0, 1, 42, 7]
    batched = BatchedNetwork(dims, seeds, hidden, output, init)
    assert len(seeds) == batched.K
    for k, seed in enumerate(seeds):
        net = Network(dims, hidden, output, init, seed=seed)
        assert set(batched.params) == set(net.params)
        for key, value in net.params.items():
            assert batched.params[key].shape == (len(seeds), *value.shape)
            np.testing.assert_array_equal(batched.params[key][k], value)


def test_forward_and_model_match_the_single_network(spiral):
    X, _, _, _, dims, output = spiral
    batched = BatchedNetwork(dims, SEEDS, "tanh", output)
    AL = batched.forward(X)
    assert AL.shape == (len(SEEDS), dims[-1], X.shape[1])
    for k, seed in enumerate(SEEDS):
        net = Network(dims, "tanh", output, seed=seed)
        np.testing.assert_allclose(AL[k], net.forward(X), rtol=1e-12, atol=1e-15)
        np.testing.assert_allclose(batched.model(k, net).forward(X), net.forward(X))
    # model() copies: changing the returned network leaves the batched weights alone.
    like = Network(dims, "tanh", output, seed=0)
    single = batched.model(1, like)
    single.params["W1"] = np.zeros_like(single.params["W1"])
    assert np.abs(batched.params["W1"][1]).sum() > 0
    assert np.abs(like.params["W1"]).sum() > 0


# ------------------------------------------------------------------------------ training
@pytest.mark.parametrize("optimizer", ["gd", "momentum", "nesterov", "rmsprop", "adagrad", "adam"])
@pytest.mark.parametrize("batch_size", [None, 32])
def test_train_batched_equals_sequential_runs_sigmoid(moons, optimizer, batch_size):
    batched, history = batched_run(moons, optimizer, batch_size)
    assert not history.cancelled
    np.testing.assert_array_equal(history.diverged_at, 0)
    for k in range(len(SEEDS)):
        net, single = single_run(k, moons, optimizer, batch_size)
        assert single.stopped_reason == "completed"
        assert_same_model(batched, history, k, net, single)


@pytest.mark.parametrize("optimizer", ["momentum", "adam"])
@pytest.mark.parametrize("batch_size", [None, 16])
def test_train_batched_equals_sequential_runs_softmax(spiral, optimizer, batch_size):
    batched, history = batched_run(spiral, optimizer, batch_size)
    for k in range(len(SEEDS)):
        net, single = single_run(k, spiral, optimizer, batch_size)
        assert_same_model(batched, history, k, net, single)


def test_train_batched_equals_sequential_runs_tanh_last_batch_smaller(moons):
    # 120 examples in batches of 50: 50, 50, 20.
    batched, history = batched_run(moons, "adam", 50, hidden="tanh")
    for k in range(len(SEEDS)):
        net, single = single_run(k, moons, "adam", 50, hidden="tanh")
        assert_same_model(batched, history, k, net, single)


def test_the_models_really_differ(moons):
    """The per-model settings matter: equal settings give equal models only with equal seeds."""
    batched, history = batched_run(moons, "adam", 32)
    costs = history.as_arrays()["train_cost"][-1]
    assert len(set(np.round(costs, 8))) == len(SEEDS)


def test_no_dev_set_gives_nan_dev_curves(moons):
    X, Y, _, _, dims, _ = moons
    history = train_batched(BatchedNetwork(dims, SEEDS), X, Y, "adam", [0.01] * 3, 3)
    arrays = history.as_arrays()
    assert np.isnan(arrays["dev_cost"]).all() and np.isnan(arrays["dev_accuracy"]).all()
    assert np.isfinite(arrays["train_cost"]).all()


# ------------------------------------------------------------------------------ dropout
def test_dropout_of_one_model_changes_only_that_model(moons):
    X, Y, _, _, dims, _ = moons

    def run(keep_probs):
        net = BatchedNetwork(dims, SEEDS, keep_probs=keep_probs)
        history = train_batched(net, X, Y, "adam", [0.01] * 3, 8, batch_size=32, seed=1)
        return net, history.as_arrays()["train_cost"]

    plain, plain_cost = run(None)
    dropped, dropped_cost = run([1.0, 0.5, 1.0])
    for k in (0, 2):
        np.testing.assert_array_equal(dropped_cost[:, k], plain_cost[:, k])
        for key in plain.params:
            np.testing.assert_array_equal(dropped.params[key][k], plain.params[key][k])
    assert not np.allclose(dropped_cost[:, 1], plain_cost[:, 1])
    assert not np.allclose(dropped.params["W1"][1], plain.params["W1"][1])
    # Dropout is a training-time thing only: inference is deterministic.
    np.testing.assert_array_equal(dropped.forward(X), dropped.forward(X))


def test_one_model_with_dropout_draws_the_single_networks_masks(moons):
    """With K = 1 the mask RNG (seeded with seeds[0]) draws what Network's dropout RNG draws."""
    X, Y, _, _, dims, _ = moons
    batched = BatchedNetwork(dims, [4], keep_probs=[0.7])
    history = train_batched(batched, X, Y, "adam", [0.01], 6, batch_size=40, seed=2)
    net = Network(dims, seed=4, keep_probs=0.7)
    single = train(net, X, Y, make_optimizer("adam", 0.01), 6, batch_size=40, seed=2)
    np.testing.assert_allclose(history.as_arrays()["train_cost"][:, 0], single.train_cost)
    for key, value in net.params.items():
        np.testing.assert_allclose(batched.params[key][0], value, rtol=1e-10, atol=1e-12)


def test_every_model_with_dropout_draws_its_own_single_networks_masks(moons):
    """Model k's masks come from RandomState(seeds[k]), as Network(seed=seeds[k])'s do."""
    X, Y, X_dev, Y_dev, dims, _ = moons
    keep_probs = [0.7, 1.0, 0.5]
    batched = BatchedNetwork(dims, SEEDS, keep_probs=keep_probs)
    history = train_batched(
        batched, X, Y, "adam", [0.01] * 3, 6, batch_size=40, seed=2, X_dev=X_dev, Y_dev=Y_dev
    )
    for k, seed in enumerate(SEEDS):
        net = Network(dims, seed=seed, keep_probs=keep_probs[k])
        single = train(
            net, X, Y, make_optimizer("adam", 0.01), 6, 40, seed=2, X_dev=X_dev, Y_dev=Y_dev
        )
        np.testing.assert_allclose(history.as_arrays()["train_cost"][:, k], single.train_cost)
        np.testing.assert_allclose(history.as_arrays()["dev_cost"][:, k], single.dev_cost)
        for key, value in net.params.items():
            np.testing.assert_allclose(batched.params[key][k], value, rtol=1e-10, atol=1e-12)


@pytest.mark.parametrize(
    "seeds, keep_probs, position",
    [
        ([11], [0.6], 0),
        ([11, 3], [0.6, 0.5], 0),
        ([3, 11], [1.0, 0.6], 1),
        ([5, 7, 2, 11], [0.9, 0.6, 0.3, 0.6], 3),
    ],
)
def test_a_model_with_dropout_trains_the_same_alone_and_in_any_group(
    moons, seeds, keep_probs, position
):
    """Model (seed 11, keep_prob 0.6, α 0.02) alone, first, or after other models with and
    without dropout: the same costs every epoch (its masks do not depend on its neighbours)."""
    X, Y, X_dev, Y_dev, dims, _ = moons
    rates = [0.005 * (k + 1) for k in range(len(seeds))]
    rates[position] = 0.02
    net = BatchedNetwork(dims, seeds, keep_probs=keep_probs)
    history = train_batched(
        net, X, Y, "adam", rates, 8, batch_size=32, seed=4, X_dev=X_dev, Y_dev=Y_dev
    )
    alone = BatchedNetwork(dims, [11], keep_probs=[0.6])
    reference = train_batched(
        alone, X, Y, "adam", [0.02], 8, batch_size=32, seed=4, X_dev=X_dev, Y_dev=Y_dev
    )
    for name, values in history.as_arrays().items():
        np.testing.assert_allclose(
            values[:, position], reference.as_arrays()[name][:, 0], rtol=1e-12, err_msg=name
        )


@pytest.mark.parametrize("seed", [0, 2**32 - 1])
def test_every_accepted_seed_trains_a_batch_of_models(moons, seed):
    """Seeds 0 and 2³² − 1 for the shuffle and for the models; model k still equals the single
    network trained alone (epoch e shuffles with (seed + e) mod 2³² in both)."""
    X, Y, _, _, dims, _ = moons
    seeds = [2**32 - 1, 0]
    batched = BatchedNetwork(dims, seeds, keep_probs=[0.8, 0.8])
    history = train_batched(batched, X, Y, "gd", [0.1, 0.1], 3, batch_size=32, seed=seed)
    for k, model_seed in enumerate(seeds):
        net = Network(dims, seed=model_seed, keep_probs=0.8)
        single = train(net, X, Y, make_optimizer("gd", 0.1), 3, 32, seed=seed)
        np.testing.assert_allclose(history.as_arrays()["train_cost"][:, k], single.train_cost)
    with pytest.raises(ValueError, match="seed must be between 0 and 4294967295"):
        train_batched(batched, X, Y, "gd", [0.1, 0.1], 1, seed=2**32)
    with pytest.raises(ValueError, match="seed must be between 0 and 4294967295"):
        train_batched(batched, X, Y, "gd", [0.1, 0.1], 1, seed=-1)


# ------------------------------------------------------------------------------ divergence, stop
@pytest.mark.filterwarnings("ignore::RuntimeWarning")
def test_a_diverging_model_is_frozen_and_leaves_the_others_alone(moons):
    X, Y, X_dev, Y_dev, dims, _ = moons
    # α λ / m = 100 · 1 / 16 > 2: the weight decay term alone makes W oscillate and explode.
    rates, lambdas = [0.1, 100.0, 0.1], [1.0, 1.0, 1.0]
    batched = BatchedNetwork(dims, SEEDS)
    history = train_batched(
        batched, X, Y, "gd", rates, 20, batch_size=16, lambdas=lambdas, X_dev=X_dev, Y_dev=Y_dev
    )
    assert history.diverged_at[1] > 0
    assert history.diverged_at[0] == history.diverged_at[2] == 0
    arrays = history.as_arrays()
    assert arrays["train_cost"].shape == (20, 3)  # the run goes on for the others
    assert not np.isfinite(arrays["train_cost"][history.diverged_at[1] - 1, 1])
    for k in (0, 2):
        assert np.isfinite(arrays["train_cost"][:, k]).all()
        assert np.isfinite(arrays["dev_cost"][:, k]).all()
        assert all(np.isfinite(value[k]).all() for value in batched.params.values())
        # ... and are exactly what they would be trained alone.
        net = Network(dims, seed=SEEDS[k])
        single = train(net, X, Y, make_optimizer("gd", rates[k]), 20, batch_size=16, lambd=1.0)
        np.testing.assert_allclose(arrays["train_cost"][:, k], single.train_cost, rtol=1e-10)
    # The single network stops as "diverged" in the same epoch.
    single = train(
        Network(dims, seed=SEEDS[1]), X, Y, make_optimizer("gd", 100.0), 20, 16, lambd=1.0
    )
    assert single.stopped_reason == "diverged"
    assert single.last_epoch + 1 == history.diverged_at[1]


def test_callback_returning_false_cancels(moons):
    X, Y, _, _, dims, _ = moons
    seen = []

    def callback(epoch, history):
        assert isinstance(history, BatchedHistory)
        seen.append((epoch, len(history.train_cost)))
        return False if epoch == 3 else None

    history = train_batched(
        BatchedNetwork(dims, SEEDS), X, Y, "adam", [0.01] * 3, 50, callback=callback
    )
    assert history.cancelled
    assert seen == [(1, 1), (2, 2), (3, 3)]
    assert len(history.train_cost) == len(history.dev_cost) == 3


def test_callback_returning_none_or_true_does_not_cancel(moons):
    X, Y, _, _, dims, _ = moons
    history = train_batched(
        BatchedNetwork(dims, SEEDS), X, Y, "gd", [0.1] * 3, 4, callback=lambda e, h: e > 2 or None
    )
    assert not history.cancelled and len(history.train_cost) == 4


# ------------------------------------------------------------------------------ arguments
@pytest.fixture(scope="module")
def small():
    X, Y = make_dataset("moons", 40, noise=0.2, seed=0)
    return X, Y


@pytest.mark.parametrize(
    "kwargs, match",
    [
        ({"learning_rates": [0.1, 0.1]}, "one value per model"),
        ({"learning_rates": [0.1, 0.1, 0.1, 0.1]}, "one value per model"),
        ({"learning_rates": [0.1, 0.0, 0.1]}, r"learning_rates\[1\]"),
        ({"learning_rates": [0.1, 0.1, -1e-3]}, r"learning_rates\[2\]"),
        ({"learning_rates": [0.1, float("nan"), 0.1]}, r"learning_rates\[1\]"),
        ({"lambdas": [0.0, 0.1]}, "one value per model"),
        ({"lambdas": [0.0, -0.1, 0.0]}, r"lambdas\[1\]"),
        ({"decay_rates": [0.0, 0.0, -1.0]}, r"decay_rates\[2\]"),
        ({"hyper": {"beta1": [0.9, 1.0, 0.9]}}, r"beta1\[1\]"),
        ({"hyper": {"beta2": [0.999, 0.999, 1.5]}}, r"beta2\[2\]"),
        ({"hyper": {"beta1": [0.9, 0.9]}}, "one value per model"),
        ({"hyper": {"beta": [0.9, 0.9, 0.9]}}, "adam has no hyperparameter 'beta'"),
        ({"hyper": {"momentum": [0.9, 0.9, 0.9]}}, "no hyperparameter"),
        ({"optimizer": "sgd"}, "optimizer"),
        ({"epochs": 0}, "epochs"),
        ({"batch_size": 0}, "batch_size"),
    ],
)
def test_bad_arguments_raise(small, kwargs, match):
    X, Y = small
    arguments = {"optimizer": "adam", "learning_rates": [0.1, 0.1, 0.1], "epochs": 2, **kwargs}
    with pytest.raises(ValueError, match=match):
        train_batched(BatchedNetwork([2, 3, 1], [0, 1, 2]), X, Y, **arguments)


def test_momentum_beta_of_one_is_refused(small):
    X, Y = small
    with pytest.raises(ValueError, match=r"beta\[0\]"):
        net = BatchedNetwork([2, 3, 1], [0, 1])
        train_batched(net, X, Y, "momentum", [0.1] * 2, 2, hyper={"beta": [1.0, 0.9]})


def test_bad_data_raises(small):
    X, Y = small
    net = BatchedNetwork([2, 3, 1], [0, 1])
    with pytest.raises(ValueError, match="X must have 2 rows"):
        train_batched(net, X[:1], Y, "gd", [0.1, 0.1], 1)
    with pytest.raises(ValueError, match="Y must hold labels"):
        train_batched(net, X, Y + 1, "gd", [0.1, 0.1], 1)
    with pytest.raises(ValueError, match="X_dev"):
        train_batched(net, X, Y, "gd", [0.1, 0.1], 1, X_dev=X[:1], Y_dev=Y)


def test_model_count_and_keep_prob_limits():
    with pytest.raises(ValueError, match="number of models"):
        BatchedNetwork([2, 3, 1], list(range(MAX_MODELS + 1)))
    with pytest.raises(ValueError, match="number of models"):
        BatchedNetwork([2, 3, 1], [])
    assert BatchedNetwork([2, 2, 1], list(range(MAX_MODELS))).K == MAX_MODELS
    with pytest.raises(ValueError, match="one value per model"):
        BatchedNetwork([2, 3, 1], [0, 1], keep_probs=[0.5])
    with pytest.raises(ValueError, match=r"keep_probs\[1\]"):
        BatchedNetwork([2, 3, 1], [0, 1], keep_probs=[0.5, 0.0])
    with pytest.raises(ValueError, match="layer_dims"):
        BatchedNetwork([2, 3, 2], [0, 1], output="sigmoid")


@pytest.mark.filterwarnings("ignore::RuntimeWarning")
def test_a_model_whose_dev_cost_turns_non_finite_counts_as_diverged():
    X, Y = make_dataset("moons", 120, noise=0.2, seed=0)
    dims, lr = [2, 8, 8, 1], 6.0
    single = train(
        Network(dims, "linear", seed=9), X, Y, make_optimizer("gd", lr), 2, 30, X_dev=X, Y_dev=Y
    )
    assert single.stopped_reason == "diverged" and single.last_epoch == 1  # epoch 2 diverged
    batched = BatchedNetwork(dims, [9], "linear")
    history = train_batched(batched, X, Y, "gd", [lr], 2, batch_size=30, X_dev=X, Y_dev=Y)
    assert np.isfinite(history.train_cost[-1][0])
    assert not np.isfinite(history.dev_cost[-1][0])
    assert history.diverged_at[0] == 2
