"""The class search: the teacher starts a round with a search space, each member's app trains
with its own hyperparameters and reports the result, the presenter screen plots them all.

Results are bounded per member and per class in each round. Members see every result of the
round, marked ``mine`` for their own, but never another member's nickname.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from numbers import Real

import sqlalchemy as sa

from playground.classroom.classes import View, clock, member_class, teacher_class, view_of
from playground.classroom.limits import LIMITS, ClassroomError, LimitReached, Limits, count_action
from playground.classroom.store import reading, writing
from playground.classroom.tables import classes, members, results
from playground.classroom.validate import check_entries, check_json
from playground.engine.config import check_range

MAX_COST = 1e6
DIVERGED = math.inf
"""The dev cost kept for a run that diverged (its cost NaN or +∞)."""


@dataclass(frozen=True)
class Result:
    """One finished run of the class search."""

    result_id: int
    hyperparameters: dict
    dev_cost: float
    metrics: dict
    nickname: str | None
    mine: bool = False

    @property
    def diverged(self) -> bool:
        """The run diverged: its cost is kept as +∞."""
        return self.dev_cost == DIVERGED


def check_cost(value: object) -> float:
    """A run's final dev cost: a number in [0, MAX_COST], or NaN or +∞ for a run that diverged
    (kept as +∞)."""
    number = isinstance(value, Real) and not isinstance(value, bool)
    if number and (math.isnan(value) or value == math.inf):
        return DIVERGED
    try:
        return check_range("dev_cost", value, 0.0, MAX_COST)
    except ValueError as error:
        raise ValueError(f"{error} (NaN or inf for a run that diverged)") from None


def start_search(
    engine: sa.Engine, code: object, secret: object, *, space: dict, now: float | None = None
) -> View:
    """The teacher starts a new round of the class search over ``space``; the view's version
    moves, so every member's app sees the round and starts its run."""
    space = check_json("space", space)
    with writing(engine) as connection:
        row = teacher_class(connection, code, secret, clock(now), lock=True)
        changed = connection.execute(
            sa.update(classes)
            .where(classes.c.id == row.id)
            .values(
                search_round=classes.c.search_round + 1,
                search_space=space,
                version=classes.c.version + 1,
            )
            .returning(*classes.c)
        ).one()
    return view_of(changed)


def _count(connection: sa.Connection, *where) -> int:
    return connection.execute(sa.select(sa.func.count()).where(*where)).scalar_one()


def submit_result(
    engine: sa.Engine,
    token: object,
    *,
    hyperparameters: dict,
    dev_cost: float,
    metrics: dict | None = None,
    now: float | None = None,
    limits: Limits = LIMITS,
) -> int:
    """A member reports a finished run of the current search round; returns the result's id.

    ``dev_cost`` is the run's final dev cost in [0, MAX_COST], or NaN or +∞ if it diverged.
    """
    hyperparameters = check_entries("hyperparameters", hyperparameters, text_allowed=True)
    metrics = check_entries("metrics", metrics or {}, text_allowed=False)
    dev_cost = check_cost(dev_cost)
    now = clock(now)
    with writing(engine) as connection:
        row, member = member_class(connection, token, now, lock=True)
        if row.search_round == 0:
            raise ClassroomError("No class search is running: wait for the teacher to start one.")
        count_action(connection, "results", str(member.id), limits.results, now)
        in_round = (results.c.class_id == row.id, results.c.search_round == row.search_round)
        if _count(connection, *in_round, results.c.member_id == member.id) >= (
            limits.results_per_member
        ):
            raise LimitReached(
                f"You sent the most results a member may: {limits.results_per_member} per search."
            )
        if _count(connection, *in_round) >= limits.results_per_class:
            raise LimitReached(f"The class search is full: {limits.results_per_class} results.")
        return connection.execute(
            sa.insert(results)
            .values(
                class_id=row.id,
                member_id=member.id,
                search_round=row.search_round,
                hyperparameters=hyperparameters,
                dev_cost=dev_cost,
                metrics=metrics,
                created_at=now,
            )
            .returning(results.c.id)
        ).scalar_one()


def _round_results(connection: sa.Connection, row) -> list:
    return connection.execute(
        sa.select(results, members.c.nickname)
        .join(members, members.c.id == results.c.member_id)
        .where(results.c.class_id == row.id, results.c.search_round == row.search_round)
        .order_by(results.c.id)
    ).all()


def teacher_results(
    engine: sa.Engine, code: object, secret: object, *, now: float | None = None
) -> list[Result]:
    """Every result of the current round, with the nickname of the member who sent it."""
    with reading(engine) as connection:
        row = teacher_class(connection, code, secret, clock(now))
        rows = _round_results(connection, row)
    return [Result(r.id, r.hyperparameters, r.dev_cost, r.metrics, r.nickname) for r in rows]


def member_results(engine: sa.Engine, token: object, *, now: float | None = None) -> list[Result]:
    """Every result of the current round for a member: no nicknames, their own marked ``mine``."""
    with reading(engine) as connection:
        row, member = member_class(connection, token, clock(now))
        rows = _round_results(connection, row)
    return [
        Result(r.id, r.hyperparameters, r.dev_cost, r.metrics, None, r.member_id == member.id)
        for r in rows
    ]
