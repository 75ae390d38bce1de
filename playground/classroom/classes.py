"""A class: created by a teacher, joined by students, followed through the teacher's view.

The teacher holds a secret link that alone controls the class (closing the tab does not end it:
the link resumes it). Students join with the short code and get a member token. Every function
takes ``now`` (seconds since the epoch, default ``time.time()``) so expiry is testable.
"""

from __future__ import annotations

import hmac
import time
from dataclasses import dataclass

import sqlalchemy as sa

from playground.classroom.codes import (
    digest,
    format_code,
    new_join_code,
    new_secret,
    normalize_code,
)
from playground.classroom.limits import (
    LIMITS,
    ClassOver,
    LimitReached,
    Limits,
    NotAllowed,
    NotFound,
    count_action,
)
from playground.classroom.store import reading, writing
from playground.classroom.tables import classes, members, rate_counts
from playground.classroom.validate import MAX_NAME, check_json, check_nickname, check_text
from playground.engine.config import check_range

DEFAULT_HOURS = 4.0
MAX_HOURS = 24.0
CODE_ATTEMPTS = 5
KEEP_ENDED_S = 24 * 3600.0
"""How long an ended or expired class is kept before ``purge`` deletes it."""


@dataclass(frozen=True)
class View:
    """What the teacher shows and every student follows; ``version`` grows at every change."""

    page: str
    scene: str | None
    settings: dict
    version: int
    search_round: int
    search_space: dict | None


@dataclass(frozen=True)
class NewClass:
    """A new class: the join code and the teacher's secret (known only now; stored hashed)."""

    code: str
    teacher_secret: str
    expires_at: float

    def __repr__(self) -> str:  # the secret stays out of logs
        return f"NewClass({format_code(self.code)}, expires at {self.expires_at:.0f})"


@dataclass(frozen=True)
class Membership:
    """A student in a class: the token (known only now; stored hashed) identifies them."""

    code: str
    member_id: int
    token: str
    nickname: str | None

    def __repr__(self) -> str:
        return f"Membership({format_code(self.code)}, member {self.member_id})"


@dataclass(frozen=True)
class ClassInfo:
    """A class as its teacher sees it."""

    code: str
    created_at: float
    expires_at: float
    ended_at: float | None
    members: int
    view: View


def clock(now: float | None) -> float:
    """``now``, or the current time if None."""
    return time.time() if now is None else float(now)


def view_of(row) -> View:
    """The view stored in a class row."""
    return View(row.page, row.scene, row.settings, row.version, row.search_round, row.search_space)


def why_over(row, now: float) -> str | None:
    """Why the class of ``row`` is over at ``now`` (ended by its teacher, expired); None while
    it is open."""
    code = format_code(row.code)
    if row.ended_at is not None:
        return f"Class {code} was ended by its teacher."
    if now >= row.expires_at:
        return f"Class {code} has expired."
    return None


def check_open(row, now: float) -> None:
    """Raise ClassOver if the class was ended or has expired."""
    reason = why_over(row, now)
    if reason is not None:
        raise ClassOver(reason)


def find_class(connection: sa.Connection, code: object, *, lock: bool = False):
    """The class row with this join code (``lock``: held until commit on PostgreSQL)."""
    query = sa.select(classes).where(classes.c.code == normalize_code(code))
    row = connection.execute(query.with_for_update() if lock else query).first()
    if row is None:
        raise NotFound(f"No class has the code {code!r}.")
    return row


def teacher_class(
    connection: sa.Connection, code: object, secret: object, now: float, *, lock: bool = False
):
    """The open class row, if ``secret`` is its teacher's; else NotAllowed."""
    row = find_class(connection, code, lock=lock)
    given = digest(secret) if isinstance(secret, str) else ""
    if not hmac.compare_digest(given, row.teacher_hash):
        raise NotAllowed("Only the teacher's link controls this class.")
    check_open(row, now)
    return row


UNKNOWN_MEMBER = "This class link is not known; join again with the class code."


def member_class(connection: sa.Connection, token: object, now: float, *, lock: bool = False):
    """(class row, member row) of the member holding ``token``, if the class is open."""
    given = digest(token) if isinstance(token, str) else ""
    member = connection.execute(sa.select(members).where(members.c.token_hash == given)).first()
    if member is None:
        raise NotFound(UNKNOWN_MEMBER)
    query = sa.select(classes).where(classes.c.id == member.class_id)
    row = connection.execute(query.with_for_update() if lock else query).one()
    check_open(row, now)
    return row, member


def create_class(
    engine: sa.Engine, *, hours: float = DEFAULT_HOURS, page: str = "", now: float | None = None
) -> NewClass:
    """Start a class that expires after ``hours`` (0 < hours ≤ MAX_HOURS) on ``page``."""
    hours = check_range("hours", hours, 0.0, MAX_HOURS, inclusive_low=False)
    page = check_text("page", page, MAX_NAME, min_len=0)
    now, secret = clock(now), new_secret()
    for _attempt in range(CODE_ATTEMPTS):  # a code in use (1 in 2^40 per class) is redrawn
        code = new_join_code()
        row = {
            "code": code,
            "teacher_hash": digest(secret),
            "created_at": now,
            "expires_at": now + hours * 3600.0,
            "page": page,
            "settings": {},
            "version": 1,
            "search_round": 0,
        }
        try:
            with writing(engine) as connection:
                connection.execute(sa.insert(classes).values(**row))
            return NewClass(code, secret, row["expires_at"])
        except sa.exc.IntegrityError:
            continue
    raise RuntimeError(f"No free join code in {CODE_ATTEMPTS} draws")


def resume_class(
    engine: sa.Engine, code: object, secret: object, *, now: float | None = None
) -> ClassInfo:
    """The class behind a teacher link (raises NotAllowed for a wrong secret, ClassOver)."""
    with reading(engine) as connection:
        row = teacher_class(connection, code, secret, clock(now))
        count = connection.execute(
            sa.select(sa.func.count()).where(members.c.class_id == row.id)
        ).scalar_one()
    return ClassInfo(row.code, row.created_at, row.expires_at, row.ended_at, count, view_of(row))


def end_class(engine: sa.Engine, code: object, secret: object, *, now: float | None = None) -> None:
    """The teacher ends the class: students' next request gets ClassOver."""
    now = clock(now)
    with writing(engine) as connection:
        row = teacher_class(connection, code, secret, now, lock=True)
        connection.execute(sa.update(classes).where(classes.c.id == row.id).values(ended_at=now))


def set_view(
    engine: sa.Engine,
    code: object,
    secret: object,
    *,
    page: str,
    scene: str | None = None,
    settings: dict | None = None,
    now: float | None = None,
) -> View:
    """The teacher moves to ``page`` (and ``scene`` with its ``settings``); version + 1."""
    page = check_text("page", page, MAX_NAME)
    scene = None if scene is None else check_text("scene", scene, MAX_NAME)
    settings = check_json("settings", settings or {})
    with writing(engine) as connection:
        row = teacher_class(connection, code, secret, clock(now), lock=True)
        changed = connection.execute(
            sa.update(classes)
            .where(classes.c.id == row.id)
            .values(page=page, scene=scene, settings=settings, version=classes.c.version + 1)
            .returning(*classes.c)
        ).one()
    return view_of(changed)


def join_class(
    engine: sa.Engine,
    code: object,
    session_key: str,
    *,
    nickname: str | None = None,
    now: float | None = None,
    limits: Limits = LIMITS,
) -> Membership:
    """A student joins with the class code; ``session_key`` names their browser session for the
    join rate limit. The nickname is optional and stored as typed (the UI escapes it)."""
    session_key = check_text("session_key", session_key, MAX_NAME)
    nickname = check_nickname(nickname)
    now, token = clock(now), new_secret()
    with writing(engine) as connection:
        row = find_class(connection, code, lock=True)
        check_open(row, now)
        count_action(connection, "joins", session_key, limits.joins, now)
        count = connection.execute(
            sa.select(sa.func.count()).where(members.c.class_id == row.id)
        ).scalar_one()
        if count >= limits.members_per_class:
            most = limits.members_per_class
            raise LimitReached(f"Class {format_code(row.code)} is full: at most {most} members.")
        member_id = connection.execute(
            sa.insert(members)
            .values(class_id=row.id, token_hash=digest(token), nickname=nickname, joined_at=now)
            .returning(members.c.id)
        ).scalar_one()
    return Membership(row.code, member_id, token, nickname)


def member_view(engine: sa.Engine, token: object, *, now: float | None = None) -> View:
    """The teacher's current view, for a member to follow (ClassOver once the class is over)."""
    with reading(engine) as connection:
        row, _member = member_class(connection, token, clock(now))
    return view_of(row)


@dataclass(frozen=True)
class MemberStatus:
    """A class as a member sees it: its code, how many joined, the teacher's view, and the
    member's own id (the number its class-search assignment is drawn from)."""

    code: str
    members: int
    view: View
    member_id: int


_CLASSMATES = members.alias("classmates")
MEMBER_STATUS = (
    sa.select(
        classes,
        members.c.id.label("member_id"),
        sa.select(sa.func.count())
        .where(_CLASSMATES.c.class_id == classes.c.id)
        .scalar_subquery()
        .label("member_count"),
    )
    .join(members, members.c.class_id == classes.c.id)
    .where(members.c.token_hash == sa.bindparam("token_hash"))
)
"""``member_status``'s query, built once: building it and its compiled-cache key at every read
took four fifths of the read (500 → 100 µs)."""


def member_status(engine: sa.Engine, token: object, *, now: float | None = None) -> MemberStatus:
    """The class of the member holding ``token``: code, member count and the teacher's view
    (NotFound for an unknown token, ClassOver once the class is over). One query, read by every
    student's class bar at each of the class's changes."""
    given = digest(token) if isinstance(token, str) else ""
    with reading(engine) as connection:
        row = connection.execute(MEMBER_STATUS, {"token_hash": given}).first()
    if row is None:
        raise NotFound(UNKNOWN_MEMBER)
    check_open(row, clock(now))
    return MemberStatus(row.code, row.member_count, view_of(row), row.member_id)


def purge(engine: sa.Engine, *, now: float | None = None) -> int:
    """Delete classes over for more than KEEP_ENDED_S (with their members, polls and results)
    and expired rate counters; return the number of classes deleted."""
    before = clock(now) - KEEP_ENDED_S
    with writing(engine) as connection:
        connection.execute(sa.delete(rate_counts).where(rate_counts.c.expires_at < clock(now)))
        over = sa.or_(classes.c.ended_at < before, classes.c.expires_at < before)
        return connection.execute(sa.delete(classes).where(over)).rowcount
