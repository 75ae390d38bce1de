"""The exponentially-weighted-averages page in a real browser: β presets, pasted numbers, URL."""

from __future__ import annotations

import re

from conftest import at_least, no_exception, open_app, rerun, screenshot
from playwright.sync_api import Page, expect

TITLE = re.compile("Exponentially weighted averages$")


def thumb(page: Page, key: str) -> str:
    """The value shown on the thumb of the (select) slider ``key``."""
    return page.locator(f".st-key-{key}").get_by_test_id("stSliderThumbValue").inner_text()


def plot(page: Page, key: str):
    return page.locator(f".st-key-{key} .js-plotly-plot")


def test_a_preset_sets_beta_redraws_and_is_kept_in_the_url(page: Page, new_page, artifacts):
    open_app(page, "/ewma")
    no_exception(page)
    expect(page.get_by_role("heading", name=TITLE)).to_be_visible()
    assert thumb(page, "beta").strip() == "0.9"
    main = page.get_by_test_id("stMain")
    expect(main).to_contain_text("β = 0.9 averages about the last 1/(1 − β) = 10 values")

    with rerun(page):
        page.get_by_role("button", name="0.98", exact=True).click()
    assert thumb(page, "beta").strip() == "0.98"
    expect(main).to_contain_text("β = 0.98 averages about the last 1/(1 − β) = 50 values")
    expect(main).to_contain_text("from day 229 on it changes v_t by less than 1 %")
    for key in ("series", "early", "weights"):
        expect(plot(page, key).locator(".main-svg").first).to_be_visible()
    expect(plot(page, "series").locator(".gtitle")).to_contain_text("β = 0.98")
    at_least(plot(page, "series").locator(".scatterlayer path.js-line"), 2)
    at_least(plot(page, "weights").locator(".barlayer .point"), 100)
    no_exception(page)
    assert "beta=0.98" in page.url, page.url
    page.mouse.move(700, 5)  # no tooltip of the preset button in the screenshot
    screenshot(page, artifacts, "ewma.png")

    fresh = new_page()
    open_app(fresh, page.url.replace(page.url.split("/ewma")[0], ""))
    assert thumb(fresh, "beta").strip() == "0.98"


def test_pasted_numbers_are_averaged_and_bad_text_shows_the_parsers_message(page: Page, artifacts):
    open_app(page, "/ewma?src=pasted&nums=3,4,oops")
    no_exception(page)
    expect(page.get_by_text("Could not read your numbers: value 3 ('oops')")).to_be_visible()

    box = page.locator(".st-key-nums textarea")
    with rerun(page):
        box.fill("10 10 10 10 10 10 10 10")
        box.press("Control+Enter")
    expect(page.get_by_text("Could not read your numbers")).to_have_count(0)
    main = page.get_by_test_id("stMain")
    expect(main).to_contain_text("after T = 8 values")
    expect(plot(page, "series").locator(".main-svg").first).to_be_visible()
    assert "nums=10" in page.url, page.url
    no_exception(page)
    screenshot(page, artifacts, "ewma_pasted.png")
