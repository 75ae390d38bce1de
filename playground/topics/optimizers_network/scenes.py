"""The Optimizers on the network page's scenes and "try this" experiments. Every result their
text states is a claim, checked by running it (tests/test_scene_claims.py)."""

from __future__ import annotations

from playground.engine.claims import ACCURACY, Claim, Measured
from playground.engine.scenes import Experiment, Question, Scene, scene_named
from playground.topics.optimizers_network import race

_RIVALS = {"gd": "Gradient descent", "adam": "Adam"}
"""The two optimizers the question of "Same α for all" sets against each other."""
_TIE = "They end level"
_LEVEL = 0.005
"""Costs closer than this count as level."""


def _lower_cost(measured: Measured) -> str:
    """Gradient descent or Adam, whichever ends with the lower training cost (level within
    ``_LEVEL``)."""
    gd, adam = measured["gd_cost"], measured["adam_cost"]
    if abs(gd - adam) < _LEVEL:
        return _TIE
    return _RIVALS["gd"] if gd < adam else _RIVALS["adam"]


def _why_cost(measured: Measured) -> str:
    """The four final costs, and how far each got towards halving its first cost."""
    names = {"gd": "gradient descent", "momentum": "momentum", "rmsprop": "RMSprop", "adam": "Adam"}
    costs = ", ".join(
        f"{label} {measured[f'{name}_cost']:.3f}"
        for name, label in names.items()
        if f"{name}_cost" in measured
    )
    halved = [
        f"{label} in {measured[f'{name}_half']}"
        for name, label in names.items()
        if measured.get(f"{name}_half") is not None
    ]
    text = f"Training cost after {measured['epochs']} epochs: {costs}."
    if halved:
        text += " Halved its first cost: " + ", ".join(halved) + " epochs."
    return text


LOWER_COST = Question(
    "lower-cost",
    "With the same α for both, which ends with the lower training cost: gradient descent or Adam?",
    (_RIVALS["gd"], _RIVALS["adam"], _TIE),
    _lower_cost,
    _why_cost,
    expected=_RIVALS["adam"],
    claims=(Claim("adam_cost", 0.142, 0.005), Claim("gd_cost", 0.568, 0.005)),
)
"""The question of "Same α for all": dividing by √s makes Adam's steps along small gradients
much larger than gradient descent's."""

_COURSE_RACE = (
    Claim("adam_train", 0.94, ACCURACY),
    Claim("gd_train", 0.72, ACCURACY),
    Claim("momentum_train", 0.72, ACCURACY),
)
"""What the course's optimization notebook (5 000 epochs) reports, and this app reproduces."""

SCENES: tuple[Scene, ...] = (
    Scene(
        "course-exercise",
        "Course exercise",
        "The notebook's current version (5 000 epochs, α = 0.0007): Adam {adam_train:.0%}, "
        "gradient descent and momentum {gd_train:.0%} train accuracy.",
        dict(race.COURSE_PRESET),
        _COURSE_RACE,
    ),
    Scene(
        "original-notebook",
        "Original notebook",
        "10 000 epochs, the version whose {gd_train:.1%} / {momentum_train:.1%} / "
        "{adam_train:.0%} (gradient descent / momentum / Adam) are usually quoted.",
        dict(race.COURSE_PRESET) | {"epochs": 10000},
        (
            Claim("gd_train", 0.797, 0.005),
            Claim("momentum_train", 0.797, 0.005),
            Claim("adam_train", 0.94, 0.005),
        ),
    ),
    Scene(
        "same-alpha",
        "Same α for all",
        "α = 0.01 for all four, 300 epochs: RMSprop {rmsprop_train:.0%} and Adam "
        "{adam_train:.0%} train accuracy, gradient descent and momentum {gd_train:.0%}.",
        {},
        (
            Claim("rmsprop_train", 0.94, ACCURACY),
            Claim("adam_train", 0.93, ACCURACY),
            Claim("gd_train", 0.71, ACCURACY),
            Claim("momentum_train", 0.71, ACCURACY),
        ),
        question=LOWER_COST,
    ),
)
"""Presets that set every control of the page for one story of the course."""

TRY_THIS: tuple[Experiment, ...] = (
    Experiment(
        "Press Start with the defaults (α = 0.01 for all four, 300 epochs).",
        "RMSprop and Adam halve their cost within {rmsprop_half} and {adam_half} epochs and "
        "end at {rmsprop_cost:.2f} and {adam_cost:.2f}; gradient descent and momentum are "
        "still at {gd_cost:.2f} and {momentum_cost:.2f}: with the same α, dividing by √s "
        "makes the steps along the small gradients much larger.",
        {},
        (
            Claim("rmsprop_half", 26, 2),
            Claim("adam_half", 28, 2),
            Claim("rmsprop_cost", 0.146, 0.005),
            Claim("adam_cost", 0.142, 0.005),
            Claim("gd_cost", 0.568, 0.005),
            Claim("momentum_cost", 0.569, 0.005),
        ),
    ),
    Experiment(
        "Choose the scene Course exercise (🎬 above the title), then Start (5 000 epochs, "
        "α = 0.0007).",
        "Adam reaches {adam_train:.0%} train accuracy while gradient descent and momentum "
        "are still at {gd_train:.0%}, the notebook's numbers. Momentum barely helps here: "
        "with a tiny α its averaged step is the same size as gradient descent's.",
        dict(race.COURSE_PRESET),
        scene_named(SCENES, "course-exercise").claims,
    ),
    Experiment(
        "After training, switch the landscape between pca and random directions.",
        "With principal directions the paths lie in the plane and follow its valleys; "
        "with random directions the same paths are mostly out of the plane.",
    ),
)
"""Guided experiments at the end of the page."""
