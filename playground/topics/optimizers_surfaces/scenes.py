"""Optimizers on surfaces: the page's scenes and "try this" experiments, each result they state a
claim checked by running it (tests/test_scene_claims.py)."""

from __future__ import annotations

from playground.engine.claims import Claim
from playground.engine.scenes import Experiment, Scene

_BOWL_100 = (
    Claim("gd_limit", 0.02, 1e-12),
    Claim("gd_diverged", 5, 1),
    Claim("momentum_reached", 111, 1),
    Claim("rmsprop_reached", 64, 1),
    Claim("adam_reached", 82, 1),
    Claim("first_reached", "rmsprop"),
)
"""The race on the elongated bowl at κ = 100 (steps to J − J* ≤ 0.001)."""
_SADDLE_ADAPTIVE = (
    Claim("first_left", "rmsprop"),
    Claim("rmsprop_left", 21, 1),
    Claim("adam_left", 36, 1),
)
"""On the saddle, RMSprop and Adam leave the plot first (the step they leave it)."""

SCENES: tuple[Scene, ...] = (
    Scene(
        "ill-conditioned-bowl",
        "Ill-conditioned bowl",
        "κ = 100: gradient descent (α = 0.07 > 2/κ = {gd_limit:g}) diverges at once (step "
        "{gd_diverged}); momentum arrives in {momentum_reached} steps, RMSprop in "
        "{rmsprop_reached}, Adam in {adam_reached}.",
        {"surface": "elongated", "kappa": 100.0},
        _BOWL_100,
    ),
    Scene(
        "saddle",
        "Saddle",
        "Who leaves the plot first: RMSprop (step {rmsprop_left}) and Adam ({adam_left}), "
        "then gradient descent ({gd_left}) and momentum ({momentum_left}).",
        {"surface": "saddle"},
        (*_SADDLE_ADAPTIVE, Claim("gd_left", 56, 1), Claim("momentum_left", 90, 1)),
    ),
)
"""Presets that set every control of the page for one story of the course."""

TRY_THIS: tuple[Experiment, ...] = (
    Experiment(
        "On the elongated bowl, raise κ from 20 to 100 without touching α.",
        "Gradient descent (α = 0.07 > 2/κ = {gd_limit:g}) now diverges across the narrow "
        "valley (it arrived in {gd_at_20} steps at κ = 20). Momentum with the very same α "
        "still arrives ({momentum_reached} steps) — averaging the alternating gradients "
        "damps the zig-zag — and so does Adam ({adam_reached}), which divides each "
        "coordinate by its own √s.",
        {"surface": "elongated", "kappa": 100.0},
        (
            Claim("gd_reached", 74, 1, at={"kappa": 20.0}, name="gd_at_20"),
            Claim("gd_diverged", 5, 1),
            Claim("gd_limit", 0.02, 1e-12),
            Claim("momentum_reached", 111, 1),
            Claim("adam_reached", 82, 1),
        ),
    ),
    Experiment(
        "Choose the saddle and compare who leaves the plot first; then set Start w₂ to 0.",
        "Adaptive steps escape the flat ridge fastest (RMSprop at step {rmsprop_left}, Adam "
        "at {adam_left}). Exactly on the ridge (w₂ = 0) the gradient has no w₂ part, so "
        "every optimizer slides into the saddle point and stays.",
        {"surface": "saddle"},
        (
            *_SADDLE_ADAPTIVE,
            Claim("anyone_left", False, at={"w2": 0.0}, name="nobody_left"),
        ),
    ),
    Experiment(
        "Turn Adam bias correction off and look at the first steps (drag the step slider to 1–5).",
        "With β₁ = 0.9, β₂ = 0.999 the uncorrected first steps are about "
        "{bias_ratio:.1f}× longer, not shorter: s is more biased towards 0 than v.",
        {"bias": False},
        (Claim("bias_ratio", 3.16, 0.01),),
    ),
)
"""Guided experiments at the end of the page."""
