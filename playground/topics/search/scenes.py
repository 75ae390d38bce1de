"""The Hyperparameter search page's scenes and "try this" experiments. Every result their text
states is a claim, checked by running it (tests/test_scene_claims.py)."""

from __future__ import annotations

from playground.engine.claims import ACCURACY, Claim
from playground.engine.scenes import Experiment, Question, Scene
from playground.topics.search import outcome

BETTER_TRIAL = Question(
    "better-trial",
    "Same budget, α and β₁ searched: whose best trial has the higher dev accuracy?",
    (outcome.SAMPLERS["random"], outcome.SAMPLERS["grid"], outcome.TIE),
    outcome.verdict,
    outcome.compare_text,
    expected=outcome.SAMPLERS["random"],
    claims=(
        Claim("random_best_dev", 0.989, ACCURACY),
        Claim("grid_best_dev", 0.90, ACCURACY),
    ),
)
"""The question of "Grid wastes trials": only α matters here, and the grid tries few α."""

SCENES: tuple[Scene, ...] = (
    Scene(
        "grid-wastes-trials",
        "Grid wastes trials",
        "16 trials over α and β₁, 10 epochs each, on the spiral: the grid tries "
        "{grid_distinct_lr} values of α and its best trial reaches {grid_best_dev:.1%} dev; "
        "random search tries {random_distinct_lr} and reaches {random_best_dev:.1%}. Only α "
        "matters here: the grid repeats each of its few α with another β₁, which changes "
        "little.",
        {
            "sampler": "both",
            "lr_on": True,
            "beta1_on": True,
            "trials": 16,
            "epochs": 10,
            "ds": "spiral",
        },
        (
            Claim("grid_distinct_lr", 4),
            Claim("random_distinct_lr", 16),
            Claim("grid_best_dev", 0.90, ACCURACY),
            Claim("random_best_dev", 0.989, ACCURACY),
        ),
        question=BETTER_TRIAL,
    ),
    Scene(
        "random-on-a-log-scale",
        "Random on a log scale",
        "α sampled uniformly on a linear scale: {random_top_decade} of 25 trials land in "
        "[0.1, 1], almost none below.",
        {"sampler": "random", "lr_on": True, "beta1_on": False, "lr_sc": "linear"},
        (Claim("random_top_decade", 22, 2), Claim("random_below_001", 0)),
    ),
    Scene(
        "units-on-a-uniform-scale",
        "Units and layers on a uniform scale",
        "The lecture's example: hidden units between 50 and 100 and hidden layers between 2 "
        "and 4 drawn uniformly (linear scale), α on a log scale. 'The scale of each searched "
        "hyperparameter' shows why uniform is fine for the first two and not for α.",
        {
            "sampler": "random",
            "lr_on": True,
            "beta1_on": False,
            "units_on": True,
            "units_lo": 50,
            "units_hi": 100,
            "units_sc": "linear",
            "layers_on": True,
            "layers_lo": 2,
            "layers_hi": 4,
            "layers_sc": "linear",
            "epochs": 50,
        },
        (
            Claim("units_uniform_even", True),
            Claim("layers_uniform_even", True),
            Claim("lr_uniform_even", False),
        ),
    ),
)
"""Presets that set every control of the page for one story of the course."""

TRY_THIS: tuple[Experiment, ...] = (
    Experiment(
        "Press Start with the defaults (α and β₁, 25 trials, both samplers).",
        "The grid tries only {grid_distinct_lr} learning rates, random search "
        "{random_distinct_lr}. α decides most of the dev accuracy and β₁ hardly matters, "
        "so random search explores what counts.",
        {},
        (Claim("grid_distinct_lr", 5), Claim("random_distinct_lr", 25)),
    ),
    Experiment(
        "When the search is done, press Zoom in (twice).",
        "Each round samples 25 new trials inside a smaller box around the best ones: the "
        "points crowd where dev accuracy is high (coarse to fine).",
    ),
    Experiment(
        "Set the scale of α to linear and press Start.",
        "Almost every random trial ({random_top_decade} of 25) has α in [0.1, 1] and "
        "{random_below_001} lie below 0.01 — the whole range 0.0001 … 0.01 goes untried, as "
        "the bar chart of 'Sampling on the right scale' predicts ({top_uniform:.0%} of "
        "uniform samples in [0.1, 1]).",
        {"lr_sc": "linear"},
        (
            Claim("random_top_decade", 22, 2),
            Claim("random_below_001", 0),
            Claim("top_uniform", 0.88, 0.01),
        ),
    ),
)
"""Guided experiments at the end of the page."""
