"""The live-class load benchmark reads a screen as a student or teacher sees it.

``benchmarks/load_classroom.py`` decides from a session's element tree whether an action of the
teacher has reached the screen; ``streamlit_client.py`` follows the top navigation. These tests
feed them the messages a server sends, without a server.
"""

from __future__ import annotations

import pytest
from event_loops import run_alone
from load_classroom import (
    ACTIONS,
    LESSON,
    answers,
    figures,
    on_page,
    on_scene,
    poll_radio,
    tally,
    tally_complete,
)
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit_client import ProtocolError, StreamlitSession

from playground.catalog import find_scene

PAGES = {"": "hash-home", "classroom": "hash-class", "regularization": "hash-reg"}


def session(page: str = "regularization") -> StreamlitSession:
    """A session that has been told the app's pages and runs ``page`` (no server)."""
    client = StreamlitSession("http://127.0.0.1:1", f"/{page}")
    msg = ForwardMsg()
    for path, page_hash in PAGES.items():
        msg.navigation.app_pages.add(url_pathname=path, page_script_hash=page_hash)
    msg.navigation.page_script_hash = PAGES[page]
    client._handle(msg)
    return client


def element(client: StreamlitSession, path: list[int], kind: str, **fields) -> None:
    """A delta of a ``kind`` element with ``fields`` at ``path`` of the current run."""
    msg = ForwardMsg()
    msg.metadata.delta_path.extend(path)
    target = getattr(msg.delta.new_element, kind)
    for name, value in fields.items():
        if isinstance(value, list):
            getattr(target, name).extend(value)
        else:
            setattr(target, name, value)
    client._handle(msg)


def test_the_lesson_is_ten_scene_changes_ending_on_a_question():
    assert len(LESSON) == 10
    for (page, scene), (next_page, next_scene) in zip(LESSON, LESSON[1:], strict=False):
        assert (page, scene) != (next_page, next_scene), "each pick changes the scene"
    assert all(find_scene(page, scene) for page, scene in LESSON)
    assert find_scene(*LESSON[-1]).question is not None
    assert ACTIONS == ("page", "scene", "poll", "reveal", "search")


def test_navigation_names_the_page_that_runs_and_opens_another():
    client = session("regularization")
    assert client.page == "regularization" and client.pages == PAGES
    sent = []

    async def send(data: bytes) -> None:
        sent.append(data)

    client._socket = type("Socket", (), {"send": staticmethod(send)})()
    client.query = "teach=CODE.secret&scene=overfitting"
    run_alone(client.navigate("classroom"))
    assert client.page == "classroom" and client.query == ""
    with pytest.raises(ProtocolError, match="no page 'nowhere'"):
        run_alone(client.navigate("nowhere"))


def test_a_student_shows_the_page_once_its_title_arrived_and_the_scene_in_its_picker():
    client = session("regularization")
    assert not on_page("regularization")(client)
    element(client, [0, 0], "heading", body="Regularization")
    assert on_page("regularization")(client) and not on_page("classroom")(client)
    name = find_scene("regularization", "l2-fixes-it").name
    element(
        client,
        [0, 1],
        "selectbox",
        id="$$ID-1f-scene_regularization",
        options=["custom settings", name],
        raw_value=name,
        set_value=True,
    )
    assert on_scene("regularization", "l2-fixes-it")(client)
    assert not on_scene("regularization", "overfitting")(client)


def test_the_poll_radio_is_found_by_its_key():
    client = session()
    element(client, [0, 0], "radio", id="$$ID-2a-predict_regularization", options=["a", "b"])
    assert poll_radio(client) is None
    element(client, [0, 1], "radio", id="$$ID-3b-class_poll_7", options=["a", "b"])
    assert poll_radio(client) == "class_poll_7"


def test_the_tally_is_complete_only_with_every_answer_counted_per_choice():
    choices = ("It rises", "It falls", "It stays level")
    given = answers(choices, 7)
    assert given[:4] == ["It rises", "It falls", "It stays level", "It rises"]
    counts = tally(choices, given)
    assert counts == [3, 2, 2]
    teacher = session()
    element(teacher, [0, 0], "markdown", body="**📣 The class answers: 7 of 7**")
    for index, (choice, count) in enumerate(zip(choices, [3, 1, 3], strict=True)):
        element(teacher, [0, 1 + index], "progress", value=count, text=f"{choice}: {count}")
    element(teacher, [0, 4], "progress", value=0, text="Epoch 0 of 500")  # the run's own bar
    assert not tally_complete(choices, counts)(teacher)
    element(teacher, [0, 2], "progress", value=2, text="It falls: 2")
    element(teacher, [0, 3], "progress", value=2, text="It stays level: 2")
    assert tally_complete(choices, counts)(teacher)


def test_figures_give_each_kind_and_all_teacher_actions_with_their_errors():
    samples = [("scene", 0.1 * i, None) for i in range(1, 21)]
    samples += [("poll", 0.5, None), ("poll", None, "student 3: TimeoutError")]
    samples += [("tally", 1.5, None), ("teacher", None, "teacher: picked x, shows y")]
    rows = {row["kind"]: row for row in figures(samples)}
    assert list(rows) == ["scene", "poll", "tally", "teacher", "all actions"]
    assert rows["scene"] == {
        "kind": "scene",
        "samples": 20,
        "errors": 0,
        "p50_s": 1.05,
        "p95_s": 1.9,
        "max_s": 2.0,
    }
    assert rows["poll"]["errors"] == 1 and rows["poll"]["max_s"] == 0.5
    assert rows["all actions"]["samples"] == 22 and rows["all actions"]["errors"] == 1
    assert rows["teacher"]["errors"] == 1 and rows["teacher"]["p50_s"] is None
