"""Hyperparameter search, step by step: the settings of the search page, grid vs random on one
budget, sampling on the right scale, coarse-to-fine rounds and a trial retrained on its own.

The course's advice, which this module turns into something to run:

- Try random values, not a grid. With d hyperparameters and a budget of N trials a grid tries
  only ⌊N^(1/d)⌋ distinct values of each one, random search N of each, and one
  hyperparameter (the learning rate α) usually matters much more than the others.
- Sample on the right scale: α between 0.0001 and 1 is drawn as α = 10^r with r uniform in
  [−4, 0] (a "log" scale); β between 0.9 and 0.999 as β = 1 − 10^r with r uniform in [−3, −1]
  ("one_minus_log"), so each decade gets as many trials as any other.
- Coarse to fine: zoom in on the region of the best trials and sample again, more densely.

Trials are trained by ``playground.tuning``: those that share layers, units and batch size as
one batched NumPy computation (a "group"). :class:`SearchRun` trains the groups one at a time so
a page can show progress and stop between groups, keeping the trials already trained.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace

import numpy as np

from playground.engine.config import (
    Setting,
    check_choice,
    check_int,
    check_matrix,
    check_range,
    check_seed,
    seed_after,
)
from playground.engine.nn import Network
from playground.engine.optim import make_optimizer
from playground.engine.schedules import make_schedule
from playground.engine.settings import ALL
from playground.engine.train import History, StopReason, train
from playground.engine.tuning import (
    DASK_ENV,
    MAX_TRIALS,
    SEARCHABLE,
    Base,
    Range,
    Trial,
    _complete,
    check_space,
    check_trials,
    grid,
    groups,
    random_search,
    run_trials,
    train_group,
    zoom,
)

SAMPLERS = ("both", "random", "grid")
BACKENDS = ("batched", "dask")
"""Where a search trains: batched NumPy in this process, or on a Dask cluster."""
"""The sampler setting: both side by side on the same budget, or one of them."""
MAX_ZOOMS = 3
"""Most coarse-to-fine rounds after the first search."""
ZOOM_TOP = 5
"""Zoom on the box around this many best trials of the previous round."""
ZOOM_MARGIN = 0.25
"""…widened by this share of its width on each side."""

RATES = (1e-5, 3e-5, 1e-4, 3e-4, 1e-3, 3e-3, 0.01, 0.03, 0.1, 0.3, 1.0, 3.0, 10.0)
BETAS = (0.0, 0.5, 0.8, 0.9, 0.95, 0.98, 0.99, 0.995, 0.999, 0.9999)
BETA2S = (0.9, 0.99, 0.995, 0.999, 0.9995, 0.9999, 0.99999)
LAMBDAS = (0.0, 1e-4, 3e-4, 1e-3, 3e-3, 0.01, 0.03, 0.1, 0.3, 1.0, 3.0, 10.0, 30.0, 100.0)
KEEP_PROBS = (0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 1.0)
UNITS = (1, 2, 4, 8, 16, 32, 50, 64, 100, 128)
"""Powers of two, and the lecture's range of hidden units, 50 … 100."""
BATCHES = (1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024)
DECAYS = (0.0, 1e-4, 1e-3, 0.01, 0.03, 0.1, 0.3, 1.0, 3.0, 10.0)
BETA_SCALES = ("linear", "one_minus_log")
"""The scales offered for a β: a log scale of β itself would crowd the draws near 0."""
TRIALS = (4, 8, 9, 16, 25, 27, 32, 36, 49, 64, 81, 100, 125, 128, 144, 196, 216, 256)
"""Budgets offered: squares and cubes fill a 2-D or 3-D grid exactly."""


@dataclass(frozen=True)
class Param:
    """One hyperparameter the page can search: its URL prefix, its name in ``SEARCHABLE``,
    how it is shown, the bounds offered and the default range and scale."""

    code: str
    name: str
    label: str
    symbol: str
    options: tuple
    low: float
    high: float
    scale: str
    integer: bool = False
    optimizers: tuple[str, ...] = ()
    """The optimizers that use it (empty: all of them)."""
    scales: tuple[str, ...] = ("linear", "log")
    """The scales that make sense for it: linear, and its ratio scale last — "log" (value =
    10^r), or "one_minus_log" (β = 1 − 10^r) for a β, whose interesting values crowd near 1."""

    @property
    def ratio_scale(self) -> str:
        """The scale that spreads draws evenly over ratios: "log", or "one_minus_log" for a β."""
        return self.scales[-1]

    def to_range(self, low: float, high: float, scale: str) -> Range:
        """The ``Range`` searched for this hyperparameter (validated by ``Range``)."""
        return Range(self.name, low, high, scale, self.integer)


PARAMS = {
    p.code: p
    for p in (
        Param("lr", "learning_rate", "Learning rate α", "α", RATES, 1e-4, 1.0, "log"),
        Param(
            "beta",
            "beta",
            "β (momentum) or β₂ (RMSprop)",
            "β",
            BETAS,
            0.9,
            0.999,
            "one_minus_log",
            optimizers=("momentum", "nesterov", "rmsprop"),
            scales=BETA_SCALES,
        ),
        Param(
            "beta1",
            "beta1",
            "β₁ (Adam)",
            "β₁",
            BETAS,
            0.8,
            0.999,
            "one_minus_log",
            optimizers=("adam",),
            scales=BETA_SCALES,
        ),
        Param(
            "beta2",
            "beta2",
            "β₂ (Adam)",
            "β₂",
            BETA2S,
            0.99,
            0.9999,
            "one_minus_log",
            optimizers=("adam",),
            scales=BETA_SCALES,
        ),
        Param("l2", "lambd", "L2 λ", "λ", LAMBDAS, 1e-3, 10.0, "log"),
        Param("kp", "keep_prob", "keep_prob", "keep_prob", KEEP_PROBS, 0.5, 1.0, "linear"),
        Param("units", "hidden_units", "Hidden units", "hidden units", UNITS, 2, 32, "log", True),
        Param(
            "layers", "layers", "Hidden layers", "hidden layers", (1, 2, 3, 4), 1, 4, "linear", True
        ),
        Param("bs", "batch_size", "Mini-batch size", "batch size", BATCHES, 16, 256, "log", True),
        Param("decay", "decay_rate", "Decay rate", "decay", DECAYS, 1e-3, 1.0, "log"),
    )
}
"""The searchable hyperparameters by URL prefix, in the order the page lists them."""

BY_NAME = {p.name: p for p in PARAMS.values()}
"""The same, by their name in ``playground.tuning.SEARCHABLE``."""
LABELS = {p.name: p.symbol for p in PARAMS.values()}
"""How each hyperparameter is named on axes and in tables (α, β₁, λ, …)."""

SCALE_HELP = {
    "linear": "linear: uniform between low and high",
    "log": "log: r uniform in [log₁₀ low, log₁₀ high], value = 10^r",
    "one_minus_log": "one_minus_log: r uniform in [log₁₀(1 − high), log₁₀(1 − low)], β = 1 − 10^r",
}
"""What each scale draws, for the help of a scale setting."""


def _toggle(p: Param) -> Setting:
    return Setting(
        f"{p.code}_on",
        p.label,
        p.code in ("lr", "beta1"),
        "bool",
        help=f"Search over {p.label} (off: every trial uses the fixed value below).",
    )


def _bound(p: Param, end: str) -> Setting:
    default = p.low if end == "lo" else p.high
    word = "Lowest" if end == "lo" else "Highest"
    return Setting(
        f"{p.code}_{end}",
        f"{word} {p.symbol}",
        default,
        "int" if p.integer else "float",
        options=p.options,
        help=f"{word} value of {p.label} the search may try.",
    )


def _scale(p: Param) -> Setting:
    drawn = "; ".join(SCALE_HELP[scale] for scale in p.scales)
    return Setting(
        f"{p.code}_sc",
        f"Scale of {p.symbol}",
        p.scale,
        "choice",
        options=p.scales,
        help=f"{drawn}. Which one fits depends on the range: see 'The scale of each searched "
        "hyperparameter' at the bottom of the page.",
    )


TOGGLES = tuple(_toggle(p) for p in PARAMS.values())
"""Which hyperparameters vary: one toggle per parameter, key "<code>_on"."""
RANGES = {p.code: (_bound(p, "lo"), _bound(p, "hi"), _scale(p)) for p in PARAMS.values()}
"""Low, high and scale of each hyperparameter: keys "<code>_lo", "<code>_hi", "<code>_sc"."""

BUDGET = (
    Setting(
        "sampler",
        "Sampler",
        "both",
        "choice",
        options=SAMPLERS,
        help="grid: ⌊N^(1/d)⌋ evenly spaced values per hyperparameter. random: N points drawn "
        "on each range's scale. both: the two side by side on the same budget.",
    ),
    Setting(
        "trials",
        "Trials (budget N)",
        25,
        "int",
        options=TRIALS,
        help=f"Trials per sampler (at most {MAX_TRIALS}).",
    ),
    replace(
        ALL["epochs"],
        default=100,
        options=(10, 20, 50, 100, 200, 300, 500, 1000, 2000),
        help="Epochs every trial trains for.",
    ),
    Setting(
        "rseed",
        "Sampling seed",
        0,
        "int",
        low=0,
        high=100,
        step=1,
        help="Seeds the random search's draws (a new seed, a new set of random trials).",
    ),
)
"""The sampler, the budget N, the epochs per trial and the random draws' seed."""

BACKEND = Setting(
    "backend",
    "Backend",
    "batched",
    "choice",
    options=BACKENDS,
    help="batched: each group of trials sharing an architecture is one NumPy computation in "
    "this process, trained group by group with progress. dask: each round is sent to the Dask "
    f"cluster named by ${DASK_ENV}, whose workers train its groups in parallel.",
)
"""Offered only when a Dask scheduler is configured (``$PLAYGROUND_DASK_ADDRESS``)."""

FIXED = {
    "lr": ALL["lr"],
    "beta": ALL["beta"],
    "beta1": ALL["beta1"],
    "beta2": ALL["beta2"],
    "l2": ALL["l2"],
    "kp": Setting(
        "kp",
        "keep_prob",
        1.0,
        low=0.1,
        high=1.0,
        step=0.05,
        help="Inverted dropout: every hidden unit is kept with this chance (1 = no dropout).",
    ),
    "units": Setting(
        "units",
        "Hidden units per layer",
        10,
        "int",
        options=(1, 2, 4, 8, 10, 16, 32, 64, 128),
        help="n^[l] of every hidden layer.",
    ),
    "layers": replace(ALL["layers"], low=1, high=4, help="Hidden layers of every trial."),
    "bs": replace(ALL["bs"], default="64", options=("8", "16", "32", "64", "128", "256", "full")),
    "decay": replace(
        ALL["decay"],
        default=0.0,
        options=(0.0, *ALL["decay"].options),
        help="α = α₀ / (1 + decay_rate · epoch_num), epoch_num = 1, 2, …; 0 keeps α constant.",
    ),
}
"""The value of each hyperparameter when it is not searched (same keys as the training pages)."""

NETWORK = (ALL["opt"], ALL["act"], ALL["seed"])
"""Optimizer, activation and initialization seed of every trial."""

DATA = (
    replace(ALL["ds"], default="moons"),
    replace(ALL["noise"], default=0.2),
    replace(ALL["n"], default=300),
    ALL["dseed"],
)
"""The data set the trials learn (70% train, 30% dev, standardized)."""

FIXED_VALUES = {"dev": 30, "std": True}
"""Data settings the page does not offer."""

PICK = Setting(
    "trial",
    "Retrain trial",
    "best",
    "choice",
    options=("best",),
    help="Train this trial again alone, as one network, and draw its decision boundary "
    "(best = the highest dev accuracy; ties go to the lowest dev cost).",
)
"""Which trial to retrain: "best" or a trial number (the numbers exist once trials are done)."""

SETTINGS = (
    TOGGLES
    + tuple(s for trio in RANGES.values() for s in trio)
    + BUDGET
    + (BACKEND,)
    + tuple(FIXED.values())
    + NETWORK
    + DATA
)
"""Every setting of the search page (keys are URL parameters)."""


def searched(values: dict) -> list[Param]:
    """The hyperparameters whose toggle is on, in ``PARAMS`` order."""
    return [p for p in PARAMS.values() if values.get(f"{p.code}_on")]


def range_settings(params: Sequence[Param]) -> tuple[Setting, ...]:
    """Low, high and scale settings of the searched ``params``."""
    return tuple(s for p in params for s in RANGES[p.code])


def fixed_settings(optimizer: str, params: Sequence[Param]) -> tuple[Setting, ...]:
    """The fixed-value settings of the parameters not searched that ``optimizer`` uses."""
    check_choice("optimizer", optimizer, ALL["opt"].options)
    chosen = {p.code for p in params}
    return tuple(
        FIXED[p.code]
        for p in PARAMS.values()
        if p.code not in chosen and (not p.optimizers or optimizer in p.optimizers)
    )


def make_space(values: dict) -> list[Range]:
    """The search space the settings describe: one ``Range`` per searched hyperparameter.

    Raises
    ------
    ValueError
        If no hyperparameter is searched, a range is empty or does not fit its scale (low >
        high, a log scale from 0, a β scale reaching 1), or the optimizer ignores a searched β.
    """
    params = searched(values)
    if not params:
        raise ValueError("choose at least one hyperparameter to search (sidebar: Search space)")
    space = []
    for p in params:
        unused = p.optimizers and values["opt"] not in p.optimizers
        if unused:
            users = ", ".join(p.optimizers)
            raise ValueError(
                f"{p.label} has no effect with the {values['opt']} optimizer (it is used by "
                f"{users}): switch it off or change the optimizer"
            )
        low, high = values[f"{p.code}_lo"], values[f"{p.code}_hi"]
        space.append(p.to_range(low, high, values[f"{p.code}_sc"]))
    return check_space(space)


def make_base(values: dict, m_train: int) -> Base:
    """What every trial shares: the fixed values, the optimizer, activation, epochs and seed.

    A mini-batch size of "full" becomes ``m_train`` (one batch per epoch).
    """
    m_train = check_int("m_train", m_train, 1)
    batch = values["bs"]
    return Base(
        optimizer=values["opt"],
        learning_rate=values["lr"],
        lambd=values["l2"],
        beta=values["beta"],
        beta1=values["beta1"],
        beta2=values["beta2"],
        keep_prob=values["kp"],
        hidden_units=values["units"],
        layers=values["layers"],
        batch_size=m_train if batch == "full" else int(batch),
        decay_rate=values["decay"],
        activation=values["act"],
        epochs=values["epochs"],
        seed=values["seed"],
    )


def samplers(choice: str) -> tuple[str, ...]:
    """The samplers to run for the setting ``choice``: "both" → ("grid", "random")."""
    check_choice("sampler", choice, SAMPLERS)
    return ("grid", "random") if choice == "both" else (choice,)


def sample(space: Sequence[Range], sampler: str, budget: int, seed: int = 0) -> list[dict]:
    """The trials of ``sampler`` ("grid" or "random") for ``budget`` N.

    A grid has ⌊N^(1/d)⌋ values per axis for d hyperparameters, so it may use fewer than N
    trials; random search draws N points with seed ``seed``.
    """
    check_choice("sampler", sampler, ("grid", "random"))
    if sampler == "grid":
        return grid(space, budget)
    return random_search(space, budget, seed)


def distinct(configs: Sequence[dict], name: str) -> int:
    """How many different values of hyperparameter ``name`` the trials try (to 12 digits)."""
    check_choice("hyperparameter", name, SEARCHABLE)
    return len({float(f"{config[name]:.12g}") for config in configs if name in config})


def log_sampling_demo(
    low: float = 1e-4, high: float = 1.0, n: int = 100, seed: int = 0
) -> tuple[np.ndarray, np.ndarray]:
    """n values of α drawn uniformly on [low, high], and n drawn uniformly on its log scale.

    The second set is α = 10^r with r uniform in [log₁₀ low, log₁₀ high]. Uniform sampling puts
    a share (high − high/10)/(high − low) of the values in the top decade [high/10, high]: 90 %
    for 0.0001 … 1, where the log scale gives every decade the same share.

    Parameters
    ----------
    low, high : float
        The range of α, 0 < low ≤ high ≤ 1e12.
    n : int
        Samples of each kind, in [1, 100 000].
    seed : int
        Seed of ``RandomState`` (first the uniform draws, then the log-scale ones).

    Returns
    -------
    uniform, log : ndarray of shape (n,)
        The two samples.
    """
    low = check_range("low", low, 1e-12, 1e12, inclusive_low=True)
    high = check_range("high", high, low, 1e12)
    n = check_int("n", n, 1, 100_000)
    rng = np.random.RandomState(check_seed("seed", seed))
    uniform = Range("learning_rate", low, high, "linear").values(rng.rand(n))
    log = Range("learning_rate", low, high, "log").values(rng.rand(n))
    return uniform, log


def share_in_top_decade(values: np.ndarray, high: float) -> float:
    """Share of ``values`` in [high/10, high], the top decade of the range."""
    values = np.asarray(values, dtype=float)
    if values.size == 0:
        raise ValueError("values must hold at least one number")
    high = check_range("high", high, 0.0, math.inf, inclusive_low=False)
    return float(np.mean((values >= high / 10) & (values <= high)))


def decade_counts(values: np.ndarray, low: float, high: float) -> tuple[np.ndarray, np.ndarray]:
    """How many ``values`` fall in each decade [10^k, 10^(k+1)) covering [low, high].

    Returns the edges 10^k, …, 10^K (K − k + 1 of them; the last decade includes its top edge)
    and the counts per decade.
    """
    low = check_range("low", low, 0.0, math.inf, inclusive_low=False)
    high = check_range("high", high, low, math.inf)
    first = math.floor(math.log10(low) + 1e-9)
    last = max(math.ceil(math.log10(high) - 1e-9), first + 1)
    edges = 10.0 ** np.arange(first, last + 1)
    values = np.asarray(values, dtype=float).ravel()
    counts = np.histogram(np.clip(values, edges[0], edges[-1]), bins=edges)[0]
    return edges, counts


@dataclass
class Round:
    """One batch of trials: the first grid or random search, or a coarse-to-fine zoom."""

    name: str
    space: tuple[Range, ...]
    configs: list[dict]
    plan: list[list[int]]
    """Trial indices by group (trials sharing layers, units and batch size), in training order."""
    first: int
    """Number of its first trial: trials are numbered 1, 2, … across all rounds."""
    trials: dict[int, Trial] = field(default_factory=dict)
    groups_done: int = 0

    @property
    def done(self) -> bool:
        return self.groups_done == len(self.plan)


@dataclass(frozen=True)
class Row:
    """One trained trial: its number, its round and its index in the round, and the outcome."""

    number: int
    round: str
    index: int
    trial: Trial


class SearchRun:
    """A search trained one group of trials at a time, so it can show progress and stop.

    Each round's trial i starts from seed ``base.trial_seed(i)`` and its groups are trained with
    ``playground.tuning.train_group`` exactly as ``run_trials`` trains them, so a finished round
    holds the same trials as ``run_trials(round.configs, base, …)``. Each round is checked
    against the server's limits (``MAX_TRIALS``, ``MAX_WORK``) with ``check_trials``.

    With ``backend="dask"`` each ``advance`` sends a whole round to the dask.distributed
    scheduler at ``dask_address`` (or ``$PLAYGROUND_DASK_ADDRESS``) through ``run_trials``,
    whose workers train its groups in parallel: no progress within a round, the same trials.

    Parameters
    ----------
    space : sequence of Range
        The searched hyperparameters (validated by ``check_space``).
    base : Base
        What every trial shares unless the search varies it.
    X, Y, X_dev, Y_dev : ndarray
        Training examples X of shape (n_x, m) with labels Y of shape (1, m), and the dev set.
    names : sequence of str
        The first rounds' samplers, "grid" and/or "random", each with ``budget`` trials.
    budget : int
        Trials per round N, in [1, MAX_TRIALS].
    seed : int
        Seed of the random draws, in [0, 2³² − 1] (a zoom round draws with ``seed + number of
        rounds``, mod 2³²).
    backend : {"batched", "dask"}
        Where the groups train.
    dask_address : str, optional
        The Dask scheduler ("tcp://host:8786") for ``backend="dask"``.

    Raises
    ------
    ValueError
        If an argument is out of range or a round exceeds ``MAX_TRIALS`` or ``MAX_WORK``.
    """

    def __init__(
        self,
        space: Sequence[Range],
        base: Base,
        X: np.ndarray,
        Y: np.ndarray,
        X_dev: np.ndarray,
        Y_dev: np.ndarray,
        names: Sequence[str] = ("grid", "random"),
        budget: int = 25,
        seed: int = 0,
        backend: str = "batched",
        dask_address: str | None = None,
    ):
        check_choice("backend", backend, BACKENDS)
        self.backend, self.dask_address = backend, dask_address
        self.space = tuple(check_space(space))
        self.base = base
        self.X = check_matrix("X", X)
        self.X_dev = check_matrix("X_dev", X_dev, rows=self.X.shape[0])
        self.Y, self.Y_dev = np.asarray(Y), np.asarray(Y_dev)
        self.budget = check_int("budget", budget, 1, MAX_TRIALS)
        self.seed = check_seed("seed", seed)
        if not names:
            raise ValueError("names must list at least one sampler")
        self.rounds: list[Round] = []
        self.first_pass = len(names)
        for name in names:
            self._add_round(name, self.space, sample(self.space, name, self.budget, self.seed))
        self.stopped = False
        self.seconds = 0.0

    def _add_round(self, name: str, space: tuple[Range, ...], configs: list[dict]) -> Round:
        check_trials(configs, self.base, self.X, self.Y, self.Y_dev)
        plan = list(groups(configs, self.base).values())
        first = 1 + sum(len(r.configs) for r in self.rounds)
        self.rounds.append(Round(name, space, configs, plan, first))
        return self.rounds[-1]

    # -- progress -------------------------------------------------------------------------
    @property
    def n_trials(self) -> int:
        return sum(len(r.configs) for r in self.rounds)

    @property
    def trials_done(self) -> int:
        return sum(len(r.trials) for r in self.rounds)

    @property
    def n_groups(self) -> int:
        return sum(len(r.plan) for r in self.rounds)

    @property
    def groups_done(self) -> int:
        return sum(r.groups_done for r in self.rounds)

    @property
    def progress(self) -> float:
        """Share of the trials trained, 0 … 1."""
        return self.trials_done / self.n_trials

    @property
    def done(self) -> bool:
        """True once every group is trained or the search was stopped."""
        return self.stopped or all(r.done for r in self.rounds)

    def stop(self) -> None:
        """Stop for good: the trials already trained are kept."""
        self.stopped = True

    def advance(
        self, seconds: float = math.inf, on_epoch: Callable[[float], None] | None = None
    ) -> int:
        """Train groups one after another until done or ``seconds`` have passed (at least one
        group); return how many were trained. ``on_epoch(progress)`` is called after every
        epoch of a group with the search's share done so far (for a progress bar)."""
        start = time.perf_counter()
        trained = 0
        while not self.done and (trained == 0 or time.perf_counter() - start < seconds):
            round_ = next(r for r in self.rounds if not r.done)
            if self.backend == "dask":
                trained += self._round_on_dask(round_)
                continue
            indices = round_.plan[round_.groups_done]
            callback = self._reporter(len(indices), on_epoch)
            trials = train_group(
                [round_.configs[i] for i in indices],
                self.base,
                self.X,
                self.Y,
                self.X_dev,
                self.Y_dev,
                [self.base.trial_seed(i) for i in indices],
                callback,
            )
            round_.trials.update(zip(indices, trials, strict=True))
            round_.groups_done += 1
            trained += 1
        self.seconds += time.perf_counter() - start
        return trained

    def _round_on_dask(self, round_: Round) -> int:
        """Train the rest of ``round_`` on the Dask cluster; return how many groups that was."""
        left = [i for indices in round_.plan[round_.groups_done :] for i in indices]
        trials = run_trials(
            round_.configs,
            self.base,
            self.X,
            self.Y,
            self.X_dev,
            self.Y_dev,
            backend="dask",
            dask_address=self.dask_address,
        )
        round_.trials.update((i, trials[i]) for i in left)
        count = len(round_.plan) - round_.groups_done
        round_.groups_done = len(round_.plan)
        return count

    def _reporter(self, size: int, on_epoch: Callable[[float], None] | None) -> Callable | None:
        """The per-epoch callback of a group of ``size`` trials: reports the search's share."""
        if on_epoch is None:
            return None
        done_before, total, epochs = self.trials_done, self.n_trials, self.base.epochs

        def callback(epoch: int, history: object) -> None:
            on_epoch((done_before + size * epoch / epochs) / total)

        return callback

    # -- results --------------------------------------------------------------------------
    def rows(self) -> list[Row]:
        """Every trained trial, by number."""
        return [
            Row(r.first + i, r.name, i, r.trials[i]) for r in self.rounds for i in sorted(r.trials)
        ]

    def points(self, name: str) -> tuple[list[dict], np.ndarray, np.ndarray]:
        """Round ``name``'s configurations, their dev accuracy (NaN until trained) and whether
        each diverged."""
        round_ = self._round(name)
        n = len(round_.configs)
        accuracy, diverged = np.full(n, np.nan), np.zeros(n, dtype=bool)
        for i, trial in round_.trials.items():
            accuracy[i], diverged[i] = trial.dev_accuracy, trial.diverged
        return round_.configs, accuracy, diverged

    def best(self, rows: Sequence[Row] | None = None) -> Row | None:
        """The trial with the highest dev accuracy (ties: lowest dev cost), or None."""
        finished = [
            row for row in (self.rows() if rows is None else rows) if not row.trial.diverged
        ]
        if not finished:
            return None
        return min(finished, key=lambda row: (-row.trial.dev_accuracy, row.trial.dev_cost))

    def row(self, number: int) -> Row:
        """The trained trial with this number."""
        for row in self.rows():
            if row.number == number:
                return row
        raise ValueError(f"number must be a trained trial's number; got {number}")

    def summary(self, name: str) -> dict:
        """For round ``name``: trials, trained, distinct learning rates, best trial (or None)."""
        round_ = self._round(name)
        rows = [row for row in self.rows() if row.round == name]
        return {
            "trials": len(round_.configs),
            "trained": len(round_.trials),
            "distinct_lr": distinct(round_.configs, "learning_rate"),
            "best": self.best(rows),
        }

    def _round(self, name: str) -> Round:
        check_choice("round", name, [r.name for r in self.rounds])
        return next(r for r in self.rounds if r.name == name)

    # -- coarse to fine -------------------------------------------------------------------
    @property
    def zooms(self) -> int:
        return len(self.rounds) - self.first_pass

    def last_pass(self) -> list[Round]:
        """The rounds a zoom starts from: the first grid/random rounds, then the last zoom."""
        return self.rounds[: self.first_pass] if self.zooms == 0 else self.rounds[-1:]

    @property
    def can_zoom(self) -> bool:
        """Done, fewer than ``MAX_ZOOMS`` zooms, and a finished trial to zoom in on."""
        finished = any(not t.diverged for r in self.last_pass() for t in r.trials.values())
        return self.done and self.zooms < MAX_ZOOMS and finished

    def zoom_in(self, top: int = ZOOM_TOP, margin: float = ZOOM_MARGIN) -> Round:
        """Add a round of random trials (same budget) in the box around the last pass's best.

        The box is ``playground.tuning.zoom`` of the last pass's space and trials; its draws
        are seeded with ``seed + number of rounds`` (mod 2³²) so every round differs.
        """
        if self.zooms >= MAX_ZOOMS:
            raise ValueError(f"at most {MAX_ZOOMS} zoom rounds; press Start for a new search")
        rounds = self.last_pass()
        results = [t for r in rounds for t in r.trials.values()]
        box = tuple(zoom(rounds[0].space, results, top, margin))
        configs = random_search(box, self.budget, seed_after(self.seed, len(self.rounds)))
        round_ = self._add_round(f"zoom {self.zooms + 1}", box, configs)
        self.stopped = False
        return round_

    def boxes(self) -> list[tuple[Range, ...]]:
        """The space of every zoom round, in order."""
        return [r.space for r in self.rounds[self.first_pass :]]

    def table(self) -> dict[str, list]:
        """Every trained trial as columns: number, round, the searched values, the outcome;
        best dev accuracy first (ties: lowest dev cost)."""
        rows = sorted(self.rows(), key=lambda row: (-row.trial.dev_accuracy, row.trial.dev_cost))
        columns: dict[str, list] = {"trial": [row.number for row in rows]}
        columns["round"] = [row.round for row in rows]
        for r in self.space:
            columns[BY_NAME[r.name].symbol] = [row.trial.config[r.name] for row in rows]
        columns["dev accuracy"] = [row.trial.dev_accuracy for row in rows]
        columns["train accuracy"] = [row.trial.train_accuracy for row in rows]
        columns["dev cost"] = [row.trial.dev_cost for row in rows]
        columns["diverged"] = [row.trial.diverged for row in rows]
        return columns


def retrain(
    config: dict,
    index: int,
    base: Base,
    X: np.ndarray,
    Y: np.ndarray,
    X_dev: np.ndarray,
    Y_dev: np.ndarray,
) -> tuple[Network, History]:
    """Train trial ``index`` of a round again, alone, as a single ``Network`` with ``train``.

    It starts from the same weights (seed ``base.trial_seed(index)``), sees the same mini-batches
    (shuffle seed ``base.seed``) and uses the same update rule as in the batched search:
    ``optimizer`` with α = α₀ / (1 + decay_rate · epoch_num), L2 λ (dW^[l] += (λ/m) W^[l])
    and inverted dropout with ``keep_prob``, its masks drawn from the same generator as in the
    search (the network's own, seeded with the trial's seed). So its dev cost is the search's
    (to rounding), with or without dropout.

    Parameters
    ----------
    config : dict
        The trial's searched values by name (the rest come from ``base``).
    index : int
        Its index in its round, in [0, MAX_TRIALS − 1]: the initialization seed is
        ``base.trial_seed(index)``.
    base : Base
        The search's shared settings.
    X, Y, X_dev, Y_dev : ndarray
        The data the search trained on: X of shape (n_x, m), Y of shape (1, m).

    Returns
    -------
    net : Network
        The trained network (layer sizes [n_x, units, …, units, n_L]).
    history : History
        Its per-epoch costs and accuracies.
    """
    index = check_int("index", index, 0, MAX_TRIALS - 1)
    full = _complete(config, base)
    Y = np.asarray(Y)
    n_classes = int(max(Y.max(), np.asarray(Y_dev).max())) + 1
    dims = [X.shape[0]] + [full["hidden_units"]] * full["layers"]
    dims.append(1 if n_classes == 2 else n_classes)
    net = Network(
        dims,
        base.activation,
        "sigmoid" if n_classes == 2 else "softmax",
        seed=base.trial_seed(index),
        keep_probs=[full["keep_prob"]] * full["layers"],
    )
    names = {
        "momentum": ("beta",),
        "nesterov": ("beta",),
        "rmsprop": ("beta",),
        "adam": ("beta1", "beta2"),
    }.get(base.optimizer, ())
    rate = full["learning_rate"]
    optimizer = make_optimizer(base.optimizer, rate, **{name: full[name] for name in names})
    decay = full["decay_rate"]
    schedule = make_schedule("inverse_time", rate, decay) if decay > 0 else None
    history = train(
        net,
        X,
        Y,
        optimizer,
        base.epochs,
        batch_size=full["batch_size"],
        lambd=full["lambd"],
        schedule=schedule,
        seed=base.seed,
        X_dev=X_dev,
        Y_dev=Y_dev,
    )
    return net, history


def backend_text(run: SearchRun) -> str:
    """Where the search trains, in words."""
    if run.backend == "dask":
        return (
            f"Backend: the Dask cluster at {run.dask_address or 'the configured scheduler'} — "
            f"a round at a time, its groups trained in parallel by the workers "
            f"({run.n_trials} trials in {run.n_groups} groups)."
        )
    return (
        f"Backend: batched in this process — trials sharing layers, units and batch size train "
        f"as one NumPy computation: {run.n_trials} trials in {run.n_groups} groups."
    )


def describe(config: dict) -> str:
    """ "α = 0.01, β₁ = 0.986": a configuration in the course's symbols, 3 significant digits."""
    return ", ".join(f"{LABELS.get(name, name)} = {value:.3g}" for name, value in config.items())


def sampler_text(run: SearchRun, name: str) -> str:
    """One line on round ``name`` of ``run``: trials, distinct α, and its best trial so far."""
    summary = run.summary(name)
    trials, d = summary["trials"], len(run.space)
    text = f"**{name}**: {trials} trials try **{summary['distinct_lr']} distinct α**"
    if "learning_rate" not in {r.name for r in run.space}:
        text = f"**{name}**: {trials} trials (α is fixed)"
    if name == "grid" and d > 1:
        per_axis = round(trials ** (1 / d))
        product = " × ".join([str(per_axis)] * d)
        values = "value" if per_axis == 1 else "values"
        text += f" ({per_axis} {values} per axis, {product} = {trials}"
        text += f" of the budget {run.budget})" if trials < run.budget else ")"
    best = summary["best"]
    if summary["trained"] == 0:
        return text + "."
    if best is None:
        return text + f"; all {summary['trained']} trained trials diverged."
    return (
        text + f"; best dev accuracy **{best.trial.dev_accuracy:.1%}** "
        f"(trial #{best.number}: {describe(best.trial.config)})."
    )


def describe_box(space: Sequence[Range]) -> str:
    """ "α 0.0056 … 0.18, β₁ 0.8 … 0.993": the ranges of a (zoomed) space."""
    return ", ".join(f"{LABELS.get(r.name, r.name)} {r.low:.3g} … {r.high:.3g}" for r in space)


def retrain_text(row: Row, history: History) -> str:
    """What retraining trial ``row`` alone gave, next to what the search recorded."""
    trial = row.trial
    text = f"**Trial #{row.number}** ({row.round}): {describe(trial.config)}.\n\n"
    if history.stopped_reason == StopReason.DIVERGED:
        return text + "Trained alone it **diverged**: " + history.message
    accuracy, cost = history.dev_accuracy[-1], history.dev_cost[-1]
    text += (
        f"Trained alone as one network for {history.last_epoch} epochs: dev accuracy "
        f"**{accuracy:.1%}** (dev cost {cost:.3f}); in the batched search it reached "
        f"{trial.dev_accuracy:.1%} (dev cost {trial.dev_cost:.3f})."
    )
    if math.isclose(cost, trial.dev_cost, rel_tol=1e-6, abs_tol=1e-9):
        text += " The same: the batched run trains each trial exactly as a single one would."
    else:
        text += f" Not the same: the dev costs differ by {abs(cost - trial.dev_cost):.2g}."
    return text


def measure(values: dict) -> dict[str, object]:
    """What the page shows for its settings before training, by name: for each sampler its
    number of trials, of distinct α, of trials with α in the top decade [high/10, high] of α's
    range and below a hundredth of high ("<sampler>_trials", "<sampler>_distinct_lr",
    "<sampler>_top_decade", "<sampler>_below_001"); and the section "Sampling on the right
    scale"'s shares of 100 samples in [0.1, 1] ("top_uniform", "top_log")."""
    space = make_space(values)
    high = values["lr_hi"]
    shown: dict[str, object] = {}
    for name in samplers(values["sampler"]):
        configs = sample(space, name, values["trials"], values["rseed"])
        rates = np.array([config.get("learning_rate", np.nan) for config in configs])
        shown |= {
            f"{name}_trials": len(configs),
            f"{name}_distinct_lr": distinct(configs, "learning_rate"),
            f"{name}_top_decade": int(np.sum((rates >= high / 10) & (rates <= high))),
            f"{name}_below_001": int(np.sum(rates < high / 100)),
        }
    uniform, log = log_sampling_demo(1e-4, 1.0, 100, 0)
    return shown | {
        "top_uniform": share_in_top_decade(uniform, 1.0),
        "top_log": share_in_top_decade(log, 1.0),
    }
