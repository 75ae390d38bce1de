"""The hyperparameter-search page in a real browser: change the budget, search, zoom in."""

from __future__ import annotations

import re

from conftest import (
    PROGRESS,
    at_least,
    click_and_go,
    no_exception,
    open_app,
    rerun,
    run_to_end,
    screenshot,
    train,
)
from playwright.sync_api import Page, expect

TITLE = re.compile("Hyperparameter search$")


def plot(page: Page, key: str):
    return page.locator(f".st-key-{key} .js-plotly-plot")


def test_grid_vs_random_search_then_zoom_in(page: Page, artifacts):
    # A fresh server's first deep link pops Streamlit's "Page not found" dialog once: open Home
    # first so this test does not depend on running first.
    open_app(page, "/")
    open_app(page, "/search?epochs=20")
    no_exception(page)
    expect(page.get_by_role("heading", name=TITLE)).to_be_visible()
    main = page.get_by_test_id("stMain")
    expect(main).to_contain_text("25 trials try 5 distinct α")
    expect(plot(page, "samples").locator(".main-svg").first).to_be_visible()

    trials = page.locator(".st-key-trials input[type='range']")
    trials.scroll_into_view_if_needed()
    with rerun(page):
        trials.press("ArrowLeft")  # 25 → 16 trials: a 4 × 4 grid
    expect(main).to_contain_text("16 trials try 4 distinct α")
    expect(main).to_contain_text("16 trials try 16 distinct α")
    expect(page.locator(PROGRESS)).to_contain_text("Trained 0 of 32 trials")

    train(page, "Trained 32 of 32 trials")
    no_exception(page)
    expect(main).to_contain_text(re.compile(r"best dev accuracy \d+\.\d%"))
    for key in ("samples", "scatter", "parallel", "boundary"):
        expect(plot(page, key).locator(".main-svg").first).to_be_visible()
    at_least(plot(page, "samples").locator(".scatterlayer .point"), 32)
    at_least(plot(page, "parallel").locator(".axis"), 3)
    expect(main.get_by_test_id("stDataFrame")).to_be_visible()
    expect(plot(page, "boundary").locator(".gtitle")).to_contain_text("retrained alone")
    assert "trials=16" in page.url and "epochs=20" in page.url, page.url

    click_and_go(page, "🔍 Zoom in")
    run_to_end(page, "Trained 48 of 48 trials")
    no_exception(page)
    rounds = plot(page, "rounds")
    expect(rounds.locator(".main-svg").first).to_be_visible()
    expect(rounds.locator(".legendtext", has_text="box of zoom 1")).to_have_count(1)
    expect(main).to_contain_text("zoom 1: 16 trials try 16 distinct α")
    page.mouse.move(700, 5)
    screenshot(page, artifacts, "search.png")


def test_the_lectures_units_scene_shows_the_spread_of_each_scale(page: Page, artifacts):
    open_app(page, "/")
    open_app(page, "/search?scene=units-on-a-uniform-scale")
    no_exception(page)
    main = page.get_by_test_id("stMain")
    expect(main).to_contain_text("hidden units 50 … 100: drawn uniformly")
    expect(main).to_contain_text("either scale works here. This search draws it on the linear")
    expect(main).to_contain_text("— use the log scale. This search draws it on the log scale.")
    spreads = plot(page, "spreads")
    spreads.scroll_into_view_if_needed()
    expect(spreads.locator(".main-svg").first).to_be_visible()
    assert spreads.locator(".bars .point").count() == 60  # 3 rows × 2 scales × 10 tenths
    page.mouse.move(700, 5)
    screenshot(page, artifacts, "search-scales.png")
