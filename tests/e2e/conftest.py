"""Harness of the browser tests: a real Streamlit server and a headless Debian Chromium.

Playwright's own browser download is not used: the tests drive the ``chromium`` found on PATH
(``scripts/test`` installs Debian's). Without it every test here is skipped.
"""

from __future__ import annotations

import secrets
import shutil
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from deploy.local import replica

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "tests" / "artifacts"
E2E_DIR = Path(__file__).resolve().parent

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
VIEWPORT = {"width": 1400, "height": 900}
IDLE_TIMEOUT_MS = 60_000
SETTLE_SECONDS = 0.4
MAX_SCREENSHOT_HEIGHT = 8000

SCRIPT_STATE = '[data-testid="stApp"][data-test-script-state="notRunning"]'
COUNT_RUNS = """
window.__stRuns = 0;
new MutationObserver((records) => {
  for (const record of records) {
    if (record.target.getAttribute("data-test-script-state") === "running") window.__stRuns++;
  }
}).observe(document, {
  attributes: true, subtree: true, attributeFilter: ["data-test-script-state"],
});
"""
"""Counts the script runs (full reruns and fragment runs) the page has started."""


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark every test under tests/e2e with ``e2e`` (deselect them with ``-m "not e2e"``), and
    put them in one pytest-xdist group: one worker drives one browser and one app server while
    the other worker runs the unit and AppTest tests, so browsers never fight each other."""
    for item in items:
        if E2E_DIR in Path(str(item.path)).resolve().parents:
            item.add_marker(pytest.mark.e2e)
            item.add_marker(pytest.mark.xdist_group("browser"))


@pytest.fixture(scope="session")
def artifacts() -> Path:
    """tests/artifacts/ (git-ignored): screenshots and the server log."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS


@pytest.fixture(scope="session")
def chromium_path() -> str:
    path = shutil.which("chromium")
    if path is None:
        pytest.skip("chromium is not on PATH (scripts/test installs Debian's chromium)")
    return path


@pytest.fixture(scope="session")
def app_server(artifacts: Path, chromium_path: str) -> Iterator[str]:
    """Start ``streamlit run app.py`` on a free port (as one replica of ``deploy.local``: no file
    watcher, so code edited while the tests run never pops "File change. Rerun" into the pages);
    yield its base URL; stop it at the end."""
    with replica(artifacts / "streamlit.log", secrets.token_hex(32)) as app:
        yield app.url


@pytest.fixture(scope="session")
def browser(chromium_path: str):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium_path, headless=True, args=CHROMIUM_ARGS
        )
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture
def new_page(browser, app_server: str):
    """A factory of fresh pages, each in its own browser context (its own Streamlit session)."""
    contexts = []

    def make():
        context = browser.new_context(viewport=VIEWPORT, base_url=app_server)
        context.set_default_timeout(30_000)
        context.add_init_script(COUNT_RUNS)
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_page):
    """A 1400×900 page in a fresh context; ``page.goto("/playground")`` is relative to the app."""
    return new_page()


def wait_idle(page, timeout_ms: int = IDLE_TIMEOUT_MS, settle: float = SETTLE_SECONDS) -> None:
    """Wait until the script is not running and nothing is still loading, then settle a moment."""
    busy = '[data-testid="stSkeleton"], [data-testid="stSpinner"]'
    page.wait_for_selector(SCRIPT_STATE, state="attached", timeout=timeout_ms)
    page.wait_for_function(f"() => !document.querySelector('{busy}')", timeout=timeout_ms)
    time.sleep(settle)
    page.wait_for_selector(SCRIPT_STATE, state="attached", timeout=timeout_ms)


def script_runs(page) -> int:
    """How many script runs the page has started so far (see ``COUNT_RUNS``)."""
    return page.evaluate("() => window.__stRuns || 0")


@contextmanager
def rerun(page, timeout_ms: int = IDLE_TIMEOUT_MS) -> Iterator[None]:
    """Around an action that reruns the script: afterwards, wait for that rerun to finish.

    ``wait_idle`` alone could return before the rerun starts, while the app is still idle.
    """
    before = script_runs(page)
    yield
    page.wait_for_function(
        "n => (window.__stRuns || 0) > n", arg=before, timeout=timeout_ms, polling=50
    )
    wait_idle(page, timeout_ms)


def open_app(page, path: str) -> None:
    """Go to ``path`` (relative to the app) and wait for its first run to finish."""
    page.goto(path)
    wait_idle(page)


def screenshot(page, artifacts: Path, name: str) -> Path:
    """Save a full-page PNG under tests/artifacts/ and return its path.

    Streamlit scrolls inside its main area and sidebar, not the document, so the viewport is
    stretched to the taller of the two for the shot, then restored.
    """
    path = artifacts / name
    size = page.viewport_size or VIEWPORT
    height = page.evaluate(
        """() => Math.max(window.innerHeight, ...[
            '[data-testid="stMain"]', '[data-testid="stSidebarContent"]',
        ].map((selector) => document.querySelector(selector)?.scrollHeight || 0))"""
    )
    page.set_viewport_size({"width": size["width"], "height": min(height, MAX_SCREENSHOT_HEIGHT)})
    try:
        time.sleep(0.5)
        page.screenshot(path=str(path), full_page=True)
    finally:
        page.set_viewport_size(size)
    return path


def choose(page, key: str, option: str, attempts: int = 3) -> None:
    """Pick ``option`` in the selectbox ``key``; under load the first click may not open the
    list, so click again (at most ``attempts`` times)."""
    box = page.locator(f".st-key-{key}").get_by_role("combobox")
    for attempt in range(attempts):
        box.click()
        choice = page.get_by_role("option", name=option, exact=True)
        try:
            choice.wait_for(state="visible", timeout=5_000)
        except Exception:
            if attempt == attempts - 1:
                raise
            page.keyboard.press("Escape")
            continue
        choice.click()
        return


def no_exception(page, no_error_box: bool = False) -> None:
    """No exception box and no "This app has encountered an error" page (with ``no_error_box``,
    no ``st.error`` box either)."""
    from playwright.sync_api import expect

    expect(page.locator('[data-testid="stException"]')).to_have_count(0)
    expect(page.get_by_text("This app has encountered an error")).to_have_count(0)
    if no_error_box:
        expect(page.locator('[data-testid="stAlertContentError"]')).to_have_count(0)


@pytest.fixture(scope="session", autouse=True)
def home_first(browser, app_server: str) -> None:
    """Open Home once before any test: Streamlit 1.67 runs a fresh server's very first session
    in its old pages/ mode, and no test should depend on whether it happens to come first."""
    context = browser.new_context(base_url=app_server)
    try:
        open_app(context.new_page(), "/")
    finally:
        context.close()


def thumb(page, key: str) -> str:
    """The value shown on the thumb of the (select) slider ``key``."""
    return page.locator(f".st-key-{key}").get_by_test_id("stSliderThumbValue").inner_text().strip()
