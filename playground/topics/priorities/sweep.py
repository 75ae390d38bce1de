"""One hyperparameter at a time: from a baseline, sweep each hyperparameter over its sensible
range on its own scale, and rank them by how much the final dev cost moves.

The lecture's order (Andrew Ng, "Tuning process"): α first; momentum's β, the hidden units and
the mini-batch size second; the number of layers and learning-rate decay third; Adam's β₁, β₂
and ε almost never. :func:`sweep_knob` trains one hyperparameter's sweep — the values that share
an architecture and a mini-batch size as one batched computation
(:func:`playground.engine.batched.train_batched`), every model from the same initialization —
and :func:`rank` orders the sweeps by their spread, max − min of the final dev cost J_dev.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

import numpy as np

from playground.engine.batched import BatchedNetwork, train_batched
from playground.engine.config import check_int

POINTS = (3, 4, 5, 6, 7, 9)
"""Values per sweep offered on the page."""
SEPARATE = ("hidden_units", "layers", "batch_size")
"""The hyperparameters whose values cannot share one batched training (the architecture or
the mini-batch size changes): one training per value."""
STEP_WORK = 5e4
"""The fixed cost of one gradient step (Python, bookkeeping) in units of example × weight."""
MAX_WORK = 6e9
"""Most work of one page's sweeps (:func:`sweep_work`)."""


@dataclass(frozen=True)
class Knob:
    """One swept hyperparameter: its field of :class:`Baseline`, its symbol, the lecture's tier
    (1 = tune first … 4 = almost never), its range and the scale its values are spaced on:
    "log" (10^r), "one_minus_log" (β = 1 − 10^r), "int" (whole numbers on a log scale) or
    "pow2" (powers of two)."""

    name: str
    symbol: str
    label: str
    tier: int
    low: float
    high: float
    scale: str
    optimizer: str = "adam"


KNOBS: tuple[Knob, ...] = (
    Knob("learning_rate", "α", "learning rate α", 1, 1e-4, 1.0, "log"),
    Knob("beta", "β", "momentum β", 2, 0.9, 0.999, "one_minus_log", "momentum"),
    Knob("hidden_units", "n^[l]", "hidden units n^[l]", 2, 2, 32, "int"),
    Knob("batch_size", "mini-batch", "mini-batch size", 2, 16, 256, "pow2"),
    Knob("layers", "L − 1", "hidden layers L − 1", 3, 1, 4, "int"),
    Knob("decay_rate", "decay", "learning-rate decay rate", 3, 1e-3, 0.1, "log"),
    Knob("beta1", "β₁", "Adam's β₁", 4, 0.8, 0.99, "one_minus_log"),
    Knob("beta2", "β₂", "Adam's β₂", 4, 0.99, 0.9999, "one_minus_log"),
    Knob("epsilon", "ε", "Adam's ε", 4, 1e-10, 1e-6, "log"),
)
"""The swept hyperparameters in the lecture's order."""
BY_NAME = {knob.name: knob for knob in KNOBS}
TIERS = {1: "first", 2: "second", 3: "third", 4: "almost never"}
"""The lecture's tiers, as it names them."""


@dataclass(frozen=True)
class Baseline:
    """The network every sweep starts from: Adam (α, β₁, β₂, ε) on ``layers`` hidden layers of
    ``hidden_units``, mini-batches of ``batch_size``, no decay, ``epochs`` epochs, initialization
    ``seed``. Momentum's β is swept with gradient descent with momentum at its own α,
    ``momentum_rate`` (v = βv + (1 − β)dW steps like plain gradient descent, which needs a
    larger α than Adam)."""

    learning_rate: float = 0.01
    momentum_rate: float = 0.1
    beta: float = 0.9
    beta1: float = 0.9
    beta2: float = 0.999
    epsilon: float = 1e-8
    hidden_units: int = 10
    layers: int = 2
    batch_size: int = 64
    decay_rate: float = 0.0
    epochs: int = 100
    seed: int = 1


@dataclass(frozen=True)
class Sweep:
    """One hyperparameter's sweep: its values and the final dev cost after each training (a
    diverged training counts as the sweep's worst cost, and at least as the cost of guessing,
    ln C)."""

    name: str
    values: tuple[float, ...]
    dev_cost: tuple[float, ...]
    diverged: tuple[bool, ...]

    @property
    def knob(self) -> Knob:
        return BY_NAME[self.name]

    @property
    def spread(self) -> float:
        """max − min of the final dev cost over the sweep: how much this hyperparameter moves
        J_dev on its range."""
        return max(self.dev_cost) - min(self.dev_cost)

    @property
    def best(self) -> float:
        """The value with the lowest final dev cost."""
        return self.values[int(np.argmin(self.dev_cost))]


def knob_values(knob: Knob, points: int) -> tuple[float, ...]:
    """``points`` values from low to high, evenly spaced on the knob's scale.

    log: 10^r, r evenly in [log₁₀ low, log₁₀ high]; one_minus_log: β = 1 − 10^r, r evenly in
    [log₁₀(1 − low), log₁₀(1 − high)]; int: whole numbers evenly on a log scale; pow2: 2^k, k
    whole numbers evenly in [log₂ low, log₂ high] (a mini-batch larger than m_train is the whole
    training set). Repeated whole numbers are dropped, so a short integer range gives fewer
    values.
    """
    points = check_int("points", points, 2, 20)
    u = np.linspace(0.0, 1.0, points)
    if knob.scale == "log":
        values = 10.0 ** np.interp(u, [0, 1], np.log10([knob.low, knob.high]))
    elif knob.scale == "one_minus_log":
        values = 1.0 - 10.0 ** np.interp(u, [0, 1], np.log10([1 - knob.low, 1 - knob.high]))
    elif knob.scale == "int":
        values = np.unique(np.round(np.geomspace(knob.low, knob.high, points)))
    else:
        exponents = np.round(np.linspace(math.log2(knob.low), math.log2(knob.high), points))
        values = np.unique(2.0**exponents)
    if knob.scale in ("int", "pow2"):
        return tuple(int(v) for v in values)
    return tuple(float(v) for v in values)


def _train(
    configs: Sequence[Baseline], optimizer: str, X, Y, X_dev, Y_dev
) -> tuple[np.ndarray, np.ndarray]:
    """Final dev cost and whether each diverged, for configs sharing architecture and batch."""
    first = configs[0]
    n_classes = int(max(Y.max(), Y_dev.max())) + 1
    dims = [X.shape[0], *[first.hidden_units] * first.layers, 1 if n_classes == 2 else n_classes]
    seeds = [first.seed] * len(configs)
    net = BatchedNetwork(dims, seeds, output="sigmoid" if n_classes == 2 else "softmax")
    rates = [c.momentum_rate if optimizer == "momentum" else c.learning_rate for c in configs]
    names = ("beta",) if optimizer == "momentum" else ("beta1", "beta2", "epsilon")
    history = train_batched(
        net,
        X,
        Y,
        optimizer,
        rates,
        first.epochs,
        batch_size=first.batch_size,
        hyper={name: [getattr(c, name) for c in configs] for name in names},
        decay_rates=[c.decay_rate for c in configs],
        seed=first.seed,
        X_dev=X_dev,
        Y_dev=Y_dev,
    )
    return history.dev_cost[-1], history.diverged_at > 0


def _groups(name: str, baseline: Baseline, points: int) -> list[list[Baseline]]:
    """The trainings of one sweep: configs sharing architecture and batch size train together."""
    configs = [replace(baseline, **{name: v}) for v in knob_values(BY_NAME[name], points)]
    return [[c] for c in configs] if name in SEPARATE else [configs]


def sweep_work(baseline: Baseline, points: int, m: int, n_x: int, n_out: int = 1) -> float:
    """The work of every sweep: Σ over trainings of epochs × (models × m × weights + steps per
    epoch × STEP_WORK), for m training examples of n_x features and n_out outputs (the unit of
    ``MAX_WORK``)."""
    total = 0.0
    for knob in KNOBS:
        for group in _groups(knob.name, baseline, points):
            first = group[0]
            dims = [n_x, *[first.hidden_units] * first.layers, n_out]
            weights = sum(a * b + b for a, b in itertools.pairwise(dims))
            steps = math.ceil(m / min(first.batch_size, m))
            total += first.epochs * (len(group) * m * weights + steps * STEP_WORK)
    return total


def check_work(baseline: Baseline, points: int, m: int, n_x: int, n_out: int = 1) -> None:
    """Raise a ValueError if the sweeps' :func:`sweep_work` is above ``MAX_WORK``."""
    work = sweep_work(baseline, points, m, n_x, n_out)
    if work > MAX_WORK:
        raise ValueError(
            f"these sweeps need {work:.2g} units of work (epochs × examples × weights), more "
            f"than this page computes at once ({MAX_WORK:.0g}): use fewer epochs, examples, "
            "values per sweep or units"
        )


def sweep_knob(name: str, baseline: Baseline, points: int, X, Y, X_dev, Y_dev) -> Sweep:
    """Train the baseline with hyperparameter ``name`` set to each of its :func:`knob_values`
    (every other one at the baseline) and return the final dev costs.

    Values that keep the architecture and the mini-batch size train as one batched computation;
    hidden units, layers and mini-batch size train one network per value. Every network starts
    from the baseline's seed, so the spread is the hyperparameter's, not the initialization's.
    """
    knob = BY_NAME[name]
    values = knob_values(knob, points)
    trained = [
        _train(group, knob.optimizer, X, Y, X_dev, Y_dev)
        for group in _groups(name, baseline, points)
    ]
    cost = np.concatenate([t[0] for t in trained])
    diverged = np.concatenate([t[1] for t in trained])
    broken = diverged | ~np.isfinite(cost)
    cost = diverged_as_worst(cost, broken, int(max(Y.max(), Y_dev.max())) + 1)
    return Sweep(name, values, tuple(float(c) for c in cost), tuple(bool(b) for b in broken))


def diverged_as_worst(cost: np.ndarray, diverged: np.ndarray, n_classes: int) -> np.ndarray:
    """The final dev costs with each diverged training's replaced by max(ln C, the worst finite
    cost of the sweep): a diverged network is no better than guessing, nor than any other."""
    ceiling = max([math.log(n_classes), *cost[~diverged]])
    return np.where(diverged, ceiling, cost)


def rank(sweeps: Mapping[str, Sweep]) -> list[Sweep]:
    """The sweeps by spread, largest first (ties in the lecture's order)."""
    order = {knob.name: i for i, knob in enumerate(KNOBS)}
    return sorted(sweeps.values(), key=lambda s: (-s.spread, order[s.name]))


def sweep_all(baseline: Baseline, points: int, X, Y, X_dev, Y_dev) -> dict[str, Sweep]:
    """Every knob's sweep, by name (what the page computes in the run engine, one call per
    knob)."""
    return {k.name: sweep_knob(k.name, baseline, points, X, Y, X_dev, Y_dev) for k in KNOBS}
