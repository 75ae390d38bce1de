"""The Which hyperparameters matter page in a real browser: the sweeps computed off the page,
the ranked bars, the lecture's order beside them, then another data set."""

from __future__ import annotations

import re

from conftest import at_least, choose, no_exception, open_app, screenshot
from playwright.sync_api import Page, expect

TITLE = re.compile("Which hyperparameters matter$")


def plot(page: Page, key: str):
    return page.locator(f".st-key-{key} .js-plotly-plot")


def test_the_sweeps_rank_the_hyperparameters_beside_the_lecture(page: Page, artifacts):
    open_app(page, "/")
    open_app(page, "/priorities?points=3&epochs=20")
    no_exception(page)
    expect(page.get_by_role("heading", name=TITLE)).to_be_visible()
    main = page.get_by_test_id("stMain")
    expect(main).to_contain_text("moved the final dev cost the most", timeout=120_000)
    at_least(plot(page, "ranking").locator(".bars .point"), 9)
    at_least(plot(page, "sweeps").locator(".scatterlayer .point"), 9)
    expect(page.locator(".st-key-lecture").get_by_test_id("stTable")).to_be_visible()
    expect(main).to_contain_text("Re-test your intuitions")
    screenshot(page, artifacts, "priorities_moons.png")

    choose(page, "ds", "spiral")
    expect(main).to_contain_text("On spiral", timeout=120_000)
    at_least(plot(page, "ranking").locator(".bars .point"), 9)
    no_exception(page)
    screenshot(page, artifacts, "priorities_spiral.png")
