"""2-D test functions J(w₁, w₂) with analytic gradients, and optimizer paths across them.

The paths use the very optimizer objects the network trains with (``optimizer.update(params,
grads)``), so what you see on a contour plot is exactly what Adam or momentum do to W and b.
A path is read back into a ``PathSummary``: when it arrives, leaves the plot or diverges. The
"Optimizers on surfaces" page's settings, race and words live in
:mod:`playground.topics.optimizers_surfaces.model`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from playground.engine.config import check_choice, check_int, check_range
from playground.engine.optim import Optimizer

Function = Callable[[np.ndarray, np.ndarray], np.ndarray]
Gradient = Callable[[np.ndarray, np.ndarray], tuple[np.ndarray, np.ndarray]]
MAX_STEPS = 20_000


@dataclass(frozen=True)
class Surface:
    """J(x, y) with its gradient, a view box, a default start and the known minima."""

    name: str
    f: Function
    grad: Gradient
    bounds: tuple[float, float, float, float]
    start: tuple[float, float]
    minima: tuple[tuple[float, float], ...]
    formula: str
    about: str

    def __call__(self, x: np.ndarray, y: np.ndarray) -> np.ndarray:
        return self.f(np.asarray(x, dtype=float), np.asarray(y, dtype=float))

    def grid(self, resolution: int = 120) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(xs, ys, J) over the view box, J[i, j] = J(xs[j], ys[i]), in one batched evaluation."""
        resolution = check_int("resolution", resolution, 10, 1000)
        x_low, x_high, y_low, y_high = self.bounds
        xs, ys = np.linspace(x_low, x_high, resolution), np.linspace(y_low, y_high, resolution)
        return xs, ys, self(*np.meshgrid(xs, ys))


def elongated(condition: float = 10.0) -> Surface:
    """J = ½ (x² + κ y²): a bowl whose curvatures differ by the condition number κ."""
    kappa = check_range("condition", condition, 1.0, 1000.0)
    return Surface(
        "elongated",
        lambda x, y: 0.5 * (x**2 + kappa * y**2),
        lambda x, y: (x, kappa * y),
        (-10.0, 10.0, -5.0, 5.0),
        (-9.0, 3.0),
        ((0.0, 0.0),),
        f"J = ½(w₁² + {kappa:g} w₂²)",
        "A long narrow valley: gradient descent zig-zags across it unless α is tiny.",
    )


def _rosenbrock(x, y):
    return (1 - x) ** 2 + 100 * (y - x**2) ** 2


def _rosenbrock_grad(x, y):
    return -2 * (1 - x) - 400 * x * (y - x**2), 200 * (y - x**2)


def _beale(x, y):
    return (1.5 - x + x * y) ** 2 + (2.25 - x + x * y**2) ** 2 + (2.625 - x + x * y**3) ** 2


def _beale_grad(x, y):
    a, b, c = 1.5 - x + x * y, 2.25 - x + x * y**2, 2.625 - x + x * y**3
    dx = 2 * a * (y - 1) + 2 * b * (y**2 - 1) + 2 * c * (y**3 - 1)
    dy = 2 * a * x + 2 * b * 2 * x * y + 2 * c * 3 * x * y**2
    return dx, dy


def _plateau(x, y):
    r2 = (x - 1) ** 2 + (y - 1) ** 2
    return 1.0 - np.exp(-r2 / 2.0) - 0.2 * np.exp(-r2 / 50.0)


def _plateau_grad(x, y):
    r2 = (x - 1) ** 2 + (y - 1) ** 2
    pull = np.exp(-r2 / 2.0) + 0.2 * np.exp(-r2 / 50.0) / 25.0
    return pull * (x - 1), pull * (y - 1)


def _himmelblau(x, y):
    return (x**2 + y - 11) ** 2 + (x + y**2 - 7) ** 2


def _himmelblau_grad(x, y):
    a, b = x**2 + y - 11, x + y**2 - 7
    return 4 * a * x + 2 * b, 2 * a + 4 * b * y


SURFACES: dict[str, Callable[..., Surface]] = {
    "elongated": elongated,
    "rosenbrock": lambda: Surface(
        "rosenbrock",
        _rosenbrock,
        _rosenbrock_grad,
        (-2.0, 2.0, -1.0, 3.0),
        (-1.5, 2.5),
        ((1.0, 1.0),),
        "J = (1 − w₁)² + 100 (w₂ − w₁²)²",
        "A curved banana-shaped valley: easy to reach, slow to follow to the minimum at (1, 1).",
    ),
    "beale": lambda: Surface(
        "beale",
        _beale,
        _beale_grad,
        (-4.5, 4.5, -4.5, 4.5),
        (1.0, 1.5),
        ((3.0, 0.5),),
        "J = (1.5 − w₁ + w₁w₂)² + (2.25 − w₁ + w₁w₂²)² + (2.625 − w₁ + w₁w₂³)²",
        "Flat regions and steep walls: gradients of very different sizes, where Adam shines.",
    ),
    "saddle": lambda: Surface(
        "saddle",
        lambda x, y: x**2 - y**2,
        lambda x, y: (2 * x, -2 * y),
        (-2.0, 2.0, -2.0, 2.0),
        (-1.8, 1e-3),
        (),
        "J = w₁² − w₂²",
        "A saddle point at (0, 0): a minimum along w₁, a maximum along w₂. Start near the "
        "ridge and plain gradient descent crawls before it escapes.",
    ),
    "monkey_saddle": lambda: Surface(
        "monkey_saddle",
        lambda x, y: x**3 - 3 * x * y**2,
        lambda x, y: (3 * x**2 - 3 * y**2, -6 * x * y),
        (-2.0, 2.0, -2.0, 2.0),
        (1.5, 1e-3),
        (),
        "J = w₁³ − 3w₁w₂²",
        "A monkey saddle: three valleys meet at a flat point where even the curvature is zero.",
    ),
    "plateau": lambda: Surface(
        "plateau",
        _plateau,
        _plateau_grad,
        (-8.0, 8.0, -8.0, 8.0),
        (-7.0, -6.0),
        ((1.0, 1.0),),
        "J = 1 − e^(−r²/2) − 0.2 e^(−r²/50), r = |w − (1, 1)|",
        "A nearly flat plateau around a small basin: tiny gradients for a long way. RMSprop "
        "and Adam divide by √s and cross it fast; gradient descent and momentum crawl.",
    ),
    "himmelblau": lambda: Surface(
        "himmelblau",
        _himmelblau,
        _himmelblau_grad,
        (-5.0, 5.0, -5.0, 5.0),
        (0.0, 0.0),
        ((3.0, 2.0), (-2.805118, 3.131312), (-3.779310, -3.283186), (3.584428, -1.848126)),
        "J = (w₁² + w₂ − 11)² + (w₁ + w₂² − 7)²",
        "Four minima of equal depth: where you end up depends on the start and the optimizer.",
    ),
}


def make_surface(name: str, **options: float) -> Surface:
    """A surface by name; "elongated" takes ``condition`` (κ, 1 … 1000)."""
    check_choice("surface", name, SURFACES)
    if options and name != "elongated":
        raise ValueError(f"surface {name!r} takes no options; got {sorted(options)}")
    return SURFACES[name](**options)


def optimizer_path(
    surface: Surface, optimizer: Optimizer, start: tuple[float, float], steps: int
) -> np.ndarray:
    """Positions w_0 = start, w_1, …, w_steps of ``optimizer`` on J; shape (steps + 1, 2).

    Each step computes dw = ∇J(w) and calls ``optimizer.update({"w": w}, {"dw": dw})``. If w
    becomes NaN or infinite the run diverged: the remaining rows are NaN.
    """
    steps = check_int("steps", steps, 1, MAX_STEPS)
    start_array = np.asarray(start, dtype=float)
    if start_array.shape != (2,) or not np.isfinite(start_array).all():
        raise ValueError(f"start must be two finite numbers (w₁, w₂); got {start!r}")
    path = np.full((steps + 1, 2), np.nan)
    w = start_array.copy()
    params, grads = {"w": w}, {"dw": np.zeros(2)}
    path[0] = w
    with np.errstate(over="ignore", invalid="ignore"):
        for step in range(1, steps + 1):
            grads["dw"][0], grads["dw"][1] = surface.grad(w[0], w[1])
            optimizer.update(params, grads)
            if not np.isfinite(w).all():
                break
            path[step] = w
    return path


def steps_to_reach(path: np.ndarray, surface: Surface, tolerance: float) -> int | None:
    """First step at which J(w) is within ``tolerance`` of the lowest minimum, or None."""
    if not surface.minima:
        return None
    best = min(float(surface(*m)) for m in surface.minima)
    values = surface(path[:, 0], path[:, 1])
    hits = np.flatnonzero(np.isfinite(values) & (values - best <= tolerance))
    return int(hits[0]) if hits.size else None


MAX_FRAMES = 100
"""Most animation frames: the positions are shown at about this many evenly spaced steps."""
MAX_EXTENT = 1e3
"""Positions farther than this many view-box sizes from the box count as gone (diverged)."""


def steps_to_leave(path: np.ndarray, surface: Surface) -> int | None:
    """First step at which w is outside the surface's view box (or not finite), or None."""
    x_low, x_high, y_low, y_high = surface.bounds
    x, y = path[:, 0], path[:, 1]
    with np.errstate(invalid="ignore"):
        inside = (x >= x_low) & (x <= x_high) & (y >= y_low) & (y <= y_high)
    hits = np.flatnonzero(~inside)
    return int(hits[0]) if hits.size else None


def drawable(path: np.ndarray, surface: Surface) -> np.ndarray:
    """``path`` with positions farther than ``MAX_EXTENT`` box sizes from the box set to NaN."""
    x_low, x_high, y_low, y_high = surface.bounds
    size = max(x_high - x_low, y_high - y_low)
    center = np.array([(x_low + x_high) / 2, (y_low + y_high) / 2])
    with np.errstate(invalid="ignore"):
        far = np.abs(path - center).max(axis=1) > MAX_EXTENT * size
    return np.where(far[:, None], np.nan, path)


def frame_steps(steps: int, max_frames: int = MAX_FRAMES) -> np.ndarray:
    """The steps the animation shows: 0, …, steps, about evenly spaced, at most ``max_frames``."""
    steps = check_int("steps", steps, 1, MAX_STEPS)
    max_frames = check_int("max_frames", max_frames, 2, 10_000)
    return np.unique(np.round(np.linspace(0, steps, min(steps + 1, max_frames))).astype(int))


@dataclass(frozen=True)
class PathSummary:
    """How one optimizer's path went.

    ``reached``: first step with J(w) − J* ≤ tolerance (None if never, or without minima);
    ``left_box``: first step outside the view box (or not finite); ``diverged_at``: first step
    at which w was not finite or farther than ``MAX_EXTENT`` box sizes away (on a surface
    without minima that is an escape to J → −∞); ``final_J`` and ``final_w`` at the step before;
    ``nearest``: the known minimum closest to ``final_w`` and ``distance`` to it (None without
    minima); ``first_step``: the length of the first update ‖w₁ − w₀‖; ``lowest``: J*.
    """

    name: str
    steps: int
    reached: int | None
    left_box: int | None
    diverged_at: int | None
    final_J: float
    final_w: tuple[float, float]
    nearest: tuple[float, float] | None
    distance: float | None
    first_step: float
    lowest: float | None = None
    """J* (the lowest minimum's value), None without minima."""


def summarize(name: str, path: np.ndarray, surface: Surface, tolerance: float) -> PathSummary:
    """Read one path (shape (steps + 1, 2), NaN rows after a divergence) into a PathSummary."""
    tolerance = check_range("tolerance", tolerance, 0.0, 1e6, inclusive_low=False)
    path = np.asarray(path, dtype=float)
    if path.ndim != 2 or path.shape[1] != 2 or path.shape[0] < 2:
        raise ValueError(f"path must have shape (steps + 1, 2) with steps ≥ 1; got {path.shape}")
    if not np.isfinite(path[0]).all():
        raise ValueError("path must start at a finite point (row 0)")
    finite = np.isfinite(drawable(path, surface)).all(axis=1)
    broken = np.flatnonzero(~finite)
    last = int(broken[0]) - 1 if broken.size else path.shape[0] - 1
    final_w = path[last]
    with np.errstate(over="ignore", invalid="ignore"):
        final_J = float(surface(*final_w))
    nearest, distance, lowest = None, None, None
    if surface.minima:
        lowest = min(float(surface(*m)) for m in surface.minima)
        gaps = [float(np.hypot(*(final_w - np.asarray(m)))) for m in surface.minima]
        index = int(np.argmin(gaps))
        nearest, distance = surface.minima[index], gaps[index]
    return PathSummary(
        name=name,
        steps=path.shape[0] - 1,
        reached=steps_to_reach(path, surface, tolerance),
        left_box=steps_to_leave(path, surface),
        diverged_at=int(broken[0]) if broken.size else None,
        final_J=final_J,
        final_w=(float(final_w[0]), float(final_w[1])),
        nearest=nearest,
        distance=distance,
        first_step=float(np.hypot(*(path[1] - path[0]))),
        lowest=lowest,
    )


def gd_stable_rate(surface: Surface) -> float | None:
    """For the elongated bowl J = ½(w₁² + κw₂²): the α below which gradient descent converges.

    Along w₂ one step multiplies w₂ by (1 − ακ): gradient descent zig-zags across the valley
    when α > 1/κ and diverges when α > 2/κ. Returns 2/κ; None for the other surfaces.
    """
    if surface.name != "elongated":
        return None
    kappa = float(surface.grad(0.0, 1.0)[1])
    return 2.0 / kappa
