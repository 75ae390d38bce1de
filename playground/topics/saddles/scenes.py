"""The Local optima, saddles, plateaus page's scenes and "try this" experiments. Every result
their text states is a claim, checked by running it (tests/test_scene_claims.py)."""

from __future__ import annotations

from playground.engine.claims import Claim
from playground.engine.scenes import Experiment, Scene, scene_named

_NEAR_THE_RIDGE = (
    Claim("gd_escaped", 74, 1),
    Claim("momentum_escaped", 136, 1),
    Claim("rmsprop_escaped", 5, 1),
    Claim("adam_escaped", 12, 1),
)
"""Steps to escape the saddle from w₂ = 1e-6."""
_PLATEAU_AT_3 = (
    Claim("gd_escaped", 145, 2),
    Claim("momentum_escaped", 168, 2),
    Claim("gd_last_step", 1.83, 0.01),
    Claim("momentum_last_step", 0.001, relation="<"),
    Claim("gd_final", 0.14, 0.01),
    Claim("momentum_final", -0.2, 0.001),
)
"""Gradient descent and momentum at α = 3 on the plateau."""

SCENES: tuple[Scene, ...] = (
    Scene(
        "near-the-ridge",
        "Start near the ridge",
        "w₂ = 1e-6: gradient descent and momentum v = βv + (1 − β)dW wait on the ridge "
        "(they escape after {gd_escaped} and {momentum_escaped} steps); RMSprop and Adam "
        "leave at once ({rmsprop_escaped} and {adam_escaped}).",
        {"surface": "saddle", "w2": 1e-06},
        _NEAR_THE_RIDGE,
    ),
    Scene(
        "plateau",
        "Crossing a plateau",
        "α = 3 for gradient descent and momentum: they cross (after {gd_escaped} and "
        "{momentum_escaped} steps), only momentum v = βv + (1 − β)dW settles — gradient "
        "descent still jumps {gd_last_step:.1f} per step.",
        {"surface": "plateau", "lr_gd": 3.0, "lr_momentum": 3.0},
        _PLATEAU_AT_3,
    ),
)
"""Presets that set every control of the page for one story of the course."""

TRY_THIS: tuple[Experiment, ...] = (
    Experiment(
        "On the saddle, set Start w₂ to 1e-06, then to 0.1.",
        "Gradient descent and momentum need many more steps the closer they start to the "
        "ridge ({gd_escaped} and {momentum_escaped} steps from 0.1, {gd_near} and "
        "{momentum_near} from 1e-06); RMSprop and Adam escape in about the same few steps "
        "from anywhere ({rmsprop_escaped} and {adam_escaped}, then {rmsprop_near} and "
        "{adam_near}).",
        {"surface": "saddle", "w2": 0.1},
        (
            Claim("gd_escaped", 11, 1),
            Claim("momentum_escaped", 25, 1),
            Claim("rmsprop_escaped", 4, 1),
            Claim("adam_escaped", 11, 1),
            Claim("gd_escaped", 74, 1, at={"w2": 1e-06}, name="gd_near"),
            Claim("momentum_escaped", 136, 1, at={"w2": 1e-06}, name="momentum_near"),
            Claim("rmsprop_escaped", 5, 1, at={"w2": 1e-06}, name="rmsprop_near"),
            Claim("adam_escaped", 12, 1, at={"w2": 1e-06}, name="adam_near"),
        ),
    ),
    Experiment(
        "Choose the plateau and compare the two momentum rows of the table with 1/(1 − β).",
        "With (1 − β) momentum steps like gradient descent on the flat part (step ÷ α‖dW‖ "
        "{momentum_step_ratio:.2f}); without it, 1/(1 − β) times farther "
        "({momentum_sum_step_ratio:.1f}). Set β to 0.99 and the gap widens towards "
        "1/(1 − 0.99): v = βv + dW builds up over about 1/(1 − β) steps, steps "
        "{sum_ratio_099:.0f}× farther while stalled and crosses the plateau after "
        "{sum_escaped_099} steps, while v = βv + (1 − β)dW is still on it (J = "
        "{average_final_099:.2f}).",
        {"surface": "plateau"},
        (
            Claim("momentum_step_ratio", 1.0, 0.01),
            Claim("momentum_sum_step_ratio", 9.7, 0.1),
            Claim("momentum_sum_step_ratio", 36, 1, at={"beta": 0.99}, name="sum_ratio_099"),
            Claim("momentum_sum_escaped", 139, 2, at={"beta": 0.99}, name="sum_escaped_099"),
            Claim("momentum_final", 0.98, 0.01, at={"beta": 0.99}, name="average_final_099"),
        ),
    ),
    Experiment(
        "Choose the plateau, then raise α of gradient descent and of momentum to 3.",
        "Both now cross the plateau (in {gd_escaped} and {momentum_escaped} steps), but "
        "gradient descent bounces across the basin and never settles (J stays at "
        "{gd_final:.2f}) while momentum v = βv + (1 − β)dW reaches the minimum J = "
        "{momentum_final:.1f}: damping oscillations is what momentum is good at.",
        {"surface": "plateau", "lr_gd": 3.0, "lr_momentum": 3.0},
        scene_named(SCENES, "plateau").claims,
    ),
    Experiment(
        "Set Random Hessians per n to 30000 and the largest dimension to 10.",
        "About {minima_4} minima at n = 4 and a handful ({minima_5}) at n = 5, none from "
        "n = {none_from} on: each step from n to n + 1 divides the share by about "
        "{drop_1:.1f}, {drop_2:.0f}, {drop_3:.0f}, … — far more than the coin flips' 2.",
        {"samples": 30000, "nmax": 10},
        (
            Claim("minima_4", 71, 5),
            Claim("minima_5", 4, 3),
            Claim("none_from", 6),
            Claim("drop_1", 3.5, 0.1),
            Claim("drop_2", 5.8, 0.3),
            Claim("drop_3", 10.5, 0.5),
        ),
    ),
)
"""Guided experiments at the end of the page."""
