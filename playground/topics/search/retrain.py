"""One trial of a search trained again alone, as a single ``Network`` with ``train``: the check
that the batched search trains each trial exactly as a single run would."""

from __future__ import annotations

import numpy as np

from playground.engine.config import check_int
from playground.engine.nn import Network
from playground.engine.optim import make_optimizer
from playground.engine.schedules import make_schedule
from playground.engine.train import History, train
from playground.engine.tuning import MAX_TRIALS, Base, _complete


def retrain(
    config: dict,
    index: int,
    base: Base,
    X: np.ndarray,
    Y: np.ndarray,
    X_dev: np.ndarray,
    Y_dev: np.ndarray,
) -> tuple[Network, History]:
    """Train trial ``index`` of a round again, alone, as a single ``Network`` with ``train``.

    It starts from the same weights (seed ``base.trial_seed(index)``), sees the same mini-batches
    (shuffle seed ``base.seed``) and uses the same update rule as in the batched search:
    ``optimizer`` with α = α₀ / (1 + decay_rate · epoch_num), L2 λ (dW^[l] += (λ/m) W^[l])
    and inverted dropout with ``keep_prob``, its masks drawn from the same generator as in the
    search (the network's own, seeded with the trial's seed). So its dev cost is the search's
    (to rounding), with or without dropout.

    Parameters
    ----------
    config : dict
        The trial's searched values by name (the rest come from ``base``).
    index : int
        Its index in its round, in [0, MAX_TRIALS − 1]: the initialization seed is
        ``base.trial_seed(index)``.
    base : Base
        The search's shared settings.
    X, Y, X_dev, Y_dev : ndarray
        The data the search trained on: X of shape (n_x, m), Y of shape (1, m).

    Returns
    -------
    net : Network
        The trained network (layer sizes [n_x, units, …, units, n_L]).
    history : History
        Its per-epoch costs and accuracies.
    """
    index = check_int("index", index, 0, MAX_TRIALS - 1)
    full = _complete(config, base)
    Y = np.asarray(Y)
    n_classes = int(max(Y.max(), np.asarray(Y_dev).max())) + 1
    dims = [X.shape[0]] + [full["hidden_units"]] * full["layers"]
    dims.append(1 if n_classes == 2 else n_classes)
    net = Network(
        dims,
        base.activation,
        "sigmoid" if n_classes == 2 else "softmax",
        seed=base.trial_seed(index),
        keep_probs=[full["keep_prob"]] * full["layers"],
    )
    names = {
        "momentum": ("beta",),
        "nesterov": ("beta",),
        "rmsprop": ("beta",),
        "adam": ("beta1", "beta2"),
    }.get(base.optimizer, ())
    rate = full["learning_rate"]
    optimizer = make_optimizer(base.optimizer, rate, **{name: full[name] for name in names})
    decay = full["decay_rate"]
    schedule = make_schedule("inverse_time", rate, decay) if decay > 0 else None
    history = train(
        net,
        X,
        Y,
        optimizer,
        base.epochs,
        batch_size=full["batch_size"],
        lambd=full["lambd"],
        schedule=schedule,
        seed=base.seed,
        X_dev=X_dev,
        Y_dev=Y_dev,
    )
    return net, history
