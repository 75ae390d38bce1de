"""Tests of playground.train.train: convergence, shuffling, history, stopping rules, arguments."""

from __future__ import annotations

import math

import numpy as np
import pytest
from sklearn.datasets import make_moons

from playground.engine.config import MAX_EPOCHS
from playground.engine.nn import Network
from playground.engine.optim import Adam, GradientDescent
from playground.engine.schedules import make_schedule
from playground.engine.train import History, train


def moons(n, noise=0.2, random_state=0):
    X, y = make_moons(n_samples=n, noise=noise, random_state=random_state)
    return X.T, y[np.newaxis, :]


@pytest.fixture(scope="module")
def moons_split():
    X, Y = moons(600)
    return X[:, :400], Y[:, :400], X[:, 400:], Y[:, 400:]


@pytest.fixture(scope="module")
def overfit_split():
    """30 noisy training points and 300 dev points: a big network overfits within ~50 epochs."""
    X, Y = moons(330, noise=0.35, random_state=1)
    return X[:, :30], Y[:, :30], X[:, 30:], Y[:, 30:]


def accuracy(net, X, Y):
    return float((net.predict(X) == Y).mean())


def assert_all_finite(history: History, skip=()):
    for name, values in history.to_dict().items():
        if isinstance(values, list) and name not in skip:
            assert np.isfinite(np.asarray(values, dtype=float)).all(), name


# ----------------------------------------------------------------------------- it learns
def test_learns_moons_full_batch(moons_split):
    X, Y, X_dev, Y_dev = moons_split
    net = Network([2, 10, 5, 1], seed=1)
    history = train(net, X, Y, Adam(0.01), epochs=300, X_dev=X_dev, Y_dev=Y_dev)
    assert history.stopped_reason == "completed"
    assert accuracy(net, X, Y) >= 0.95
    assert accuracy(net, X_dev, Y_dev) >= 0.93
    assert history.train_accuracy[-1] >= 0.95
    assert history.dev_accuracy[-1] == pytest.approx(accuracy(net, X_dev, Y_dev))
    assert history.train_cost[-1] < 0.2 < history.train_cost[0]


@pytest.mark.parametrize("batch_size", [32, 64])
def test_learns_moons_with_mini_batches(moons_split, batch_size):
    X, Y, X_dev, Y_dev = moons_split
    net = Network([2, 10, 5, 1], seed=1)
    history = train(net, X, Y, Adam(0.01), epochs=80, batch_size=batch_size, seed=3)
    assert accuracy(net, X, Y) >= 0.95
    assert accuracy(net, X_dev, Y_dev) >= 0.93
    assert len(history.iteration_cost) == 80 * math.ceil(400 / batch_size)


def test_learns_three_class_softmax():
    rng = np.random.RandomState(0)
    centres = np.array([[0.0, 3.0, -3.0], [3.0, -2.0, -2.0]])
    Y = rng.randint(0, 3, (1, 300))
    X = centres[:, Y[0]] + rng.randn(2, 300)
    net = Network([2, 8, 3], "tanh", "softmax", seed=2)
    train(net, X, Y, Adam(0.02), epochs=150, batch_size=50)
    assert accuracy(net, X, Y) >= 0.95


# ----------------------------------------------------------------------------- exact reproduction
def _hand_training(net, X, Y, learning_rates, batch_size, lambd, seed, permutation):
    """Mini-batch gradient descent written out by hand, with the course's bookkeeping."""
    m = X.shape[1]
    record = {"iteration_cost": [], "train_cost": [], "train_accuracy": [], "grad_norms": []}
    for epoch, lr in enumerate(learning_rates, start=1):
        order = permutation(seed, epoch, m)
        Xs, Ys = X[:, order], Y[:, order]
        total, correct = 0.0, 0
        for begin in range(0, m, batch_size):
            Xb, Yb = Xs[:, begin : begin + batch_size], Ys[:, begin : begin + batch_size]
            AL = net.forward(Xb, training=True)
            cost = net.cost(AL, Yb, lambd=lambd)
            record["iteration_cost"].append(cost)
            total += cost * Xb.shape[1]
            correct += int(((AL > 0.5) == Yb).sum())
            grads = net.backward(Yb, lambd=lambd)
            for key in list(net.params):
                net.params[key] = net.params[key] - lr * grads["d" + key]
        record["train_cost"].append(total / m)
        record["train_accuracy"].append(correct / m)
        record["grad_norms"].append([float(np.linalg.norm(grads[f"dW{l}"])) for l in (1, 2)])
    return record


def _course_permutation(seed, epoch, m):
    return np.random.RandomState(seed + epoch).permutation(m)


def _case():
    rng = np.random.RandomState(0)
    X = rng.randn(2, 10)
    Y = (X[0:1] * X[1:2] > 0).astype(int)
    return X, Y


@pytest.mark.parametrize("batch_size", [4, 3, 7])
def test_shuffling_and_batches_match_hand_written_loop(batch_size):
    X, Y = _case()
    schedule = make_schedule("inverse_time", 0.5, decay_rate=1.0)
    net = Network([2, 4, 1], "tanh", seed=2)
    history = train(
        net,
        X,
        Y,
        GradientDescent(0.5),
        epochs=2,
        batch_size=batch_size,
        lambd=0.1,
        schedule=schedule,
        seed=7,
    )
    ref = Network([2, 4, 1], "tanh", seed=2)
    record = _hand_training(ref, X, Y, [0.5 / 2, 0.5 / 3], batch_size, 0.1, 7, _course_permutation)
    np.testing.assert_allclose(net.params.flat, ref.params.flat, rtol=1e-13, atol=1e-15)
    assert len(history.iteration_cost) == 2 * math.ceil(10 / batch_size)
    np.testing.assert_allclose(history.iteration_cost, record["iteration_cost"], rtol=1e-13)
    np.testing.assert_allclose(history.train_cost, record["train_cost"], rtol=1e-13)
    assert history.train_accuracy == record["train_accuracy"]
    np.testing.assert_allclose(history.grad_norms, record["grad_norms"], rtol=1e-12)
    assert history.learning_rate == [0.5 / 2, 0.5 / 3]  # α₀ / (1 + epoch_num)

    # the comparison is sensitive to the order: another permutation gives other weights
    other = Network([2, 4, 1], "tanh", seed=2)
    _hand_training(
        other,
        X,
        Y,
        [0.5, 0.25],
        batch_size,
        0.1,
        7,
        lambda seed, epoch, m: np.random.RandomState(seed + epoch - 1).permutation(m),
    )
    assert not np.allclose(other.params.flat, net.params.flat, rtol=1e-6)


def test_full_batch_is_not_shuffled_and_matches_plain_gradient_descent():
    X, Y = _case()
    net = Network([2, 4, 1], "tanh", seed=2)
    history = train(net, X, Y, GradientDescent(0.3), epochs=3)
    ref = Network([2, 4, 1], "tanh", seed=2)
    record = _hand_training(ref, X, Y, [0.3] * 3, 10, 0.0, 0, lambda s, e, m: np.arange(m))
    np.testing.assert_allclose(net.params.flat, ref.params.flat, rtol=1e-13, atol=1e-15)
    np.testing.assert_allclose(history.train_cost, record["train_cost"], rtol=1e-13)
    assert history.iteration_cost == history.train_cost  # one batch per epoch
    # batch_size ≥ m is one full batch, too
    big = Network([2, 4, 1], "tanh", seed=2)
    train(big, X, Y, GradientDescent(0.3), epochs=3, batch_size=500)
    np.testing.assert_array_equal(big.params.flat, net.params.flat)


def test_same_seed_same_run_different_seed_different_run():
    X, Y = _case()
    runs = []
    for seed in (4, 4, 5):
        net = Network([2, 4, 1], seed=1)
        train(net, X, Y, Adam(0.05), epochs=5, batch_size=3, seed=seed)
        runs.append(net.params.flat.copy())
    np.testing.assert_array_equal(runs[0], runs[1])
    assert not np.allclose(runs[0], runs[2])


# ----------------------------------------------------------------------------- history
def test_history_contents(moons_split):
    X, Y, X_dev, Y_dev = moons_split
    net = Network([2, 10, 5, 1], seed=1)
    schedule = make_schedule("exponential", 0.02, base=0.9)
    history = train(net, X, Y, Adam(0.02), epochs=12, batch_size=128, schedule=schedule)
    n = 12
    assert history.epochs == list(range(1, n + 1))
    assert history.last_epoch == n
    for name in ("train_cost", "dev_cost", "train_accuracy", "dev_accuracy", "learning_rate"):
        assert len(getattr(history, name)) == n, name
    assert len(history.weight_norms) == len(history.grad_norms) == n
    assert all(len(row) == 3 for row in history.weight_norms + history.grad_norms)
    # the learning rate of epoch e is schedule(e) = 0.9^e · 0.02, the lecture's epoch_num = e
    np.testing.assert_allclose(history.learning_rate, 0.02 * 0.9 ** np.arange(1, n + 1), rtol=1e-12)
    # batches of 128, 128, 128, 16: train_cost is the size-weighted mean of iteration costs
    sizes = np.array([128, 128, 128, 16])
    per_epoch = np.reshape(history.iteration_cost, (n, 4))
    np.testing.assert_allclose(history.train_cost, per_epoch @ sizes / 400, rtol=1e-12)
    # weight norms after the last epoch are those of the network
    np.testing.assert_allclose(
        history.weight_norms[-1],
        [np.linalg.norm(net.params[f"W{l}"]) for l in (1, 2, 3)],
        rtol=1e-12,
    )
    # no dev set: dev values are NaN, best_epoch is the lowest train cost
    assert all(math.isnan(c) for c in history.dev_cost + history.dev_accuracy)
    assert history.best_epoch == int(np.argmin(history.train_cost)) + 1
    assert history.stopped_reason == "completed" and history.message == ""
    assert all(0.0 <= a <= 1.0 for a in history.train_accuracy)
    assert set(history.to_dict()) >= {"epochs", "train_cost", "best_epoch", "stopped_reason"}


def test_history_dev_values_and_best_epoch(overfit_split):
    X, Y, X_dev, Y_dev = overfit_split
    net = Network([2, 50, 50, 1], seed=0)
    history = train(net, X, Y, Adam(0.01), epochs=40, X_dev=X_dev, Y_dev=Y_dev)
    assert history.best_epoch == int(np.argmin(history.dev_cost)) + 1
    assert history.best_epoch < 40  # the dev cost went up again (overfitting)
    # dev cost is the cross-entropy (no penalty) of the final net in inference mode
    assert history.dev_cost[-1] == pytest.approx(net.cost(net.forward(X_dev), Y_dev), rel=1e-12)
    assert history.dev_accuracy[-1] == pytest.approx(accuracy(net, X_dev, Y_dev))


@pytest.mark.parametrize("batch_size", [None, 7])
def test_continuing_a_run_appends_epochs_and_equals_one_long_run(batch_size):
    X, Y = moons(60)
    long_net, opt = Network([2, 6, 1], seed=3), Adam(0.02)
    long_run = train(long_net, X, Y, opt, epochs=5, batch_size=batch_size, seed=2)
    net, opt = Network([2, 6, 1], seed=3), Adam(0.02)
    first = train(net, X, Y, opt, epochs=3, batch_size=batch_size, seed=2)
    assert first.epochs == [1, 2, 3]
    second = train(net, X, Y, opt, epochs=2, batch_size=batch_size, seed=2, history=first)
    assert second is first
    assert second.epochs == [1, 2, 3, 4, 5]
    assert len(second.train_cost) == len(second.weight_norms) == len(second.dev_cost) == 5
    # epoch 4 shuffles with RandomState(seed + 4) and Adam keeps its state: same as one run
    np.testing.assert_array_equal(net.params.flat, long_net.params.flat)
    np.testing.assert_array_equal(second.train_cost, long_run.train_cost)
    np.testing.assert_array_equal(second.iteration_cost, long_run.iteration_cost)
    assert second.best_epoch == long_run.best_epoch


def test_continuing_with_dev_set_keeps_best_epoch_over_whole_run(overfit_split):
    X, Y, X_dev, Y_dev = overfit_split
    net, opt = Network([2, 50, 50, 1], seed=0), Adam(0.01)
    history = train(net, X, Y, opt, epochs=15, X_dev=X_dev, Y_dev=Y_dev)
    history = train(net, X, Y, opt, epochs=15, X_dev=X_dev, Y_dev=Y_dev, history=history)
    assert history.epochs == list(range(1, 31))
    assert history.best_epoch == int(np.argmin(history.dev_cost)) + 1


def test_schedule_continues_from_the_epoch_number():
    X, Y = _case()
    seen = []

    def schedule(epoch):
        seen.append(epoch)
        return 0.1 / epoch

    net, opt = Network([2, 3, 1]), GradientDescent(1.0)
    history = train(net, X, Y, opt, epochs=2, schedule=schedule)
    train(net, X, Y, opt, epochs=2, schedule=schedule, history=history)
    assert seen == [1, 2, 3, 4]
    np.testing.assert_allclose(history.learning_rate, [0.1, 0.05, 0.1 / 3, 0.025])
    assert opt.learning_rate == pytest.approx(0.025)


# ----------------------------------------------------------------------------- divergence
def _diverging_run(**kwargs):
    X, Y = moons(300)
    net = Network([2, 10, 5, 1], "linear", init="random", init_scale=10, seed=1)
    history = train(net, X, Y, GradientDescent(50.0), epochs=50, **kwargs)
    return net, X, Y, history


@pytest.mark.filterwarnings("ignore::RuntimeWarning")
def test_huge_learning_rate_diverges():
    net, X, Y, history = _diverging_run()
    assert history.stopped_reason == "diverged"
    n = len(history.epochs)
    assert 1 <= n < 50
    assert history.epochs == list(range(1, n + 1))
    assert len(history.train_cost) == len(history.weight_norms) == len(history.dev_cost) == n
    assert_all_finite(history, skip=("dev_cost", "dev_accuracy"))
    assert "learning rate" in history.message and "50" in history.message
    assert f"epoch {n + 1}" in history.message
    # it really blew up: the network now outputs NaN / the weights overflowed
    with np.errstate(all="ignore"):
        AL = net.forward(X)
    assert not (np.isfinite(AL).all() and np.isfinite(net.params.flat).all())


def _dev_overflow_run(**kwargs):
    """Weights stay finite (~1e153) after epoch 6, but the inference forward on the dev set
    overflows (W3·W2·W1·X ≈ 1e459) and gives a NaN dev cost."""
    X, Y = moons(300)
    net = Network([2, 10, 5, 1], "linear", init="random", init_scale=10, seed=1)
    return train(
        net,
        X[:, :200],
        Y[:, :200],
        GradientDescent(50.0),
        epochs=50,
        X_dev=X[:, 200:],
        Y_dev=Y[:, 200:],
        **kwargs,
    )


@pytest.mark.filterwarnings("ignore::RuntimeWarning")
def test_nan_dev_cost_counts_as_divergence():
    history = _dev_overflow_run()
    assert history.stopped_reason == "diverged"
    assert_all_finite(history)


@pytest.mark.filterwarnings("ignore::RuntimeWarning")
def test_early_stopping_when_the_first_dev_cost_is_nan():
    X, Y = moons(300)
    net = Network([2, 10, 10, 1], "linear", init="random", init_scale=1, seed=1)
    history = train(
        net,
        X[:, :200],
        Y[:, :200],
        GradientDescent(10.0),
        epochs=5,
        batch_size=32,
        X_dev=X[:, 200:],
        Y_dev=Y[:, 200:],
        early_stopping_patience=3,
    )
    assert history.stopped_reason == "diverged"
    assert_all_finite(history)


def test_same_setting_with_small_learning_rate_does_not_diverge():
    X, Y = moons(300)
    net = Network([2, 10, 5, 1], "linear", init="random", init_scale=10, seed=1)
    history = train(net, X, Y, GradientDescent(0.001), epochs=20)
    assert history.stopped_reason == "completed"
    assert_all_finite(history, skip=("dev_cost", "dev_accuracy"))


# ----------------------------------------------------------------------------- callback
def test_callback_cancels_after_epoch_3():
    X, Y = _case()
    calls = []

    def callback(epoch, history):
        calls.append((epoch, len(history.epochs), history.last_epoch))
        assert isinstance(history, History)
        return epoch != 3

    history = train(Network([2, 3, 1]), X, Y, Adam(0.01), epochs=10, callback=callback)
    assert history.stopped_reason == "cancelled"
    assert history.epochs == [1, 2, 3]
    assert len(history.train_cost) == len(history.dev_cost) == 3
    assert calls == [(1, 1, 1), (2, 2, 2), (3, 3, 3)]
    assert "3" in history.message


def test_callback_returning_none_or_true_continues():
    X, Y = _case()
    calls = []
    history = train(
        Network([2, 3, 1]), X, Y, Adam(0.01), epochs=4, callback=lambda e, h: calls.append(e)
    )
    assert history.stopped_reason == "completed"
    assert calls == [1, 2, 3, 4]
    history = train(Network([2, 3, 1]), X, Y, Adam(0.01), epochs=4, callback=lambda e, h: True)
    assert history.epochs == [1, 2, 3, 4]


def test_cancelled_run_can_be_continued():
    X, Y = _case()
    net, opt = Network([2, 3, 1]), Adam(0.01)
    history = train(net, X, Y, opt, epochs=10, callback=lambda e, h: e < 2)
    assert history.stopped_reason == "cancelled"
    history = train(net, X, Y, opt, epochs=3, history=history)
    assert history.stopped_reason == "completed" and history.message == ""
    assert history.epochs == [1, 2, 3, 4, 5]


# ----------------------------------------------------------------------------- early stopping
@pytest.mark.parametrize("patience", [3, 10])
@pytest.mark.parametrize("batch_norm", [False, True])
def test_early_stopping_restores_the_best_weights(overfit_split, patience, batch_norm):
    X, Y, X_dev, Y_dev = overfit_split
    net = Network([2, 50, 50, 1], seed=0, batch_norm=batch_norm)
    snapshots = {}

    def callback(epoch, history):
        snapshots[epoch] = (
            net.params.snapshot(),
            {l: v.copy() for l, v in net.running_mean.items()},
            {l: v.copy() for l, v in net.running_var.items()},
        )

    history = train(
        net,
        X,
        Y,
        Adam(0.01),
        epochs=2000,
        X_dev=X_dev,
        Y_dev=Y_dev,
        early_stopping_patience=patience,
        callback=callback,
    )
    assert history.stopped_reason == "early_stopping"
    best = history.best_epoch
    assert best == int(np.argmin(history.dev_cost)) + 1
    assert history.epochs[-1] == best + patience
    assert all(c >= history.dev_cost[best - 1] for c in history.dev_cost[best:])
    assert str(best) in history.message
    params, mean, var = snapshots[best]
    for key, value in params.items():
        np.testing.assert_array_equal(net.params[key], value)
    for l in mean:
        np.testing.assert_array_equal(net.running_mean[l], mean[l])
        np.testing.assert_array_equal(net.running_var[l], var[l])
    # the weights really were rolled back from the last epoch's
    last_params = snapshots[max(snapshots)][0]
    assert not np.allclose(last_params["W1"], net.params["W1"])
    assert net.cost(net.forward(X_dev), Y_dev) == pytest.approx(history.dev_cost[best - 1])


def test_early_stopping_needs_a_dev_set():
    X, Y = _case()
    with pytest.raises(ValueError, match="early_stopping_patience"):
        train(Network([2, 3, 1]), X, Y, Adam(0.01), epochs=5, early_stopping_patience=3)
    with pytest.raises(ValueError, match="^early_stopping_patience"):
        train(
            Network([2, 3, 1]),
            X,
            Y,
            Adam(0.01),
            epochs=5,
            X_dev=X,
            Y_dev=Y,
            early_stopping_patience=0,
        )


# ----------------------------------------------------------------------------- argument errors
@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"epochs": 0}, r"^epochs"),
        ({"epochs": MAX_EPOCHS + 1}, r"^epochs"),
        ({"epochs": 2.5}, r"^epochs"),
        ({"batch_size": 0}, r"^batch_size"),
        ({"batch_size": -4}, r"^batch_size"),
        ({"batch_size": 2.0}, r"^batch_size"),
        ({"lambd": -0.1}, r"^lambd"),
        ({"lambd": math.nan}, r"^lambd"),
        ({"l1": -0.1}, r"^l1"),
        ({"seed": -1}, r"^seed"),
        ({"Y": np.zeros((1, 9), dtype=int)}, r"^Y must have shape \(1, 10\)"),
        ({"Y": np.zeros(10, dtype=int)}, r"^Y\b"),
        ({"Y": np.full((1, 10), 2)}, r"^Y.*0\.\.1"),
        ({"X": np.zeros((3, 10))}, r"^X must have 2 rows"),
        ({"X": np.full((2, 10), np.nan)}, r"^X.*finite"),
        ({"X_dev": np.zeros((2, 5)), "Y_dev": np.zeros((1, 4), dtype=int)}, r"^Y_dev"),
        ({"X_dev": np.zeros((2, 5)), "Y_dev": np.array([[0, 1, 2, 0, 1]])}, r"^Y_dev"),
        ({"X_dev": np.zeros((2, 5)), "Y_dev": np.array([[0, 1, -1, 0, 1]])}, r"^Y_dev"),
        ({"X_dev": np.zeros((3, 5)), "Y_dev": np.zeros((1, 5), dtype=int)}, r"^X_dev"),
        ({"X_dev": np.zeros((2, 5))}, r"^Y_dev"),
        ({"Y_dev": np.zeros((1, 5), dtype=int)}, r"^X_dev"),
    ],
)
def test_train_argument_errors_leave_the_network_untouched(kwargs, match):
    X, Y = _case()
    net = Network([2, 3, 1], seed=0)
    before = net.params.flat.copy()
    args = {"X": X, "Y": Y, "epochs": 3} | kwargs
    calls = []
    with pytest.raises(ValueError, match=match):
        train(net, optimizer=GradientDescent(0.1), callback=lambda e, h: calls.append(e), **args)
    np.testing.assert_array_equal(net.params.flat, before)
    assert calls == []


def test_epoch_limits_are_inclusive():
    X, Y = _case()
    assert train(Network([2, 3, 1]), X, Y, GradientDescent(0.1), epochs=1).epochs == [1]
    assert train(Network([2, 3, 1]), X, Y, GradientDescent(0.1), epochs=2, batch_size=1).epochs


# ------------------------------------------------------------------------------ every seed
@pytest.mark.parametrize("seed", [0, 2**32 - 2, 2**32 - 1])
def test_every_accepted_seed_trains(moons_split, seed):
    X, Y, _, _ = moons_split
    history = train(Network([2, 4, 1], seed=seed), X, Y, GradientDescent(0.1), 3, 50, seed=seed)
    assert history.stopped_reason == "completed" and history.epochs == [1, 2, 3]
    with pytest.raises(ValueError, match="seed must be between 0 and 4294967295"):
        train(Network([2, 4, 1]), X, Y, GradientDescent(0.1), 1, 50, seed=2**32)


def test_epoch_shuffle_seeds_wrap_past_the_largest_seed(moons_split):
    """Epoch e shuffles with RandomState((seed + e) mod 2³²): with seed 2³² − 1, epoch 2 uses
    seed 1 — the shuffle epoch 1 of seed 0 uses."""
    X, Y, _, _ = moons_split
    wrapped, plain = Network([2, 4, 1], seed=5), Network([2, 4, 1], seed=5)
    train(wrapped, X, Y, GradientDescent(0.1), 1, 50, seed=2**32 - 1, history=History(epochs=[1]))
    train(plain, X, Y, GradientDescent(0.1), 1, 50, seed=0)
    for key, value in plain.params.items():
        np.testing.assert_array_equal(wrapped.params[key], value)
    # ... and it is the shuffle that matters: another seed gives other weights.
    other = Network([2, 4, 1], seed=5)
    train(other, X, Y, GradientDescent(0.1), 1, 50, seed=1)
    assert not np.array_equal(other.params["W1"], plain.params["W1"])
