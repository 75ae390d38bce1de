"""The lecture's equations with the run's numbers, in a real browser: KaTeX draws every one of
them (a formula it cannot read would show as a red ``.katex-error``), one page after another in
one tab."""

from __future__ import annotations

from conftest import choose, no_exception, open_app, press, rerun, screenshot
from playwright.sync_api import Page, expect

PAGES = (
    ("/optimizers_surfaces?steps=100", "adam", "equations_surfaces.png"),
    ("/optimizers_network?epochs=20", "adam", "equations_network.png"),
    ("/ewma", None, "equations_ewma.png"),
    ("/lr_decay?epochs=20&staircase=true&inverse_sqrt=true", None, "equations_lr_decay.png"),
)


def formulas(page: Page):
    return page.get_by_test_id("stMarkdownContainer").locator(".katex-display")


def test_the_equations_of_the_optimization_pages_are_drawn(page: Page, artifacts) -> None:
    for path, _, name in PAGES:
        open_app(page, path)
        no_exception(page, no_error_box=True)
        if path.startswith("/optimizers_network"):
            press(page, "⏭ Step")
            expect(formulas(page)).to_have_count(1)  # once the step's frame is drawn
            with rerun(page):
                choose(page, "eq_w", "W1[1, 0]")
        expect(formulas(page)).to_have_count(1)
        expect(page.locator(".katex-error")).to_have_count(0)
        formulas(page).scroll_into_view_if_needed()
        no_exception(page, no_error_box=True)
        screenshot(page, artifacts, name)
