"""The initialization page in a real browser: four runs side by side, the course preset's URL."""

from __future__ import annotations

import pytest
from conftest import open_app, rerun, screenshot, wait_idle
from playwright.sync_api import Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

PROGRESS = '[data-testid="stProgress"]'


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
    """The plotly chart ``key`` has drawn its SVG."""
    expect(page.locator(f".st-key-{key} .js-plotly-plot .main-svg").first).to_be_visible()


def test_four_starts_train_and_the_course_preset_is_a_url(page: Page, artifacts) -> None:
    """Start/Stop of the preset's 15 000-epoch run is covered by the AppTest file (and Stop in
    a real browser by test_browser.py's playground test): here, what only a browser shows."""
    open_app(page, "/initialization?epochs=100")
    no_exception(page)
    expect(page.get_by_role("heading", name="Initialization")).to_be_visible()
    expect(page.locator(PROGRESS)).to_contain_text("Epoch 0 of 100")

    choose(page, "sym", "constant")
    with rerun(page):  # the click's rerun carries the new start (no need to wait in between)
        page.get_by_role("button", name="▶ Start").click()
    assert "sym=constant" in page.url, page.url
    expect(page.locator(PROGRESS)).to_contain_text("Epoch 100 of 100", timeout=30_000)
    wait_idle(page)
    no_exception(page)

    main = page.get_by_test_id("stMain")
    expect(main.get_by_role("heading", name="The symmetry problem")).to_be_visible()
    expect(main).to_contain_text("1 distinct unit")
    expect(main.get_by_test_id("stTable")).to_contain_text("constant")
    for key in ("boundaries", "cost", "units"):
        drawn(page, key)
    boundaries = page.locator(".st-key-boundaries .js-plotly-plot")
    assert boundaries.locator(".contourlayer g.contour").count() >= 4, "expected 4 boundary maps"
    expect(boundaries.locator(".annotation-text").first).to_contain_text("constant")
    curves = page.locator(".st-key-cost .js-plotly-plot .scatterlayer path.js-line")
    assert curves.count() == 4, "expected one cost curve per start"
    screenshot(page, artifacts, "initialization.png")

    # The course preset sets the URL-bound widgets, so the preset is a URL too.
    with rerun(page):
        page.get_by_role("button", name="Course exercise preset").click()
    expect(page.get_by_text("These are the course's settings")).to_be_visible()
    url = page.url
    assert "lr=0.01" in url and "epochs=15000" in url and "sym=" not in url, url
    expect(page.locator(PROGRESS)).to_contain_text("Epoch 0 of 15000")

    no_exception(page)
