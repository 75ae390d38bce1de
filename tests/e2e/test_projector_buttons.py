"""The Playground's run panel on a projector: at 1280×720 in presenter mode no button is cut, and
the disabled ■ Stop looks disabled. (Every page's first control on the first screen, at both
sizes, is checked by the text-layout walk: tests/e2e/test_text_layout.py.)"""

from __future__ import annotations

from conftest import NEXT_FRAMES, open_app, train
from playwright.sync_api import Page, expect
from text_layout import cut_labels, open_sidebar

PROJECTOR = {"width": 1280, "height": 720}


def cut(page: Page) -> list[str]:
    """The run panel's buttons cut, once the page has drawn."""
    page.evaluate(NEXT_FRAMES)
    return cut_labels(page)


def test_the_run_panels_buttons_are_whole_on_a_projector(page: Page, artifacts) -> None:
    """At 1280×720 in presenter mode, with the sidebar folded and open, no button of the
    Playground's run panel (▶ Start … ↺ Reset, 📌 Pin as A once a run has trained) is cut, and
    the disabled ■ Stop looks disabled: grey, unlike the enabled ↺ Reset beside it."""
    page.set_viewport_size(PROJECTOR)
    open_app(page, "/playground?present=true&epochs=20")
    train(page, "Epoch 20 of 20")
    expect(page.get_by_role("button", name="📌 Pin as A")).to_be_visible()
    assert cut(page) == [], "buttons cut with the sidebar folded"
    page.screenshot(path=str(artifacts / "presenter_buttons_folded.png"))
    open_sidebar(page)
    assert cut(page) == [], "buttons cut with the sidebar open"
    page.screenshot(path=str(artifacts / "presenter_buttons_sidebar_open.png"))

    def colour(name: str) -> str:
        button = page.get_by_role("button", name=name)
        return button.evaluate("(b) => getComputedStyle(b).borderColor")

    expect(page.get_by_role("button", name="■ Stop")).to_be_disabled()
    assert colour("■ Stop") != colour("↺ Reset"), "the disabled Stop looks like an active button"
