"""A class's stamp: what its students' screens show changes exactly when the stamp does.

A student's class bar shows the teacher's view (page, scene, search round: its ``version``), the
class's current poll (the last one opened, revealed or not) and whether the class is over. Each
server reads the stamps of every class it has students of in one query (``class_stamps``) and
redraws a class's bars only when its stamp changed (``playground.ui.class_push``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import sqlalchemy as sa

from playground.classroom.classes import clock, why_over
from playground.classroom.store import reading
from playground.classroom.tables import classes, polls


@dataclass(frozen=True)
class Stamp:
    """The teacher's view version, the last poll opened (0: none) and how many polls are
    revealed, and whether the class is over (ended or expired)."""

    version: int
    last_poll: int
    revealed: int
    over: bool


def class_stamps(
    engine: sa.Engine, codes: Iterable[str], *, now: float | None = None
) -> dict[str, Stamp]:
    """The stamp of each class in ``codes`` (normalized join codes) still in the store; one
    read however many classes."""
    wanted = sorted(set(codes))
    if not wanted:
        return {}
    mine = polls.c.class_id == classes.c.id
    last_poll = sa.select(sa.func.coalesce(sa.func.max(polls.c.id), 0)).where(mine)
    revealed = sa.select(sa.func.count()).where(mine, polls.c.revealed_at.is_not(None))
    query = sa.select(
        classes.c.code,
        classes.c.version,
        classes.c.ended_at,
        classes.c.expires_at,
        last_poll.scalar_subquery().label("last_poll"),
        revealed.scalar_subquery().label("revealed"),
    ).where(classes.c.code.in_(wanted))
    at = clock(now)
    with reading(engine) as connection:
        rows = connection.execute(query).all()
    return {
        row.code: Stamp(row.version, row.last_poll, row.revealed, why_over(row, at) is not None)
        for row in rows
    }
