"""The class watcher pushes a class's changes to exactly its students' sessions (against a real
SQLite store; the rerun itself is recorded, the served app's is in tests/e2e/test_classroom.py),
and script runs take turns."""

from __future__ import annotations

import threading

from playground.classroom.classes import create_class, set_view
from playground.classroom.polls import open_poll
from playground.classroom.store import open_store
from playground.ui import script_turns
from playground.ui.class_push import ClassWatch


def test_a_change_is_pushed_to_each_student_of_that_class_only_and_once(tmp_path):
    store = open_store(f"sqlite:///{tmp_path / 'class.db'}")
    ours, theirs = create_class(store), create_class(store)
    pushed: list[tuple[str, str]] = []
    gone = {"closed-tab"}

    def rerun(session: str, fragment: str) -> bool:
        pushed.append((session, fragment))
        return session not in gone

    watch = ClassWatch(store, rerun, watching=False)
    watch.watch("ana", ours.code, "bar-1")
    watch.watch("bo", ours.code, "bar-2")
    watch.watch("closed-tab", ours.code, "bar-3")
    watch.watch("cy", theirs.code, "bar-4")
    watch.check()  # first sight of each class: every bar reads it once
    assert sorted(pushed) == [("ana", "bar-1"), ("bo", "bar-2"), ("closed-tab", "bar-3"),
                              ("cy", "bar-4")]  # fmt: skip
    assert "closed-tab" not in watch.sessions  # forgotten once its session is gone
    pushed.clear()
    watch.check()
    assert pushed == []  # nothing changed, nothing pushed
    set_view(store, ours.code, ours.teacher_secret, page="lr_decay", scene="decay-too-fast")
    watch.check()
    assert sorted(pushed) == [("ana", "bar-1"), ("bo", "bar-2")]
    pushed.clear()
    open_poll(store, theirs.code, theirs.teacher_secret, question_id="q", choices=["a", "b"])
    watch.forget("cy")
    watch.watch("dee", theirs.code, "bar-5")
    watch.check()
    assert pushed == [("dee", "bar-5")]
    watch.check()
    assert len(pushed) == 1


def test_at_most_two_script_runs_take_their_turn_at_once_and_a_turn_nests():
    inside = [threading.Event() for _ in range(3)]
    leave = [threading.Event() for _ in range(3)]

    def run(index: int) -> None:
        with script_turns.turn(), script_turns.turn():  # a fragment drawn inside a page's run
            inside[index].set()
            leave[index].wait()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(3)]
    for thread in threads[:2]:
        thread.start()
    assert inside[0].wait(60) and inside[1].wait(60)
    threads[2].start()
    assert not script_turns._turns.acquire(blocking=False)  # both turns are taken
    leave[0].set()
    assert inside[2].wait(60)  # the third run gets the freed turn
    leave[1].set()
    leave[2].set()
    for thread in threads:
        thread.join()
    assert script_turns._turns.acquire(blocking=False)  # every turn was given back
    script_turns._turns.release()
