"""The class watcher pushes a class's changes to exactly its students' sessions (against a real
SQLite store; the rerun itself is recorded, the served app's is in tests/e2e/test_classroom.py),
and script runs take turns."""

from __future__ import annotations

import asyncio
import threading

from event_loops import run_alone
from streamlit.proto.ClientState_pb2 import ClientState
from streamlit.runtime.app_session import AppSessionState

from playground.classroom.classes import create_class, set_view
from playground.classroom.polls import open_poll
from playground.classroom.store import open_store
from playground.ui import script_turns
from playground.ui.class_push import SENT_POLL_S, ClassWatch, _rerun_when_sent


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


class StandInSession:
    """What ``_rerun_when_sent`` reads of a Streamlit session: its loop and its run state."""

    def __init__(self, loop: asyncio.AbstractEventLoop) -> None:
        self._event_loop = loop
        self._state = AppSessionState.APP_IS_RUNNING
        self.asked: list[str] = []

    def request_rerun(self, state: ClientState) -> None:
        self.asked.append(state.fragment_id)


def test_a_push_waits_until_the_loop_has_seen_the_sessions_run_stop():
    """A rerun asked while the loop still holds a finished run's last messages would start a new
    script runner and drop them (half a page, no end of run): the push waits for the stop."""

    async def scenario() -> None:
        session = StandInSession(asyncio.get_running_loop())
        state = ClientState(fragment_id="bar")
        _rerun_when_sent(session, state)
        await asyncio.sleep(5 * SENT_POLL_S)  # however long: never asked while it runs
        assert session.asked == []
        session._state = AppSessionState.APP_NOT_RUNNING
        while not session.asked:
            await asyncio.sleep(SENT_POLL_S)
        assert session.asked == ["bar"]

    run_alone(scenario())


def test_a_push_to_a_session_shutting_down_is_dropped():
    async def scenario() -> None:
        session = StandInSession(asyncio.get_running_loop())
        session._state = AppSessionState.SHUTDOWN_REQUESTED
        _rerun_when_sent(session, ClientState(fragment_id="bar"))
        await asyncio.sleep(3 * SENT_POLL_S)
        assert session.asked == []

    run_alone(scenario())
