"""The training loop: epochs of shuffled mini-batches, with a record of everything that happened."""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field, fields
from enum import StrEnum

import numpy as np

from playground.engine.config import (
    MAX_EPOCHS,
    check_int,
    check_labels,
    check_matrix,
    check_range,
    check_seed,
    seed_after,
)
from playground.engine.nn import Network
from playground.engine.optim import Optimizer
from playground.engine.schedules import Schedule


class StopReason(StrEnum):
    """How a run ended (``History.stopped_reason``). Each member is its own string value, so it
    is stored, exported and compared as that string ("diverged" == StopReason.DIVERGED)."""

    COMPLETED = "completed"
    """Trained every epoch asked for (also a run paused between chunks)."""
    EARLY_STOPPING = "early_stopping"
    """The dev cost stopped improving; the best epoch's weights were restored."""
    DIVERGED = "diverged"
    """The cost or a weight became NaN or infinite."""
    CANCELLED = "cancelled"
    """Stopped by the user (or a callback)."""

    def __repr__(self) -> str:
        return repr(self.value)


RECORDED_SERIES = ("train_accuracy", "dev_cost", "dev_accuracy", "weight_norms", "grad_norms")
"""The ``History`` lists measured at ``History.record_epochs`` (the others hold every epoch)."""


class _BestWeights:
    """Remembers the parameters and batch-norm statistics of the best dev-cost epoch."""

    def __init__(self) -> None:
        self.cost = math.inf
        self.epoch: int | None = None
        self.saved: tuple | None = None

    def offer(self, net: Network, epoch: int, cost: float) -> bool:
        if not cost < self.cost:
            return False
        self.cost, self.epoch = cost, epoch
        self.saved = (net.params.flat.copy(), dict(net.running_mean), dict(net.running_var))
        return True

    def restore(self, net: Network) -> None:
        flat, net.running_mean, net.running_var = self.saved
        net.params.flat[...] = flat


@dataclass
class History:
    """What one training run recorded (epochs count from 1).

    Every finished epoch appends to ``epochs``, ``train_cost`` (the mean cost over the epoch's
    examples, each mini-batch's cost weighted by its size, measured before that batch's update,
    so with dropout it is the noisy training-mode cost) and ``learning_rate``;
    ``iteration_cost`` holds every mini-batch's cost.

    The lists of ``RECORDED_SERIES`` are measured after the epochs of ``record_epochs`` (their
    x): every epoch by default, every ``record_every``-th one if ``train`` was given a
    ``record_every`` > 1. ``train_accuracy[i]`` is the accuracy over epoch ``record_epochs[i]``
    (measured like ``train_cost``); ``dev_cost[i]`` and ``dev_accuracy[i]`` are those of the
    network after it, in inference mode (NaN when no dev set was given); ``weight_norms[i][l-1]``
    is its ‖W_l‖_F and ``grad_norms[i][l-1]`` is ‖dW_l‖_F of the epoch's last batch.

    Every list only grows, so a reader can take the new tail of each from the length it saw.
    """

    epochs: list[int] = field(default_factory=list)
    train_cost: list[float] = field(default_factory=list)
    dev_cost: list[float] = field(default_factory=list)
    train_accuracy: list[float] = field(default_factory=list)
    dev_accuracy: list[float] = field(default_factory=list)
    learning_rate: list[float] = field(default_factory=list)
    weight_norms: list[list[float]] = field(default_factory=list)
    grad_norms: list[list[float]] = field(default_factory=list)
    iteration_cost: list[float] = field(default_factory=list)
    best_epoch: int | None = None
    stopped_reason: StopReason = StopReason.COMPLETED
    message: str = ""
    best_weights: _BestWeights = field(default_factory=lambda: _BestWeights(), repr=False)
    """The weights of the best dev-cost epoch, kept so a continued run can still restore them."""
    record_epochs: list[int] = field(default_factory=list)
    """The epochs at which the ``RECORDED_SERIES`` were measured. A History built without it but
    with some of those series (by hand, from per-epoch lists) recorded every epoch."""

    def __post_init__(self) -> None:
        if not self.record_epochs and any(getattr(self, name) for name in RECORDED_SERIES):
            self.record_epochs = list(self.epochs)

    @property
    def last_epoch(self) -> int:
        """The number of the last recorded epoch (0 before training)."""
        return self.epochs[-1] if self.epochs else 0

    def to_dict(self) -> dict:
        """Plain lists and numbers, ready for JSON (the saved best weights are left out)."""
        return {f.name: getattr(self, f.name) for f in fields(self) if f.name != "best_weights"}


FIGURE_POINTS = 500
"""Points a figure needs of a series over a run's epochs: a curve of 500 points across a figure
a few hundred pixels wide looks the same as one of 15 000."""


def record_rate(epochs: int, points: int = FIGURE_POINTS) -> int:
    """The ``record_every`` that records about ``points`` times over ``epochs`` epochs:
    ⌊epochs / points⌋, and at least every epoch (1) for runs of fewer than 2 × ``points``."""
    epochs = check_int("epochs", epochs, 1, MAX_EPOCHS)
    points = check_int("points", points, 1, MAX_EPOCHS)
    return max(1, epochs // points)


def _check_inputs(net: Network, X, Y, name_x: str, name_y: str) -> tuple[np.ndarray, np.ndarray]:
    X = check_matrix(name_x, X, rows=net.layer_dims[0])
    Y = check_labels(name_y, Y, X.shape[1], net.n_classes)
    return X, Y


def _evaluate(net: Network, X: np.ndarray, Y: np.ndarray) -> tuple[float, float]:
    """Cost (without the penalty) and accuracy of the network in inference mode."""
    cost, correct = net._cost_and_correct(net._forward(X, training=False), Y)
    return cost, correct / Y.shape[1]


def _measure(net: Network, dev: tuple[np.ndarray, np.ndarray] | None) -> tuple:
    """What is recorded at the ``record_epochs``: dev cost and accuracy (NaN without a dev set),
    ‖W_l‖_F and ‖dW_l‖_F of the last batch."""
    dev_cost, dev_accuracy = _evaluate(net, *dev) if dev else (math.nan, math.nan)
    weight_norms, grad_norms = net.layer_norms()
    return dev_cost, dev_accuracy, weight_norms.tolist(), grad_norms.tolist()


def train(
    net: Network,
    X: np.ndarray,
    Y: np.ndarray,
    optimizer: Optimizer,
    epochs: int,
    batch_size: int | None = None,
    lambd: float = 0.0,
    l1: float = 0.0,
    schedule: Schedule | None = None,
    seed: int = 0,
    X_dev: np.ndarray | None = None,
    Y_dev: np.ndarray | None = None,
    early_stopping_patience: int | None = None,
    callback: Callable[[int, History], bool | None] | None = None,
    history: History | None = None,
    record_every: int = 1,
) -> History:
    """Train ``net`` in place with mini-batch gradient descent and ``optimizer``'s update rule.

    Epoch e (counting from 1) shuffles the examples with ``RandomState(seed + e).permutation(m)``,
    seed + e taken mod 2³² (``seed_after``) so every seed in [0, 2³² − 1] trains (reseeding one
    generator, which gives the same stream far faster than building a new one)
    and cuts them into batches of ``batch_size`` in order, the last one smaller (None = one full
    batch, which needs no shuffle). Before epoch e ``optimizer.learning_rate = schedule(e)``, the
    lecture's α(epoch_num).
    A NaN or infinite cost stops the run as "diverged", keeping all the epochs before it. With a
    dev set and ``early_stopping_patience`` p, training stops after p epochs without a lower dev
    cost and the weights of the best epoch are restored. ``callback(epoch, history)`` runs after
    every epoch; returning False cancels. Pass a previous ``history`` to continue a run: epochs go
    on from its last one and are appended to it.

    The train cost and learning rate are recorded every epoch. The train accuracy, the dev cost
    and accuracy and the layer norms (``RECORDED_SERIES``) take more work (the dev values a
    whole forward pass): they are measured in and after every epoch that is a multiple of
    ``record_every``, and the last epoch of the call if it gets there, and listed in
    ``history.record_epochs``. The default, 1, measures every epoch; a figure drawing a few
    hundred points of a long run can ask for fewer (``record_rate``). The training is the same
    at any rate, and so is every number recorded at a given epoch; with a dev set,
    ``best_epoch`` is the recorded epoch of lowest dev cost. Early stopping watches the dev cost
    of every epoch, so it needs ``record_every`` = 1.
    """
    X, Y = _check_inputs(net, X, Y, "X", "Y")
    if net.output == "sigmoid":
        Y = Y.astype(np.float64)  # 0.0 / 1.0: A_L − Y in backprop then needs no cast
    m = X.shape[1]
    epochs = check_int("epochs", epochs, 1, MAX_EPOCHS)
    batch = m if batch_size is None else min(check_int("batch_size", batch_size, 1), m)
    lambd = check_range("lambd", lambd, 0.0, 1e6)
    l1 = check_range("l1", l1, 0.0, 1e6)
    seed = check_seed("seed", seed)
    dev, patience = _check_dev(net, X_dev, Y_dev, early_stopping_patience)
    record_every = check_int("record_every", record_every, 1, MAX_EPOCHS)
    if patience is not None and record_every > 1:
        raise ValueError(
            "early_stopping_patience watches the dev cost of every epoch: record_every must be 1 "
            f"with it; got {record_every}"
        )
    history = History() if history is None else history
    history.stopped_reason, history.message = StopReason.COMPLETED, ""
    best_train_cost = math.inf if dev else min(history.train_cost, default=math.inf)
    shuffler = np.random.RandomState()
    first = history.last_epoch + 1
    last = first + epochs - 1
    for epoch in range(first, last + 1):
        if schedule is not None:
            optimizer.learning_rate = schedule(epoch)  # α(epoch_num)
        if batch < m:  # one full batch is not shuffled
            shuffler.seed(seed_after(seed, epoch))
        recorded = epoch % record_every == 0 or epoch == last
        record = _run_epoch(net, X, Y, optimizer, batch, lambd, l1, shuffler, history, recorded)
        measured = _measure(net, dev) if record is not None and recorded else None
        if measured and dev and not math.isfinite(measured[0]):
            record = None
        if record is None:
            _stop(history, StopReason.DIVERGED, _diverged_message(epoch, optimizer))
            break
        train_cost, train_accuracy = record
        _append(history, epoch, train_cost, optimizer.learning_rate)
        if not dev and train_cost <= best_train_cost:
            best_train_cost, history.best_epoch = train_cost, epoch
        if measured:
            _record(history, net, epoch, train_accuracy, measured, dev is not None)
        if callback is not None and callback(epoch, history) is False:
            _stop(history, StopReason.CANCELLED, f"Stopped by the user after epoch {epoch}.")
            break
        if patience is not None and epoch - history.best_weights.epoch >= patience:
            _stop_early(history, net, patience)
            break
    return history


def _check_dev(
    net: Network, X_dev: np.ndarray | None, Y_dev: np.ndarray | None, patience: int | None
) -> tuple[tuple[np.ndarray, np.ndarray] | None, int | None]:
    """The dev set (None without one) and the early-stopping patience, checked."""
    dev = None
    if X_dev is not None or Y_dev is not None:
        dev = _check_inputs(net, X_dev, Y_dev, "X_dev", "Y_dev")
    if patience is not None:
        patience = check_int("early_stopping_patience", patience, 1)
        if dev is None:
            raise ValueError("early_stopping_patience needs a dev set (X_dev, Y_dev)")
    return dev, patience


def _stop(history: History, reason: StopReason, message: str) -> None:
    history.stopped_reason, history.message = reason, message


def _diverged_message(epoch: int, optimizer: Optimizer) -> str:
    return (
        f"The cost became NaN or infinite in epoch {epoch}: the learning rate "
        f"{optimizer.learning_rate:g} is probably too large."
    )


def _stop_early(history: History, net: Network, patience: int) -> None:
    """Early stopping: give ``net`` back the weights of the best dev-cost epoch."""
    best = history.best_weights
    best.restore(net)
    _stop(
        history,
        StopReason.EARLY_STOPPING,
        f"Dev cost has not improved for {patience} epochs; restored the weights of epoch "
        f"{best.epoch}.",
    )


def _run_epoch(
    net: Network,
    X: np.ndarray,
    Y: np.ndarray,
    optimizer: Optimizer,
    batch: int,
    lambd: float,
    l1: float,
    shuffler: np.random.RandomState,
    history: History,
    count: bool,
) -> tuple[float, float | None] | None:
    """One pass over the data: (train cost, train accuracy — None unless ``count``), or None if
    the cost or a parameter stopped being finite."""
    m = X.shape[1]
    if batch < m:
        order = shuffler.permutation(m)
        X, Y = X.take(order, axis=1), Y.take(order, axis=1)
    total_cost = 0.0
    correct = 0
    penalty = lambd or l1
    for begin in range(0, m, batch):
        X_batch, Y_batch = (
            (X, Y) if batch == m else (X[:, begin : begin + batch], Y[:, begin : begin + batch])
        )
        AL = net._forward(X_batch, training=True)
        size = X_batch.shape[1]
        cost, batch_correct = net._cost_and_correct(AL, Y_batch, count)
        if penalty:
            cost += net._penalty(lambd, l1, size)
        if not math.isfinite(cost):
            return None
        history.iteration_cost.append(cost)
        total_cost += cost * size
        if count:
            correct += batch_correct
        optimizer.update(net.params, net._backward(Y_batch, lambd, l1))
    if not net._finite():
        return None
    return total_cost / m, correct / m if count else None


def _append(history: History, epoch: int, train_cost: float, learning_rate: float) -> None:
    history.epochs.append(epoch)
    history.train_cost.append(train_cost)
    history.learning_rate.append(learning_rate)


def _record(
    history: History,
    net: Network,
    epoch: int,
    train_accuracy: float,
    measured: tuple,
    dev: bool,
) -> None:
    """Append the train accuracy of ``epoch`` and what ``_measure`` measured after it; with a dev
    set, keep the weights if its dev cost is the lowest so far."""
    dev_cost, dev_accuracy, weight_norms, grad_norms = measured
    history.record_epochs.append(epoch)
    history.train_accuracy.append(train_accuracy)
    history.dev_cost.append(dev_cost)
    history.dev_accuracy.append(dev_accuracy)
    history.weight_norms.append(weight_norms)
    history.grad_norms.append(grad_norms)
    if dev and history.best_weights.offer(net, epoch, dev_cost):
        history.best_epoch = epoch
