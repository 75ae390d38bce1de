"""The priorities page's scenes and "try this" experiments. Every result their text states is a
claim, checked by running the sweeps (tests/test_scene_claims.py)."""

from __future__ import annotations

from playground.engine.claims import Claim
from playground.engine.scenes import Experiment, Scene

SPREAD = 0.03
"""Tolerance of a claimed spread of the final dev cost."""

ALPHA_FIRST = (
    Claim("first", "α"),
    Claim("spread_learning_rate", 0.64, SPREAD),
    Claim("place_beta1", 6, relation=">"),
    Claim("place_beta2", 6, relation=">"),
    Claim("place_epsilon", 6, relation=">"),
)
"""On the default moons: α moves J_dev most; Adam's β₁, β₂, ε take the last three places."""

SCENES: tuple[Scene, ...] = (
    Scene(
        "lecture-order",
        "α first, Adam's β's last",
        "On noisy moons α moves the final dev cost by {spread_learning_rate:.2f}, more than any "
        "other; Adam's β₁, β₂ and ε take the last three places.",
        {},
        ALPHA_FIRST,
    ),
    Scene(
        "spiral",
        "Another data set, another order",
        "On the spiral, α is {first} again (spread {spread_learning_rate:.2f}), and momentum's β "
        "climbs to place {place_beta}.",
        {"ds": "spiral"},
        (
            Claim("first", "α"),
            Claim("spread_learning_rate", 1.74, 0.1),
            Claim("place_beta", 2),
        ),
    ),
    Scene(
        "short-budget",
        "A short training budget",
        "With only 20 epochs the mini-batch size moves to place {place_batch_size}: large "
        "mini-batches take too few steps in so short a training.",
        {"epochs": 20},
        (Claim("place_batch_size", 2), Claim("first", "α")),
    ),
)
"""Presets that set every control of the page for one story of the lecture."""

TRY_THIS: tuple[Experiment, ...] = (
    Experiment(
        "Read the ranked bars, then the lecture's order beside them.",
        "{first} comes first: its sweep moves the final dev cost by {spread_learning_rate:.2f}. "
        "Adam's β₁, β₂ and ε, which the lecture says you almost never tune, are the last three.",
        {},
        ALPHA_FIRST,
    ),
    Experiment(
        "Switch the data set to spiral.",
        "α stays first, but momentum's β jumps to place {place_beta}: the order below α "
        "depends on the problem.",
        {"ds": "spiral"},
        (Claim("first", "α"), Claim("place_beta", 2)),
    ),
    Experiment(
        "Set Epochs to 20.",
        "The mini-batch size climbs to place {place_batch_size}: with a short budget, how many "
        "steps an epoch takes matters more. Re-test the ranking whenever the budget changes.",
        {"epochs": 20},
        (Claim("place_batch_size", 2), Claim("first", "α")),
    ),
)
"""Guided experiments at the end of the page."""
