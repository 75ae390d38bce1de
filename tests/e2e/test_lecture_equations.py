"""The lecture's equations filled in with a run's numbers, as KaTeX draws them in a real browser:
every equation renders (no KaTeX error) inside the page, and picking a component redraws it
(scrubbing the step is tested with AppTest). Pages whose pickers sit inside the run's live
fragment (initialization, batch norm, regularization) are not driven here yet."""

from __future__ import annotations

import pytest
from conftest import choose, open_app, rerun, screenshot, train
from playwright.sync_api import Page, expect

PAGES = {
    # slug: (query, "Epoch k of k" to train to, or None, a text of the equation)
    "softmax": ("epochs=20", "Epoch 20 of 20", "dz"),
    "gradient_checking": ("", None, "approx"),
}
PICKS = {
    # slug: (selectbox key, three of its options: the two not shown are picked in turn)
    "softmax": ("eq_class", ("0", "1", "2")),
    "gradient_checking": ("eq_component", ("W1[1,1]", "W1[1,2]", "W1[2,1]")),
}


@pytest.mark.parametrize("slug", list(PAGES))
def test_the_equation_renders_with_the_runs_numbers(page: Page, artifacts, slug: str) -> None:
    query, done, text = PAGES[slug]
    open_app(page, f"/{slug}?{query}")
    if done:
        train(page, done)
    equation = page.locator(".katex-display").filter(has_text=text).last
    equation.scroll_into_view_if_needed()
    expect(equation).to_be_visible()
    expect(page.locator(".katex-error")).to_have_count(0)
    expect(page.locator('[data-testid="stException"]')).to_have_count(0)
    box = equation.bounding_box()
    main = page.get_by_test_id("stMain").bounding_box()
    assert box and main and box["x"] + box["width"] <= main["x"] + main["width"] + 1, box
    key, options = PICKS[slug]
    current = page.locator(f".st-key-{key}").inner_text().splitlines()
    first, second = [option for option in options if option not in current][:2]
    with rerun(page):
        choose(page, key, first)
    shown = page.locator(".katex-display").filter(has_text=text).last.inner_text()
    with rerun(page):
        choose(page, key, second)
    after = page.locator(".katex-display").filter(has_text=text).last
    expect(after).not_to_have_text(shown)
    expect(page.locator(".katex-error")).to_have_count(0)
    screenshot(page, artifacts, f"equation_{slug}.png")
    after.screenshot(path=str(artifacts / f"equation_{slug}_crop.png"))
