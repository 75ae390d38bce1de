"""The protocol load client holds a page as Streamlit's frontend (1.67) does.

``benchmarks/streamlit_page.py``: after a run the element tree keeps what the frontend's
``ClearStaleNodeVisitor`` keeps, and each widget hands over the value its frontend component
gives the ``WidgetStateManager`` (the server reads them back on every rerun).
"""

from __future__ import annotations

import pytest
from event_loops import run_alone
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.Element_pb2 import Element
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit_client import StreamlitSession, note_received, note_sent
from streamlit_page import AppTree, Node, element_key, url_number, widget_state


def put(tree: AppTree, path: list[int], run: str, fragment: str = "", text: str = "") -> None:
    """A markdown element ``text`` (or, without text, a vertical block) sent by ``run``."""
    node = Node(run, fragment)
    if text:
        node.element = Element()
        node.element.markdown.body = text
    else:
        node.block_type = "vertical"
    tree.set(path, node)


def texts(tree: AppTree) -> list[str]:
    return [node.element.markdown.body for _, node in tree.nodes()]


def test_a_full_run_keeps_only_what_it_sent():
    tree = AppTree()
    put(tree, [0, 0], "run1", text="title")
    put(tree, [0, 1], "run1", text="note of the last run")
    put(tree, [1, 0], "run1", text="sidebar")
    put(tree, [0, 0], "run2", text="title")
    assert texts(tree) == ["title", "note of the last run", "sidebar"]  # until it ends
    tree.clear_stale("run2", [])
    assert texts(tree) == ["title"]


def test_a_fragment_run_clears_only_inside_its_fragment():
    tree = AppTree()
    put(tree, [0, 0], "run1", text="outside")
    put(tree, [0, 1], "run1", fragment="live")
    put(tree, [0, 1, 0], "run1", fragment="live", text="frame 1")
    put(tree, [0, 1, 1], "run1", fragment="live", text="only in frame 1")
    put(tree, [0, 2], "run1", text="below")
    put(tree, [0, 1], "frag2", fragment="live")  # the fragment reruns: its block…
    put(tree, [0, 1, 0], "frag2", fragment="live", text="frame 2")  # …and one element
    assert texts(tree) == ["outside", "frame 2", "only in frame 1", "below"]
    tree.clear_stale("frag2", ["live"])
    assert texts(tree) == ["outside", "frame 2", "below"]


def test_a_block_replaced_by_another_type_loses_its_children():
    tree = AppTree()
    put(tree, [0, 0], "run1")
    put(tree, [0, 0, 0], "run1", text="in the block")
    put(tree, [0, 0], "run2")  # the same type: children kept until the run re-sends them
    assert texts(tree) == ["in the block"]
    put(tree, [0, 0], "run2", text="an element now")
    assert texts(tree) == ["an element now"]


def widget(kind: str, **fields) -> Element:
    element = Element()
    getattr(element, kind).SetInParent()
    for name, value in fields.items():
        target = getattr(getattr(element, kind), name)
        if isinstance(value, list):
            target.extend(value)
        else:
            setattr(getattr(element, kind), name, value)
    return element


def test_widgets_hand_over_their_default_or_the_value_the_server_set():
    seed = widget("slider", id="$$ID-1a2b-seed", default=[1.0], value=[3.0])
    assert list(widget_state(seed, current=False).double_array_value.data) == [1.0]
    assert list(widget_state(seed, current=True).double_array_value.data) == [3.0]
    assert element_key(seed) == "seed"
    epochs = widget("slider", id="$$ID-9f-epochs", options=["10", "20", "300"], default=[2.0])
    assert list(widget_state(epochs, current=False).string_array_value.data) == ["300"]
    epochs.slider.raw_value.append("20")
    assert list(widget_state(epochs, current=True).string_array_value.data) == ["20"]
    act = widget("selectbox", id="$$ID-77-act", options=["relu", "tanh"], default=1)
    assert widget_state(act, current=False).string_value == "tanh"
    act.selectbox.raw_value = "relu"
    assert widget_state(act, current=True).string_value == "relu"
    toggle = widget("checkbox", id="$$ID-5-std", default=True, value=False)
    assert widget_state(toggle, current=False).bool_value is True
    assert widget_state(toggle, current=True).bool_value is False
    assert widget_state(widget("file_uploader", id="$$ID-3-csv"), current=False) is None


def test_numbers_are_written_in_the_url_as_javascript_does():
    assert [url_number(4.0), url_number(0.25), url_number(300)] == ["4", "0.25", "300"]


def test_a_wait_that_times_out_says_the_last_messages_sent_and_received():
    session = StreamlitSession("http://127.0.0.1:9", "/classroom", timeout=0.01)
    rerun = BackMsg()
    rerun.rerun_script.query_string = "join=ABCD1234"
    rerun.rerun_script.page_name = "classroom"
    note_sent(session.trail, rerun)
    started = ForwardMsg()
    started.new_session.SetInParent()
    started.metadata.run.script_run_id = "abcdef123456"
    note_received(session.trail, started)
    for text in ("title", "bar", "form"):
        delta = ForwardMsg()
        delta.delta.new_element.markdown.body = text
        note_received(session.trail, delta)
    expected = r"→ rerun page classroom \?join=ABCD1234 \| ← new_session run abcdef \| ← deltas 3"
    with pytest.raises(TimeoutError, match=expected):
        run_alone(session.wait(lambda: False, 0.01))


def test_a_trail_counts_deltas_by_fragment_and_keeps_each_lines_first_prefix():
    trail: list[str] = []
    for prefix, fragment in (("1 ", "bar123456"), ("2 ", "bar123456"), ("3 ", ""), ("4 ", "")):
        delta = ForwardMsg()
        delta.delta.fragment_id = fragment
        delta.delta.new_element.markdown.body = "x"
        note_received(trail, delta, prefix=prefix)
    assert trail == ["1 ← deltas of fragment bar123: 2", "3 ← deltas 2"]
