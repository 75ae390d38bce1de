"""Bias and variance in practice: four reference models, learning curves and model-size sweeps.

The course reads a model through three errors (all fractions in [0, 1]):

* the Bayes error (estimated from the data's noise, see :mod:`playground.diagnose`);
* the train error: train − Bayes is the *avoidable bias*;
* the dev error: dev − train is the *variance*.

This module trains the networks that make those errors visible. A :class:`Model` is a network
shape with its regularization; :func:`fit` trains one with full-batch Adam, exactly as a
:class:`playground.experiment.Run` of the same settings does. :func:`learning_curve` trains a
model on growing training sets m_train (high variance: the dev error keeps falling, more data
helps; high bias: train and dev errors meet on a plateau above the Bayes error, more data does
not) and :func:`model_size_sweep` on growing hidden layers (small: high bias; large: high
variance unless regularized). :func:`bias_variance_models` names the page's four runs: a small
and a large network, each with and without regularization.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from playground.engine import settings as spec
from playground.engine.blas import one_blas_thread
from playground.engine.config import (
    MAX_CLASSES,
    MAX_LAYERS,
    MAX_SAMPLES,
    MAX_UNITS,
    Setting,
    check_choice,
    check_int,
    check_labels,
    check_matrix,
    check_range,
    coerce_settings,
    settings_by_key,
)
from playground.engine.diagnose import Diagnosis, diagnose_run, estimate_bayes_error
from playground.engine.experiment import (
    Data,
    OneThreadRun,
    Run,
    make_data,
    make_network,
    make_optimizer_from,
)
from playground.engine.nn import Network
from playground.engine.train import train

DEFAULT_EPOCHS = 500
"""Full-batch Adam epochs of every training on the bias-variance page (its default)."""
DEFAULT_LEARNING_RATE = 0.01
CURVE_POINTS = 8
"""Training-set sizes on a learning curve."""
SMALLEST_TRAIN_SIZE = 10
"""First m_train of a learning curve (or m_train itself when the training set is smaller)."""
CURVE_MAX_WORK = 1e10
"""Most work of one curve, epochs × (Σ examples × weights + trainings × EPOCH_WORK): ≈ 5 s."""
EPOCH_WORK = 2e5
"""The fixed cost of one epoch (Python, bookkeeping) in the same unit (≈ 0.1 ms)."""
REGULARIZERS = ("l2", "dropout")
BIG_UNITS = (8, 16, 32, 64, 128)
"""Widths offered for each of the large network's two hidden layers."""

SETTINGS = (
    dataclasses.replace(spec.ALL["ds"], default="moons"),
    dataclasses.replace(spec.ALL["noise"], default=0.2),
    spec.ALL["n"],
    spec.ALL["C"],
    spec.ALL["dev"],
    spec.ALL["dseed"],
    Setting(
        "small",
        "Small net: hidden units",
        2,
        "int",
        low=1,
        high=8,
        step=1,
        help="The small network is [n_x, units, 1]: one hidden layer this wide.",
    ),
    Setting(
        "big",
        "Large net: units per layer",
        64,
        "int",
        options=BIG_UNITS,
        help="The large network is [n_x, units, units, 1]: two hidden layers this wide.",
    ),
    Setting(
        "reg",
        "Regularization",
        "l2",
        "choice",
        options=REGULARIZERS,
        help="What the two regularized runs add: L2 weight decay or inverted dropout.",
    ),
    dataclasses.replace(
        spec.ALL["l2"],
        default=0.7,
        help="λ of the regularized runs: J + λ/(2m)·Σ‖W‖² (the course's notebook uses 0.7).",
    ),
    Setting(
        "kp",
        "keep_prob",
        0.86,
        options=(0.5, 0.6, 0.7, 0.8, 0.86, 0.9, 0.95),
        help="Dropout of the regularized runs: keep each hidden unit with this chance "
        "(the course's notebook uses 0.86).",
    ),
    dataclasses.replace(
        spec.ALL["epochs"],
        default=DEFAULT_EPOCHS,
        options=(50, 100, 200, 300, 500, 1000, 2000, 3000),
        help="Full-batch Adam epochs of every training on this page (runs and curves).",
    ),
    spec.ALL["lr"],
    spec.ALL["seed"],
)
"""The bias-variance page's settings; keys shared with ``playground.settings.ALL`` keep their
meaning (only the page's defaults differ: noisy moons, λ = 0.7, 500 epochs)."""


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


def model_values(model: Model, epochs: int, learning_rate: float, seed: int) -> dict:
    """The training settings (keys of ``playground.settings.ALL``) of ``model``.

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


def _check_work(epochs: int, example_weights: float, trainings: int, what: str) -> None:
    work = curve_work(epochs, example_weights, trainings)
    if work > CURVE_MAX_WORK:
        raise ValueError(
            f"the {what} needs {work:.2g} units of work (epochs × examples × weights), more "
            f"than this server computes per curve ({CURVE_MAX_WORK:.0g}): use fewer epochs, "
            "examples or units"
        )


def _check_sets(X_train, Y_train, X_dev, Y_dev, n_classes):
    X_train, Y_train = _check_xy(X_train, Y_train, "train")
    X_dev, Y_dev = _check_xy(X_dev, Y_dev, "dev", n_x=X_train.shape[0])
    return X_train, Y_train, X_dev, Y_dev, _n_classes(n_classes, Y_train, Y_dev)


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
    X_train, Y_train, X_dev, Y_dev, n_classes = _check_sets(
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
    _check_work(epochs, sum(sizes) * weights, len(sizes), "learning curve")
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
    X_train, Y_train, X_dev, Y_dev, n_classes = _check_sets(
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
    _check_work(epochs, X_train.shape[1] * weights, len(models), "model-size sweep")
    train_errors, dev_errors = [], []
    for model in models:
        net = fit(X_train, Y_train, model, n_classes, epochs, learning_rate, seed)
        train_errors.append(error_rate(net, X_train, Y_train))
        dev_errors.append(error_rate(net, X_dev, Y_dev))
    return Curve(units, tuple(train_errors), tuple(dev_errors))


# --------------------------------------------------------------------------------------------
# The page's four runs
# --------------------------------------------------------------------------------------------


def regularization_labels(
    reg: str = "l2", lambd: float = 0.7, keep_prob: float = 0.86
) -> tuple[str, str]:
    """How the unregularized and the regularized runs are labelled: ("λ = 0", "λ = 0.7"), or
    ("keep_prob = 1", "keep_prob = 0.86") for dropout."""
    check_choice("reg", reg, REGULARIZERS)
    if reg == "l2":
        return "λ = 0", f"λ = {check_range('lambd', lambd, 0.0, 1e6):g}"
    keep_prob = check_range("keep_prob", keep_prob, 0.0, 1.0, inclusive_low=False)
    return "keep_prob = 1", f"keep_prob = {keep_prob:g}"


def bias_variance_models(
    small: int, big: int, reg: str = "l2", lambd: float = 0.7, keep_prob: float = 0.86
) -> dict[str, Model]:
    """The four models by name: small [n_x, small, 1] and large [n_x, big, big, 1], each
    without and with regularization (L2 λ, or dropout keep_prob on every hidden layer).

    Names read "Small · λ = 0", "Small · λ = 0.7", "Large · λ = 0", "Large · λ = 0.7" (see
    :func:`regularization_labels`), unregularized first.
    """
    small = check_int("small", small, 1, MAX_UNITS)
    big = check_int("big", big, 1, MAX_UNITS)
    plain, regular = regularization_labels(reg, lambd, keep_prob)
    extra = {"lambd": lambd} if reg == "l2" else {"keep_prob": keep_prob}
    models = {}
    for size, hidden in (("Small", (small,)), ("Large", (big, big))):
        models[f"{size} · {plain}"] = Model(hidden)
        models[f"{size} · {regular}"] = Model(hidden, **extra)
    return models


PAGE_SETTINGS = settings_by_key(*SETTINGS)
DATA_KEYS = ("ds", "noise", "n", "C", "dev", "dseed")
"""The page's settings that choose the data set (``playground.experiment.make_data``)."""


def page_values(shown: dict) -> dict:
    """Every page setting: the shown values, and the defaults of the ones not shown."""
    return coerce_settings(PAGE_SETTINGS, shown)


def data_values(values: dict) -> dict:
    """The training settings ``make_data`` reads: the page's data keys, ``ALL``'s defaults for
    the rest (inputs standardized with the training μ and σ)."""
    return coerce_settings(spec.ALL, {key: values[key] for key in DATA_KEYS if key in values})


def page_models(values: dict) -> dict[str, Model]:
    """The four models of the page's settings (keys small, big, reg, l2, kp)."""
    return bias_variance_models(
        values["small"], values["big"], values["reg"], values["l2"], values["kp"]
    )


def learning_curve_models(values: dict) -> dict[str, Model]:
    """The models of the page's learning curve: the small and the large network unregularized
    (the high-bias and the high-variance reference)."""
    return {name: m for name, m in page_models(values).items() if m == Model(m.hidden)}


def size_sweeps(values: dict) -> dict[str, tuple[float, float]]:
    """The page's model-size sweeps by label: (λ, keep_prob) without and with regularization."""
    plain, regular = regularization_labels(values["reg"], values["l2"], values["kp"])
    if values["reg"] == "l2":
        return {plain: (0.0, 1.0), regular: (values["l2"], 1.0)}
    return {plain: (0.0, 1.0), regular: (0.0, values["kp"])}


def check_page_curves(values: dict, data: Data) -> None:
    """Raise the ValueError that :func:`learning_curve` or :func:`model_size_sweep` would raise
    for the page's curves on ``data`` as too much work, before any of them is trained."""
    m_train, n_x = data.X_train.shape[1], data.n_x
    n_out = 1 if data.n_classes == 2 else data.n_classes
    sizes = learning_curve_sizes(m_train)
    for model in learning_curve_models(values).values():
        weights = model.weights(n_x, n_out)
        _check_work(values["epochs"], sum(sizes) * weights, len(sizes), "learning curve")
    units = sweep_units(values["big"])
    weights = sum(Model((n, n)).weights(n_x, n_out) for n in units)
    _check_work(values["epochs"], m_train * weights, len(units), "model-size sweep")


def bias_variance_runs(values: dict, data: Data) -> dict[str, Run]:
    """The page's four untrained runs (:class:`OneThreadRun`) on ``data``, named as in
    :func:`bias_variance_models`.

    ``values`` holds the page's settings (small, big, reg, l2, kp, epochs, lr, seed); each run
    trains its model with ``model_values`` (full-batch Adam).
    """
    models = page_models(values)
    return {
        name: OneThreadRun(
            model_values(model, values["epochs"], values["lr"], values["seed"]), data
        )
        for name, model in models.items()
    }


# --------------------------------------------------------------------------------------------
# Reading the curves in words
# --------------------------------------------------------------------------------------------


def _pct(value: float) -> str:
    return f"{value:.1%}"


def explain_learning_curve(curve: Curve, bayes_error: float, threshold: float = 0.05) -> str:
    """One or two sentences reading a learning curve as the course does.

    At the largest m_train: a gap dev − train above ``threshold`` is high variance (more data
    helps, more so if the dev error is still falling); otherwise train − Bayes above
    ``threshold`` is high bias (a plateau: more data does not help); otherwise both are close
    to the Bayes error.
    """
    if not isinstance(curve, Curve) or not curve.x:
        raise ValueError("curve must be a non-empty Curve")
    bayes = check_range("bayes_error", bayes_error, 0.0, 1.0)
    limit = check_range("threshold", threshold, 0.0, 1.0, inclusive_low=False)
    m, train, dev = curve.x[-1], curve.train_error[-1], curve.dev_error[-1]
    start = f"At m_train = {m}: train {_pct(train)}, dev {_pct(dev)}"
    if dev - train > limit:
        falling = len(curve.x) > 1 and curve.dev_error[-2] - dev > 0
        trend = (
            f"and the dev error was still falling (from {_pct(curve.dev_error[-2])} at "
            f"m_train = {curve.x[-2]})"
            if falling
            else "and the curves are still apart"
        )
        return (
            f"{start}: a gap of {_pct(dev - train)} — high variance, {trend}. "
            "More data would likely help (so would regularization)."
        )
    if train - bayes > limit:
        return (
            f"{start}: both on a plateau far above the Bayes error ≈ {_pct(bayes)} — high bias. "
            "More data will not help; a bigger network will."
        )
    return f"{start}: both close to the Bayes error ≈ {_pct(bayes)} — low bias and low variance."


def explain_size_sweep(curve: Curve, bayes_error: float, threshold: float = 0.05) -> str:
    """Sentences reading a model-size sweep: the best width, where bias and variance are high."""
    if not isinstance(curve, Curve) or not curve.x:
        raise ValueError("curve must be a non-empty Curve")
    bayes = check_range("bayes_error", bayes_error, 0.0, 1.0)
    limit = check_range("threshold", threshold, 0.0, 1.0, inclusive_low=False)
    best = int(np.argmin(curve.dev_error))
    parts = [f"The dev error is lowest ({_pct(curve.dev_error[best])}) at {curve.x[best]} units."]
    biased = [n for n, t in zip(curve.x, curve.train_error, strict=True) if t - bayes > limit]
    if biased:
        parts.append(
            f"Up to {max(biased)} units the train error stays more than {_pct(limit)} above the "
            f"Bayes error ≈ {_pct(bayes)}: high bias, the network is too small."
        )
    n, train, dev = curve.x[-1], curve.train_error[-1], curve.dev_error[-1]
    if dev - train > limit:
        parts.append(
            f"At {n} units the train error is {_pct(train)} but the dev error {_pct(dev)}: "
            "high variance — regularize, or get more data."
        )
    else:
        parts.append(
            f"At {n} units the dev error ({_pct(dev)}) stays within {_pct(limit)} of the train "
            f"error ({_pct(train)}): no high variance — with enough data or regularization, a "
            "bigger network does not hurt."
        )
    return " ".join(parts)


def explain_negative_parts(diagnosis: Diagnosis) -> str:
    """Sentences for a negative part of "Where the dev error comes from" ('' when none).

    The parts Bayes + (train − Bayes) + (dev − train) always add up to the dev error, so a
    train error below the Bayes estimate is a negative avoidable bias, and a dev error below
    the train error a negative variance. Neither is possible on average: each says the
    estimate or the small sample is noisy.
    """
    if not isinstance(diagnosis, Diagnosis):
        raise ValueError(f"diagnosis must be a Diagnosis; got {type(diagnosis).__name__}")
    d = diagnosis
    parts = []
    if d.avoidable_bias < 0:
        parts.append(
            f"Train error {_pct(d.train_error)} is below the Bayes estimate "
            f"{_pct(d.bayes_error)}, so the avoidable bias is negative "
            f"({d.avoidable_bias:+.1%}, drawn downwards): no classifier beats the Bayes error on "
            "new data, so the network has fitted noise of these training points, or the k-NN "
            "estimate is rough."
        )
    if d.variance < 0:
        parts.append(
            f"Dev error {_pct(d.dev_error)} is below train error {_pct(d.train_error)}, so the "
            f"variance is negative ({d.variance:+.1%}, drawn downwards): this dev set happened "
            "to be easier — a small dev set gives a noisy error."
        )
    return " ".join(parts)


RUN_KEYS = ("small", "small_reg", "large", "large_reg")
"""Short names of the page's four runs, in the order of :func:`bias_variance_models`."""


def measure(values: dict) -> dict[str, object]:
    """What the page's table shows for its settings, by name, once the four runs trained:
    ``<run>_train``, ``<run>_dev`` (accuracies), ``<run>_gap`` (train − dev accuracy) and
    ``<run>_verdict`` (the diagnosis against the Bayes error) for each run of ``RUN_KEYS``."""
    data_settings = data_values(values)
    data = make_data(data_settings)
    n_classes = data.n_classes
    bayes = estimate_bayes_error(
        values["ds"], values["noise"], n_classes, seed=data_settings["dseed"]
    )
    shown: dict[str, object] = {"bayes": bayes}
    for key, run in zip(RUN_KEYS, bias_variance_runs(values, data).values(), strict=True):
        run.advance()
        train_error, dev_error = run.errors()
        shown[f"{key}_train"], shown[f"{key}_dev"] = 1 - train_error, 1 - dev_error
        shown[f"{key}_gap"] = dev_error - train_error
        shown[f"{key}_verdict"] = diagnose_run(run, bayes).verdict
    return shown
