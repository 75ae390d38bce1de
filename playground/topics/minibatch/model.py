"""Batch vs mini-batch vs stochastic gradient descent, on the same data, seed and learning rate.

Mini-batch gradient descent cuts the m training examples X (n_x, m), Y (1, m) into batches
X^{t}, Y^{t} of ``batch_size`` examples and takes one step per batch: for t = 1 … ⌈m / batch⌉,
forward-propagate X^{t}, compute J^{t} = (1/batch) Σ_i L(ŷ⁽ⁱ⁾, y⁽ⁱ⁾), back-propagate and update
W := W − α dW, b := b − α db. Batch size m is batch gradient descent (one smooth step per
epoch); batch size 1 is stochastic gradient descent (m noisy steps per epoch, no vectorization).

Two pictures: full networks trained with each batch size (``compare_runs``: cost per iteration
and per epoch, measured wall time per epoch), and the exact path of a 2-weight logistic
regression ŷ = σ(w₁x₁ + w₂x₂) on the contour of its full-batch cost J(w₁, w₂)
(``contour_paths``).
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from types import MappingProxyType

import numpy as np
from sklearn.exceptions import ConvergenceWarning
from sklearn.linear_model import LogisticRegression

from playground.engine.activations import sigmoid
from playground.engine.config import (
    MAX_SAMPLES,
    check_choice,
    check_int,
    check_labels,
    check_matrix,
    check_range,
    coerce_settings,
    settings_by_key,
)
from playground.engine.data_settings import TWO_CLASS_DATA
from playground.engine.experiment import Data, Run, make_data, outcome
from playground.engine.nn import PROB_CLIP, Network
from playground.engine.optim import GradientDescent
from playground.engine.settings import ALL
from playground.engine.train import History, train

BATCH_SIZES = ALL["bs"].options
"""The batch sizes offered: "full" (= m), "1" (SGD) and powers of 2 from 8 to 512."""

DATA_SETTINGS = TWO_CLASS_DATA
"""The data knobs (moons with noise 0.2 by default), shared with the learning-rate-decay page."""

SETTINGS = (
    replace(
        ALL["bs"],
        label="Mini-batch size to compare",
        help="Trained next to batch gradient descent (full = all m) and SGD (1), same seed.",
    ),
    replace(
        ALL["lr"],
        default=0.1,
        help="α of plain (mini-batch) gradient descent, the same for every batch size.",
    ),
    replace(ALL["epochs"], default=20, options=(10, 20, 40, 50, 100, 200)),
    ALL["seed"],
)
"""The page's own knobs: the mini-batch size compared, α, epochs and seed."""
BY_KEY = settings_by_key(*DATA_SETTINGS, *SETTINGS)
"""Every setting of the page by key (the key is its URL parameter)."""

FIXED_VALUES = MappingProxyType({"opt": "gd", "C": 2, "sched": "constant"})
"""Settings the page does not offer: plain gradient descent, two classes, a constant α."""

PATH_MAX_UPDATES = 12_000
"""Most SGD updates drawn on the contour: longer runs show their first epochs only."""
MAX_GRID_WORK = 4_000_000
"""Most grid points × examples in one batched cost evaluation (≈ 32 MB per temporary array)."""
GRID_RESOLUTION = (20, 80)
"""Fewest and most grid points per axis of the contour (fewer for large m)."""
VIEW_LIMIT = 20.0
"""The contour's view box stays within |w| ≤ 20 (a separable data set has its minimum at ∞)."""


def check_batch(bs: object) -> str:
    """Return ``bs`` if it is one of ``BATCH_SIZES`` ("full", "1", "8", …, "512")."""
    check_choice("bs", bs, BATCH_SIZES)
    return bs  # type: ignore[return-value]


def batch_size(bs: str) -> int | None:
    """The batch size the training loop takes: None for "full" (all m examples), else int."""
    return None if check_batch(bs) == "full" else int(bs)


def compared_batches(bs: str) -> tuple[str, ...]:
    """("full", bs, "1") without repeats: batch GD, the chosen mini-batch size and SGD."""
    check_batch(bs)
    return tuple(dict.fromkeys(("full", bs, "1")))


def batch_label(bs: str) -> str:
    """How a batch size is named on the page: "batch (full)", "mini-batch 32" or "SGD (1)"."""
    check_batch(bs)
    return {"full": "batch (full)", "1": "SGD (1)"}.get(bs, f"mini-batch {bs}")


def effective_batch(m: int, bs: str) -> int:
    """Examples per update: min(batch size, m), and m for "full"."""
    m = check_int("m", m, 1, MAX_SAMPLES)
    size = batch_size(bs)
    return m if size is None else min(size, m)


def iterations_per_epoch(m: int, bs: str) -> int:
    """Updates per epoch: ⌈m / batch⌉, with batch = min(batch size, m) (full: 1 update).

    Parameters
    ----------
    m : int
        Training examples, in [1, MAX_SAMPLES].
    bs : str
        One of ``BATCH_SIZES``.
    """
    return math.ceil(m / effective_batch(m, bs))


def epoch_axis_title(m: int, bs: str) -> str:
    """What one epoch is on a cost plot's x-axis, from the run's m and batch size: "epoch (one
    step on the full batch of 280 examples)", "epoch (9 steps on mini-batches of 32)" or
    "epoch (280 steps on single examples: SGD)"."""
    steps, size = iterations_per_epoch(m, bs), effective_batch(m, bs)
    if steps == 1:
        return f"epoch (one step on the full batch of {size} examples)"
    if size == 1:
        return f"epoch ({steps} steps on single examples: SGD)"
    return f"epoch ({steps} steps on mini-batches of {size})"


def compare_runs(values: Mapping[str, object], data: Data) -> dict[str, Run]:
    """One ``Run`` per compared batch size (``compared_batches(values["bs"])``), by label.

    Every run gets the same settings, data and seed (so the same initial W1, b1, …), only the
    mini-batch size differs.
    """
    return {
        batch_label(bs): Run({**values, "bs": bs}, data) for bs in compared_batches(values["bs"])
    }


def seconds_per_epoch(run: Run) -> float:
    """Measured wall time per epoch: ``run.seconds`` / epochs trained (NaN before training)."""
    epochs = run.history.last_epoch
    return run.seconds / epochs if epochs else math.nan


def last_epoch_costs(iteration_cost: Sequence[float], per_epoch: int) -> np.ndarray:
    """The costs J^{t} of the last epoch's ``per_epoch`` mini-batches (fewer if fewer exist)."""
    per_epoch = check_int("per_epoch", per_epoch, 1)
    costs = np.asarray(iteration_cost, dtype=np.float64).ravel()
    return costs[-per_epoch:] if costs.size else costs


# ------------------------------------------------------------------ 2-weight logistic regression


class _FixedBiasRecorder(GradientDescent):
    """Gradient descent W1 := W1 − α dW1 that keeps b1 at 0 (db1 is zeroed before the step)
    and records W1 = (w₁, w₂) after every update."""

    def __init__(self, learning_rate: float):
        super().__init__(learning_rate)
        self.path: list[np.ndarray] = []

    def update(self, params, grads) -> None:
        grads["db1"][...] = 0.0
        super().update(params, grads)
        self.path.append(params["W1"][0].copy())


def weight_path(
    X: np.ndarray,
    Y: np.ndarray,
    bs: str,
    learning_rate: float,
    epochs: int,
    seed: int = 0,
    start: Sequence[float] = (0.0, 0.0),
) -> tuple[np.ndarray, History]:
    """Train ŷ = σ(w₁x₁ + w₂x₂) (logistic regression, no bias) with mini-batch gradient descent.

    The very training loop of the networks (``playground.train.train``: same shuffle,
    same batches) runs a ``Network([2, 1])`` whose b1 stays 0; after each mini-batch t,
    w := w − α dw with dw = (1/batch) X^{t} (A^{t} − Y^{t})ᵀ, and w is recorded.

    Parameters
    ----------
    X : np.ndarray
        Training inputs, shape (2, m).
    Y : np.ndarray
        Labels 0/1, shape (1, m).
    bs : str
        One of ``BATCH_SIZES``.
    learning_rate : float
        α, in (0, 100].
    epochs : int
        Passes over the data, in [1, MAX_EPOCHS].
    seed : int
        Seed of the shuffles, in [0, 2**32 − 1].
    start : (float, float)
        The initial (w₁, w₂), each in [−VIEW_LIMIT, VIEW_LIMIT] (the course starts at 0).

    Returns
    -------
    path : np.ndarray
        (w₁, w₂) before training and after every update, shape (updates + 1, 2).
    history : History
        The loop's record (``iteration_cost`` holds every mini-batch cost J^{t}).
    """
    X = check_matrix("X", X, rows=2)
    Y = check_labels("Y", Y, X.shape[1], 2)
    learning_rate = check_range("learning_rate", learning_rate, 0.0, 100.0, inclusive_low=False)
    start = _check_start(start)
    net = Network([2, 1], init="zeros", seed=check_int("seed", seed, 0, 2**32 - 1))
    net.params["W1"] = start.reshape(1, 2)
    recorder = _FixedBiasRecorder(learning_rate)
    with np.errstate(over="ignore", invalid="ignore"):
        history = train(net, X, Y, recorder, epochs, batch_size=batch_size(bs), seed=seed)
    return np.vstack([start, *recorder.path]), history


def _check_start(start: Sequence[float]) -> np.ndarray:
    if isinstance(start, (str, bytes)) or len(start) != 2:  # type: ignore[arg-type]
        raise ValueError(f"start must be a pair (w₁, w₂); got {start!r}")
    return np.array(
        [check_range(f"start[{i}]", w, -VIEW_LIMIT, VIEW_LIMIT) for i, w in enumerate(start)]
    )


def logistic_cost(X: np.ndarray, Y: np.ndarray, W: np.ndarray) -> np.ndarray:
    """Full-batch cost of ŷ = σ(w₁x₁ + w₂x₂) at G weight pairs, in one batched evaluation.

    J(w) = −(1/m) Σ_i [y⁽ⁱ⁾ log a⁽ⁱ⁾ + (1 − y⁽ⁱ⁾) log(1 − a⁽ⁱ⁾)] with a = σ(w X), for every row
    w of ``W`` at once (Z = W X has shape (G, m)); a is clipped to [1e-15, 1 − 1e-15] as in
    ``Network.cost``, so J matches the network's cost with W1 = w, b1 = 0.

    Parameters
    ----------
    X : np.ndarray
        Inputs, shape (2, m).
    Y : np.ndarray
        Labels 0/1, shape (1, m).
    W : np.ndarray
        Weight pairs, shape (G, 2), G · m ≤ MAX_GRID_WORK.

    Returns
    -------
    np.ndarray
        J at each pair, shape (G,).
    """
    X = check_matrix("X", X, rows=2)
    Y = check_labels("Y", Y, X.shape[1], 2)
    W = check_matrix("W", np.asarray(W, dtype=np.float64).T, rows=2).T
    work = W.shape[0] * X.shape[1]
    if work > MAX_GRID_WORK:
        raise ValueError(
            f"W must hold at most {MAX_GRID_WORK // X.shape[1]} pairs for m = {X.shape[1]} "
            f"(G · m ≤ {MAX_GRID_WORK}); got {W.shape[0]}"
        )
    A = sigmoid(W @ X)
    p_true = np.where(Y == 1, A, 1.0 - A)
    np.clip(p_true, PROB_CLIP, 1.0 - PROB_CLIP, out=p_true)
    return -np.log(p_true).mean(axis=1)


def grid_resolution(m: int) -> int:
    """Grid points per axis: as many as ``GRID_RESOLUTION`` allows with resolution² · m ≤
    MAX_GRID_WORK (80 for a few hundred examples, 33 for 3 500)."""
    m = check_int("m", m, 1, MAX_SAMPLES)
    low, high = GRID_RESOLUTION
    return int(min(high, max(low, math.isqrt(MAX_GRID_WORK // m))))


def logistic_minimum(X: np.ndarray, Y: np.ndarray) -> np.ndarray:
    """w* = argmin J(w₁, w₂) of the bias-free logistic regression (scikit-learn's L-BFGS with
    a negligible L2 term, C = 1e6). On separable data J has no minimum: w* is then far out."""
    X = check_matrix("X", X, rows=2)
    Y = check_labels("Y", Y, X.shape[1], 2)
    if np.unique(Y).size < 2:
        raise ValueError("Y must hold both labels 0 and 1 to fit a logistic regression")
    model = LogisticRegression(fit_intercept=False, C=1e6, max_iter=2000)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        model.fit(X.T, Y.ravel())
    return model.coef_.ravel().astype(np.float64)


@dataclass
class ContourPaths:
    """What the contour figure shows: J on a grid and one path of (w₁, w₂) per batch size."""

    w1: np.ndarray
    """Grid values of w₁, shape (r,)."""
    w2: np.ndarray
    """Grid values of w₂, shape (r,)."""
    J: np.ndarray
    """J[i, j] = J(w1[j], w2[i]), shape (r, r)."""
    paths: dict[str, np.ndarray]
    """Label → (w₁, w₂) after every update, shape (updates + 1, 2)."""
    final_cost: dict[str, float]
    """Label → J at the path's last point."""
    minimum: np.ndarray
    """w*, shape (2,)."""
    minimum_cost: float
    epochs: int
    """Epochs each path trained (≤ the page's epochs, see ``PATH_MAX_UPDATES``)."""

    @property
    def minimum_in_view(self) -> bool:
        """True if w* lies inside the grid's box."""
        w1, w2 = self.minimum
        return bool(self.w1[0] <= w1 <= self.w1[-1] and self.w2[0] <= w2 <= self.w2[-1])


def last_finite(path: np.ndarray) -> np.ndarray:
    """The last (w₁, w₂) of ``path`` (shape (k, 2)) whose both entries are finite."""
    path = np.asarray(path, dtype=np.float64)
    if path.ndim != 2 or path.shape[1] != 2:
        raise ValueError(f"path must have shape (k, 2); got {path.shape}")
    finite = np.flatnonzero(np.isfinite(path).all(axis=1))
    if finite.size == 0:
        raise ValueError("path must hold at least one finite (w₁, w₂) pair")
    return path[finite[-1]]


def path_epochs(m: int, epochs: int) -> int:
    """Epochs drawn on the contour: all of them, or as many as fit in ``PATH_MAX_UPDATES`` SGD
    updates (m per epoch), at least 1."""
    m = check_int("m", m, 1, MAX_SAMPLES)
    epochs = check_int("epochs", epochs, 1, 20_000)
    return max(1, min(epochs, PATH_MAX_UPDATES // m))


def view_box(points: Sequence[np.ndarray], margin: float = 0.15) -> tuple[float, ...]:
    """A square (w₁ low, w₁ high, w₂ low, w₂ high) around every finite point: as wide as the
    larger of the two spans plus ``margin`` of it on each side (at least ±0.5), centred on the
    points and kept within ±VIEW_LIMIT — square so that one unit of w₁ and of w₂ look alike."""
    margin = check_range("margin", margin, 0.0, 10.0)
    stacked = np.vstack([np.asarray(p, dtype=np.float64).reshape(-1, 2) for p in points])
    stacked = stacked[np.isfinite(stacked).all(axis=1)]
    if stacked.size == 0:
        raise ValueError("points must hold at least one finite (w₁, w₂) pair")
    low, high = stacked.min(axis=0), stacked.max(axis=0)
    half = min(max(float((high - low).max()) * (0.5 + margin), 0.5), VIEW_LIMIT)
    centre = np.clip((low + high) / 2, -VIEW_LIMIT + half, VIEW_LIMIT - half)
    low = np.clip(centre - half, -VIEW_LIMIT, VIEW_LIMIT)
    high = np.clip(centre + half, -VIEW_LIMIT, VIEW_LIMIT)
    return float(low[0]), float(high[0]), float(low[1]), float(high[1])


def contour_paths(
    X: np.ndarray,
    Y: np.ndarray,
    batches: Sequence[str],
    learning_rate: float,
    epochs: int,
    seed: int = 0,
) -> ContourPaths:
    """Paths of the bias-free logistic regression for each batch size, and J on a grid.

    Every path starts at w = (0, 0) and trains ``path_epochs(m, epochs)`` epochs with
    ``weight_path`` (same α, same seed); the grid covers the paths and w* (within ±VIEW_LIMIT)
    and J(w₁, w₂) = −(1/m) Σ_i [y⁽ⁱ⁾ log σ(w x⁽ⁱ⁾) + (1 − y⁽ⁱ⁾) log(1 − σ(w x⁽ⁱ⁾))] on it is
    computed by one ``logistic_cost`` call.

    Parameters
    ----------
    X : np.ndarray
        Training inputs, shape (2, m).
    Y : np.ndarray
        Labels 0/1, shape (1, m), both present.
    batches : sequence of str
        Batch sizes from ``BATCH_SIZES``, e.g. ``compared_batches("32")``.
    learning_rate : float
        α, in (0, 100].
    epochs : int
        The page's epochs, in [1, 20 000] (fewer are drawn if SGD would pass
        ``PATH_MAX_UPDATES``).
    seed : int
        Seed of the shuffles.

    Returns
    -------
    ContourPaths
        The grid, J on it, each path by ``batch_label``, their final J, w* and J(w*).

    Raises
    ------
    ValueError
        If an argument is out of range or ``batches`` is empty or names an unknown size.
    """
    X = check_matrix("X", X, rows=2)
    Y = check_labels("Y", Y, X.shape[1], 2)
    if isinstance(batches, str) or not batches:
        raise ValueError(f"batches must be a non-empty list of batch sizes; got {batches!r}")
    for bs in batches:
        check_batch(bs)
    shown = path_epochs(X.shape[1], epochs)
    paths = {
        batch_label(bs): weight_path(X, Y, bs, learning_rate, shown, seed)[0] for bs in batches
    }
    minimum = logistic_minimum(X, Y)
    w1_low, w1_high, w2_low, w2_high = view_box([*paths.values(), minimum])
    resolution = grid_resolution(X.shape[1])
    w1 = np.linspace(w1_low, w1_high, resolution)
    w2 = np.linspace(w2_low, w2_high, resolution)
    grid_w1, grid_w2 = np.meshgrid(w1, w2)
    J = logistic_cost(X, Y, np.column_stack([grid_w1.ravel(), grid_w2.ravel()]))
    ends = [last_finite(path) for path in paths.values()]
    at_ends = logistic_cost(X, Y, np.vstack([*ends, minimum]))
    return ContourPaths(
        w1=w1,
        w2=w2,
        J=J.reshape(resolution, resolution),
        paths=paths,
        final_cost=dict(zip(paths, at_ends[:-1].tolist(), strict=True)),
        minimum=minimum,
        minimum_cost=float(at_ends[-1]),
        epochs=shown,
    )


RUN_KEYS = {"full": "batch", "1": "sgd"}
"""Short names of batch gradient descent and SGD in :func:`measure` (the mini-batch run: mini)."""


def measure(values: Mapping[str, object]) -> dict[str, object]:
    """What the page shows for its settings, by name, once the runs trained to the end: for
    batch gradient descent, the chosen mini-batch size and SGD ("batch", "mini", "sgd") the
    run's ``outcome`` ("<run>_cost", "<run>_train", …), its updates per epoch and the std of
    its last epoch's mini-batch costs ("<run>_updates", "<run>_spread"); and on the contour, how
    far each path ends from w* ("<run>_distance")."""
    values = coerce_settings(ALL, dict(values) | dict(FIXED_VALUES))  # as the page completes them
    data = make_data(values)
    m = data.X_train.shape[1]
    batches = compared_batches(values["bs"])
    paths = contour_paths(
        data.X_train, data.Y_train, batches, values["lr"], values["epochs"], values["seed"]
    )
    shown: dict[str, object] = {}
    for bs, run, path in zip(
        batches, compare_runs(values, data).values(), paths.paths.values(), strict=True
    ):
        run.advance()
        key = RUN_KEYS.get(bs, "mini")
        per_epoch = iterations_per_epoch(m, bs)
        shown |= {f"{key}_{name}": value for name, value in outcome(run).items()}
        shown |= {
            f"{key}_updates": per_epoch,
            f"{key}_spread": float(last_epoch_costs(run.history.iteration_cost, per_epoch).std()),
            f"{key}_distance": float(np.linalg.norm(last_finite(path) - paths.minimum)),
        }
    return shown
