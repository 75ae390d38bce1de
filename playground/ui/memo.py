"""Keep a page's last figures in the session and reuse them while their inputs stay the same:
building a Plotly figure (validating it and copying its template) — or unpickling one from
``st.cache_data`` — is the slowest part of a rerun, and most reruns change one figure at most."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

import streamlit as st

T = TypeVar("T")
STORE = "memo:figures"


def remembered(name: str, signature: object, build: Callable[[], T], keep: int = 1) -> T:
    """What ``build()`` returned for ``name`` and a signature equal (==) to ``signature``, if
    it is among the last ``keep`` kept for ``name`` in this session; else a new one."""
    held: list = st.session_state.setdefault(STORE, {}).setdefault(name, [])
    for index, (known, value) in enumerate(held):
        if known == signature:
            held.append(held.pop(index))  # most recently used last
            return value
    value = build()
    held.append((signature, value))
    del held[:-keep]
    return value


def signature(values: dict) -> tuple:
    """A hashable signature of a page's settings."""
    return tuple(sorted(values.items()))
