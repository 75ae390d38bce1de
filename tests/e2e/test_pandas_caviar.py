"""The pandas-vs-caviar page in a real browser: caviar's curves, and a babysat run that the test
pauses, gives a new α and steps, so the change lands at an epoch the test chose (no race with
the run, however fast or slow the machine)."""

from __future__ import annotations

import re

from conftest import (
    PROGRESS,
    at_least,
    click_and_go,
    epoch,
    no_exception,
    open_app,
    pause,
    press,
    rerun,
    rerun_app,
    run_to_end,
    screenshot,
    wait_idle,
)
from playwright.sync_api import Page, expect

TITLE = re.compile("Pandas vs caviar$")


def plot(page: Page, key: str):
    return page.locator(f".st-key-{key} .js-plotly-plot")


def test_babysit_one_model_and_change_alpha_mid_run(page: Page, artifacts):
    # A fresh server's first deep link pops Streamlit's "Page not found" dialog once: open Home
    # first so this test does not depend on running first.
    open_app(page, "/")
    open_app(page, "/pandas_caviar?epochs=50&speed=1&models=16")
    no_exception(page)
    expect(page.get_by_role("heading", name=TITLE)).to_be_visible()
    caviar = plot(page, "caviar")
    expect(caviar.locator(".main-svg").first).to_be_visible()
    at_least(caviar.locator(".scatterlayer path.js-line"), 16)  # one curve per model
    expect(caviar.locator(".legendtext", has_text="best: α =")).to_have_count(1)
    main = page.get_by_test_id("stMain")
    expect(main).to_contain_text(re.compile(r"16 models with α from .* batched computation"))
    progress = page.locator(PROGRESS)
    expect(progress).to_contain_text("Epoch 0 of 50 · α = 0.001")

    # One epoch a tick: the test pauses after the first epochs, long before the 50th.
    click_and_go(page, "▶ Start")
    expect(progress).to_contain_text(re.compile(r"Epoch [1-9]\d* of 50"))
    held = pause(page)
    assert 0 < held < 50
    # A fragment rerun: α changes, nothing trains. (Not ``rerun``: so short a run can come and
    # go before the browser draws it as running, so the test waits for what it shows.)
    page.locator(".st-key-lr input[type='range']").press("ArrowRight")  # 0.001 → 0.003
    expect(progress).to_contain_text(f"Epoch {held} of 50 · α = 0.003 · ⏸ paused")
    wait_idle(page)
    rerun_app(page)
    assert epoch(page) == held, "a paused panda trained"

    press(page, "⏭ Step")
    expect(progress).to_contain_text(f"Epoch {held + 1} of 50 · α = 0.003 · ⏸ paused")
    expect(main).to_contain_text(f"Your changes of α: epoch {held} → α = 0.003.")

    speed = page.locator(".st-key-speed input[type='range']")
    with rerun(page):  # not a setting of the panda's model: it stays paused, not stale
        speed.press("End")  # 50 epochs a tick
    expect(progress).to_contain_text(f"Epoch {held + 1} of 50 · α = 0.003 · ⏸ paused")
    click_and_go(page, "▶ Resume")
    run_to_end(page, "Epoch 50 of 50 · α = 0.003")
    no_exception(page)

    expect(main).to_contain_text(f"Your changes of α: epoch {held} → α = 0.003.")
    panda = plot(page, "panda")
    expect(panda.locator(".main-svg").first).to_be_visible()
    at_least(panda.locator(".shapelayer path"), 1)  # the dashed line at the change
    expect(panda.locator(".annotation-text", has_text="α → 0.003")).to_have_count(1)
    at_least(panda.locator(".scatterlayer path.js-line"), 3)
    url = page.evaluate("() => window.location.href")
    assert "lr=0.003" in url and "epochs=50" in url and "models=16" in url, url
    page.mouse.move(700, 5)
    screenshot(page, artifacts, "pandas_caviar.png")
