"""Frames: a training object's state, sent from a worker process to the server a little at a time.

A worker sends the object it trains (a ``Run``) many times a second. Two parts of it would make
each frame cost as much as the whole run so far: the data set, which never changes, and the
``History`` lists, which only grow. So a frame is the object pickled with

* each *shared* object (the data, which the server already holds) replaced by its index, and
* each list of a ``History`` replaced by its *tail*: the entries after the ones already sent.

``FrameEncoder`` (worker side) remembers how much of each list it has sent; ``FrameDecoder``
(server side) keeps the lists it has rebuilt and gives every frame lists of its own (the last
frame's entries plus the tail), so a frame already drawn never changes under the page. Frames
must be decoded in the order they were encoded.
"""

from __future__ import annotations

import io
import pickle
from dataclasses import fields
from typing import Any

from playground.engine.train import History


def history_lists(obj: object) -> dict[str, list]:
    """The append-only lists of the ``History`` an object trains (``obj.history``), by name."""
    history = getattr(obj, "history", None)
    if not isinstance(history, History):
        return {}
    lists = {f.name: getattr(history, f.name) for f in fields(history)}
    return {name: value for name, value in lists.items() if isinstance(value, list)}


class FrameEncoder:
    """Pickles frames of one object for one ``FrameDecoder``: shared objects by index, history
    lists by their unsent tail."""

    def __init__(self, shared: list) -> None:
        self.shared = {id(thing): index for index, thing in enumerate(shared)}
        self.sent: dict[str, int] = {}

    def encode(self, obj: object) -> bytes:
        lists = {id(value): (name, value) for name, value in history_lists(obj).items()}
        sent = dict(self.sent)
        buffer = io.BytesIO()
        pickler = pickle.Pickler(buffer, protocol=pickle.HIGHEST_PROTOCOL)

        def persistent_id(thing: Any) -> tuple | None:
            index = self.shared.get(id(thing))
            if index is not None:
                return ("shared", index)
            named = lists.get(id(thing))
            if named is None or named[1] is not thing:
                return None
            name, value = named
            start = self.sent.get(name, 0)
            start = start if start <= len(value) else 0  # shortened: send it whole
            sent[name] = len(value)
            return ("tail", name, start, value[start:])

        pickler.persistent_id = persistent_id
        pickler.dump(obj)
        self.sent = sent
        return buffer.getvalue()


class FrameDecoder:
    """Unpickles the frames of one ``FrameEncoder`` in order, giving back the shared objects
    the server holds and each history list rebuilt from its tails."""

    def __init__(self, shared: list) -> None:
        self.shared = shared
        self.lists: dict[str, list] = {}

    def decode(self, frame: bytes) -> Any:
        unpickler = pickle.Unpickler(io.BytesIO(frame))

        def persistent_load(key: tuple) -> Any:
            if key[0] == "shared":
                return self.shared[key[1]]
            _, name, start, tail = key
            rebuilt = self.lists.get(name, [])[:start] + tail
            self.lists[name] = rebuilt
            return rebuilt

        unpickler.persistent_load = persistent_load
        return unpickler.load()
