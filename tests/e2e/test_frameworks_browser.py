"""The frameworks page in a real browser: pick a cost, see the autodiff path and the comparison."""

from __future__ import annotations

from conftest import choose, open_app, rerun, screenshot
from playwright.sync_api import Page, expect


def test_frameworks_page_minimizes_and_compares(page: Page, new_page, artifacts):
    open_app(page, "/")  # a fresh server's first deep link is best not this test's job
    open_app(page, "/frameworks?epochs=50")
    main = page.get_by_test_id("stMain")
    expect(main).to_contain_text("All you write")
    expect(page.locator('[data-testid="stException"]')).to_have_count(0)
    with rerun(page):
        choose(page, "cost", "exponential")
    expect(main).to_contain_text("exp(w / 2) - 2*w")
    expect(main).to_contain_text("Dev accuracy")
    for key in ("minimize", "boundary_core", "boundary_sklearn"):
        expect(page.locator(f".st-key-{key} .js-plotly-plot .main-svg").first).to_be_visible()
    assert "cost=exponential" in page.url, page.url
    screenshot(page, artifacts, "frameworks.png")

    fresh = new_page()
    open_app(fresh, "/frameworks?" + page.url.split("?", 1)[1])
    expect(fresh.get_by_test_id("stMain")).to_contain_text("exp(w / 2) - 2*w")
