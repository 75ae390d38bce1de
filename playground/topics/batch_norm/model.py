"""Batch normalization, looked at from the inside: the same deep network with and without it.

Batch norm (``Network(batch_norm=True)``) normalizes each hidden layer's pre-activation over the
mini-batch before the activation g:

    μ = (1/m) Σ_i z^(i),  σ² = (1/m) Σ_i (z^(i) − μ)²,  ẑ^(i) = (z^(i) − μ) / √(σ² + ε),
    z̃^(i) = γ ẑ^(i) + β,  a^(i) = g(z̃^(i)).

The mean is subtracted, so a bias b^[l] would cancel: batch-norm layers have no b^[l] and β^[l]
takes its role. γ^[l] and β^[l] are learned like W^[l]: they set the spread and the centre of
z̃^[l]. At test time μ and σ² come from exponentially weighted running averages kept during
training. This module holds the page's settings, runs that record the pre-activations of one
layer as training goes on, a learning-rate sweep, a check of inference-mode statistics and the
slight regularization effect of small mini-batches.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, replace

import numpy as np

from playground.engine.config import (
    Setting,
    check_int,
    check_labels,
    check_matrix,
    coerce_settings,
    settings_by_key,
)
from playground.engine.data import DATASETS
from playground.engine.experiment import (
    Data,
    RecordingRun,
    Run,
    check_work,
    make_data,
    outcome,
)
from playground.engine.nn import Network
from playground.engine.settings import ALL
from playground.engine.train import StopReason

RUN_NAMES = ("no BN", "BN")
"""The two runs of the page: the same network without and with batch norm."""
SNAPSHOT_FRACTIONS = (0.0, 0.05, 0.25, 1.0)
"""When the pre-activations are recorded, as fractions of the epochs (0 = before training)."""
SWEEP_RATES = (0.01, 0.03, 0.1, 0.3, 1.0, 3.0, 10.0)
"""Learning rates α of the sweep (a log grid)."""
SWEEP_EPOCHS = 40
"""Full-batch gradient-descent epochs of each run of the sweep."""
GAP_SIZES = (8, 256)
"""The small and the large mini-batch of the regularization comparison."""
GAP_EPOCHS = 60
"""Epochs of each run of the mini-batch comparison."""
SMALL_BATCH = 4
"""Examples in the single small mini-batch whose statistics replace the running averages."""
TRAINS_BELOW = 0.35
"""A run "trains" when its cost ends below this (about half of ln 2 ≈ 0.69, the cost of
answering 50 % everywhere)."""
STUCK = 0.02
"""A final cost within this of ln 2 is a network stuck at answering 50 % everywhere."""
SHIFT = 0.25
"""z moved when its mean shifts by more than this many of its starting σ, or its σ changes by
more than this fraction (see :func:`z_text`)."""
BLOW_UP = 100.0
"""z blew up when its σ grew more than this many times (see :func:`z_text`)."""
FINAL = 0.1
"""The final cost is the median over this fraction of the epochs (at least one): mini-batch
costs jump from epoch to epoch."""

SETTINGS = (
    Setting(
        "ds",
        "Data set",
        "moons",
        "choice",
        options=tuple(DATASETS),
        help="Which 2-D data set to learn (two classes on this page).",
    ),
    Setting("noise", "Noise", 0.15, low=0.0, high=0.5, step=0.01, help="Jitter of the points."),
    Setting(
        "layers",
        "Hidden layers",
        5,
        "int",
        low=2,
        high=6,
        step=1,
        help="L − 1 hidden layers: deeper nets show batch norm's effect more clearly.",
    ),
    Setting(
        "width",
        "Units per hidden layer",
        16,
        "int",
        options=(4, 8, 16, 32),
        help="n^[l] of every hidden layer.",
    ),
    ALL["act"],
    replace(
        ALL["opt"],
        default="gd",
        options=("gd", "momentum", "adam"),
        help="gd = plain (mini-batch) gradient descent: the one most sensitive to α.",
    ),
    replace(ALL["lr"], default=1.0, help="The step size α. Batch norm tolerates much larger α."),
    ALL["bs"],
    replace(ALL["epochs"], default=50, options=(20, 50, 100, 200, 300, 500, 1000)),
    ALL["seed"],
    Setting(
        "zl",
        "Inspected layer l",
        2,
        "int",
        low=1,
        high=6,
        step=1,
        help="Whose pre-activations z^[l], γ^[l] and β^[l] are shown (at most the last hidden).",
    ),
    Setting(
        "gap",
        "Compare batch 8 vs 256",
        False,
        "bool",
        help="Train the BN network twice more (about a second) to compare train/dev gaps.",
    ),
)
BY_KEY = settings_by_key(*SETTINGS)
DATA_KEYS = ("ds", "noise", "n", "dseed")
NETWORK_KEYS = ("layers", "width", "act")
TRAINING_KEYS = ("opt", "lr", "bs", "epochs", "seed")
VIEW_KEYS = ("zl", "gap")
PAGE_SETTINGS = {
    key: BY_KEY.get(key) or ALL[key]
    for key in (*DATA_KEYS, *NETWORK_KEYS, *TRAINING_KEYS, *VIEW_KEYS)
}
"""Every setting of the page by key, in the order it shows them: its own, and the shared ones
of ``ALL`` it offers unchanged (examples, data seed)."""


def page_values(values: dict) -> dict:
    """The complete training settings (``playground.engine.settings.ALL``) of the page's values.

    Every hidden layer gets ``width`` units; batch norm is off (each run turns it on or off).
    Values missing or invalid fall back to the page's defaults, then to ``ALL``'s.
    """
    page = coerce_settings(BY_KEY, values)
    shared = {key: values[key] for key in ("n", "dseed", "dev") if key in values}
    full = coerce_settings(ALL, shared)
    full |= {key: page[key] for key in ("ds", "noise", "layers", "act", "opt", "lr", "bs")}
    full |= {key: page[key] for key in ("epochs", "seed")}
    full |= {f"h{l}": page["width"] for l in range(1, page["layers"] + 1)}
    full["bn"] = False
    return full


def inspected_layer(values: dict) -> int:
    """The inspected hidden layer ``zl``, clipped to 1 … layers."""
    return max(1, min(int(values.get("zl", 1)), int(values.get("layers", 1))))


def snapshot_epochs(epochs: int) -> tuple[int, ...]:
    """Epochs at which the pre-activations are recorded: ``SNAPSHOT_FRACTIONS`` × epochs."""
    epochs = check_int("epochs", epochs, 1)
    return tuple(sorted({round(f * epochs) for f in SNAPSHOT_FRACTIONS}))


def _training_cache(net: Network, X: np.ndarray):
    """A training-mode forward pass (batch statistics, no dropout) on a copy of ``net``.

    The copy keeps ``net``'s running averages untouched; its cache holds a^[l] and ẑ^[l].
    """
    probe = net.copy()
    probe._forward(X, training=True, dropout=False)
    return probe, probe._cache


def layer_preactivations(
    net: Network, X: np.ndarray, layer: int
) -> tuple[np.ndarray, np.ndarray | None]:
    """Pre-activations of hidden layer ``layer`` on the batch X, before and after batch norm.

    z^[l] = W^[l] a^[l−1] (+ b^[l] without batch norm) and, with batch norm,
    z̃^[l] = γ^[l] ẑ^[l] + β^[l] with ẑ^[l] = (z^[l] − μ)/√(σ² + ε) and μ, σ² of X itself
    (training mode). ``net`` is not changed.

    Returns
    -------
    Z, Z_tilde : np.ndarray of shape (n^[l], m); Z_tilde is None without batch norm.

    Raises
    ------
    ValueError
        If X does not match the network or ``layer`` is not in 1 … L − 1.
    """
    X = check_matrix("X", X, rows=net.layer_dims[0])
    layer = check_int("layer", layer, 1, net.L - 1)
    probe, cache = _training_cache(net, X)
    Z = probe.params[f"W{layer}"] @ cache.A[layer - 1]
    if not net.batch_norm:
        return Z + probe.params[f"b{layer}"], None
    Z_hat = cache.BN[layer][0]
    return Z, probe.params[f"gamma{layer}"] * Z_hat + probe.params[f"beta{layer}"]


@dataclass
class ZSnapshot:
    """The inspected layer's pre-activations on the training set after ``epoch`` epochs."""

    epoch: int
    Z: np.ndarray
    Z_tilde: np.ndarray | None
    gamma: np.ndarray | None = None
    """γ^[l] of shape (n^[l], 1) at that epoch (None without batch norm)."""
    beta: np.ndarray | None = None
    """β^[l] of shape (n^[l], 1) at that epoch (None without batch norm)."""


class SnapshotRun(RecordingRun):
    """A ``Run`` that records z^[l] (and z̃^[l]) of one hidden layer at ``snapshot_epochs``."""

    def __init__(self, values: dict, data: Data, layer: int):
        super().__init__(values, data)
        self.layer = check_int("layer", layer, 1, self.net.L - 1)
        self.record_at = snapshot_epochs(self.epochs)
        self.snapshots: list[ZSnapshot] = []
        self.record()

    def record(self) -> None:
        Z, Z_tilde = layer_preactivations(self.net, self.data.X_train, self.layer)
        gamma = beta = None
        if self.net.batch_norm:
            gamma, beta = (self.net.params[f"{p}{self.layer}"].copy() for p in ("gamma", "beta"))
        self.snapshots.append(ZSnapshot(self.history.last_epoch, Z, Z_tilde, gamma, beta))


def make_runs(values: dict, data: Data) -> dict[str, SnapshotRun]:
    """The page's two runs: the same network, data and seed, without and with batch norm.

    Start trains both at once, so their works add up: ``run_work``(no BN) + ``run_work``(BN)
    must be within ``MAX_WORK`` (ValueError otherwise), as one run's must.
    """
    full = page_values(values)
    layer = inspected_layer(values)
    runs = {name: SnapshotRun(full | {"bn": name == "BN"}, data, layer) for name in RUN_NAMES}
    check_work(sum(run.work for run in runs.values()), "both runs together")
    return runs


def gamma_beta(net: Network, layer: int) -> tuple[np.ndarray, np.ndarray]:
    """γ^[l] and β^[l] of a batch-norm layer as 1-D arrays of n^[l] values."""
    if not net.batch_norm:
        raise ValueError("net must use batch norm to have γ and β")
    layer = check_int("layer", layer, 1, net.L - 1)
    return net.params[f"gamma{layer}"].ravel().copy(), net.params[f"beta{layer}"].ravel().copy()


@dataclass
class Sweep:
    """Final training cost and dev accuracy of each run for every α (NaN cost = diverged)."""

    rates: tuple[float, ...]
    cost: dict[str, np.ndarray]
    dev_accuracy: dict[str, np.ndarray]
    epochs: int

    def trains(self, name: str, below: float = TRAINS_BELOW) -> tuple[float, ...]:
        """The rates at which run ``name`` ended with a training cost below ``below``."""
        cost = self.cost[name]
        return tuple(
            r for r, c in zip(self.rates, cost, strict=True) if np.isfinite(c) and c < below
        )


def lr_sweep(
    values: dict, data: Data, rates: Sequence[float] = SWEEP_RATES, epochs: int = SWEEP_EPOCHS
) -> Sweep:
    """Train the page's network without and with batch norm for every α in ``rates``.

    Each run is full-batch gradient descent, W := W − α dW, for ``epochs`` epochs from the same
    initialization; the result is J after the last epoch and the dev accuracy.

    Raises
    ------
    ValueError
        If a rate is not in (0, 100] or ``epochs`` is not in 1 … 1000.
    """
    epochs = check_int("epochs", epochs, 1, 1000)
    rates = tuple(rates)
    if not rates:
        raise ValueError("rates must hold at least one learning rate")
    for i, rate in enumerate(rates):
        if not 0 < rate <= 100:
            raise ValueError(f"rates[{i}] must be in (0, 100]; got {rate}")
    base = page_values(values) | {"opt": "gd", "bs": "full", "epochs": epochs, "sched": "constant"}
    cost = {name: np.full(len(rates), np.nan) for name in RUN_NAMES}
    accuracy = {name: np.full(len(rates), np.nan) for name in RUN_NAMES}
    with np.errstate(all="ignore"):
        for name in RUN_NAMES:
            for i, rate in enumerate(rates):
                run = Run(base | {"lr": float(rate), "bn": name == "BN"}, data)
                run.advance()
                if run.history.stopped_reason == StopReason.DIVERGED or not run.history.train_cost:
                    accuracy[name][i] = 1.0 - run.errors()[1] if run.history.train_cost else 0.5
                    continue
                cost[name][i] = run.history.train_cost[-1]
                accuracy[name][i] = 1.0 - run.errors()[1]
    return Sweep(rates, cost, accuracy, epochs)


def batch_statistics(net: Network, X_batch: np.ndarray) -> dict[int, tuple[np.ndarray, np.ndarray]]:
    """μ^[l] and σ²^[l] of every batch-norm layer on the mini-batch X_batch (training mode).

    μ = (1/m) Σ_i z^[l](i), σ² = (1/m) Σ_i (z^[l](i) − μ)², with z^[l] = W^[l] a^[l−1] computed
    by normalizing every earlier layer with the same batch's statistics.
    """
    if not net.batch_norm:
        raise ValueError("net must use batch norm to have batch statistics")
    X_batch = check_matrix("X_batch", X_batch, rows=net.layer_dims[0])
    probe, cache = _training_cache(net, X_batch)
    stats = {}
    for l in range(1, net.L):
        Z = probe.params[f"W{l}"] @ cache.A[l - 1]
        stats[l] = (Z.mean(axis=1, keepdims=True), Z.var(axis=1, keepdims=True))
    return stats


def with_statistics(net: Network, stats: dict[int, tuple[np.ndarray, np.ndarray]]) -> Network:
    """A copy of ``net`` whose inference mode uses ``stats`` instead of the running averages."""
    if not net.batch_norm:
        raise ValueError("net must use batch norm to take batch statistics")
    if sorted(stats) != list(range(1, net.L)):
        raise ValueError(f"stats must hold layers 1 … {net.L - 1}; got {sorted(stats)}")
    copy = net.copy()
    for l, (mu, var) in stats.items():
        copy.running_mean[l], copy.running_var[l] = mu.copy(), var.copy()
    return copy


def _accuracy(net: Network, X: np.ndarray, Y: np.ndarray) -> float:
    return float((net.predict(X) == Y).mean())


@dataclass
class InferenceCheck:
    """Dev accuracy of a trained BN network with three choices of μ and σ² at test time."""

    running: float
    """With the running averages (what inference mode uses)."""
    small_batches: np.ndarray
    """With the statistics of one random mini-batch of ``SMALL_BATCH`` training examples, one
    value per draw."""
    one_class: float
    """With the statistics of a mini-batch drawn from class 0 only."""
    mean_gap: float
    """Mean |μ_batch − μ_run| of the inspected layer over the small-batch draws."""


def inference_check(
    net: Network,
    data: Data,
    layer: int = 1,
    batch: int = SMALL_BATCH,
    draws: int = 20,
    seed: int = 0,
) -> InferenceCheck:
    """Compare the dev accuracy in inference mode with running μ, σ² against single batches.

    Raises
    ------
    ValueError
        If ``net`` has no batch norm, or ``layer``, ``batch`` or ``draws`` are out of range.
    """
    if not net.batch_norm:
        raise ValueError("net must use batch norm")
    layer = check_int("layer", layer, 1, net.L - 1)
    m = data.X_train.shape[1]
    batch = check_int("batch", batch, 2, m)
    draws = check_int("draws", draws, 1, 200)
    Y_train = check_labels("Y_train", data.Y_train, m, net.n_classes)
    rng = np.random.RandomState(check_int("seed", seed, 0, 2**32 - 1))
    accuracies, gaps = [], []
    with np.errstate(all="ignore"):
        for _ in range(draws):
            pick = rng.choice(m, size=batch, replace=False)
            stats = batch_statistics(net, data.X_train[:, pick])
            accuracies.append(_accuracy(with_statistics(net, stats), data.X_dev, data.Y_dev))
            gaps.append(float(np.abs(stats[layer][0] - net.running_mean[layer]).mean()))
        members = np.flatnonzero(Y_train[0] == 0)[:32]
        one_class = with_statistics(net, batch_statistics(net, data.X_train[:, members]))
        return InferenceCheck(
            _accuracy(net, data.X_dev, data.Y_dev),
            np.asarray(accuracies),
            _accuracy(one_class, data.X_dev, data.Y_dev),
            float(np.mean(gaps)),
        )


def batch_gap(
    values: dict, data: Data, sizes: Sequence[int] = GAP_SIZES, epochs: int = GAP_EPOCHS
) -> dict[int, tuple[float, float]]:
    """Train and dev accuracy of the BN network trained with each mini-batch size in ``sizes``.

    Each mini-batch's μ, σ² are a noisy estimate of the whole set's, which adds a little noise to
    every z̃^[l] — a slight regularization, stronger for small batches.
    """
    epochs = check_int("epochs", epochs, 1, 1000)
    checked = [check_int(f"sizes[{i}]", s, 2, 4096) for i, s in enumerate(sizes)]
    if not checked:
        raise ValueError("sizes must hold at least one mini-batch size")
    base = page_values(values) | {"bn": True, "epochs": epochs}
    result = {}
    with np.errstate(all="ignore"):
        for size in checked:
            run = Run(base | {"bs": str(size)}, data)
            run.advance()
            train_error, dev_error = run.errors()
            result[size] = (1.0 - train_error, 1.0 - dev_error)
    return result


# -------------------------------------------------------------------------------------- words
@dataclass(frozen=True)
class CostReading:
    """How one run's training cost J went: its outcome and the words for it."""

    outcome: str
    """"diverged", "stuck" (at ln 2), "trains" (below ``TRAINS_BELOW``), "high" or
    "untrained" (no epoch yet)."""
    words: str


def read_cost(history) -> CostReading:
    """Read a run's training cost: diverged, stuck at ln 2, trains or stays high.

    J_final is the median of the last max(1, ⌈FINAL · n⌉) epochs. |J_final − ln 2| < STUCK is
    a network answering 50 % for every point; J_final < TRAINS_BELOW is a network that trains.
    A lowest J far below J_final (a blow-up on the way) is told too.
    """
    cost = np.asarray(history.train_cost, dtype=np.float64)
    if history.stopped_reason == StopReason.DIVERGED:
        return CostReading("diverged", f"diverged in epoch {history.last_epoch + 1}")
    if cost.size == 0:
        return CostReading("untrained", "has not trained yet")
    last = max(1, math.ceil(FINAL * cost.size))
    final = float(np.median(cost[-last:]))
    median = f"median J of the last {last} epochs: {final:.3f}"
    best = int(np.argmin(cost))
    if abs(final - math.log(2)) < STUCK:
        outcome, words = "stuck", f"ends stuck at ln 2 ≈ 0.693 ({median})"
    elif final < TRAINS_BELOW:
        outcome, words = "trains", f"falls from {cost[0]:.3f} to {cost[-1]:.3f}"
    else:
        outcome, words = "high", f"ends above {TRAINS_BELOW:g} ({median})"
    if outcome != "trains" and cost[best] < TRAINS_BELOW:
        peak = best + int(np.argmax(cost[best:]))
        words += (
            f", after reaching {cost[best]:.3f} in epoch {history.epochs[best]} and jumping to "
            f"{cost[peak]:.3f} in epoch {history.epochs[peak]}"
        )
    return CostReading(outcome, words)


def compare_text(plain, normed, learning_rate: float) -> str:
    """What the two runs' costs say about batch norm at α = ``learning_rate``, in words.

    Reads each history with :func:`read_cost`; the conclusion follows from the two outcomes
    (only batch norm trains; both train; only the plain network trains; neither trains). ''
    while a run has no epoch yet.
    """
    without, with_bn = read_cost(plain), read_cost(normed)
    if "untrained" in (without.outcome, with_bn.outcome):
        return ""
    head = (
        f"Same data, same initial W, same α = {learning_rate:g}: without batch norm the cost "
        f"{without.words}; with it, it {with_bn.words}."
    )
    plain_trains, bn_trains = without.outcome == "trains", with_bn.outcome == "trains"
    if bn_trains and not plain_trains:
        return (
            head + " Batch norm keeps each layer's input on a fixed scale, so this α no longer "
            "throws the deep layers off."
        )
    if bn_trains:
        return head + f" At α = {learning_rate:g} both train: the network does not need batch norm."
    if plain_trains:
        return head + " Here the network trains better without batch norm."
    return head + f" Neither trains: α = {learning_rate:g} is too large even with batch norm."


def _number(value: float) -> str:
    """Two decimals for the usual sizes, three significant digits for huge ones (1.2e+110), ∞
    for a value that overflowed."""
    if math.isinf(value):
        return "∞" if value > 0 else "−∞"
    return f"{value:.2f}" if abs(value) < 1e3 else f"{value:.3g}"


def z_text(plain: Sequence[ZSnapshot], normed: Sequence[ZSnapshot], layer: int) -> str:
    """What the inspected layer's pre-activations did from the first to the last snapshot.

    Without BN, z^[l] "moved" when |μ_last − μ_first| > SHIFT · σ_first or σ_last / σ_first is
    outside [1 − SHIFT, 1 + SHIFT], and "blew up" when σ grew more than BLOW_UP times; with BN,
    z̃^[l] = γ ẑ + β has the mean and spread γ and β give it, whatever z^[l] does.
    """
    if not plain or not normed or normed[-1].Z_tilde is None:
        raise ValueError("plain and normed must hold snapshots, normed with batch norm")
    first, last = plain[0].Z, plain[-1].Z
    mean0, mean1, spread0, spread1 = first.mean(), last.mean(), first.std(), last.std()
    with np.errstate(all="ignore"):
        ratio = spread1 / spread0 if spread0 > 0 else math.inf
    if not ratio <= BLOW_UP:
        reading = "the earlier weights blew up, and the next layer's input with them."
    elif abs(mean1 - mean0) > SHIFT * spread0 or abs(ratio - 1) > SHIFT:
        reading = "the next layer's input shifted as the earlier weights changed."
    else:
        reading = "at this α it hardly moved, so even without BN the next layer's input held still."
    end = normed[-1]
    return (
        f"**Layer {layer}, epoch {plain[0].epoch} → {plain[-1].epoch}.** Without BN, z[{layer}] "
        f"has mean {_number(mean0)} → {_number(mean1)} and spread σ {_number(spread0)} → "
        f"{_number(spread1)}: {reading} With BN, z̃[{layer}] has mean "
        f"{_number(end.Z_tilde.mean())} and σ {_number(end.Z_tilde.std())} at epoch {end.epoch}, "
        f"whatever z = W a does (σ {_number(end.Z.std())}): only γ and β move it."
    )


def _rates(rates: Sequence[float]) -> str:
    return "α = " + ", ".join(f"{r:g}" for r in rates) if rates else "no α"


def sweep_text(sweep: Sweep) -> str:
    """What the α sweep shows, read from it: the rates at which each run's cost ends below
    ``TRAINS_BELOW``, and whether batch norm lets the network train at a larger α, at more
    rates, at the same ones or at fewer."""
    plain, normed = sweep.trains("no BN"), sweep.trains("BN")
    head = (
        f"Each point is a fresh run of {sweep.epochs} full-batch gradient-descent epochs "
        f"(✕ = the cost became NaN: diverged). J falls below {TRAINS_BELOW:g} for "
        f"**{_rates(plain)}** without BN and for **{_rates(normed)}** with it."
    )
    if normed and (not plain or max(normed) > max(plain)):
        largest = f"{max(plain):g}" if plain else "none"
        return (
            f"{head} Batch norm makes the cost less sensitive to the scale of W: this network "
            f"trains at steps up to α = {max(normed):g} with it (without: {largest})."
        )
    if set(normed) == set(plain):
        return f"{head} Here batch norm does not widen the range of α that trains."
    if len(normed) > len(plain):
        return f"{head} Batch norm adds rates that train, though not a larger one."
    if len(normed) < len(plain):
        return f"{head} Here batch norm trains at fewer rates than the plain network."
    return f"{head} Batch norm trains at as many rates, though not the same ones."


def measure(values: dict) -> dict[str, object]:
    """What the page shows for its settings, by name, once both runs trained: each run's
    ``outcome`` with its lowest cost and the outcome of :func:`read_cost` ("<run>_reading":
    "stuck", "trains", …) ("plain_*" without batch norm, "bn_*" with it) and the std
    of the inspected layer's z (and z̃) at the first and last snapshot ("<run>_z_start",
    "<run>_z_end", "bn_z_tilde_start", "bn_z_tilde_end"); the
    learning-rate sweep's smallest and largest α whose cost ends below ``TRAINS_BELOW``
    ("<run>_lowest_alpha", "<run>_highest_alpha", None if none); and the train − dev accuracy
    gap of the BN network with each mini-batch size of ``GAP_SIZES`` ("gap_<size>")."""
    data = make_data(page_values(values))
    shown: dict[str, object] = {}
    sweep = lr_sweep(values, data)
    for name, key in zip(RUN_NAMES, ("plain", "bn"), strict=True):
        run = make_runs(values, data)[name]
        with np.errstate(all="ignore"):
            run.advance()
        shown |= {f"{key}_{quantity}": v for quantity, v in outcome(run).items()}
        shown[f"{key}_lowest_cost"] = float(np.nanmin(run.history.train_cost))
        shown[f"{key}_reading"] = read_cost(run.history).outcome
        first, last = run.snapshots[0], run.snapshots[-1]
        shown[f"{key}_z_start"], shown[f"{key}_z_end"] = float(first.Z.std()), float(last.Z.std())
        if last.Z_tilde is not None:
            shown["bn_z_tilde_start"] = float(first.Z_tilde.std())
            shown["bn_z_tilde_end"] = float(last.Z_tilde.std())
        span = sweep.trains(name)
        shown[f"{key}_lowest_alpha"] = min(span, default=None)
        shown[f"{key}_highest_alpha"] = max(span, default=None)
    for size, (train, dev) in batch_gap(values, data).items():
        shown[f"gap_{size}"] = train - dev
    return shown
