"""Training releases memory when the session ends: once a closed tab's session has outlived
``server.disconnectedSessionTTL``, Streamlit drops it, and with it the page's runs.

Streamlit removes an expired session lazily, when another session disconnects; a busy class
does that all the time, and at most 128 disconnected sessions are ever kept.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time

from conftest import COUNT_RUNS, E2E_DIR, open_app, rerun
from playwright.sync_api import expect

from deploy.local import free_port, healthy, stop

TTL_SECONDS = 1
WAIT_SECONDS = 30


def alive(count_file) -> int | None:
    """RunState objects alive in the server (None until the server first counts)."""
    text = count_file.read_text() if count_file.exists() else ""
    return int(text) if text else None


def wait_for_count(count_file, wanted: int) -> int | None:
    """Poll the server's count until it equals ``wanted`` or ``WAIT_SECONDS`` pass."""
    deadline = time.monotonic() + WAIT_SECONDS
    while (count := alive(count_file)) != wanted and time.monotonic() < deadline:
        time.sleep(0.25)
    return count


def visit_home(browser, url: str) -> None:
    context = browser.new_context(base_url=url)
    open_app(context.new_page(), "/")
    context.close()


def test_a_closed_sessions_runs_are_dropped_after_the_ttl(browser, artifacts, tmp_path):
    count_file = tmp_path / "run_states"
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    options = ["--server.port", str(port), "--server.address", "127.0.0.1"]
    options += ["--server.headless", "true", "--server.fileWatcherType", "none"]
    options += ["--server.disconnectedSessionTTL", str(TTL_SECONDS)]
    with (artifacts / "counting_server.log").open("w") as log:
        server = subprocess.Popen(
            [sys.executable, str(E2E_DIR / "counting_server.py"), *options],
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
            env={**os.environ, "RUN_STATES_FILE": str(count_file)},
        )
    try:
        deadline = time.monotonic() + WAIT_SECONDS
        while not healthy(url) and time.monotonic() < deadline:
            time.sleep(0.25)
        visit_home(browser, url)  # a fresh server's first session runs in the old pages/ mode

        context = browser.new_context(base_url=url)
        context.add_init_script(COUNT_RUNS)
        page = context.new_page()
        open_app(page, "/playground?epochs=100&seed=3")
        with rerun(page):
            page.get_by_role("button", name="▶ Start").click()
        expect(page.locator('[data-testid="stProgress"]')).to_contain_text("Epoch 100 of 100")
        assert wait_for_count(count_file, 1) == 1, "the open session's runs are not counted"

        context.close()
        time.sleep(TTL_SECONDS + 1)
        visit_home(browser, url)  # its disconnect drops the sessions whose TTL has passed
        assert wait_for_count(count_file, 0) == 0, "the closed session's runs are still alive"
    finally:
        stop(server)
