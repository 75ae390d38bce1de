"""Presenter mode in a real browser at a projector's 1280×720: big text, the sidebar out of the
way, one figure filling the width, and the toggle kept in the URL."""

from __future__ import annotations

import re

from conftest import no_exception, open_app, rerun, train
from playwright.sync_api import Page, expect

PROJECTOR = {"width": 1280, "height": 720}


def projector_page(new_page) -> Page:
    page = new_page()
    page.set_viewport_size(PROJECTOR)
    return page


def pixels(page: Page, selector: str, prop: str) -> float:
    """A computed CSS length of the first element matching ``selector``, in px."""
    value = page.locator(selector).first.evaluate(
        f"(e) => getComputedStyle(e).getPropertyValue('{prop}')"
    )
    return float(value.removesuffix("px"))


def width(page: Page, selector: str) -> float:
    return page.locator(selector).first.bounding_box()["width"]


def room_view(page: Page, artifacts, name: str) -> None:
    """What the room sees: the 1280×720 viewport, mouse parked out of the way."""
    page.mouse.move(1270, 700)
    page.screenshot(path=str(artifacts / name))


def test_a_training_page_in_presenter_mode_reads_from_the_back(new_page, artifacts):
    page = projector_page(new_page)
    open_app(page, "/playground?present=true&epochs=100")
    no_exception(page)
    expect(page.get_by_test_id("stSidebar")).to_have_attribute("data-collapsed", "true")
    assert pixels(page, '[data-testid="stMain"] h1', "font-size") >= 40
    assert (
        pixels(page, '[data-testid="stMain"] [data-testid="stCaptionContainer"] p', "font-size")
        >= 20
    )
    tabs = page.get_by_role("tab")
    expect(tabs).to_have_text(["Decision boundary", "Cost"])

    train(page, "Epoch 100 of 100")
    no_exception(page)
    main = PROJECTOR["width"]
    boundary = ".st-key-boundary .js-plotly-plot"
    expect(page.locator(boundary)).to_be_visible()
    assert width(page, boundary) >= 0.9 * main, "the figure does not fill the width"
    assert pixels(page, f"{boundary} .gtitle", "font-size") >= 26
    page.locator(boundary).scroll_into_view_if_needed()
    room_view(page, artifacts, "presenter_playground_boundary.png")

    tabs.filter(has_text="Cost").click()
    cost = ".st-key-cost .js-plotly-plot"
    expect(page.locator(cost)).to_be_visible()
    assert width(page, cost) >= 0.9 * main
    assert pixels(page, f"{cost} .xtitle", "font-size") >= 22
    page.locator(cost).scroll_into_view_if_needed()
    room_view(page, artifacts, "presenter_playground_cost.png")
    page.get_by_test_id("stMain").evaluate("(main) => main.scrollTo(0, 0)")
    room_view(page, artifacts, "presenter_playground_top.png")


def test_the_toggle_writes_the_url_and_a_shared_link_opens_in_presenter_mode(new_page, artifacts):
    page = projector_page(new_page)
    open_app(page, "/ewma")
    assert "present" not in page.url
    title_size = pixels(page, '[data-testid="stMain"] h1', "font-size")
    with rerun(page):
        page.get_by_test_id("stMain").get_by_text("🎦 Presenter mode").click()
    page.wait_for_url(re.compile(r"present=true"))
    assert pixels(page, '[data-testid="stMain"] h1', "font-size") > title_size
    no_exception(page)

    fresh = projector_page(new_page)
    open_app(fresh, "/normalization?present=true")
    no_exception(fresh)
    expect(fresh.get_by_role("tab", name="Standardized inputs")).to_be_visible()
    room_view(fresh, artifacts, "presenter_normalization.png")
    fresh.locator(".st-key-raw").scroll_into_view_if_needed()
    room_view(fresh, artifacts, "presenter_normalization_raw.png")

    sidebar = page.get_by_test_id("stSidebar")
    expect(sidebar).to_have_attribute("data-collapsed", "true")  # out of the way…
    with rerun(page):  # …and the toggle above the title, in sight
        page.get_by_test_id("stMain").get_by_text("🎦 Presenter mode").click()
    page.wait_for_url(lambda url: "present=" not in url)
    assert pixels(page, '[data-testid="stMain"] h1', "font-size") == title_size
