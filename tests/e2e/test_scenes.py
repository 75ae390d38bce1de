"""Scenes in a real browser: two lesson-plan links open their pages with the scene's values."""

from __future__ import annotations

from conftest import no_exception, open_app, screenshot, thumb
from playwright.sync_api import Page, expect

from playground.catalog import find_scene
from playground.catalog.lesson_plan import LESSON_PLAN


def step_link(page_name: str, slug: str) -> str:
    """The lesson plan's link to ``slug`` on ``page_name``, relative to the app's address."""
    step = next(s for s in LESSON_PLAN if (s.page, s.scene) == (page_name, slug))
    return step.url(host="")


def picker(page: Page, page_name: str):
    """The scene picker's combobox (its value is the scene's name)."""
    return page.locator(f".st-key-scene_{page_name}").get_by_role("combobox")


def test_two_lesson_plan_links_open_their_scenes(page: Page, artifacts) -> None:
    open_app(page, step_link("regularization", "dropout-fixes-it"))
    scene = find_scene("regularization", "dropout-fixes-it")
    no_exception(page, no_error_box=True)
    expect(picker(page, "regularization")).to_have_value(scene.name)
    expect(page.get_by_text(scene.description)).to_be_visible()
    assert [thumb(page, f"kp{l}") for l in (1, 2, 3)] == ["0.60", "0.60", "0.60"]
    expect(page.locator(".st-key-reg").get_by_role("combobox")).to_have_value("dropout")
    assert "scene=dropout-fixes-it" in page.evaluate("() => window.location.href")
    screenshot(page, artifacts, "scene_dropout.png")

    open_app(page, step_link("initialization", "course-exercise"))
    no_exception(page, no_error_box=True)
    expect(picker(page, "initialization")).to_have_value("Course exercise")
    assert thumb(page, "epochs") == "15000" and thumb(page, "lr") == "0.01"
    expect(page.get_by_text("These are the course's settings")).to_be_visible()
    screenshot(page, artifacts, "scene_course_exercise.png")
