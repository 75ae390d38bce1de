"""The batch-normalization page in a real browser: change the activation, train, look."""

from __future__ import annotations

import pytest
from conftest import open_app, rerun, screenshot, wait_idle
from playwright.sync_api import Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

PROGRESS = '[data-testid="stProgress"]'


@pytest.fixture(scope="module", autouse=True)
def home_first(browser, app_server: str) -> None:
    """Open Home once first: a fresh server's first deep link runs the old pages/ mode."""
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


def test_train_with_and_without_batch_norm(page: Page, artifacts) -> None:
    open_app(page, "/batch_norm?epochs=50")
    expect(page.get_by_role("heading", name="Batch normalization")).to_be_visible()
    expect(page.locator(PROGRESS)).to_contain_text("Epoch 0 of 50")
    with rerun(page):
        choose(page, "act", "tanh")
    assert "act=tanh" in page.url, page.url
    with rerun(page):
        page.get_by_role("button", name="▶ Start").click()
    expect(page.locator(PROGRESS)).to_contain_text("Epoch 50 of 50", timeout=30_000)
    wait_idle(page)
    expect(page.locator('[data-testid="stException"]')).to_have_count(0)
    expect(page.locator('[data-testid="stAlertContentError"]')).to_have_count(0)
    main = page.get_by_test_id("stMain")
    expect(main).to_contain_text("running averages")
    expect(main).to_contain_text("What γ[2] and β[2] learned")
    for key in ("cost", "z", "gammabeta", "inference", "sweep"):
        expect(page.locator(f".st-key-{key} .js-plotly-plot .main-svg").first).to_be_visible()
    screenshot(page, artifacts, "batch_norm.png")
