"""Data augmentation for 2-D points: the toy version of flipping, rotating and distorting images.

The course's remedy for high variance is more data; when more data is expensive, make new
examples from the ones you have with transformations that do not change the label (a mirrored
cat is still a cat; a slightly rotated or distorted "4" is still a "4"). For a 2-D point x of
class y the same three ideas are a reflection, a small rotation about the origin and a jitter:

    x̃ = R(φ) F x + σ ε,   ỹ = y,

with F a reflection (applied to half of the copies, like a random horizontal flip of images),
R(φ) the rotation by φ ~ U(−θ, θ) and ε ~ N(0, I). A transformation is only valid when it keeps
the label: flipping x₁ → −x₁ turns the XOR quadrants' classes around, as flipping a "b" makes a
"d". :func:`reflection_check` measures this on the data with a nearest-neighbour vote.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

import numpy as np

from playground.engine.config import (
    MAX_CLASSES,
    MAX_SAMPLES,
    MAX_SEED,
    Setting,
    check_choice,
    check_int,
    check_labels,
    check_matrix,
    check_range,
)

REFLECTIONS: Mapping[str, tuple[float, float]] = MappingProxyType(
    {
        "none": (1.0, 1.0),
        "x1": (-1.0, 1.0),
        "x2": (1.0, -1.0),
        "x1+x2": (-1.0, -1.0),
    }
)
"""Diagonal of F for each reflection: x1 is x₁ → −x₁, x2 is x₂ → −x₂, x1+x2 flips both at once
(x → −x, a mirror through the origin)."""
MAX_JITTER = 1.0
"""Largest jitter σ, in the units of X (1 = one standard deviation of standardized inputs)."""
MAX_ROTATION = 180.0
"""Largest rotation θ in degrees."""
MAX_COPIES = 20
"""Most augmented copies of each example."""
NEIGHBOURS = 5
"""k of the k-nearest-neighbour vote of :func:`label_agreement`."""
VALID_RATIO = 0.8
"""A reflection is valid when its mirror images agree with their labels at least this fraction
as often as fresh dev points do (see :class:`ReflectionCheck`)."""

SETTINGS = (
    Setting(
        "jitter",
        "Jitter σ",
        0.2,
        options=(0.0, 0.05, 0.1, 0.2, 0.3, 0.5, 1.0),
        help="Each copy moves by σ·ε, ε ~ N(0, I) (in standardized units): like small "
        "distortions of an image.",
    ),
    Setting(
        "reflect",
        "Reflection",
        "x1+x2",
        "choice",
        options=tuple(REFLECTIONS),
        help="Half of the copies are mirrored: x1 is x₁ → −x₁, x2 is x₂ → −x₂, x1+x2 flips "
        "both (x → −x). Like flipping an image: valid only if the label stays the same.",
    ),
    Setting(
        "rotate",
        "Rotation ± degrees",
        10,
        "int",
        low=0,
        high=90,
        step=5,
        help="Each copy is rotated about the origin by an angle drawn uniformly in ±θ.",
    ),
    Setting(
        "copies",
        "Copies per example",
        6,
        "int",
        low=1,
        high=10,
        step=1,
        help="How many transformed copies of each training example are added.",
    ),
)
"""The augmentation knobs of the Regularization page (URL keys jitter, reflect, rotate, copies)."""


def _check_points(X: object, Y: object) -> tuple[np.ndarray, np.ndarray]:
    X = check_matrix("X", X, rows=2)
    Y = check_labels("Y", Y, X.shape[1], MAX_CLASSES)
    return X, Y


def augment(
    X: np.ndarray,
    Y: np.ndarray,
    jitter: float = 0.0,
    reflect: str = "none",
    rotate_degrees: float = 0.0,
    copies: int = 1,
    seed: int = 0,
) -> tuple[np.ndarray, np.ndarray]:
    """Add ``copies`` transformed copies of every example: x̃ = R(φ) F x + σ ε, ỹ = y.

    Parameters
    ----------
    X : ndarray of shape (2, m)
        Training examples, one per column (standardized, so the origin is their mean).
    Y : ndarray of shape (1, m)
        Labels 0..C-1; every copy keeps its example's label.
    jitter : float
        σ in [0, MAX_JITTER]: ε ~ N(0, I) is added to every copy.
    reflect : str
        One of ``REFLECTIONS``: F = diag(−1, 1) for "x1", diag(1, −1) for "x2", −I for
        "x1+x2", I for "none". Each copy is reflected with probability 1/2.
    rotate_degrees : float
        θ in [0, MAX_ROTATION]: each copy is rotated about the origin by φ ~ U(−θ, θ),
        R(φ) = [[cos φ, −sin φ], [sin φ, cos φ]].
    copies : int
        k in [0, MAX_COPIES]; k = 0 returns the data unchanged.
    seed : int
        Seed in [0, 2**32 − 1] of ``RandomState``; the flips, angles and ε are drawn in that
        order for all k·m copies at once, so changing one knob keeps the others' draws.

    Returns
    -------
    X_aug : ndarray of shape (2, m (1 + k))
        The m originals first, then copy 1 of every example, copy 2, ….
    Y_aug : ndarray of shape (1, m (1 + k))
        ``Y`` repeated 1 + k times.

    Raises
    ------
    ValueError
        If an argument is out of range, or m (1 + k) is more than MAX_SAMPLES.
    """
    X, Y = _check_points(X, Y)
    jitter = check_range("jitter", jitter, 0.0, MAX_JITTER)
    check_choice("reflect", reflect, REFLECTIONS)
    theta = math.radians(check_range("rotate_degrees", rotate_degrees, 0.0, MAX_ROTATION))
    copies = check_int("copies", copies, 0, MAX_COPIES)
    seed = check_int("seed", seed, 0, MAX_SEED)
    m = X.shape[1]
    if m * (1 + copies) > MAX_SAMPLES:
        raise ValueError(
            f"copies must keep m (1 + copies) at most {MAX_SAMPLES}; got {m} × {1 + copies}"
        )
    rng = np.random.RandomState(seed)
    count = m * copies
    flipped = rng.rand(count) < 0.5
    angles = rng.uniform(-theta, theta, count)
    noise = rng.standard_normal((2, count))
    new = np.tile(X, copies)
    signs = np.asarray(REFLECTIONS[reflect])[:, np.newaxis]
    new = np.where(flipped, new * signs, new)
    cos, sin = np.cos(angles), np.sin(angles)
    new = np.vstack([cos * new[0] - sin * new[1], sin * new[0] + cos * new[1]])
    new += jitter * noise
    return np.hstack([X, new]), np.tile(Y, 1 + copies)


def label_agreement(
    X: np.ndarray, Y: np.ndarray, X_new: np.ndarray, Y_new: np.ndarray, k: int = NEIGHBOURS
) -> float:
    """Fraction of new points whose k nearest original points vote for the new point's label.

    agreement = (1/m_new) Σ_i 1{knn_k(x̃⁽ⁱ⁾) = ỹ⁽ⁱ⁾}, with the vote of the k (at most m)
    nearest examples of (X, Y) in Euclidean distance (ties go to the smallest label). Valid
    augmentation keeps it close to how well the classes are separated at all; a transformation
    that changes labels pulls it towards or below 1/2 (see ``VALID_AGREEMENT``).

    Parameters
    ----------
    X : ndarray of shape (2, m)
        The original examples.
    Y : ndarray of shape (1, m)
        Their labels.
    X_new : ndarray of shape (2, m_new)
        Augmented points.
    Y_new : ndarray of shape (1, m_new)
        The labels the augmentation gave them.
    k : int
        Neighbours that vote, in [1, 50].

    Returns
    -------
    float
        The agreement in [0, 1].
    """
    X, Y = _check_points(X, Y)
    X_new = check_matrix("X_new", X_new, rows=2)
    Y_new = check_labels("Y_new", Y_new, X_new.shape[1], MAX_CLASSES)
    k = check_int("k", k, 1, 50)
    from sklearn.neighbors import KNeighborsClassifier  # only pages that check labels pay for it

    model = KNeighborsClassifier(n_neighbors=min(k, X.shape[1]))
    model.fit(X.T, Y.ravel())
    return float(np.mean(model.predict(X_new.T) == Y_new.ravel()))


def reflection_agreement(X: np.ndarray, Y: np.ndarray, reflect: str, k: int = NEIGHBOURS) -> float:
    """How often mirroring a training point keeps its label: ``label_agreement(X, Y, F X, Y)``.

    Every example is reflected (x̃ = F x, F as in :func:`augment`) and keeps its label; the
    result is the fraction whose k nearest original examples vote for that label. A symmetry of
    the data set (circles under any flip, XOR under x1+x2) scores about as high as the classes
    are separable; a flip that swaps the classes (XOR under x1 or x2) scores near 0.

    Parameters
    ----------
    X : ndarray of shape (2, m)
        Training examples (standardized, so the mirror lines pass through their mean).
    Y : ndarray of shape (1, m)
        Their labels.
    reflect : str
        One of ``REFLECTIONS``; "none" compares every point with its own neighbourhood.
    k : int
        Neighbours that vote, in [1, 50].

    Returns
    -------
    float
        The agreement in [0, 1].
    """
    X, Y = _check_points(X, Y)
    check_choice("reflect", reflect, REFLECTIONS)
    signs = np.asarray(REFLECTIONS[reflect])[:, np.newaxis]
    return label_agreement(X, Y, X * signs, Y, k)


@dataclass(frozen=True)
class ReflectionCheck:
    """Is a reflection a symmetry of the data? Mirror images against fresh dev points.

    ``agreement`` is :func:`reflection_agreement` of the training set; ``baseline`` is how often
    fresh dev points agree with the vote of their k nearest training examples,
    ``label_agreement(X, Y, X_dev, Y_dev)``: the best a label-keeping transformation can do on
    data whose classes overlap. The reflection is valid when agreement ≥ VALID_RATIO × baseline.
    """

    reflect: str
    agreement: float
    baseline: float

    @property
    def valid(self) -> bool:
        """agreement ≥ VALID_RATIO × baseline: mirrored points look like real points."""
        return self.agreement >= VALID_RATIO * self.baseline


def reflection_check(
    X: np.ndarray, Y: np.ndarray, X_dev: np.ndarray, Y_dev: np.ndarray, reflect: str
) -> ReflectionCheck:
    """Check a reflection on the data: mirrored training points vs fresh dev points.

    Parameters
    ----------
    X, Y : ndarray of shape (2, m) and (1, m)
        Training examples and labels.
    X_dev, Y_dev : ndarray of shape (2, m_dev) and (1, m_dev)
        Dev examples and labels, for the baseline.
    reflect : str
        One of ``REFLECTIONS``.

    Returns
    -------
    ReflectionCheck
        agreement = :func:`reflection_agreement`, baseline = ``label_agreement(X, Y, X_dev,
        Y_dev)``, and ``valid`` when agreement ≥ VALID_RATIO × baseline.
    """
    agreement = reflection_agreement(X, Y, reflect)
    return ReflectionCheck(reflect, agreement, label_agreement(X, Y, X_dev, Y_dev))
