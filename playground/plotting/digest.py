"""A figure's digest: equal for two figures exactly when Plotly would send the same JSON.

A class that opens one scene draws the same figures in every student's session (the same
untrained networks, the same axes). Sending a figure (``to_dict``, a deep copy, then the JSON
with every array base64-encoded) costs several times what reading it once does, so the page
sends each distinct figure once per server and replays it for the others
(``playground.ui.figures.show``); the digest is how it tells them apart.

The digest reads the figure's own properties without copying them: ``figure._data`` (one dict
per trace) and ``figure._layout``, the dicts ``to_dict`` copies. Arrays count by their type,
shape and bytes, numbers and strings by their type and exact ``repr`` (1 and 1.0, True and 1
are told apart, as the JSON does). A figure with animation frames, or with a value of any other
type, has no digest (None): it is always sent afresh.
"""

from __future__ import annotations

import hashlib
from typing import Any

import numpy as np
import plotly.graph_objects as go

SCALARS = (str, int, float, bool, np.generic, type(None))
"""The leaf values a digest reads by ``repr``."""


class _Unreadable(Exception):
    """A value the digest does not know how to read."""


def figure_digest(figure: go.Figure) -> str | None:
    """The blake2b digest of ``figure``'s traces and layout (32 hex digits), or None when it
    has animation frames or a value the digest cannot read."""
    if figure.frames:
        return None
    hasher = hashlib.blake2b(digest_size=16)
    try:
        _feed(hasher, [figure._data, figure._layout])
    except _Unreadable:
        return None
    return hasher.hexdigest()


def _feed(hasher: Any, value: object) -> None:
    """Add ``value`` to ``hasher``, tagged by its kind so that no two values read alike."""
    if isinstance(value, dict):
        hasher.update(b"{")
        for name, item in value.items():
            hasher.update(f"{name!r}:".encode())
            _feed(hasher, item)
        hasher.update(b"}")
    elif isinstance(value, (list, tuple)):
        hasher.update(b"[")
        for item in value:
            _feed(hasher, item)
        hasher.update(b"]")
    elif isinstance(value, np.ndarray):
        _feed_array(hasher, value)
    elif isinstance(value, SCALARS):
        hasher.update(f"{type(value).__name__}:{value!r};".encode())
    else:
        raise _Unreadable(type(value).__name__)


def _feed_array(hasher: Any, array: np.ndarray) -> None:
    if array.dtype.hasobject:
        _feed(hasher, array.tolist())
        return
    hasher.update(f"<{array.dtype.str}{array.shape}>".encode())
    hasher.update(np.ascontiguousarray(array).tobytes())
