"""The Softmax page's scenes and "try this" experiments. Every result their text states is a
claim, checked by running it (tests/test_scene_claims.py)."""

from __future__ import annotations

from playground.engine.claims import ACCURACY, Claim
from playground.engine.scenes import Experiment, Scene, scene_named

_FIVE_ARMS = (
    Claim("first_cost", 1.64, 0.01),
    Claim("dev", 0.96, ACCURACY),
    Claim("worst_true", 4),  # arm 4 starts at 16 mod 2π ≈ 3.4 rad, arm 1 at 4 rad: neighbours
    Claim("worst_predicted", 1),
)
"""Softmax on five spiral arms."""

SCENES: tuple[Scene, ...] = (
    Scene(
        "three-classes",
        "Three spiral arms",
        "C = 3: three probability maps, a loss that starts at log 3 ≈ 1.10 (first epoch: "
        "{first_cost:.2f}) and ends near 0 ({cost:.3f}, {dev:.0%} dev).",
        {"ds": "spiral", "C": 3},
        (
            Claim("first_cost", 1.08, 0.01),
            Claim("cost", 0.005, 0.002),
            Claim("dev", 0.98, ACCURACY),
        ),
    ),
    Scene(
        "five-classes",
        "Five classes",
        "C = 5: the loss starts at log 5 ≈ 1.61 (first epoch: {first_cost:.2f}); {dev:.0%} "
        "dev, neighbouring arms mixed up (most often arm {worst_true} taken for arm "
        "{worst_predicted}).",
        {"ds": "spiral", "C": 5},
        _FIVE_ARMS,
    ),
    Scene(
        "two-classes-is-logistic",
        "Two classes",
        "C = 2: the two maps are mirror images and softmax equals the sigmoid.",
        {"ds": "spiral", "C": 2},
        (Claim("sigma_gap", 1e-12, relation="<"), Claim("sigmoid_gap", 1e-12, relation="<")),
    ),
)
"""Presets that set every control of the page for one story of the course."""

TRY_THIS: tuple[Experiment, ...] = (
    Experiment(
        "Press Start, then move the worked-example slider across the dev points.",
        "Confident points have one a_j near 1 and a loss near 0; points between arms "
        "split the probability and cost more. A wrong prediction costs −log of a small "
        "a_true.",
    ),
    Experiment(
        "Set Classes to 5 and Start again.",
        "Five maps, five regions; the loss starts at log 5 ≈ 1.61 instead of log 3 ≈ "
        "1.10 (first epoch: {first_cost:.2f} against {first_cost_3:.2f}), and the "
        "confusion matrix shows which neighbouring arms get mixed up (arm {worst_true} "
        "taken for arm {worst_predicted} most often).",
        {"ds": "spiral", "C": 5},
        (
            *scene_named(SCENES, "five-classes").claims,
            Claim("first_cost", 1.08, 0.01, at={"C": 3}, name="first_cost_3"),
        ),
    ),
    Experiment(
        "Set Classes to 2 and Start.",
        "The two probability maps are mirror images (a₀ = 1 − a₁) and the softmax map "
        "equals the sigmoid one up to rounding: with two classes softmax is logistic "
        "regression.",
        {"ds": "spiral", "C": 2},
        scene_named(SCENES, "two-classes-is-logistic").claims,
    ),
)
"""Guided experiments at the end of the page."""
