"""Polls (answer, change, tally, reveal; a student never reads another's answer) and the class
search's results (bounded, no nicknames for students)."""

from __future__ import annotations

import dataclasses
import math
import time

import pytest

from playground.classroom.classes import create_class, join_class
from playground.classroom.limits import (
    ClassroomError,
    LimitReached,
    Limits,
    NotAllowed,
    RateLimited,
)
from playground.classroom.polls import (
    answer_poll,
    member_poll,
    open_poll,
    reveal_poll,
    teacher_poll,
)
from playground.classroom.results import (
    member_results,
    start_search,
    submit_result,
    teacher_results,
)

T0 = math.floor(time.time() / 3600) * 3600.0
"""The hour this test run started in: calls without ``now`` fall inside its classes' 4 hours,
and a minute's rate window starts at T0."""
CHOICES = ["faster", "slower", "same"]


def a_class(engine, students: int):
    new = create_class(engine, now=T0)
    joined = [
        join_class(engine, new.code, f"s{i}", nickname=f"Student {i}", now=T0)
        for i in range(students)
    ]
    return new, joined


def test_a_poll_is_answered_changed_tallied_and_revealed(engine):
    new, (ana, bo, cy) = a_class(engine, 3)
    poll = open_poll(engine, new.code, new.teacher_secret, question_id="lr-q1", choices=CHOICES)
    answer_poll(engine, ana.token, poll, "faster", now=T0)
    answer_poll(engine, bo.token, poll, "slower", now=T0)
    answer_poll(engine, bo.token, poll, "faster", now=T0 + 1)  # changed before the reveal
    live = teacher_poll(engine, new.code, new.teacher_secret, now=T0 + 2)
    assert live.tally == {"faster": 2, "slower": 0, "same": 0} and live.members == 3
    assert not live.revealed
    # before the reveal a student sees only their own choice
    seen = member_poll(engine, bo.token, now=T0 + 2)
    assert (seen.my_choice, seen.tally, seen.answer) == ("faster", None, None)
    assert member_poll(engine, cy.token, now=T0 + 2).my_choice is None
    shown = reveal_poll(engine, new.code, new.teacher_secret, poll, answer="faster", now=T0 + 3)
    assert shown.revealed and shown.answer == "faster"
    after = member_poll(engine, cy.token, now=T0 + 4)
    assert (after.answer, after.tally) == ("faster", {"faster": 2, "slower": 0, "same": 0})
    with pytest.raises(ClassroomError, match="answers are closed"):
        answer_poll(engine, cy.token, poll, "same", now=T0 + 5)
    with pytest.raises(ValueError, match="choice must be one of faster, slower, same"):
        second = open_poll(engine, new.code, new.teacher_secret, question_id="q2", choices=CHOICES)
        answer_poll(engine, cy.token, second, "maybe")
    with pytest.raises(ClassroomError, match="poll is closed"):
        answer_poll(engine, cy.token, poll, "same", now=T0 + 5)  # an older poll


def test_a_student_reads_no_other_members_answer_and_cannot_control_the_class(engine):
    new, (ana, bo) = a_class(engine, 2)
    poll = open_poll(engine, new.code, new.teacher_secret, question_id="q", choices=["a", "b"])
    answer_poll(engine, ana.token, poll, "a", now=T0)
    seen = member_poll(engine, bo.token, now=T0)
    # nothing in bo's view names ana or her choice
    assert "a" not in (seen.my_choice, seen.answer) and seen.tally is None
    assert "Student 0" not in repr(dataclasses.asdict(seen))
    with pytest.raises(NotAllowed):
        reveal_poll(engine, new.code, bo.token, poll, answer="a")
    with pytest.raises(NotAllowed):
        teacher_poll(engine, new.code, bo.token)
    with pytest.raises(NotAllowed):
        teacher_results(engine, new.code, bo.token)


def test_answers_are_rate_limited_per_member(engine):
    new, (ana, bo) = a_class(engine, 2)
    poll = open_poll(engine, new.code, new.teacher_secret, question_id="q", choices=["a", "b"])
    limits = Limits(answers=dataclasses.replace(Limits().answers, count=3))
    for i in range(3):
        answer_poll(engine, ana.token, poll, "ab"[i % 2], now=T0 + i, limits=limits)
    with pytest.raises(
        RateLimited, match="Too many answers: the limit is 3 per 60 s for each member"
    ):
        answer_poll(engine, ana.token, poll, "a", now=T0 + 4, limits=limits)
    answer_poll(engine, bo.token, poll, "b", now=T0 + 4, limits=limits)
    assert teacher_poll(engine, new.code, new.teacher_secret).tally == {"a": 1, "b": 1}


def test_search_results_land_for_the_teacher_bounded_and_anonymous_for_students(engine):
    new, (ana, bo) = a_class(engine, 2)
    with pytest.raises(ClassroomError, match="No class search is running"):
        submit_result(engine, ana.token, hyperparameters={"alpha": 0.1}, dev_cost=0.5, now=T0)
    view = start_search(engine, new.code, new.teacher_secret, space={"alpha": [1e-4, 1]}, now=T0)
    assert (view.search_round, view.version, view.search_space) == (1, 2, {"alpha": [1e-4, 1]})
    limits = Limits(results_per_member=2, results_per_class=3)
    for token, alpha, cost in [(ana.token, 0.1, 0.4), (ana.token, 0.01, 0.3), (bo.token, 1.0, 0.9)]:
        submit_result(
            engine, token, hyperparameters={"alpha": alpha, "optimizer": "adam"}, dev_cost=cost,
            metrics={"dev_accuracy": 1 - cost}, now=T0, limits=limits,
        )  # fmt: skip
    with pytest.raises(LimitReached, match="2 per search"):
        submit_result(engine, ana.token, hyperparameters={}, dev_cost=0.2, now=T0, limits=limits)
    with pytest.raises(LimitReached, match="full: 3 results"):
        submit_result(engine, bo.token, hyperparameters={}, dev_cost=0.2, now=T0, limits=limits)
    seen = teacher_results(engine, new.code, new.teacher_secret, now=T0)
    assert [(r.nickname, r.hyperparameters["alpha"], r.dev_cost) for r in seen] == [
        ("Student 0", 0.1, 0.4), ("Student 0", 0.01, 0.3), ("Student 1", 1.0, 0.9)
    ]  # fmt: skip
    assert seen[1].metrics == {"dev_accuracy": pytest.approx(0.7)}
    mine = member_results(engine, bo.token, now=T0)
    assert [(r.nickname, r.mine) for r in mine] == [(None, False), (None, False), (None, True)]
    # a new round starts empty
    start_search(engine, new.code, new.teacher_secret, space={"alpha": [1e-3, 1]}, now=T0)
    assert teacher_results(engine, new.code, new.teacher_secret, now=T0) == []


def test_results_are_validated_and_rate_limited(engine):
    new, (ana,) = a_class(engine, 1)
    start_search(engine, new.code, new.teacher_secret, space={}, now=T0)
    with pytest.raises(ValueError, match=r"hyperparameters\[alpha\] must be a finite number"):
        submit_result(engine, ana.token, hyperparameters={"alpha": float("nan")}, dev_cost=0.1)
    with pytest.raises(ValueError, match="hyperparameters must be a dict of at most 16 entries"):
        submit_result(
            engine, ana.token, hyperparameters={f"h{i}": 1 for i in range(17)}, dev_cost=0
        )
    with pytest.raises(ValueError, match=r"dev_cost must be in \[0.0, 1000000.0\]"):
        submit_result(engine, ana.token, hyperparameters={}, dev_cost=-1)
    limits = Limits(results=dataclasses.replace(Limits().results, count=2))
    for _ in range(2):
        submit_result(engine, ana.token, hyperparameters={}, dev_cost=0.1, now=T0, limits=limits)
    with pytest.raises(RateLimited, match="Too many results: the limit is 2 per 60 s"):
        submit_result(engine, ana.token, hyperparameters={}, dev_cost=0.1, now=T0, limits=limits)


def test_a_diverged_run_is_kept_as_an_infinite_cost(engine):
    new, (ana, bo) = a_class(engine, 2)
    start_search(engine, new.code, new.teacher_secret, space={"alpha": [1e-4, 1]}, now=T0)
    submit_result(engine, ana.token, hyperparameters={"alpha": 3.0}, dev_cost=math.inf, now=T0)
    submit_result(engine, ana.token, hyperparameters={"alpha": 2.0}, dev_cost=math.nan, now=T0)
    submit_result(engine, bo.token, hyperparameters={"alpha": 0.1}, dev_cost=0.25, now=T0)
    seen = teacher_results(engine, new.code, new.teacher_secret, now=T0)
    assert [(r.dev_cost, r.diverged) for r in seen] == [
        (math.inf, True), (math.inf, True), (0.25, False)
    ]  # fmt: skip
    assert [r.diverged for r in member_results(engine, bo.token, now=T0)] == [True, True, False]
    with pytest.raises(ValueError, match=r"dev_cost must be in .*NaN or inf for a run that dive"):
        submit_result(engine, bo.token, hyperparameters={}, dev_cost=-math.inf, now=T0)
    with pytest.raises(ValueError, match=r"dev_cost must be a number"):
        submit_result(engine, bo.token, hyperparameters={}, dev_cost="inf", now=T0)
