"""The Mini-batch gradient descent page's scenes and "try this" experiments. Every result their
text states is a claim, checked by running it (tests/test_scene_claims.py)."""

from __future__ import annotations

from playground.engine.claims import ACCURACY, Claim
from playground.engine.scenes import Experiment, Scene

SCENES: tuple[Scene, ...] = (
    Scene(
        "batch-vs-minibatch-vs-sgd",
        "Batch vs mini-batch vs SGD",
        "20 epochs at α = 0.1: SGD ends at cost {sgd_cost:.2f}, mini-batches of 32 at "
        "{mini_cost:.2f}, batch gradient descent at {batch_cost:.2f} — more updates per "
        "epoch, noisier costs.",
        {"bs": "32", "lr": 0.1, "epochs": 20},
        (
            Claim("sgd_cost", 0.13, 0.01),
            Claim("mini_cost", 0.26, 0.01),
            Claim("batch_cost", 0.38, 0.01),
            Claim("sgd_spread", relation=">", than="mini_spread"),
            Claim("mini_spread", relation=">", than="batch_spread"),
        ),
    ),
    Scene(
        "sgd-too-fast",
        "SGD with a large α",
        "α = 1: batch gradient descent speeds up (cost {batch_cost:.2f}), SGD is stuck at "
        "{sgd_cost:.2f} and {sgd_train:.0%}: too large a step for single examples.",
        {"bs": "32", "lr": 1.0, "epochs": 20},
        (
            Claim("batch_cost", 0.26, 0.01),
            Claim("sgd_cost", 0.77, 0.01),
            Claim("sgd_train", 0.52, ACCURACY),
        ),
    ),
)
"""Presets that set every control of the page for one story of the course."""

TRY_THIS: tuple[Experiment, ...] = (
    Experiment(
        "Set the mini-batch size to 8, press Start, then try 256.",
        "With 8 the mini-batch costs scatter widely around the epoch cost (std "
        "{spread_8:.2f} in the last epoch); with 256 the run is almost batch gradient "
        "descent: {mini_updates} updates per epoch and a smooth (std {mini_spread:.2f}) but "
        "slow cost ({mini_cost:.2f} after 20 epochs, against {cost_8:.2f}).",
        {"bs": "256"},
        (
            Claim("mini_spread", 0.19, 0.01, at={"bs": "8"}, name="spread_8"),
            Claim("mini_cost", 0.21, 0.01, at={"bs": "8"}, name="cost_8"),
            Claim("mini_updates", 2),
            Claim("mini_spread", 0.03, 0.01),
            Claim("mini_cost", 0.32, 0.01),
        ),
    ),
    Experiment(
        "Raise the learning rate α to 1.",
        "Batch gradient descent gets faster (cost {batch_cost:.2f} after 20 epochs, "
        "against {batch_slow:.2f}), but SGD's path jumps around w* (it ends "
        "{sgd_distance:.2f} from it, the mini-batches {mini_distance:.2f}) and its cost "
        "stays noisy: a fixed α is too large for single examples (see learning-rate decay).",
        {"lr": 1.0},
        (
            Claim("batch_cost", 0.26, 0.01),
            Claim("batch_cost", 0.38, 0.01, at={"lr": 0.1}, name="batch_slow"),
            Claim("sgd_distance", 0.71, 0.02),
            Claim("mini_distance", 0.01, 0.01),
            Claim("sgd_spread", 0.41, 0.02),
        ),
    ),
    Experiment(
        "Set Examples to 2000 and press Start.",
        "SGD now makes {sgd_updates:,} updates per epoch and its time per epoch grows with "
        "m, while batch gradient descent stays fast per epoch — but still makes only "
        "{batch_updates} step.",
        {"n": 2000},
        (Claim("sgd_updates", 1400), Claim("batch_updates", 1)),
    ),
)
"""Guided experiments at the end of the page."""
