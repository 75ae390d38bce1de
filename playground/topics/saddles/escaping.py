"""Escaping saddles and plateaus: gradient descent, momentum (written both ways: the course's
v = βv + (1 − β)dW and v = βv + dW), RMSprop and Adam started from the same point of a 2-D
surface where the gradient is tiny — next to a saddle point, or on a plateau — through the very
optimizers the network trains with (:func:`playground.engine.surfaces.optimizer_path`).

A run has *escaped* at the first step t where J(w_t) < J_stall − margin: J has dropped clearly
below the saddle's value (or the plateau's height). How much farther than gradient descent each
one steps from the same point, ‖w_{t+1} − w_t‖ / (α‖dW(w_t)‖), shows why.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

from playground.engine.config import check_choice, check_range
from playground.engine.optim import make_optimizer
from playground.engine.surfaces import Surface, make_surface, optimizer_path


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
"""The surfaces of ``playground.engine.surfaces`` with a stall, by name."""
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
        The surface (see ``playground.engine.surfaces``).
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


def page_escape(values: Mapping[str, object]) -> Escape:
    """The race the saddles page's ``values`` ask for: every racer of ``COMPARED`` at its own α
    (``RATE_KEYS``), from the common start of ``values["surface"]``."""
    rates = {name: values[RATE_KEYS[name]] for name in COMPARED}
    return escape(
        values["surface"],
        rates,
        values["steps"],
        values["w2"],
        values["beta"],
        beta2=values["rms_beta"],
    )
