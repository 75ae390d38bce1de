"""Every scene's question: run the scene with its page's own computation and check that the
answer the run bears out is the one declared, and the numbers it stands on hold within their
tolerances; the question/prediction model is plain data."""

from __future__ import annotations

import json

import pytest

from playground.catalog import MEASURES, SCENES, scene_values
from playground.engine.claims import failures
from playground.engine.scenes import Prediction, Question, tally

QUESTION_CASES = [
    pytest.param(page, scene, id=f"{page}/{scene.slug}/{scene.question.slug}")
    for page, scenes in SCENES.items()
    for scene in scenes
    if scene.question is not None
]
WEEKS = {
    "week 1": ("initialization", "regularization"),
    "week 2": ("optimizers_network",),
    "week 3": ("search",),
}


@pytest.mark.parametrize(("page", "scene"), QUESTION_CASES)
def test_the_scene_run_answers_its_question_as_declared(page, scene):
    question = scene.question
    measured = MEASURES[page](scene_values(page, scene.slug))
    answer, why = question.reveal(measured)
    assert answer == question.expected, why
    assert not failures(question.claims, measured)
    assert why and "{" not in why


def test_each_week_asks_a_question():
    asking = {page for page, _ in (case.values for case in QUESTION_CASES)}
    for week, pages in WEEKS.items():
        assert asking & set(pages), f"{week}: no page asks a question"


def test_a_question_checks_its_choices():
    def answer(measured):
        return measured["winner"]

    def why(measured):
        return "because"

    question = Question("q", "Which?", ("a", "b"), answer, why, expected="a")
    assert question.reveal({"winner": "b"}) == ("b", "because")
    with pytest.raises(ValueError, match="not one of its choices"):
        question.reveal({"winner": "c"})
    with pytest.raises(ValueError, match="expected"):
        Question("q", "Which?", ("a", "b"), answer, why, expected="c")
    with pytest.raises(ValueError, match="distinct"):
        Question("q", "Which?", ("a", "a"), answer, why, expected="a")


def test_predictions_are_plain_data_and_tally():
    right = Prediction("p", "s", "Which?", "a", "a", "why")
    wrong = Prediction("p", "s", "Which?", "b", "a", "why")
    skipped = Prediction("p", "s", "Which?", None, "a", "why")
    assert tally([right, wrong, skipped]) == (1, 2)
    assert Prediction(**json.loads(json.dumps(wrong.as_dict()))) == wrong
