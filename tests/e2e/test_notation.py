"""The 📖 Notation popover in a real browser: its legend is drawn when it opens (it is not sent
with every run), on each page a tab walks to."""

from __future__ import annotations

from conftest import go_to, no_exception, open_app, rerun, screenshot
from playwright.sync_api import Page, expect

from playground.catalog import TOPICS, menu_of

LEGEND_HEADER = "widget · URL key"


def open_notation(page: Page) -> None:
    """Click 📖 Notation and wait for the run that draws its legend."""
    with rerun(page):
        page.get_by_role("button", name="📖 Notation").click()
    body = page.get_by_test_id("stPopoverBody")
    expect(body).to_contain_text(LEGEND_HEADER)
    expect(body).to_contain_text("the weights of layer")


def test_the_legend_opens_on_each_page_a_tab_walks_to(new_page, artifacts):
    page = new_page()
    open_app(page, "/regularization")
    expect(page.get_by_test_id("stPopoverBody")).to_have_count(0)
    open_notation(page)
    screenshot(page, artifacts, "notation_open.png")
    page.keyboard.press("Escape")
    expect(page.get_by_test_id("stPopoverBody")).to_have_count(0)
    topic = TOPICS["lr_decay"]
    go_to(page, menu_of(topic.slug), topic.title)
    open_notation(page)
    no_exception(page)
