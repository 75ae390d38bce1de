"""The Regularization page's scenes and "try this" experiments. Every result their text states is
a claim, checked by running it (tests/test_scene_claims.py)."""

from __future__ import annotations

from playground.engine.claims import ACCURACY, Claim, Measured
from playground.engine.scenes import Experiment, Question, Scene

_L2 = {"reg": "L2"}
_UNREGULARIZED = (Claim("none_train", 1.0, ACCURACY), Claim("none_dev", 0.73, ACCURACY))
_BIG_NET = {"layers": 3, "h1": 64, "h2": 64, "h3": 64}

_RISES, _FALLS, _LEVEL = "It rises", "It falls", "It stays level"
_POINT = 0.01
"""Dev accuracies closer than one point count as level."""


def _dev_moves(measured: Measured) -> str:
    """Does the regularized run's dev accuracy rise, fall or stay level against the
    unregularized run's?"""
    change = measured["dev"] - measured["none_dev"]
    if abs(change) < _POINT:
        return _LEVEL
    return _RISES if change > 0 else _FALLS


def _why_dev(measured: Measured) -> str:
    """Both runs' train and dev accuracy, and what the gap says."""
    text = (
        f"Without regularization: train {measured['none_train']:.0%}, dev "
        f"{measured['none_dev']:.0%}. With it: train {measured['train']:.0%}, dev "
        f"{measured['dev']:.0%}."
    )
    if measured["train"] < measured["none_train"] and measured["dev"] > measured["none_dev"]:
        return text + " It gave up training accuracy to generalize better: less variance."
    if measured["dev"] < measured["none_dev"] - _POINT:
        return text + " Too strong: it underfits (high bias)."
    return text


DEV_MOVES = Question(
    "dev-moves",
    "The same network, regularized: what happens to its dev accuracy?",
    (_RISES, _FALLS, _LEVEL),
    _dev_moves,
    _why_dev,
    expected=_RISES,
    claims=(Claim("dev", 0.82, ACCURACY), Claim("none_dev", 0.73, ACCURACY)),
)
"""The question of "L2 fixes it" (λ = 3): regularizing trades training fit for dev accuracy."""

SCENES: tuple[Scene, ...] = (
    Scene(
        "overfitting",
        "Overfitting",
        "λ = 0: both runs are the same network — train {train:.0%}, dev {dev:.0%}: high variance.",
        _L2 | {"l2": 0.0},
        (Claim("identical", True), Claim("train", 1.0, ACCURACY), Claim("dev", 0.73, ACCURACY)),
    ),
    Scene(
        "l2-fixes-it",
        "L2 fixes it",
        "λ = 3 shrinks the weights: train {train:.0%}, dev {dev:.0%} against "
        "{none_train:.0%} / {none_dev:.0%} without.",
        _L2 | {"l2": 3.0},
        (
            Claim("weight_norm", relation="<", than="none_weight_norm"),
            Claim("train", 0.86, ACCURACY),
            Claim("dev", 0.82, ACCURACY),
            *_UNREGULARIZED,
        ),
        question=DEV_MOVES,
    ),
    Scene(
        "dropout-fixes-it",
        "Dropout fixes it",
        "keep_prob 0.6 in every layer: a noisier training cost, train {train:.0%}, dev "
        "{dev:.0%} against {none_train:.0%} / {none_dev:.0%}.",
        _BIG_NET | {"reg": "dropout", "kp1": 0.6, "kp2": 0.6, "kp3": 0.6},
        (
            Claim("jitter", relation=">", than="none_jitter"),
            Claim("train", 0.88, ACCURACY),
            Claim("dev", 0.80, ACCURACY),
            *_UNREGULARIZED,
        ),
    ),
    Scene(
        "early-stopping",
        "Early stopping",
        "Stop 50 epochs after the best dev cost, keep those weights: train {train:.0%}, dev "
        "{dev:.0%} against {none_train:.0%} / {none_dev:.0%}.",
        {"reg": "early-stopping", "es": 50},
        (
            Claim("status", "early_stopping"),
            Claim("train", 0.81, ACCURACY),
            Claim("dev", 0.82, ACCURACY),
            *_UNREGULARIZED,
        ),
    ),
)
"""Presets that set every control of the page for one story of the course."""

TRY_THIS: tuple[Experiment, ...] = (
    Experiment(
        "L2: raise λ to 30, then set it to 0.",
        "At 30 the weights are squeezed so hard that the network underfits: train and dev "
        "accuracy fall to {train:.0%} and {dev:.0%} (high bias). At 0 the two runs are "
        "identical — same data, same initial weights — so every difference you saw came "
        "from the penalty.",
        {"reg": "L2", "l2": 30.0},
        (
            Claim("train", 0.54, ACCURACY),
            Claim("dev", 0.46, ACCURACY),
            Claim("identical", True, at={"l2": 0.0}),
        ),
    ),
    Experiment(
        "Data augmentation: set Reflection to x1.",
        "The mirror check falls to {mirror_agreement:.0%} (fresh dev points: "
        "{mirror_baseline:.0%}): flipping x₁ swaps the XOR classes, the made-up points carry "
        "wrong labels and dev accuracy drops below the unregularized run's ({dev:.0%} "
        "against {none_dev:.0%}). Augment only with changes that keep the label (x1+x2 is a "
        "symmetry of XOR).",
        {"reg": "augmentation", "reflect": "x1"},
        (
            Claim("mirror_agreement", 0.30, ACCURACY),
            Claim("mirror_baseline", 0.77, ACCURACY),
            Claim("mirror_valid", False),
            Claim("dev", 0.57, ACCURACY),
            Claim("none_dev", 0.73, ACCURACY),
            Claim("mirror_valid", True, at={"reflect": "x1+x2"}, name="symmetric"),
        ),
    ),
    Experiment(
        "Dropout: lower keep_prob to 0.1 in all three layers.",
        "Keeping one unit in ten is too much noise: the training cost jumps wildly and "
        "the accuracies fall to {train:.0%} (train) and {dev:.0%} (dev) — like L2 with a "
        "huge λ, keep_prob is a strength knob.",
        {"reg": "dropout", "kp1": 0.1, "kp2": 0.1, "kp3": 0.1},
        (
            Claim("jitter", relation=">", than="none_jitter"),
            Claim("train", 0.54, ACCURACY),
            Claim("dev", 0.46, ACCURACY),
        ),
    ),
)
"""Guided experiments at the end of the page."""
