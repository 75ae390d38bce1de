"""The pandas-vs-caviar page in a real browser: caviar's curves, a babysat run whose α changes."""

from __future__ import annotations

import re

from conftest import no_exception, open_app, rerun, screenshot, wait_idle
from playwright.sync_api import Page, expect

PROGRESS = '[data-testid="stProgress"]'
EPOCH = re.compile(r"Epoch (\d+) of (\d+)")
TITLE = re.compile("Pandas vs caviar$")


def plot(page: Page, key: str):
    return page.locator(f".st-key-{key} .js-plotly-plot")


def epoch(page: Page) -> int:
    match = EPOCH.search(page.locator(PROGRESS).inner_text())
    assert match, page.locator(PROGRESS).inner_text()
    return int(match.group(1))


def test_babysit_one_model_and_change_alpha_mid_run(page: Page, artifacts):
    # A fresh server's first deep link pops Streamlit's "Page not found" dialog once: open Home
    # first so this test does not depend on running first.
    open_app(page, "/")
    open_app(page, "/pandas_caviar?epochs=50&speed=5&models=16")
    no_exception(page)
    expect(page.get_by_role("heading", name=TITLE)).to_be_visible()
    caviar = plot(page, "caviar")
    expect(caviar.locator(".main-svg").first).to_be_visible()
    assert caviar.locator(".scatterlayer path.js-line").count() >= 16, "one curve per model"
    expect(caviar.locator(".legendtext", has_text="best: α =")).to_have_count(1)
    main = page.get_by_test_id("stMain")
    expect(main).to_contain_text(re.compile(r"16 models with α from .* batched computation"))
    expect(page.locator(PROGRESS)).to_contain_text("Epoch 0 of 50 · α = 0.001")

    with rerun(page):
        page.get_by_role("button", name="▶ Start").click()
    expect(page.get_by_role("button", name="⏸ Pause")).to_be_enabled(timeout=20_000)
    page.wait_for_function(
        "() => /Epoch ([1-4]\\d) of 50/.test("
        "document.querySelector('[data-testid=\"stProgress\"]').innerText)",
        timeout=30_000,
    )
    page.locator(".st-key-lr input[type='range']").press("ArrowRight")  # α: 0.001 → 0.003
    changed_at = epoch(page)
    expect(page.locator(PROGRESS)).to_contain_text("α = 0.003", timeout=10_000)
    expect(page.locator(PROGRESS)).to_contain_text("Epoch 50 of 50", timeout=60_000)
    wait_idle(page)
    no_exception(page)

    expect(main).to_contain_text(re.compile(r"Your changes of α: epoch \d+ → α = 0\.003\."))
    text = main.inner_text()
    at = int(re.search(r"Your changes of α: epoch (\d+)", text).group(1))
    # The change lands at a tick boundary near the epoch shown when the key was pressed.
    assert 0 < at < 50 and abs(at - changed_at) <= 20
    panda = plot(page, "panda")
    expect(panda.locator(".main-svg").first).to_be_visible()
    assert panda.locator(".shapelayer path").count() >= 1, "no dashed line at the change"
    expect(panda.locator(".annotation-text", has_text="α → 0.003")).to_have_count(1)
    assert panda.locator(".scatterlayer path.js-line").count() >= 3
    assert "lr=0.003" in page.url and "epochs=50" in page.url and "models=16" in page.url
    page.mouse.move(700, 5)
    screenshot(page, artifacts, "pandas_caviar.png")
