"""A page's values checked against its settings table: the strict sibling of
:func:`playground.engine.config.coerce_settings`, for the functions a page's values go into."""

from __future__ import annotations

from collections.abc import Mapping

from playground.engine.config import Setting


def check_values(table: Mapping[str, Setting], values: object) -> dict[str, object]:
    """Every setting of ``table``, validated from ``values``; unknown keys are dropped.

    Raises
    ------
    ValueError
        If ``values`` is not a dict, misses a setting of ``table``, or holds a value its setting
        refuses (the message names the setting and its allowed range).
    """
    if not isinstance(values, dict):
        raise ValueError(f"values must be a dict of page settings; got {type(values).__name__}")
    missing = [key for key in table if key not in values]
    if missing:
        raise ValueError(f"values is missing the settings {', '.join(missing)}")
    return {key: setting.validate(values[key]) for key, setting in table.items()}
