"""The vanishing-gradients page in a real browser: per-layer norms, a slider, the URL."""

from __future__ import annotations

from conftest import no_exception, open_app, rerun, screenshot
from playwright.sync_api import Page, expect

TITLE = "Vanishing / exploding gradients"


def visit(page: Page, path: str) -> None:
    """Open ``path`` in a session that is not the server's first one.

    On a fresh server the very first session, when it deep-links to a page, does not rerun on
    widget changes (seen with Streamlit 1.67 and enter_app's switch to app.py's navigation); a
    visit to Home first sidesteps that, so this test checks the page and not the app shell.
    """
    open_app(page, "/")
    open_app(page, path)


def thumb(page: Page, key: str) -> str:
    return page.locator(f".st-key-{key}").get_by_test_id("stSliderThumbValue").inner_text().strip()


def test_changing_a_redraws_the_norms_and_lands_in_the_url(page: Page, artifacts):
    visit(page, "/vanishing_gradients?depth=20")
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
        assert lines.count() >= 4, f"{key}: expected several norm curves"
        assert plot.locator(".scatterlayer .point").count() >= 3 * 20, f"{key}: too few points"
    expect(main.get_by_role("table")).to_contain_text("he")
    screenshot(page, artifacts, "vanishing_gradients.png")

    url = page.url
    assert "a=0.5" in url and "depth=20" in url, url
