"""The gradient-checking page in a real browser: plant a bug, move ε, keep both in the URL."""

from __future__ import annotations

from conftest import choose, no_exception, open_app, rerun, screenshot
from playwright.sync_api import Page, expect


def drawn(page: Page, key: str) -> None:
    expect(page.locator(f".st-key-{key} .js-plotly-plot .main-svg").first).to_be_visible()


def test_plant_a_bug_and_move_epsilon(page: Page, artifacts) -> None:
    open_app(page, "/gradient_checking")
    no_exception(page, no_error_box=True)
    expect(page.get_by_role("heading", name="Gradient checking")).to_be_visible()
    main = page.get_by_test_id("stMain")
    expect(main).to_contain_text("Backprop is right")

    with rerun(page):
        choose(page, "bug", "dW2_x2")
    expect(main).to_contain_text("dW2 is off")
    expect(main).to_contain_text("the bug is in layer 2's weight gradient")
    expect(main.get_by_role("heading", name="Verdict: likely a bug")).to_be_visible()

    with rerun(page):
        page.locator(".st-key-epsilon input[type='range']").press("ArrowLeft")
    expect(page.locator(".st-key-epsilon")).to_contain_text("1e-06")
    expect(main).to_contain_text("at your ε = 1e-06")
    for key in ("derivative", "parameters", "sweep"):
        drawn(page, key)
    bars = page.locator(".st-key-parameters .js-plotly-plot .barlayer .point")
    expect(bars).to_have_count(6)  # one bar per parameter W1 … b3
    lines = page.locator(".st-key-sweep .js-plotly-plot .scatterlayer path.js-line")
    expect(lines).to_have_count(2)  # the correct and the buggy curve
    no_exception(page, no_error_box=True)
    screenshot(page, artifacts, "gradient_checking.png")

    url = page.url
    assert "bug=dW2_x2" in url and "epsilon=1e-06" in url, url
