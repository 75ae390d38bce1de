"""2-D test functions J(w₁, w₂) with analytic gradients, and optimizer paths across them.

The paths use the very optimizer objects the network trains with (``optimizer.update(params,
grads)``), so what you see on a contour plot is exactly what Adam or momentum do to W and b.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from playground.engine.config import (
    Setting,
    check_choice,
    check_int,
    check_range,
    coerce_settings,
    settings_by_key,
)
from playground.engine.optim import Optimizer
from playground.engine.racing import (
    ALL_RACERS,
    LABELS,
    LR_KEYS,
    RACERS,
    adam_uncorrected_ratio,
    describe,
    make_racer,
    racer_settings,
)

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


# ------------------------------------------------------------------------------------------------
# The "Optimizers on surfaces" page: settings, the race of several optimizers, its summary
# ------------------------------------------------------------------------------------------------

DEFAULT_SURFACE = "elongated"
CONDITIONS = (1.0, 2.0, 5.0, 10.0, 20.0, 50.0, 100.0, 200.0, 500.0, 1000.0)
"""Condition numbers κ offered for the elongated bowl."""
DEFAULT_CONDITION = 20.0
STEPS = (10, 20, 50, 100, 200, 300, 500, 1000, 2000, 5000)
"""Numbers of steps offered per path."""
TOLERANCES = (0.1, 0.01, 0.001, 0.0001, 1e-06)
"""How close to the lowest minimum, J(w) − J*, counts as arrived."""
START_LIMIT = 10.0
"""Start sliders run over [−10, 10] on every surface (the widest view box)."""
START_STEP = 0.01
MAX_FRAMES = 100
"""Most animation frames: the positions are shown at about this many evenly spaced steps."""
MAX_EXTENT = 1e3
"""Positions farther than this many view-box sizes from the box count as gone (diverged)."""

SUGGESTED_RATES: dict[str, dict[str, float]] = {
    "elongated": {
        "gd": 0.07,
        "momentum": 0.07,
        "nesterov": 0.07,
        "adagrad": 2.0,
        "rmsprop": 0.2,
        "adam": 0.3,
    },
    "rosenbrock": {
        "gd": 0.001,
        "momentum": 0.007,
        "nesterov": 0.007,
        "adagrad": 0.5,
        "rmsprop": 0.01,
        "adam": 0.1,
    },
    "beale": {
        "gd": 0.02,
        "momentum": 0.03,
        "nesterov": 0.03,
        "adagrad": 1.0,
        "rmsprop": 0.05,
        "adam": 0.2,
    },
    "saddle": {
        "gd": 0.05,
        "momentum": 0.05,
        "nesterov": 0.05,
        "adagrad": 0.05,
        "rmsprop": 0.05,
        "adam": 0.05,
    },
    "monkey_saddle": {
        "gd": 0.005,
        "momentum": 0.005,
        "nesterov": 0.005,
        "adagrad": 0.05,
        "rmsprop": 0.01,
        "adam": 0.01,
    },
    "plateau": {
        "gd": 0.5,
        "momentum": 0.5,
        "nesterov": 0.5,
        "adagrad": 0.5,
        "rmsprop": 0.1,
        "adam": 0.1,
    },
    "himmelblau": {
        "gd": 0.01,
        "momentum": 0.01,
        "nesterov": 0.01,
        "adagrad": 0.5,
        "rmsprop": 0.05,
        "adam": 0.1,
    },
}
"""Learning rates that show each racer's character on each surface (every value is in RATES).
Choosing a surface on the page sets these."""


def default_start(surface: Surface) -> tuple[float, float]:
    """The surface's start on the sliders' 0.01 grid; an offset that would round to 0 (a start
    just off a saddle's ridge, such as w₂ = 0.001) becomes ±0.01 so it stays off the ridge."""
    start = []
    for value in surface.start:
        rounded = round(value / START_STEP) * START_STEP
        if rounded == 0.0 and value != 0.0:
            rounded = math.copysign(START_STEP, value)
        start.append(round(rounded, 2))
    return start[0], start[1]


def _start_setting(key: str, index: int, default: float) -> Setting:
    return Setting(
        key,
        f"Start w{'₁₂'[index]}",
        default,
        low=-START_LIMIT,
        high=START_LIMIT,
        step=START_STEP,
        help=f"Coordinate w{'₁₂'[index]} of the start w₀, shared by every optimizer. Choosing a "
        "surface resets it to the surface's start; click the contour plot to pick a point.",
    )


def page_settings(surface: str = DEFAULT_SURFACE) -> tuple[Setting, ...]:
    """The page's settings when ``surface`` is chosen: its start and suggested rates as defaults.

    Only the defaults depend on the surface (never a range or the options), so a URL that leaves
    a setting out means "this surface's default".
    """
    check_choice("surface", surface, SURFACES)
    start = default_start(make_surface(surface))
    return (
        Setting(
            "surface",
            "Surface J(w₁, w₂)",
            surface,
            "choice",
            options=tuple(SURFACES),
            help="The test function to minimize. Choosing one also sets its start and suggested "
            "learning rates.",
        ),
        Setting(
            "kappa",
            "Condition number κ",
            DEFAULT_CONDITION,
            options=CONDITIONS,
            help="Elongated bowl J = ½(w₁² + κ w₂²): κ is the ratio of the two curvatures.",
        ),
        _start_setting("w1", 0, start[0]),
        _start_setting("w2", 1, start[1]),
        Setting(
            "steps",
            "Steps",
            300,
            "int",
            options=STEPS,
            help="Updates per optimizer; the animation shows at most 100 of them.",
        ),
        Setting(
            "tol",
            "Arrived when J − J* ≤",
            0.001,
            options=TOLERANCES,
            help="An optimizer has arrived once J(w) is this close to the lowest minimum J*.",
        ),
        *racer_settings(SUGGESTED_RATES[surface]),
        Setting(
            "more",
            "Also Nesterov and AdaGrad",
            False,
            "bool",
            help="Race two more update rules (not in the course's lectures).",
        ),
        Setting(
            "view3d",
            "3-D view",
            False,
            "bool",
            help="Also draw the surface in 3-D with the paths on it (heavier to draw).",
        ),
    )


SETTINGS = page_settings()
"""The page's settings with the default surface's defaults."""
BY_KEY = settings_by_key(*SETTINGS)
SURFACE_KEYS = ("surface", "kappa", "w1", "w2", "steps", "tol")
RESET_KEYS = ("w1", "w2", *(LR_KEYS[name] for name in ALL_RACERS))
"""The settings a change of surface resets to the new surface's defaults."""


def settings_for(values: dict) -> dict[str, Setting]:
    """The page's settings by key, with the start and the rates at the defaults of the surface
    in ``values`` (the page resets them when the surface changes)."""
    return settings_by_key(*page_settings(values.get("surface", DEFAULT_SURFACE)))


def page_values(values: dict) -> dict:
    """Every page setting: valid ``values`` kept, the rest at the chosen surface's defaults."""
    surface = BY_KEY["surface"].coerce(values.get("surface", DEFAULT_SURFACE))
    return coerce_settings(settings_by_key(*page_settings(surface)), values)


def _check_values(values: dict) -> dict:
    if not isinstance(values, dict):
        raise ValueError(f"values must be a dict of page settings; got {type(values).__name__}")
    missing = [key for key in BY_KEY if key not in values]
    if missing:
        raise ValueError(f"values is missing the settings {', '.join(missing)}")
    return {key: setting.validate(values[key]) for key, setting in BY_KEY.items()}


def surface_of(values: dict) -> Surface:
    """The surface the page's ``values`` choose (with κ for the elongated bowl)."""
    values = _check_values(values)
    if values["surface"] == "elongated":
        return make_surface("elongated", condition=values["kappa"])
    return make_surface(values["surface"])


def racers_of(values: dict) -> tuple[str, ...]:
    """The optimizers raced: the course's four, plus Nesterov and AdaGrad if asked."""
    return ALL_RACERS if _check_values(values)["more"] else RACERS


def race(values: dict) -> dict[str, np.ndarray]:
    """Each racer's path w_0 … w_steps from the start (w1, w2): {name: array (steps + 1, 2)}.

    Every racer is a fresh optimizer (``racing.make_racer``) driven by ``optimizer_path``.
    """
    values = _check_values(values)
    surface = surface_of(values)
    start = (values["w1"], values["w2"])
    return {
        name: optimizer_path(surface, make_racer(name, values), start, values["steps"])
        for name in racers_of(values)
    }


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


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def race_report(
    summaries: list[PathSummary], tolerance: float, several_minima: bool = False
) -> list[str]:
    """What the race shows, one Markdown sentence per finding, from the numbers of this race.

    With minima: who arrives first (J − J* ≤ tolerance) and after how many steps, who is not
    there yet (final J and distance to the nearest minimum), who diverged. Without minima (the
    saddles, unbounded below): who escaped downhill first (left the plot), who is still stuck.
    With ``several_minima``, also which minimum each optimizer ended near.
    """
    tolerance = check_range("tolerance", tolerance, 0.0, 1e6, inclusive_low=False)
    if not summaries:
        raise ValueError("summaries must hold at least one PathSummary")
    has_minima = summaries[0].distance is not None
    steps = summaries[0].steps
    lines = []
    if has_minima:
        arrived = sorted((s for s in summaries if s.reached is not None), key=lambda s: s.reached)
        if arrived:
            best = arrived[0]
            others = ", ".join(f"{LABELS[s.name]} {s.reached}" for s in arrived[1:])
            line = (
                f"**{_capital(LABELS[best.name])}** arrives first: J − J* ≤ {tolerance:g} after "
                f"**{best.reached} steps**"
            )
            lines.append(line + (f" (then {others})." if others else "."))
        else:
            lines.append(f"No optimizer gets within J − J* ≤ {tolerance:g} in {steps} steps.")
        for s in arrived:
            gap = s.final_J - s.lowest
            if s.diverged_at is None and gap > tolerance:
                line = (
                    f"{_capital(LABELS[s.name])} got there at step {s.reached} but did not "
                    f"stay: it ends at J − J* = {gap:.2g}."
                )
                if s.name in ("rmsprop", "adam"):
                    line += (
                        " Near the minimum its steps stay about α long (dividing by √s cancels "
                        "the shrinking gradient), so it bounces around the minimum — a smaller "
                        "or decaying α would settle."
                    )
                lines.append(line)
        late = [s for s in summaries if s.reached is None and s.diverged_at is None]
        if late:
            text = "; ".join(
                f"{LABELS[s.name]} ends at J = {s.final_J:.3g}, {s.distance:.2g} from a minimum"
                for s in late
            )
            lines.append(f"Not there after {steps} steps: {text}.")
        if several_minima:
            text = ", ".join(
                f"{LABELS[s.name]} near ({s.nearest[0]:.2f}, {s.nearest[1]:.2f})"
                for s in summaries
                if s.diverged_at is None and s.nearest is not None
            )
            lines.append(f"Several minima: where each one ends depends on its path — {text}.")
        for s in summaries:
            if s.diverged_at is not None:
                lines.append(
                    f"**{_capital(LABELS[s.name])} diverged** (w overflowed at step "
                    f"{s.diverged_at}): its α is too large for this surface."
                )
        return lines
    escaped = sorted((s for s in summaries if s.left_box is not None), key=lambda s: s.left_box)
    if escaped:
        text = ", ".join(f"{LABELS[s.name]} at step {s.left_box}" for s in escaped)
        lines.append(f"Escaped downhill (left the plot, J → −∞): {text}.")
    stuck = [s for s in summaries if s.left_box is None]
    if stuck:
        text = ", ".join(f"{LABELS[s.name]} (J = {s.final_J:.3g})" for s in stuck)
        lines.append(f"Still on the plot after {steps} steps: {text}.")
    return lines


def race_rows(summaries: list[PathSummary], values: dict) -> list[dict[str, str]]:
    """One table row per optimizer, as text: its hyperparameters, when it arrived (— if never or
    without minima), the final J and w, the distance to the nearest minimum, and a note."""
    values = _check_values(values)
    tolerance = values["tol"]
    rows = []
    for s in summaries:
        if s.diverged_at is not None and s.distance is not None:
            note = f"diverged at step {s.diverged_at}"
        elif s.left_box is not None:
            note = f"left the plot at step {s.left_box}"
        else:
            note = ""
        rows.append(
            {
                "optimizer": LABELS[s.name],
                "hyperparameters": describe(s.name, values),
                f"steps to J − J* ≤ {tolerance:g}": "—" if s.reached is None else str(s.reached),
                "final J": f"{s.final_J:.4g}",
                "final (w₁, w₂)": f"({s.final_w[0]:.3g}, {s.final_w[1]:.3g})",
                "distance to nearest minimum": "—" if s.distance is None else f"{s.distance:.2g}",
                "note": note,
            }
        )
    return rows


@dataclass(frozen=True)
class BiasEffect:
    """Adam's first steps from the page's start with and without bias correction.

    ``corrected[t − 1]`` and ``uncorrected[t − 1]`` are the lengths ‖w_t − w_{t−1}‖ of step t;
    ``ratio_first`` is the constant-gradient prediction (1 − β₁)/√(1 − β₂) for step 1 and
    ``ratio_last`` the same (1 − β₁ᵗ)/√(1 − β₂ᵗ) at the last step raced.
    """

    corrected: np.ndarray
    uncorrected: np.ndarray
    ratio_first: float
    ratio_last: float


def adam_bias_effect(values: dict, count: int = 5) -> BiasEffect:
    """Run Adam ``count`` steps from the page's start both ways and measure the step lengths."""
    values = _check_values(values)
    count = check_int("count", count, 1, 1000)
    surface = surface_of(values)
    start = (values["w1"], values["w2"])
    lengths = {}
    for corrected in (True, False):
        path = optimizer_path(
            surface, make_racer("adam", values | {"bias": corrected}), start, count
        )
        lengths[corrected] = np.hypot(*np.diff(path, axis=0).T)
    return BiasEffect(
        corrected=lengths[True],
        uncorrected=lengths[False],
        ratio_first=adam_uncorrected_ratio(1, values["beta1"], values["beta2"]),
        ratio_last=adam_uncorrected_ratio(values["steps"], values["beta1"], values["beta2"]),
    )


def bias_report(effect: BiasEffect, values: dict) -> str:
    """What Adam's bias correction does to the first steps here, in words, from the measured
    step lengths (so "larger" or "smaller" is whatever this run shows)."""
    if not isinstance(effect, BiasEffect):
        raise ValueError(f"effect must be a BiasEffect; got {type(effect).__name__}")
    values = _check_values(values)
    first_c, first_u = float(effect.corrected[0]), float(effect.uncorrected[0])
    if not (math.isfinite(first_c) and math.isfinite(first_u)) or first_c == 0.0:
        return "Adam's first step could not be measured here (zero gradient or overflow)."
    ratio = first_u / first_c
    direction = "larger" if ratio > 1 else "smaller"
    text = (
        f"**Bias correction.** Adam's first step is {first_c:.3g} long with the correction and "
        f"{first_u:.3g} without: **{ratio:.2f}× {direction}**. v and s start at 0, so for a "
        "steady gradient v = (1 − β₁ᵗ) dW and s = (1 − β₂ᵗ) dW²; without correction the step "
        "v/√s is "
        f"(1 − β₁ᵗ)/√(1 − β₂ᵗ) = {effect.ratio_first:.2f}× the corrected one at t = 1 and "
        f"{effect.ratio_last:.2f}× at t = {values['steps']}."
    )
    if ratio > 1:
        text += (
            f" With β₂ = {values['beta2']:g}, s averages over about 1/(1 − β₂) = "
            f"{1 / (1 - values['beta2']):.0f} steps and is far more biased towards 0 than v, so "
            "dividing by a too-small √s makes the early steps too *big*, not too small."
        )
    else:
        text += " Here v is more biased towards 0 than √s, so the early steps are too small."
    return text


def gd_rate_note(surface: Surface, learning_rate: float) -> str | None:
    """For the elongated bowl: what gradient descent's α does across the valley, in words."""
    learning_rate = check_range("learning_rate", learning_rate, 0.0, 100.0, inclusive_low=False)
    limit = gd_stable_rate(surface)
    if limit is None:
        return None
    kappa = 2.0 / limit
    factor = 1.0 - learning_rate * kappa
    if math.isclose(factor, -1.0, abs_tol=1e-12):
        verdict = f"exactly −1: w₂ flips sign forever and never shrinks (α = 2/κ = {limit:.3g})"
    elif factor < -1.0:
        verdict = f"below −1: gradient descent diverges (α > 2/κ = {limit:.3g})"
    elif factor < 0.0:
        verdict = (
            f"negative, so gradient descent zig-zags across the valley (α > 1/κ = "
            f"{limit / 2:.3g}) but converges (α < 2/κ = {limit:.3g})"
        )
    else:
        verdict = (
            f"not negative, so gradient descent slides down without zig-zag "
            f"(α ≤ 1/κ = {limit / 2:.3g})"
        )
    return (
        f"**Why α matters here.** One gradient-descent step multiplies w₂ by 1 − ακ = "
        f"{factor:.2f} (α = {learning_rate:g}, κ = {kappa:g}): {verdict}. Along w₁ it multiplies "
        f"by 1 − α = {1 - learning_rate:.2f}, so a small α that is safe across the valley is slow "
        "along it."
    )


def measure(values: dict) -> dict[str, object]:
    """What the page shows for its settings, by name: for each racer (gd, momentum, rmsprop,
    adam, …) the step it first gets within J − J* ≤ tol ("<name>_reached"), leaves the plot
    ("<name>_left") or diverges ("<name>_diverged") — None if it never does; who arrives and who
    leaves the plot first ("first_reached", "first_left"; "anyone_reached", "anyone_left": whether
    anyone does); gradient descent's stable limit 2/κ
    ("gd_limit"); and Adam's first step without bias correction over the one with it
    ("bias_ratio")."""
    surface = surface_of(values)
    with np.errstate(over="ignore", invalid="ignore"):
        paths = race(values)
        summaries = [summarize(name, p, surface, values["tol"]) for name, p in paths.items()]
    shown: dict[str, object] = {}
    for s in summaries:
        shown |= {
            f"{s.name}_reached": s.reached,
            f"{s.name}_left": s.left_box,
            f"{s.name}_diverged": s.diverged_at,
        }
    for event in ("reached", "left"):
        done = [s for s in summaries if shown[f"{s.name}_{event}"] is not None]
        first = min(done, key=lambda s: shown[f"{s.name}_{event}"], default=None)
        shown[f"first_{event}"] = None if first is None else first.name
        shown[f"anyone_{event}"] = first is not None
    effect = adam_bias_effect(values)
    return shown | {
        "gd_limit": gd_stable_rate(surface),
        "bias_ratio": float(effect.uncorrected[0] / effect.corrected[0]),
    }
