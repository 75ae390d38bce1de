"""The Initialization page's scenes and "try this" experiments. Every result their text states is
a claim, checked by running it (tests/test_scene_claims.py)."""

from __future__ import annotations

from playground.engine.claims import ACCURACY, Claim, Measured
from playground.engine.scenes import Experiment, Question, Scene, scene_named
from playground.topics.initialization import model

_STARTS = {
    "zeros": "A symmetric start (zeros or constant)",
    "constant": "A symmetric start (zeros or constant)",
    "random": "Random × scale",
    "xavier": "Xavier",
    "he": "He",
}
_NONE = "None of them"
_NAMES = {
    "zeros": "zeros",
    "constant": "constant",
    "random": "random × scale",
    "xavier": "Xavier",
    "he": "He",
}


def _reaching(measured: Measured) -> dict[str, int | None]:
    """The first epoch each start's dev accuracy reached the target, by start (None: never)."""
    keys = {init: f"{init}_reaches" for init in model.INITS}
    return {init: measured[key] for init, key in keys.items() if key in measured}


def _first(measured: Measured) -> str:
    """The start whose dev accuracy reached the target first (the first listed on a tie)."""
    reached = {init: epoch for init, epoch in _reaching(measured).items() if epoch is not None}
    if not reached:
        return _NONE
    return _STARTS[min(reached, key=reached.get)]


def _why(measured: Measured) -> str:
    """Each start's epoch of reaching the target, fastest first, and where the others ended."""
    reaching = _reaching(measured)
    target = f"{model.TARGET_DEV:.0%} dev accuracy"
    reached = sorted((e, init) for init, e in reaching.items() if e is not None)
    parts = [f"{_NAMES.get(init, init)} at epoch {epoch}" for epoch, init in reached]
    never = [init for init, e in reaching.items() if e is None]
    text = f"Reached {target}: " + ("; ".join(parts) if parts else "none") + "."
    if never:
        ends = ", ".join(f"{_NAMES.get(i, i)} {measured[f'{i}_dev']:.0%}" for i in never)
        text += f" Never in {measured['epochs']} epochs (dev accuracy at the end): {ends}."
    if len(reached) > 1 and reached[0][0] == reached[1][0]:
        text += " The first two tie: dev accuracy is measured every few epochs."
    return text


FIRST_TO_90 = Question(
    "first-to-90",
    f"Which start reaches {model.TARGET_DEV:.0%} dev accuracy first?",
    (*dict.fromkeys(_STARTS.values()), _NONE),
    _first,
    _why,
    expected="He",
    claims=(
        Claim("he_reaches", 400, 20),
        Claim("xavier_reaches", 564, 20),
        Claim("random_dev", model.TARGET_DEV, relation="<"),
    ),
)
"""The question of the scene "Too large": the right scale, not only randomness, makes He fast."""

_COURSE_INIT = (
    Claim("he_train", 0.993, 0.005),
    Claim("he_dev", 0.96, ACCURACY),
    Claim("random_train", 0.83, ACCURACY),
    Claim("random_dev", 0.86, ACCURACY),
    Claim("zeros_train", 0.50, ACCURACY),
    Claim("zeros_dev", 0.50, ACCURACY),
)
"""What the course's initialization notebook reports, and this app reproduces."""

SCENES: tuple[Scene, ...] = (
    Scene(
        "course-exercise",
        "Course exercise",
        "The notebook's settings (15 000 epochs): He {he_train:.0%} / {he_dev:.0%}, random × "
        "10 {random_train:.0%} / {random_dev:.0%}, zeros {zeros_train:.0%}.",
        dict(model.COURSE_PRESET),
        _COURSE_INIT,
    ),
    Scene(
        "too-large",
        "Too large",
        "Random × 50: a first cost of {random_first_cost:.0f} and a run stuck at "
        "{random_train:.0%}, while Xavier and He reach {he_dev:.0%} dev.",
        {"iscale": 50.0},
        (
            Claim("random_first_cost", 17.3, 0.1),
            Claim("random_train", 0.50, ACCURACY),
            Claim("random_dev", 0.50, ACCURACY),
            Claim("xavier_dev", 0.96, ACCURACY),
            Claim("he_dev", 0.96, ACCURACY),
        ),
        question=FIRST_TO_90,
    ),
    Scene(
        "constant-start",
        "Constant start",
        "W = {start_constant:g} everywhere: the weights move, but layer 1's "
        "{constant_units} units stay one line ({constant_dev:.0%} dev).",
        {"sym": "constant"},
        (
            Claim("start_constant", 0.5),
            Claim("constant_moved", 0.0, relation=">"),
            Claim("constant_units", 10),
            Claim("constant_distinct", 1),
            Claim("constant_dev", 0.57, ACCURACY),
        ),
    ),
)
"""Presets that set every control of the page for one story of the course."""

TRY_THIS: tuple[Experiment, ...] = (
    Experiment(
        "Choose the scene Course exercise (🎬 above the title), then Start (15 000 "
        "epochs: a few seconds).",
        "He reaches {he_train:.1%} train / {he_dev:.0%} dev, random × 10 only "
        "{random_train:.0%} / {random_dev:.0%}, zeros {zeros_train:.0%}: the numbers of the "
        "course's notebook.",
        dict(model.COURSE_PRESET),
        scene_named(SCENES, "course-exercise").claims,
    ),
    Experiment(
        "Set Symmetric start to constant and press Start.",
        "Unlike zeros, the weights do move — but the {constant_units} lines of layer 1 "
        "stay one line: equal units get equal gradients, so they can never become "
        "different.",
        {"sym": "constant"},
        (
            Claim("constant_moved", 0.0, relation=">"),
            Claim("constant_units", 10),
            Claim("constant_distinct", 1),
        ),
    ),
    Experiment(
        "Set the random init scale to 50, press Start; then to 0.01 and Start again.",
        "Too large: the first cost is huge ({random_first_cost:.0f}) and the run ends "
        "stuck at {random_train:.0%}. Too small: signal and gradients fade layer by layer, "
        "the cost stays at ln 2 ≈ 0.69. Xavier and He pick the scale from n[l−1] for you.",
        {"iscale": 50.0},
        (
            Claim("random_first_cost", 17.3, 0.1),
            Claim("random_train", 0.50, ACCURACY),
            Claim("random_first_cost", 0.6931, 0.0005, at={"iscale": 0.01}, name="small_first"),
            Claim("random_cost", 0.6931, 0.0005, at={"iscale": 0.01}, name="small_last"),
        ),
    ),
)
"""Guided experiments at the end of the page."""
