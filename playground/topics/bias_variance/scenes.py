"""The Bias and variance page's scenes and "try this" experiments. Every result their text states
is a claim, checked by running it (tests/test_scene_claims.py)."""

from __future__ import annotations

from playground.engine.claims import ACCURACY, Claim
from playground.engine.diagnose import FINE, HIGH_BIAS, HIGH_VARIANCE
from playground.engine.scenes import Experiment, Scene

SCENES: tuple[Scene, ...] = (
    Scene(
        "bias-and-variance",
        "High bias vs high variance",
        "Small nets: train {small_train:.0%}, dev {small_dev:.0%} ({small_verdict}). The "
        "64-unit net: train {large_train:.0%}, dev {large_dev:.0%} ({large_verdict}); λ = 0.7 "
        "lifts its dev to {large_reg_dev:.0%}.",
        {},
        (
            Claim("small_train", 0.90, ACCURACY),
            Claim("small_dev", 0.85, ACCURACY),
            Claim("small_verdict", HIGH_BIAS),
            Claim("small_reg_train", 0.90, ACCURACY),
            Claim("small_reg_dev", 0.85, ACCURACY),
            Claim("small_reg_verdict", HIGH_BIAS),
            Claim("large_train", 0.99, ACCURACY),
            Claim("large_dev", 0.93, ACCURACY),
            Claim("large_verdict", HIGH_VARIANCE),
            Claim("large_reg_dev", 0.96, ACCURACY),
        ),
    ),
    Scene(
        "more-data",
        "More data cures variance",
        "2000 examples: the big net's gap shrinks to train {large_train:.0%}, dev "
        "{large_dev:.0%} without λ; the small one stays at {small_train:.0%} train.",
        {"n": 2000},
        (
            Claim("large_train", 0.98, ACCURACY),
            Claim("large_dev", 0.97, ACCURACY),
            Claim("small_train", 0.87, ACCURACY),
            Claim("small_verdict", HIGH_BIAS),
        ),
    ),
    Scene(
        "dropout-for-variance",
        "Dropout on bias and on variance",
        "keep_prob 0.5: the big net's dev rises {large_dev:.0%} → {large_reg_dev:.0%}, the "
        "small net's falls {small_dev:.0%} → {small_reg_dev:.0%}.",
        {"reg": "dropout", "kp": 0.5},
        (
            Claim("large_dev", 0.93, ACCURACY),
            Claim("large_reg_dev", 0.95, ACCURACY),
            Claim("small_dev", 0.85, ACCURACY),
            Claim("small_reg_dev", 0.80, ACCURACY),
        ),
    ),
)
"""Presets that set every control of the page for one story of the course."""

TRY_THIS: tuple[Experiment, ...] = (
    Experiment(
        "Press Start and read the table row by row.",
        "The small networks stay far above the Bayes error whatever λ is (high bias: make "
        "the network bigger). The large one fits the training set but not the dev set "
        "({large_verdict}); λ = 0.7 brings its dev error down (dev {large_dev:.0%} → "
        "{large_reg_dev:.0%}).",
        {},
        (
            Claim("small_verdict", HIGH_BIAS),
            Claim("small_reg_verdict", HIGH_BIAS),
            Claim("large_verdict", HIGH_VARIANCE),
            Claim("large_dev", 0.93, ACCURACY),
            Claim("large_reg_dev", 0.96, ACCURACY),
        ),
    ),
    Experiment(
        "Raise Examples to 2000 (keep λ = 0.7) and press Start again.",
        "The large network's variance shrinks even without regularization (its train − dev "
        "gap falls from {large_gap:.0%} to {gap_2000:.0%}) — more data is the first remedy "
        "for variance — while the small one's bias does not move (train {small_train:.0%} "
        "→ {small_train_2000:.0%}, {small_verdict}).",
        {},
        (
            Claim("large_gap", 0.06, ACCURACY),
            Claim("large_gap", 0.01, ACCURACY, at={"n": 2000}, name="gap_2000"),
            Claim("small_train", 0.90, ACCURACY),
            Claim("small_train", 0.87, ACCURACY, at={"n": 2000}, name="small_train_2000"),
            Claim("small_verdict", HIGH_BIAS, at={"n": 2000}),
        ),
    ),
    Experiment(
        "Switch Regularization to dropout and compare keep_prob 0.95 with 0.5.",
        "At 0.95 the large network still overfits ({verdict_095}); at 0.5 it is "
        "{large_reg_verdict}. The small network only gets worse (dev {small_dev:.0%} → "
        "{small_reg_dev:.0%}): it has bias to fix, no variance for dropout to cure.",
        {"reg": "dropout", "kp": 0.5},
        (
            Claim("large_reg_verdict", HIGH_VARIANCE, at={"kp": 0.95}, name="verdict_095"),
            Claim("large_reg_verdict", FINE),
            Claim("small_dev", 0.85, ACCURACY),
            Claim("small_reg_dev", 0.80, ACCURACY),
        ),
    ),
)
"""Guided experiments at the end of the page."""
