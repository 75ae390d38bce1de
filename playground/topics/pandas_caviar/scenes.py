"""The Pandas vs caviar page's scenes and "try this" experiments. Every result their text states
is a claim, checked by running it (tests/test_scene_claims.py)."""

from __future__ import annotations

from playground.engine.claims import Claim
from playground.engine.scenes import Experiment, Scene

_WIDE = {"lr_lo": 1e-05, "lr_hi": 10.0}
"""A wide range of α for the caviar models."""

SCENES: tuple[Scene, ...] = (
    Scene(
        "panda",
        "Panda",
        "Babysit one model: start, watch, change α as it trains.",
        {},
    ),
    Scene(
        "caviar",
        "Caviar",
        "64 models in parallel, one α each: keep the best.",
        {"models": 64},
    ),
)
"""Presets that set every control of the page for one story of the course."""

TRY_THIS: tuple[Experiment, ...] = (
    Experiment(
        "Press Start on the panda and wait for 30 epochs; then move α from 0.001 to 0.01.",
        "A dashed line marks the change and the cost falls much faster from there on: the "
        "run keeps its weights and Adam's averages, only the step size changed.",
        {"lr": 0.01},
    ),
    Experiment(
        "Now set α to 1 for a few ticks, then back to 0.01.",
        "The cost jumps up and the curve turns noisy: a babysitter sees this at once and "
        "backs off. Compare your final dev cost with caviar's best (the dotted grey "
        "line).",
        {"lr": 0.01},
    ),
    Experiment(
        "Set Models in parallel to 64 (Caviar, in the sidebar).",
        "More α's tried in one batched computation: {learned} of 64 get their dev cost "
        "below {learned_level:g} and {diverged} diverge in this α range, and the best one "
        "ends lower than the best of 24 (dev cost {best_dev_cost:.3f} against "
        "{best_of_24:.3f}). Widen the range to 0.00001 … 10 and fewer learn "
        "({learned_wide} of 64): more curves stay flat (α too small) or stall high (α too "
        "large) — none diverges, Adam's steps stay about α long.",
        {"models": 64},
        (
            Claim("learned", 55, 2),
            Claim("learned_level", 0.6),
            Claim("diverged", 0),
            Claim("best_dev_cost", 0.153, 0.005),
            Claim("best_dev_cost", 0.192, 0.005, at={"models": 24}, name="best_of_24"),
            Claim("learned", 36, 2, at=_WIDE, name="learned_wide"),
            Claim("diverged", 0, at=_WIDE, name="diverged_wide"),
        ),
    ),
)
"""Guided experiments at the end of the page."""
