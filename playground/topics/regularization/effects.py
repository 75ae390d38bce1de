"""What each regularization technique does to the weights, the activations and the cost, measured.

* L2 adds (λ/2b) Σ_l ‖W[l]‖²_F to the cost J{t} of each mini-batch of b examples (b = m with
  full batches), as the lecture's J{t} = (1/b) Σ L + λ/(2b) Σ ‖W‖² does, so dW[l] gets
  + (λ/b) W[l] and gradient descent becomes W[l] := (1 − αλ/b) W[l] − α dW[l]_backprop
  ("weight decay", :func:`weight_decay_factor`). Smaller batches take more steps per epoch,
  each decaying more: per epoch W shrinks by about (1 − αλ/b)^(m/b)
  (:func:`weight_decay_per_epoch`), so the effective λ grows as batches shrink.
* L1 adds (λ₁/2b) Σ_l Σ |w| to J{t}: + (λ₁/2b) sign(W[l]) in dW[l] pulls every weight towards
  0 by the same amount, so many end near zero (:func:`sparsity`) — near, not at: a step of
  fixed size jumps over 0 rather than landing on it.
* Inverted dropout keeps each hidden unit with probability keep_prob: a[l] := a[l] ⊙ d[l] /
  keep_prob, which keeps E[a[l]] unchanged (:func:`dropout_means`); no dropout at test time.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from playground.engine.config import check_int, check_matrix, check_range
from playground.engine.kept import Kept
from playground.engine.nn import Network

NEAR_ZERO = 1e-3
"""A weight with |w| < NEAR_ZERO counts as zero in :func:`sparsity`."""
DROPOUT_SAMPLES = 50
"""Dropout masks averaged over, per layer, by :func:`dropout_means`."""


# -------------------------------------------------------------------------------------- L2
def weight_decay_factor(learning_rate: float, lambd: float, batch: int) -> float:
    """1 − αλ/b: with L2 and gradient descent on a mini-batch of b examples,
    W := (1 − αλ/b) W − α dW_backprop (b = m for full-batch gradient descent).

    Parameters
    ----------
    learning_rate : float
        α in (0, 100].
    lambd : float
        λ in [0, 1e6].
    batch : int
        b, the examples of the mini-batch (the penalty is λ/(2b) Σ‖W‖²), at least 1.

    Returns
    -------
    float
        The factor every weight is multiplied by before each gradient step (below 0 when
        αλ/b > 1: the weights would flip sign every step, a sign λ is far too large).
    """
    alpha = check_range("learning_rate", learning_rate, 0.0, 100.0, inclusive_low=False)
    lambd = check_range("lambd", lambd, 0.0, 1e6)
    batch = check_int("batch", batch, 1)
    return 1.0 - alpha * lambd / batch


def batch_sizes(m: int, batch: int | None) -> list[int]:
    """The sizes of one epoch's mini-batches: ⌊m/b⌋ batches of b, then the rest (if any), as
    ``playground.train`` cuts them; [m] for ``batch`` None (full batch) or b ≥ m."""
    m = check_int("m", m, 1)
    b = m if batch is None else min(check_int("batch", batch, 1), m)
    return [b] * (m // b) + ([m % b] if m % b else [])


def weight_decay_per_epoch(learning_rate: float, lambd: float, m: int, batch: int | None) -> float:
    """Π over one epoch's mini-batches of (1 − αλ/b_i): how much weight decay alone shrinks W in
    an epoch of m examples cut into batches of ``batch`` (None = full batch: 1 − αλ/m).

    About (1 − αλ/b)^(m/b) ≈ 1 − αλm/b²: halving b makes the decay per epoch about 4× as strong.
    """
    return math.prod(weight_decay_factor(learning_rate, lambd, b) for b in batch_sizes(m, batch))


def effective_lambda(learning_rate: float, lambd: float, m: int, batch: int | None) -> float:
    """The λ with which full-batch gradient descent would shrink W as much per epoch as
    mini-batches of ``batch`` do with ``lambd``: λ_eff = m (1 − Π_i (1 − αλ/b_i)) / α."""
    per_epoch = weight_decay_per_epoch(learning_rate, lambd, m, batch)
    return m * (1.0 - per_epoch) / learning_rate


def total_weight_norm(weight_norms: Sequence[Sequence[float]]) -> np.ndarray:
    """‖W‖ = √(Σ_l ‖W[l]‖²_F) for each recorded epoch, from ``History.weight_norms`` (one row per
    epoch of ``History.record_epochs``).

    Returns an array of shape (records,); NaN norms stay NaN. ValueError unless the rows all have
    the same number of layers.
    """
    rows = list(weight_norms)
    if not rows:
        return np.zeros(0)
    widths = {len(row) for row in rows}
    if len(widths) != 1 or 0 in widths:
        raise ValueError("weight_norms must hold one norm per layer, the same layers every epoch")
    norms = np.asarray(rows, dtype=np.float64)
    return np.sqrt(np.sum(norms * norms, axis=1))


# -------------------------------------------------------------------------------------- L1
def weight_keys(params: Mapping[str, np.ndarray]) -> list[str]:
    """W1, W2, … of ``params`` in layer order (the biases b[l] are not regularized)."""
    keys = [key for key in params if key[:1] == "W" and key[1:].isdigit()]
    return sorted(keys, key=lambda key: int(key[1:]))


def all_weights(params: Mapping[str, np.ndarray]) -> np.ndarray:
    """Every weight of W1, W2, … in one flat array (for the histogram of |w|)."""
    keys = weight_keys(params)
    if not keys:
        raise ValueError("params must hold weights W1, W2, …; got none")
    return np.concatenate([np.asarray(params[key], dtype=np.float64).ravel() for key in keys])


@dataclass(frozen=True)
class Sparsity:
    """How many weights are (about) zero: |w| < threshold, over all W[l] and per layer."""

    near_zero: int
    total: int
    threshold: float
    per_layer: tuple[tuple[int, int], ...]
    """(near zero, weights) of W1, W2, …."""
    exact_zero: int = 0
    """How many are exactly 0 (L1's subgradient steps rarely land there)."""

    @property
    def fraction(self) -> float:
        """near_zero / total."""
        return self.near_zero / self.total


def sparsity(params: Mapping[str, np.ndarray], threshold: float = NEAR_ZERO) -> Sparsity:
    """Count the weights with |w| < threshold in W1, W2, … (biases excluded), and those = 0.

    Parameters
    ----------
    params : mapping
        Parameters by name, e.g. a network's ``params``.
    threshold : float
        In (0, 1]; the default NEAR_ZERO = 1e-3.
    """
    threshold = check_range("threshold", threshold, 0.0, 1.0, inclusive_low=False)
    all_weights(params)  # validates that there are weights
    per_layer = []
    exact = 0
    for key in weight_keys(params):
        W = np.asarray(params[key], dtype=np.float64)
        per_layer.append((int(np.count_nonzero(np.abs(W) < threshold)), int(W.size)))
        exact += int(np.count_nonzero(W == 0.0))
    near, total = (sum(column) for column in zip(*per_layer, strict=True))
    return Sparsity(near, total, threshold, tuple(per_layer), exact)


# -------------------------------------------------------------------------------------- dropout
@dataclass(frozen=True)
class DropoutMeans:
    """Mean activation of each hidden layer l = 1 … L−1 (over units and examples) three ways."""

    keep_probs: tuple[float, ...]
    test: np.ndarray
    """Test mode, no dropout: mean of a[l] = g(z[l])."""
    inverted: np.ndarray
    """Training mode, inverted dropout: mean over masks of a[l] ⊙ d[l] / keep_prob."""
    unscaled: np.ndarray
    """Training mode without the ÷ keep_prob: mean over masks of a[l] ⊙ d[l]."""


MEANS_KEPT = 16
"""Dropout means a server process keeps (under a kB each): a class that opens the
dropout scene measures its untrained network once, not once per student."""
_MEANS: Kept[DropoutMeans] = Kept(MEANS_KEPT)


def dropout_means(
    net: Network, X: np.ndarray, samples: int = DROPOUT_SAMPLES, seed: int = 0
) -> DropoutMeans:
    """Show that inverted dropout keeps the expected activation: E[a ⊙ d / keep_prob] = a.

    With d[l] = (rand(n_l, m) < keep_prob), E[d[l]] = keep_prob, so E[a[l] ⊙ d[l] / keep_prob]
    = a[l] while E[a[l] ⊙ d[l]] = keep_prob · a[l]. Each hidden layer is checked on its own: a
    copy of ``net`` drops units of layer l only (its input a[l−1] is the test-time one), runs
    ``samples`` training-mode forward passes with masks from ``RandomState(seed)`` and averages
    a[l]; a pass without dropout gives the test-mode a[l]. (In training all layers drop at once,
    and a later layer's mean also moves with the noise of the earlier ones.) The means of a
    network, inputs and masks measured before in this process are the ones kept then (their
    arrays read-only).

    Parameters
    ----------
    net : Network
        Without batch norm (its training mode would also change the statistics), with at least
        one hidden layer.
    X : ndarray of shape (n_x, m)
        Inputs.
    samples : int
        Masks to average over per layer, in [1, 10000].
    seed : int
        Seed of the masks, in [0, 2**32 − 1].

    Returns
    -------
    DropoutMeans
        One value per hidden layer in ``test``, ``inverted`` and ``unscaled``; a layer with
        keep_prob = 1 has all three equal.
    """
    if net.batch_norm:
        raise ValueError("net must not use batch norm to compare dropout's activation means")
    if net.L < 2:
        raise ValueError("net must have at least one hidden layer to apply dropout")
    X = check_matrix("X", X, rows=net.layer_dims[0])
    samples = check_int("samples", samples, 1, 10_000)
    seed = check_int("seed", seed, 0, 2**32 - 1)
    inputs = hashlib.blake2b(X.tobytes(), digest_size=16).hexdigest()
    key = (net.inference_digest(), tuple(net.keep_probs), X.shape, inputs, samples, seed)
    return _MEANS.get(key, lambda: _measured_means(net, X, samples, seed))


def _measured_means(net: Network, X: np.ndarray, samples: int, seed: int) -> DropoutMeans:
    """:func:`dropout_means` measured, its arrays read-only (the result is shared)."""
    probe = net.copy()
    probe.dropout_rng = np.random.RandomState(seed)
    keep = list(net.keep_probs)
    probe._forward(X, training=True, dropout=False)
    test = np.array([probe._cache.A[l].mean() for l in range(1, net.L)])
    inverted = test.copy()
    for l, keep_prob in enumerate(keep, start=1):
        if keep_prob == 1.0:
            continue
        probe.keep_probs = [keep_prob if layer == l else 1.0 for layer in range(1, net.L)]
        total = 0.0
        for _ in range(samples):
            probe._forward(X, training=True)
            total += probe._cache.A[l].mean()
        inverted[l - 1] = total / samples
    unscaled = inverted * np.asarray(keep)
    for array in (test, inverted, unscaled):
        array.flags.writeable = False
    return DropoutMeans(tuple(keep), test, inverted, unscaled)


def cost_jitter(costs: Sequence[float]) -> float:
    """Mean |J_e − J_{e−1}| over consecutive epochs: how much the cost curve jumps per epoch.

    NaN with fewer than two finite costs.
    """
    values = np.asarray(costs, dtype=np.float64).ravel()
    steps = np.abs(np.diff(values))
    steps = steps[np.isfinite(steps)]
    return float(steps.mean()) if steps.size else math.nan
