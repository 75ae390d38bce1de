"""A class's stamp changes with every change its students' screens show — the teacher's view, a
poll opened or revealed, the class ending or expiring — and with nothing else (a student
joining, an answer)."""

from __future__ import annotations

import math
import time

from playground.classroom.classes import create_class, end_class, join_class, set_view
from playground.classroom.polls import answer_poll, open_poll, reveal_poll
from playground.classroom.results import start_search
from playground.classroom.stamps import Stamp, class_stamps

T0 = math.floor(time.time() / 3600) * 3600.0
CHOICES = ["faster", "slower"]


def test_a_stamp_changes_exactly_when_what_students_see_changes(engine):
    new = create_class(engine, now=T0)
    other = create_class(engine, now=T0)
    code, secret = new.code, new.teacher_secret

    def stamp() -> Stamp:
        return class_stamps(engine, [code], now=T0 + 1)[code]

    first = stamp()
    assert first == Stamp(version=1, last_poll=0, revealed=0, over=False)
    ana = join_class(engine, code, "s1", now=T0)
    assert stamp() == first  # joining shows nothing new to the others
    set_view(engine, code, secret, page="lr_decay", scene="decay-too-fast")
    moved = stamp()
    assert moved.version == first.version + 1
    poll = open_poll(engine, code, secret, question_id="lr_decay/q", choices=CHOICES)
    asked = stamp()
    assert (asked.version, asked.last_poll, asked.revealed) == (moved.version, poll, 0)
    answer_poll(engine, ana.token, poll, "faster")
    assert stamp() == asked
    reveal_poll(engine, code, secret, poll, answer="faster")
    assert stamp().revealed == 1
    start_search(engine, code, secret, space={})
    assert stamp().version == moved.version + 1
    assert class_stamps(engine, [code], now=new.expires_at)[code].over
    end_class(engine, code, secret)
    assert stamp().over
    both = class_stamps(engine, [code, other.code, "NOCLASS00"], now=T0 + 1)
    assert set(both) == {code, other.code} and not both[other.code].over
    assert class_stamps(engine, []) == {}
