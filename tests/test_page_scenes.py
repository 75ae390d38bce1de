"""AppTest of scenes: every scene's link opens its page with the scene's values, the picker sets
the widgets, explicit query parameters win over a scene, and a bad scene or value warns."""

from __future__ import annotations

import pytest
from pages_helpers import assert_clean, has_widget, notes, open_page, shown, widget

from playground.catalog import SCENES, scene_values
from playground.catalog.lesson_plan import LESSON_PLAN
from playground.topics.regularization.techniques import TABLE

ALL_SCENES = [(page, scene.slug) for page, scenes in SCENES.items() for scene in scenes]


def shown_values(at, page: str, slug: str) -> tuple[dict, dict]:
    """(widget values, scene values) of the scene's settings that the page draws."""
    wanted = {key: v for key, v in scene_values(page, slug).items() if has_widget(at, key)}
    return {key: widget(at, key).value for key in wanted}, wanted


@pytest.mark.parametrize(("page", "slug"), ALL_SCENES)
def test_a_scene_link_opens_the_page_with_the_scene(page, slug):
    at = open_page(f"pages/{page}.py", {"scene": slug})
    assert_clean(at)
    assert not at.warning or all("Unknown scene" not in w.value for w in at.warning)
    shown, wanted = shown_values(at, page, slug)
    assert wanted, "the page draws none of the scene's settings"
    assert shown == wanted
    assert at.selectbox(key=f"scene_{page}").value == slug
    assert at.query_params["scene"] == slug


def test_choosing_a_scene_sets_the_widgets_and_editing_one_makes_it_custom():
    at = open_page("pages/regularization.py")
    picker = at.selectbox(key="scene_regularization")
    assert picker.value == "custom"
    picker.select("dropout-fixes-it").run()
    assert_clean(at)
    assert widget(at, "reg").value == "dropout" and widget(at, "kp2").value == 0.6
    assert at.query_params["scene"] == "dropout-fixes-it"
    assert any("noisier training cost" in c.value for c in at.main.caption)  # above the title
    widget(at, "kp2").set_value(0.9).run()
    assert at.selectbox(key="scene_regularization").value == "custom"
    assert "scene" not in at.query_params
    assert widget(at, "kp2").value == 0.9  # the user's edit is not overwritten on rerun


def test_query_parameters_next_to_a_scene_win():
    at = open_page("pages/regularization.py", {"scene": "overfitting", "epochs": "100"})
    assert_clean(at)
    assert widget(at, "epochs").value == 100 and widget(at, "l2").value == 0.0
    assert at.selectbox(key="scene_regularization").value == "custom"


def test_a_bad_value_next_to_a_scene_is_said_and_the_rest_of_the_scene_applies():
    at = open_page("pages/regularization.py", {"scene": "overfitting", "epochs": "abc"})
    assert not at.exception
    default = TABLE["epochs"].default
    assert widget(at, "epochs").value == default
    assert notes(at) == [f"Epochs (epochs): 'abc' is not a number, using the default {default}."]
    assert widget(at, "l2").value == 0.0 and widget(at, "reg").value == "L2"


def test_a_bad_scene_warns_and_changes_nothing():
    at = open_page("pages/regularization.py", {"scene": "nonsense", "l2": "0.1"})
    assert not at.exception
    warnings = [shown(w.value) for w in at.warning]
    assert any("nonsense" in w and "dropout-fixes-it" in w for w in warnings), warnings
    assert widget(at, "l2").value == 0.1 and widget(at, "reg").value == "L2"


def test_home_lists_the_lesson_plan_as_scene_links():
    at = open_page("pages/home.py")
    assert_clean(at)
    links = [link for link in at.get("page_link") if "′" in link.proto.label]
    assert len(links) == len(LESSON_PLAN)
    assert "Dropout fixes it" in links[3].proto.label and links[0].proto.label.startswith("**0′")
