"""Harness of the browser tests: a real Streamlit server and a headless Debian Chromium.

Playwright's own browser download is not used: the tests drive the ``chromium`` found on PATH
(``scripts/test`` installs Debian's). Without it every test here is skipped.

No test may depend on the machine's speed: the helpers here wait for states (a script run
finished, a run done, a run paused), never for a time, and every wait has a generous timeout
(``STATE_TIMEOUT_MS``) that only a stuck app reaches. A test that needs a run at a given epoch
pauses it or steps it (the run panel's ⏸ Pause and ⏭ Step) instead of racing it.
"""

from __future__ import annotations

import os
import re
import secrets
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import psutil
import pytest
from frame_trail import forget_pages, pages_trails, screenshot_pages, trace_frames
from playwright.sync_api import expect
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from deploy.local import replica, server_stacks

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
STATE_TIMEOUT_MS = 120_000
"""Upper bound of every wait for a state (an assertion, a script run, a training run to end):
reached only when the app is stuck, however busy the machine is."""
IDLE_TIMEOUT_MS = STATE_TIMEOUT_MS
RUN_TIMEOUT_MS = 600_000
"""Upper bound of the wait for a training run to end, on a machine as busy as can be."""
MAX_SCREENSHOT_HEIGHT = 8000
# The run's progress bar, not a stale copy: when the layout above it changes (a "settings
# changed" notice goes), the old one stays on screen, marked stale, until the script run ends.
PROGRESS = '[data-testid="stElementContainer"]:not([data-stale="true"]) [data-testid="stProgress"]'

SCRIPT_STATE = '[data-testid="stApp"][data-test-script-state="notRunning"]'
BUSY = '[data-testid="stSkeleton"], [data-testid="stSpinner"]'
FORWARD_FIELDS = ForwardMsg.DESCRIPTOR.fields_by_name
COUNT_RUNS = """
window.__stRuns = 0;
window.__stFinished = 0;
window.__staleAfterRun = 0;
window.__staleChecks = 0;
const countStale = (runs) => requestAnimationFrame(() => requestAnimationFrame(() => {
  const idle = document.querySelector('[data-testid="stApp"][data-test-script-state="notRunning"]');
  if (window.__stRuns !== runs || !idle) return;  // the next run has begun: not between runs
  const stale = document.querySelectorAll('[data-testid="stMain"] [data-stale="true"]').length;
  window.__staleAfterRun = Math.max(window.__staleAfterRun, stale);
  window.__staleChecks++;
}));
const topLevelFields = (bytes) => {
  const fields = [];
  let i = 0;
  const varint = () => {
    let value = 0, shift = 0, byte;
    do { byte = bytes[i++]; value += (byte & 0x7f) * 2 ** shift; shift += 7; } while (byte & 0x80);
    return value;
  };
  while (i < bytes.length) {
    const tag = varint(), wire = tag % 8;
    fields.push(Math.floor(tag / 8));
    if (wire === 0) varint();
    else if (wire === 1) i += 8;
    else if (wire === 2) i += varint();
    else if (wire === 5) i += 4;
    else break;
  }
  return fields;
};
const NativeWebSocket = window.WebSocket;
window.WebSocket = class extends NativeWebSocket {
  constructor(...args) {
    super(...args);
    this.addEventListener("message", (event) => {
      if (!(event.data instanceof ArrayBuffer)) return;
      const fields = topLevelFields(new Uint8Array(event.data));
      if (fields.includes(NEW_SESSION)) window.__stRuns++;
      if (fields.includes(SCRIPT_FINISHED)) {
        window.__stFinished++;
        countStale(window.__stRuns);
      }
    });
  }
};
""".replace("NEW_SESSION", str(FORWARD_FIELDS["new_session"].number)).replace(
    "SCRIPT_FINISHED", str(FORWARD_FIELDS["script_finished"].number)
)
"""Counts the script runs (full reruns and fragment runs) the page has started and finished, as
the server says them on the websocket: each run begins with a ForwardMsg ``new_session`` and
ends with ``script_finished`` (field numbers from Streamlit's own protobuf schema). Counting
what the browser draws instead misses a short run whose "running" and "not running" states are
drawn in one frame on a busy machine. ``__staleAfterRun`` is the most elements of the main area
still marked stale (``data-stale``) once a run has finished and been drawn, before the next one
began (``__staleChecks`` such moments were looked at)."""
NEXT_FRAMES = (
    "() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))"
)
"""Resolves once the browser has laid out and painted twice (after a viewport change)."""

expect.set_options(timeout=STATE_TIMEOUT_MS)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark every test under tests/e2e with ``e2e`` (deselect them with ``-m "not e2e"``), and
    make each test file one pytest-xdist group: with ``--dist loadgroup`` a file's tests run on
    one worker (a module's fixture, e.g. test_proxy's two replicas, is set up once), and the
    files are handed to whichever worker is free next, beside the unit and AppTest tests. Each
    worker drives its own browser and app server (started for its first browser test)."""
    for item in items:
        if E2E_DIR in Path(str(item.path)).resolve().parents:
            item.add_marker(pytest.mark.e2e)
            item.add_marker(pytest.mark.xdist_group(Path(str(item.path)).stem))


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo):
    """When a browser test fails, every app server it runs (this worker's and its module's
    replicas) is dumped with py-spy into tests/artifacts/stacks-<test>.txt: a state that was
    waited for in vain shows there what each server thread was doing; and each browser page's
    websocket trail goes into tests/artifacts/trail-<test>.txt (``frame_trail``), and a
    screenshot of each page still open into tests/artifacts/failed-<test>-page<k>.png."""
    report = yield
    if report.failed and call.when == "call" and "e2e" in item.keywords:
        name = re.sub(r"[^\w.-]+", "_", item.name)
        path = ARTIFACTS / f"stacks-{name}.txt"
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        path.write_text(server_stacks(app_servers()))
        report.sections.append(("app servers' stacks", str(path)))
        trails = ARTIFACTS / f"trail-{name}.txt"
        trails.write_text(pages_trails())
        report.sections.append(("browser pages' websocket trails", str(trails)))
        shots = screenshot_pages(ARTIFACTS, name)
        report.sections.append(("browser pages now", "\n".join(map(str, shots)) or "none open"))
    return report


def pytest_runtest_setup(item: pytest.Item) -> None:
    forget_pages()


def app_servers() -> list[int]:
    """The ``streamlit run`` processes this test process started."""
    children = psutil.Process().children(recursive=True)
    return [child.pid for child in children if "streamlit" in " ".join(_command_line(child))]


def _command_line(process: psutil.Process) -> list[str]:
    try:
        return process.cmdline()
    except psutil.Error:
        return []


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
    log = artifacts / f"streamlit-{os.environ.get('PYTEST_XDIST_WORKER', 'main')}.log"
    with replica(log, secrets.token_hex(32)) as app:
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


def new_context(browser, base_url: str, **options):
    """A browser context (its own Streamlit session) that counts its script runs and waits up to
    ``STATE_TIMEOUT_MS`` for anything it does."""
    context = browser.new_context(base_url=base_url, **options)
    context.set_default_timeout(STATE_TIMEOUT_MS)
    context.add_init_script(COUNT_RUNS)
    context.on("page", trace_frames)
    return context


@pytest.fixture
def new_page(browser, app_server: str):
    """A factory of fresh pages, each in its own browser context (its own Streamlit session)."""
    contexts = []

    def make():
        context = new_context(browser, app_server, viewport=VIEWPORT)
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_page):
    """A 1400×900 page in a fresh context; ``page.goto("/playground")`` is relative to the app."""
    return new_page()


def wait_idle(page, timeout_ms: int = IDLE_TIMEOUT_MS) -> None:
    """Wait until the script is not running and nothing is still loading."""
    page.wait_for_function(
        f"""() => document.querySelector('{SCRIPT_STATE}') && !document.querySelector('{BUSY}')""",
        timeout=timeout_ms,
        polling=50,
    )


def script_runs(page) -> int:
    """How many script runs the page has started so far (see ``COUNT_RUNS``)."""
    return page.evaluate("() => window.__stRuns || 0")


def wait_started(page, more_than: int, timeout_ms: int = IDLE_TIMEOUT_MS) -> None:
    """Wait until the page has started more than ``more_than`` script runs."""
    page.wait_for_function(
        "n => (window.__stRuns || 0) > n", arg=more_than, timeout=timeout_ms, polling=50
    )


def wait_runs(page, more_than: int, timeout_ms: int = IDLE_TIMEOUT_MS) -> None:
    """Wait until the page has started more than ``more_than`` script runs, and they finished."""
    wait_started(page, more_than, timeout_ms)
    page.wait_for_function(
        "() => window.__stFinished >= window.__stRuns", timeout=timeout_ms, polling=50
    )
    wait_idle(page, timeout_ms)


@contextmanager
def rerun(page, timeout_ms: int = IDLE_TIMEOUT_MS) -> Iterator[None]:
    """Around an action that reruns the script: afterwards, wait for that rerun to finish.

    ``wait_idle`` alone could return before the rerun starts, while the app is still idle. For
    a whole-page rerun: a fragment's rerun of a few milliseconds can start and end before the
    browser draws it as running, so after one a test waits for what the fragment shows.
    """
    before = script_runs(page)
    yield
    wait_runs(page, before, timeout_ms)


def open_app(page, path: str) -> None:
    """Go to ``path`` (relative to the app) and wait for its first run to finish (the page
    shows "not running" before its first run starts, so idle alone is not enough)."""
    page.goto(path)
    wait_runs(page, 0)


def reload(page) -> None:
    """Reload the page (a new session of the same browser) and wait for its first run."""
    page.reload()
    wait_runs(page, 0)


def go_to(page, section: str, title: str, timeout_ms: int = IDLE_TIMEOUT_MS) -> None:
    """Open the top navigation's menu ``section`` (Start, Week 1, …), click the page ``title``
    and wait for the run that switches to it to finish."""
    menu = open_menu(page, section)
    link = menu.get_by_role("menuitem", name=title, exact=True)
    with rerun(page, timeout_ms):
        link.click()


MENU_ATTEMPTS = 5
MENU_OPEN_MS = 10_000
"""How long one click on a menu's name has to open it before the menu is looked at again."""


def open_menu(page, section: str):
    """Open the top navigation's menu ``section`` and return its popover. A click on the name
    toggles the menu; one that lands while the navigation is laid out again (the sidebar just
    folded) can be lost, so the name is clicked again while it says it is closed
    (``aria-expanded``) — never when it says it is open, so a slow render is never closed."""
    name = page.get_by_text(section, exact=True)
    button = page.get_by_test_id("stTopNav").get_by_test_id("stTopNavSection").filter(has=name)
    for _ in range(MENU_ATTEMPTS):
        if button.get_attribute("aria-expanded") != "true":
            button.click()
        try:
            expect(button).to_have_attribute("aria-expanded", "true", timeout=MENU_OPEN_MS)
            break
        except AssertionError:
            continue
    expect(button).to_have_attribute("aria-expanded", "true")
    return page.get_by_test_id("stTopNavPopoverBody")


BACKGROUND = re.compile(r"⏳ .* of \d+ done")
"""The caption of a section computed in the engine's workers, shown until all its jobs are in."""


def wait_background(page, timeout_ms: int = RUN_TIMEOUT_MS) -> None:
    """Wait until every section the page computes off its script has drawn (no "⏳ … k of n
    done" caption left) and the rerun that draws it has finished."""
    expect(page.get_by_test_id("stMain").get_by_text(BACKGROUND)).to_have_count(
        0, timeout=timeout_ms
    )
    wait_idle(page)


def rerun_app(page) -> None:
    """Rerun the whole script as Streamlit's "R" key does, and wait for that run to finish."""
    page.evaluate("() => document.activeElement && document.activeElement.blur()")
    with rerun(page):
        page.keyboard.press("r")


def run_to_end(page, done_text: str) -> None:
    """Wait until the page's run is over: its progress bar shows ``done_text`` (e.g. "Epoch 100
    of 100") and ▶ Start is enabled again (nothing ticks any more)."""
    expect(page.locator(PROGRESS)).to_contain_text(done_text, timeout=RUN_TIMEOUT_MS)
    expect(page.get_by_role("button", name="▶ Start")).to_be_enabled(timeout=RUN_TIMEOUT_MS)
    wait_idle(page)


def click_and_go(page, name: str) -> None:
    """Click the button ``name`` (▶ Start, ▶ Resume) and wait until the script run it causes has
    begun, not until the app is idle: a ticking run can keep the script busy back to back."""
    before = script_runs(page)
    page.get_by_role("button", name=name).click()
    wait_started(page, before)


def at_max_speed(page) -> None:
    """Pick the "max" playback speed if the page has a playback box not at "max" yet (the
    session keeps it for its next pages). A test that reads a run's end, not its animation,
    trains at "max": at 1× the browser redraws every figure of the page in at least 15 frames
    per run, ten times the browser's work (Playground: 33 s of CPU against 3 s)."""
    box = page.locator(".st-key-playback input")  # the combobox shows its value in an input
    if box.count() and box.input_value() != "max":
        with rerun(page):
            choose(page, "playback", "max")


def train(page, done_text: str) -> None:
    """Press ▶ Start at the "max" playback speed (``at_max_speed``) and wait until the run is
    over (see ``run_to_end``)."""
    at_max_speed(page)
    click_and_go(page, "▶ Start")
    run_to_end(page, done_text)


def press(page, name: str) -> None:
    """Click the button labelled ``name`` and wait for the rerun it starts to finish (for a
    button that leaves nothing ticking: ⏭ Step, 🔍 Zoom in …)."""
    with rerun(page):
        page.get_by_role("button", name=name).click()


def pause(page) -> int:
    """Press ⏸ Pause on a ticking run and wait until the page shows it paused; return the epoch
    it is held at. (Not ``press``: while a run ticks the script is running back to back, so the
    Pause's own rerun starts no new run for ``rerun`` to count.)"""
    page.get_by_role("button", name="⏸ Pause").click()
    return paused_at(page)


def paused_at(page) -> int:
    """Wait until the page's run shows it is paused; return the epoch it is held at."""
    expect(page.locator(PROGRESS)).to_contain_text("⏸ paused")
    wait_idle(page)
    return epoch(page)


def epoch(page) -> int:
    """k of the progress bar's "Epoch k of N"."""
    text = page.locator(PROGRESS).inner_text()
    match = re.search(r"Epoch (\d+) of \d+", text)
    assert match, text
    return int(match.group(1))


def at_least(locator, count: int) -> None:
    """Wait until ``locator`` matches at least ``count`` elements (plotly draws after the run)."""
    expect(locator.nth(count - 1)).to_be_attached()


def screenshot(page, artifacts: Path, name: str) -> Path:
    """Save a full-page PNG under tests/artifacts/ and return its path.

    Streamlit scrolls inside its main area and sidebar, not the document, so the viewport is
    stretched to the taller of the two for the shot, then restored. The mouse leaves the page
    first, and the shot waits for a help tooltip it left open to close.
    """
    path = artifacts / name
    size = page.viewport_size or VIEWPORT
    page.mouse.move(1, size["height"] - 1)  # off the last button clicked: no tooltip over it
    expect(page.locator("[data-testid='stTooltipContent']")).to_have_count(0)
    height = page.evaluate(
        """() => Math.max(window.innerHeight, ...[
            '[data-testid="stMain"]', '[data-testid="stSidebarContent"]',
        ].map((selector) => document.querySelector(selector)?.scrollHeight || 0))"""
    )
    page.set_viewport_size({"width": size["width"], "height": min(height, MAX_SCREENSHOT_HEIGHT)})
    try:
        page.evaluate(NEXT_FRAMES)
        page.screenshot(path=str(path), full_page=True)
    finally:
        page.set_viewport_size(size)
    return path


def choose(page, key: str, option: str, attempts: int = 4) -> None:
    """Pick ``option`` in the selectbox ``key``: open its list with the box's ▾ button (a click
    on its text field may only focus it), once the box is scrolled into view and drawn there (a
    click that scrolls the page first opens the list and the scroll closes it again: Learning-rate
    decay's playback box, below the fold, lost 10 s to that). A click that lands while a rerun
    redraws the box may not open its list: then close it and click again (at most ``attempts``
    times)."""
    opener = page.locator(f".st-key-{key}").get_by_role("button", name="Open")
    for attempt in range(attempts):
        opener.scroll_into_view_if_needed()
        page.evaluate(NEXT_FRAMES)
        opener.click()
        choice = page.get_by_role("option", name=option, exact=True)
        try:
            choice.wait_for(state="visible", timeout=10_000)
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
    expect(page.locator('[data-testid="stException"]')).to_have_count(0)
    expect(page.get_by_text("This app has encountered an error")).to_have_count(0)
    if no_error_box:
        expect(page.locator('[data-testid="stAlertContentError"]')).to_have_count(0)


@pytest.fixture(scope="session", autouse=True)
def home_first(browser, app_server: str) -> None:
    """Open Home once before any test: Streamlit 1.67 runs a fresh server's very first session
    in its old pages/ mode, and no test should depend on whether it happens to come first."""
    context = new_context(browser, app_server)
    try:
        open_app(context.new_page(), "/")
    finally:
        context.close()


def thumb(page, key: str) -> str:
    """The value shown on the thumb of the (select) slider ``key``."""
    return page.locator(f".st-key-{key}").get_by_test_id("stSliderThumbValue").inner_text().strip()
