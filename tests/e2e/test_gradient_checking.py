"""The gradient-checking page in a real browser: plant a bug, move ε, keep both in the URL."""

from __future__ import annotations

import pytest
from conftest import open_app, rerun, screenshot
from playwright.sync_api import Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError


@pytest.fixture(scope="module", autouse=True)
def home_first(browser, app_server: str) -> None:
    """Open Home once before the deep links: a fresh server's very first visitor runs Streamlit's
    pages/ mode, where /gradient-checking (file gradient_checking.py) is "Page not found"."""
    context = browser.new_context(base_url=app_server)
    try:
        open_app(context.new_page(), "/")
    finally:
        context.close()


def choose(page: Page, key: str, option: str) -> None:
    """Pick ``option`` in the selectbox ``key`` (reopening it if a redraw closed the menu)."""
    box = page.locator(f".st-key-{key} [role='combobox']")
    choice = page.get_by_role("option", name=option, exact=True)
    for _ in range(3):
        box.click()
        try:
            choice.wait_for(state="visible", timeout=5_000)
            break
        except PlaywrightTimeoutError:
            page.keyboard.press("Escape")
    choice.click()


def no_exception(page: Page) -> None:
    expect(page.locator('[data-testid="stException"]')).to_have_count(0)
    expect(page.locator('[data-testid="stAlertContentError"]')).to_have_count(0)


def drawn(page: Page, key: str) -> None:
    expect(page.locator(f".st-key-{key} .js-plotly-plot .main-svg").first).to_be_visible()


def test_plant_a_bug_and_move_epsilon(page: Page, artifacts) -> None:
    open_app(page, "/gradient_checking")
    no_exception(page)
    expect(page.get_by_role("heading", name="Gradient checking")).to_be_visible()
    main = page.get_by_test_id("stMain")
    expect(main).to_contain_text("Backprop is right")

    with rerun(page):
        choose(page, "bug", "dW2_x2")
    expect(main).to_contain_text("dW2 is off")
    expect(main).to_contain_text("the bug is in layer 2's weight gradient")
    expect(main.get_by_role("heading", name="Verdict: likely a bug")).to_be_visible()

    with rerun(page):
        page.locator(".st-key-epsilon input[type='range']").press("ArrowLeft")
    expect(page.locator(".st-key-epsilon")).to_contain_text("1e-06")
    expect(main).to_contain_text("at your ε = 1e-06")
    for key in ("derivative", "parameters", "sweep"):
        drawn(page, key)
    bars = page.locator(".st-key-parameters .js-plotly-plot .barlayer .point")
    assert bars.count() == 6, "one bar per parameter W1 … b3"
    lines = page.locator(".st-key-sweep .js-plotly-plot .scatterlayer path.js-line")
    assert lines.count() == 2, "the correct and the buggy curve"
    no_exception(page)
    screenshot(page, artifacts, "gradient_checking.png")

    url = page.url
    assert "bug=dW2_x2" in url and "epsilon=1e-06" in url, url
