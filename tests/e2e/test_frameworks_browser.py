"""The frameworks page in a real browser: pick a cost, see the autodiff path and the comparison."""

from __future__ import annotations

from conftest import open_app, rerun, screenshot
from playwright.sync_api import Page, expect


def test_frameworks_page_minimizes_and_compares(page: Page, new_page, artifacts):
    open_app(page, "/")  # a fresh server's first deep link is best not this test's job
    open_app(page, "/frameworks?epochs=50")
    main = page.get_by_test_id("stMain")
    expect(main).to_contain_text("All you write")
    expect(page.locator('[data-testid="stException"]')).to_have_count(0)
    before = main.inner_text()
    with rerun(page):
        page.locator(".st-key-jlr input[type='range']").press("ArrowRight")  # α 0.1 → 0.3
    expect(main).to_contain_text("J(w) = w**2 - 10*w + 25")
    assert main.inner_text() != before
    expect(main).to_contain_text("Dev accuracy")
    for key in ("minimize", "boundary_core", "boundary_sklearn"):
        expect(page.locator(f".st-key-{key} .js-plotly-plot .main-svg").first).to_be_visible()
    assert "jlr=0.3" in page.evaluate("() => window.location.href")
    expect(page.locator(".st-key-pytorch")).to_contain_text("torch.optim.SGD([w], lr=0.3)")
    expect(page.locator(".st-key-keras")).to_contain_text("learning_rate=0.3")
    screenshot(page, artifacts, "frameworks.png")

    fresh = new_page()
    url = page.evaluate("() => window.location.href")
    open_app(fresh, "/frameworks?" + url.split("?", 1)[1])
    fresh_thumb = fresh.locator(".st-key-jlr").get_by_test_id("stSliderThumbValue")
    expect(fresh_thumb).to_have_text("0.3")
