"""Bounds and rate limits of a class, and the errors a classroom operation raises.

Rate limits are counted in the database (fixed windows in ``rate_counts``), so they hold however
many replicas a class's students are spread over. A rejected action is not counted.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import sqlalchemy as sa

from playground.classroom.store import upsert
from playground.classroom.tables import rate_counts


class ClassroomError(Exception):
    """A classroom operation that cannot be done; the message says why, for the person."""


class NotFound(ClassroomError):
    """No class with this code, or no member with this token."""


class NotAllowed(ClassroomError):
    """The teacher secret does not match: only the teacher controls a class."""


class ClassOver(ClassroomError):
    """The class was ended by its teacher or has expired."""


class RateLimited(ClassroomError):
    """Too many actions of one kind in a short time."""


class LimitReached(ClassroomError):
    """A class or a member reached a bounded size (members, results)."""


@dataclass(frozen=True)
class Rate:
    """At most ``count`` actions per ``per_s`` seconds for each ``subject`` (session, member)."""

    count: int
    per_s: float
    subject: str


@dataclass(frozen=True)
class Limits:
    """Everything a class bounds; ``LIMITS`` is the default."""

    joins: Rate = Rate(10, 60.0, "session")
    answers: Rate = Rate(30, 60.0, "member")
    results: Rate = Rate(30, 60.0, "member")
    members_per_class: int = 300
    results_per_member: int = 20
    """In one class search."""
    results_per_class: int = 2000
    """In one class search."""


LIMITS = Limits()


def count_action(
    connection: sa.Connection, action: str, subject: str, rate: Rate, now: float
) -> None:
    """Count one ``action`` by ``subject`` in the current window of ``rate.per_s`` seconds.

    Raises RateLimited (and the caller's transaction rolls back, uncounting it) past
    ``rate.count`` in the window.
    """
    window = math.floor(now / rate.per_s)
    window_end = (window + 1) * rate.per_s
    connection.execute(sa.delete(rate_counts).where(rate_counts.c.expires_at < now))
    count = connection.execute(
        upsert(
            connection,
            rate_counts,
            {"key": f"{action}:{subject}", "window": window, "count": 1, "expires_at": window_end},
            ["key", "window"],
            {"count": rate_counts.c.count + 1},
        ).returning(rate_counts.c.count)
    ).scalar_one()
    if count > rate.count:
        raise RateLimited(
            f"Too many {action}: the limit is {rate.count} per {rate.per_s:g} s for each "
            f"{rate.subject}; try again in {math.ceil(window_end - now)} s."
        )
