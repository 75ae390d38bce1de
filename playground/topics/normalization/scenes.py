"""The Normalizing inputs page's scenes and "try this" experiments. Every result their text
states is a claim, checked by running it (tests/test_scene_claims.py)."""

from __future__ import annotations

from playground.engine.claims import Claim
from playground.engine.scenes import Experiment, Scene

SCENES: tuple[Scene, ...] = (
    Scene(
        "raw-vs-standardized",
        "Raw vs standardized",
        "x₁ 100× larger than x₂: at α = 1 the raw path bounces out, the standardized one "
        "converges in {std_steps} steps.",
        {"ratio": 100, "lr": 1.0},
        (
            Claim("raw_overshoots", True),
            Claim("raw_converged", False),
            Claim("std_steps", 18, 2),
        ),
    ),
    Scene(
        "small-alpha-crawls",
        "A safe α crawls",
        "α = 0.003 stops the raw path bouncing, and then it crawls along the valley: still "
        "{raw_gap:.2f} above the minimum cost after 5000 steps.",
        {"ratio": 100, "lr": 0.003, "steps": 5000},
        (
            Claim("raw_overshoots", False),
            Claim("raw_converged", False),
            Claim("raw_gap", 0.095, 0.005),
        ),
    ),
)
"""Presets that set every control of the page for one story of the course."""

TRY_THIS: tuple[Experiment, ...] = (
    Experiment(
        "Lower the learning rate α step by step until the raw path stops bouncing.",
        "It only settles once α is below 2/λ_max of the raw cost (≈ {raw_max_rate:.1g} at "
        "scale 100) — and then it crawls: it does not reach the minimum within 5000 steps, "
        "while the standardized cost converged in {std_steps} steps at α = 1.",
        {"lr": 0.003, "steps": 5000},
        (
            Claim("raw_max_rate", 0.0037, 0.0002),
            Claim("raw_overshoots", False),
            Claim("raw_converged", False),
            Claim("raw_overshoots", True, at={"lr": 0.01}, name="overshoots_at_001"),
            Claim("std_steps", 18, 2, at={"lr": 1.0}),
        ),
    ),
    Experiment(
        "Set the scale of x₁ to 1, then 10, 100, 1000.",
        "The standardized map never changes (κ = {std_kappa:.1f} at every scale); the raw "
        "valley gets thinner in proportion to the scale: √κ = {stretch_10:.0f}, "
        "{stretch_100:.0f}, {raw_stretch:.0f}. Even at scale 1 the raw cost is tilted and "
        "stretched (√κ = {stretch_1:.1f}): x is not zero-centred.",
        {"ratio": 1000},
        (
            Claim("std_kappa", 1.98, 0.01),
            Claim("std_kappa", 1.98, 0.01, at={"ratio": 1}, name="std_kappa_1"),
            Claim("raw_stretch", 3.5, 0.1, at={"ratio": 1}, name="stretch_1"),
            Claim("raw_stretch", 19, 1, at={"ratio": 10}, name="stretch_10"),
            Claim("raw_stretch", 187, 2, at={"ratio": 100}, name="stretch_100"),
            Claim("raw_stretch", 1872, 20),
        ),
    ),
    Experiment(
        "Set the dev-set shift to 0, then to 0.75.",
        "With no shift the dev set's own μ, σ are close to the training ones and few "
        "predictions change ({changed_0:.0%}); with a shifted dev set many do "
        "({dev_changed:.0%}).",
        {"devshift": 0.75},
        (
            Claim("dev_changed", 0.02, 0.01, at={"devshift": 0.0}, name="changed_0"),
            Claim("dev_changed", 0.28, 0.02),
        ),
    ),
)
"""Guided experiments at the end of the page."""
