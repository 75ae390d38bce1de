"""Frames: a training object's state, sent from a worker process to the server a little at a time.

A worker sends the object it trains (a ``Run``) many times a second. Two parts of it would make
each frame cost as much as the whole run so far: the data set, which never changes, and the
``History`` lists, which only grow. So a frame is

* the *tails* of the history lists — the entries after the ones already sent — and
* the *body*: the object pickled with each *shared* object (the data, which the server already
  holds) replaced by its index and each history list by its name and length.

``FrameEncoder`` (worker side) remembers how much of each list it has sent; ``FrameDecoder``
(server side) keeps the lists rebuilt from the tails. A page draws only some of the frames: a
frame it skips costs only its tails (``FrameDecoder.skip``); a frame it draws is unpickled whole
(``FrameDecoder.decode``) and gets lists of its own, so a frame already drawn never changes under
the page. Frames must be taken in the order they were encoded.
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
        tails: dict[str, tuple[int, list]] = {}
        body = io.BytesIO()
        pickler = pickle.Pickler(body, protocol=pickle.HIGHEST_PROTOCOL)

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
            tails[name] = (start, value[start:])
            return ("list", name, len(value))

        pickler.persistent_id = persistent_id
        pickler.dump(obj)
        self.sent.update({name: start + len(tail) for name, (start, tail) in tails.items()})
        return pickle.dumps((tails, body.getvalue()), protocol=pickle.HIGHEST_PROTOCOL)


class FrameDecoder:
    """Takes the frames of one ``FrameEncoder`` in order: ``skip`` keeps only their history
    tails, ``decode`` gives the object back with the server's shared objects and lists of its
    own."""

    def __init__(self, shared: list) -> None:
        self.shared = shared
        self.lists: dict[str, list] = {}

    def skip(self, frame: bytes) -> bytes:
        """Add the frame's history tails to the lists; the body, still pickled."""
        tails, body = pickle.loads(frame)
        for name, (start, tail) in tails.items():
            rebuilt = self.lists.setdefault(name, [])
            del rebuilt[start:]
            rebuilt.extend(tail)
        return body

    def decode(self, frame: bytes) -> Any:
        """The object of the frame (which is taken, as by ``skip``)."""
        unpickler = pickle.Unpickler(io.BytesIO(self.skip(frame)))

        def persistent_load(key: tuple) -> Any:
            if key[0] == "shared":
                return self.shared[key[1]]
            _, name, length = key
            return self.lists[name][:length]

        unpickler.persistent_load = persistent_load
        return unpickler.load()
