"""Every result a scene, a lesson-plan question or a "try this" text states is a claim, and every
claim holds: each scene and experiment is run headless with its page's own computation
(``playground.scenes.MEASURES``) and its claims are checked within their tolerances. Any other
number in those texts must be one of the settings it is measured under, or a formula of the
course listed below."""

from __future__ import annotations

import math
import re
import string

import pytest

from playground.catalog import (
    MEASURES,
    SCENES,
    TEXT_INPUTS,
    TRY_THIS,
    find_scene,
    page_settings,
    page_values,
)
from playground.catalog.lesson_plan import LESSON_PLAN
from playground.engine.claims import failures, settings_groups

SCENE_CASES = [
    pytest.param(page, scene.template, scene.values, scene.claims, id=f"{page}/{scene.slug}")
    for page, scenes in SCENES.items()
    for scene in scenes
]
EXPERIMENT_CASES = [
    pytest.param(page, e.template, e.values, e.claims, id=f"{page}/try-{number}")
    for page, experiments in TRY_THIS.items()
    for number, e in enumerate(experiments, start=1)
]
DO_CASES = [
    pytest.param(page, e.do, e.values, e.claims, id=f"{page}/try-{number}-do")
    for page, experiments in TRY_THIS.items()
    for number, e in enumerate(experiments, start=1)
]
QUESTION_CASES = [
    pytest.param(
        step.page,
        step.question,
        find_scene(step.page, step.scene).values,
        find_scene(step.page, step.scene).claims,
        id=f"lesson/{step.page}/{step.scene}",
    )
    for step in LESSON_PLAN
]
CLAIMED = [case for case in SCENE_CASES + EXPERIMENT_CASES if case.values[3]]


def runs() -> list:
    """One case per page and settings that some claim is measured under, with every claim of
    every text measured there: a run shared by a scene and a try-this is trained once."""
    by_run: dict[tuple, list] = {}
    for case in CLAIMED:
        page, _, values, claims = case.values
        for settings, group in settings_groups(page_values(page, dict(values)), claims):
            key = (page, tuple(sorted(settings.items())))
            by_run.setdefault(key, []).append((case.id, tuple(group)))
    cases = []
    for (page, settings), claims in by_run.items():
        texts = "+".join(dict.fromkeys(text.removeprefix(f"{page}/") for text, _ in claims))
        at = {key: value for claim in claims[0][1] for key, value in claim.at.items()}
        where = "@" + ",".join(f"{key}={value}" for key, value in at.items()) if at else ""
        cases.append(pytest.param(page, dict(settings), claims, id=f"{page}/{texts}{where}"))
    return cases


RUNS = runs()

FORMULAS = {
    "ln 2 ≈ 0.69": (math.log(2), 0.69, 0.005),
    "log 3 ≈ 1.10": (math.log(3), 1.10, 0.005),
    "log 5 ≈ 1.61": (math.log(5), 1.61, 0.005),
    "√(2/16) ≈ 0.35": (math.sqrt(2 / 16), 0.35, 0.005),
}
"""Numbers of the course's formulas the texts quote: phrase → (exact value, as written, ±)."""
WORDS = (
    "n[l−1]",  # the course's index of the previous layer
    "1/(1 − β)",  # the averaging window's formula
    "1/(1 − 0.99)",  # the same at β = 0.99
    "(1 − β)",  # momentum's averaging factor, v = βv + (1 − β)dW
    "1 + epoch_num",  # inverse-time decay's denominator at decay rate 1
    "10 (1 − βᵗ)",  # the uncorrected average of a constant series of 10s
    "1 − βᵗ",
    "2/κ",  # the largest stable step on a quadratic bowl
    "2/λ_max",
    "‖2g − g‖/(‖2g‖ + ‖g‖)",  # the relative difference of a doubled gradient
    "2⁻ⁿ",
    "98/1/1",  # the course's split ratios
    "60/20/20",
    "1/√2",
    "√2",
    "day 100",  # where the text looks, not a result
    "to 1–5",  # the first steps of an animation
    "towards 0",
    "in 9 epochs",  # where the learning-rate decay texts look
    "after 9 epochs",
    "by epoch 9",
    "last 10%",  # the share of the mini-batch costs the lr-decay table measures
    "n = 4",  # the dimensions the census text looks at
    "n = 5",
    "n + 1",
    "flips' 2",  # a coin flip halves the share: 2⁻ⁿ
    "[0.1, 1]",  # the top decade of α's range
    "below 0.01",
    "… 0.01",
    "wait for 30 epochs",  # instructions for the babysat panda
    "α to 1 for a few ticks",
    "batch 8 vs 256",  # a toggle's label
    "a₀ = 1 − a₁",
    "e^(w/2) − 2w",  # the cost's formula
    "2 ln 4",
    "epochs to 1000",  # part 2's settings are not in the frameworks page's scene table
    "λ = 30",  # a setting the lesson plan asks the class about
    *(f"{part} {n}" for part in ("part", "section") for n in (1, 2, 3)),  # the page's parts
)
"""Phrases whose numbers are part of a formula or a name, not a result."""
NUMBER = re.compile(r"(?<![\w.−-])[−-]?(?:\d{1,3}(?:[  ]\d{3})+|\d+(?:\.\d+)?)(?:e[-−]?\d+)?(?!\w)")
"""A number as the texts write it: 0.35, 15 000, 1e-06 — not the digit of a name like dW2."""


def numbers_in(text: str) -> list[float]:
    """The numbers of ``text`` once its placeholders, formulas and names are taken out."""
    text = re.sub(r"\{[^}]*\}", " ", text)
    for phrase in (*FORMULAS, *WORDS):
        text = text.replace(phrase, " ")
    found = NUMBER.findall(text)
    return [float(n.replace(" ", "").replace(" ", "").replace("−", "-")) for n in found]


def setting_numbers(page: str, values: dict, claims) -> set[float]:
    """Every number a setting takes in the text's run or in one of its claims' runs."""
    runs = [page_values(page, dict(values))]
    runs += [page_values(page, dict(values) | dict(claim.at)) for claim in claims]
    numbers = set()
    for run in runs:
        for value in run.values():
            if isinstance(value, str):  # a choice, or numbers typed into a text box
                numbers.update(numbers_in(value))
            elif not isinstance(value, bool):
                numbers.add(float(value))
    return numbers


@pytest.mark.parametrize(("page", "settings", "claims"), RUNS)
def test_the_claims_hold_when_the_scene_is_run(page, settings, claims):
    measured = MEASURES[page](settings)
    problems = [f"{text}: {line}" for text, group in claims for line in failures(group, measured)]
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize(
    ("page", "template", "values", "claims"),
    SCENE_CASES + EXPERIMENT_CASES + DO_CASES + QUESTION_CASES,
)
def test_every_number_in_the_text_is_a_claim_or_a_setting(page, template, values, claims):
    allowed = setting_numbers(page, values, claims) | setting_numbers(page, {}, ())
    stray = [
        n
        for n in numbers_in(template)
        if not any(math.isclose(n, a, rel_tol=1e-9, abs_tol=1e-12) for a in allowed)
    ]
    assert not stray, f"{stray} in {template!r} are neither claims nor settings of the run"


@pytest.mark.parametrize(("page", "template", "values", "claims"), CLAIMED)
def test_every_claim_is_measured_under_valid_settings(page, template, values, claims):
    for claim in claims:
        settings = dict(values) | dict(claim.at)
        table = page_settings(page, settings)
        for key, value in settings.items():
            if key in TEXT_INPUTS.get(page, ()):
                continue
            assert key in table, f"{claim}: {key} is not a setting of {page}"
            assert table[key].validate(value) == value, f"{claim}: {key} = {value!r}"


def test_every_text_fills_from_its_claims():
    texts = [scene.description for scenes in SCENES.values() for scene in scenes]
    texts += [e.notice for experiments in TRY_THIS.values() for e in experiments]
    texts += [step.ask for step in LESSON_PLAN]
    assert all(texts) and not any(
        "{" in text or "}" in text for text in texts if "J{t}" not in text
    )


@pytest.mark.parametrize(
    ("page", "template", "values", "claims"), SCENE_CASES + EXPERIMENT_CASES + QUESTION_CASES
)
def test_a_text_writes_in_expected_values_not_bounds(page, template, values, claims):
    by_name = {claim.name: claim for claim in claims}
    for _, name, _, _ in string.Formatter().parse(template):
        if name is None:
            continue
        assert by_name[name].relation in "≈=", f"{name} is a bound ({by_name[name]}), not a value"


def test_the_quoted_formulas_are_right():
    for phrase, (exact, written, tolerance) in FORMULAS.items():
        assert abs(exact - written) <= tolerance, phrase


def test_numbers_are_found_as_written():
    assert numbers_in("train {train:.0%}, dev 73 % after 15 000 epochs") == [73.0, 15000.0]
    assert numbers_in("dW2 doubled at w₂ = 1e-06, x1+x2 and ln 2 ≈ 0.69") == [1e-06]
    assert numbers_in("α = 0.07 > 2/κ, 1.5^L") == [0.07, 1.5]
