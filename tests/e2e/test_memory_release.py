"""Training releases memory when the session ends: once a closed tab's session has outlived
``server.disconnectedSessionTTL``, Streamlit drops it, and with it the page's runs and the run
engine's jobs that trained them (the tab is closed while a 15 000-epoch run is under way).

Streamlit removes an expired session lazily, when another session disconnects; a busy class
does that all the time, and at most 128 disconnected sessions are ever kept. The test does the
same: it keeps opening and closing a tab until the closed session's runs are gone (the server
notices the close and the TTL passes when it may, however busy the machine is).
"""

from __future__ import annotations

import os
import subprocess
import sys
import time

from conftest import E2E_DIR, PROGRESS, STATE_TIMEOUT_MS, click_and_go, new_context, open_app
from playwright.sync_api import expect

from deploy.local import free_port, healthy, stop

TTL_SECONDS = 1
LONG_RUN = "/playground?epochs=4000&n=2000&h1=32&h2=32&seed=3"
"""Close to the server's most work per run (about a minute of CPU): under way when the tab
closes, whatever the machine's speed, since the steps of the test take seconds."""
WAIT_SECONDS = STATE_TIMEOUT_MS / 1000
POLL_SECONDS = 0.25


def alive(count_file) -> tuple[int, int] | None:
    """RunState objects alive in the server and jobs its run engine keeps (None until the
    server first counts)."""
    text = count_file.read_text() if count_file.exists() else ""
    return tuple(map(int, text.split())) if text else None


def wait_for_count(count_file, wanted: tuple, between=None) -> list[tuple | None]:
    """Poll the server's count until it equals ``wanted`` (calling ``between()`` before each
    look, if given) or ``WAIT_SECONDS`` pass; return the distinct counts seen, in order."""
    deadline = time.monotonic() + WAIT_SECONDS
    seen: list[tuple | None] = []
    while True:
        if between is not None:
            between()
        count = alive(count_file)
        if not seen or seen[-1] != count:
            seen.append(count)
        if count == wanted or time.monotonic() > deadline:
            return seen
        time.sleep(POLL_SECONDS)


def visit_home(browser, url: str) -> None:
    """Open Home in a new tab and close it: its disconnect drops the expired sessions."""
    context = new_context(browser, url)
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
            time.sleep(POLL_SECONDS)
        visit_home(browser, url)  # a fresh server's first session runs in the old pages/ mode

        context = new_context(browser, url)
        page = context.new_page()
        open_app(page, LONG_RUN)
        click_and_go(page, "▶ Start")
        expect(page.locator(PROGRESS)).not_to_contain_text("Epoch 0 of")
        seen = wait_for_count(count_file, (1, 1))
        assert seen[-1] == (1, 1), f"the open session's run and job are not counted: {seen}"

        context.close()
        seen = wait_for_count(count_file, (0, 0), between=lambda: visit_home(browser, url))
        assert seen[-1] == (0, 0), f"the closed session's runs or jobs are still alive: {seen}"
    finally:
        stop(server)
