"""The normalizing-inputs page in a real browser: contour maps, a learning-rate change, the URL."""

from __future__ import annotations

import re

from conftest import at_least, no_exception, open_app, rerun, screenshot, thumb
from playwright.sync_api import Page, expect

TITLE = "Normalizing inputs"


def test_lowering_the_learning_rate_updates_the_maps_and_the_url(page: Page, artifacts):
    open_app(page, "/normalization")
    no_exception(page, no_error_box=True)
    expect(page.get_by_role("heading", name=TITLE)).to_be_visible()
    assert thumb(page, "lr") == "1"
    main = page.get_by_test_id("stMain")
    expect(main).to_contain_text("every step overshoots across the valley")

    with rerun(page):
        page.locator(".st-key-lr input[type='range']").press("ArrowLeft")
    assert thumb(page, "lr") == "0.3"
    no_exception(page, no_error_box=True)
    expect(main).to_contain_text("α = 0.3 is too big here")

    for key in ("raw", "standardized", "dev"):
        plot = page.locator(f".st-key-{key} .js-plotly-plot")
        expect(plot.locator(".main-svg").first).to_be_visible()
    raw = page.locator(".st-key-raw .js-plotly-plot")
    expect(raw.locator(".gtitle")).to_contain_text("Raw inputs: x₁ in [0, 100]")
    at_least(raw.locator(".contourlayer g.contour"), 1)  # the cost contours
    path = raw.locator(".scatterlayer path.js-line").first
    # the descent path: its first steps, then cut where it leaves the map, not (nearly) empty
    expect(path).to_have_attribute("d", re.compile(r"^M[^L]+(L[^L]+){2,}$"))
    dev = page.locator(".st-key-dev .js-plotly-plot")
    at_least(dev.locator(".scatterlayer .point"), 100)  # the dev points
    expect(main).to_contain_text("Dev accuracy, training μ σ")
    screenshot(page, artifacts, "normalization.png")

    url = page.url
    assert "lr=0.3" in url, url
