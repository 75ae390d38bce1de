"""A network shape with its regularization (:class:`Model`), trained from scratch with full-batch
Adam (:func:`fit`) exactly as a :class:`playground.engine.experiment.Run` of the same settings
(:func:`model_values`) trains it, and its error rate (:func:`error_rate`): the reference
trainings of the bias-variance and the train/dev/test pages.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from playground.engine import settings as spec
from playground.engine.blas import one_blas_thread
from playground.engine.config import (
    MAX_CLASSES,
    MAX_LAYERS,
    MAX_UNITS,
    check_int,
    check_labels,
    check_matrix,
    check_range,
)
from playground.engine.experiment import make_network, make_optimizer_from
from playground.engine.nn import Network
from playground.engine.train import train

DEFAULT_EPOCHS = 500
"""Full-batch Adam epochs of :func:`fit` unless told (the bias-variance page's default)."""
DEFAULT_LEARNING_RATE = 0.01
"""α of :func:`fit` unless told."""


@dataclass(frozen=True)
class Model:
    """A network shape and its regularization: [n_x, *hidden, n_out], L2 λ, dropout keep_prob.

    ``hidden`` lists n^[1], …, n^[L-1] (empty: logistic regression). ``lambd`` adds
    λ/(2m)·Σ_l ‖W^[l]‖²_F to the cost; every hidden layer keeps its units with ``keep_prob``.
    """

    hidden: tuple[int, ...]
    lambd: float = 0.0
    keep_prob: float = 1.0

    def __post_init__(self) -> None:
        if isinstance(self.hidden, (str, bytes)) or not isinstance(self.hidden, Sequence):
            raise ValueError(f"hidden must be a tuple of layer widths; got {self.hidden!r}")
        if len(self.hidden) > MAX_LAYERS - 1:
            raise ValueError(
                f"hidden must list at most {MAX_LAYERS - 1} layers; got {len(self.hidden)}"
            )
        widths = tuple(
            check_int(f"hidden[{i}]", n, 1, MAX_UNITS) for i, n in enumerate(self.hidden)
        )
        object.__setattr__(self, "hidden", widths)
        object.__setattr__(self, "lambd", check_range("lambd", self.lambd, 0.0, 1e6))
        keep = check_range("keep_prob", self.keep_prob, 0.0, 1.0, inclusive_low=False)
        object.__setattr__(self, "keep_prob", keep)

    def weights(self, n_x: int, n_out: int) -> int:
        """Number of parameters Σ_l n^[l] (n^[l-1] + 1) of [n_x, *hidden, n_out]."""
        dims = (n_x, *self.hidden, n_out)
        return sum(n * (n_prev + 1) for n_prev, n in zip(dims, dims[1:], strict=False))


def model_values(model: Model, epochs: int, learning_rate: float, seed: int) -> dict:
    """The training settings (keys of ``playground.engine.settings.ALL``) of ``model``.

    Full-batch Adam (β₁ = 0.9, β₂ = 0.999, ε = 1e-8), ReLU hidden units, He initialization,
    constant α, no early stopping: what :func:`fit` and the page's runs share.
    """
    if not isinstance(model, Model):
        raise ValueError(f"model must be a Model; got {type(model).__name__}")
    epochs = check_int("epochs", epochs, 1, spec.MAX_EPOCHS)
    learning_rate = check_range("learning_rate", learning_rate, 0.0, 100.0, inclusive_low=False)
    seed = check_int("seed", seed, 0, 2**32 - 1)
    values = {key: setting.default for key, setting in spec.ALL.items()}
    values |= {f"h{l}": n for l, n in enumerate(model.hidden, start=1)}
    values |= {f"kp{l}": model.keep_prob for l in range(1, len(model.hidden) + 1)}
    values |= {
        "layers": len(model.hidden),
        "act": "relu",
        "init": "he",
        "l2": model.lambd,
        "l1": 0.0,
        "bn": False,
        "es": 0,
        "opt": "adam",
        "lr": learning_rate,
        "sched": "constant",
        "bs": "full",
        "epochs": epochs,
        "seed": seed,
    }
    return values


def _check_xy(
    X: object, Y: object, name: str, n_x: int | None = None
) -> tuple[np.ndarray, np.ndarray]:
    X = check_matrix(f"X_{name}", X, rows=n_x)
    Y = check_labels(f"Y_{name}", Y, X.shape[1], MAX_CLASSES)
    return X, Y


def _n_classes(n_classes: int | None, *labels: np.ndarray) -> int:
    """C: given, or the largest label + 1 (at least 2); every label must be below it."""
    largest = max(int(Y.max()) for Y in labels)
    if n_classes is None:
        return max(2, largest + 1)
    n_classes = check_int("n_classes", n_classes, 2, MAX_CLASSES)
    if largest >= n_classes:
        raise ValueError(f"n_classes must exceed every label (largest {largest}); got {n_classes}")
    return n_classes


def fit(
    X_train: np.ndarray,
    Y_train: np.ndarray,
    model: Model,
    n_classes: int | None = None,
    epochs: int = DEFAULT_EPOCHS,
    learning_rate: float = DEFAULT_LEARNING_RATE,
    seed: int = 1,
) -> Network:
    """Train a fresh network [n_x, *model.hidden, n_out] on X_train (n_x, m), Y_train (1, m).

    ``epochs`` full-batch steps of Adam on J = −(1/m) Σ_i [y log a^[L] + (1 − y) log(1 − a^[L])]
    + λ/(2m) Σ_l ‖W^[l]‖²_F (softmax cross-entropy for C > 2), with W^[l] ~ randn · √(2/n^[l-1])
    drawn from ``RandomState(seed)``. The result equals a ``Run`` of ``model_values(model, …)``.
    BLAS runs on one thread (the matrices are small).

    Parameters
    ----------
    X_train, Y_train : arrays (n_x, m) and (1, m)
        Training examples and labels 0..C-1.
    model : Model
        Hidden widths, λ and keep_prob.
    n_classes : int, optional
        C in [2, MAX_CLASSES] (sigmoid output for 2, softmax above); default: largest label + 1.
        Give it when ``Y_train`` may miss a class (a small slice of the training set).
    epochs : int
        In [1, MAX_EPOCHS].
    learning_rate : float
        α in (0, 100].
    seed : int
        In [0, 2**32 − 1]: initialization and dropout masks.

    Raises
    ------
    ValueError
        Naming the argument that is malformed or out of range.
    """
    X_train, Y_train = _check_xy(X_train, Y_train, "train")
    n_classes = _n_classes(n_classes, Y_train)
    values = model_values(model, epochs, learning_rate, seed)
    net = make_network(values, X_train.shape[0], n_classes)
    optimizer = make_optimizer_from(values)
    # Small matrices: one BLAS thread is faster, and threads fighting over a busy server's
    # cores made some layer sizes ten times slower.
    with one_blas_thread():
        train(net, X_train, Y_train, optimizer, epochs, lambd=model.lambd, seed=seed)
    return net


def error_rate(net: Network, X: np.ndarray, Y: np.ndarray) -> float:
    """Fraction of misclassified examples, (1/m) Σ_i 1{ŷ^(i) ≠ y^(i)}; NaN for an empty set."""
    if not isinstance(net, Network):
        raise ValueError(f"net must be a Network; got {type(net).__name__}")
    if np.shape(X) == (net.layer_dims[0], 0) and np.shape(Y) == (1, 0):
        return math.nan
    X, Y = _check_xy(X, Y, "", n_x=net.layer_dims[0])
    return float(np.mean(net.predict(X) != Y))


def check_sets(
    X_train: object, Y_train: object, X_dev: object, Y_dev: object, n_classes: int | None
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, int]:
    """A training and a dev set, validated (the dev set with the training set's n_x), and C:
    ``n_classes`` checked against every label, or the largest label + 1 (at least 2)."""
    X_train, Y_train = _check_xy(X_train, Y_train, "train")
    X_dev, Y_dev = _check_xy(X_dev, Y_dev, "dev", n_x=X_train.shape[0])
    return X_train, Y_train, X_dev, Y_dev, _n_classes(n_classes, Y_train, Y_dev)
