"""The compose proxy for real: two app replicas behind nginx with deploy/nginx's template.

Each browser (context, with its own cookies) is pinned to one replica by the ``playground_route``
cookie, its websocket included, so the app works through the proxy; new browsers take the
replicas in turn. ``deploy/local.py`` runs the same template as compose.yaml, on loopback.
"""

from __future__ import annotations

import re
import time
from collections import Counter, defaultdict
from itertools import pairwise

import pytest
from conftest import (
    PROGRESS,
    STATE_TIMEOUT_MS,
    VIEWPORT,
    new_context,
    no_exception,
    open_app,
    reload,
    screenshot,
    train,
)
from playwright.sync_api import expect

from deploy.local import browser_id, logged_requests, nginx_path, proxy, replicas

STREAM = "/_stcore/stream"
NEW_BROWSERS = 6
LOG_WAIT_SECONDS = STATE_TIMEOUT_MS / 1000

pytestmark = pytest.mark.skipif(
    nginx_path() is None, reason="nginx is not installed (scripts/test installs nginx-light)"
)


@pytest.fixture(scope="module")
def cluster(artifacts, browser):
    """Two replicas behind nginx; yields the proxy. Each replica is opened once directly first
    (a fresh server's first session runs in Streamlit's old pages/ mode, see conftest)."""
    with replicas(2, artifacts / "proxy") as apps, proxy([app.url for app in apps]) as nginx:
        for app in apps:
            context = new_context(browser, app.url)
            open_app(context.new_page(), "/")
            context.close()
        yield nginx


def routes(access_log) -> dict[str, set[str]]:
    """Browser (the id in its route cookie) → the replicas (host:port) that answered it."""
    seen = defaultdict(set)
    for request in logged_requests(access_log):
        if request.replica != "-":
            seen[request.browser].add(request.replica)
    return seen


def logged_routes(access_log, browser: str) -> set[str]:
    """The replicas that answered ``browser``'s requests, once nginx has logged one (it writes a
    request's line just after answering it)."""
    deadline = time.monotonic() + LOG_WAIT_SECONDS
    while not (seen := routes(access_log)[browser]) and time.monotonic() < deadline:
        time.sleep(0.2)
    return seen


def stream_routes(access_log) -> dict[str, set[str]]:
    """Browser → the replicas that carried its websockets (logged when they close)."""
    seen = defaultdict(set)
    for request in logged_requests(access_log):
        if request.uri == STREAM and request.status == "101":
            seen[request.browser].add(request.replica)
    return seen


def route_cookie(context) -> str:
    """The browser's id in its "playground_route" cookie."""
    (cookie,) = [c["value"] for c in context.cookies() if c["name"] == "playground_route"]
    return browser_id(cookie)


def test_each_browser_trains_through_the_proxy_on_one_replica(browser, cluster, artifacts):
    contexts = [new_context(browser, cluster.url, viewport=VIEWPORT) for _ in range(2)]
    cookies = []
    for seed, context in enumerate(contexts, start=1):
        page = context.new_page()
        open_app(page, f"/playground?epochs=100&seed={seed}")
        no_exception(page)
        train(page, "Epoch 100 of 100")
        boundary = page.locator(".st-key-boundary .js-plotly-plot .gtitle")
        expect(boundary).to_contain_text("Decision boundary — epoch 100")
        reload(page)
        expect(page.locator(PROGRESS)).to_contain_text("of 100")
        no_exception(page)
        screenshot(page, artifacts, f"proxy_browser{seed}.png")
        cookies.append(route_cookie(context))
    for context in contexts:
        context.close()

    seen = {cookie: logged_routes(cluster.access_log, cookie) for cookie in cookies}
    for cookie in cookies:
        assert len(seen[cookie]) == 1, f"browser {cookie} reached {seen[cookie]}"
    deadline = time.monotonic() + LOG_WAIT_SECONDS  # nginx logs a websocket when it closes
    while time.monotonic() < deadline:
        streams = stream_routes(cluster.access_log)
        if all(streams[cookie] for cookie in cookies):
            break
        time.sleep(0.2)
    for cookie in cookies:
        assert streams[cookie] == seen[cookie], f"websocket of {cookie} left its replica"


def test_new_browsers_take_the_replicas_in_turn(browser, cluster):
    """A class that joins together splits evenly: each new browser goes to the replica after
    the last new one's (round robin), and stays there."""
    answered = []
    for _ in range(NEW_BROWSERS):
        context = new_context(browser, cluster.url)
        page = context.new_page()
        page.goto("/_stcore/health")  # a new browser: the answer sets its route cookie…
        page.goto("/_stcore/health")  # …which this request carries
        (replica,) = logged_routes(cluster.access_log, route_cookie(context))
        answered.append(replica)
        context.close()
    assert all(a != b for a, b in pairwise(answered)), answered
    assert Counter(answered).most_common()[0][1] == NEW_BROWSERS // 2, answered


@pytest.mark.parametrize("forged", ["9999-" + "a" * 32, "garbage", "1" * 200])
def test_a_forged_route_cookie_is_routed_as_a_new_browser(browser, cluster, forged):
    """A cookie that names no replica reaches one anyway, and the answer replaces it with one
    naming that replica."""
    context = new_context(browser, cluster.url)
    context.add_cookies([{"name": "playground_route", "value": forged, "url": cluster.url}])
    page = context.new_page()
    assert page.goto("/_stcore/health").status == 200
    (cookie,) = [c["value"] for c in context.cookies() if c["name"] == "playground_route"]
    context.close()
    port, browser_part = cookie.split("-")
    assert re.fullmatch(r"[0-9a-f]{32}", browser_part), cookie
    (replica,) = logged_routes(cluster.access_log, browser_part)
    assert replica.endswith(f":{port}"), (cookie, replica)
