"""The Learning-rate decay page's scenes and "try this" experiments. Every result their text
states is a claim, checked by running it (tests/test_scene_claims.py)."""

from __future__ import annotations

from playground.engine.claims import Claim
from playground.engine.scenes import Experiment, Scene, scene_named

_TOO_FAST = (
    Claim("inverse_time_divisor_at_epoch_9", 10, 1e-9),
    Claim("inverse_time_cost", 0.145, 0.002),
    Claim("inverse_time_cost", 0.075, 0.002, at={"decay": 0.1}, name="cost_at_01"),
)
"""Inverse-time decay with decay rate 1 against 0.1 on the learning-rate decay page."""

SCENES: tuple[Scene, ...] = (
    Scene(
        "constant-vs-decay",
        "Constant vs decayed α",
        "α₀ = 1, mini-batches of 8: at the end the constant rate's mini-batch costs jump "
        "twice as much (std {constant_std:.2f}) as the decayed ones' ({inverse_time_std:.2f})"
        ".",
        {},
        (
            Claim("constant_std", 0.25, 0.01),
            Claim("inverse_time_std", 0.13, 0.01),
            Claim("exponential_std", 0.13, 0.01),
            Claim("piecewise_std", 0.13, 0.01),
        ),
    ),
    Scene(
        "decay-too-fast",
        "Decaying too fast",
        "Decay rate 1: inverse-time α is α₀/{inverse_time_divisor_at_epoch_9:.0f} by epoch 9 "
        "and its cost ends at {inverse_time_cost:.3f}, twice the {cost_at_01:.3f} of decay "
        "rate 0.1.",
        {"decay": 1.0},
        _TOO_FAST,
    ),
)
"""Presets that set every control of the page for one story of the course."""

TRY_THIS: tuple[Experiment, ...] = (
    Experiment(
        "Press Start with the defaults (α₀ = 1, mini-batches of 8).",
        "constant's cost keeps jumping to the end while the decayed ones flatten out: "
        "compare their std of J{{t}} over the last 10% of the mini-batches in the table "
        "({constant_std:.2f} against {inverse_time_std:.2f}, {exponential_std:.2f} and "
        "{piecewise_std:.2f}).",
        {},
        scene_named(SCENES, "constant-vs-decay").claims,
    ),
    Experiment(
        "Set the decay rate to 1 and press Start.",
        "inverse_time's α = α₀/(1 + epoch_num) is α₀/{inverse_time_divisor_at_epoch_9:.0f} "
        "by epoch 9: the cost then creeps down and ends higher than with 0.1 "
        "({inverse_time_cost:.3f} against {cost_at_01:.3f}) — decaying too fast wastes the "
        "epochs.",
        {"decay": 1.0},
        scene_named(SCENES, "decay-too-fast").claims,
    ),
    Experiment(
        "Type your own manual schedule, e.g. 30:0.3, 60:0.03, 80:0.003.",
        "Each drop of α makes the cost step down and calm down: the course's manual "
        "decay, done by watching the curve.",
        {"pw": "30:0.3, 60:0.03, 80:0.003"},
        (
            Claim("piecewise_rate", 0.003, 1e-12),
            Claim("piecewise_std", relation="<", than="constant_std"),
            Claim("piecewise_cost", relation="<", than="constant_cost"),
        ),
    ),
)
"""Guided experiments at the end of the page."""
