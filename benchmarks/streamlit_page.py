"""The page as Streamlit's frontend (1.67) holds it: the element tree and the widget values.

``AppTree`` places every delta at its ``metadata.delta_path`` and keeps, per node, the script
run and fragment that sent it; ``clear_stale`` is the frontend's ``ClearStaleNodeVisitor``.
``widget_state`` is the value a widget component hands the ``WidgetStateManager`` when it is
first drawn or when the server sets its value. ``streamlit_client.StreamlitSession`` uses both.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from streamlit.proto.Element_pb2 import Element
from streamlit.proto.WidgetStates_pb2 import WidgetState

WIDGET_KEY = re.compile(r"^\$\$ID-[0-9a-f]+-(?P<key>.+)$")
"""Streamlit's id of a widget with a user key: ``$$ID-<hash>-<key>``."""


# The element tree --------------------------------------------------------------------------


@dataclass
class Node:
    """An element or a block at one delta path, with the run and fragment that sent it."""

    run_id: str
    fragment_id: str
    element: Element | None = None
    block_type: str | None = None
    children: dict[int, Node] = field(default_factory=dict)
    arrived: int = 0
    """Index of the message that set this node (to tell what arrived after an action)."""


class AppTree:
    """The page as the frontend holds it: containers (0 main, 1 sidebar, …) of nested nodes."""

    def __init__(self) -> None:
        self.root = Node(run_id="", fragment_id="")

    def set(self, path: list[int], node: Node) -> None:
        """Put ``node`` at ``path``; every block on the way is marked with the node's run (the
        frontend's ``setNodeAtPath``). A block replacing a block of the same type keeps its
        children (as ``addBlock`` does)."""
        parent = self.root
        for index in path[:-1]:
            parent.run_id = node.run_id
            parent = parent.children.setdefault(index, Node(node.run_id, ""))
        parent.run_id = node.run_id
        old = parent.children.get(path[-1])
        if node.block_type is not None and old is not None and old.block_type == node.block_type:
            node.children = old.children
        parent.children[path[-1]] = node

    def clear_stale(self, run_id: str, fragment_ids: list[str]) -> None:
        """Drop the nodes a finished run did not re-send (the frontend's
        ``ClearStaleNodeVisitor``): after a full run every node of another run; after a
        fragment run only the stale nodes inside the fragments that ran."""
        for index, container in list(self.root.children.items()):
            kept = _clear_block(container, run_id, fragment_ids, None)
            self.root.children[index] = kept or Node(run_id, "")

    def nodes(self, container: int | None = None) -> Iterator[tuple[tuple[int, ...], Node]]:
        """Every element node in page order (depth first by delta path)."""
        roots = self.root.children.items()
        for index, node in sorted(roots):
            if container is None or index == container:
                yield from _walk(node, (index,))


def _clear_block(block: Node, run_id: str, fragments: list[str], inside: str | None):
    if fragments:
        if inside and block.run_id != run_id:
            return None
        if block.fragment_id in fragments and block.run_id == run_id:
            inside = block.fragment_id
    elif block.run_id != run_id:
        return None
    children = {}
    for index, child in block.children.items():
        if child.element is None:
            kept = _clear_block(child, run_id, fragments, inside)
        else:
            kept = child if _keep_element(child, run_id, fragments, inside) else None
        if kept is not None:
            children[index] = kept
    block.children, block.run_id = children, run_id
    return block


def _keep_element(node: Node, run_id: str, fragments: list[str], inside: str | None) -> bool:
    if node.element.WhichOneof("type") == "toast" or node.run_id == run_id:
        return True
    return bool(fragments) and (not node.fragment_id or not inside)


def _walk(node: Node, path: tuple[int, ...]) -> Iterator[tuple[tuple[int, ...], Node]]:
    if node.element is not None:
        yield path, node
    for index, child in sorted(node.children.items()):
        yield from _walk(child, (*path, index))


# Widget values, as the frontend's widgets hand them to the WidgetStateManager -------------------


def widget_state(element: Element, current: bool) -> WidgetState | None:
    """The state a widget's frontend component stores for ``element``: its value from the
    server (``current``, when the element says ``set_value``) or its default; None for a widget
    the client does not model (the server then keeps its value) or without a value."""
    kind = element.WhichOneof("type")
    widget = getattr(element, kind)
    state = WidgetState(id=getattr(widget, "id", ""))
    if kind == "slider" and widget.options:  # select_slider: the options' labels
        if current and widget.raw_value:
            labels = list(widget.raw_value)
        else:
            labels = [widget.options[int(i)] for i in widget.default]
        state.string_array_value.data.extend(labels)
    elif kind == "slider":
        state.double_array_value.data.extend(widget.value if current else widget.default)
    elif kind == "checkbox":
        state.bool_value = widget.value if current else widget.default
    elif kind in ("selectbox", "radio"):
        if current and widget.HasField("raw_value"):
            state.string_value = widget.raw_value
        elif not current and widget.options and widget.HasField("default"):
            state.string_value = widget.options[widget.default]
        else:
            return None
    elif kind in ("text_input", "text_area"):
        if not current and not widget.HasField("default"):
            return None
        state.string_value = widget.value if current else widget.default
    else:
        return None
    return state


def url_number(value: float) -> str:
    """A number as JavaScript's ``String()`` writes it in the URL (4.0 → "4")."""
    return str(int(value)) if float(value).is_integer() else repr(float(value))


def element_id(element: Element) -> str:
    """The id of a widget or chart element ("" for other elements)."""
    return getattr(getattr(element, element.WhichOneof("type")), "id", "")


def element_key(element: Element) -> str | None:
    """The user key of a widget element (None without one)."""
    match = WIDGET_KEY.match(element_id(element))
    return match["key"] if match else None
