"""Harness of the browser tests: a real Streamlit server and a headless Debian Chromium.

Playwright's own browser download is not used: the tests drive the ``chromium`` found on PATH
(``scripts/test`` installs Debian's). Without it every test here is skipped.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "tests" / "artifacts"
E2E_DIR = Path(__file__).resolve().parent

STARTUP_SECONDS = 60
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


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark every test under tests/e2e with ``e2e`` (deselect them with ``-m "not e2e"``)."""
    for item in items:
        if E2E_DIR in Path(str(item.path)).resolve().parents:
            item.add_marker(pytest.mark.e2e)


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _healthy(base_url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{base_url}/_stcore/health", timeout=2) as response:
            return response.status == 200 and response.read().decode().strip() == "ok"
    except OSError:
        return False


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
    """Start ``streamlit run app.py`` on a free port; yield its base URL; stop it at the end."""
    port = _free_port()
    base_url = f"http://127.0.0.1:{port}"
    log_path = artifacts / "streamlit.log"
    command = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        "app.py",
        "--server.port",
        str(port),
        "--server.address",
        "127.0.0.1",
        "--server.headless",
        "true",
        "--browser.gatherUsageStats",
        "false",
    ]
    with log_path.open("w") as log:
        process = subprocess.Popen(
            command,
            cwd=ROOT,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
            env={**os.environ, "PYTHONUNBUFFERED": "1"},
        )
        try:
            deadline = time.monotonic() + STARTUP_SECONDS
            while not _healthy(base_url):
                if process.poll() is not None:
                    pytest.fail(f"streamlit exited with {process.returncode}; see {log_path}")
                if time.monotonic() > deadline:
                    pytest.fail(f"streamlit not healthy after {STARTUP_SECONDS} s; see {log_path}")
                time.sleep(0.25)
            yield base_url
        finally:
            _stop(process)


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is not None:
        return
    try:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=10)
    except ProcessLookupError:
        return
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)


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
    page.wait_for_selector(
        '[data-testid="stApp"][data-test-script-state="notRunning"]',
        state="attached",
        timeout=timeout_ms,
    )
    page.wait_for_function(
        """() => !document.querySelector(
            '[data-testid="stSkeleton"], [data-testid="stSpinner"]')""",
        timeout=timeout_ms,
    )
    time.sleep(settle)
    page.wait_for_selector(
        '[data-testid="stApp"][data-test-script-state="notRunning"]',
        state="attached",
        timeout=timeout_ms,
    )


def screenshot(page, artifacts: Path, name: str) -> Path:
    """Save a full-page PNG under tests/artifacts/ and return its path."""
    path = artifacts / name
    page.screenshot(path=str(path), full_page=True)
    return path
