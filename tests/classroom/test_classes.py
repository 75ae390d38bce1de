"""Classes: codes and secrets, expiry, ending, the teacher's view, joining and its rate limit."""

from __future__ import annotations

import hashlib
import math
import time

import pytest
import sqlalchemy as sa

from playground.classroom import codes
from playground.classroom.classes import (
    create_class,
    end_class,
    join_class,
    member_status,
    member_view,
    purge,
    resume_class,
    set_view,
)
from playground.classroom.limits import (
    ClassOver,
    LimitReached,
    Limits,
    NotAllowed,
    NotFound,
    RateLimited,
)
from playground.classroom.store import make_engine
from playground.classroom.tables import classes, members

T0 = math.floor(time.time() / 3600) * 3600.0
"""The hour this test run started in: calls without ``now`` fall inside its classes' 4 hours,
and a minute's rate window starts at T0."""


def test_join_codes_carry_40_bits_and_do_not_repeat():
    assert codes.CODE_BITS >= 40
    drawn = [codes.new_join_code() for _ in range(5000)]
    assert len(set(drawn)) == len(drawn)
    assert all(len(c) == codes.CODE_LENGTH and set(c) <= set(codes.ALPHABET) for c in drawn)
    # every symbol is used: the draw spans the whole alphabet
    assert set("".join(drawn)) == set(codes.ALPHABET)
    assert len(codes.new_secret()) * 6 >= 128 * 1.5  # 43 base64 characters = 256 bits
    assert codes.normalize_code("7k3q-x9pm") == "7K3QX9PM"
    assert codes.normalize_code("O1LI 2345") == "01112345"
    with pytest.raises(ValueError, match="join code must be 8 characters"):
        codes.normalize_code("ABC")


def test_the_teacher_secret_is_stored_only_hashed(engine):
    new = create_class(engine, now=T0)
    with engine.connect() as connection:
        row = connection.execute(sa.select(classes)).one()
    assert new.teacher_secret not in [str(v) for v in row]
    assert row.teacher_hash == hashlib.sha256(new.teacher_secret.encode()).hexdigest()
    assert new.teacher_secret not in repr(new)


def test_a_class_expires_after_four_hours_by_default(engine):
    new = create_class(engine, now=T0)
    student = join_class(engine, new.code, "s", now=T0 + 4 * 3600 - 1)
    assert member_view(engine, student.token, now=T0 + 4 * 3600 - 1).version == 1
    with pytest.raises(ClassOver, match="expired"):
        member_view(engine, student.token, now=T0 + 4 * 3600)
    with pytest.raises(ClassOver, match="expired"):
        join_class(engine, new.code, "s2", now=T0 + 4 * 3600)
    with pytest.raises(ValueError, match=r"hours must be in \(0.0, 24.0\]"):
        create_class(engine, hours=25)


def test_the_teacher_ends_a_class_and_only_the_teacher(engine):
    new = create_class(engine, now=T0)
    student = join_class(engine, new.code, "s", now=T0)
    with pytest.raises(NotAllowed, match="Only the teacher"):
        end_class(engine, new.code, student.token, now=T0)
    end_class(engine, new.code, new.teacher_secret, now=T0 + 60)
    for attempt in (
        lambda: member_view(engine, student.token, now=T0 + 61),
        lambda: join_class(engine, new.code, "s2", now=T0 + 61),
        lambda: resume_class(engine, new.code, new.teacher_secret, now=T0 + 61),
    ):
        with pytest.raises(ClassOver, match="ended by its teacher"):
            attempt()
    assert purge(engine, now=T0 + 60 + 24 * 3600 + 1) == 1
    with pytest.raises(NotFound):
        member_view(engine, student.token, now=T0 + 61)


def test_students_follow_the_teachers_view_by_its_version(engine):
    new = create_class(engine, page="entry", now=T0)
    student = join_class(engine, new.code.lower(), "s", now=T0)
    assert member_view(engine, student.token, now=T0).page == "entry"
    moved = set_view(
        engine, new.code, new.teacher_secret, page="ewma", scene="noisy", settings={"beta": 0.9},
        now=T0 + 1,
    )  # fmt: skip
    seen = member_view(engine, student.token, now=T0 + 2)
    assert seen == moved and (seen.version, seen.scene, seen.settings) == (
        2,
        "noisy",
        {"beta": 0.9},
    )
    # the teacher's tab closed: the teacher link resumes the class where it was
    assert resume_class(engine, new.code, new.teacher_secret, now=T0 + 3).view == moved
    with pytest.raises(ValueError, match="settings must hold only JSON values with finite"):
        set_view(engine, new.code, new.teacher_secret, page="x", settings={"a": float("nan")})


def test_a_member_sees_the_class_code_its_size_the_view_and_its_id_in_one_read(engine):
    new = create_class(engine, page="classroom", now=T0)
    first = join_class(engine, new.code, "s1", now=T0)
    join_class(engine, new.code, "s2", now=T0)
    moved = set_view(engine, new.code, new.teacher_secret, page="ewma", now=T0 + 1)
    other = create_class(engine, page="ewma", now=T0)
    alone = join_class(engine, other.code, "s3", now=T0)
    status = member_status(engine, first.token, now=T0 + 2)
    assert (status.code, status.members, status.view) == (new.code, 2, moved)
    assert member_status(engine, alone.token, now=T0 + 2).members == 1  # its own class's count
    assert status.member_id == first.member_id  # what its class-search assignment is drawn from
    with pytest.raises(NotFound, match="join again with the class code"):
        member_status(engine, "not-a-token", now=T0 + 2)
    end_class(engine, new.code, new.teacher_secret, now=T0 + 3)
    with pytest.raises(ClassOver, match="ended by its teacher"):
        member_status(engine, first.token, now=T0 + 4)


def test_joins_are_rate_limited_per_session_in_the_database(engine, store_url):
    new = create_class(engine, now=T0)
    for i in range(10):
        join_class(engine, new.code, "one-session", now=T0 + i)
    with pytest.raises(
        RateLimited, match=r"Too many joins: the limit is 10 per 60 s for each session"
    ):
        join_class(engine, new.code, "one-session", now=T0 + 10)
    # the count lives in the database: another replica's engine sees it
    other = make_engine(store_url)
    with pytest.raises(RateLimited):
        join_class(other, new.code, "one-session", now=T0 + 11)
    other.dispose()
    join_class(engine, new.code, "another-session", now=T0 + 11)
    join_class(engine, new.code, "one-session", now=T0 + 60)  # the next window
    assert resume_class(engine, new.code, new.teacher_secret, now=T0 + 61).members == 12


def test_a_class_has_a_bounded_number_of_members(engine):
    new = create_class(engine, now=T0)
    limits = Limits(members_per_class=3)
    for i in range(3):
        join_class(engine, new.code, f"s{i}", now=T0, limits=limits)
    with pytest.raises(LimitReached, match="at most 3 members"):
        join_class(engine, new.code, "s4", now=T0, limits=limits)


def test_nicknames_are_bounded_and_stored_as_typed(engine):
    new = create_class(engine, now=T0)
    raw = "<b>Ana</b> & co"
    student = join_class(engine, new.code, "s", nickname=f"  {raw} ", now=T0)
    assert student.nickname == raw
    with engine.connect() as connection:
        assert connection.execute(sa.select(members.c.nickname)).scalar() == raw
    assert join_class(engine, new.code, "s2", nickname="   ", now=T0).nickname is None
    with pytest.raises(ValueError, match="nickname must be 1 to 40 printable characters; got 41"):
        join_class(engine, new.code, "s3", nickname="x" * 41, now=T0)
    with pytest.raises(NotFound, match="No class has the code"):
        join_class(engine, "ZZZZZZZZ", "s4", now=T0)
