"""Learning curves and model-size sweeps: train and dev error as the training set grows, and as
the hidden layers widen.

A learning curve trains a model on growing training sets m_train (high variance: the dev error
keeps falling, more data helps; high bias: train and dev errors meet on a plateau above the
Bayes error, more data does not). A model-size sweep trains growing hidden layers (small: high
bias; large: high variance unless regularized). Every point is a fresh network trained by
:func:`playground.engine.fitting.fit`.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from playground.engine import settings as spec
from playground.engine.config import MAX_SAMPLES, MAX_UNITS, check_int
from playground.engine.fitting import (
    DEFAULT_EPOCHS,
    DEFAULT_LEARNING_RATE,
    Model,
    check_sets,
    error_rate,
    fit,
)

CURVE_POINTS = 8
"""Training-set sizes on a learning curve."""
SMALLEST_TRAIN_SIZE = 10
"""First m_train of a learning curve (or m_train itself when the training set is smaller)."""
CURVE_MAX_WORK = 1e10
"""Most work of one curve, epochs × (Σ examples × weights + trainings × EPOCH_WORK): ≈ 5 s."""
EPOCH_WORK = 2e5
"""The fixed cost of one epoch (Python, bookkeeping) in the same unit (≈ 0.1 ms)."""


@dataclass(frozen=True)
class Curve:
    """Train and dev error (fractions) at each x: training-set sizes or hidden units."""

    x: tuple[int, ...]
    train_error: tuple[float, ...]
    dev_error: tuple[float, ...]

    @property
    def gap(self) -> tuple[float, ...]:
        """dev − train at each x: the variance."""
        return tuple(d - t for t, d in zip(self.train_error, self.dev_error, strict=True))


def learning_curve_sizes(
    m_train: int, count: int = CURVE_POINTS, smallest: int = SMALLEST_TRAIN_SIZE
) -> tuple[int, ...]:
    """Training-set sizes evenly spaced on a log scale from ``smallest`` to ``m_train``.

    m_i = round(smallest · (m_train / smallest)^(i/(count − 1))), i = 0 … count − 1, duplicates
    dropped (so fewer than ``count`` sizes when m_train is small); always ends at m_train.

    Raises
    ------
    ValueError
        If m_train is not in [1, MAX_SAMPLES], count not in [2, 50] or smallest not ≥ 1.
    """
    m_train = check_int("m_train", m_train, 1, MAX_SAMPLES)
    count = check_int("count", count, 2, 50)
    smallest = min(check_int("smallest", smallest, 1), m_train)
    sizes = np.unique(np.round(np.geomspace(smallest, m_train, count)).astype(int))
    return tuple(int(m) for m in sizes)


def curve_work(epochs: int, example_weights: float, trainings: int) -> float:
    """epochs × (Σ examples × weights + trainings × EPOCH_WORK): the unit of CURVE_MAX_WORK."""
    return float(epochs) * (example_weights + trainings * EPOCH_WORK)


def check_curve_work(epochs: int, example_weights: float, trainings: int, what: str) -> None:
    """Raise a ValueError naming ``what`` (a learning curve, a sweep) if its :func:`curve_work`
    is above ``CURVE_MAX_WORK``."""
    work = curve_work(epochs, example_weights, trainings)
    if work > CURVE_MAX_WORK:
        raise ValueError(
            f"the {what} needs {work:.2g} units of work (epochs × examples × weights), more "
            f"than this server computes per curve ({CURVE_MAX_WORK:.0g}): use fewer epochs, "
            "examples or units"
        )


def learning_curve(
    X_train: np.ndarray,
    Y_train: np.ndarray,
    X_dev: np.ndarray,
    Y_dev: np.ndarray,
    model: Model,
    sizes: Sequence[int] | None = None,
    n_classes: int | None = None,
    epochs: int = DEFAULT_EPOCHS,
    learning_rate: float = DEFAULT_LEARNING_RATE,
    seed: int = 1,
) -> Curve:
    """Train and dev error of ``model`` trained on the first m_i training examples, for each m_i.

    For each size m_i a fresh network is trained (:func:`fit`) on X_train[:, :m_i]; its train
    error is measured on those m_i examples and its dev error on the whole dev set. Read it as
    the course does: a wide gap dev − train that narrows as m_train grows is high variance (more
    data helps); train and dev errors that meet on a plateau well above the Bayes error are high
    bias (more data does not help, a bigger network does).

    Parameters
    ----------
    X_train, Y_train, X_dev, Y_dev : arrays (n_x, m) and (1, m)
        The training set (already shuffled: its first m_i examples are a random sample) and
        the dev set.
    model : Model
    sizes : sequence of int, optional
        Increasing sizes in [1, m_train]; default ``learning_curve_sizes(m_train)``.
    n_classes, epochs, learning_rate, seed
        As in :func:`fit`.

    Returns
    -------
    Curve
        ``x`` = the sizes.

    Raises
    ------
    ValueError
        Naming the argument that is malformed, or if the curve's work (:func:`curve_work` of
        Σ m_i × weights) is above ``CURVE_MAX_WORK``.
    """
    X_train, Y_train, X_dev, Y_dev, n_classes = check_sets(
        X_train, Y_train, X_dev, Y_dev, n_classes
    )
    m_train = X_train.shape[1]
    if sizes is None:
        sizes = learning_curve_sizes(m_train)
    if isinstance(sizes, (str, bytes)) or not isinstance(sizes, Sequence) or not sizes:
        raise ValueError(f"sizes must be a non-empty list of training-set sizes; got {sizes!r}")
    sizes = tuple(check_int(f"sizes[{i}]", m, 1, m_train) for i, m in enumerate(sizes))
    if any(b <= a for a, b in zip(sizes, sizes[1:], strict=False)):
        raise ValueError(f"sizes must be strictly increasing; got {list(sizes)}")
    n_out = 1 if n_classes == 2 else n_classes
    weights = model.weights(X_train.shape[0], n_out)
    check_curve_work(epochs, sum(sizes) * weights, len(sizes), "learning curve")
    train_errors, dev_errors = [], []
    for m in sizes:
        net = fit(X_train[:, :m], Y_train[:, :m], model, n_classes, epochs, learning_rate, seed)
        train_errors.append(error_rate(net, X_train[:, :m], Y_train[:, :m]))
        dev_errors.append(error_rate(net, X_dev, Y_dev))
    return Curve(sizes, tuple(train_errors), tuple(dev_errors))


def sweep_units(largest: int) -> tuple[int, ...]:
    """Hidden widths 1, 2, 4, … up to ``largest`` (in [1, MAX_UNITS]), always ending at it."""
    largest = check_int("largest", largest, 1, MAX_UNITS)
    powers = [2**k for k in range(int(math.log2(largest)) + 1) if 2**k < largest]
    return (*powers, largest)


def model_size_sweep(
    X_train: np.ndarray,
    Y_train: np.ndarray,
    X_dev: np.ndarray,
    Y_dev: np.ndarray,
    units: Sequence[int] = (1, 2, 4, 8, 16, 32, 64),
    layers: int = 2,
    lambd: float = 0.0,
    keep_prob: float = 1.0,
    n_classes: int | None = None,
    epochs: int = DEFAULT_EPOCHS,
    learning_rate: float = DEFAULT_LEARNING_RATE,
    seed: int = 1,
) -> Curve:
    """Train and dev error of networks with ``layers`` hidden layers of n units, for each n.

    Each network [n_x, n, …, n, n_out] is trained on the whole training set with :func:`fit`.
    Small n underfits (train error far above the Bayes error: high bias); large n without
    regularization fits the training set and its noise (train error → 0, dev error above it:
    high variance); λ > 0 or keep_prob < 1 narrows that gap.

    Parameters
    ----------
    X_train, Y_train, X_dev, Y_dev : arrays (n_x, m) and (1, m)
    units : sequence of int
        Strictly increasing widths in [1, MAX_UNITS].
    layers : int
        Hidden layers in [1, 6].
    lambd, keep_prob
        The regularization of every network (see :class:`Model`).
    n_classes, epochs, learning_rate, seed
        As in :func:`fit`.

    Returns
    -------
    Curve
        ``x`` = the widths.

    Raises
    ------
    ValueError
        Naming the argument that is malformed, or if the sweep's work is above
        ``CURVE_MAX_WORK``.
    """
    X_train, Y_train, X_dev, Y_dev, n_classes = check_sets(
        X_train, Y_train, X_dev, Y_dev, n_classes
    )
    if isinstance(units, (str, bytes)) or not isinstance(units, Sequence) or not units:
        raise ValueError(f"units must be a non-empty list of widths; got {units!r}")
    units = tuple(check_int(f"units[{i}]", n, 1, MAX_UNITS) for i, n in enumerate(units))
    if any(b <= a for a, b in zip(units, units[1:], strict=False)):
        raise ValueError(f"units must be strictly increasing; got {list(units)}")
    layers = check_int("layers", layers, 1, spec.MAX_HIDDEN_LAYERS)
    models = [Model((n,) * layers, lambd, keep_prob) for n in units]
    n_x, n_out = X_train.shape[0], 1 if n_classes == 2 else n_classes
    weights = sum(model.weights(n_x, n_out) for model in models)
    check_curve_work(epochs, X_train.shape[1] * weights, len(models), "model-size sweep")
    train_errors, dev_errors = [], []
    for model in models:
        net = fit(X_train, Y_train, model, n_classes, epochs, learning_rate, seed)
        train_errors.append(error_rate(net, X_train, Y_train))
        dev_errors.append(error_rate(net, X_dev, Y_dev))
    return Curve(units, tuple(train_errors), tuple(dev_errors))
