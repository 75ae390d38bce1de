"""Polls: the teacher opens a scene's predict-then-reveal question, each member answers once
(and may change the answer until the reveal), the teacher watches the tally, then reveals the
answer computed from the run.

A member reads only the current poll, their own choice, and — after the reveal — the tally and
the answer: never another member's answer.
"""

from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa

from playground.classroom.classes import clock, member_class, teacher_class
from playground.classroom.limits import LIMITS, ClassroomError, Limits, count_action
from playground.classroom.store import reading, upsert, writing
from playground.classroom.tables import answers, members, polls
from playground.classroom.validate import MAX_ANSWER, MAX_NAME, check_choices, check_text


@dataclass(frozen=True)
class PollView:
    """A poll as one reader may see it; ``tally`` maps each choice to its number of answers."""

    poll_id: int
    question_id: str
    choices: tuple[str, ...]
    revealed: bool
    answer: str | None
    tally: dict[str, int] | None
    members: int | None
    my_choice: str | None = None


def _tally(connection: sa.Connection, poll) -> dict[str, int]:
    counts = dict(
        connection.execute(
            sa.select(answers.c.choice, sa.func.count())
            .where(answers.c.poll_id == poll.id)
            .group_by(answers.c.choice)
        ).all()
    )
    return {choice: counts.get(choice, 0) for choice in poll.choices}


def _current_poll(connection: sa.Connection, class_id: int):
    return connection.execute(
        sa.select(polls).where(polls.c.class_id == class_id).order_by(polls.c.id.desc()).limit(1)
    ).first()


def open_poll(
    engine: sa.Engine,
    code: object,
    secret: object,
    *,
    question_id: str,
    choices: list[str],
    now: float | None = None,
) -> int:
    """The teacher opens a poll; it becomes the class's current poll. Returns its id."""
    question_id = check_text("question_id", question_id, MAX_NAME)
    choices = check_choices(choices)
    now = clock(now)
    with writing(engine) as connection:
        row = teacher_class(connection, code, secret, now)
        return connection.execute(
            sa.insert(polls)
            .values(class_id=row.id, question_id=question_id, choices=choices, opened_at=now)
            .returning(polls.c.id)
        ).scalar_one()


def answer_poll(
    engine: sa.Engine,
    token: object,
    poll_id: int,
    choice: str,
    *,
    now: float | None = None,
    limits: Limits = LIMITS,
) -> None:
    """A member answers the current poll, or changes their answer, until it is revealed."""
    now = clock(now)
    with writing(engine) as connection:
        row, member = member_class(connection, token, now)
        poll = _current_poll(connection, row.id)
        if poll is None or poll.id != poll_id:
            raise ClassroomError("This poll is closed: the teacher has moved on.")
        if poll.revealed_at is not None:
            raise ClassroomError("This poll's answer is revealed: answers are closed.")
        if choice not in poll.choices:
            raise ValueError(f"choice must be one of {', '.join(poll.choices)}; got {choice!r}")
        count_action(connection, "answers", str(member.id), limits.answers, now)
        connection.execute(
            upsert(
                connection,
                answers,
                {"poll_id": poll.id, "member_id": member.id, "choice": choice, "answered_at": now},
                ["poll_id", "member_id"],
                {"choice": choice, "answered_at": now},
            )
        )


def reveal_poll(
    engine: sa.Engine,
    code: object,
    secret: object,
    poll_id: int,
    *,
    answer: str,
    now: float | None = None,
) -> PollView:
    """The teacher reveals ``answer`` (computed from the run); answers close."""
    answer = check_text("answer", answer, MAX_ANSWER)
    now = clock(now)
    with writing(engine) as connection:
        row = teacher_class(connection, code, secret, now, lock=True)
        revealed = connection.execute(
            sa.update(polls)
            .where(polls.c.id == poll_id, polls.c.class_id == row.id)
            .values(revealed_at=sa.func.coalesce(polls.c.revealed_at, now), answer=answer)
            .returning(*polls.c)
        ).first()
        if revealed is None:
            raise ValueError(f"poll_id {poll_id} is not a poll of this class")
        return _teacher_view(connection, row.id, revealed)


def _teacher_view(connection: sa.Connection, class_id: int, poll) -> PollView:
    members_count = connection.execute(
        sa.select(sa.func.count()).where(members.c.class_id == class_id)
    ).scalar_one()
    tally = _tally(connection, poll)
    return PollView(
        poll.id,
        poll.question_id,
        tuple(poll.choices),
        poll.revealed_at is not None,
        poll.answer,
        tally,
        members_count,
    )


def teacher_poll(
    engine: sa.Engine, code: object, secret: object, *, now: float | None = None
) -> PollView | None:
    """The current poll with its live tally, for the presenter screen (None before any poll).

    ``members`` counts the class, so the screen can show "12 of 30 answered".
    """
    with reading(engine) as connection:
        row = teacher_class(connection, code, secret, clock(now))
        poll = _current_poll(connection, row.id)
        return None if poll is None else _teacher_view(connection, row.id, poll)


def member_poll(engine: sa.Engine, token: object, *, now: float | None = None) -> PollView | None:
    """The current poll for a member: their own choice; the tally and answer only once revealed."""
    with reading(engine) as connection:
        row, member = member_class(connection, token, clock(now))
        poll = _current_poll(connection, row.id)
        if poll is None:
            return None
        mine = connection.execute(
            sa.select(answers.c.choice).where(
                answers.c.poll_id == poll.id, answers.c.member_id == member.id
            )
        ).scalar()
        revealed = poll.revealed_at is not None
        return PollView(
            poll.id,
            poll.question_id,
            tuple(poll.choices),
            revealed,
            poll.answer if revealed else None,
            _tally(connection, poll) if revealed else None,
            None,
            mine,
        )
