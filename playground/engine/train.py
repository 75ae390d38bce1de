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
    """What one training run recorded, one entry per finished epoch (epochs count from 1).

    ``train_cost`` is the mean cost over the epoch's examples (each mini-batch's cost weighted by
    its size, measured before that batch's update, so with dropout it is the noisy training-mode
    cost); ``train_accuracy`` likewise. ``iteration_cost`` holds every mini-batch's cost.
    ``dev_cost`` and ``dev_accuracy`` are NaN when no dev set was given. ``weight_norms[e][l-1]``
    is ‖W_l‖_F after epoch e, ``grad_norms[e][l-1]`` is ‖dW_l‖_F of the epoch's last batch.
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

    @property
    def last_epoch(self) -> int:
        """The number of the last recorded epoch (0 before training)."""
        return self.epochs[-1] if self.epochs else 0

    def to_dict(self) -> dict:
        """Plain lists and numbers, ready for JSON (the saved best weights are left out)."""
        return {f.name: getattr(self, f.name) for f in fields(self) if f.name != "best_weights"}


def _check_inputs(net: Network, X, Y, name_x: str, name_y: str) -> tuple[np.ndarray, np.ndarray]:
    X = check_matrix(name_x, X, rows=net.layer_dims[0])
    Y = check_labels(name_y, Y, X.shape[1], net.n_classes)
    return X, Y


def _evaluate(net: Network, X: np.ndarray, Y: np.ndarray) -> tuple[float, float]:
    """Cost (without the penalty) and accuracy of the network in inference mode."""
    cost, correct = net._cost_and_correct(net._forward(X, training=False), Y)
    return cost, correct / Y.shape[1]


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
    """
    X, Y = _check_inputs(net, X, Y, "X", "Y")
    m = X.shape[1]
    epochs = check_int("epochs", epochs, 1, MAX_EPOCHS)
    batch = m if batch_size is None else min(check_int("batch_size", batch_size, 1), m)
    lambd = check_range("lambd", lambd, 0.0, 1e6)
    l1 = check_range("l1", l1, 0.0, 1e6)
    seed = check_seed("seed", seed)
    dev, patience = _check_dev(net, X_dev, Y_dev, early_stopping_patience)
    history = History() if history is None else history
    history.stopped_reason, history.message = StopReason.COMPLETED, ""
    best_train_cost = min(history.train_cost, default=math.inf)
    shuffler = np.random.RandomState()
    first = history.last_epoch + 1
    for epoch in range(first, first + epochs):
        if schedule is not None:
            optimizer.learning_rate = schedule(epoch)  # α(epoch_num)
        shuffler.seed(seed_after(seed, epoch))
        record = _run_epoch(net, X, Y, optimizer, batch, lambd, l1, shuffler, history)
        dev_cost, dev_accuracy = _evaluate(net, *dev) if dev else (math.nan, math.nan)
        if record is None or (dev and not math.isfinite(dev_cost)):
            _stop(history, StopReason.DIVERGED, _diverged_message(epoch, optimizer))
            break
        _append(history, epoch, record, optimizer.learning_rate, dev_cost, dev_accuracy)
        if dev:
            if history.best_weights.offer(net, epoch, dev_cost):
                history.best_epoch = epoch
        elif history.train_cost[-1] <= best_train_cost:
            best_train_cost, history.best_epoch = history.train_cost[-1], epoch
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
) -> tuple | None:
    """One pass over the data: (train cost, train accuracy, weight norms, gradient norms),
    or None if the cost or a parameter stopped being finite."""
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
        cost, batch_correct = net._cost_and_correct(AL, Y_batch)
        if penalty:
            cost += net._penalty(lambd, l1, size)
        if not math.isfinite(cost):
            return None
        history.iteration_cost.append(cost)
        total_cost += cost * size
        correct += batch_correct
        optimizer.update(net.params, net._backward(Y_batch, lambd, l1))
    weight_norms, grad_norms = net.layer_norms()
    if not np.isfinite(weight_norms).all():
        return None
    return total_cost / m, correct / m, weight_norms, grad_norms


def _append(
    history: History,
    epoch: int,
    record: tuple,
    learning_rate: float,
    dev_cost: float,
    dev_accuracy: float,
) -> None:
    train_cost, train_accuracy, weight_norms, grad_norms = record
    history.epochs.append(epoch)
    history.train_cost.append(train_cost)
    history.train_accuracy.append(train_accuracy)
    history.dev_cost.append(dev_cost)
    history.dev_accuracy.append(dev_accuracy)
    history.learning_rate.append(learning_rate)
    history.weight_norms.append(weight_norms.tolist())
    history.grad_norms.append(grad_norms.tolist())
