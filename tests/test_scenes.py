"""Scenes and the lesson plan: every value valid for its page, links to real pages and scenes,
docs/lesson-plan.md up to date."""

from __future__ import annotations

from pathlib import Path

import pytest

from playground.catalog import (
    SCENES,
    all_pages,
    find_scene,
    page_settings,
    scene_values,
)
from playground.catalog.lesson_plan import LESSON_PLAN, lesson_plan_markdown
from playground.topics.initialization import model as initialization
from playground.topics.optimizers_network import race

ROOT = Path(__file__).resolve().parents[1]
PAGES = {page.url_path: page for page in all_pages()}
ALL_SCENES = [(page, scene) for page, scenes in SCENES.items() for scene in scenes]


def test_every_page_with_controls_has_two_to_four_scenes():
    assert set(SCENES) == set(PAGES) - {"home", "classroom"}  # the pages without controls
    for page, scenes in SCENES.items():
        assert 2 <= len(scenes) <= 4, page
        slugs = [scene.slug for scene in scenes]
        assert len(set(slugs)) == len(slugs), page
        assert all(slug == slug.lower() and " " not in slug for slug in slugs), page


@pytest.mark.parametrize(("page", "scene"), ALL_SCENES, ids=lambda x: getattr(x, "slug", x))
def test_every_scene_value_is_a_valid_setting_of_its_page(page, scene):
    table = page_settings(page, scene.values)
    assert scene.name and scene.description
    for key, value in scene.values.items():
        assert key in table, f"{page}/{scene.slug}: {key} is not a setting of the page"
        assert table[key].validate(value) == value, f"{page}/{scene.slug}: {key}"
    values = scene_values(page, scene.slug)
    assert set(values) == set(table)
    assert all(table[key].validate(value) == value for key, value in values.items())


def test_the_course_scenes_are_the_course_presets():
    course = scene_values("initialization", "course-exercise")
    assert initialization.is_course_preset(course)
    assert race.is_course_preset(scene_values("optimizers_network", "course-exercise")) == 5000
    original = scene_values("optimizers_network", "original-notebook")
    assert race.is_course_preset(original) == 10000


def test_an_unknown_scene_or_page_is_refused_with_the_choices():
    with pytest.raises(ValueError, match="overfitting"):
        find_scene("regularization", "nonsense")
    with pytest.raises(ValueError, match="page must be one of"):
        page_settings("nowhere")


def test_the_lesson_plan_takes_50_minutes_and_links_to_real_scenes():
    assert sum(step.minutes for step in LESSON_PLAN) == 50
    for step in LESSON_PLAN:
        assert step.page in PAGES
        find_scene(step.page, step.scene)
        assert step.url() == f"http://localhost:8501/{step.page}?scene={step.scene}"
        assert "?" in step.ask


def test_docs_lesson_plan_is_up_to_date():
    titles = {url_path: page.title for url_path, page in PAGES.items()}
    written = (ROOT / "docs" / "lesson-plan.md").read_text(encoding="utf-8")
    assert written == lesson_plan_markdown(titles), (
        "docs/lesson-plan.md is out of date: python scripts/lesson_plan.py > docs/lesson-plan.md"
    )
