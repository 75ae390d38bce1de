"""One widget per declared ``Setting``, bound to the URL with Streamlit's own query-param binding.

The widget's key is the setting's key, so ``?lr=0.1`` sets the learning-rate slider. Pages declare
their own ranges for shared keys (Hidden layers 0–6 on the Playground, 1–4 on the search page),
and Streamlit carries a bound widget's value from page to page in one tab, so before a widget is
drawn the value that enters it — from the widget of the same key on the page before, a scene, a
restored file or the URL — passes through one rule, ``Setting.admit``: the widget only ever gets
a value it can take, and each change is listed once at the top of the page. ``read`` validates
the values once more with the core's spec.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import streamlit as st

from playground.engine.config import Setting
from playground.ui.fragment_runs import drawn
from playground.ui.text import plain


def setting_widget(setting: Setting, container=None, disabled: bool = False) -> object:
    """Draw the widget for ``setting`` in ``container`` (default: the sidebar); return its value
    (noted for the page's fragments' runs: ``fragment_runs``)."""
    where = st.sidebar if container is None else container
    common = {
        "key": setting.key,
        "help": setting.help or None,
        "bind": "query-params",
        "disabled": disabled,
    }
    drawn(setting.key)
    return _draw(setting, where, common)


def _draw(setting: Setting, where, common: dict) -> object:
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


NOTES = "_entry_notes"
"""Session key of the notes on values that entered a widget changed (``EntryNotes``)."""


@dataclass
class EntryNotes:
    """The box at the top of the page and the notes it lists: (page, key, value, message)."""

    box: Any
    page: str
    notes: list[tuple[str, str, object, str]] = field(default_factory=list)

    def show(self) -> None:
        listed = "\n".join(f"- {plain(note[-1])}" for note in self.notes)
        self.box.info(f"Some values were adjusted to fit this page:\n{listed}", icon="ℹ️")


def entry_notes(page: str = "") -> None:
    """Reserve the top of ``page`` for the notes on adjusted values; app.py calls it before
    every page run. A note stays while its field keeps the value it was given on this page (a
    page that reruns by itself — a run's end, a finished computation — still says it); moving
    the field, or another page, ends it."""
    previous = st.session_state.get(NOTES)
    notes = EntryNotes(st.empty(), page)
    if previous is not None and previous.page == page:
        notes.notes = [
            note for note in previous.notes if st.session_state.get(note[1], note[2]) == note[2]
        ]
    st.session_state[NOTES] = notes
    if notes.notes:
        notes.show()


def _note(key: str, value: object, message: str) -> None:
    if NOTES not in st.session_state:
        entry_notes()
    notes = st.session_state[NOTES]
    notes.notes = [note for note in notes.notes if note[1] != key]
    notes.notes.append((notes.page, key, value, message))
    notes.show()


def url_text(setting: Setting, value: object) -> str:
    """``value`` as the widget's URL binding writes it: an option as shown, true/false, a number."""
    if setting.kind == "bool":
        return "true" if value else "false"
    return setting.format(value) if setting.options else str(value)


def admit(setting: Setting) -> None:
    """Before ``setting``'s widget is drawn, put the value that enters it through
    ``Setting.admit`` and into ``st.session_state``, where the widget takes it from.

    The value is the session's (this widget's own, the same key's from the page before, or one
    a scene or a restored file set) or else the URL's; each change is noted at the top of the
    page. A changed URL value is also written back in the URL at once (``?ds=moons&ds=spiral``
    becomes ``?ds=spiral``) — unless Streamlit drops it there for being out of range. Streamlit
    writes a session value in the URL only from a widget's second run on a page, so a kept value
    missing from the URL is set again on each run until it is there.
    """
    key = setting.key
    if key in st.session_state:
        value, message = setting.admit(st.session_state[key])
        if message or (value != setting.default and key not in st.query_params):
            st.session_state[key] = value
    else:
        texts = st.query_params.get_all(key)
        if not texts:
            return
        value, message = setting.admit_url(texts)
        if message:
            st.session_state[key] = value
            st.query_params[key] = url_text(setting, value)
    if message:
        _note(key, value, message)


DRAWN = "_drawn_settings"
"""Session key of the settings this session has drawn: what a restored file is checked against."""


def read(settings: Iterable[Setting], container=None, disabled: bool = False) -> dict:
    """Draw the widgets of ``settings`` and return their validated values by key."""
    drawn = st.session_state.setdefault(DRAWN, {})
    values = {}
    for setting in settings:
        drawn[setting.key] = setting
        admit(setting)
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
