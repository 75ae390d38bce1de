"""The "Optimizers on surfaces" page: its settings (a surface, a start, each racer's α and β's),
the race of gradient descent, momentum, RMSprop and Adam (and optionally Nesterov and AdaGrad)
from one start, and what the race shows in words. The surfaces, the paths and their summaries
are the engine's (:mod:`playground.engine.surfaces`); each racer's update rule and settings are
:mod:`playground.engine.racing`'s.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from playground.engine.config import (
    Setting,
    check_choice,
    check_int,
    check_range,
    check_settings,
    coerce_settings,
    settings_by_key,
)
from playground.engine.optim import Optimizer, WeightTrace
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
from playground.engine.surfaces import (
    SURFACES,
    PathSummary,
    Surface,
    gd_stable_rate,
    make_surface,
    optimizer_path,
    summarize,
)

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


def surface_of(values: dict) -> Surface:
    """The surface the page's ``values`` choose (with κ for the elongated bowl)."""
    values = check_settings(BY_KEY, values)
    if values["surface"] == "elongated":
        return make_surface("elongated", condition=values["kappa"])
    return make_surface(values["surface"])


def racers_of(values: dict) -> tuple[str, ...]:
    """The optimizers raced: the course's four, plus Nesterov and AdaGrad if asked."""
    return ALL_RACERS if check_settings(BY_KEY, values)["more"] else RACERS


def race(values: dict) -> dict[str, np.ndarray]:
    """Each racer's path w_0 … w_steps from the start (w1, w2): {name: array (steps + 1, 2)}.

    Every racer is a fresh optimizer (``racing.make_racer``) driven by ``optimizer_path``.
    """
    values = check_settings(BY_KEY, values)
    surface = surface_of(values)
    start = (values["w1"], values["w2"])
    with np.errstate(over="ignore", invalid="ignore"):  # a diverging racer is a lesson
        return {
            name: optimizer_path(surface, make_racer(name, values), start, values["steps"])
            for name in racers_of(values)
        }


COORDINATES = {"w₁": 0, "w₂": 1}
"""The weights the equations can follow: the surface's two coordinates, by shown name."""


def traced_race(values: dict, name: str, coordinate: str) -> tuple[Optimizer, WeightTrace]:
    """Racer ``name`` run as in :func:`race`, watching the weight ``coordinate`` ("w₁" or "w₂"):
    the optimizer after the race and what each of its updates did to that weight."""
    values = check_settings(BY_KEY, values)
    check_choice("name", name, racers_of(values))
    check_choice("coordinate", coordinate, COORDINATES)
    optimizer = make_racer(name, values)
    trace = optimizer.watch("w", (COORDINATES[coordinate],))
    with np.errstate(over="ignore", invalid="ignore"):
        optimizer_path(surface_of(values), optimizer, (values["w1"], values["w2"]), values["steps"])
    return optimizer, trace


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
    values = check_settings(BY_KEY, values)
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
    values = check_settings(BY_KEY, values)
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
    values = check_settings(BY_KEY, values)
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
