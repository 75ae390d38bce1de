"""Bias/variance diagnosis and the course's "basic recipe for machine learning".

The course reads a model's errors in two steps, each against a reference:

* **Bias**: compare the *train* error with the Bayes error (the best error any classifier can
  reach, approximated by human-level error). The gap ``train_error - bayes_error`` is the
  *avoidable bias*; a large gap means the network underfits (high bias).
* **Variance**: compare the *dev* error with the *train* error. The gap
  ``dev_error - train_error`` is the *variance*; a large gap means the network overfits the
  training set and does not generalize (high variance).

:func:`diagnose` turns the three errors into a :class:`Diagnosis` with a verdict, a plain
message and the recipe steps that apply; :func:`diagnosis_table` lays several side by side.
The errors are a snapshot: a dev cost that has started to climb while the training cost did not
(:func:`dev_cost_rise`) is overfitting under way, which :func:`diagnose_run` reads from a run's
history as well, so a run is never called "fine" while its dev cost climbs.
:func:`estimate_bayes_error` and :func:`estimate_bayes_error_from_data` estimate the Bayes error
of a toy data set or of uploaded data with a cross-validated k-nearest-neighbours classifier.

All errors are fractions in [0, 1] (0.15 means 15%).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from sklearn.model_selection import StratifiedKFold, cross_val_score
from sklearn.neighbors import KNeighborsClassifier
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

from playground.engine.config import (
    MAX_CLASSES,
    MAX_SAMPLES,
    check_int,
    check_labels,
    check_matrix,
    check_range,
)
from playground.engine.data import MAX_NOISE, MAX_SEED, MULTICLASS_DATASETS, make_dataset
from playground.engine.experiment import Run, make_data, outcome
from playground.engine.nn import Network
from playground.engine.train import StopReason

HIGH_BIAS = "high bias"
HIGH_VARIANCE = "high variance"
HIGH_BIAS_AND_VARIANCE = "high bias and high variance"
STARTING_TO_OVERFIT = "starting to overfit"
FINE = "fine"
VERDICTS = (HIGH_BIAS, HIGH_VARIANCE, HIGH_BIAS_AND_VARIANCE, STARTING_TO_OVERFIT, FINE)
"""Every possible :attr:`Diagnosis.verdict`."""

BIAS_RECIPE = (
    "Bigger network (more units or layers)",
    "Train longer / a better optimizer (e.g. Adam)",
    "Try another architecture",
)
"""The course's remedies for high bias (underfitting), tried until the train error is low."""
VARIANCE_RECIPE = (
    "More data (or data augmentation)",
    "Regularization: L2, dropout",
    "Try another architecture",
)
"""The course's remedies for high variance (overfitting), tried until the dev error is low."""
DONE_RECIPE = ("Done: low bias and low variance",)
"""The recipe when neither bias nor variance is high."""
OVERFIT_RECIPE = ("Early stopping (keep the weights of the best dev-cost epoch)", *VARIANCE_RECIPE)
"""The recipe when the errors are fine but the dev cost has started to climb."""

RISE = 0.1
"""Relative climb of the dev cost above its lowest value that counts as overfitting (10 %)."""
MIN_RISE = 0.005
"""Smallest absolute climb of the dev cost that counts (costs near 0 move by tiny amounts)."""
RECENT = 0.1
"""Fraction of the epochs (at least one) each running median of the costs is taken over."""

BAYES_SEED_OFFSET = 12345
"""Added to the seed of :func:`estimate_bayes_error` so its sample is fresh, not the train set."""
KNN_NEIGHBORS = 25
"""Neighbours k of the k-NN classifier that estimates the Bayes error."""
KNN_FOLDS = 5
"""Cross-validation folds of the Bayes error estimate."""
MIN_BAYES_SAMPLES = 100
"""Fewest examples :func:`estimate_bayes_error` draws (every fold keeps >= 25 neighbours)."""
_SLACK = 1e-12
"""Rounding slack: a gap equal to the threshold up to float error is not "high"."""


@dataclass(frozen=True)
class DevCostRise:
    """The dev cost has climbed from its lowest level while the training cost did not."""

    best_epoch: int
    """The last epoch of the k-epoch window where the dev cost was lowest."""
    best_cost: float
    """The median J_dev of that window."""
    recent_cost: float
    """The median J_dev of the last k epochs."""
    window: int
    """k: the epochs each median is taken over."""


def _rolling_median(values: np.ndarray, k: int) -> np.ndarray:
    """Median of every k consecutive values: entry i is the median of values[i : i + k]."""
    return np.median(np.lib.stride_tricks.sliding_window_view(values, k), axis=1)


def dev_cost_rise(
    epochs: Sequence[int], train_cost: Sequence[float], dev_cost: Sequence[float]
) -> DevCostRise | None:
    """Overfitting under way, read from the cost curves: a :class:`DevCostRise`, or None.

    Both costs are smoothed by a running median over k = max(1, ⌈RECENT · n⌉) of the n epochs
    (mini-batch training makes them spiky). With J̃_dev lowest in the window ending at epoch e*,
    the dev cost is rising when that window ends before the last k epochs begin, the last
    window's J̃_dev − J̃_dev(e*) ≥ max(RISE · J̃_dev(e*), MIN_RISE), and J̃_train rose by less
    than half as much over the same epochs (a run whose training cost climbs too is unstable,
    not overfitting).
    """
    epochs = np.asarray(epochs, dtype=np.int64).ravel()
    train = np.asarray(train_cost, dtype=np.float64).ravel()
    dev = np.asarray(dev_cost, dtype=np.float64).ravel()
    n = epochs.size
    if train.size != n or dev.size != n:
        raise ValueError(
            f"epochs, train_cost and dev_cost must have one value per epoch; got "
            f"{n}, {train.size} and {dev.size}"
        )
    k = max(1, math.ceil(RECENT * n))
    if n < 2 * k or not (np.isfinite(dev).all() and np.isfinite(train).all()):
        return None
    smooth_dev, smooth_train = _rolling_median(dev, k), _rolling_median(train, k)
    best = int(np.argmin(smooth_dev))
    climb = float(smooth_dev[-1] - smooth_dev[best])
    if best + k > n - k or climb < max(RISE * smooth_dev[best], MIN_RISE):
        return None
    if smooth_train[-1] - smooth_train[best] >= climb / 2:
        return None
    return DevCostRise(int(epochs[best + k - 1]), float(smooth_dev[best]), float(smooth_dev[-1]), k)


@dataclass(frozen=True)
class Diagnosis:
    """The bias/variance reading of one model's errors (all fractions in [0, 1])."""

    verdict: str
    """One of :data:`VERDICTS`: "high bias", "high variance", "high bias and high variance",
    "fine"."""
    train_error: float
    dev_error: float
    bayes_error: float
    """Bayes (optimal, ~human-level) error used as the reference for bias."""
    avoidable_bias: float
    """``train_error - bayes_error`` (negative if the train error is below the estimate)."""
    variance: float
    """``dev_error - train_error`` (negative if the dev error is below the train error)."""
    message: str
    """One or two plain sentences explaining the verdict, with the errors as percentages."""
    recipe: tuple[str, ...]
    """The steps of the course's basic recipe that apply, in the order to try them."""
    rise: DevCostRise | None = None
    """The climb of the dev cost when overfitting is under way (see :func:`dev_cost_rise`)."""


def _pct(value: float) -> str:
    """Format a fraction as a percentage with one decimal: 0.15 -> "15.0%"."""
    return f"{value * 100:.1f}%"


def _message(high_bias: bool, high_variance: bool, train: float, dev: float, bayes: float) -> str:
    """Plain-language explanation of the verdict with the numbers as percentages."""
    best = f"the best possible ≈ {_pct(bayes)}"
    if high_bias and high_variance:
        return (
            f"Train error {_pct(train)} is far above {best}: the network underfits (high bias). "
            f"Dev error {_pct(dev)} is far above the train error too: it also fails to "
            f"generalize (high variance)."
        )
    if high_bias:
        return f"Train error {_pct(train)} is far above {best}: the network underfits (high bias)."
    if high_variance:
        return (
            f"Dev error {_pct(dev)} is far above train error {_pct(train)}: the network overfits "
            f"the training set and does not generalize (high variance)."
        )
    near_best = "close to" if train >= bayes else "no worse than"
    near_train = "close to" if dev >= train else "no worse than"
    return (
        f"Train error {_pct(train)} is {near_best} {best}, and dev error {_pct(dev)} is "
        f"{near_train} the train error: low bias and low variance"
    )


def _rise_message(rise: DevCostRise) -> str:
    return (
        f" The dev cost has climbed from {rise.best_cost:.3g} (median of the {rise.window} "
        f"epochs up to epoch {rise.best_epoch}) to {rise.recent_cost:.3g} (the last "
        f"{rise.window}) while the training cost did not: the network is starting to overfit — "
        "early stopping would keep the weights from before the climb."
    )


def diagnose(
    train_error: float,
    dev_error: float,
    bayes_error: float = 0.0,
    threshold: float = 0.05,
    rise: DevCostRise | None = None,
) -> Diagnosis:
    """Read bias and variance from train, dev and Bayes errors, as the course does.

    Bias is judged by comparing the train error to the Bayes (human-level) error: the
    avoidable bias ``train_error - bayes_error``. Variance is judged by comparing the dev error
    to the train error: ``dev_error - train_error``. Either gap is "high" when it is strictly
    more than ``threshold`` (a gap equal to the threshold, up to float rounding, is not).

    Examples: train 15%, dev 16%, Bayes 0% -> high bias; train 1%, dev 11% -> high variance;
    train 15%, dev 30% -> both; train 0.5%, dev 1% -> fine. With Bayes error 15%, train 15%
    and dev 16% is fine: nothing better is possible.

    Parameters
    ----------
    train_error, dev_error : float
        Error rates on the training and dev sets, in [0, 1].
    bayes_error : float
        Estimate of the optimal error in [0, 1] (0 for a task humans do perfectly); see
        :func:`estimate_bayes_error`.
    threshold : float
        Gap in (0, 1) above which bias or variance counts as high (0.05 = 5 points).
    rise : DevCostRise, optional
        The climb of the dev cost (:func:`dev_cost_rise` of the run's history). It is added to
        the message, and errors that would be "fine" become "starting to overfit".

    Returns
    -------
    Diagnosis
        Verdict, the two gaps, a message and the recipe steps to try.

    Raises
    ------
    ValueError
        Naming the argument if an error is not a number in [0, 1] or ``threshold`` is not in
        (0, 1).
    """
    train = check_range("train_error", train_error, 0.0, 1.0)
    dev = check_range("dev_error", dev_error, 0.0, 1.0)
    bayes = check_range("bayes_error", bayes_error, 0.0, 1.0)
    limit = check_range("threshold", threshold, 0.0, 1.0, inclusive_low=False, inclusive_high=False)
    avoidable_bias = train - bayes
    variance = dev - train
    high_bias = avoidable_bias > limit + _SLACK
    high_variance = variance > limit + _SLACK
    if high_bias and high_variance:
        verdict = HIGH_BIAS_AND_VARIANCE
        recipe = BIAS_RECIPE + tuple(s for s in VARIANCE_RECIPE if s not in BIAS_RECIPE)
    elif high_bias:
        verdict, recipe = HIGH_BIAS, BIAS_RECIPE
    elif high_variance:
        verdict, recipe = HIGH_VARIANCE, VARIANCE_RECIPE
    elif rise is not None:
        verdict, recipe = STARTING_TO_OVERFIT, OVERFIT_RECIPE
    else:
        verdict, recipe = FINE, DONE_RECIPE
    message = _message(high_bias, high_variance, train, dev, bayes)
    if verdict == FINE:
        message += "."
    elif verdict == STARTING_TO_OVERFIT:
        message += " so far."
    if rise is not None:
        message += _rise_message(rise)
    return Diagnosis(
        verdict=verdict,
        train_error=train,
        dev_error=dev,
        bayes_error=bayes,
        avoidable_bias=avoidable_bias,
        variance=variance,
        message=message,
        recipe=recipe,
        rise=rise,
    )


def diagnose_run(run: Any, bayes_error: float, threshold: float = 0.05) -> Diagnosis:
    """:func:`diagnose` of a trained run: its errors, and the rise of its dev cost.

    ``run`` has ``errors()`` → (train error, dev error) and a ``history`` (``epochs``,
    ``train_cost``, ``dev_cost`` at its ``record_epochs``, ``stopped_reason``). A run stopped
    early has the weights of its best dev-cost epoch back, so the climb after that epoch is not
    its state.
    """
    history = run.history
    rise = None
    if history.stopped_reason != StopReason.EARLY_STOPPING:
        rise = dev_cost_rise(*_costs_at_records(history))
    return diagnose(*run.errors(), bayes_error, threshold, rise)


def _costs_at_records(history: Any) -> tuple[list[int], list[float], list[float]]:
    """(epochs, train cost, dev cost) at the epochs the dev cost was measured
    (``history.record_epochs``: every epoch unless the run recorded at a rate)."""
    recorded = getattr(history, "record_epochs", None)
    if recorded is None or recorded == history.epochs:
        return history.epochs, history.train_cost, history.dev_cost
    where = {epoch: i for i, epoch in enumerate(history.epochs)}
    train_cost = [history.train_cost[where[epoch]] for epoch in recorded]
    return recorded, train_cost, history.dev_cost


def _knn_cv_error(x: np.ndarray, y: np.ndarray, n_neighbors: int, folds: int, scale: bool) -> float:
    """Cross-validated error of k-NN on examples ``x`` (m, n) with labels ``y`` (m,).

    Folds are stratified and shuffled with a fixed seed: the generators may group examples by
    class or along a curve (spiral), and unshuffled folds would hold out whole regions.
    """
    model = KNeighborsClassifier(n_neighbors=n_neighbors)
    if scale:
        model = make_pipeline(StandardScaler(), model)
    cv = StratifiedKFold(n_splits=folds, shuffle=True, random_state=0)
    accuracy = float(np.mean(cross_val_score(model, x, y, cv=cv)))
    return min(1.0, max(0.0, 1.0 - accuracy))


def estimate_bayes_error(
    name: str,
    noise: float,
    n_classes: int = 2,
    seed: int = 0,
    n_samples: int = 3000,
) -> float:
    """Estimate the Bayes (optimal) error of a generated toy data set at a noise level.

    Draws a large fresh sample ``make_dataset(name, n_samples, noise, seed=seed + 12345,
    n_classes=n_classes)`` (fresh: a different seed from the playground's own data) and returns
    the 5-fold cross-validated error of a k-nearest-neighbours classifier with k = 25. k-NN
    predicts the majority label among nearby points, which approximates the Bayes classifier
    (the most likely label at each point); as the sample grows its error tends to the Bayes
    error, the error left by classes that overlap because of the noise. The estimate is a
    little above the true Bayes error for small samples and is ≈ 0 for noise 0 on the
    separable sets. Folds are stratified and shuffled with a fixed seed, so the result is
    deterministic for given arguments. The default 3000 examples take a few hundredths of a
    second; MAX_SAMPLES takes about 0.2 s.

    Parameters
    ----------
    name : str
        One of ``DATASETS`` (see :func:`playground.data.make_dataset`).
    noise : float
        Noise level in [0, MAX_NOISE].
    n_classes : int
        Number of classes in [2, MAX_CLASSES]; 2 unless the data set is multiclass.
    seed : int
        Seed in [0, MAX_SEED - 12345]; the sample uses ``seed + 12345``.
    n_samples : int
        Size of the sample in [max(100, 10 * n_classes), MAX_SAMPLES].

    Returns
    -------
    float
        The estimated Bayes error in [0, 1].

    Raises
    ------
    ValueError
        Naming the argument if one is out of range (or from :func:`make_dataset`).
    """
    n_classes = check_int("n_classes", n_classes, 2, MAX_CLASSES)
    noise = check_range("noise", noise, 0.0, MAX_NOISE)
    seed = check_int("seed", seed, 0, MAX_SEED - BAYES_SEED_OFFSET)
    low = max(MIN_BAYES_SAMPLES, 2 * KNN_FOLDS * n_classes)
    n_samples = check_int("n_samples", n_samples, low, MAX_SAMPLES)
    X, Y = make_dataset(name, n_samples, noise, seed=seed + BAYES_SEED_OFFSET, n_classes=n_classes)
    return _knn_cv_error(X.T, Y.ravel(), KNN_NEIGHBORS, KNN_FOLDS, scale=False)


def estimate_bayes_error_from_data(X: np.ndarray, Y: np.ndarray) -> float:
    """Estimate the Bayes error of given data (e.g. an uploaded CSV) with cross-validated k-NN.

    Same method as :func:`estimate_bayes_error` on the data itself, with k and the folds
    shrunk to fit small data: ``n_neighbors = min(25, max(1, m // 10))`` and
    ``folds = min(5, smallest class count)``. Features are standardized inside each fold
    (training-fold mean and std), because an uploaded file's columns may have unrelated units
    and k-NN distances need comparable scales.

    Returns 0.0 when no estimate is possible: if only one class is present (every example can
    be labelled correctly) or if some class has a single example (it cannot appear in both a
    training fold and a held-out fold, so fewer than 2 folds are possible). 0.0 is also the
    course's default reference, "humans make no mistakes".

    Parameters
    ----------
    X : ndarray of shape (n_x, m)
        Features, one example per column; finite numbers.
    Y : ndarray of shape (1, m)
        Integer labels in 0..MAX_CLASSES - 1.

    Returns
    -------
    float
        The estimated Bayes error in [0, 1]. With few examples it is a rough, usually
        pessimistic, estimate.

    Raises
    ------
    ValueError
        If ``X`` is not a finite 2-D array with at least one column, or ``Y`` does not have
        shape (1, m) with integer labels in range.
    """
    X = check_matrix("X", X)
    m = X.shape[1]
    Y = check_labels("Y", Y, m, MAX_CLASSES)
    counts = np.bincount(Y.ravel())
    counts = counts[counts > 0]
    if counts.size < 2:
        return 0.0
    folds = min(KNN_FOLDS, int(counts.min()))
    if folds < 2:
        return 0.0
    n_neighbors = min(KNN_NEIGHBORS, max(1, m // 10))
    return _knn_cv_error(X.T, Y.ravel(), n_neighbors, folds, scale=True)


def diagnosis_table(diagnoses: Mapping[str, Diagnosis]) -> dict[str, list[str]]:
    """Columns of a table with one row per model, errors as percentages with one decimal.

    Columns: "model", "train", "dev", "Bayes", "avoidable bias" (train − Bayes), "variance"
    (dev − train), "verdict" and "next step" (the first step of :attr:`Diagnosis.recipe`). The
    gaps carry a sign: "+8.0%", "-1.2%".

    Raises
    ------
    ValueError
        If ``diagnoses`` is empty or holds something other than :class:`Diagnosis`.
    """
    if not diagnoses:
        raise ValueError("diagnoses must hold at least one model")
    for name, d in diagnoses.items():
        if not isinstance(d, Diagnosis):
            raise ValueError(f"diagnoses[{name!r}] must be a Diagnosis; got {type(d).__name__}")
    rows = diagnoses.values()
    return {
        "model": list(diagnoses),
        "train": [_pct(d.train_error) for d in rows],
        "dev": [_pct(d.dev_error) for d in rows],
        "Bayes": [_pct(d.bayes_error) for d in rows],
        "avoidable bias": [f"{d.avoidable_bias * 100:+.1f}%" for d in rows],
        "variance": [f"{d.variance * 100:+.1f}%" for d in rows],
        "verdict": [d.verdict for d in rows],
        "next step": [d.recipe[0] for d in rows],
    }


def dead_units(net: Network, X: np.ndarray) -> int:
    """Units of the last hidden layer whose output g(z) is 0 for every example (column) of X:
    dead ReLUs, which no gradient can revive. Batch norm, if on, uses X's own μ and σ²."""
    if net.L < 2:
        raise ValueError("net must have at least one hidden layer")
    probe = net.copy()
    with np.errstate(all="ignore"):
        probe._forward(check_matrix("X", X, rows=net.layer_dims[0]), training=True, dropout=False)
    return int(np.sum(~probe._cache.A[net.L - 1].any(axis=1)))


def measure(values: dict) -> dict[str, object]:
    """What the Playground page shows for its settings, by name, once the run trained to the end:
    its ``playground.experiment.outcome``, the epoch it diverged in ("diverged_in", None if it
    did not), the diagnosis of :func:`diagnose_run` against the Bayes error of its generated
    data set ("verdict") with the climb of its dev cost, if any ("rise_from" → "rise_to": the
    medians of :class:`DevCostRise`); from its cost curve the highest epoch cost and its epoch
    ("cost_peak", "peak_epoch") and the lowest and highest cost after it ("late_cost_low",
    "late_cost_high"); the classes it predicts over its train and dev examples
    ("classes_predicted") and the dead units of its last hidden layer (:func:`dead_units`:
    "dead_units" of "last_units"; None without a hidden layer)."""
    data = make_data(values)
    run = Run(values, data)
    run.advance()
    shown = outcome(run)
    n_classes = values["C"] if values["ds"] in MULTICLASS_DATASETS else 2
    bayes = estimate_bayes_error(values["ds"], values["noise"], n_classes, seed=values["dseed"])
    history = run.history
    costs = np.asarray(history.train_cost, dtype=np.float64)
    peak = int(np.argmax(costs))
    late = costs[peak + 1 :] if peak + 1 < costs.size else costs[peak:]
    X = np.hstack([data.X_train, data.X_dev])
    with np.errstate(all="ignore"):
        classes = np.unique(run.net.predict(X)).size
    hidden = run.net.L > 1
    diagnosis = diagnose_run(run, bayes)
    diverged = history.stopped_reason == StopReason.DIVERGED
    return shown | {
        "diverged_in": history.last_epoch + 1 if diverged else None,
        "bayes": bayes,
        "verdict": diagnosis.verdict,
        "rise_from": diagnosis.rise.best_cost if diagnosis.rise else None,
        "rise_to": diagnosis.rise.recent_cost if diagnosis.rise else None,
        "cost_peak": float(costs[peak]),
        "peak_epoch": int(history.epochs[peak]),
        "late_cost_low": float(late.min()),
        "late_cost_high": float(late.max()),
        "classes_predicted": int(classes),
        "dead_units": dead_units(run.net, data.X_train) if hidden else None,
        "last_units": run.net.layer_dims[-2] if hidden else None,
    }
