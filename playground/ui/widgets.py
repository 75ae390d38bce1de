"""One widget per declared ``Setting``, bound to the URL with Streamlit's own query-param binding.

The widget's key is the setting's key, so ``?lr=0.1`` sets the learning-rate slider; a URL value
the widget cannot take (unknown option, out of range, wrong type) is ignored by Streamlit and the
widget keeps its default. ``read`` validates the values once more with the core's spec.
"""

from __future__ import annotations

from collections.abc import Iterable

import streamlit as st

from playground.config import Setting


def setting_widget(setting: Setting, container=None, disabled: bool = False) -> object:
    """Draw the widget for ``setting`` in ``container`` (default: the sidebar); return its value."""
    where = st.sidebar if container is None else container
    common = {
        "key": setting.key,
        "help": setting.help or None,
        "bind": "query-params",
        "disabled": disabled,
    }
    if setting.kind == "bool":
        return where.toggle(setting.label, value=setting.default, **common)
    if setting.options and setting.kind == "choice":
        return where.selectbox(
            setting.label,
            setting.options,
            index=setting.options.index(setting.default),
            format_func=setting.format,
            **common,
        )
    if setting.options:
        return where.select_slider(
            setting.label,
            setting.options,
            value=setting.default,
            format_func=setting.format,
            **common,
        )
    number = int if setting.kind == "int" else float
    low, high, step = number(setting.low), number(setting.high), number(setting.step)
    return where.slider(setting.label, low, high, setting.default, step, **common)


DRAWN = "_drawn_settings"
"""Session key of the settings this session has drawn: what a restored file is checked against."""


def read(settings: Iterable[Setting], container=None, disabled: bool = False) -> dict:
    """Draw the widgets of ``settings`` and return their validated values by key."""
    drawn = st.session_state.setdefault(DRAWN, {})
    values = {}
    for setting in settings:
        drawn[setting.key] = setting
        values[setting.key] = setting.coerce(setting_widget(setting, container, disabled))
    return values


def apply_settings(values: dict[str, object], known: dict[str, Setting]) -> list[str]:
    """Set the widgets of ``values`` (e.g. a scene or a restored JSON file) for the next run.

    Call it from a button's callback or before the widgets are drawn. Each value is parsed and
    validated by its ``Setting`` in ``known`` exactly like a URL parameter (no eval, no pickle);
    unknown keys and invalid values are skipped. Returns one readable message per skipped entry.
    """
    problems = []
    for key, value in values.items():
        setting = known.get(key)
        if setting is None:
            problems.append(f"{key!r} is not a setting of this app: ignored")
            continue
        try:
            st.session_state[key] = setting.validate(setting.parse(value))
        except (TypeError, ValueError) as error:
            problems.append(f"{error}: ignored")
    return problems


def known_settings(*tables: dict[str, Setting]) -> dict[str, Setting]:
    """The settings a restored file may set: ``tables`` (e.g. ``settings.ALL``), then every
    setting this session has drawn (page-specific ones included; the latest definition wins)."""
    known: dict[str, Setting] = {}
    for table in tables:
        known |= table
    return known | st.session_state.get(DRAWN, {})
