"""One browser tab walks every page through the navigation, starting from extreme settings: no
exception box anywhere. The walks from the three starts go forwards, backwards and forwards again,
so every page is reached after every start, from both of its neighbours.

Pages share setting keys (layers, h1…h6, lr, epochs, bs, …) but each declares its own range, and
Streamlit carries a URL-bound widget's value from page to page in one tab: 6 hidden layers on the
Playground used to raise ``StreamlitValueAboveMaxError`` on Hyperparameter search (1–4 layers).
The hostile-URL tests open each page in a fresh session, so only a walk in one session sees it.
"""

from __future__ import annotations

from urllib.parse import urlencode

import pytest
from conftest import go_to, no_exception, open_app, screenshot
from playwright.sync_api import Page, expect

from playground.catalog import all_pages, menu_of
from playground.engine.settings import MAX_EPOCHS, MAX_HIDDEN_LAYERS, MAX_HIDDEN_UNITS
from playground.engine.topic import Topic

WIDEST = {f"h{l}": MAX_HIDDEN_UNITS for l in range(1, MAX_HIDDEN_LAYERS + 1)}
STARTS = {
    "playground": (
        "playground",
        "forwards",
        {
            "layers": MAX_HIDDEN_LAYERS,
            **WIDEST,
            "epochs": MAX_EPOCHS,
            "bs": "1",
            "lr": 10,
            "n": 50,
            "ds": "spiral",
            "C": 6,
            "dev": 50,
            "dseed": 100,
            "seed": 100,
            "l2": 30,
            "es": 1000,
            "sched": "staircase",
            "interval": 5000,
        },
    ),
    "regularization": (
        "regularization",
        "backwards",
        {
            "layers": MAX_HIDDEN_LAYERS,
            **WIDEST,
            "reg": "dropout",
            **{f"kp{l}": 0.1 for l in range(1, MAX_HIDDEN_LAYERS + 1)},
            "bs": "1",
            "epochs": 10,
        },
    ),
    "batch_norm": (
        "batch_norm",
        "forwards",
        {"layers": 6, "width": 32, "zl": 6, "epochs": 1000, "lr": 10, "bs": "512", "n": 50},
    ),
}
"""Where each walk starts (a page with its settings at their extremes, as URL values), and which
way it goes through the pages."""
VISIT_TIMEOUT_MS = 240_000
"""Longest wait for one page's run: a page that trains on arrival (Frameworks, Pandas vs caviar)
takes seconds on an idle machine, but a loaded machine is slower, never failed."""
WALK_TIMEOUT = 1800
"""Seconds for one walk of every page (well under a minute of CPU), as generous."""
NOTES = '[data-testid="stAlertContentInfo"]:has-text("adjusted to fit this page")'


def walk(direction: str) -> list[Topic]:
    """Every page, in the navigation's order or the reverse."""
    pages = all_pages()
    return pages if direction == "forwards" else pages[::-1]


def visit(page: Page, info: Topic) -> None:
    """Click ``info``'s link in the top navigation's menus and wait for its run to finish."""
    go_to(page, menu_of(info.slug), info.title, VISIT_TIMEOUT_MS)


def check(page: Page, info: Topic) -> None:
    """The page drew its title and no exception (raises AssertionError)."""
    no_exception(page)
    heading = page.locator("h1").first
    expect(heading).to_be_visible()
    if info.file != "home.py":
        expect(heading).to_contain_text(info.title.split(" — ")[0])


@pytest.mark.timeout(WALK_TIMEOUT)
@pytest.mark.parametrize("start", list(STARTS))
def test_walking_every_page_from_extreme_settings_raises_nothing(page: Page, artifacts, start):
    path, direction, values = STARTS[start]
    open_app(page, f"/{path}?{urlencode(values)}")
    no_exception(page)
    failed: list[str] = []
    noted: list[str] = []
    for step, info in enumerate(walk(direction)):
        visit(page, info)
        try:
            check(page, info)
        except AssertionError as error:
            shown = page.get_by_test_id("stException").all_inner_texts()
            failed.append(f"{step}: {info.url_path}: {shown[:1] or str(error).splitlines()[:1]}")
        if page.locator(NOTES).count():
            if not noted:
                screenshot(page, artifacts, f"walk_{start}_first_notes.png")
            noted.append(info.url_path)
    screenshot(page, artifacts, f"walk_{start}_end.png")
    print(f"walk from {start} {direction}: notes on {noted}, {len(failed)} failed")
    assert not failed, failed
    assert noted, "the extreme settings were never adjusted: the walk did not test the rule"
