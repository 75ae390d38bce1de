"""The scene picker: a page's named presets at the top of the page, and ``?scene=<slug>`` links.

Choosing a scene sets every setting of the page (``playground.scenes.scene_values``) through
``apply_settings`` in the picker's callback, so the widgets, and with them the URL, show it on
the next run. A link ``/<page>?scene=<slug>`` applies the scene once, on the first run that sees
it, before the page draws its widgets; query parameters given next to it win over the scene's
values (``?scene=overfitting&epochs=100`` is the scene with 100 epochs). The picker shows the
scene whose values the widgets hold, and "custom" as soon as one of them is changed; the
``scene`` parameter stays in the URL only while a scene is shown.
"""

from __future__ import annotations

import streamlit as st

from playground.catalog import SCENES, find_scene, page_settings, scene_values
from playground.ui.follow_stamp import stale_request
from playground.ui.fragment_runs import drawn, in_fragment_run
from playground.ui.text import plain
from playground.ui.widgets import apply_settings

CUSTOM = "custom"
SCENE_WIDTH = 340
"""Width of the picker in px: the longest scene name fits, the row keeps room for the rest."""
PARAM = "scene"
APPLIED = "_scene_from_url"
"""Session key: the ``?scene=`` value already applied on each page, so it is applied once."""
PICKS = "_scene_picks"
"""Session key: how many times this session chose a scene in a picker (a teacher's pick moves
the class even to the scene it was already on)."""


def _apply(page: str, slug: str, skip: tuple[str, ...] = ()) -> None:
    values = {key: v for key, v in scene_values(page, slug).items() if key not in skip}
    for problem in apply_settings(values, page_settings(page, values)):
        st.warning(f"Scene {slug}: {problem}")


def _chosen(page: str) -> None:
    """The picker's callback: apply the chosen scene (nothing for "custom") and make it the
    link's scene, already applied. The link still holds the scene shown before: left there, it
    differs from the one applied, so ``_from_url`` would apply it again over the chosen one,
    all but the settings the URL holds (those the old scene set off their defaults). In a
    fragment's run the picker's value is stale (``fragment_runs``), and so is it in a request
    sent before the browser drew the teacher's last move (``follow_stamp``; the class bar moves
    the app there again): nothing is chosen."""
    slug = st.session_state[f"{PARAM}_{page}"]
    if slug == CUSTOM or in_fragment_run() or stale_request():
        return
    _apply(page, slug)
    st.session_state.setdefault(APPLIED, {})[page] = slug
    st.query_params[PARAM] = slug
    st.session_state[PICKS] = st.session_state.get(PICKS, 0) + 1


def apply_on_arrival(page: str) -> None:
    """Let the ``?scene=`` of the next run of ``page`` apply even if that scene was applied
    there before (a student moved to the teacher's scene gets its settings again)."""
    st.session_state.setdefault(APPLIED, {}).pop(page, None)


def _from_url(page: str) -> None:
    """Apply ``?scene=<slug>`` once; a slug the page does not have warns and changes nothing."""
    slug = st.query_params.get(PARAM)
    applied = st.session_state.setdefault(APPLIED, {})
    if slug is None or applied.get(page) == slug:
        return
    try:
        find_scene(page, slug)
    except ValueError as error:
        st.warning(plain(f"Unknown scene in the link — {error}. The page keeps its settings."))
        del st.query_params[PARAM]
        return
    _apply(page, slug, skip=tuple(key for key in st.query_params if key != PARAM))
    applied[page] = slug


def shown_scene(page: str) -> str:
    """The scene whose values the page's widgets (or, before they are drawn, the URL) hold,
    unshown settings aside; else "custom"."""
    params = st.query_params.to_dict()  # one read: each `in st.query_params` takes its lock
    for scene in SCENES.get(page, ()):
        values = scene_values(page, scene.slug)
        table = page_settings(page, values)
        if not all(key in st.session_state for key in scene.values):
            continue
        current = {key: params[key] for key in values if key in params}
        current |= {key: st.session_state[key] for key in values if key in st.session_state}
        if all(table[key].coerce(value) == values[key] for key, value in current.items()):
            return scene.slug
    return CUSTOM


def scene_picker(page: str, where=None, note=None) -> None:
    """Draw the "Scene" selectbox of ``page`` in ``where`` (default: the sidebar) and the shown
    scene's description in ``note`` (default: ``where``) — nothing if the page has no scenes —
    and apply a ``?scene=`` link. Call it before the page draws its widgets."""
    where = st.sidebar if where is None else where
    scenes = {scene.slug: scene for scene in SCENES.get(page, ())}
    if not scenes:
        return
    _from_url(page)
    shown = shown_scene(page)
    key = f"{PARAM}_{page}"
    st.session_state[key] = shown
    if shown == CUSTOM:  # edited: the link may apply the scene again
        st.query_params.pop(PARAM, None)
        st.session_state[APPLIED].pop(page, None)
    else:
        st.query_params[PARAM] = shown
    drawn(key)
    where.selectbox(
        "🎬 Scene",
        [CUSTOM, *scenes],
        key=key,
        format_func=lambda slug: scenes[slug].name if slug in scenes else "custom settings",
        on_change=_chosen,
        args=(page,),
        help="A named preset that sets every control of this page; it is also a link "
        "(?scene=…), so a lesson plan is a list of links.",
        label_visibility="collapsed",
        icon="🎬",
        width=SCENE_WIDTH,
    )
    if shown != CUSTOM:
        (where if note is None else note).caption(f"🎬 {scenes[shown].description}")
