"""The Frameworks page's scenes and "try this" experiments. Every result their text states is a
claim, checked by running it (tests/test_scene_claims.py)."""

from __future__ import annotations

import math

from playground.engine.claims import Claim
from playground.engine.scenes import Experiment, Scene, scene_named

_EXPONENTIAL_COST = (Claim("w_end", 2 * math.log(4), 0.001), Claim("slope_end", 0.0, 1e-6))
"""Gradient descent with α = 1 on J = e^(w/2) − 2w, minimized at w = 2 ln 4."""
_ADAM_ON_THE_COURSE_COST = (
    Claim("first_step", 0.5, 0.01),
    Claim("minimum", 5.0),
    Claim("w_end", 5.0, 0.05),
    Claim("last_step", 0.06, 0.01),
)
"""Adam with α = 0.5 on the course's J = (w − 5)²."""

SCENES: tuple[Scene, ...] = (
    Scene(
        "exponential-cost",
        "An exponential cost",
        "e^(w/2) − 2w with gradient descent, α = 1: w settles at {w_end:.2f} = 2 ln 4.",
        {"cost": "exponential", "jopt": "gd", "jlr": 1.0},
        _EXPONENTIAL_COST,
    ),
    Scene(
        "adam-on-the-course-cost",
        "Adam on the course's cost",
        "Adam with α = 0.5: first steps of length ≈ α ({first_step:.2f}), then it slows down "
        "near w = {minimum:g} (last step {last_step:.2f}).",
        {"cost": "course", "jopt": "adam", "jlr": 0.5},
        _ADAM_ON_THE_COURSE_COST,
    ),
)
"""Presets that set every control of the page for one story of the course."""

TRY_THIS: tuple[Experiment, ...] = (
    Experiment(
        "Pick the exponential cost and gradient descent with α = 1.",
        "No derivative was written for e^(w/2) − 2w: the tape applies d(eˣ)/dx = eˣ and "
        "the chain rule, and w settles at {w_end:.2f} = 2 ln 4.",
        {"cost": "exponential", "jopt": "gd", "jlr": 1.0},
        scene_named(SCENES, "exponential-cost").claims,
    ),
    Experiment(
        "Switch the optimizer to adam with α = 0.5 on the course's cost.",
        "Adam's first steps have length ≈ α ({first_step:.2f}) whatever the gradient's "
        "size, then it slows down near w = {minimum:g} — the same class the networks train "
        "with.",
        {"cost": "course", "jopt": "adam", "jlr": 0.5},
        scene_named(SCENES, "adam-on-the-course-cost").claims,
    ),
    Experiment(
        "In part 2, raise the epochs to 1000.",
        "Both reach similar dev accuracy; the wall-time ratio shows what Python overhead "
        "per step costs when the network is this small.",
    ),
)
"""Guided experiments at the end of the page."""
