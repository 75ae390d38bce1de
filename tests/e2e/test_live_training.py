"""Live training in a real browser: the run engine trains off the page's script and the page
draws its frames.

Each test waits for states (a frame drawn, a run stopped or over), never for a time: Stop of a
15 000-epoch run holds the epoch it shows; a default Playground run is seen in at least 10
different boundary frames (the playback goes a bounded step per frame, whatever the machine's
speed); after every script run the live view is not marked stale; Streamlit's own header Stop
is hidden on the training pages.
"""

from __future__ import annotations

import re

from conftest import (
    PROGRESS,
    click_and_go,
    epoch,
    no_exception,
    open_app,
    run_to_end,
    screenshot,
    wait_idle,
)
from playwright.sync_api import Page, expect

BOUNDARY_TITLE = ".st-key-boundary .js-plotly-plot .gtitle"
WATCH_TITLES = """
(selector) => {
  window.__titles = new Set();
  const look = () => {
    const title = document.querySelector(selector);
    if (title) window.__titles.add(title.textContent);
  };
  new MutationObserver(look).observe(document.body, {subtree: true, childList: true,
                                                     characterData: true});
  look();
}
"""


def test_stop_holds_a_15000_epoch_run_where_it_shows(page: Page, artifacts):
    open_app(page, "/initialization?scene=course-exercise")
    expect(page.locator(PROGRESS)).to_contain_text("Epoch 0 of 15000")
    click_and_go(page, "▶ Start")
    expect(page.locator(PROGRESS)).not_to_contain_text("Epoch 0 of")  # a first frame
    page.get_by_role("button", name="■ Stop").click()
    warning = page.get_by_text(re.compile(r"Stopped by the user after epoch \d+"))
    expect(warning.first).to_be_visible()
    expect(page.get_by_role("button", name="■ Stop")).to_be_disabled()
    wait_idle(page)
    stopped = epoch(page)
    assert 0 < stopped < 15000
    assert f"after epoch {stopped}." in warning.first.inner_text()
    page.keyboard.press("r")  # a whole rerun: the run does not go on
    wait_idle(page)
    assert epoch(page) == stopped
    no_exception(page)
    screenshot(page, artifacts, "initialization_stopped.png")


def test_a_default_playground_run_is_seen_learning_in_many_frames(page: Page, artifacts):
    open_app(page, "/playground?seed=7")
    page.evaluate(WATCH_TITLES, BOUNDARY_TITLE)
    status = page.locator('[data-testid="stStatusWidget"]')
    click_and_go(page, "▶ Start")
    expect(page.locator(PROGRESS)).not_to_contain_text("Epoch 0 of")
    assert not status.is_visible(), "Streamlit's header Stop shows beside the run's own"
    run_to_end(page, "Epoch 300 of 300")
    titles = page.evaluate("() => [...window.__titles]")
    epochs = {int(m.group(1)) for t in titles if (m := re.search(r"epoch (\d+)", t))}
    assert 300 in epochs
    assert len(epochs - {0}) >= 10, f"only {sorted(epochs)}"
    assert re.search(
        r"Epoch 300 of 300 · [\d.]+ s · [\d,]+ epochs/s", page.locator(PROGRESS).inner_text()
    )
    no_exception(page)


def test_the_live_view_is_never_left_stale(page: Page):
    open_app(page, "/playground?epochs=1000&seed=8")
    click_and_go(page, "▶ Start")
    run_to_end(page, "Epoch 1000 of 1000")
    assert page.evaluate("() => window.__stFinished") >= 10  # its frames: fragment runs
    assert page.evaluate("() => window.__staleChecks") >= 1
    assert page.evaluate("() => window.__staleAfterRun") == 0
    assert page.locator('[data-stale="true"]').count() == 0  # at rest
