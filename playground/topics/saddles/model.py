"""Critical points: escaping saddles and plateaus, and why high dimensions are full of saddles.

Two experiments of the course's "problem of local optima" lesson.

1. **Escaping.** Gradient descent, momentum (written both ways: the course's
   v = βv + (1 − β)dW and v = βv + dW), RMSprop and Adam start from the same point of a 2-D
   surface where the gradient is tiny — next to a saddle point, or on a plateau — through the
   very optimizers the network trains with (:func:`playground.surfaces.optimizer_path`). A run
   has *escaped* at the first step t where J(w_t) < J_stall − margin: J has dropped clearly
   below the saddle's value (or the plateau's height). How much farther than gradient descent
   each one steps from the same point, ‖w_{t+1} − w_t‖ / (α‖dW(w_t)‖), shows why.
2. **Counting.** At a critical point (dJ = 0) the Hessian H decides: all eigenvalues > 0 is a
   minimum, all < 0 a maximum, mixed signs a saddle. Random symmetric "Hessians" from the
   Gaussian orthogonal ensemble, A = (G + Gᵀ) / √(2n) with G_ij ~ N(0, 1), are almost never
   minima once n grows: if each eigenvalue's sign were a coin flip the chance would be 2^(−n);
   the eigenvalues of a random matrix repel each other, and it falls even faster.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import numpy as np

from playground.engine.blas import one_blas_thread
from playground.engine.config import (
    Setting,
    check_choice,
    check_int,
    check_range,
    settings_by_key,
)
from playground.engine.optim import make_optimizer
from playground.engine.settings import ALL, LOG_RATES, MAX_SEED
from playground.engine.surfaces import Surface, make_surface, optimizer_path

# --------------------------------------------------------------------------------------------
# 1. Escaping saddles and plateaus
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Stall:
    """Where a surface makes gradient descent stall: J's value there and the point to mark."""

    level: float
    """J at the saddle point, or the plateau's height (J far from the basin)."""
    point: tuple[float, float] | None
    """The saddle point (drawn with ×), or None for a plateau."""
    what: str
    """How the page names it: "the saddle point (0, 0)", "the plateau"."""


STALLS: dict[str, Stall] = {
    "saddle": Stall(0.0, (0.0, 0.0), "the saddle point (0, 0)"),
    "monkey_saddle": Stall(0.0, (0.0, 0.0), "the monkey saddle (0, 0)"),
    "plateau": Stall(1.0, None, "the plateau"),
}
"""The surfaces of ``playground.surfaces`` with a stall, by name."""
RIDGE_SURFACES = ("saddle", "monkey_saddle")
"""Surfaces whose start is (w₁ of ``Surface.start``, w₂) with w₂ the distance from the ridge."""
COMPARED = ("gd", "momentum", "momentum_sum", "rmsprop", "adam")
"""The racers from the same start: names of ``playground.optim.OPTIMIZERS``, and momentum_sum,
momentum without the (1 − β) (``Momentum(form="sum")``)."""
RACERS = {"momentum_sum": ("momentum", {"form": "sum"})}
"""Racers that are an optimizer with options: name → (optimizer name, its options)."""
LABELS = {
    "gd": "gradient descent",
    "momentum": "momentum v = βv + (1 − β)dW",
    "momentum_sum": "momentum v = βv + dW",
    "rmsprop": "RMSprop",
    "adam": "Adam",
}
RATE_KEYS = {name: f"lr_{name}" for name in COMPARED} | {"momentum_sum": "lr_momentum"}
"""The setting holding each racer's α: both forms of momentum share one, to compare them at
the same α."""
ESCAPE_MARGIN = 0.5
"""A run has escaped once J(w_t) < J_stall − ESCAPE_MARGIN."""

SETTINGS = (
    Setting(
        "surface",
        "Surface",
        "saddle",
        "choice",
        options=tuple(STALLS),
        help="saddle: J = w₁² − w₂²; monkey_saddle: J = w₁³ − 3w₁w₂²; plateau: a nearly flat "
        "J ≈ 1 around a small basin.",
    ),
    Setting(
        "w2",
        "Start w₂ (distance from the ridge)",
        0.001,
        options=(1e-6, 1e-4, 1e-3, 1e-2, 0.1),
        help="How far from the line w₂ = 0 the runs start. On that line the gradient points at "
        "the saddle point; the closer you start, the longer gradient descent stays near it.",
    ),
    *(
        Setting(
            f"lr_{name}",
            f"α {label}",
            0.1,
            options=LOG_RATES,
            help=f"The learning rate of {label} (each optimizer has its own).",
        )
        for name, label in (
            ("gd", "gradient descent"),
            ("momentum", "momentum (both forms)"),
            ("rmsprop", "RMSprop"),
            ("adam", "Adam"),
        )
    ),
    ALL["beta"],
    ALL["rms_beta"],
    Setting(
        "steps",
        "Steps",
        300,
        "int",
        options=(50, 100, 200, 300, 500, 1000, 2000, 5000),
        help="Updates made by every optimizer.",
    ),
)
"""The escape experiment's settings; "beta" and "rms_beta" mean what they mean in
``settings.ALL``."""


def escape_step(cost: np.ndarray, level: float, margin: float = ESCAPE_MARGIN) -> int | None:
    """First step t with J(w_t) < level − margin, or None if the run never gets there.

    Parameters
    ----------
    cost : np.ndarray
        J(w_0), J(w_1), …, J(w_steps), shape (steps + 1,); NaN after a divergence.
    level : float
        J at the stall: the saddle point's value or the plateau's height, in [−1e6, 1e6].
    margin : float, default 0.5
        How far below ``level`` J must drop, in (0, 1e6].
    """
    level = check_range("level", level, -1e6, 1e6)
    margin = check_range("margin", margin, 0.0, 1e6, inclusive_low=False)
    values = np.asarray(cost, dtype=np.float64)
    if values.ndim != 1:
        raise ValueError(f"cost must be 1-D, one J per step; got shape {values.shape}")
    with np.errstate(invalid="ignore"):
        hits = np.flatnonzero(values < level - margin)
    return int(hits[0]) if hits.size else None


def start_point(surface: str, w2: float = 0.001) -> tuple[float, float]:
    """The common start: (Surface.start w₁, w₂) next to a saddle's ridge, else Surface.start."""
    check_choice("surface", surface, STALLS)
    w2 = check_range("w2", w2, -10.0, 10.0)
    start = make_surface(surface).start
    return (start[0], w2) if surface in RIDGE_SURFACES else start


@dataclass(frozen=True)
class EscapeRun:
    """One optimizer's path from the common start and when it escaped."""

    name: str
    learning_rate: float
    path: np.ndarray
    """w_0 … w_steps, shape (steps + 1, 2); NaN rows after a divergence."""
    cost: np.ndarray
    """J(w_t), shape (steps + 1,); NaN where the path is."""
    escaped_at: int | None

    @property
    def first_step(self) -> float:
        """‖w_1 − w_0‖: how far the first update moves (α‖dw‖ for GD, ≈ α√2 for Adam)."""
        return float(np.linalg.norm(self.path[1] - self.path[0]))


@dataclass(frozen=True)
class Escape:
    """Several optimizers started at the same point of one surface (picklable: the surface is
    kept by name, and rebuilt by :attr:`field`)."""

    surface: str
    stall: Stall
    start: tuple[float, float]
    steps: int
    margin: float
    runs: dict[str, EscapeRun]

    @property
    def field(self) -> Surface:
        """The surface J(w₁, w₂) itself."""
        return make_surface(self.surface)

    def steps_stalled(self, run: EscapeRun) -> int:
        """Steps t with |J(w_t) − J_stall| ≤ margin: how long ``run`` stayed at the stall."""
        with np.errstate(invalid="ignore"):
            return int(np.sum(np.abs(run.cost - self.stall.level) <= self.margin))

    def step_ratio(self, run: EscapeRun) -> float:
        """Median of ‖w_{t+1} − w_t‖ / (α ‖dW(w_t)‖) over the steps t before ``run`` escaped
        with |J(w_t) − J_stall| ≤ margin: how far it stepped while stalled, in units of
        gradient descent's step α‖dW‖ from the same point (1 for gradient descent itself; on a
        steady gradient → 1 for v = βv + (1 − β)dW and 1/(1 − β) for v = βv + dW). NaN if it
        never stalled or every gradient there was 0.
        """
        end = run.path.shape[0] - 1 if run.escaped_at is None else run.escaped_at
        points = run.path[:end]
        with np.errstate(all="ignore"):
            steps = np.linalg.norm(run.path[1 : end + 1] - points, axis=1)
            gradient = np.hypot(*self.field.grad(points[:, 0], points[:, 1]))
            stalled = np.abs(run.cost[:end] - self.stall.level) <= self.margin
            ratios = steps / (run.learning_rate * gradient)
        ratios = ratios[stalled & np.isfinite(ratios)]
        return float(np.median(ratios)) if ratios.size else math.nan

    def summary(self) -> list[dict[str, object]]:
        """One row per run: optimizer, α, first step length, steps stalled, the median step
        while stalled in units of α‖dW‖ (:meth:`step_ratio`), steps to escape."""
        return [
            {
                "optimizer": LABELS.get(run.name, run.name),
                "α": run.learning_rate,
                "first step ‖w₁ − w₀‖": run.first_step,
                "steps stalled": self.steps_stalled(run),
                "step ÷ α‖dW‖ while stalled": self.step_ratio(run),
                "steps to escape": run.escaped_at,
            }
            for run in self.runs.values()
        ]


def escape(
    surface: str,
    rates: Mapping[str, float],
    steps: int,
    w2: float = 0.001,
    beta: float = 0.9,
    margin: float = ESCAPE_MARGIN,
    beta2: float = 0.9,
) -> Escape:
    """Run each optimizer from the same start and record when J drops below the stall.

    Momentum uses β = ``beta``: v = β v + (1 − β) dw, w -= α v ("momentum"), or v = β v + dw
    ("momentum_sum"); RMSprop β₂ = ``beta2``: s = β₂ s + (1 − β₂) dw², w -= α dw / (√s + ε).
    Adam uses the course's β₁ = 0.9, β₂ = 0.999, ε = 1e-8. Every update is
    ``playground.optim``'s, the network's own.

    Parameters
    ----------
    surface : {"saddle", "monkey_saddle", "plateau"}
        The surface (see ``playground.surfaces``).
    rates : Mapping[str, float]
        Learning rate α by racer ("gd", "momentum", "momentum_sum", "rmsprop", "adam", or
        another optimizer name), in (0, 100].
    steps : int
        Updates per optimizer, in [1, 20 000].
    w2 : float, default 0.001
        Start's distance from the ridge w₂ = 0 on the saddles (ignored on the plateau).
    beta : float, default 0.9
        β of momentum (and Nesterov), in [0, 1).
    margin : float, default 0.5
        Escaped once J(w_t) < J_stall − margin, in (0, 1e6].
    beta2 : float, default 0.9
        β₂ of RMSprop, in [0, 1).

    Returns
    -------
    Escape
        The runs in the order of ``rates``.

    Raises
    ------
    ValueError
        If an argument is out of its range or names an unknown surface or optimizer.
    """
    check_choice("surface", surface, STALLS)
    if not rates:
        raise ValueError("rates must give a learning rate for at least one optimizer")
    beta = check_range("beta", beta, 0.0, 1.0, inclusive_high=False)
    beta2 = check_range("beta2", beta2, 0.0, 1.0, inclusive_high=False)
    margin = check_range("margin", margin, 0.0, 1e6, inclusive_low=False)
    stall = STALLS[surface]
    field = make_surface(surface)
    start = start_point(surface, w2)
    runs = {}
    for name, rate in rates.items():
        optimizer, options = RACERS.get(name, (name, {}))
        betas = {"momentum": beta, "nesterov": beta, "rmsprop": beta2}
        hyper = {"beta": betas[optimizer]} if optimizer in betas else {}
        path = optimizer_path(
            field, make_optimizer(optimizer, rate, **hyper, **options), start, steps
        )
        with np.errstate(all="ignore"):
            cost = field(path[:, 0], path[:, 1])
        cost = np.where(np.isfinite(cost), cost, np.nan)
        runs[name] = EscapeRun(
            name, float(rate), path, cost, escape_step(cost, stall.level, margin)
        )
    return Escape(surface, stall, start, int(steps), margin, runs)


MECHANISMS = {
    "saddle": "J = w₁² − w₂² curves up along w₁ and down along w₂. Gradient descent first slides "
    "toward the saddle point; to leave it must grow w₂, whose gradient −2w₂ is tiny near the "
    "ridge. It multiplies w₂ by (1 + 2α) per step, so every 10× closer start costs the same "
    "number of extra steps.",
    "monkey_saddle": "J = w₁³ − 3w₁w₂² has three valleys meeting at a flat point (0, 0) where "
    "even the curvature is zero: the gradient 3w₁² fades as gradient descent gets closer, so its "
    "steps shrink with it, while a velocity v still carries the larger gradients of earlier "
    "steps.",
    "plateau": "Far from the basin J ≈ 1 is nearly flat, so gradient descent's step α·dW is tiny.",
}
"""Why each surface stalls gradient descent (the mechanism; the page adds the measured steps)."""


def _ratio(value: float) -> str:
    return f"{value:.3g}×" if math.isfinite(value) else "— (it never stalled)"


def _versus(race: Escape, name: str) -> str:
    """When racer ``name`` escaped, compared with gradient descent's escape."""
    mine, theirs = race.runs[name].escaped_at, race.runs["gd"].escaped_at
    if mine is None:
        tail = "nor did gradient descent" if theirs is None else f"gradient descent: {theirs}"
        return f"not in {race.steps} steps ({tail})"
    if theirs is None:
        return f"after {mine} steps, gradient descent not in {race.steps}"
    order = "sooner than" if mine < theirs else "later than" if mine > theirs else "as soon as"
    return f"after {mine} steps, {order} gradient descent ({theirs})"


def momentum_text(race: Escape, beta: float) -> str:
    """Why momentum with (1 − β) is no faster than gradient descent and without it is, with the
    step ratios (:meth:`Escape.step_ratio`) and escapes of ``race`` (Markdown).

    ``race`` must hold the runs "gd", "momentum" and "momentum_sum" made with this ``beta``.
    """
    beta = check_range("beta", beta, 0.0, 1.0, inclusive_high=False)
    missing = [name for name in ("gd", "momentum", "momentum_sum") if name not in race.runs]
    if missing:
        raise ValueError(
            f"race must hold the runs gd, momentum and momentum_sum; missing {missing}"
        )
    factor = 1.0 / (1.0 - beta)
    average, summed = (race.step_ratio(race.runs[n]) for n in ("momentum", "momentum_sum"))
    return (
        "**Two ways to write momentum.** The course's v = βv + (1 − β)dW *averages* the "
        "gradients: on a steady gradient v settles at dW — gradient descent's own step — and "
        f"it starts smaller (v₁ = (1 − β)dW = {1 - beta:g}·dW). Without the (1 − β), "
        "v = βv + dW *sums* them: v settles at dW/(1 − β) "
        f"= {factor:.3g}·dW, a {factor:.3g}× larger step at the same α (it is the course's form "
        "with α/(1 − β)). That larger step is what the notes mean when they say momentum helps "
        "on plateaus and saddles; scikit-learn's and PyTorch's momentum are written this way. "
        f"Measured here while stalled, a step was on median {_ratio(average)} gradient "
        f"descent's α‖dW‖ with (1 − β) and {_ratio(summed)} without. v = βv + (1 − β)dW "
        f"escaped {_versus(race, 'momentum')}; v = βv + dW {_versus(race, 'momentum_sum')}."
    )


def normalized_text(race: Escape) -> str:
    """How far RMSprop and Adam stepped while stalled, and when they escaped (Markdown)."""
    shown = [name for name in ("rmsprop", "adam") if name in race.runs]
    if not shown or "gd" not in race.runs:
        return ""
    measured = "; ".join(
        f"{LABELS[name]} {_ratio(race.step_ratio(race.runs[name]))} gradient descent's α‖dW‖, "
        f"escaped {_versus(race, name)}"
        for name in shown
    )
    return (
        "RMSprop and Adam divide each coordinate's gradient by its own recent size √s, so a "
        f"tiny gradient still gives a step of about α. While stalled: {measured}."
    )


# --------------------------------------------------------------------------------------------
# 2. Random Hessians: minima become rare as n grows
# --------------------------------------------------------------------------------------------

MAX_DIM = 100
"""Largest dimension n of a random Hessian."""
MAX_MATRICES = 30_000
"""Most random matrices per dimension."""
MAX_EIG_WORK = 3e9
"""Most work in one census, counted as samples × Σ n³ (≈ a second or two of eigvalsh)."""
CHUNK_ENTRIES = 1_000_000
"""Matrices are drawn and diagonalized in stacks of about this many entries (8 MB)."""

CENSUS_SETTINGS = (
    Setting(
        "nmax",
        "Largest dimension n",
        50,
        "int",
        options=(5, 10, 20, 50, 100),
        help="Random Hessians are drawn for n = 1 … 10, then on a log scale up to this n.",
    ),
    Setting(
        "samples",
        "Random Hessians per n",
        1000,
        "int",
        options=(100, 300, 1000, 3000, 10000, 30000),
        help="How many random symmetric matrices are drawn for each dimension n.",
    ),
    Setting(
        "hseed",
        "Seed",
        0,
        "int",
        low=0,
        high=MAX_SEED,
        step=1,
        help="Seed of the random Hessians (each n draws from its own stream).",
    ),
)
"""The census's settings."""
BY_KEY = settings_by_key(*SETTINGS, *CENSUS_SETTINGS)


def dimension_grid(n_max: int, points: int = 20) -> np.ndarray:
    """n = 1 … min(10, n_max), then about ``points`` − 10 log-spaced dimensions up to n_max.

    Parameters
    ----------
    n_max : int
        Largest dimension, in [1, MAX_DIM].
    points : int, default 20
        About how many dimensions in all, in [10, 100].
    """
    n_max = check_int("n_max", n_max, 1, MAX_DIM)
    points = check_int("points", points, 10, 100)
    small = np.arange(1, min(10, n_max) + 1)
    if n_max <= 10:
        return small
    large = np.round(np.geomspace(10, n_max, points - 9)).astype(np.int64)
    return np.unique(np.concatenate([small, large]))


def _check_dims(dims: Iterable[int]) -> np.ndarray:
    values = list(dims) if not isinstance(dims, np.ndarray) else dims.tolist()
    if not values:
        raise ValueError("dims must list at least one dimension n")
    checked = [check_int(f"dims[{i}]", n, 1, MAX_DIM) for i, n in enumerate(values)]
    if len(set(checked)) != len(checked):
        raise ValueError("dims must not repeat a dimension")
    return np.array(checked, dtype=np.int64)


def census_work(dims: Iterable[int], samples: int) -> float:
    """samples × Σ n³ over ``dims``: the unit of ``MAX_EIG_WORK``."""
    return float(samples) * float(np.sum(_check_dims(dims).astype(np.float64) ** 3))


def random_hessians(n: int, samples: int, rng: np.random.Generator) -> np.ndarray:
    """``samples`` GOE matrices A = (G + Gᵀ) / √(2n), G_ij ~ N(0, 1); shape (samples, n, n).

    Off the diagonal A_ij ~ N(0, 1/n), on it A_ii ~ N(0, 2/n): the eigenvalues fill the
    semicircle on [−2, 2] as n grows.
    """
    n = check_int("n", n, 1, MAX_DIM)
    samples = check_int("samples", samples, 1, MAX_MATRICES)
    G = rng.standard_normal((samples, n, n))
    G += G.transpose(0, 2, 1)
    G /= math.sqrt(2.0 * n)
    return G


@dataclass(frozen=True)
class HessianCensus:
    """How many random Hessians of each dimension have k negative eigenvalues.

    ``index_counts[i][k]`` counts the samples of dimension ``dims[i]`` with exactly k negative
    eigenvalues (k downhill directions): k = 0 is a minimum, k = n a maximum, else a saddle.
    """

    dims: np.ndarray
    samples: int
    seed: int
    index_counts: tuple[np.ndarray, ...]

    @property
    def minima(self) -> np.ndarray:
        """Samples with all eigenvalues > 0, per dimension."""
        return np.array([counts[0] for counts in self.index_counts])

    @property
    def fraction_minima(self) -> np.ndarray:
        """minima / samples per dimension."""
        return self.minima / self.samples

    @property
    def maxima(self) -> np.ndarray:
        """Samples with all eigenvalues < 0, per dimension."""
        return np.array([counts[-1] for counts in self.index_counts])

    @property
    def mean_downhill(self) -> np.ndarray:
        """Mean share k / n of downhill directions, per dimension (≈ ½ by symmetry)."""
        return np.array(
            [counts @ np.arange(n + 1) / (self.samples * n) for n, counts in self._pairs()]
        )

    def _pairs(self) -> list[tuple[int, np.ndarray]]:
        return list(zip(self.dims.tolist(), self.index_counts, strict=True))


def hessian_census(dims: Iterable[int], samples: int, seed: int = 0) -> HessianCensus:
    """Draw ``samples`` random Hessians per dimension and count their negative eigenvalues.

    For each n in ``dims`` the matrices come from their own stream
    ``np.random.default_rng([seed, n])`` (so a dimension's result does not depend on the
    others asked for) and are diagonalized in stacks by one ``np.linalg.eigvalsh`` call each.
    BLAS is held to one thread meanwhile: on small matrices its threads only add overhead.

    Parameters
    ----------
    dims : Iterable[int]
        Distinct dimensions n, each in [1, MAX_DIM].
    samples : int
        Matrices per dimension, in [1, MAX_MATRICES].
    seed : int, default 0
        In [0, 2³² − 1].

    Raises
    ------
    ValueError
        If an argument is out of range, or samples × Σ n³ exceeds ``MAX_EIG_WORK``.
    """
    dims = _check_dims(dims)
    samples = check_int("samples", samples, 1, MAX_MATRICES)
    seed = check_int("seed", seed, 0, 2**32 - 1)
    work = census_work(dims, samples)
    if work > MAX_EIG_WORK:
        raise ValueError(
            f"samples × Σ n³ = {work:.2g} is more than this server allows ({MAX_EIG_WORK:.0g}): "
            "draw fewer random Hessians per n or lower the largest dimension"
        )
    counts = []
    with one_blas_thread():
        for n in dims.tolist():
            rng = np.random.default_rng([seed, n])
            negative = np.zeros(n + 1, dtype=np.int64)
            stack = max(1, CHUNK_ENTRIES // (n * n))
            for first in range(0, samples, stack):
                eigenvalues = np.linalg.eigvalsh(
                    random_hessians(n, min(stack, samples - first), rng)
                )
                negative += np.bincount((eigenvalues < 0).sum(axis=1), minlength=n + 1)
            counts.append(negative)
    return HessianCensus(dims, samples, seed, tuple(counts))


def fraction_of_minima(dims: Iterable[int], samples: int, seed: int = 0) -> np.ndarray:
    """Share of random Hessians with all eigenvalues > 0, for each n in ``dims``.

    See :func:`hessian_census` for the arguments. About ½, 0.14, 0.02, 0.002 for n = 1 … 4,
    and none in thousands of samples from n ≈ 6 on.
    """
    return hessian_census(dims, samples, seed).fraction_minima


def coin_flip_minima(dims: Iterable[int]) -> np.ndarray:
    """2^(−n): the chance of a minimum if each eigenvalue's sign were an independent coin flip."""
    return 0.5 ** _check_dims(dims).astype(np.float64)


def coin_flip_index(n: int) -> np.ndarray:
    """Binomial(n, ½): P(k negative eigenvalues) = C(n, k) / 2ⁿ for k = 0 … n, for coin flips."""
    n = check_int("n", n, 1, MAX_DIM)
    return np.array([math.comb(n, k) for k in range(n + 1)], dtype=np.float64) / 2.0**n


def measure(values: dict) -> dict[str, object]:
    """What the page shows for its settings, by name. Section 1: for each racer of ``COMPARED``
    the step it escapes at ("<name>_escaped", None if it does not), its steps stalled, its median
    step while stalled in units of α‖dW‖ (:meth:`Escape.step_ratio`), its final J and the length
    of its last step ("<name>_stalled", "<name>_step_ratio", "<name>_final", "<name>_last_step").
    Section 2: the number of minima among the random Hessians of each dimension n
    ("minima_<n>"), the share of minima divided by the next dimension's ("drop_<n>", when both
    have minima) and the first dimension without any ("none_from")."""
    rates = {name: values[RATE_KEYS[name]] for name in COMPARED}
    race = escape(
        values["surface"],
        rates,
        values["steps"],
        values["w2"],
        values["beta"],
        beta2=values["rms_beta"],
    )
    shown: dict[str, object] = {}
    for name, run in race.runs.items():
        shown |= {
            f"{name}_escaped": run.escaped_at,
            f"{name}_stalled": race.steps_stalled(run),
            f"{name}_step_ratio": race.step_ratio(run),
            f"{name}_final": float(run.cost[-1]),
            f"{name}_last_step": float(np.linalg.norm(run.path[-1] - run.path[-2])),
        }
    census = hessian_census(dimension_grid(values["nmax"]), values["samples"], values["hseed"])
    dims, minima = census.dims.tolist(), census.minima.tolist()
    shown |= {f"minima_{n}": int(m) for n, m in zip(dims, minima, strict=True)}
    for (n, m), m_next in zip(zip(dims, minima, strict=True), minima[1:], strict=False):
        if m and m_next:
            shown[f"drop_{n}"] = m / m_next
    shown["none_from"] = next((n for n, m in zip(dims, minima, strict=True) if not m), None)
    return shown
