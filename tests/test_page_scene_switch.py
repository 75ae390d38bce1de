"""AppTest of picking one scene after another on the same page: for every page and every ordered
pair of its scenes (A, then B), every setting of the page holds B's value (the page's defaults
under B's values) — in its widget if the page draws it, else in the session, for when it is
drawn — nothing left from A survives, the picker and the link show B, and every figure drawn
is valid."""

from __future__ import annotations

from itertools import permutations

import pytest
from pages_helpers import (
    assert_clean,
    assert_valid_figures,
    computed,
    has_widget,
    open_page,
    widget,
)

from playground.catalog import SCENES, find_scene, page_settings, page_values

PAIRS = [
    (page, first.slug, second.slug)
    for page, scenes in SCENES.items()
    for first, second in permutations(scenes, 2)
]


def pick(at, page: str, slug: str):
    """Choose scene ``slug`` in the page's 🎬 picker, as a user does, and wait for the page."""
    return computed(at.selectbox(key=f"scene_{page}").select(slug).run())


UNSET = "(not set)"


def held(at, key: str) -> object:
    """The value of setting ``key``: its widget's, or the session's if the page hides it."""
    if has_widget(at, key):
        return widget(at, key).value
    return at.session_state.get(key, UNSET)


def wrong_values(at, page: str, slug: str) -> dict[str, tuple[object, object]]:
    """(held, wanted) of each setting of ``page`` that does not hold scene ``slug``'s value."""
    wanted = page_values(page, find_scene(page, slug).values)
    table = page_settings(page, wanted)
    return {
        key: (value, wanted[key])
        for key, value in ((key, held(at, key)) for key in wanted)
        if value is UNSET or table[key].coerce(value) != wanted[key]
    }


@pytest.mark.parametrize(
    ("page", "first", "second"), PAIRS, ids=[f"{p}/{a}->{b}" for p, a, b in PAIRS]
)
def test_a_scene_picked_after_another_sets_every_control(page, first, second):
    at = pick(open_page(f"pages/{page}.py"), page, first)
    assert at.selectbox(key=f"scene_{page}").value == first
    pick(at, page, second)
    assert_clean(at)
    if first == next(scene.slug for scene in SCENES[page] if scene.slug != second):
        assert_valid_figures(at)  # once per scene: rebuilding them checked is slow
    assert wrong_values(at, page, second) == {}
    assert at.selectbox(key=f"scene_{page}").value == second
    assert at.query_params["scene"] == second
