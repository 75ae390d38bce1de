"""The vanishing-gradients page in a real browser: per-layer norms, a slider, the URL."""

from __future__ import annotations

from conftest import at_least, no_exception, open_app, rerun, screenshot, thumb
from playwright.sync_api import Page, expect

TITLE = "Vanishing / exploding gradients"


def test_changing_a_redraws_the_norms_and_lands_in_the_url(page: Page, artifacts):
    open_app(page, "/vanishing_gradients?depth=20")
    no_exception(page, no_error_box=True)
    expect(page.get_by_role("heading", name=TITLE)).to_be_visible()
    assert thumb(page, "depth") == "20"
    assert thumb(page, "a") == "1.50"
    main = page.get_by_test_id("stMain")
    expect(main).to_contain_text("1.5^18")

    with rerun(page):
        page.locator(".st-key-a input[type='range']").press("Home")
    assert thumb(page, "a") == "0.50"
    no_exception(page, no_error_box=True)
    expect(main).to_contain_text("0.5^18")
    expect(main).to_contain_text("vanish exponentially with depth")

    for key in ("identity", "inits"):
        plot = page.locator(f".st-key-{key} .js-plotly-plot")
        expect(plot.locator(".main-svg").first).to_be_visible()
        lines = plot.locator(".scatterlayer path.js-line")
        at_least(lines, 4)  # several norm curves
        at_least(plot.locator(".scatterlayer .point"), 3 * 20)  # a point per layer of each curve
    expect(main.get_by_role("table")).to_contain_text("he")
    screenshot(page, artifacts, "vanishing_gradients.png")

    url = page.url
    assert "a=0.5" in url and "depth=20" in url, url
