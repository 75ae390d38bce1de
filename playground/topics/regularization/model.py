"""Regularization side by side: one network trained twice from the same seed, without and with a
technique (L2, L1, dropout, data augmentation or early stopping), and what each technique does.

The two runs share the data, the initial weights W1, b1, … and the shuffling; only the technique
differs, so any difference in the decision boundary, the costs or the weights is its effect:

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
* Data augmentation trains on transformed copies of the examples (:mod:`playground.augment`).
* Early stopping keeps the weights of the epoch with the lowest dev cost.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from types import MappingProxyType

import numpy as np

from playground.engine.blas import one_blas_thread
from playground.engine.config import (
    Setting,
    check_choice,
    check_int,
    check_matrix,
    check_range,
    settings_by_key,
)
from playground.engine.experiment import Data, Run, make_data, outcome
from playground.engine.nn import Network
from playground.engine.settings import ALL, MAX_HIDDEN_LAYERS
from playground.engine.train import StopReason
from playground.topics.regularization import augment as aug

TECHNIQUES = ("L2", "L1", "dropout", "augmentation", "early-stopping")
"""The techniques the second run can use (the URL value of ``reg``)."""
NAMES = MappingProxyType(
    {
        "L2": "L2",
        "L1": "L1",
        "dropout": "dropout",
        "augmentation": "data augmentation",
        "early-stopping": "early stopping",
    }
)
"""Each technique in a sentence."""
BASELINE = "none"
"""Name of the run without regularization."""
SAME = 0.02
"""Dev accuracies closer than 2 points count as the same in :func:`comparison`."""
SAME_NORM = 0.01
"""Final weight norms within 1 % of each other count as the same in :func:`l2_result`."""
NEAR_ZERO = 1e-3
"""A weight with |w| < NEAR_ZERO counts as zero in :func:`sparsity`."""
DROPOUT_SAMPLES = 50
"""Dropout masks averaged over, per layer, by :func:`dropout_means`."""
DATA_KEYS = ("ds", "noise", "n", "C", "dev", "std", "dseed")
"""The settings :func:`playground.experiment.make_data` reads."""
KEEP_KEYS = tuple(f"kp{l}" for l in range(1, MAX_HIDDEN_LAYERS + 1))

PAGE_DEFAULTS: Mapping[str, object] = MappingProxyType(
    {
        "ds": "xor",
        "noise": 0.2,
        "n": 200,
        "dev": 50,
        "dseed": 3,
        "layers": 3,
        "h1": 64,
        "h2": 64,
        "h3": 64,
        "lr": 0.003,
        "bs": "full",
        "epochs": 500,
    }
)
"""Shared settings whose default differs on this page: 100 noisy XOR points and a big network
(3 × 64 ReLU units) overfit within a few hundred full-batch Adam epochs, each technique's default
visibly lowers the dev error (checked over several init seeds), and both runs train in about a
second."""

SETTINGS = (
    Setting(
        "reg",
        "Technique",
        "L2",
        "choice",
        options=TECHNIQUES,
        help="What the second run adds; the first run (none) uses no regularization. Both start "
        "from the same weights and see the data in the same order.",
    ),
    replace(ALL["l2"], default=3.0),
    replace(ALL["l1"], default=1.0),
    *(replace(ALL[key], default=0.6) for key in KEEP_KEYS),
    replace(
        ALL["es"],
        default=50,
        low=10,
        help="Stop after this many epochs without a lower dev cost, and restore the weights of "
        "the best epoch.",
    ),
    *aug.SETTINGS,
)
"""The page's own knobs: the technique and each technique's strength (defaults that help)."""

SHARED = tuple(
    replace(setting, default=PAGE_DEFAULTS[key]) if key in PAGE_DEFAULTS else setting
    for key, setting in ALL.items()
    if key not in {s.key for s in SETTINGS}
)
"""The shared training settings, with this page's defaults."""

TABLE = settings_by_key(*SHARED, *SETTINGS)
"""Every setting of the page by key: read URL values with ``coerce_settings(TABLE, values)``."""

_OFF = MappingProxyType(
    {"l2": 0.0, "l1": 0.0, "es": 0, "bn": False, **dict.fromkeys(KEEP_KEYS, 1.0)}
)


def settings(*keys: str) -> list[Setting]:
    """The page's settings for ``keys``, in that order (ValueError for an unknown key)."""
    unknown = [key for key in keys if key not in TABLE]
    if unknown:
        raise ValueError(f"keys must be settings of the page; unknown: {', '.join(unknown)}")
    return [TABLE[key] for key in keys]


def technique_keys(technique: str, layers: int) -> tuple[str, ...]:
    """The settings the technique uses: l2, l1, kp1 … kpL, es, or the augmentation knobs."""
    check_choice("technique", technique, TECHNIQUES)
    layers = check_int("layers", layers, 0, MAX_HIDDEN_LAYERS)
    return {
        "L2": ("l2",),
        "L1": ("l1",),
        "dropout": KEEP_KEYS[:layers],
        "augmentation": tuple(s.key for s in aug.SETTINGS),
        "early-stopping": ("es",),
    }[technique]


def _require(values: Mapping[str, object], keys: Sequence[str]) -> None:
    missing = [key for key in keys if key not in values]
    if missing:
        raise ValueError(f"values must hold every setting of the page; missing {missing}")


def run_settings(values: Mapping[str, object]) -> dict[str, dict]:
    """The settings of the two runs: {"none": no regularization, technique: only that one}.

    Both copy ``values`` (same data, network, init seed and shuffling) with λ = λ₁ = 0,
    keep_prob = 1, no early stopping and no batch norm; the second then turns the chosen
    technique (``values["reg"]``) back on. Augmentation changes the training set, not the
    settings (see :func:`make_runs`).
    """
    _require(values, tuple(TABLE))
    technique = values["reg"]
    check_choice("values['reg']", technique, TECHNIQUES)
    base = {**values, **_OFF}
    regular = dict(base)
    for key in technique_keys(technique, values["layers"]):
        regular[key] = values[key]
    return {BASELINE: base, technique: regular}


def run_title(values: Mapping[str, object]) -> str:
    """A short title of the regularized run: the technique and its strength."""
    _require(values, tuple(TABLE))
    technique = values["reg"]
    check_choice("values['reg']", technique, TECHNIQUES)
    if technique == "L2":
        return f"L2, λ = {values['l2']:g}"
    if technique == "L1":
        return f"L1, λ₁ = {values['l1']:g}"
    if technique == "dropout":
        keep = [f"{values[key]:g}" for key in KEEP_KEYS[: values["layers"]]]
        return f"Dropout, keep_prob {' / '.join(keep) or '—'}"
    if technique == "augmentation":
        return f"Augmentation, {values['copies']} copies"
    return f"Early stopping, patience {values['es']}"


def data_values(values: Mapping[str, object]) -> dict:
    """Only the settings that define the data set (to share one cached data set)."""
    _require(values, DATA_KEYS)
    return {key: values[key] for key in DATA_KEYS}


def augmented_data(data: Data, values: Mapping[str, object]) -> Data:
    """The training set with ``copies`` transformed copies of each example (dev set unchanged).

    Calls :func:`playground.augment.augment` with the page's jitter, reflect, rotate and copies
    and the data seed ``dseed`` (augmentation is part of the data).
    """
    _require(values, ("jitter", "reflect", "rotate", "copies", "dseed"))
    if data.n_x != 2:
        raise ValueError(f"data must have 2 features to augment 2-D points; got {data.n_x}")
    X_aug, Y_aug = aug.augment(
        data.X_train,
        data.Y_train,
        jitter=values["jitter"],
        reflect=values["reflect"],
        rotate_degrees=values["rotate"],
        copies=values["copies"],
        seed=values["dseed"],
    )
    source = f"{data.source} + augmentation"
    return Data(X_aug, Y_aug, data.X_dev, data.Y_dev, data.n_classes, source)


def make_runs(
    values: Mapping[str, object],
    data: Data,
    augmented: Data | None = None,
    run_type: type[Run] = Run,
) -> dict[str, Run]:
    """The two runs by name, untrained: "none" on ``data``, the technique's on ``data`` (or on
    ``augmented``, made by :func:`augmented_data` when not given, for augmentation).

    ``run_type`` is :class:`playground.experiment.Run` or a subclass of it (the UI's adds a
    limit on BLAS threads).
    """
    runs = run_settings(values)
    technique = values["reg"]
    if not (isinstance(run_type, type) and issubclass(run_type, Run)):
        raise ValueError(f"run_type must be Run or a subclass of it; got {run_type!r}")
    if technique == "augmentation" and augmented is None:
        augmented = augmented_data(data, values)
    train_on = {BASELINE: data, technique: augmented if technique == "augmentation" else data}
    return {name: run_type(settings, train_on[name]) for name, settings in runs.items()}


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
    """‖W‖ = √(Σ_l ‖W[l]‖²_F) for each epoch, from ``History.weight_norms`` (one row per epoch).

    Returns an array of shape (epochs,); NaN norms stay NaN. ValueError unless the rows all have
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


def dropout_means(
    net: Network, X: np.ndarray, samples: int = DROPOUT_SAMPLES, seed: int = 0
) -> DropoutMeans:
    """Show that inverted dropout keeps the expected activation: E[a ⊙ d / keep_prob] = a.

    With d[l] = (rand(n_l, m) < keep_prob), E[d[l]] = keep_prob, so E[a[l] ⊙ d[l] / keep_prob]
    = a[l] while E[a[l] ⊙ d[l]] = keep_prob · a[l]. Each hidden layer is checked on its own: a
    copy of ``net`` drops units of layer l only (its input a[l−1] is the test-time one), runs
    ``samples`` training-mode forward passes with masks from ``RandomState(seed)`` and averages
    a[l]; a pass without dropout gives the test-mode a[l]. (In training all layers drop at once,
    and a later layer's mean also moves with the noise of the earlier ones.)

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
    probe = net.copy()
    probe._dropout_rng = np.random.RandomState(seed)
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
    return DropoutMeans(tuple(keep), test, inverted, inverted * np.asarray(keep))


def cost_jitter(costs: Sequence[float]) -> float:
    """Mean |J_e − J_{e−1}| over consecutive epochs: how much the cost curve jumps per epoch.

    NaN with fewer than two finite costs.
    """
    values = np.asarray(costs, dtype=np.float64).ravel()
    steps = np.abs(np.diff(values))
    steps = steps[np.isfinite(steps)]
    return float(steps.mean()) if steps.size else math.nan


# -------------------------------------------------------------------------------------- words
def _pct(fraction: float) -> str:
    return f"{fraction:.0%}"


def comparison(technique: str, baseline: tuple[float, float], regular: tuple[float, float]) -> str:
    """What the technique did to the (train error, dev error) of the baseline run, in words.

    A change of dev accuracy below ``SAME`` (2 points) is called "about the same".
    """
    check_choice("technique", technique, TECHNIQUES)
    train0, dev0 = (check_range(f"baseline[{i}]", e, 0.0, 1.0) for i, e in enumerate(baseline))
    train1, dev1 = (check_range(f"regular[{i}]", e, 0.0, 1.0) for i, e in enumerate(regular))
    acc0, acc1 = 1 - dev0, 1 - dev1
    gap0, gap1 = (dev0 - train0) * 100, (dev1 - train1) * 100
    head = f"**Dev accuracy went from {_pct(acc0)} to {_pct(acc1)}** with {NAMES[technique]}"
    if acc1 - acc0 >= SAME:
        verdict = "the regularized network overfits less."
    elif acc0 - acc1 >= SAME and train1 - train0 >= SAME:
        verdict = (
            "worse: this much regularization makes the network underfit "
            f"(train accuracy {_pct(1 - train0)} → {_pct(1 - train1)})."
        )
    elif acc0 - acc1 >= SAME:
        verdict = "worse on the dev set."
    else:
        verdict = "about the same on the dev set."
    if gap0 < 5 and acc1 - acc0 < SAME:
        verdict += (
            f" Without regularization the network hardly overfits (train − dev gap {gap0:.0f} "
            "points): there is little for regularization to fix"
        )
        verdict += (
            f", and train accuracy is only {_pct(1 - train0)}: it underfits (high bias), so a "
            "bigger network or longer training comes first."
            if train0 > 0.1
            else "."
        )
    return (
        f"{head}: {verdict} The gap between train and dev accuracy went from {gap0:.0f} to "
        f"{gap1:.0f} points (train accuracy {_pct(1 - train0)} → {_pct(1 - train1)})."
    )


def _bullets(*items: str) -> str:
    return "\n".join(f"- {item}" for item in items if item)


def _epoch_decay(learning_rate: float, lambd: float, m: int, batch: int | None) -> str:
    """Weight decay per epoch, and as an effective full-batch λ when the batches are smaller."""
    sizes = batch_sizes(m, batch)
    per_epoch = weight_decay_per_epoch(learning_rate, lambd, m, batch)
    if not 0 < per_epoch < 1:
        return ""
    steps = "1 step" if len(sizes) == 1 else f"{len(sizes)} steps"
    if len(sizes) > 1 and sizes[-1] != sizes[0]:
        steps += f" ({len(sizes) - 1} of b = {sizes[0]}, one of {sizes[-1]})"
    text = f" An epoch of m = {m} examples takes {steps}: W × **{per_epoch:.6g}** per epoch."
    if len(sizes) > 1:
        full = weight_decay_factor(learning_rate, lambd, m)
        effective = effective_lambda(learning_rate, lambd, m, batch)
        text += (
            f" Full-batch gradient descent would decay W by only {full:.6g} per epoch: these "
            f"mini-batches act like λ ≈ **{effective:.3g}** on the full batch, "
            f"{effective / lambd:.3g}× the λ = {lambd:g} you set — the smaller the batch, the "
            "stronger the same λ."
        )
    return text


def l2_text(
    learning_rate: float,
    lambd: float,
    m: int,
    batch: int | None,
    epochs: int,
    optimizer: str,
    norms: tuple,
) -> str:
    """The penalty per mini-batch, the weight-decay factor 1 − αλ/b per step and per epoch for
    this run's batch size b (None = full batch, b = m) and both runs' final ‖W‖.

    ``epochs`` is the run's number of epochs; ``norms`` the final ‖W‖ of the unregularized and
    the L2 run (empty before training). Returns Markdown bullets.
    """
    b = batch_sizes(m, batch)[0]
    factor = weight_decay_factor(learning_rate, lambd, b)
    epochs = check_int("epochs", epochs, 0)
    decay = (
        "**Weight decay**: gradient descent becomes "
        "$W := (1 - \\frac{\\alpha\\lambda}{b})\\,W - \\alpha\\, dW_{\\text{backprop}}$; here "
        f"$1 - \\alpha\\lambda/b = 1 - {learning_rate:g} \\times {lambd:g} / {b}$ = "
        f"**{factor:.6g}** per step."
    ) + _epoch_decay(learning_rate, lambd, m, batch)
    per_epoch = weight_decay_per_epoch(learning_rate, lambd, m, batch)
    if epochs and 0 < per_epoch < 1:
        decay += f" Over {epochs} epochs that alone scales W by {per_epoch**epochs:.3g}."
    if optimizer != "gd":
        decay += (
            f" With {optimizer} the $\\frac{{\\lambda}}{{b}}W$ term is rescaled with the rest of "
            "dW, so the decay is not exactly this factor — the penalty still keeps W small."
        )
    return _bullets(
        "**Penalty**: each mini-batch of b examples has the cost $J^{\\{t\\}} = \\frac{1}{b}"
        "\\sum_i L + \\frac{\\lambda}{2b}\\sum_l \\|W^{[l]}\\|_F^2$ (the lecture's; "
        f"b = {b}" + (" = m, the full batch" if b == m else f" of m = {m}") + "), so backprop "
        "adds $\\frac{\\lambda}{b}W^{[l]}$ to $dW^{[l]}$. The dotted blue training cost "
        "includes it: it starts high and falls as the weights shrink.",
        decay,
        l2_result(lambd, norms),
    )


def l2_result(lambd: float, norms: tuple) -> str:
    """What the penalty did to the final ‖W‖ = sqrt(Σ_l ‖W^[l]‖²_F) of the two runs, read from
    ``norms`` (without, with L2; '' before training): the same (λ = 0, or too small to matter,
    within ``SAME_NORM``), smaller (so a smoother boundary) or, against the odds, larger."""
    lambd = check_range("lambd", lambd, 0.0, 1e6)
    if len(norms) != 2 or not all(math.isfinite(n) for n in norms):
        return ""
    plain, decayed = norms
    head = (
        f"**Result**: final ‖W‖ **{plain:.3g}** without regularization, **{decayed:.3g}** with L2"
    )
    if lambd == 0:
        return head + ": λ = 0 adds no penalty, so both runs are the same training."
    if math.isclose(plain, decayed, rel_tol=SAME_NORM):
        return head + f": about the same — λ = {lambd:g} is too small to shrink the weights."
    if decayed < plain:
        return (
            head + f": the penalty kept the weights {plain / decayed:.2g}× smaller, and small "
            "weights make a smoother boundary."
        )
    return head + f": larger — λ = {lambd:g} did not shrink the weights in this run."


def l1_text(lambd1: float, baseline: Sparsity, regular: Sparsity) -> str:
    """The penalty, and how many near-zero weights each run has (Markdown bullets)."""
    lambd1 = check_range("lambd1", lambd1, 0.0, 1e6)
    exact = "none" if regular.exact_zero == 0 else f"{regular.exact_zero:,}"
    return _bullets(
        "**Penalty**: each mini-batch of b examples adds $\\frac{\\lambda_1}{2b}\\sum |w|$ to "
        "its cost; the (sub)gradient $\\frac{\\lambda_1}{2b}\\operatorname{sign}(w)$ pulls every "
        "weight towards 0 by the same amount, however small it already is. A step of fixed size "
        "jumps over 0 rather than landing on it, so weights end *near* zero, not at it.",
        f"**Sparsity**: weights with |w| < {regular.threshold:g} (left of the dashed line): "
        f"**{baseline.near_zero:,} of {baseline.total:,} ({baseline.fraction:.1%})** without "
        f"regularization, **{regular.near_zero:,} ({regular.fraction:.1%})** with L1 "
        f"λ₁ = {lambd1:g}"
        + (": a sparse network" if regular.fraction > 0.5 else "")
        + f"; exactly 0: {exact}.",
    )


def dropout_text(means: DropoutMeans, jitter: tuple[float, float]) -> str:
    """Expected activations with and without ÷ keep_prob, and how much noisier the cost is."""
    layers = "; ".join(
        f"a[{l}] {t:.3g} → {i:.3g} → {u:.3g}"
        for l, (t, i, u) in enumerate(
            zip(means.test, means.inverted, means.unscaled, strict=True), start=1
        )
    )
    noisier = ""
    if all(math.isfinite(j) for j in jitter):
        noisier = (
            f"**Noisier cost**: the training cost moves {jitter[1]:.3f} per epoch on average vs "
            f"{jitter[0]:.3f} without (the dotted blue curve in the cost chart): every epoch "
            "trains a different thinned network."
        )
    return _bullets(
        "**Inverted dropout**: keep each hidden unit with probability keep_prob, "
        "$d^{[l]} = (\\text{rand} < \\text{keep\\_prob})$, and divide by it: "
        "$a^{[l]} := a^{[l]} \\odot d^{[l]} / \\text{keep\\_prob}$.",
        "**Same mean as at test time**: mean activation, test mode → dropout → dropout without "
        f"÷ keep_prob: {layers}. Without the division the mean shrinks to keep_prob × the test "
        "value, and the network would meet bigger activations at test time than in training.",
        "**Off at test time**: predictions use the whole network (training=False).",
        noisier,
    )


def augmentation_text(m: int, m_augmented: int, check: aug.ReflectionCheck | None) -> str:
    """How many examples were made up, and whether the reflection keeps the labels."""
    m = check_int("m", m, 1)
    m_augmented = check_int("m_augmented", m_augmented, m)
    mirror = ""
    if check is not None and check.reflect != "none":
        mirror = (
            f"**Mirror check ({check.reflect})**: {check.agreement:.0%} of mirrored training "
            f"points land among their own class (5-NN vote); fresh dev points do "
            f"{check.baseline:.0%}. "
        ) + (
            "The flip keeps the label: a valid augmentation, like mirroring a photo of a cat."
            if check.valid
            else "**The flip changes the label** — like flipping a “b” into a “d”: not valid "
            "for this data set, it teaches the network wrong labels."
        )
    return _bullets(
        f"**More data for free**: the regularized run trains on **{m_augmented:,} examples**, "
        f"the {m:,} real ones (solid) and {m_augmented - m:,} made-up copies (faded): each "
        "mirrored (half of them), rotated a little and jittered — the 2-D version of flipping, "
        "rotating and distorting images.",
        mirror,
    )


def early_stopping_text(stopped: Run, full: Run) -> str:
    """Best epoch, stopping epoch and the restored weights' dev accuracy vs the full run's."""
    history = stopped.history
    if not history.epochs:
        return ""
    patience = stopped.values["es"]
    best = history.best_epoch
    dev_stopped = 1 - stopped.errors()[1]
    dev_full = 1 - full.errors()[1]
    if history.stopped_reason == StopReason.EARLY_STOPPING:
        stop = (
            f"**Stop**: after {patience} more epochs without a lower dev cost, training stopped "
            f"at epoch {history.last_epoch} (dashed line) and **restored the weights of epoch "
            f"{best}**."
        )
    else:
        stop = (
            f"**No stop**: the dev cost never went {patience} epochs without improving, so the "
            "run trained to the end and kept its last weights."
        )
    return _bullets(
        f"**Best epoch**: the dev cost was lowest at **epoch {best}** (star).",
        stop,
        f"**Result**: dev accuracy {_pct(dev_stopped)} with these weights, {_pct(dev_full)} "
        f"after all {full.history.last_epoch} epochs without early stopping.",
        "**The catch** (from the course): early stopping mixes two jobs — lowering J and not "
        "overfitting — by stopping the optimization; L2 keeps them apart (orthogonalization).",
    )


def measure(values: Mapping[str, object]) -> dict[str, object]:
    """What the page shows for its settings, by name, once both runs trained to the end: each
    run's ``outcome`` (train, dev, cost, epochs, status; the unregularized run's prefixed
    "none_"), whether the two runs are the same (``identical``), their final ‖W‖ (``weight_norm``,
    ``none_weight_norm``), how much each cost curve jumps
    (``jitter``, ``none_jitter``), the best epoch and, for a reflection, the mirror check's
    agreement and baseline."""
    data = make_data(data_values(values))
    runs = make_runs(values, data)
    with one_blas_thread():  # small matrices: as the page trains
        for run in runs.values():
            run.advance()
    none, regular = runs[BASELINE], runs[values["reg"]]
    shown = {f"none_{key}": value for key, value in outcome(none).items()} | outcome(regular)
    check = aug.reflection_check(
        data.X_train, data.Y_train, data.X_dev, data.Y_dev, values["reflect"]
    )
    return shown | {
        "identical": none.history.train_cost == regular.history.train_cost,
        "weight_norm": total_weight_norm(regular.history.weight_norms)[-1],
        "none_weight_norm": total_weight_norm(none.history.weight_norms)[-1],
        "jitter": cost_jitter(regular.history.train_cost),
        "none_jitter": cost_jitter(none.history.train_cost),
        "best_epoch": regular.history.best_epoch,
        "mirror_agreement": check.agreement,
        "mirror_baseline": check.baseline,
        "mirror_valid": check.valid,
    }
