"""The Train / dev / test sets page's scenes and "try this" experiments. Every result their text
states is a claim, checked by running it (tests/test_scene_claims.py)."""

from __future__ import annotations

from playground.engine.claims import ACCURACY, Claim
from playground.engine.scenes import Experiment, Scene

SCENES: tuple[Scene, ...] = (
    Scene(
        "big-data-split",
        "A million examples",
        "At m = 1 000 000 a 1 % dev set holds {modern_dev:,} examples and measures a "
        "{reference_error:.0%} error to ±{modern_margin:.2%}: 98/1/1 is plenty.",
        {"m": 1_000_000, "devp": 1.0, "testp": 1.0},
        (
            Claim("modern_dev", 10_000),
            Claim("reference_error", 0.05),
            Claim("modern_margin", 0.0043, 0.00005),
        ),
    ),
    Scene(
        "rotated-dev-set",
        "Dev set from another distribution",
        "The dev set is rotated 90°: same-distribution dev error stays low "
        "({dev_error:.0%}), the shifted one climbs to {shifted_error:.0%}.",
        {"shift": "rotate", "angle": 90},
        (Claim("dev_error", 0.0, ACCURACY), Claim("shifted_error", 0.85, ACCURACY)),
    ),
)
"""Presets that set every control of the page for one story of the course."""

TRY_THIS: tuple[Experiment, ...] = (
    Experiment(
        "Slide Examples m to 1000000, then down to 1000, and watch the modern 98/1/1 row.",
        "At a million examples its dev set holds {modern_dev:,} examples and measures a "
        "{reference_error:.0%} error to ±{modern_margin:.2%}: plenty. At a thousand it "
        "holds {dev_1000} (±{margin_1000:.0%}) — useless, so small data keeps 60/20/20.",
        {"m": 1_000_000},
        (
            Claim("modern_dev", 10_000),
            Claim("reference_error", 0.05),
            Claim("modern_margin", 0.0043, 0.00005),
            Claim("modern_dev", 10, at={"m": 1000}, name="dev_1000"),
            Claim("modern_margin", 0.14, 0.005, at={"m": 1000}, name="margin_1000"),
        ),
    ),
    Experiment(
        "Set the rotation to 0°, then raise it 15° at a time.",
        "At 0° both dev errors agree ({shifted_0:.0%}). As the angle grows the shifted dev "
        "error climbs — {shifted_15:.1%} at 15°, {shifted_error:.0%} at 45° — while the "
        "same-distribution one does not move ({dev_error:.0%}): that dev set would never "
        "warn you.",
        {"shift": "rotate", "angle": 45},
        (
            Claim("shifted_error", 0.0, ACCURACY, at={"angle": 0}, name="shifted_0"),
            Claim("dev_error", 0.0, ACCURACY, at={"angle": 0}, name="dev_0"),
            Claim("shifted_error", 0.025, 0.01, at={"angle": 15}, name="shifted_15"),
            Claim("shifted_error", 0.49, ACCURACY),
            Claim("dev_error", 0.0, ACCURACY),
        ),
    ),
    Experiment(
        "Choose shift = noise and set its noise to the training noise, then raise it.",
        "Equal noise is no shift at all ({shifted_same:.0%} shifted dev error, like the "
        "same-distribution dev set's {dev_error:.0%}). Noisier dev data costs errors even "
        "with the right boundary ({shifted_error:.0%} at noise 0.3) — some of them no "
        "model can avoid (Bayes error).",
        {"shift": "noise", "dnoise": 0.3},
        (
            Claim("shifted_error", 0.0, ACCURACY, at={"dnoise": 0.1}, name="shifted_same"),
            Claim("dev_error", 0.0, ACCURACY),
            Claim("shifted_error", 0.05, ACCURACY),
        ),
    ),
)
"""Guided experiments at the end of the page."""
