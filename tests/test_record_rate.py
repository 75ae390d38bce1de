"""train(record_every=k): the training, and every number recorded at an epoch, are those of
recording every epoch; only the epochs of ``History.RECORDED_SERIES`` are fewer."""

from __future__ import annotations

import io
from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest
from sklearn.datasets import make_moons

from playground.engine import compare
from playground.engine.activations import relu, relu_prime
from playground.engine.config import MAX_EPOCHS
from playground.engine.diagnose import dev_cost_rise, diagnose, diagnose_run
from playground.engine.export import history_csv
from playground.engine.nn import Network
from playground.engine.optim import Adam, GradientDescent, Momentum
from playground.engine.train import RECORDED_SERIES, History, record_rate, train
from playground.plotting.compare import compare_costs
from playground.plotting.curves import cost_curves
from playground.topics.pandas_caviar.figures import panda_curves
from playground.topics.regularization import figures as rplots


def moons(n, seed=0):
    X, y = make_moons(n_samples=n, noise=0.25, random_state=seed)
    return X.T, y[np.newaxis, :]


RUNS = {
    "full batch, dev set": (
        lambda: Network([2, 8, 6, 1], seed=3),
        lambda: GradientDescent(0.3),
        {"dev": True},
    ),
    "mini-batches, dropout, L2, dev set": (
        lambda: Network([2, 8, 6, 1], seed=3, keep_probs=0.8),
        lambda: Adam(0.02),
        {"batch_size": 32, "lambd": 0.3, "seed": 5, "dev": True},
    ),
    "softmax, batch norm, no dev set": (
        lambda: Network([2, 8, 3], output="softmax", seed=1, batch_norm=True),
        lambda: Momentum(0.1),
        {"batch_size": 50, "seed": 2, "dev": False},
    ),
}


def _train(name, epochs, record_every, chunks=1):
    """Run ``name`` of RUNS for ``epochs`` epochs in ``chunks`` calls of train()."""
    make_net, make_optimizer, options = RUNS[name]
    options = dict(options)
    X, Y = moons(200)
    if name.startswith("softmax"):
        Y = Y + (X[0:1] > 1.0)  # a third class
    if options.pop("dev"):
        options |= {"X_dev": X[:, 150:], "Y_dev": Y[:, 150:]}
    X, Y = X[:, :150], Y[:, :150]
    net, optimizer, history = make_net(), make_optimizer(), None
    for _ in range(chunks):
        history = train(
            net,
            X,
            Y,
            optimizer,
            epochs // chunks,
            history=history,
            record_every=record_every,
            **options,
        )
    return net, optimizer, history


def _at(history: History, name: str, epochs: list[int]) -> list:
    """``history.<name>`` at ``epochs``, read through its record_epochs."""
    where = {epoch: i for i, epoch in enumerate(history.record_epochs)}
    return [getattr(history, name)[where[epoch]] for epoch in epochs]


@pytest.mark.parametrize("name", RUNS)
def test_recording_every_seventh_epoch_changes_nothing_but_what_is_recorded(name):
    every_net, every_optimizer, every = _train(name, 40, 1)
    net, optimizer, history = _train(name, 40, 7)
    # the training is the same: weights, gradients, optimizer state, per-epoch lists
    np.testing.assert_array_equal(net.params.flat, every_net.params.flat)
    np.testing.assert_array_equal(net._grads.flat, every_net._grads.flat)
    assert optimizer.t == every_optimizer.t
    for key, state in every_optimizer.state.items():
        for part, value in state.items():
            np.testing.assert_array_equal(optimizer.state[key][part], value)
    for series in ("epochs", "train_cost", "learning_rate", "iteration_cost"):
        assert getattr(history, series) == getattr(every, series), series
    # the recorded ones are taken at multiples of 7 and at the last epoch, with the same values
    assert every.record_epochs == every.epochs == list(range(1, 41))
    assert history.record_epochs == [7, 14, 21, 28, 35, 40]
    for series in RECORDED_SERIES:
        recorded = getattr(history, series)
        assert len(recorded) == 6, series
        np.testing.assert_array_equal(recorded, _at(every, series, history.record_epochs))
    # with a dev set the best epoch is the recorded epoch of lowest dev cost
    if "dev set" in name and "no dev set" not in name:
        lowest = history.record_epochs[int(np.argmin(history.dev_cost))]
        assert history.best_epoch == lowest
    else:
        assert history.best_epoch == every.best_epoch


def test_each_call_records_its_last_epoch_so_chunks_add_records():
    _, _, every = _train("full batch, dev set", 20, 1)
    net, _, history = _train("full batch, dev set", 20, 4, chunks=2)
    assert history.epochs == list(range(1, 21))
    assert history.record_epochs == [4, 8, 10, 12, 16, 20]
    for series in RECORDED_SERIES:
        np.testing.assert_array_equal(
            getattr(history, series), _at(every, series, history.record_epochs)
        )
    whole, _, _ = _train("full batch, dev set", 20, 4)
    np.testing.assert_array_equal(net.params.flat, whole.params.flat)


def test_a_cancelled_call_records_only_the_epochs_it_planned_to():
    X, Y = moons(100)
    seen = []

    def stop_after_8(epoch, history):
        seen.append((epoch, list(history.record_epochs)))
        return epoch < 8

    history = train(
        Network([2, 5, 1], seed=0), X, Y, GradientDescent(0.1), 20, callback=stop_after_8,
        record_every=5,
    )  # fmt: skip
    assert history.stopped_reason == "cancelled"
    assert history.epochs == list(range(1, 9))
    assert history.record_epochs == [5]
    assert len(history.train_accuracy) == len(history.weight_norms) == 1
    # the callback sees each record as soon as it is made
    assert seen[4] == (5, [5]) and seen[3] == (4, [])


@pytest.mark.filterwarnings("ignore::RuntimeWarning")
def test_a_diverging_run_stops_at_the_same_epoch_at_any_rate():
    X, Y = moons(300)
    histories = []
    for record_every in (1, 4):
        net = Network([2, 10, 10, 1], "linear", init="random", init_scale=10, seed=1)
        histories.append(train(net, X, Y, GradientDescent(5.0), 50, record_every=record_every))
    every, sparse = histories
    assert every.stopped_reason == sparse.stopped_reason == "diverged"
    assert every.message == sparse.message
    assert sparse.epochs == every.epochs == list(range(1, 7))  # epoch 7 diverged
    assert sparse.train_cost == every.train_cost
    assert sparse.record_epochs == [4]  # the diverged epoch is not recorded, at any rate


def test_early_stopping_needs_every_epoch_recorded():
    X, Y = moons(100)
    with pytest.raises(ValueError, match=r"^early_stopping_patience .* record_every must be 1"):
        train(
            Network([2, 5, 1]), X, Y, GradientDescent(0.1), 10, X_dev=X, Y_dev=Y,
            early_stopping_patience=3, record_every=2,
        )  # fmt: skip


@pytest.mark.parametrize("record_every", [0, -1, 2.5, MAX_EPOCHS + 1, "2"])
def test_record_every_must_be_a_whole_number_of_epochs(record_every):
    X, Y = moons(50)
    net = Network([2, 5, 1])
    before = net.params.flat.copy()
    with pytest.raises(ValueError, match=r"^record_every"):
        train(net, X, Y, GradientDescent(0.1), 3, record_every=record_every)
    np.testing.assert_array_equal(net.params.flat, before)


@pytest.mark.parametrize(
    ("epochs", "points", "rate"),
    [(15_000, 500, 30), (1000, 500, 2), (999, 500, 1), (1, 500, 1), (20_000, 100, 200)],
)
def test_record_rate_records_about_points_times(epochs, points, rate):
    assert record_rate(epochs, points) == rate
    assert epochs // rate <= max(points, epochs) and epochs // rate >= min(points, epochs)


@pytest.mark.parametrize(
    ("kwargs", "match"), [({"epochs": 0}, "^epochs"), ({"points": 0}, "^points")]
)
def test_record_rate_checks_its_arguments(kwargs, match):
    with pytest.raises(ValueError, match=match):
        record_rate(**({"epochs": 100} | kwargs))


def test_a_history_built_by_hand_records_its_first_epochs():
    dense = History(epochs=[1, 2, 3], train_cost=[3.0, 2.0, 1.0], dev_cost=[3.5, 2.5, 2.0])
    assert dense.record_epochs == [1, 2, 3]
    assert History(epochs=[1, 2]).record_epochs == []
    assert History(epochs=[5, 10], record_epochs=[10], dev_cost=[0.2]).record_epochs == [10]


def test_relu_prime_is_a_float_mask_with_zero_at_the_kink():
    Z = np.array([[-2.0, -0.0, 0.0, 1e-300, 3.0, np.inf, -np.inf]])
    mask = relu_prime(Z, relu(Z))
    assert mask.dtype == np.float64
    np.testing.assert_array_equal(mask, [[0.0, 0.0, 0.0, 1.0, 1.0, 1.0, 0.0]])


@pytest.mark.filterwarnings("ignore::RuntimeWarning")
@pytest.mark.parametrize(
    ("W1", "W2", "finite"),
    [
        (1.0, 1.0, True),
        (np.nan, 1.0, False),
        (1.0, -np.inf, False),
        (1e155, 1.0, False),  # (1e155)² overflows: the layer norm cannot be recorded
        (1.2e154, 1.2e154, True),  # each Σ W² is finite, only their total overflows
    ],
)
def test_a_network_is_finite_while_its_layer_norms_are(W1, W2, finite):
    net = Network([2, 3, 1], seed=0)
    net.params["W1"][0, 0], net.params["W2"][0, 0] = W1, W2
    assert net._finite() is finite
    assert bool(np.isfinite(net.layer_norms()[0]).all()) is finite


# ------------------------------------------------------- consumers read the x stored with a series
@pytest.fixture(scope="module")
def sparse():
    """A run on moons with a dev set, its train accuracy, dev values and norms every 5th epoch,
    and the same run recording every epoch."""
    X, Y = moons(200)
    histories = []
    for record_every in (5, 1):
        net = Network([2, 8, 1], seed=2)
        histories.append(
            train(
                net,
                X[:, :150],
                Y[:, :150],
                Adam(0.02),
                23,
                X_dev=X[:, 150:],
                Y_dev=Y[:, 150:],
                record_every=record_every,
            )  # fmt: skip
        )
    return histories


def test_cost_curves_draw_the_dev_cost_at_the_recorded_epochs(sparse):
    history, _ = sparse
    figure = cost_curves(history)
    train_trace, dev_trace, best = figure.data
    np.testing.assert_array_equal(train_trace.x, history.epochs)
    np.testing.assert_array_equal(dev_trace.x, [5, 10, 15, 20, 23])
    np.testing.assert_array_equal(dev_trace.y, history.dev_cost)
    assert best.x == (history.best_epoch,) and best.x[0] in history.record_epochs
    assert best.y == (history.dev_cost[history.record_epochs.index(history.best_epoch)],)


def test_the_a_vs_b_costs_draw_each_dev_curve_at_its_own_epochs(sparse):
    history, every = sparse
    by_name = {trace.name: trace for trace in compare_costs(history, every).data}
    np.testing.assert_array_equal(by_name["A dev"].x, history.record_epochs)
    np.testing.assert_array_equal(by_name["B dev"].x, every.epochs)
    np.testing.assert_array_equal(by_name["A train"].x, history.epochs)


def test_regularization_curves_draw_recorded_series_at_their_epochs(sparse):
    history, every = sparse
    for kind in ("cost", "accuracy"):
        traces = {trace.name: trace for trace in rplots.run_curves({"A": history}, kind).data}
        np.testing.assert_array_equal(traces["A · dev"].x, history.record_epochs)
        train_x = history.epochs if kind == "cost" else history.record_epochs
        np.testing.assert_array_equal(traces["A · train"].x, train_x)
    (norms,) = rplots.weight_norm_curves({"A": history}).data
    np.testing.assert_array_equal(norms.x, history.record_epochs)
    full, stopped = rplots.early_stopping_curves(history, every).data[:2]
    np.testing.assert_array_equal(full.x, history.record_epochs)
    np.testing.assert_array_equal(stopped.x, every.epochs)


def test_the_panda_figure_draws_the_dev_cost_at_the_recorded_epochs(sparse):
    history, _ = sparse
    train_trace, dev_trace = panda_curves(history, [(0, 0.02)], 30).data
    np.testing.assert_array_equal(train_trace.x, history.epochs)
    np.testing.assert_array_equal(dev_trace.x, history.record_epochs)


def test_the_csv_leaves_the_epochs_a_run_did_not_record_empty(sparse):
    history, every = sparse
    text = history_csv("test", {}, {"run": SimpleNamespace(history=history)})
    table = pd.read_csv(io.StringIO(text), comment="#")
    assert table["epoch"].tolist() == history.epochs
    assert table["train_cost"].tolist() == history.train_cost
    recorded = table["epoch"].isin(history.record_epochs)
    for column in ("train_accuracy", "dev_cost", "dev_accuracy", "weight_norm_1", "grad_norm_2"):
        assert table.loc[~recorded, column].isna().all(), column
        every_value = table.loc[recorded, "epoch"].map(lambda e, c=column: _csv_value(every, c, e))
        assert table.loc[recorded, column].tolist() == every_value.tolist(), column


def _csv_value(history: History, column: str, epoch: int) -> float:
    """The value of a CSV column at ``epoch`` in a history that records every epoch."""
    if column.startswith(("weight_norm_", "grad_norm_")):
        name, layer = column.rsplit("_", 1)
        return getattr(history, f"{name}s")[epoch - 1][int(layer) - 1]
    return getattr(history, column)[epoch - 1]


def test_diagnosing_a_sparse_run_reads_the_train_cost_at_the_recorded_epochs(sparse):
    history, _ = sparse
    run = SimpleNamespace(history=history, errors=lambda: (0.1, 0.2))
    train_at = [history.train_cost[epoch - 1] for epoch in history.record_epochs]
    expected = dev_cost_rise(history.record_epochs, train_at, history.dev_cost)
    assert diagnose_run(run, 0.05) == diagnose(0.1, 0.2, 0.05, rise=expected)


def test_a_vs_b_states_the_dev_cost_after_the_last_epoch_even_between_records():
    X, Y = moons(200)
    data = SimpleNamespace(X_dev=X[:, 150:], Y_dev=Y[:, 150:])
    runs = []
    for stop_at in (20, 18):  # 20 is recorded (a multiple of 5), 18 is not
        net = Network([2, 8, 1], seed=2)
        history = train(
            net, X[:, :150], Y[:, :150], Adam(0.02), 30, X_dev=data.X_dev, Y_dev=data.Y_dev,
            record_every=5, callback=lambda epoch, h, stop=stop_at: epoch < stop,
        )  # fmt: skip
        runs.append(
            SimpleNamespace(history=history, net=net, data=data, errors=lambda: (0, 0), seconds=1.0)
        )
    recorded, between = (compare.outcome(run, 0.05) for run in runs)
    assert runs[1].history.record_epochs[-1] == 15
    assert recorded.dev_cost == runs[0].history.dev_cost[-1]
    net = runs[1].net
    assert between.dev_cost == net.cost(net.forward(data.X_dev), data.Y_dev)
    assert between.dev_cost != runs[1].history.dev_cost[-1]
