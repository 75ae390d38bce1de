"""The first screen: on every page, its first control is visible without scrolling.

One tab walks every page through the top navigation (the week menus), at 1440×900 and then, in
presenter mode, at a projector's 1280×720. On each page it measures the bounding box of the
page's first control (the first widget in the sidebar; on Home the first link of the lesson
plan, on the Classroom its join-code field) and requires its bottom edge inside the viewport.
In presenter mode the sidebar starts folded, one click away: the test opens it, as the teacher
does, before measuring.
"""

from __future__ import annotations

import re

import pytest
from conftest import NEXT_FRAMES, go_to, no_exception, open_app, rerun, screenshot, train
from playwright.sync_api import Page, expect

from playground.catalog import all_pages, menu_of
from playground.engine.topic import Topic

DESKTOP = {"width": 1440, "height": 900}
PROJECTOR = {"width": 1280, "height": 720}
WIDGET = (
    '[data-testid="stSidebarUserContent"] :is([data-testid="stSlider"], '
    '[data-testid="stSelectbox"], [data-testid="stCheckbox"], [data-testid="stNumberInput"], '
    '[data-testid="stRadio"], [data-testid="stSelectSlider"], [data-testid="stFileUploader"], '
    '[data-testid="stTextInput"], [data-testid="stToggle"], [data-testid="stMultiSelect"], '
    '[data-testid="stButton"], [data-testid="stSegmentedControl"], [data-testid="stPills"])'
)
"""Any widget of the sidebar: the first of them is the page's first control."""
MAIN_CONTROLS = {
    "home": '[data-testid="stMain"] [data-testid="stPageLink"]',
    "classroom": '[data-testid="stMain"] [data-testid="stTextInput"]',
}
"""The pages whose first control is in the main area: Home's first lesson-plan link, the
Classroom's join-code field."""
VISIT_TIMEOUT_MS = 240_000
"""Longest wait for one page's first run (a page that trains on arrival, on a loaded machine)."""
WALK_TIMEOUT = 1800
"""Seconds for the two walks of every page, as generous as test_walk_pages's."""


def visit(page: Page, info: Topic) -> None:
    """Open ``info``'s week menu in the top navigation, click the page, wait for its run."""
    go_to(page, menu_of(info.slug), info.title, VISIT_TIMEOUT_MS)
    expect(page.locator('[data-testid="stMain"] h1').first).to_be_visible()
    no_exception(page)


def first_control(page: Page, info: Topic):
    return page.locator(MAIN_CONTROLS.get(info.slug, WIDGET)).filter(visible=True).first


def bottom(page: Page, info: Topic) -> float:
    """The bottom edge of the page's first control, in px from the viewport's top."""
    page.evaluate(NEXT_FRAMES)
    control = first_control(page, info)
    expect(control).to_be_visible()
    box = control.bounding_box()
    assert box is not None, f"{info.slug}: no first control"
    return box["y"] + box["height"]


def open_sidebar(page: Page) -> None:
    if page.get_by_test_id("stSidebar").get_attribute("data-collapsed") == "true":
        page.get_by_test_id("stExpandSidebarButton").click()
        expect(page.get_by_test_id("stSidebar")).to_have_attribute("data-collapsed", "false")


def walk(page: Page, artifacts, size: dict, tag: str, presenter: bool = False) -> dict:
    """Visit every page at ``size``; return the first control's bottom edge by page."""
    page.set_viewport_size(size)
    bottoms = {}
    for info in all_pages():
        visit(page, info)
        if presenter and info.slug not in MAIN_CONTROLS:
            open_sidebar(page)
        bottoms[info.slug] = bottom(page, info)
        page.screenshot(path=str(artifacts / f"first_screen_{tag}_{info.slug}.png"))
    return bottoms


@pytest.mark.timeout(WALK_TIMEOUT)
def test_every_pages_first_control_is_on_the_first_screen(page: Page, artifacts) -> None:
    open_app(page, "/")
    desktop = walk(page, artifacts, DESKTOP, "1440")
    low = {slug: y for slug, y in desktop.items() if y > DESKTOP["height"]}
    assert not low, f"first control below the 900 px fold at 1440×900: {low}"

    with rerun(page):
        page.get_by_test_id("stMain").get_by_text("🎦 Presenter mode").click()
    projector = walk(page, artifacts, PROJECTOR, "1280_presenter", presenter=True)
    low = {slug: y for slug, y in projector.items() if y > PROJECTOR["height"]}
    assert not low, f"first control below the 720 px fold at 1280×720, presenter on: {low}"

    visit(page, all_pages()[0])  # Home's lesson plans: no link cut mid-word on the projector
    assert cut(page, LINKS) == [], "week-by-week links cut at 1280×720, presenter on"
    screenshot(page, artifacts, "first_screen_1280_presenter_home_weeks.png")
    page.get_by_role("tab", name="🎬 A 50-minute class").click()
    expect(page.get_by_role("link", name=LESSON_PLAN_FIRST)).to_be_visible()
    assert cut(page, LINKS) == [], "50-minute class links cut at 1280×720, presenter on"
    screenshot(page, artifacts, "first_screen_1280_presenter_home_class.png")


CUT = """([main, selector]) => [...main.querySelectorAll(selector)]
  .filter((b) => b.checkVisibility())
  .flatMap((button) => [...button.querySelectorAll('p, div, span')]
    .filter((e) => getComputedStyle(e).textOverflow === 'ellipsis')
    .filter((e) => e.scrollWidth > e.clientWidth + 1)
    .map(() => button.innerText.trim()))"""
"""The labels of the main area's visible ``selector`` elements that are cut: an element inside
that ends with "…" what does not fit, wider than it is shown."""
BUTTONS = "button[kind]"
LINKS = '[data-testid="stPageLink"] a'
LESSON_PLAN_FIRST = re.compile(r"^0′ ")


def cut(page: Page, selector: str = BUTTONS) -> list[str]:
    """The labels of the main area's ``selector`` elements that are cut."""
    page.evaluate(NEXT_FRAMES)
    main = page.get_by_test_id("stMain").element_handle()
    return sorted(set(page.evaluate(CUT, [main, selector])))


def test_the_run_panels_buttons_are_whole_on_a_projector(page: Page, artifacts) -> None:
    """At 1280×720 in presenter mode, with the sidebar folded and open, no button of the
    Playground's run panel (▶ Start … ↺ Reset, 📌 Pin as A once a run has trained) is cut, and
    the disabled ■ Stop looks disabled: grey, unlike the enabled ↺ Reset beside it."""
    page.set_viewport_size(PROJECTOR)
    open_app(page, "/playground?present=true&epochs=20")
    train(page, "Epoch 20 of 20")
    expect(page.get_by_role("button", name="📌 Pin as A")).to_be_visible()
    assert cut(page) == [], "buttons cut with the sidebar folded"
    page.screenshot(path=str(artifacts / "presenter_buttons_folded.png"))
    open_sidebar(page)
    assert cut(page) == [], "buttons cut with the sidebar open"
    page.screenshot(path=str(artifacts / "presenter_buttons_sidebar_open.png"))

    def colour(name: str) -> str:
        button = page.get_by_role("button", name=name)
        return button.evaluate("(b) => getComputedStyle(b).borderColor")

    expect(page.get_by_role("button", name="■ Stop")).to_be_disabled()
    assert colour("■ Stop") != colour("↺ Reset"), "the disabled Stop looks like an active button"
