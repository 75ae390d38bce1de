"""Normalizing inputs: why x := (x − μ)/σ makes the cost round and gradient descent fast.

The model is logistic regression with two weights and no bias, ŷ = σ(w₁x₁ + w₂x₂), on data whose
features have very different scales: x₁ in [0, ratio], x₂ in [0, 1]. The label is 1 when the
point lies above the diagonal of the unit square (x₂ > x₁/ratio, with label noise), so the best
boundary passes through the origin both before and after standardization: b = 0 costs nothing
and J(w₁, w₂) is a function of two weights that can be drawn as a contour map.

Before standardization J is a long narrow valley (its curvatures differ by the square of the
scale ratio); after it, J is nearly round. Gradient descent runs on both with the same learning
rate α, driving the shared optimizer objects through
:func:`playground.engine.surfaces.optimizer_path`.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from sklearn.linear_model import LogisticRegression

from playground.engine.config import (
    Setting,
    check_int,
    check_labels,
    check_matrix,
    check_range,
    settings_by_key,
)
from playground.engine.data import standardize
from playground.engine.nn import Network
from playground.engine.optim import make_optimizer
from playground.engine.surfaces import MAX_STEPS, Surface, optimizer_path, steps_to_reach

RATIOS = (1, 3, 10, 30, 100, 300, 1000)
"""Scales of x₁ offered on the page (x₂ always spans [0, 1])."""
RATES = (1e-5, 3e-5, 1e-4, 3e-4, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1.0, 3.0, 10.0)
"""Learning rates α offered on the page, on a log grid (down to what ratio 1000 needs)."""
MAX_RATIO = 1000.0
NOISE = 0.5
"""Label noise: y = 1{u₂ − u₁ + 0.5 ε > 0}, ε ~ N(0, 1). Without noise the data would be
separable and the best w would be infinitely large."""
M_TRAIN = 200
M_DEV = 100
START = (0.0, 0.0)
"""Both descents start at w = (0, 0) (zeros are fine for logistic regression)."""
TOLERANCE = 1e-3
"""A descent has converged once J(w) − J(w*) ≤ 0.001."""
RESOLUTION = 90
"""Grid points per axis of the contour maps (90² weight pairs × 200 examples in one evaluation)."""

SETTINGS = (
    Setting(
        "ratio",
        "Scale of x₁",
        100,
        "int",
        options=RATIOS,
        help="x₁ is drawn from [0, ratio] while x₂ stays in [0, 1]: the ratio of the two scales.",
    ),
    Setting(
        "lr",
        "Learning rate α",
        1.0,
        options=RATES,
        help="The step size α of gradient descent, the same on both costs (on a log scale).",
    ),
    Setting(
        "steps",
        "Gradient-descent steps",
        200,
        "int",
        options=(50, 100, 200, 500, 1000, 2000, 5000),
        help="How many updates w := w − α dw each descent makes.",
    ),
    Setting(
        "devshift",
        "Dev-set shift",
        0.5,
        options=(0.0, 0.25, 0.5, 0.75),
        help="The dev set's x₁ comes from the top (1 − shift) of the training range only.",
    ),
)
BY_KEY = settings_by_key(*SETTINGS)
"""Every setting of the page by key (the key is its URL parameter)."""


def make_scaled_data(
    ratio: float, m: int = M_TRAIN, seed: int = 0, low: float = 0.0, noise: float = NOISE
) -> tuple[np.ndarray, np.ndarray]:
    """Two features on very different scales, labelled by which side of the diagonal they lie.

    u₁ ~ U(low, 1), u₂ ~ U(0, 1), x₁ = ratio · u₁, x₂ = u₂ and y = 1{u₂ − u₁ + noise · ε > 0}
    with ε ~ N(0, 1): the true boundary x₂ = x₁ / ratio passes through the origin.

    Parameters
    ----------
    ratio : float
        Scale of x₁, in [1, 1000].
    m : int
        Number of examples, in [2, 20 000].
    seed : int
        Seed of ``np.random.RandomState``, in [0, 2**32 − 1].
    low : float
        Lower end of u₁, in [0, 0.9]: above 0 it draws a shifted set (only large x₁).
    noise : float
        Standard deviation of the label noise, in (0, 5].

    Returns
    -------
    X : ndarray of shape (2, m)
        Rows x₁ and x₂.
    Y : ndarray of shape (1, m)
        Labels 0 / 1.
    """
    ratio = check_range("ratio", ratio, 1.0, MAX_RATIO)
    m = check_int("m", m, 2, 20_000)
    seed = check_int("seed", seed, 0, 2**32 - 1)
    low = check_range("low", low, 0.0, 0.9)
    noise = check_range("noise", noise, 0.0, 5.0, inclusive_low=False)
    rng = np.random.RandomState(seed)
    u1 = rng.uniform(low, 1.0, m)
    u2 = rng.uniform(0.0, 1.0, m)
    Y = (u2 - u1 + noise * rng.randn(m) > 0).astype(np.int64).reshape(1, m)
    return np.vstack([ratio * u1, u2]), Y


def _check_data(X: object, Y: object) -> tuple[np.ndarray, np.ndarray]:
    X = check_matrix("X", X, rows=2)
    return X, check_labels("Y", Y, X.shape[1], 2)


def _check_weights(name: str, w: object) -> np.ndarray:
    """``w`` as a float array of shape (2,), or ValueError unless it is two finite numbers."""
    array = np.asarray(w, dtype=np.float64)
    if array.size != 2 or not np.isfinite(array).all():
        raise ValueError(f"{name} must be two finite numbers (w₁, w₂); got {w!r}")
    return array.reshape(2)


def cost_grid(w1: np.ndarray, w2: np.ndarray, X: np.ndarray, Y: np.ndarray) -> np.ndarray:
    """J(w₁, w₂) for many weight pairs at once (any shape, e.g. a meshgrid), b = 0.

    J = (1/m) Σᵢ [log(1 + e^{z⁽ⁱ⁾}) − y⁽ⁱ⁾ z⁽ⁱ⁾] with z⁽ⁱ⁾ = w₁x₁⁽ⁱ⁾ + w₂x₂⁽ⁱ⁾: the cross-entropy
    −(1/m) Σ [y log a + (1 − y) log(1 − a)] of a = σ(z), written so that it never overflows. It
    equals ``Network.cost`` wherever that one does not clip the true class's probability at
    1e-15 (a wrong prediction with |z| > 34.5), and keeps growing linearly beyond.
    One batched NumPy evaluation: an array of shape (*w1.shape, m), no loop over the weights.

    Parameters
    ----------
    w1, w2 : array_like
        Weights of x₁ and x₂, of the same shape.
    X : ndarray of shape (2, m)
    Y : ndarray of shape (1, m), labels 0 / 1.

    Returns
    -------
    ndarray of the shape of ``w1``.
    """
    X, Y = _check_data(X, Y)
    w1, w2 = np.asarray(w1, dtype=np.float64), np.asarray(w2, dtype=np.float64)
    if w1.shape != w2.shape:
        raise ValueError(f"w1 and w2 must have the same shape; got {w1.shape} and {w2.shape}")
    Z = np.multiply.outer(w1, X[0])
    Z += np.multiply.outer(w2, X[1])
    # log(1 + e^z) = max(z, 0) + log(1 + e^(−|z|)), in place: a few passes over (…, m).
    soft = np.abs(Z)
    np.negative(soft, out=soft)
    np.exp(soft, out=soft)
    np.log1p(soft, out=soft)
    soft += np.maximum(Z, 0.0, out=Z)
    # (1/m) Σ y z = w₁ (1/m) Σ y x₁ + w₂ (1/m) Σ y x₂: no second pass over the examples.
    y_x = X @ Y[0] / X.shape[1]
    return soft.mean(axis=-1) - (w1 * y_x[0] + w2 * y_x[1])


def logistic_network(X: np.ndarray, Y: np.ndarray) -> Network:
    """The model as a core Network: layer_dims [2, 1], sigmoid output, b₁ = 0 (never updated)."""
    _check_data(X, Y)
    return Network([2, 1], init="zeros")


def gradient(net: Network, w: np.ndarray, X: np.ndarray, Y: np.ndarray) -> np.ndarray:
    """dw = (1/m) X (A − Y)ᵀ at w, by the network's own backward pass (dW1 of a [2, 1] net).

    Parameters
    ----------
    net : Network
        A :func:`logistic_network`; its W1 is set to w (b1 stays 0).
    w : array_like
        (w₁, w₂), two finite numbers.
    X : ndarray of shape (2, m)
    Y : ndarray of shape (1, m)

    Returns
    -------
    ndarray of shape (2,)
        (dw₁, dw₂), a copy.
    """
    net.params["W1"] = _check_weights("w", w).reshape(1, 2)
    net.forward(X, training=True)
    return net.backward(Y)["dW1"].ravel().copy()


def best_weights(X: np.ndarray, Y: np.ndarray) -> np.ndarray:
    """w* = argmin J(w₁, w₂) with b = 0, by scikit-learn's Newton solver (no penalty).

    Newton steps w := w − H⁻¹ dw do not care how elongated J is, so w* is exact even at ratio
    1000, where gradient descent would need millions of steps.

    Parameters
    ----------
    X : ndarray of shape (2, m)
    Y : ndarray of shape (1, m), labels 0 / 1 (both present, not separable by a line through
        the origin, or w* would be infinite).

    Returns
    -------
    ndarray of shape (2,)
        (w₁*, w₂*).
    """
    X, Y = _check_data(X, Y)
    model = LogisticRegression(
        C=np.inf, fit_intercept=False, solver="newton-cholesky", tol=1e-12, max_iter=200
    )
    model.fit(X.T, Y.ravel())
    return model.coef_.ravel().astype(np.float64)


def hessian(w: np.ndarray, X: np.ndarray) -> np.ndarray:
    """H = (1/m) Σᵢ a⁽ⁱ⁾(1 − a⁽ⁱ⁾) x⁽ⁱ⁾x⁽ⁱ⁾ᵀ = (1/m) X diag(a(1 − a)) Xᵀ, the curvature of J at w.

    Its eigenvalues λ_min ≤ λ_max are the curvatures of J along its two principal axes: the
    contours are ellipses whose axes have lengths ∝ 1/√λ. Near the minimum, gradient descent is
    stable only for α < 2/λ_max, and it closes the gap along the flat axis by a factor
    (1 − α λ_min) per step.

    Parameters
    ----------
    w : array_like
        (w₁, w₂), two finite numbers.
    X : ndarray of shape (2, m)

    Returns
    -------
    ndarray of shape (2, 2)
        H, symmetric positive semi-definite.
    """
    X = check_matrix("X", X, rows=2)
    w = _check_weights("w", w)
    Z = w @ X
    a = 0.5 * (1.0 + np.tanh(0.5 * Z))
    return (X * (a * (1.0 - a))) @ X.T / X.shape[1]


@dataclass(frozen=True)
class CostMap:
    """J over a square grid of (w₁, w₂) around the start and the minimum, and its curvature.

    Plain arrays only, so it can be cached (pickled) and shared between sessions.
    """

    xs: np.ndarray
    """w₁ of the grid columns, shape (RESOLUTION,)."""
    ys: np.ndarray
    """w₂ of the grid rows, shape (RESOLUTION,); the box is square (same units on both axes)."""
    J: np.ndarray
    """J[i, j] = J(xs[j], ys[i]), from one batched evaluation; shape (RESOLUTION, RESOLUTION)."""
    w_star: np.ndarray
    """The minimum w* = (w₁*, w₂*)."""
    best_cost: float
    """J(w*)."""
    curvatures: np.ndarray
    """λ_min, λ_max of the Hessian at w*."""

    @property
    def condition(self) -> float:
        """κ = λ_max / λ_min: how many times steeper J is across the valley than along it."""
        return float(self.curvatures[1] / self.curvatures[0])

    @property
    def max_stable_rate(self) -> float:
        """2 / λ_max: the largest α for which gradient descent does not blow up near w*."""
        return float(2.0 / self.curvatures[1])


def _view_box(start: np.ndarray, w_star: np.ndarray) -> tuple[float, float, float, float]:
    """A square box around the start and w*, with equal units on both axes."""
    center = (start + w_star) / 2
    half = max(0.8 * float(np.abs(w_star - start).max()), 0.5)
    return (center[0] - half, center[0] + half, center[1] - half, center[1] + half)


def _surface(X: np.ndarray, Y: np.ndarray, w_star: np.ndarray) -> Surface:
    """J(w₁, w₂) of (X, Y) as a core Surface: batched values, the network's gradient, w*."""
    net = logistic_network(X, Y)

    def grad(w1: float, w2: float) -> tuple[float, float]:
        dw = gradient(net, np.array([w1, w2]), X, Y)
        return float(dw[0]), float(dw[1])

    return Surface(
        "logistic",
        lambda w1, w2: cost_grid(w1, w2, X, Y),
        grad,
        _view_box(np.array(START), w_star),
        START,
        (tuple(float(v) for v in w_star),),
        "J = −(1/m) Σ [y log σ(w₁x₁ + w₂x₂) + (1 − y) log(1 − σ(w₁x₁ + w₂x₂))]",
        "Logistic regression with two weights and b = 0.",
    )


def cost_map(X: np.ndarray, Y: np.ndarray, resolution: int = RESOLUTION) -> CostMap:
    """J of (X, Y) on a square grid around w = (0, 0) and w*, with the curvatures at w*.

    Parameters
    ----------
    X : ndarray of shape (2, m)
    Y : ndarray of shape (1, m)
    resolution : int
        Grid points per axis, in [10, 1000]: one batched :func:`cost_grid` of resolution² pairs.
    """
    X, Y = _check_data(X, Y)
    w_star = best_weights(X, Y)
    surface = _surface(X, Y, w_star)
    xs, ys, J = surface.grid(resolution)
    return CostMap(
        xs=xs,
        ys=ys,
        J=J,
        w_star=w_star,
        best_cost=float(surface(*w_star)),
        curvatures=np.linalg.eigvalsh(hessian(w_star, X)),
    )


@dataclass(frozen=True)
class Descent:
    """One gradient-descent run: the path, J along it, and when it got close to J(w*)."""

    path: np.ndarray
    """w after 0, 1, …, steps updates, shape (steps + 1, 2); NaN rows after a blow-up."""
    costs: np.ndarray
    """J along the path, shape (steps + 1,)."""
    best_cost: float
    """J(w*)."""
    steps_to_tolerance: int | None
    """First step with J − J(w*) ≤ TOLERANCE, or None if the budget ran out first."""

    @property
    def final_gap(self) -> float:
        """J(w) − J(w*) after the last step (inf if the path blew up)."""
        finite = self.costs[np.isfinite(self.costs)]
        return float(finite[-1] - self.best_cost) if finite.size else float("inf")


def descend(
    X: np.ndarray,
    Y: np.ndarray,
    learning_rate: float,
    steps: int,
    w_star: np.ndarray | None = None,
) -> Descent:
    """Run ``steps`` of gradient descent w := w − α dw from w = (0, 0) on the cost of (X, Y).

    The update is the core optimizer's: ``make_optimizer("gd", α).update({"w": w}, {"dw": dw})``
    (see :func:`playground.engine.surfaces.optimizer_path`), with dw from :func:`gradient`.

    Parameters
    ----------
    X : ndarray of shape (2, m)
    Y : ndarray of shape (1, m)
    learning_rate : float
        α, in (0, 100].
    steps : int
        Number of updates, in [1, MAX_STEPS].
    w_star : ndarray of shape (2,), optional
        The minimum, if already known (e.g. from :func:`cost_map`); else it is fitted.
    """
    X, Y = _check_data(X, Y)
    rate = check_range("learning_rate", learning_rate, 0.0, 100.0, inclusive_low=False)
    steps = check_int("steps", steps, 1, MAX_STEPS)
    w_star = best_weights(X, Y) if w_star is None else _check_weights("w_star", w_star)
    surface = _surface(X, Y, w_star)
    path = optimizer_path(surface, make_optimizer("gd", rate), START, steps)
    with np.errstate(over="ignore", invalid="ignore"):
        costs = surface(path[:, 0], path[:, 1])
    return Descent(
        path=path,
        costs=costs,
        best_cost=float(surface(*w_star)),
        steps_to_tolerance=steps_to_reach(path, surface, TOLERANCE),
    )


@dataclass(frozen=True)
class Problem:
    """The training set before (raw) and after (standardized) normalizing, with J of each."""

    X: np.ndarray
    Y: np.ndarray
    X_norm: np.ndarray
    """(X − μ)/σ."""
    mu: np.ndarray
    """Training mean of each feature, shape (2, 1)."""
    sigma: np.ndarray
    """Training standard deviation of each feature, shape (2, 1)."""
    raw: CostMap
    standardized: CostMap


def make_problem(ratio: float, seed: int = 0) -> Problem:
    """The training set of :func:`make_scaled_data` and its standardized copy, with their J.

    x_norm = (x − μ)/σ with μ = (1/m) Σ x⁽ⁱ⁾ and σ² = (1/m) Σ (x⁽ⁱ⁾ − μ)² of the training set
    (:func:`playground.data.standardize`).

    Parameters
    ----------
    ratio : float
        Scale of x₁, in [1, 1000].
    seed : int
        Seed of the data, in [0, 2**32 − 1].

    Returns
    -------
    Problem
        X, Y, X_norm, μ, σ and the two :class:`CostMap` (raw and standardized).
    """
    X, Y = make_scaled_data(ratio, M_TRAIN, seed)
    X_norm, mu, sigma = standardize(X)
    return Problem(X, Y, X_norm, mu, sigma, cost_map(X, Y), cost_map(X_norm, Y))


def descend_both(problem: Problem, learning_rate: float, steps: int) -> tuple[Descent, Descent]:
    """Gradient descent with the same α and budget on the raw and on the standardized inputs.

    Parameters
    ----------
    problem : Problem
        From :func:`make_problem` (its w* are reused, not refitted).
    learning_rate : float
        α, in (0, 100].
    steps : int
        Number of updates, in [1, MAX_STEPS].

    Returns
    -------
    tuple of Descent
        (raw, standardized).
    """
    raw = descend(problem.X, problem.Y, learning_rate, steps, problem.raw.w_star)
    standardized = descend(
        problem.X_norm, problem.Y, learning_rate, steps, problem.standardized.w_star
    )
    return raw, standardized


@dataclass(frozen=True)
class DevCheck:
    """A dev set standardized with the training μ, σ (right) and with its own (wrong)."""

    mu_train: np.ndarray
    sigma_train: np.ndarray
    mu_dev: np.ndarray
    sigma_dev: np.ndarray
    X_dev_train_stats: np.ndarray
    """(x_dev − μ_train)/σ_train: the same transformation the model was trained on."""
    X_dev_own_stats: np.ndarray
    """(x_dev − μ_dev)/σ_dev: a different transformation, so the points move."""
    Y_dev: np.ndarray
    w: np.ndarray
    """w* of the standardized training set: the boundary is w₁z₁ + w₂z₂ = 0."""
    accuracy_train_stats: float
    accuracy_own_stats: float
    changed: float
    """Fraction of dev examples whose prediction differs between the two standardizations."""


def dev_check(ratio: float, shift: float, seed: int = 0) -> DevCheck:
    """Standardize a dev set the right way (training μ, σ) and the wrong way (its own μ, σ).

    The dev set is drawn with u₁ ~ U(shift, 1): with ``shift`` > 0 it only holds large x₁, as a
    dev set collected later or elsewhere might. The model (w* of the standardized training set)
    classifies both versions with the core network's ``predict``.

    Parameters
    ----------
    ratio : float
        Scale of x₁, in [1, 1000].
    shift : float
        Lower end of the dev set's u₁, in [0, 0.9].
    seed : int
        Seed of the training set, in [0, 2**32 − 2]; the dev set uses seed + 1.
    """
    shift = check_range("shift", shift, 0.0, 0.9)
    seed = check_int("seed", seed, 0, 2**32 - 2)
    X, Y = make_scaled_data(ratio, M_TRAIN, seed)
    X_dev, Y_dev = make_scaled_data(ratio, M_DEV, seed + 1, low=shift)
    X_norm, X_dev_right, mu, sigma = standardize(X, X_dev)
    X_dev_wrong, mu_dev, sigma_dev = standardize(X_dev)
    w = best_weights(X_norm, Y)
    net = logistic_network(X_norm, Y)
    net.params["W1"] = w.reshape(1, 2)
    right, wrong = net.predict(X_dev_right), net.predict(X_dev_wrong)
    return DevCheck(
        mu_train=mu,
        sigma_train=sigma,
        mu_dev=mu_dev,
        sigma_dev=sigma_dev,
        X_dev_train_stats=X_dev_right,
        X_dev_own_stats=X_dev_wrong,
        Y_dev=Y_dev,
        w=w,
        accuracy_train_stats=float((right == Y_dev).mean()),
        accuracy_own_stats=float((wrong == Y_dev).mean()),
        changed=float((right != wrong).mean()),
    )


def measure(values: dict) -> dict[str, object]:
    """The numbers the page shows for its settings (ratio, lr, steps, devshift), by name: κ and
    2/λ_max of each cost, each descent's steps to J − J(w*) ≤ TOLERANCE (None: not within the
    budget) and final gap, whether α overshoots the raw valley, and the dev check's accuracies
    and share of changed predictions."""
    problem = make_problem(values["ratio"])
    raw, standardized = descend_both(problem, values["lr"], values["steps"])
    dev = dev_check(values["ratio"], values["devshift"])
    return {
        "raw_kappa": problem.raw.condition,
        "raw_stretch": problem.raw.condition**0.5,
        "raw_max_rate": problem.raw.max_stable_rate,
        "raw_overshoots": values["lr"] > problem.raw.max_stable_rate,
        "raw_steps": raw.steps_to_tolerance,
        "raw_converged": raw.steps_to_tolerance is not None,
        "raw_gap": raw.final_gap,
        "std_kappa": problem.standardized.condition,
        "std_steps": standardized.steps_to_tolerance,
        "std_converged": standardized.steps_to_tolerance is not None,
        "dev_right": dev.accuracy_train_stats,
        "dev_own": dev.accuracy_own_stats,
        "dev_changed": dev.changed,
    }
