"""The Playground page's scenes and "try this" experiments. Every result their text states is a
claim, checked by running it (tests/test_scene_claims.py)."""

from __future__ import annotations

from playground.engine.claims import ACCURACY, Claim
from playground.engine.diagnose import HIGH_BIAS, HIGH_VARIANCE, STARTING_TO_OVERFIT
from playground.engine.scenes import Experiment, Scene

_LEAKY_SPIRAL = {"ds": "spiral", "act": "leaky_relu"}
"""The Playground's gradient descent at α = 10 on a data set and activation that diverge."""

SCENES: tuple[Scene, ...] = (
    Scene(
        "high-bias",
        "High bias",
        "A linear model (0 hidden layers) on 3 spiral arms: train {train:.0%}, dev {dev:.0%} "
        "— too simple a model ({verdict}); make the network bigger.",
        {"ds": "spiral", "C": 3, "layers": 0, "epochs": 300},
        (
            Claim("train", 0.53, ACCURACY),
            Claim("dev", 0.53, ACCURACY),
            Claim("verdict", HIGH_BIAS),
        ),
    ),
    Scene(
        "high-variance",
        "High variance",
        "50 noisy moons, 3 layers of 40 units, 2000 epochs: train {train:.0%}, dev {dev:.0%} "
        "— {verdict}: regularize or get more data.",
        {
            "ds": "moons",
            "n": 50,
            "noise": 0.3,
            "layers": 3,
            "h1": 40,
            "h2": 40,
            "h3": 40,
            "epochs": 2000,
        },
        (
            Claim("train", 1.0, ACCURACY),
            Claim("dev", 0.87, ACCURACY),
            Claim("verdict", HIGH_VARIANCE),
        ),
    ),
    Scene(
        "zeros-init",
        "Zeros initialization",
        "Every weight starts at 0: the symmetry is never broken, train {train:.0%}, dev "
        "{dev:.0%} — a coin flip.",
        {"init": "zeros", "epochs": 300},
        (Claim("train", 0.52, ACCURACY), Claim("dev", 0.45, ACCURACY)),
    ),
)
"""Presets that set every control of the page for one story of the course."""

TRY_THIS: tuple[Experiment, ...] = (
    Experiment(
        "Set Initialization to zeros and press Start.",
        "The boundary stays a straight line or nothing at all: every unit of a layer "
        "learns the same thing (symmetry is never broken).",
    ),
    Experiment(
        "Choose spiral with 0 hidden layers, then 2 layers of 20 units.",
        "A linear model can't follow the arms ({linear_verdict}, dev {linear_dev:.0%}); a "
        "bigger network fixes it (dev {dev:.0%}) — and, trained on, its dev cost climbs "
        "back from {rise_from:.2f} to {rise_to:.2f}: {verdict}.",
        {"ds": "spiral", "layers": 2, "h1": 20, "h2": 20},
        (
            Claim("verdict", HIGH_BIAS, at={"layers": 0}, name="linear_verdict"),
            Claim("dev", 0.53, ACCURACY, at={"layers": 0}, name="linear_dev"),
            Claim("dev", 0.97, ACCURACY),
            Claim("verdict", STARTING_TO_OVERFIT),
            Claim("rise_from", 0.059, 0.005),
            Claim("rise_to", 0.148, 0.01),
        ),
    ),
    Experiment(
        "Choose moons with 50 examples and noise 0.3, then 3 layers of 40 units and 2000 epochs.",
        "Train accuracy climbs to {train:.0%} while dev accuracy falls behind ({dev:.0%}): "
        "{verdict}. Now raise L2 λ or lower keep_prob and compare the dev cost.",
        {"ds": "moons", "n": 50, "noise": 0.3, "layers": 3, "h1": 40, "h2": 40, "h3": 40}
        | {"epochs": 2000},
        (
            Claim("train", 1.0, ACCURACY),
            Claim("dev", 0.87, ACCURACY),
            Claim("verdict", HIGH_VARIANCE),
        ),
    ),
    Experiment(
        "Set the optimizer to gd (gradient descent) and the learning rate to 10.",
        "The run does not diverge: the first huge steps (the cost peaks at {cost_peak:.2f} "
        "in epoch {peak_epoch}) kill every unit of the last hidden ReLU layer ({dead_units} "
        "of {last_units}), so the network answers one class everywhere (train {train:.0%}, "
        "dev {dev:.0%}: that class's shares) and the cost then bounces between about "
        "{late_cost_low:.1f} and {late_cost_high:.1f} without learning. Now choose spiral "
        "and leaky ReLU, whose units cannot die: the weights overflow in epoch "
        "{diverged_in} and the run stops as diverged, keeping the {kept} epoch before it.",
        {"opt": "gd", "lr": 10.0},
        (
            Claim("status", "completed"),
            Claim("epochs", 300),
            Claim("cost_peak", 1.85, 0.02),
            Claim("peak_epoch", 2),
            Claim("dead_units", 5),
            Claim("last_units", 5),
            Claim("classes_predicted", 1),
            Claim("train", 0.48, ACCURACY),
            Claim("dev", 0.55, ACCURACY),
            Claim("late_cost_low", 0.68, 0.02),
            Claim("late_cost_high", 1.46, 0.03),
            Claim("status", "diverged", at=_LEAKY_SPIRAL, name="leaky_status"),
            Claim("diverged_in", 2, at=_LEAKY_SPIRAL),
            Claim("epochs", 1, at=_LEAKY_SPIRAL, name="kept"),
        ),
    ),
)
"""Guided experiments at the end of the page."""
