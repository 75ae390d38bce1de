"""The Batch normalization page's scenes and "try this" experiments. Every result their text
states is a claim, checked by running it (tests/test_scene_claims.py)."""

from __future__ import annotations

from playground.engine.claims import ACCURACY, Claim
from playground.engine.scenes import Experiment, Scene, scene_named

_BN_AT_3 = (
    Claim("plain_first_cost", 13.1, 0.5),
    Claim("plain_lowest_cost", 0.69, 0.01),
    Claim("plain_cost", 0.69, 0.01),
    Claim("plain_reading", "stuck"),
    Claim("plain_dev", 0.45, ACCURACY),
    Claim("bn_cost", 0.085, 0.003),
    Claim("bn_reading", "trains"),
    Claim("bn_dev", 0.98, ACCURACY),
)
"""Gradient descent at α = 3 on the batch-norm page, without and with batch norm."""

SCENES: tuple[Scene, ...] = (
    Scene(
        "bn-trains-at-large-alpha",
        "Batch norm at α = 3",
        "Gradient descent, α = 3: without batch norm the first steps throw the network off "
        "(first-epoch cost {plain_first_cost:.0f}) and its cost then stays at ln 2 ≈ 0.69 "
        "(dev {plain_dev:.0%}); with it the cost falls to {bn_cost:.3f} ({bn_dev:.0%} dev).",
        {"opt": "gd", "lr": 3.0},
        _BN_AT_3,
    ),
    Scene(
        "small-alpha",
        "Both at α = 0.1",
        "With α = 0.1 both networks train: {plain_dev:.0%} dev each.",
        {"opt": "gd", "lr": 0.1},
        (
            Claim("plain_dev", 0.98, ACCURACY),
            Claim("bn_dev", 0.98, ACCURACY),
            Claim("plain_cost", 0.1, relation="<"),
            Claim("bn_cost", 0.1, relation="<"),
        ),
    ),
)
"""Presets that set every control of the page for one story of the course."""

TRY_THIS: tuple[Experiment, ...] = (
    Experiment(
        "Set α = 3 (gradient descent) and press Start.",
        "Without BN the first steps throw the network off (first-epoch cost "
        "{plain_first_cost:.0f}) and its cost then stays at ln 2 ≈ 0.69 (dev "
        "{plain_dev:.0%}); with BN it falls to {bn_cost:.3f} ({bn_dev:.0%} dev). Then set "
        "α = 0.1 and Start again: now both train ({plain_dev_01:.0%} dev each).",
        {"opt": "gd", "lr": 3.0},
        (
            *scene_named(SCENES, "bn-trains-at-large-alpha").claims,
            Claim("plain_dev", 0.98, ACCURACY, at={"lr": 0.1}, name="plain_dev_01"),
            Claim("bn_dev", 0.98, ACCURACY, at={"lr": 0.1}, name="bn_dev_01"),
        ),
    ),
    Experiment(
        "Look at the histograms, then set the activation to tanh and Start.",
        "Without BN the spread of z grows over training (σ {plain_z_start:.1f} → "
        "{plain_z_end:.1f}); with BN z̃ stays put (σ {bn_z_tilde_start:.1f} → "
        "{bn_z_tilde_end:.1f}) and only γ, β move it — that is the 'less covariate shift' "
        "of the course.",
        {"act": "tanh"},
        (
            Claim("plain_z_start", 0.8, 0.05),
            Claim("plain_z_end", 2.4, 0.05),
            Claim("bn_z_tilde_start", 1.0, 0.05),
            Claim("bn_z_tilde_end", 1.0, 0.05),
        ),
    ),
    Experiment(
        "Turn on Compare batch 8 vs 256.",
        "The train − dev gaps differ by little ({gap_8:.1%} and {gap_256:.1%}): batch "
        "norm's regularization is slight.",
        {"gap": True},
        (Claim("gap_8", 0.013, 0.005), Claim("gap_256", 0.017, 0.005)),
    ),
)
"""Guided experiments at the end of the page."""
