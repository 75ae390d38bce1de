"""No label is clipped or drawn over another, and the first control is on the first screen, on
any page, at a laptop's 1440×900 and on a 1280×720 projector with presenter mode on.

One tab per size walks every page through the navigation's menus (as a user moves between pages:
a page whose check needs settings of its own is opened by its URL) and runs the text-layout probe
(tests/e2e/text_layout.py) on what each page shows at rest, in each of its tabs: Plotly's titles,
axis titles, tick labels, legends and annotations, and the headings, buttons, tabs and metrics.
The pages whose figures need a run (``TRAINED``) are looked at again once trained. A full-page
screenshot of every page lands in tests/artifacts/layout_<size>_<page>[_trained].png.

Each page's first control (the first widget of the sidebar; Home's first lesson-plan link) must
end inside the viewport. In presenter mode the sidebar starts folded, one click away: the walk
opens it, as the teacher does, measures, and folds it again. On the projector, no link of Home's
lesson plans may be cut mid-word.
"""

from __future__ import annotations

import re
import time

import pytest
from conftest import (
    NEXT_FRAMES,
    PROGRESS,
    RUN_TIMEOUT_MS,
    at_max_speed,
    click_and_go,
    go_to,
    new_context,
    no_exception,
    screenshot,
    wait_background,
    wait_idle,
    wait_runs,
)
from playwright.sync_api import Page, expect
from text_layout import (
    LINKS,
    MAIN_CONTROLS,
    cut_labels,
    first_control_bottom,
    fold_sidebar,
    open_sidebar,
    text_defects,
)

from playground.catalog import all_pages, menu_of
from playground.engine.topic import Topic

SIZES = {
    "laptop": ({"width": 1440, "height": 900}, ""),
    "projector": ({"width": 1280, "height": 720}, "present=true"),
}
"""Each size: its viewport, and the query that sets it up (presenter mode on the projector)."""
VISIT_TIMEOUT_MS = 240_000
"""Longest wait for one page's first run: a page that trains on arrival (Frameworks, Pandas vs
caviar) takes seconds on an idle machine; a loaded machine is slower, never failed."""
WALK_TIMEOUT = 1800
"""Seconds for one walk of every page, as generous."""
TRAINED = {"bias_variance": "epochs=150", "minibatch": "", "lr_decay": "", "batch_norm": ""}
"""Pages whose main figures draw only after a run, with the settings they are opened with: each
is also looked at once it has trained (at "max" speed, waiting for the finished state, never for
a time). Bias and variance trains four networks for 150 epochs instead of 500 (the same bars)."""
PRESENTER = "🎦 Presenter mode"
"""The presenter-mode toggle: on at every page of the projector's walk, as its URL says."""
DONE = re.compile(r"Epoch (\d+) of \1\b")
"""The progress bar of a finished run ("Epoch 20 of 20")."""
TABS = '[data-testid="stMain"] [data-testid="stTab"]'
SETTLED = """() => [...document.querySelectorAll('[data-testid="stMain"] .js-plotly-plot')]
  .every((plot) => !plot.offsetWidth || Math.abs(
    plot.querySelector('.main-svg').getBoundingClientRect().width - plot.offsetWidth) <= 1)"""
"""Every shown Plotly figure is drawn at the width of its box (a figure in a tab just shown
redraws at its width)."""


def look(page: Page) -> list[str]:
    """The probe's defects once every shown figure has settled at its width."""
    page.wait_for_function(SETTLED)
    page.evaluate(NEXT_FRAMES)
    return text_defects(page)


NEXT_TAB = """([visited]) => [...document.querySelectorAll(
    '[data-testid="stMain"] [data-testid="stTab"]')]
  .find((tab) => !visited.includes(tab.id) && tab.getAttribute('aria-selected') !== 'true'
    && !tab.closest('[inert]'))?.id ?? null"""
"""The id of a tab not looked at yet that can be clicked: not the shown one, and not inside a
hidden tab's panel (which is inert: its own tabs are reached once that tab is shown)."""


def defects_of(page: Page) -> list[str]:
    """The defects the page shows at rest, in each of its tabs and nested tabs in turn (each
    said once); the page is left on its first tabs."""
    found, visited = look(page), []
    while (tab := page.evaluate(NEXT_TAB, [visited])) is not None:
        visited.append(tab)
        page.locator(f"[id='{tab}']").click()
        found += look(page)
    if visited:
        page.locator(TABS).first.click()
    return list(dict.fromkeys(found))


def below_the_fold(page: Page, slug: str, viewport: dict) -> list[str]:
    """The first control's defect, if it ends below the viewport's bottom edge."""
    bottom = first_control_bottom(page, slug)
    if bottom <= viewport["height"]:
        return []
    return [f"first control ends at {bottom:.0f} px, below the {viewport['height']} px fold"]


def cut_lesson_plan_links(page: Page) -> list[str]:
    """The links cut mid-word in Home's week-by-week plan and in its 50-minute class."""
    found = [f"week-by-week link cut: {label}" for label in cut_labels(page, LINKS)]
    page.get_by_role("tab", name="🎬 A 50-minute class").click()
    expect(page.get_by_role("link", name=re.compile(r"^0′ "))).to_be_visible()
    found += [f"50-minute class link cut: {label}" for label in cut_labels(page, LINKS)]
    page.locator(TABS).first.click()
    return found


def open_page(page: Page, topic: Topic, query: str) -> None:
    """Show ``topic``: through the navigation's menus, as a user moves on in one tab (its
    presenter mode kept), or by its URL with ``query`` and the settings ``TRAINED`` gives it,
    on the first page and where those settings are not empty."""
    settings = "&".join(filter(None, [query, TRAINED.get(topic.slug)]))
    if page.url == "about:blank" or TRAINED.get(topic.slug):
        page.goto(f"{topic.address}{'?' if settings else ''}{settings}")
        wait_runs(page, 0, VISIT_TIMEOUT_MS)
    else:
        go_to(page, menu_of(topic.slug), topic.title, VISIT_TIMEOUT_MS)


def train_at_max_speed(page: Page) -> None:
    """Pick the "max" playback speed, press ▶ Start and wait until the run is over."""
    at_max_speed(page)
    click_and_go(page, "▶ Start")
    expect(page.locator(PROGRESS)).to_contain_text(DONE, timeout=RUN_TIMEOUT_MS)
    expect(page.get_by_role("button", name="▶ Start")).to_be_enabled(timeout=RUN_TIMEOUT_MS)
    wait_idle(page)


@pytest.mark.timeout(WALK_TIMEOUT)
@pytest.mark.parametrize("size", list(SIZES))
def test_no_text_is_clipped_or_overlapping_on_any_page(browser, app_server, artifacts, size):
    viewport, query = SIZES[size]
    context = new_context(browser, app_server, viewport=viewport)
    page = context.new_page()
    found: list[str] = []
    try:
        for topic in all_pages():
            slug, begun = topic.slug, time.monotonic()
            open_page(page, topic, query)
            if query:
                expect(page).to_have_url(re.compile(re.escape(query)))
                expect(page.get_by_role("switch", name=PRESENTER)).to_be_checked()
            wait_background(page)  # e.g. the priorities sweeps: look at what they draw
            no_exception(page)
            found += [f"{slug}: {defect}" for defect in defects_of(page)]
            screenshot(page, artifacts, f"layout_{size}_{slug}.png")
            if slug in TRAINED:
                train_at_max_speed(page)
                no_exception(page)
                found += [f"{slug} trained: {defect}" for defect in defects_of(page)]
                screenshot(page, artifacts, f"layout_{size}_{slug}_trained.png")
            unfolded = slug not in MAIN_CONTROLS and open_sidebar(page)
            found += [f"{slug}: {defect}" for defect in below_the_fold(page, slug, viewport)]
            if unfolded:  # the walk looks at presenter mode's default: the sidebar folded
                fold_sidebar(page)
            if query and slug == "home":
                found += [f"{slug}: {defect}" for defect in cut_lesson_plan_links(page)]
            print(f"{size} {slug}: {time.monotonic() - begun:.0f} s")
    finally:
        context.close()
    assert not found, "\n".join(found)
