"""The Vanishing / exploding gradients page's scenes and "try this" experiments. Every result
their text states is a claim, checked by running it (tests/test_scene_claims.py)."""

from __future__ import annotations

from playground.engine.claims import Claim
from playground.engine.scenes import Experiment, Scene

SCENES: tuple[Scene, ...] = (
    Scene(
        "exploding",
        "Exploding",
        "W = 1.5·I in 30 layers: the signal grows like 1.5^L, ×{forward:,.0f} from layer 1 "
        "to the last.",
        {"depth": 30, "a": 1.5},
        (Claim("forward", 85_223, 850), Claim("backward", 85_223, 850)),
    ),
    Scene(
        "vanishing",
        "Vanishing",
        "W = 0.5·I: the signal and the gradients fade like 0.5^L, ×{forward:.1e} from layer "
        "1 to the last.",
        {"depth": 30, "a": 0.5},
        (Claim("forward", 3.7e-9, 0.04e-9), Claim("backward", 3.7e-9, 0.04e-9)),
    ),
    Scene(
        "xavier-for-linear",
        "Match the init to g",
        "With g(z) = z Xavier keeps the signal flat (×{xavier_forward:.2f} per layer) and He "
        "grows ×√2 per layer (×{he_forward:.2f}).",
        {"act": "linear"},
        (Claim("xavier_forward", 1.0, 0.01), Claim("he_forward", 1.41, 0.01)),
    ),
)
"""Presets that set every control of the page for one story of the course."""

TRY_THIS: tuple[Experiment, ...] = (
    Experiment(
        "In part 1 move a from 1.5 to 1.0, then to 0.5; then raise L to 50.",
        "The blue line tilts from up to flat to down, and the red one mirrors it: 1.5^L "
        "explodes (×{forward:,.0f}), 0.5^L vanishes (×{vanished:.1e}), and only a = 1 "
        "keeps the signal (×{kept:.0f}). With 50 layers 1.5^L grows to ×{deeper:.1e}.",
        {"a": 1.5},
        (
            Claim("forward", 85_223, 850),
            Claim("forward", 1.0, 0.001, at={"a": 1.0}, name="kept"),
            Claim("backward", 1.0, 0.001, at={"a": 1.0}, name="kept_back"),
            Claim("forward", 3.7e-9, 0.04e-9, at={"a": 0.5}, name="vanished"),
            Claim("forward", 2.83e8, 0.03e8, at={"depth": 50}, name="deeper"),
        ),
    ),
    Experiment(
        "Switch the activation from relu to linear.",
        "With ReLU, He's line is the flattest (×{he_relu:.2f} per layer) and Xavier loses "
        "about a third per layer (×{xavier_relu:.2f}; ×1/√2 in theory); with g(z) = z it "
        "flips: Xavier is flat (×{xavier_forward:.2f}) and He grows ×√2 per layer "
        "(×{he_forward:.2f}). Var(W) has to match the activation.",
        {"act": "linear"},
        (
            Claim("he_forward", 0.92, 0.01, at={"act": "relu"}, name="he_relu"),
            Claim("xavier_forward", 0.65, 0.01, at={"act": "relu"}, name="xavier_relu"),
            Claim("xavier_forward", 1.0, 0.01),
            Claim("he_forward", 1.41, 0.01),
        ),
    ),
    Experiment(
        "Set the random init scale to 1, then 0.1, with ReLU and n = 16.",
        "Scale 1 is far above √(2/16) ≈ 0.35 and explodes (×{random_forward:.1f} per "
        "layer); 0.1 is below it and vanishes (×{scale_01:.2f}). Switch the gradient shown "
        "to dW: its lines are flat, but at very different heights.",
        {"act": "relu", "width": 16, "iscale": 1.0},
        (
            Claim("random_forward", 2.6, 0.05),
            Claim("random_forward", 0.26, 0.01, at={"iscale": 0.1}, name="scale_01"),
        ),
    ),
)
"""Guided experiments at the end of the page."""
