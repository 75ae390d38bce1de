"""A vs B in a real browser: on the playground, train A, pin it, raise the learning rate, train B
and read the comparison (settings that differ, outcome, both boundaries, both cost curves)."""

from __future__ import annotations

from conftest import VIEWPORT, at_least, no_exception, open_app, rerun, train
from playwright.sync_api import Page, expect


def start(page: Page) -> None:
    train(page, "Epoch 100 of 100")
    no_exception(page, no_error_box=True)


def test_pin_a_change_the_learning_rate_and_compare(page: Page, artifacts) -> None:
    open_app(page, "/playground?epochs=100&n=200")
    start(page)
    with rerun(page):
        page.get_by_role("button", name="📌 Pin as A").click()
    main = page.get_by_test_id("stMain")
    expect(main).to_contain_text("A is pinned")
    for _ in range(2):  # α 0.01 → 0.03 → 0.1
        with rerun(page):
            page.locator(".st-key-lr input[type='range']").press("ArrowRight")
    page.screenshot(path=str(artifacts / "compare-pinned.png"))
    start(page)

    section = page.locator(".st-key-ab-compare")
    expect(section.get_by_role("heading", name="A vs B")).to_be_visible()
    expect(section).to_contain_text("B reached")
    differ = section.get_by_test_id("stTable").first
    expect(differ).to_contain_text("Learning rate α")
    expect(differ).to_contain_text("0.01")
    expect(differ).to_contain_text("0.1")
    boundary = section.locator(".st-key-ab-boundary .js-plotly-plot")
    expect(boundary.locator(".main-svg").first).to_be_visible()
    at_least(boundary.locator(".contourlayer g.contour"), 2)  # one boundary per panel
    expect(boundary.locator(".annotation-text").first).to_contain_text("A · dev")
    cost = section.locator(".st-key-ab-cost .js-plotly-plot")
    expect(cost.locator(".scatterlayer path.js-line")).to_have_count(4)  # A and B, train and dev
    expect(cost.locator(".legendtext")).to_contain_text(["A train", "A dev", "B train", "B dev"])

    page.set_viewport_size({"width": VIEWPORT["width"], "height": 2600})
    try:
        section.scroll_into_view_if_needed()
        section.screenshot(path=str(artifacts / "compare.png"))
    finally:
        page.set_viewport_size(VIEWPORT)
