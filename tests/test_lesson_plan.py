"""The lesson plans: the week-by-week plan covers every page of the catalog and its scenes, in
course order; the 50-minute class is one path along it; Home shows both as links."""

from __future__ import annotations

from pages_helpers import assert_clean, open_page

from playground.catalog import SCENES, all_pages, sections
from playground.catalog.lesson_plan import LESSON_PLAN, in_the_class, week_by_week


def test_every_page_of_the_catalog_is_in_the_week_by_week_plan_in_course_order():
    planned = [visit.page.slug for visits in week_by_week().values() for visit in visits]
    assert planned == [page.slug for page in all_pages() if page.slug != "home"]
    for section, visits in week_by_week().items():
        assert {visit.page.slug for visit in visits} <= {p.slug for p in sections()[section]}


def test_the_week_by_week_plan_offers_every_scene_and_the_class_is_a_path_along_it():
    for visits in week_by_week().values():
        for visit in visits:
            assert visit.scenes == SCENES.get(visit.page.slug, ())
    order = [visit.page.slug for visits in week_by_week().values() for visit in visits]
    steps = [order.index(step.page) for step in LESSON_PLAN]
    assert steps == sorted(steps), "the class jumps back in the course"
    assert all(in_the_class(step.page, step.scene) is step for step in LESSON_PLAN)


def test_home_links_every_page_and_scene_week_by_week_and_the_class_step_by_step():
    at = open_page("pages/home.py")
    assert_clean(at)
    links = [(link.proto.page, link.proto.query_string) for link in at.get("page_link")]
    for page in all_pages():
        if page.slug == "home":
            continue
        assert any(target == page.url_path and not query for target, query in links), page.slug
        for scene in SCENES.get(page.slug, ()):
            assert any(
                target == page.url_path and query == f"scene={scene.slug}"
                for target, query in links
            ), (page.slug, scene.slug)
    class_links = [link.proto.label for link in at.get("page_link") if "′" in link.proto.label]
    assert len(class_links) == len(LESSON_PLAN)
    asks = [markdown.value for markdown in at.markdown]
    assert all(step.ask in asks for step in LESSON_PLAN)
