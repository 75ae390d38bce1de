"""A classroom on one machine: many sessions training at once, measured as the server sees it.

Two clients play the same students (``load_common.make_sessions``: each on one of the eleven
training pages, with its own examples ``n`` and ``seed``). Each presses ▶ Start and times the
press until the run is finished and drawn: the progress bar says the last epoch (the search:
every trial), no script runs, no fragment auto-reruns, ▶ Start is enabled again and the page's
Plotly figures are those of the finished run.

``--protocol``: sessions that speak Streamlit's own websocket protocol (``load_protocol.py``,
``streamlit_client.py``), dozens from one asyncio process at a few percent of a core, so the
server's cores are the server's. ``--browsers K`` adds K headless Chromiums playing the same
scenario beside them (the client side: drawing, clicks).
Without ``--protocol``: every session is a headless-Chromium context (Playwright, ``--processes``
processes); the browsers need 2.7–2.9 × the server's CPU, on the same cores.

Scenarios
  classroom  every session changes a setting (seed + 1) and trains about every 10 s (± 30 %)
             for ``--seconds`` s. Target: p95 latency < 2 s, no errors, ≤ 30 MB per session.
  burst      every session presses Start at the same moment. Target: the last one finishes
             within 1.3 × (servers' CPU seconds ÷ cores). No errors.

Against one replica (no proxy) or two behind nginx with the compose template
(``deploy/local.py``), or with ``--protocol --url URL`` an app served elsewhere. No session may
see another's results: every run's shown settings, progress and figure titles must be its own,
and on the Playground the shown train/dev accuracy must equal what the core computes in this
process for those settings (seeded, so exact); a mismatch counts as a leak. Server CPU and RSS
(psutil: the app processes and all their children, worker processes included) are read before
and after each scenario, and RSS once more after the sessions closed and the
disconnected-session TTL passed (memory release).

Interface::

    python benchmarks/load_sessions.py --protocol --sessions N --seconds S [--replicas 1|2|both]
        [--scenario classroom|burst|both] [--browsers K] [--url URL] [--ttl T] [--timeout T]

prints one JSON line per measured configuration as it ends, a Markdown table, per-page
latencies and the targets met or not, and as its LAST line one JSON object (the row when one
configuration was measured — the default: classroom, 1 replica, 60 s — else ``{"rows": [...]}``)
with at least ``sessions``, ``runs`` (runs finished), ``errors`` (failed runs, exception
elements, protocol errors, timeouts), ``leaks``, ``p50_ms``, ``p95_ms``, ``max_ms``,
``server_cpu_s``, ``server_cpu_per_run_s``, ``client_cpu_s``, ``rss_mb_fresh``,
``rss_mb_open``, ``rss_mb_per_session``, ``pages`` (per page: runs, p50_ms, p95_ms), for a burst
``last_done_s``, ``cpu_per_core_s``, ``ratio``, ``cores_busy``, through nginx ``spread``
(sessions per replica) and with ``--browsers`` a ``browsers`` object. Rows are also saved to
``benchmarks/results/load_protocol_<N>.json``.

Browser mode: ``python benchmarks/load_sessions.py`` (both scenarios, 1 and 2 replicas; results
in benchmarks/results/load_sessions.json).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import multiprocessing as mp
import os
import random
import statistics
import sys
import time
from contextlib import ExitStack
from dataclasses import asdict
from pathlib import Path

import psutil
from playwright.async_api import TimeoutError as PlaywrightTimeout

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

sys.path.insert(0, str(ROOT / "tests" / "e2e"))

import load_protocol  # noqa: E402
from conftest import CHROMIUM_ARGS, COUNT_RUNS  # noqa: E402  (the browser tests' harness)
from load_common import (  # noqa: E402
    UNTRAINED,
    Session,
    cpu_seconds,
    leaks,
    make_sessions,
    percentile,
    rss_mb,
)

from deploy.local import proxy, replicas  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
CLASSROOM_PERIOD = 10.0
TIMEOUT_MS = 120_000
POLL_MS = 250
RETRY_MS = 20_000
"""How often a waiting session looks at its page: every look is a round trip through Playwright
and Chromium, so 20 sessions polling fast cost more CPU than the server."""
RESULTS = ROOT / "benchmarks" / "results"

IDLE = """() => {
  const app = document.querySelector('[data-testid="stApp"]');
  return app && app.getAttribute('data-test-script-state') === 'notRunning'
    && !document.querySelector('[data-testid="stSkeleton"], [data-testid="stSpinner"]');
}"""
FINISHED = """([done, epochs, boundary]) => {
  const app = document.querySelector('[data-testid="stApp"]');
  if (!app || app.getAttribute('data-test-script-state') !== 'notRunning') return false;
  if (document.querySelector('[data-testid="stSkeleton"], [data-testid="stSpinner"]')) return false;
  const bar = document.querySelector('[data-testid="stProgress"]');
  if (!bar || !new RegExp(done).test(bar.innerText)) return false;
  const start = document.querySelector('.st-key-start button');
  if (!start || start.disabled) return false;
  if (!document.querySelector('.js-plotly-plot .main-svg')) return false;
  if (!boundary) return true;
  const title = document.querySelector('.st-key-boundary .gtitle');
  return !!title && title.textContent.includes(`epoch ${epochs}`);
}"""
UNTRAINED_VIEW = """([key, value, untrained]) => {
  const thumb = document.querySelector(`.st-key-${key} [data-testid="stSliderThumbValue"]`);
  const bar = document.querySelector('[data-testid="stProgress"]');
  return !!thumb && thumb.textContent.trim() === String(value)
    && !!bar && new RegExp(untrained).test(bar.innerText);
}"""
OBSERVE = """() => {
  const thumb = (key) => document.querySelector(
    `.st-key-${key} [data-testid="stSliderThumbValue"]`)?.textContent.trim();
  const main = document.querySelector('[data-testid="stMain"]');
  return {
    n: thumb('n') || thumb('m'), seed: thumb('seed'),
    progress: document.querySelector('[data-testid="stProgress"]')?.innerText || '',
    metrics: [...main.querySelectorAll('[data-testid="stMetricValue"]')].map(
      (e) => e.innerText.trim()),
    exceptions: document.querySelectorAll('[data-testid="stException"]').length,
    titles: [...main.querySelectorAll('.js-plotly-plot .gtitle')].map((e) => e.textContent),
  };
}"""


# Browser side (one process per Chromium) ------------------------------------------------------


async def _train(page, session: Session, seed: int) -> dict:
    """Press Start, wait until finished; the latency and what the page shows afterwards."""
    clicked = time.time()
    try:
        await page.locator(".st-key-start button").click()
        await page.wait_for_function(
            FINISHED,
            arg=[session.spec.done_pattern(), session.epochs, session.page == "playground"],
            polling=POLL_MS,
            timeout=TIMEOUT_MS,
        )
        latency = time.time() - clicked
        shown = await page.evaluate(OBSERVE)
        error = f"{shown['exceptions']} exception(s) on the page" if shown["exceptions"] else None
    except Exception as exc:  # a timeout or a closed page: an error of this run
        latency, shown = None, {}
        error = f"{session.page} n={session.n} seed={seed}: {type(exc).__name__}: {exc!s:.200}"
        shot = RESULTS / f"error-{session.page}-{session.n}-{seed}.png"
        await page.screenshot(path=str(shot), full_page=True)
    return {**asdict(session), "seed": seed, "clicked": clicked, "latency": latency}, shown, error


async def _change_seed(page, seed: int) -> None:
    """Move the seed slider one step right (seed + 1) and wait for the rerun it starts to show
    the untrained view (a Start pressed before the slider's value reaches the server would
    train the old seed). A key press the busy page drops (no rerun within ``RETRY_MS``, thumb
    still on the old seed) is pressed again, as a student would."""
    slider = page.locator(".st-key-seed input[type='range']")
    thumb = page.locator('.st-key-seed [data-testid="stSliderThumbValue"]')
    section = page.locator("details", has=slider)  # a sidebar expander some pages keep closed
    if await section.count() and await section.first.get_attribute("open") is None:
        await section.first.locator("summary").click()
    for _ in range(3):
        runs = await page.evaluate("() => window.__stRuns || 0")
        if (await thumb.text_content() or "").strip() != str(seed + 1):
            await slider.press("ArrowRight")
        try:
            await page.wait_for_function(
                "n => (window.__stRuns || 0) > n", arg=runs, polling=POLL_MS, timeout=RETRY_MS
            )
            break
        except PlaywrightTimeout:
            continue
    await page.wait_for_function(
        UNTRAINED_VIEW, arg=["seed", seed + 1, UNTRAINED], polling=POLL_MS, timeout=TIMEOUT_MS
    )
    await page.wait_for_function(IDLE, polling=POLL_MS, timeout=TIMEOUT_MS)


async def _classroom(page, session: Session, start: float, duration: float, rng) -> list:
    records, seed, end = [], session.seed, start + duration
    next_at = start + rng.uniform(0, CLASSROOM_PERIOD)
    while next_at < end and time.time() < end:
        await asyncio.sleep(max(0.0, next_at - time.time()))
        try:
            await _change_seed(page, seed)
            seed += 1
        except Exception as exc:
            error = f"{session.page} seed change to {seed + 1}: {exc!s:.200}"
            shot = RESULTS / f"error-{session.page}-{session.n}-seed-{seed + 1}.png"
            await page.screenshot(path=str(shot), full_page=True)
            records.append(({**asdict(session), "latency": None}, {}, error))
            break
        records.append(await _train(page, session, seed))
        next_at += CLASSROOM_PERIOD * rng.uniform(0.7, 1.3)
    return records


def _browser_cpu() -> float:
    """CPU seconds of this process's children (Playwright's driver and Chromium)."""
    total = 0.0
    for child in psutil.Process().children(recursive=True):
        try:
            times = child.cpu_times()
            total += times.user + times.system
        except psutil.Error:
            continue
    return total


async def _worker(base_url: str, sessions: list, scenario: str, duration: float, inbox, outbox):
    from playwright.async_api import async_playwright

    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        pages = []
        for session in sessions:
            context = await browser.new_context(base_url=base_url)
            await context.add_init_script(COUNT_RUNS)
            page = await context.new_page()
            await page.goto(session.path)
            await page.wait_for_function(IDLE, polling=100, timeout=TIMEOUT_MS)
            pages.append(page)
        outbox.put(("ready", None))
        start = await asyncio.get_running_loop().run_in_executor(None, inbox.get)
        cpu_before = _browser_cpu()
        await asyncio.sleep(max(0.0, start - time.time()))
        if scenario == "burst":
            done = await asyncio.gather(
                *(_train(p, s, s.seed) for p, s in zip(pages, sessions, strict=True))
            )
        else:
            rngs = [random.Random(s.index) for s in sessions]
            lists = await asyncio.gather(
                *(
                    _classroom(p, s, start, duration, r)
                    for p, s, r in zip(pages, sessions, rngs, strict=True)
                )
            )
            done = [record for records in lists for record in records]
        outbox.put(("done", {"records": done, "browser_cpu": _browser_cpu() - cpu_before}))
        await asyncio.get_running_loop().run_in_executor(None, inbox.get)  # "close"
        await browser.close()


def worker(base_url: str, sessions: list, scenario: str, duration: float, inbox, outbox) -> None:
    """One Playwright process: its own Chromium with one context per session."""
    asyncio.run(_worker(base_url, sessions, scenario, duration, inbox, outbox))


class Browsers:
    """A handful of real browsers beside the protocol sessions (``--protocol --browsers K``):
    one Playwright process whose pages play the same scenario from the same start, so the
    client side is checked (drawing, the stale fade, clicks) while the protocol carries the
    load. ``open`` blocks until their pages have loaded."""

    def __init__(self, sessions: list[Session]) -> None:
        self.sessions = sessions
        spawn = mp.get_context("spawn")
        self.inbox, self.outbox, self.spawn = spawn.Queue(), spawn.Queue(), spawn

    def open(self, url: str, scenario: str, seconds: float) -> None:
        args = (url, self.sessions, scenario, seconds, self.inbox, self.outbox)
        self.process = self.spawn.Process(target=worker, args=args)
        self.process.start()
        assert self.outbox.get(timeout=600)[0] == "ready"

    def go(self, start: float) -> None:
        self.inbox.put(start)

    def finish(self) -> dict:
        """Wait for their runs; their records, CPU and number, and close them."""
        result = self.outbox.get(timeout=3600)[1]
        self.inbox.put("close")
        self.process.join(timeout=60)
        return result | {"sessions": len(self.sessions)}


# Server side ----------------------------------------------------------------------------------


def visit(urls: list[str]) -> None:
    """Open Home once on each URL and close it (warms a fresh replica; ends a session)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        for url in urls:
            page = browser.new_context(base_url=url).new_page()
            page.goto("/")
            page.wait_for_function(IDLE, polling=100, timeout=TIMEOUT_MS)
        browser.close()


def run_scenario(scenario, url, apps, proxy_pids, sessions, processes, duration) -> dict:
    """Drive ``sessions`` from ``processes`` browsers through one scenario; its figures."""
    spawn = mp.get_context("spawn")
    outbox = spawn.Queue()
    shares = [sessions[i::processes] for i in range(processes)]
    inboxes = [spawn.Queue() for _ in shares]
    workers = [
        spawn.Process(target=worker, args=(url, share, scenario, duration, inbox, outbox))
        for share, inbox in zip(shares, inboxes, strict=True)
    ]
    for process in workers:
        process.start()
    for _ in workers:
        assert outbox.get(timeout=600)[0] == "ready"
    server_pids = [app.process.pid for app in apps]
    rss_before = rss_mb(server_pids)
    cpu_before, proxy_before = cpu_seconds(server_pids), cpu_seconds(proxy_pids)
    start = time.time() + 1.0
    for inbox in inboxes:
        inbox.put(start)
    results = [outbox.get(timeout=duration + 900)[1] for _ in workers]
    server_cpu = cpu_seconds(server_pids) - cpu_before
    proxy_cpu = cpu_seconds(proxy_pids) - proxy_before
    rss_open = rss_mb(server_pids)
    for inbox in inboxes:
        inbox.put("close")
    for process in workers:
        process.join(timeout=60)
    records = [record for result in results for record in result["records"]]
    return {
        "scenario": scenario,
        "start": start,
        "records": records,
        "server_cpu": server_cpu,
        "proxy_cpu": proxy_cpu,
        "browser_cpu": sum(result["browser_cpu"] for result in results),
        "rss_before": rss_before,
        "rss_open": rss_open,
    }


# Checks and figures ---------------------------------------------------------------------------


def summarize(result: dict, replicas_count: int) -> dict:
    records = result["records"]
    latencies = [run["latency"] for run, _, error in records if not error and run["latency"]]
    errors = [error for _, _, error in records if error]
    found = leaks(records)
    row = {
        "replicas": replicas_count,
        "scenario": result["scenario"],
        "runs": len(records),
        "errors": len(errors),
        "first_errors": errors[:3],
        "leaks": len(found),
        "first_leaks": found[:3],
        "p50": statistics.median(latencies) if latencies else None,
        "p95": percentile(latencies, 95) if latencies else None,
        "max": max(latencies) if latencies else None,
        "server_cpu": result["server_cpu"],
        "proxy_cpu": result["proxy_cpu"],
        "browser_cpu": result["browser_cpu"],
        "rss_before": result["rss_before"],
        "rss_open": result["rss_open"],
    }
    if result["scenario"] == "burst" and latencies:
        last = max(run["clicked"] + run["latency"] for run, _, e in records if not e)
        cores = psutil.cpu_count()
        row["wall"] = last - result["start"]
        row["ideal"] = result["server_cpu"] / cores
        row["ratio"] = row["wall"] / row["ideal"]
        # Everything this machine did for the burst, servers and browsers, on all its cores.
        everything = result["server_cpu"] + result["proxy_cpu"] + result["browser_cpu"]
        row["ratio_all"] = row["wall"] / (everything / psutil.cpu_count())
    return row


def measure(replicas_count: int, scenarios: list[str], args) -> list[dict]:
    """Every scenario against ``replicas_count`` replicas (behind nginx when more than one)."""
    sessions = make_sessions(args.sessions)
    options = {"server.disconnectedSessionTTL": str(args.ttl)}
    with ExitStack() as stack:
        apps = stack.enter_context(replicas(replicas_count, RESULTS / "logs", options))
        visit([app.url for app in apps])
        pids = [app.process.pid for app in apps]
        rss_fresh = rss_mb(pids)
        url, proxy_pids = apps[0].url, []
        if replicas_count > 1:
            nginx = stack.enter_context(proxy([app.url for app in apps]))
            url, proxy_pids = nginx.url, [nginx.process.pid]
        rows = []
        for scenario in scenarios:
            result = run_scenario(
                scenario, url, apps, proxy_pids, sessions, args.processes, args.seconds
            )
            rows.append(summarize(result, replicas_count) | {"rss_fresh": rss_fresh})
            print(json.dumps(rows[-1]), flush=True)
        rss_closed = rss_mb(pids)
        time.sleep(args.ttl + 2)
        visit([app.url for app in apps])  # the next disconnect drops the expired sessions
        time.sleep(2)
        for row in rows:
            row["rss_closed"], row["rss_after_ttl"] = rss_closed, rss_mb(pids)
    return rows


def _seconds(value: float | None) -> str:
    return "–" if value is None else f"{value:.2f}"


def table(rows: list[dict]) -> str:
    """The results as a Markdown table."""
    lines = [
        "| replicas | scenario | runs | errors | leaks | p50 s | p95 s | max s | last done s "
        "| server CPU ÷ cores s | ratio | ratio incl. browsers | server CPU s | browsers CPU s "
        "| RSS fresh → open → after TTL MB |",
        "|---" * 15 + "|",
    ]
    for row in rows:
        lines.append(
            f"| {row['replicas']} | {row['scenario']} | {row['runs']} | {row['errors']} "
            f"| {row['leaks']} | {_seconds(row['p50'])} | {_seconds(row['p95'])} "
            f"| {_seconds(row['max'])} | {_seconds(row.get('wall'))} "
            f"| {_seconds(row.get('ideal'))} | {_seconds(row.get('ratio'))} "
            f"| {_seconds(row.get('ratio_all'))} "
            f"| {row['server_cpu']:.1f} | {row['browser_cpu']:.1f} "
            f"| {row['rss_fresh']:.0f} → {row['rss_open']:.0f} → {row['rss_after_ttl']:.0f} |"
        )
    return "\n".join(lines)


def verdicts(rows: list[dict]) -> list[str]:
    """The targets, met or not, one line per scenario."""
    lines = []
    for row in rows:
        clean = row["errors"] == 0 and row["leaks"] == 0
        if row["scenario"] == "classroom":
            met = clean and row["p95"] is not None and row["p95"] < 2.0
            target = f"p95 {_seconds(row['p95'])} s < 2 s, no errors or leaks"
        else:
            met = clean and row.get("ratio") is not None and row["ratio"] <= 1.3
            target = f"last done / (CPU work ÷ cores) = {_seconds(row.get('ratio'))} ≤ 1.3"
        lines.append(
            f"{row['replicas']} replica(s), {row['scenario']}: {target}: "
            f"{'met' if met else 'NOT met'}"
        )
    return lines


def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--protocol", action="store_true", help="sessions speak the websocket protocol"
    )
    parser.add_argument("--sessions", type=int, default=20)
    parser.add_argument("--scenario", choices=["classroom", "burst", "both"])
    parser.add_argument("--replicas", choices=["1", "2", "both"])
    parser.add_argument(
        "--seconds", "--duration", dest="seconds", type=float, help="classroom length, s"
    )
    parser.add_argument("--url", help="--protocol: an app already served there (no replicas)")
    parser.add_argument("--processes", type=int, default=4, help="browser processes")
    parser.add_argument(
        "--browsers", type=int, default=0, help="--protocol: real browsers beside the sessions"
    )
    parser.add_argument("--ttl", type=int, default=10, help="server.disconnectedSessionTTL, s")
    parser.add_argument(
        "--playback",
        default="max",
        help='--protocol: the training pages\' playback speed ("max": every frame as it comes, '
        'the server\'s own latency; "1×": a run is shown over at least 1.5 s)',
    )
    parser.add_argument(
        "--timeout", type=float, default=120.0, help="--protocol: a longer wait is an error, s"
    )
    args = parser.parse_args()
    if args.url and not args.protocol:
        parser.error("--url needs --protocol")
    # The protocol client measures one configuration by default, the browsers all four.
    default = "both" if not args.protocol else None
    args.scenario = args.scenario or default or "classroom"
    args.replicas = args.replicas or default or "1"
    args.seconds = args.seconds or (60.0 if args.protocol else 120.0)
    return args


def main() -> None:
    args = arguments()
    scenarios = ["classroom", "burst"] if args.scenario == "both" else [args.scenario]
    counts = [1, 2] if args.replicas == "both" else [int(args.replicas)]
    if args.protocol:
        beside = make_sessions(args.sessions + args.browsers)[args.sessions :]
        browsers = Browsers(beside) if beside else None
        load_protocol.main(args, scenarios, [None] if args.url else counts, browsers)
        return
    load_before = os.getloadavg()
    rows = [row for count in counts for row in measure(count, scenarios, args)]
    print(
        f"\n{args.sessions} sessions, {psutil.cpu_count()} cores; load average before "
        f"{load_before[0]:.1f}, after {os.getloadavg()[0]:.1f}\n"
    )
    print(table(rows))
    print("\n".join(["", *verdicts(rows)]))
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "load_sessions.json").write_text(json.dumps(rows, indent=1))


if __name__ == "__main__":
    main()
