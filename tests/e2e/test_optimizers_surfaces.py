"""The "Optimizers on surfaces" page in a real browser: pick a surface, click a start, animate."""

from __future__ import annotations

import re

from conftest import choose, no_exception, open_app, rerun, screenshot, wait_idle
from playwright.sync_api import Page, expect

TITLE = re.compile("Optimizers on surfaces$")
PATHS = ".st-key-paths .js-plotly-plot"
WATCH_STEP = """(plot) => {
  const step = () => plot.querySelector('.slider-group > text.slider-label')?.textContent;
  window.__steps = [step()];
  new MutationObserver(() => window.__steps.push(step())).observe(plot, {
    subtree: true, childList: true, characterData: true,
  });
}"""
"""Record every value the animation's step label takes (from the one shown now on)."""


def location(page: Page) -> str:
    """The address bar as the browser has it (``page.url`` can miss a history.pushState)."""
    return page.evaluate("() => window.location.href")


def slider_value(page: Page, key: str) -> str:
    return page.locator(f".st-key-{key}").get_by_test_id("stSliderThumbValue").inner_text()


def test_surface_start_click_and_animation(page: Page, artifacts) -> None:
    open_app(page, "/optimizers_surfaces?steps=200")
    no_exception(page, no_error_box=True)
    expect(page.get_by_role("heading", name=TITLE)).to_be_visible()
    plot = page.locator(PATHS)
    expect(plot.locator(".main-svg").first).to_be_visible()
    contours = plot.locator(".layer-subplot .imagelayer image")
    expect(contours).to_have_count(1)  # the filled contours are a layout image
    expect(page.get_by_test_id("stMain")).to_contain_text("arrives first")

    with rerun(page):
        choose(page, "surface", "rosenbrock")
    expect(page.locator(".st-key-surface [role='combobox']")).to_have_value("rosenbrock")
    assert slider_value(page, "w1") == "-1.50" and slider_value(page, "w2") == "2.50"
    expect(plot.locator(".gtitle")).to_contain_text("(1 − w₁)² + 100")
    assert "surface=rosenbrock" in location(page), location(page)
    assert "w1=" not in location(page), "the surface's own start is the default"

    # A click on the contour becomes the start: the sliders and the URL follow.
    box = plot.locator(".nsewdrag").first.bounding_box()
    assert box is not None
    with rerun(page):
        page.mouse.move(box["x"] + box["width"] * 0.75, box["y"] + box["height"] * 0.25)
        page.mouse.click(box["x"] + box["width"] * 0.75, box["y"] + box["height"] * 0.25)
    wait_idle(page)
    no_exception(page, no_error_box=True)
    w1, w2 = float(slider_value(page, "w1")), float(slider_value(page, "w2"))
    assert 0.5 < w1 < 1.6 and 1.5 < w2 < 2.6, (w1, w2)
    assert f"w1={w1:g}" in location(page) and f"w2={w2:g}" in location(page), location(page)

    plot.first.evaluate(WATCH_STEP)
    plot.locator(".updatemenu-button").filter(has_text="Play").click()
    page.wait_for_function("() => window.__steps.some((step) => step !== window.__steps[0])")
    no_exception(page, no_error_box=True)
    expect(contours).to_have_count(1)  # still there while the markers move
    expect(plot.locator(".slider-container")).to_be_visible()
    expect(plot.locator(".slider-container")).to_contain_text(re.compile(r"step \d+"))

    with rerun(page):
        page.locator(".st-key-view3d label").click()
    surface = page.locator(".st-key-surface3d .js-plotly-plot")
    expect(surface.locator(".main-svg").first).to_be_visible()
    expect(page.get_by_test_id("stMain")).to_contain_text("The race in numbers")
    no_exception(page, no_error_box=True)
    screenshot(page, artifacts, "optimizers_surfaces.png")
