"""Softmax regression for C classes, worked through on one example and compared with logistic
regression when C = 2.

The output layer computes z^[L] = W^[L] a^[L−1] + b^[L] (C numbers per example), then

    t = e^(z^[L]),  a^[L] = t / Σ_j t_j,  L(ŷ, y) = −Σ_j y_j log a_j,

with y the one-hot vector of the label. Backprop starts from dZ^[L] = ∂L/∂z = ŷ − y = a − y
(checked against finite differences by :func:`finite_difference_dz`). The prediction is the
hardmax: the class with the largest a_j. With C = 2,
P(y = 1 | x) = e^(z₁) / (e^(z₀) + e^(z₁)) = σ(z₁ − z₀): softmax is logistic regression on
w = w₁ − w₀, b = b₁ − b₀.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from playground.engine.activations import sigmoid, softmax
from playground.engine.config import (
    MAX_CLASSES,
    Setting,
    check_int,
    check_labels,
    check_matrix,
    check_range,
    settings_by_key,
)
from playground.engine.data import MULTICLASS_DATASETS
from playground.engine.experiment import Data, Run, hidden_layers, make_data, outcome
from playground.engine.nn import PROB_CLIP, Network
from playground.engine.settings import ALL

SETTINGS = (
    Setting(
        "ds",
        "Data set",
        "spiral",
        "choice",
        options=tuple(sorted(MULTICLASS_DATASETS, reverse=True)),
        help="spiral: C interleaved arms; gaussians: C blobs. Set the number of classes below.",
    ),
    Setting(
        "pt",
        "Worked example: dev point #",
        0,
        "int",
        low=0,
        high=99,
        step=1,
        help="Which dev example to follow through z → e^z → a → loss (clipped to the dev set).",
    ),
)
BY_KEY = settings_by_key(*SETTINGS)
LECTURE_Z = (5.0, 2.0, -1.0, 3.0)
"""The lecture's worked example z^[L] (C = 4), which gives a ≈ (0.842, 0.042, 0.002, 0.114)."""
FD_STEP = 1e-6
"""The step h of the central differences (L(z + h e_j) − L(z − h e_j)) / 2h."""
DATA_KEYS = ("ds", "noise", "n", "C", "dev", "dseed")
NETWORK_KEYS = ("layers", "h1", "h2", "h3", "act")
TRAINING_KEYS = ("lr", "bs", "epochs", "seed")
PAGE_SETTINGS = {key: ALL[key] for key in (*DATA_KEYS[1:], *NETWORK_KEYS, *TRAINING_KEYS)} | BY_KEY
"""Every setting of the page by key: the shared ones of ``ALL``, and its own (data set, dev
point)."""


def softmax_network(values: dict, n_x: int, n_classes: int) -> Network:
    """The settings' network with a softmax output of C units, even for C = 2."""
    n_classes = check_int("n_classes", n_classes, 2, MAX_CLASSES)
    hidden = hidden_layers(values)
    return Network(
        [n_x, *hidden, n_classes],
        hidden_activation=values["act"],
        output="softmax",
        init=values["init"],
        init_scale=values["iscale"],
        seed=values["seed"],
    )


class SoftmaxRun(Run):
    """A ``Run`` whose network always ends in a C-way softmax (a 2-unit one when C = 2)."""

    def __init__(self, values: dict, data: Data):
        super().__init__(values, data)
        self.net = softmax_network(self.values, data.n_x, data.n_classes)
        self.initial_net = self.net.copy()


def logits(net: Network, X: np.ndarray) -> np.ndarray:
    """z^[L] = W^[L] a^[L−1] + b^[L] of every example, shape (C, m).

    Needs a network without batch norm (whose training-mode forward pass equals inference mode
    when dropout is off); ``net`` is not changed.
    """
    if net.batch_norm:
        raise ValueError("net must not use batch norm to read its logits")
    X = check_matrix("X", X, rows=net.layer_dims[0])
    probe = net.copy()
    probe._forward(X, training=True, dropout=False)
    L = net.L
    return probe.params[f"W{L}"] @ probe._cache.A[L - 1] + probe.params[f"b{L}"]


@dataclass
class WorkedExample:
    """One example through the softmax layer, in the course's notation (vectors of C)."""

    z: np.ndarray
    """z^[L], the logits."""
    t: np.ndarray
    """t = e^(z^[L])."""
    a: np.ndarray
    """a^[L] = t / Σ_j t_j."""
    y: np.ndarray
    """The one-hot label."""
    loss: float
    """L = −Σ_j y_j log a_j = −log a_label."""

    @property
    def label(self) -> int:
        return int(self.y.argmax())

    @property
    def predicted(self) -> int:
        """The hardmax: argmax_j a_j."""
        return int(self.a.argmax())

    @property
    def dz(self) -> np.ndarray:
        """dZ^[L] = ∂L/∂z = ŷ − y = a − y, where backprop starts."""
        return self.a - self.y


def worked_example(z: np.ndarray, label: int) -> WorkedExample:
    """Follow logits ``z`` (C values) with true class ``label`` through softmax and the loss.

    t_j = e^(z_j), a_j = t_j / Σ_k t_k, y = one-hot(label), L = −Σ_j y_j log a_j (a_j clipped
    below at 1e-15).

    Raises
    ------
    ValueError
        If z is not C ≥ 2 finite numbers, or label is not in 0 … C − 1.
    """
    z = check_matrix("z", np.reshape(np.asarray(z, dtype=float), (-1, 1))).ravel()
    C = check_int("len(z)", z.size, 2, MAX_CLASSES)
    label = check_int("label", label, 0, C - 1)
    t = np.exp(z)
    a = softmax(z[:, np.newaxis]).ravel()
    y = np.zeros(C)
    y[label] = 1.0
    loss = float(-np.sum(y * np.log(np.maximum(a, PROB_CLIP))))
    return WorkedExample(z, t, a, y, loss)


def finite_difference_dz(z: np.ndarray, label: int, step: float = FD_STEP) -> np.ndarray:
    """∂L/∂z_j ≈ (L(z + h e_j) − L(z − h e_j)) / 2h for j = 1 … C, L = −log softmax(z)_label,
    without the formula dZ = a − y: what :attr:`WorkedExample.dz` is checked against.

    Raises
    ------
    ValueError
        As :func:`worked_example`, or if the step h is not in (0, 0.1].
    """
    step = check_range("step", step, 0.0, 0.1, inclusive_low=False)
    z = worked_example(z, label).z
    gradient = np.empty_like(z)
    for j in range(z.size):
        shift = np.zeros_like(z)
        shift[j] = step
        up, down = worked_example(z + shift, label).loss, worked_example(z - shift, label).loss
        gradient[j] = (up - down) / (2 * step)
    return gradient


def confusion_matrix(Y_true: np.ndarray, Y_pred: np.ndarray, n_classes: int) -> np.ndarray:
    """Counts[i, j] = number of examples of true class i predicted as class j, shape (C, C)."""
    n_classes = check_int("n_classes", n_classes, 2, MAX_CLASSES)
    Y_true = check_labels("Y_true", Y_true, np.shape(Y_true)[-1], n_classes)
    Y_pred = check_labels("Y_pred", Y_pred, Y_true.shape[1], n_classes)
    counts = np.zeros((n_classes, n_classes), dtype=np.int64)
    np.add.at(counts, (Y_true[0], Y_pred[0]), 1)
    return counts


def sigmoid_equivalent(net: Network) -> Network:
    """The logistic-regression output equivalent to a 2-class softmax network.

    Same hidden layers; output w = W^[L]_1 − W^[L]_0 (a row), b = b^[L]_1 − b^[L]_0, then σ.
    Its ŷ = σ(z₁ − z₀) equals the softmax's a₁ for every input.
    """
    if net.output != "softmax" or net.layer_dims[-1] != 2:
        raise ValueError(
            f"net must have a softmax output of 2 classes; got {net.output} with "
            f"{net.layer_dims[-1]} outputs"
        )
    if net.batch_norm:
        raise ValueError("net must not use batch norm")
    L = net.L
    twin = Network(
        [*net.layer_dims[:-1], 1],
        hidden_activation=net.hidden_activation,
        output="sigmoid",
        seed=net.seed,
    )
    params = {key: value.copy() for key, value in net.params.items()}
    params[f"W{L}"] = net.params[f"W{L}"][1:2] - net.params[f"W{L}"][0:1]
    params[f"b{L}"] = net.params[f"b{L}"][1:2] - net.params[f"b{L}"][0:1]
    twin.params = params
    return twin


@dataclass
class Reduction:
    """How closely the 2-class softmax matches logistic regression on a set of points."""

    softmax_p1: np.ndarray
    """a₁ of the softmax network, shape (m,)."""
    sigma_gap: float
    """max |a₁ − σ(z₁ − z₀)| with z = the softmax network's logits."""
    sigmoid_net_gap: float
    """max |a₁ − ŷ| with ŷ of ``sigmoid_equivalent(net)``."""


def two_class_reduction(net: Network, X: np.ndarray) -> Reduction:
    """Check P(y = 1 | x) = σ(z₁ − z₀) on the points X, two ways (see ``Reduction``)."""
    twin = sigmoid_equivalent(net)
    X = check_matrix("X", X, rows=net.layer_dims[0])
    p1 = net.forward(X)[1]
    z = logits(net, X)
    by_formula = sigmoid(z[1] - z[0])
    by_network = twin.forward(X)[0]
    return Reduction(
        p1,
        float(np.max(np.abs(p1 - by_formula))),
        float(np.max(np.abs(p1 - by_network))),
    )


def page_values(values: dict) -> dict:
    """The complete training settings for ``SoftmaxRun``: Adam, no regularization, no BN."""
    full = {key: ALL[key].coerce(values[key]) for key in values if key in ALL}
    full["ds"] = BY_KEY["ds"].coerce(values.get("ds", BY_KEY["ds"].default))
    return {key: setting.default for key, setting in ALL.items()} | full


def measure(values: dict) -> dict[str, object]:
    """What the page shows for its settings, by name, once the run trained: the softmax loss J
    of the untrained network on the training set ("start_cost", chance is log C) and the
    run's ``outcome``; the most common mistake of the dev confusion matrix ("worst_true" taken
    for "worst_predicted", "worst_count" times); and for C = 2 how far
    a₁ is from σ(z₁ − z₀) and from the sigmoid network's output ("sigma_gap", "sigmoid_gap")."""
    settings = page_values(values)
    data = make_data(settings)
    run = SoftmaxRun(settings, data)
    start_cost = run.net.cost(run.net.forward(data.X_train), data.Y_train)
    run.advance()
    C = data.n_classes
    counts = confusion_matrix(data.Y_dev, run.net.predict(data.X_dev), C)
    off = counts - np.diag(np.diag(counts))
    i, j = (int(k) for k in np.unravel_index(off.argmax(), off.shape))
    shown = {"start_cost": start_cost, "C": C} | outcome(run)
    shown |= {"worst_true": i, "worst_predicted": j, "worst_count": int(off[i, j])}
    if C == 2:
        check = two_class_reduction(run.net, data.X_dev)
        shown |= {"sigma_gap": check.sigma_gap, "sigmoid_gap": check.sigmoid_net_gap}
    return shown
