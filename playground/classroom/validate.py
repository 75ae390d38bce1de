"""Checks of what people and pages send to a class; each error names the field and its range."""

from __future__ import annotations

import json
import math
from collections.abc import Mapping, Sequence
from numbers import Real

MAX_NAME = 100
"""Longest page, scene, question id, session key or poll choice."""
MAX_NICKNAME = 40
MAX_ANSWER = 500
"""Longest revealed answer text."""
MAX_JSON_BYTES = 8192
"""Largest settings dict or search space, as JSON."""
MAX_ENTRIES = 16
"""Most entries in a result's hyperparameters or metrics."""
MAX_CHOICES = 8


def check_text(name: str, value: object, max_len: int, *, min_len: int = 1) -> str:
    """Return ``value`` stripped, or raise ValueError unless it is printable text of
    min_len..max_len characters (stored raw: the UI escapes what it shows)."""
    if not isinstance(value, str):
        raise ValueError(f"{name} must be text; got {value!r}")
    text = value.strip()
    if not min_len <= len(text) <= max_len or not text.isprintable():
        raise ValueError(
            f"{name} must be {min_len} to {max_len} printable characters; got {len(text)}"
        )
    return text


def check_nickname(value: object) -> str | None:
    """An optional nickname: None or blank means none; else 1..MAX_NICKNAME printable characters."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    return check_text("nickname", value, MAX_NICKNAME)


def check_json(name: str, value: object) -> dict:
    """Return ``value`` unless it is not a dict that serializes to at most MAX_JSON_BYTES of JSON
    with finite numbers."""
    if not isinstance(value, Mapping):
        raise ValueError(f"{name} must be a dict; got {type(value).__name__}")
    try:
        size = len(json.dumps(dict(value), allow_nan=False).encode())
    except (TypeError, ValueError) as error:
        raise ValueError(
            f"{name} must hold only JSON values with finite numbers ({error})"
        ) from None
    if size > MAX_JSON_BYTES:
        raise ValueError(f"{name} must be at most {MAX_JSON_BYTES} bytes as JSON; got {size}")
    return dict(value)


def check_entries(name: str, value: object, *, text_allowed: bool) -> dict[str, object]:
    """A flat dict of at most MAX_ENTRIES named values: finite numbers (and, if ``text_allowed``,
    short texts such as an optimizer's name)."""
    if not isinstance(value, Mapping) or len(value) > MAX_ENTRIES:
        raise ValueError(f"{name} must be a dict of at most {MAX_ENTRIES} entries")
    entries = {}
    for key, item in value.items():
        key = check_text(f"{name} key", key, 40)
        if isinstance(item, Real) and not isinstance(item, bool) and math.isfinite(item):
            entries[key] = float(item) if isinstance(item, float) else int(item)
        elif text_allowed and isinstance(item, str | bool):
            entries[key] = (
                item if isinstance(item, bool) else check_text(f"{name}[{key}]", item, 40)
            )
        else:
            kinds = "a finite number or a short text" if text_allowed else "a finite number"
            raise ValueError(f"{name}[{key}] must be {kinds}; got {item!r}")
    return entries


def check_choices(value: object) -> list[str]:
    """A poll's 2..MAX_CHOICES distinct choices, each 1..MAX_NAME characters."""
    if isinstance(value, str) or not isinstance(value, Sequence):
        raise ValueError(f"choices must be a list of 2 to {MAX_CHOICES} texts")
    choices = [check_text("choice", choice, MAX_NAME) for choice in value]
    if not 2 <= len(choices) <= MAX_CHOICES or len(set(choices)) != len(choices):
        raise ValueError(f"choices must be 2 to {MAX_CHOICES} distinct texts; got {len(choices)}")
    return choices
