"""Hyperparameter search: grid, random (uniform or log scale) and coarse-to-fine sampling, and
trials trained in groups — batched together when they share an architecture — in this process
or on a Dask cluster.
"""

from __future__ import annotations

import itertools
import math
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

import numpy as np

from playground.engine.batched import BatchedNetwork, train_batched
from playground.engine.config import (
    MAX_WORK,
    check_choice,
    check_int,
    check_range,
    check_seed,
    seed_after,
)

MAX_TRIALS = 256
"""Most trials in one search request."""
SCALES = ("linear", "log", "one_minus_log")
DASK_ENV = "PLAYGROUND_DASK_ADDRESS"
"""Environment variable naming a dask.distributed scheduler ("tcp://host:8786") to run on."""


@dataclass(frozen=True)
class Range:
    """One searched hyperparameter: values between ``low`` and ``high`` on ``scale``.

    "log" samples r uniformly in [log10 low, log10 high] and uses 10^r (α from 0.0001 to 1
    gets as many samples in [0.0001, 0.001] as in [0.1, 1]). "one_minus_log" is for β: it
    samples 1 − β on a log scale (β = 1 − 10^r), so 0.9 … 0.999 is explored evenly.
    """

    name: str
    low: float
    high: float
    scale: str = "linear"
    integer: bool = False

    def __post_init__(self) -> None:
        check_choice(f"{self.name} scale", self.scale, SCALES)
        if not self.low <= self.high:
            raise ValueError(f"{self.name}: low ({self.low}) must not exceed high ({self.high})")
        if self.scale == "log" and self.low <= 0:
            raise ValueError(f"{self.name}: a log scale needs low > 0; got {self.low}")
        if self.scale == "one_minus_log" and not 0 <= self.low <= self.high < 1:
            raise ValueError(
                f"{self.name}: β ranges must lie in [0, 1); got {self.low}…{self.high}"
            )

    def _to_unit(self, value: np.ndarray) -> np.ndarray:
        """Map values to the sampling axis (r)."""
        if self.scale == "log":
            return np.log10(value)
        if self.scale == "one_minus_log":
            return np.log10(1.0 - value)
        return value

    def _from_unit(self, r: np.ndarray) -> np.ndarray:
        if self.scale == "log":
            return 10.0**r
        if self.scale == "one_minus_log":
            return 1.0 - 10.0**r
        return r

    def values(self, u: np.ndarray) -> np.ndarray:
        """Values at positions u ∈ [0, 1] along the range's own scale."""
        a, b = self._to_unit(np.array(self.low)), self._to_unit(np.array(self.high))
        values = self._from_unit(a + (b - a) * np.asarray(u, dtype=float))
        values = np.clip(values, self.low, self.high)
        return np.round(values).astype(int) if self.integer else values


SEARCHABLE = {
    "learning_rate": (1e-5, 10.0),
    "lambd": (0.0, 100.0),
    "beta": (0.0, 0.9999),
    "beta1": (0.0, 0.9999),
    "beta2": (0.0, 0.99999),
    "keep_prob": (0.05, 1.0),
    "hidden_units": (1, 128),
    "layers": (1, 4),
    "batch_size": (1, 1024),
    "decay_rate": (0.0, 10.0),
}
"""Hyperparameters a search may vary, with the widest range allowed for each."""


def check_space(space: Sequence[Range]) -> list[Range]:
    """Validate that every range names a searchable hyperparameter inside its allowed limits."""
    checked = []
    for item in space:
        check_choice("hyperparameter", item.name, SEARCHABLE)
        low, high = SEARCHABLE[item.name]
        check_range(f"{item.name} low", item.low, low, high)
        check_range(f"{item.name} high", item.high, low, high)
        checked.append(item)
    if len({item.name for item in checked}) != len(checked):
        raise ValueError("each hyperparameter may appear only once in a search space")
    return checked


def grid(space: Sequence[Range], budget: int) -> list[dict[str, float]]:
    """A grid with ⌊budget^(1/d)⌋ evenly spaced values per hyperparameter (d of them)."""
    space = check_space(space)
    budget = check_int("budget", budget, 1, MAX_TRIALS)
    per_axis = max(1, int(math.floor(budget ** (1 / len(space)) + 1e-9))) if space else 1
    axes = [r.values(np.linspace(0, 1, per_axis) if per_axis > 1 else [0.5]) for r in space]
    return [
        dict(zip([r.name for r in space], map(_plain, point), strict=True))
        for point in itertools.product(*axes)
    ]


def random_search(space: Sequence[Range], budget: int, seed: int = 0) -> list[dict[str, float]]:
    """``budget`` points, each coordinate drawn uniformly on its range's scale, from
    ``RandomState(seed)`` with seed in [0, 2³² − 1]."""
    space = check_space(space)
    budget = check_int("budget", budget, 1, MAX_TRIALS)
    rng = np.random.RandomState(check_seed("seed", seed))
    columns = [r.values(rng.rand(budget)) for r in space]
    return [
        {r.name: _plain(column[i]) for r, column in zip(space, columns, strict=True)}
        for i in range(budget)
    ]


def zoom(
    space: Sequence[Range], results: Sequence[Trial], top: int = 5, margin: float = 0.25
) -> list[Range]:
    """Coarse to fine: the box (on each range's scale) around the ``top`` best trials by dev
    accuracy, widened by ``margin`` of its width on each side and kept inside the old range."""
    space = check_space(space)
    top = check_int("top", top, 1, MAX_TRIALS)
    margin = check_range("margin", margin, 0.0, 1.0)
    finished = [t for t in results if not t.diverged]
    if not finished:
        raise ValueError("results holds no finished trial to zoom in on")
    best = sorted(finished, key=lambda t: -t.dev_accuracy)[:top]
    zoomed = []
    for r in space:
        r_values = r._to_unit(np.array([t.config[r.name] for t in best], dtype=float))
        low, high = r_values.min(), r_values.max()
        pad = margin * max(high - low, 1e-3)
        bound_a, bound_b = sorted(
            (float(r._to_unit(np.array(r.low))), float(r._to_unit(np.array(r.high))))
        )
        new_low = r._from_unit(np.array(max(low - pad, bound_a)))
        new_high = r._from_unit(np.array(min(high + pad, bound_b)))
        new_low, new_high = sorted((float(new_low), float(new_high)))
        new_low, new_high = max(new_low, r.low), min(new_high, r.high)
        zoomed.append(replace(r, low=new_low, high=new_high))
    return zoomed


def _plain(value) -> float | int:
    return int(value) if isinstance(value, (np.integer, int)) else float(value)


@dataclass
class Trial:
    """One configuration's outcome after training."""

    config: dict
    train_cost: float
    dev_cost: float
    train_accuracy: float
    dev_accuracy: float
    diverged: bool
    dev_cost_curve: list[float]


@dataclass(frozen=True)
class Base:
    """What every trial shares unless the search varies it."""

    optimizer: str = "adam"
    learning_rate: float = 0.01
    lambd: float = 0.0
    beta: float = 0.9
    beta1: float = 0.9
    beta2: float = 0.999
    keep_prob: float = 1.0
    hidden_units: int = 10
    layers: int = 2
    batch_size: int = 64
    decay_rate: float = 0.0
    activation: str = "relu"
    epochs: int = 100
    seed: int = 0
    """Shuffles the mini-batches of every trial; trial i's weights and dropout masks use
    ``trial_seed(i)``. Any seed in [0, 2³² − 1]."""

    def __post_init__(self) -> None:
        check_seed("seed", self.seed)

    def trial_seed(self, index: int) -> int:
        """The seed of trial ``index`` of a search: seed + index, mod 2³² (``seed_after``)."""
        return seed_after(self.seed, index)


def _complete(config: dict, base: Base) -> dict:
    full = {name: getattr(base, name) for name in SEARCHABLE}
    full.update(config)
    full["hidden_units"], full["layers"] = int(full["hidden_units"]), int(full["layers"])
    full["batch_size"] = int(full["batch_size"])
    return full


def groups(configs: Sequence[dict], base: Base) -> dict[tuple, list[int]]:
    """Trial indices grouped by what batched training needs shared: layers, units, batch size."""
    grouped: dict[tuple, list[int]] = {}
    for index, config in enumerate(configs):
        full = _complete(config, base)
        key = (full["layers"], full["hidden_units"], full["batch_size"])
        grouped.setdefault(key, []).append(index)
    return grouped


def trial_work(config: dict, base: Base, m: int, n_x: int, n_out: int = 1) -> float:
    """epochs × examples × weights of one trial (the unit of MAX_WORK)."""
    full = _complete(config, base)
    dims = [n_x] + [full["hidden_units"]] * full["layers"] + [n_out]
    weights = sum(a * b + b for a, b in itertools.pairwise(dims))
    return float(base.epochs) * m * weights


def check_trials(configs: Sequence[dict], base: Base, X, Y, Y_dev) -> float:
    """Check one search request against the server's limits; return its total work.

    The work is Σ_trials epochs × m × (number of weights and biases), with m = X.shape[1]
    examples of n_x = X.shape[0] features and n_L = 1 output (2 classes) or C (softmax).

    Raises
    ------
    ValueError
        If ``configs`` holds no trial or more than ``MAX_TRIALS``, or the total work is more
        than ``MAX_WORK``. ``run_trials`` runs this same check before training.
    """
    check_int("number of trials", len(configs), 1, MAX_TRIALS)
    n_classes = int(max(Y.max(), Y_dev.max())) + 1
    n_out = 1 if n_classes == 2 else n_classes
    total = sum(trial_work(c, base, X.shape[1], X.shape[0], n_out) for c in configs)
    if total > MAX_WORK:
        raise ValueError(
            f"this search needs {total:.2g} units of work, more than one request may use "
            f"({MAX_WORK:.0g}): fewer trials, epochs or units"
        )
    return total


def train_group(
    configs: Sequence[dict],
    base: Base,
    X,
    Y,
    X_dev,
    Y_dev,
    seeds: Sequence[int] | None = None,
    callback: Callable | None = None,
) -> list[Trial]:
    """Train trials that share layers, units and batch size as one batched computation.

    Trial k is initialized with ``seeds[k]`` (default ``base.trial_seed(k)``).
    """
    full = [_complete(c, base) for c in configs]
    first = full[0]
    dims = [X.shape[0]] + [first["hidden_units"]] * first["layers"]
    n_classes = int(max(Y.max(), Y_dev.max())) + 1
    dims.append(1 if n_classes == 2 else n_classes)
    net = BatchedNetwork(
        dims,
        list(seeds) if seeds is not None else [base.trial_seed(i) for i in range(len(full))],
        base.activation,
        "sigmoid" if n_classes == 2 else "softmax",
        keep_probs=[c["keep_prob"] for c in full],
    )
    hyper_names = {
        "momentum": ["beta"],
        "nesterov": ["beta"],
        "rmsprop": ["beta"],
        "adam": ["beta1", "beta2"],
    }.get(base.optimizer, [])
    history = train_batched(
        net,
        X,
        Y,
        base.optimizer,
        [c["learning_rate"] for c in full],
        base.epochs,
        batch_size=first["batch_size"],
        lambdas=[c["lambd"] for c in full],
        hyper={name: [c[name] for c in full] for name in hyper_names},
        decay_rates=[c["decay_rate"] for c in full],
        seed=base.seed,
        X_dev=X_dev,
        Y_dev=Y_dev,
        callback=callback,
    )
    arrays = history.as_arrays()
    trials = []
    for k, config in enumerate(configs):
        diverged = bool(history.diverged_at[k])
        trials.append(
            Trial(
                config=dict(config),
                train_cost=float(arrays["train_cost"][-1, k]),
                dev_cost=float(arrays["dev_cost"][-1, k]),
                train_accuracy=0.0 if diverged else float(arrays["train_accuracy"][-1, k]),
                dev_accuracy=0.0 if diverged else float(arrays["dev_accuracy"][-1, k]),
                diverged=diverged,
                dev_cost_curve=arrays["dev_cost"][:, k].tolist(),
            )
        )
    return trials


def run_trials(
    configs: Sequence[dict],
    base: Base,
    X,
    Y,
    X_dev,
    Y_dev,
    backend: str = "batched",
    dask_address: str | None = None,
    on_group_done: Callable[[list[Trial]], bool | None] | None = None,
) -> list[Trial]:
    """Train every configuration; results come back in the order of ``configs``.

    Trial i is initialized with seed ``base.trial_seed(i)`` whichever group it lands in, so a trial
    reruns the same in any search. Backend "batched" trains each group in this process, one
    after another (``on_group_done`` may return False to stop: finished groups are kept);
    "dask" submits them to the dask.distributed scheduler at ``dask_address`` (or
    ``$PLAYGROUND_DASK_ADDRESS``).
    """
    check_choice("backend", backend, ("batched", "dask"))
    check_trials(configs, base, X, Y, Y_dev)
    grouped = list(groups(configs, base).values())
    chunks = [[configs[i] for i in indices] for indices in grouped]
    seeds = [[base.trial_seed(i) for i in indices] for indices in grouped]
    if backend == "batched":
        outcomes = []
        for chunk, chunk_seeds in zip(chunks, seeds, strict=True):
            outcomes.append(train_group(chunk, base, X, Y, X_dev, Y_dev, chunk_seeds))
            if on_group_done is not None and on_group_done(outcomes[-1]) is False:
                break
    else:
        outcomes = _run_on_dask(chunks, seeds, base, X, Y, X_dev, Y_dev, dask_address)
    by_index: dict[int, Trial] = {}
    for indices, trials in zip(grouped, outcomes, strict=False):
        by_index.update(zip(indices, trials, strict=True))
    return [by_index[i] for i in sorted(by_index)]


def _run_on_dask(chunks, seeds, base, X, Y, X_dev, Y_dev, address) -> list[list[Trial]]:
    address = address or os.environ.get(DASK_ENV)
    if not address:
        raise ValueError(f"the dask backend needs a scheduler address (set {DASK_ENV})")
    from dask.distributed import Client

    with Client(address, timeout="10s") as client:
        futures = [
            client.submit(train_group, chunk, base, X, Y, X_dev, Y_dev, chunk_seeds, pure=False)
            for chunk, chunk_seeds in zip(chunks, seeds, strict=True)
        ]
        return client.gather(futures)
