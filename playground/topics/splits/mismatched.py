"""Dev and test sets from another distribution than the training set, and what they measure.

A network trains on one distribution (a toy data set at a noise level) and is evaluated on
dev/test sets from the same distribution and from a shifted one (the plane rotated or
translated, or noisier data). The course's rule: dev and test sets must come from the same
distribution — the one you care about doing well on.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from playground.engine.config import MAX_CLASSES, check_choice, check_int, check_matrix, check_range
from playground.engine.data import MAX_NOISE, Split, make_dataset, split
from playground.engine.fitting import Model, error_rate, fit
from playground.engine.nn import Network

SHIFTS = ("rotate", "translate", "noise")
"""How the shifted dev/test sets differ from the training distribution."""
SHIFT_AMOUNT = {"rotate": "angle", "translate": "offset", "noise": "dnoise"}
"""The setting key holding the amount of each shift kind."""
SHIFT_SEED_OFFSET = 1000
"""The shifted sample is drawn with seed + 1000: new examples, not the training ones."""
MISMATCH_MODEL = Model((20, 20))
"""The network of the mismatch demo: [2, 20, 20, 1] (softmax output for C > 2)."""
MISMATCH_EPOCHS = 300
"""Full-batch Adam epochs (α = 0.01) of the mismatch demo: about a tenth of a second."""
SET_NAMES = ("train", "dev (same)", "test (same)", "dev (shifted)", "test (shifted)")
"""The sets the mismatch demo measures an error on, in order."""


def shift_points(X: np.ndarray, kind: str, amount: float, center: np.ndarray) -> np.ndarray:
    """Move 2-D points X (2, m) to another distribution.

    ``rotate``: x' = R(θ)(x − c) + c with R(θ) = [[cos θ, −sin θ], [sin θ, cos θ]], θ = amount
    degrees in [0, 360], c = ``center`` (2, 1). ``translate``: x' = x + (amount, 0)ᵀ, amount in
    [0, 10].

    Raises
    ------
    ValueError
        If X is not (2, m), kind is not "rotate" or "translate", or amount / center is out of
        range.
    """
    check_choice("kind", kind, ("rotate", "translate"))
    X = check_matrix("X", X, rows=2)
    center = np.asarray(center, dtype=np.float64)
    if center.shape != (2, 1) or not np.isfinite(center).all():
        raise ValueError(f"center must be a finite array of shape (2, 1); got {center.shape}")
    if kind == "translate":
        offset = check_range("amount", amount, 0.0, 10.0)
        return X + np.array([[offset], [0.0]])
    theta = math.radians(check_range("amount", amount, 0.0, 360.0))
    rotation = np.array([[math.cos(theta), -math.sin(theta)], [math.sin(theta), math.cos(theta)]])
    return rotation @ (X - center) + center


def describe_shift(kind: str, amount: float, noise: float) -> str:
    """How the shifted sets differ, in words: "rotated by 45°", "moved 0.5 along x₁", …."""
    check_choice("kind", kind, SHIFTS)
    if kind == "rotate":
        return f"rotated by {amount:g}° about the training mean"
    if kind == "translate":
        return f"moved {amount:g} to the right along x₁"
    return f"drawn with noise {amount:g} instead of {noise:g}"


@dataclass(frozen=True)
class Mismatch:
    """A training distribution's train/dev/test split and dev/test sets from a shifted one."""

    source: Split
    """Train, dev and test sets drawn from the training distribution."""
    X_dev_shift: np.ndarray
    Y_dev_shift: np.ndarray
    X_test_shift: np.ndarray
    Y_test_shift: np.ndarray
    n_classes: int

    def all_points(self) -> np.ndarray:
        """Every example of every set side by side, shape (n_x, Σ m): the figures' extent."""
        return np.hstack([X for X, _ in self.sets().values()])

    def sets(self) -> dict[str, tuple[np.ndarray, np.ndarray]]:
        """(X, Y) of every set by name, in the order of ``SET_NAMES``."""
        s = self.source
        pairs = (
            (s.X_train, s.Y_train),
            (s.X_dev, s.Y_dev),
            (s.X_test, s.Y_test),
            (self.X_dev_shift, self.Y_dev_shift),
            (self.X_test_shift, self.Y_test_shift),
        )
        return dict(zip(SET_NAMES, pairs, strict=True))


def _fractions(dev_percent: int) -> tuple[float, float, float]:
    dev = check_int("dev_percent", dev_percent, 1, 49) / 100
    return 1.0 - 2 * dev, dev, dev


def source_split(
    name: str, n: int, noise: float, dev_percent: int, seed: int, n_classes: int = 2
) -> Split:
    """The training distribution: ``make_dataset(name, n, noise, seed, n_classes)`` cut into
    train/dev/test with fractions (1 − 2d, d, d), d = dev_percent / 100 in [0.01, 0.49].

    Raises
    ------
    ValueError
        Naming the argument (from :func:`make_dataset` and :func:`split`).
    """
    X, Y = make_dataset(name, n, noise, seed, n_classes)
    return split(X, Y, _fractions(dev_percent), seed=seed)


def make_mismatch(
    name: str,
    n: int,
    noise: float,
    dev_percent: int,
    kind: str,
    amount: float,
    seed: int,
    n_classes: int = 2,
) -> Mismatch:
    """The source split and dev/test sets of the same sizes from a shifted distribution.

    The shifted sets are the dev and test parts of a fresh sample
    ``make_dataset(name, n, noise', seed + 1000, n_classes)`` split like the source, with
    noise' = amount for ``kind="noise"`` (else the training noise), then moved by
    :func:`shift_points` (rotate / translate about the training set's mean μ = (1/m) Σ x^(i)).

    Parameters
    ----------
    name, n, noise, seed, n_classes
        As in :func:`playground.data.make_dataset`.
    dev_percent : int
        Share of dev and of test, in [1, 49].
    kind : str
        One of ``SHIFTS``.
    amount : float
        Degrees for "rotate" (0–360), distance along x₁ for "translate" (0–10), the shifted
        sets' noise for "noise" (0–MAX_NOISE).

    Raises
    ------
    ValueError
        Naming the argument that is out of range.
    """
    check_choice("kind", kind, SHIFTS)
    source = source_split(name, n, noise, dev_percent, seed, n_classes)
    shifted_noise = check_range("amount", amount, 0.0, MAX_NOISE) if kind == "noise" else noise
    check_int("seed", seed, 0, 2**32 - 1 - SHIFT_SEED_OFFSET)
    X, Y = make_dataset(name, n, shifted_noise, seed + SHIFT_SEED_OFFSET, n_classes)
    other = split(X, Y, _fractions(dev_percent), seed=seed + SHIFT_SEED_OFFSET)
    X_dev, X_test = other.X_dev, other.X_test
    if kind != "noise":
        center = source.X_train.mean(axis=1, keepdims=True)
        X_dev = shift_points(X_dev, kind, amount, center)
        X_test = shift_points(X_test, kind, amount, center)
    classes = max(2, int(Y.max()) + 1)
    return Mismatch(source, X_dev, other.Y_dev, X_test, other.Y_test, classes)


def fit_source(source: Split, n_classes: int = 2, seed: int = 1) -> Network:
    """Train the demo network ``MISMATCH_MODEL`` on the source's training set only
    (:func:`playground.engine.fitting.fit`: full-batch Adam, α = 0.01, ``MISMATCH_EPOCHS``
    epochs)."""
    if not isinstance(source, Split):
        raise ValueError(f"source must be a Split; got {type(source).__name__}")
    n_classes = check_int("n_classes", n_classes, 2, MAX_CLASSES)
    return fit(
        source.X_train, source.Y_train, MISMATCH_MODEL, n_classes, MISMATCH_EPOCHS, seed=seed
    )


def mismatch_errors(net: Network, mismatch: Mismatch) -> dict[str, float]:
    """Error rate (1/m) Σ 1{ŷ ≠ y} of ``net`` on every set of ``mismatch`` (NaN if empty)."""
    if not isinstance(mismatch, Mismatch):
        raise ValueError(f"mismatch must be a Mismatch; got {type(mismatch).__name__}")
    return {name: error_rate(net, X, Y) for name, (X, Y) in mismatch.sets().items()}


def explain_mismatch(errors: dict[str, float], shift: str) -> str:
    """What the errors of :func:`mismatch_errors` say, with the course's rule.

    ``shift`` is :func:`describe_shift`'s text.
    """
    missing = [name for name in SET_NAMES if name not in errors]
    if missing:
        raise ValueError(f"errors must hold every set of SET_NAMES; missing {missing}")
    train, dev, dev_shift = errors["train"], errors["dev (same)"], errors["dev (shifted)"]
    test_shift = errors["test (shifted)"]
    jump = dev_shift - dev
    text = (
        f"Train error {train:.1%}; on a dev set from the **same** distribution {dev:.1%}; on a "
        f"dev set {shift} **{dev_shift:.1%}**"
    )
    if jump > 0.02:
        text += (
            f" — {jump * 100:.1f} points worse. The network learned the training distribution; "
            "nothing in the training data showed it the shifted one. If you tuned on the "
            f"same-distribution dev set ({dev:.1%}) and then tested on shifted data "
            f"({test_shift:.1%}), the dev set would have aimed you at the wrong target."
        )
    else:
        text += ": hardly any different, so this shift barely moves the data across the boundary."
    return (
        text + "  \n**The course's rule:** dev and test sets must come from the *same* "
        "distribution — the data you expect to get in the future and care about doing well on."
    )
