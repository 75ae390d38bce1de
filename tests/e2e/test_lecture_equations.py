"""The lecture's equations filled in with a run's numbers, as KaTeX draws them in a real browser:
every equation renders (no KaTeX error) inside the page, and picking a component redraws it
(scrubbing the step is tested with AppTest). The pickers sit outside the run's live fragment,
so a pick reruns the whole page."""

from __future__ import annotations

import pytest
from conftest import choose, open_app, rerun, screenshot, train, wait_idle
from playwright.sync_api import Page, expect

PAGES = {
    # slug: (query, "Epoch k of k" to train to, or None, a text of the equation)
    "softmax": ("epochs=20", "Epoch 20 of 20", "dz"),
    "gradient_checking": ("", None, "approx"),
    "initialization": ("epochs=20", None, "Var"),
    "batch_norm": ("epochs=20&n=200", "Epoch 20 of 20", "norm"),
    "regularization": ("epochs=20&reg=L2", "Epoch 20 of 20", "backprop"),
}
PICKS = {
    # slug: (selectbox key, three of its options: the two not shown are picked in turn)
    "softmax": ("eq_class", ("0", "1", "2")),
    "gradient_checking": ("eq_component", ("W1[1,1]", "W1[1,2]", "W1[2,1]")),
    "initialization": ("eq_layer", ("1", "2", "3")),
    "batch_norm": ("eq_unit", ("1", "2", "3")),
    "regularization": ("eq_unit", ("1", "2", "3")),
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
    current = page.locator(f".st-key-{key} input").input_value()
    first, second = [option for option in options if option != current][:2]
    shown = [equation.text_content()]
    for option in (first, second):  # each pick redraws the equation with other numbers
        with rerun(page):
            choose(page, key, option)
        equation = page.locator(".katex-display").filter(has_text=text).last
        expect(equation).not_to_have_text(shown[-1])
        wait_idle(page)
        shown.append(equation.text_content())
    after = page.locator(".katex-display").filter(has_text=text).last
    expect(after).to_have_text(shown[-1])
    expect(page.locator(".katex-error")).to_have_count(0)
    screenshot(page, artifacts, f"equation_{slug}.png")
    after.screenshot(path=str(artifacts / f"equation_{slug}_crop.png"))
