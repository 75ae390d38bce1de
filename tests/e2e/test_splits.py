"""The train / dev / test page in a real browser: split sizes at a million examples, the
mismatched dev set at another rotation, the URL and a screenshot."""

from __future__ import annotations

from conftest import at_least, no_exception, open_app, rerun, screenshot
from playwright.sync_api import Page, expect

NNBSP = "\u202f"


def thumb(page: Page, key: str) -> str:
    return page.locator(f".st-key-{key}").get_by_test_id("stSliderThumbValue").inner_text().strip()


def test_a_million_examples_and_a_rotated_dev_set(page: Page, new_page, artifacts) -> None:
    # A fresh server's first deep link to a page whose url differs from its file name pops
    # "Page not found" (Streamlit's pages/ mode); opening Home first avoids that dialog.
    open_app(page, "/")
    open_app(page, "/splits?angle=0")
    no_exception(page, no_error_box=True)
    expect(page.get_by_role("heading", name="Train / dev / test sets")).to_be_visible()
    main = page.get_by_test_id("stMain")
    assert thumb(page, "m") == "10000" and thumb(page, "angle") == "0"
    expect(main).to_contain_text("1% is 100 dev examples")
    expect(main).to_contain_text("hardly any different")

    with rerun(page):
        page.locator(".st-key-m input[type='range']").press("End")
    assert thumb(page, "m") == "1000000"
    no_exception(page, no_error_box=True)
    expect(main).to_contain_text(f"1% is 10{NNBSP}000 dev examples")
    expect(main).to_contain_text("plenty to compare models")
    sizes = page.locator(".st-key-sizes .js-plotly-plot")
    expect(sizes.locator(".main-svg").first).to_be_visible()
    expect(sizes.locator(".gtitle")).to_contain_text(f"Split of m = 1{NNBSP}000{NNBSP}000")
    expect(sizes.locator(".barlayer .point")).to_have_count(9)  # 3 ratios × train/dev/test bars

    for _ in range(2):  # 0° → 40°
        with rerun(page):
            page.locator(".st-key-angle input[type='range']").press("PageUp")
    assert thumb(page, "angle") == "40"
    no_exception(page, no_error_box=True)
    expect(main).to_contain_text("points worse")
    expect(main).to_contain_text("The course's rule:")
    for key in ("same", "shifted"):
        plot = page.locator(f".st-key-{key} .js-plotly-plot")
        expect(plot.locator(".main-svg").first).to_be_visible()
        at_least(plot.locator(".contourlayer g.contour"), 1)  # a decision boundary
        at_least(plot.locator(".scatterlayer .point"), 300)  # the points of the set
    expect(page.locator(".st-key-shifted .gtitle")).to_contain_text("Shifted: dev error")
    errors = page.locator(".st-key-errors .js-plotly-plot")
    expect(errors.locator(".barlayer .point")).to_have_count(5)
    expect(main).to_contain_text("Train from the web, dev and test from your users: acceptable")
    expect(main).to_contain_text("Dev predicts test, and both measure what you care about")
    setups = page.locator(".st-key-setups .js-plotly-plot")
    expect(setups.locator(".barlayer .point")).to_have_count(6)  # 3 setups × dev/test bars
    screenshot(page, artifacts, "splits.png")

    url = page.url
    assert "m=1000000" in url and "angle=40" in url, url
    fresh = new_page()
    open_app(fresh, url)
    no_exception(fresh, no_error_box=True)
    assert thumb(fresh, "m") == "1000000" and thumb(fresh, "angle") == "40"
