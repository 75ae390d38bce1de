"""The saddle-points page in a real browser: the saddle race, the plateau, the Hessian census."""

from __future__ import annotations

import re

from conftest import at_least, choose, no_exception, open_app, rerun, screenshot
from playwright.sync_api import Page, expect

TITLE = re.compile("Local optima, saddles, plateaus$")


def plot(page: Page, key: str):
    return page.locator(f".st-key-{key} .js-plotly-plot")


def test_the_saddle_then_the_plateau_race_and_the_hessian_census(page: Page, artifacts):
    open_app(page, "/saddles?nmax=20")
    no_exception(page)
    expect(page.get_by_role("heading", name=TITLE)).to_be_visible()
    main = page.get_by_test_id("stMain")
    expect(main).to_contain_text(
        "In 300 steps: gradient descent after 36 steps; momentum v = βv + (1 − β)dW after 69 "
        "steps; momentum v = βv + dW after 18 steps"
    )
    expect(main).to_contain_text("escaped after 69 steps, later than gradient descent (36)")
    expect(main).to_contain_text("v = βv + dW after 18 steps, sooner than gradient descent (36)")
    paths = plot(page, "paths")
    expect(paths.locator(".main-svg").first).to_be_visible()
    at_least(paths.locator(".contourlayer g.contour"), 1)  # the contours
    at_least(paths.locator(".scatterlayer path.js-line"), 5)  # one path per optimizer
    expect(plot(page, "cost").locator(".gtitle")).to_contain_text("J at every step")
    screenshot(page, artifacts, "saddles_saddle.png")

    with rerun(page):
        choose(page, "surface", "plateau")
    expect(page.locator(".st-key-surface [role='combobox']")).to_have_value("plateau")
    expect(main).to_contain_text("clearly below the plateau")
    expect(main).to_contain_text("escaped not in 300 steps (nor did gradient descent)")
    expect(main).to_contain_text("dW/(1 − β) = 10·dW, a 10× larger step at the same α")
    expect(main).to_contain_text("Adam after 56 steps")
    table = main.get_by_test_id("stTable")
    expect(table).to_contain_text("not in 300")
    expect(table).to_contain_text("RMSprop")

    for key in ("paths", "cost", "minima", "downhill"):
        expect(plot(page, key).locator(".main-svg").first).to_be_visible()
    expect(plot(page, "cost").locator(".scatterlayer path.js-line")).to_have_count(5)
    at_least(plot(page, "downhill").locator(".barlayer .point"), 10)
    expect(main).to_contain_text("n = 1: 4")
    no_exception(page)
    assert "surface=plateau" in page.url and "nmax=20" in page.url, page.url
    screenshot(page, artifacts, "saddles.png")
