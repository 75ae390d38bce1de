"""Results a server process keeps for all its sessions: the last few made, by what they depend on.

A class that opens one scene shows every student the same untrained networks, so what is
computed from them (a boundary's background, dropout's activation means) is the same in every
session: it is made once and kept. The keys say everything a result depends on; a result is
shared, so its users copy it before changing it (or it cannot be changed).
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

V = TypeVar("V")


class Kept(Generic[V]):
    """The last ``size`` values made, by key, safe to share between threads."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._values: OrderedDict[Hashable, V] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: Hashable, make: Callable[[], V]) -> V:
        """The value kept for ``key``, else ``make()``'s, kept from now on (the least recently
        used one dropped beyond ``size``). Two threads asking for a new key at once both make
        it; the second one is kept."""
        with self._lock:
            value = self._values.get(key)
            if value is not None:
                self._values.move_to_end(key)
                return value
        value = make()
        with self._lock:
            self._values[key] = value
            while len(self._values) > self.size:
                self._values.popitem(last=False)
        return value

    def __len__(self) -> int:
        return len(self._values)
