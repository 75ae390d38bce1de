"""The initialization page in a real browser: four runs side by side, the course exercise's URL."""

from __future__ import annotations

from conftest import PROGRESS, at_least, choose, no_exception, open_app, rerun, screenshot, train
from playwright.sync_api import Page, expect


def drawn(page: Page, key: str) -> None:
    """The plotly chart ``key`` has drawn its SVG."""
    expect(page.locator(f".st-key-{key} .js-plotly-plot .main-svg").first).to_be_visible()


def test_four_starts_train_and_the_course_preset_is_a_url(page: Page, artifacts) -> None:
    """Start/Stop of the preset's 15 000-epoch run is covered by the AppTest file (and Stop in
    a real browser by test_browser.py's playground test): here, what only a browser shows."""
    open_app(page, "/initialization?epochs=100")
    no_exception(page, no_error_box=True)
    expect(page.get_by_role("heading", name="Initialization")).to_be_visible()
    expect(page.locator(PROGRESS)).to_contain_text("Epoch 0 of 100")

    with rerun(page):  # Start's arguments are the settings of the last run: wait for it
        choose(page, "sym", "constant")
    assert "sym=constant" in page.url, page.url
    train(page, "Epoch 100 of 100")
    no_exception(page, no_error_box=True)

    main = page.get_by_test_id("stMain")
    expect(main.get_by_role("heading", name="The symmetry problem")).to_be_visible()
    expect(main).to_contain_text("1 distinct unit")
    expect(main.get_by_test_id("stTable")).to_contain_text("constant")
    for key in ("boundaries", "cost", "units"):
        drawn(page, key)
    boundaries = page.locator(".st-key-boundaries .js-plotly-plot")
    at_least(boundaries.locator(".contourlayer g.contour"), 4)  # one boundary map per start
    expect(boundaries.locator(".annotation-text").first).to_contain_text("constant")
    curves = page.locator(".st-key-cost .js-plotly-plot .scatterlayer path.js-line")
    expect(curves).to_have_count(4)  # one cost curve per start
    screenshot(page, artifacts, "initialization.png")

    # The course exercise is a scene: it sets the URL-bound widgets, so it is a URL too.
    with rerun(page):
        choose(page, "scene_initialization", "Course exercise")
    expect(page.get_by_text("These are the course's settings")).to_be_visible()
    url = page.url
    assert "lr=0.01" in url and "epochs=15000" in url and "sym=" not in url, url
    assert "scene=course-exercise" in url, url
    expect(page.locator(PROGRESS)).to_contain_text("Epoch 0 of 15000")

    no_exception(page, no_error_box=True)
