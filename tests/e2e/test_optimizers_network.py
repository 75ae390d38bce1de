"""The "Optimizers on the network" page in a real browser: course scene, train, the landscape."""

from __future__ import annotations

import re

from conftest import PROGRESS, at_least, choose, no_exception, open_app, rerun, screenshot, train
from playwright.sync_api import Page, expect

TITLE = re.compile("Optimizers on the network$")


def location(page: Page) -> str:
    """The address bar as the browser has it (``page.url`` can miss a history.pushState)."""
    return page.evaluate("() => window.location.href")


def thumb(page: Page, key: str) -> str:
    return page.locator(f".st-key-{key}").get_by_test_id("stSliderThumbValue").inner_text()


def test_train_read_the_landscape_then_apply_the_course_preset(page: Page, artifacts) -> None:
    open_app(page, "/optimizers_network?epochs=100")
    no_exception(page, no_error_box=True)
    expect(page.get_by_role("heading", name=TITLE)).to_be_visible()
    expect(page.locator(PROGRESS)).to_contain_text("Epoch 0 of 100")
    page.locator(".st-key-landscape").scroll_into_view_if_needed()
    expect(page.locator(".st-key-landscape .js-plotly-plot .main-svg").first).to_be_visible()
    expect(page.get_by_test_id("stMain")).to_contain_text("random, filter-normalized")

    with rerun(page):
        page.locator(".st-key-gd_lr input[type='range']").press("ArrowRight")
    assert thumb(page, "gd_lr") == "0.02"
    assert "gd_lr=0.02" in location(page) and "epochs=100" in location(page), location(page)

    train(page, "Epoch 100 of 100")
    no_exception(page, no_error_box=True)
    main = page.get_by_test_id("stMain")
    expect(main).to_contain_text("Lowest training cost after 100 epochs")
    expect(main).to_contain_text("α = 0.02")
    expect(main).to_contain_text("The plane passes through θ*")
    for key in ("cost", "boundaries", "landscape"):
        page.locator(f".st-key-{key}").scroll_into_view_if_needed()
        chart = page.locator(f".st-key-{key} .js-plotly-plot")
        expect(chart.locator(".main-svg").first).to_be_visible()
    expect(page.locator(".st-key-cost .scatterlayer path.js-line")).to_have_count(4)
    expect(page.locator(".st-key-boundaries .contourlayer g.contour")).to_have_count(4)
    at_least(page.locator(".st-key-landscape .contourlayer g.contour"), 1)
    screenshot(page, artifacts, "optimizers_network.png")

    # The course exercise scene sets the widgets, and the URL with them (training takes ~10 s).
    with rerun(page):
        choose(page, "scene_optimizers_network", "Course exercise")
    assert thumb(page, "epochs") == "5000" and thumb(page, "gd_lr") == "0.0007"
    for part in ("epochs=5000", "gd_lr=0.0007", "adam_lr=0.0007"):
        assert part in location(page), location(page)
    expect(main).to_contain_text("Settings changed since this run")
    no_exception(page, no_error_box=True)
