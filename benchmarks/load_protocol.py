"""A classroom over Streamlit's own websocket protocol: dozens of sessions from one process.

Each session is a ``StreamlitSession`` (``streamlit_client.py``: the browser's protocol, no
browser) on one of the training pages with settings of its own (``load_common.make_sessions``).
It presses ▶ Start and times the press until the run is finished as a browser would draw it:
no script runs or is asked for, no fragment auto-reruns any more, the progress bar says the last
epoch (the search: every trial), ▶ Start is enabled again and every Plotly figure on the page
arrived after the press. What the page then shows is checked against the session's own
settings (``load_common.own``). An exception element, a protocol error or a run that does not
finish within ``--timeout`` seconds (``TIMEOUT_S`` by default) is an error.

Scenarios (as in the browser mode): ``classroom`` — each session changes a setting (seed + 1),
waits for the untrained view, then trains, about every 10 s (± 30 %), the first time within
the first period (or within ``seconds`` if shorter); ``burst`` — all press Start at once.
The servers' CPU (psutil, their worker processes included) and memory are read before and
after; this process's own CPU is reported beside them.
"""

from __future__ import annotations

import asyncio
import json
import os
import random
import re
import statistics
import time
from contextlib import ExitStack
from dataclasses import asdict
from pathlib import Path
from urllib.parse import urlsplit

import psutil
from load_common import (
    UNTRAINED,
    Session,
    cpu_seconds,
    leaks,
    make_sessions,
    next_seed,
    percentile,
    rss_mb,
)
from streamlit_client import ProtocolError, StreamlitSession
from streamlit_page import url_number

from deploy.local import logged_requests, proxy, replicas

CLASSROOM_PERIOD = 10.0
TIMEOUT_S = 120.0
OPENING = 4
PLAYBACK_KEY = "playback"
"""The training pages' playback speed select box (playground/ui/run_panel.py)."""
"""Sessions opening at the same time (opening is not measured)."""
LOG_WAIT_S = 10.0
RESULTS = Path(__file__).resolve().parent / "results"


def texts(client: StreamlitSession, kind: str, field: str) -> list[str]:
    """The ``field`` of every ``kind`` element in the page's main area, in page order."""
    return [getattr(getattr(node.element, kind), field) for node in client.elements(kind)]


def _titles(client: StreamlitSession) -> list[str]:
    """The titles of the page's Plotly figures."""
    titles = []
    for node in client.elements("plotly_chart"):
        title = json.loads(node.element.plotly_chart.spec).get("layout", {}).get("title", {})
        titles.append(title.get("text", "") if isinstance(title, dict) else str(title))
    return titles


def observe(client: StreamlitSession, session: Session) -> dict:
    """What the session shows, as the browser mode reads it off the page."""
    size, seed = client.value(session.spec.size_key), client.value("seed")
    return {
        "n": url_number(size[0]) if size else None,
        "seed": url_number(seed[0]) if seed else None,
        "progress": " | ".join(texts(client, "progress", "text")),
        "metrics": texts(client, "metric", "body"),
        "titles": _titles(client),
    }


def finished(client: StreamlitSession, session: Session, since: int) -> bool:
    """The run pressed after message ``since`` is over and drawn (see the module docstring)."""
    if not client.idle or client.auto_reruns:
        return False
    done = session.spec.done_pattern()
    if not any(re.search(done, text) for text in texts(client, "progress", "text")):
        return False
    start = client.widget("start")
    if start is None or start.element.button.disabled:
        return False
    charts = client.elements("plotly_chart")
    return bool(charts) and all(chart.arrived > since for chart in charts)


async def train(client: StreamlitSession, session: Session, seed: int) -> tuple:
    """Press Start and wait until the run is finished: (run, shown, error). The session's
    errors that came meanwhile are this run's (taken out of ``client.errors``)."""
    clicked, since, seen = time.time(), client.messages, len(client.errors)
    latency, shown, error = None, {}, None
    try:
        await client.click("start")
        await client.wait(lambda: finished(client, session, since) or len(client.errors) > seen)
        latency = time.time() - clicked
        shown = observe(client, session)
    except Exception as exc:  # a timeout, a closed socket: an error of this run
        error = f"{session.page} n={session.n} seed={seed}: {type(exc).__name__}: {exc!s:.200}"
    if len(client.errors) > seen:
        latency, error = None, "; ".join(client.errors[seen:])[:300]
        del client.errors[seen:]
    run = {**asdict(session), "seed": seed, "clicked": clicked, "latency": latency}
    return run, shown, error


async def change_seed(client: StreamlitSession, seed: int) -> None:
    """Move the seed slider to ``seed`` and wait for the untrained view of it."""
    before = client.finished_runs

    def untrained() -> bool:
        if client.errors:
            raise ProtocolError("; ".join(client.errors))
        if client.finished_runs <= before or not client.idle:
            return False
        progress = " ".join(texts(client, "progress", "text"))
        return client.value("seed") == [float(seed)] and bool(re.search(UNTRAINED, progress))

    try:
        await client.set_slider("seed", seed)
        await client.wait(untrained)
    finally:
        client.errors.clear()  # reported with the failed change, not again


async def classroom(client, session: Session, start: float, seconds: float, rng) -> list:
    """Change the seed and train, about every ``CLASSROOM_PERIOD`` s until ``seconds`` pass."""
    records, seed, end = [], session.seed, start + seconds
    next_at = start + rng.uniform(0, min(CLASSROOM_PERIOD, seconds))
    while next_at < end and time.time() < end:
        await asyncio.sleep(max(0.0, next_at - time.time()))
        try:
            await change_seed(client, next_seed(seed))
        except Exception as exc:
            error = f"{session.page} seed change to {next_seed(seed)}: {exc!s:.200}"
            records.append(({**asdict(session), "latency": None}, {}, error))
            break
        seed = next_seed(seed)
        records.append(await train(client, session, seed))
        next_at += CLASSROOM_PERIOD * rng.uniform(0.7, 1.3)
    return records


async def burst(client, session: Session, start: float) -> list:
    await asyncio.sleep(max(0.0, start - time.time()))
    return [await train(client, session, session.seed)]


async def _open(clients: list, sessions: list, gate: asyncio.Semaphore, playback: str) -> list:
    """Open every session (``OPENING`` at a time) and set its playback speed on the pages that
    have one; the records of those that failed."""

    async def one(client, session):
        async with gate:
            try:
                await client.open()
                if client.widget(PLAYBACK_KEY) is not None:
                    ran = client.finished_runs
                    await client.select(PLAYBACK_KEY, playback)
                    await client.wait(lambda: client.finished_runs > ran and client.idle)
            except Exception as exc:
                return ({**asdict(session), "latency": None}, {}, f"open {session.path}: {exc}")
            return None

    failed = await asyncio.gather(*(one(c, s) for c, s in zip(clients, sessions, strict=True)))
    return [record for record in failed if record is not None]


async def play(
    url: str,
    sessions: list,
    scenario: str,
    seconds: float,
    server_pids: list[int],
    browsers=None,
    timeout: float = TIMEOUT_S,
    playback: str = "max",
) -> dict:
    """Open ``sessions`` on ``url`` (and the ``browsers``' pages, if any), play ``scenario``
    with them all at once and read the servers around it; a wait longer than ``timeout`` s is
    an error."""
    clients = [StreamlitSession(url, session.path, timeout) for session in sessions]
    failed = await _open(clients, sessions, asyncio.Semaphore(OPENING), playback)
    if browsers is not None:
        await asyncio.to_thread(browsers.open, url, scenario, seconds)
    me = psutil.Process()
    cpu_before, mine_before = cpu_seconds(server_pids), sum(me.cpu_times()[:2])
    start = time.time() + 1.0
    if browsers is not None:
        browsers.go(start)
    if scenario == "burst":
        plays = [burst(c, s, start) for c, s in zip(clients, sessions, strict=True)]
    else:
        plays = [
            classroom(c, s, start, seconds, random.Random(s.index))
            for c, s in zip(clients, sessions, strict=True)
        ]
    records = [record for records in await asyncio.gather(*plays) for record in records]
    beside = await asyncio.to_thread(browsers.finish) if browsers is not None else None
    result = {
        "scenario": scenario,
        "start": start,
        "end": time.time(),
        "server_cpu": cpu_seconds(server_pids) - cpu_before,
        "client_cpu": sum(me.cpu_times()[:2]) - mine_before,
        "rss_open": round(rss_mb(server_pids)) if server_pids else None,
    }
    others = [error for client in clients for error in client.errors]  # not during a run
    await asyncio.gather(*(client.close() for client in clients))
    return result | {"records": failed + records, "other_errors": others, "browsers": beside}


def runs_summary(records: list, other_errors: list) -> dict:
    """Runs finished, errors, leaks and latencies (ms) of ``records`` (run, shown, error)."""
    done = [(run, shown) for run, shown, error in records if not error]
    latencies = [run["latency"] * 1000 for run, _ in done]
    errors = [error for _, _, error in records if error] + other_errors
    found = leaks(records)
    return {
        "runs": len(latencies),
        "errors": len(errors),
        "first_errors": errors[:3],
        "leaks": len(found),
        "first_leaks": found[:3],
        "p50_ms": round(statistics.median(latencies)) if latencies else None,
        "p95_ms": round(percentile(latencies, 95)) if latencies else None,
        "max_ms": round(max(latencies)) if latencies else None,
        "pages": _per_page(done),
    }


def summarize(result: dict, sessions: int, cores: int) -> dict:
    """The scenario's figures: the protocol sessions' runs (``runs_summary``), the real
    browsers' beside them, the servers' CPU per run (of both) and, for a burst, when the last
    run was done against the servers' CPU work ÷ the machine's cores."""
    row = {
        "scenario": result["scenario"],
        "sessions": sessions,
        **runs_summary(result["records"], result["other_errors"]),
    }
    every = result["records"]
    if result["browsers"] is not None:
        beside = result["browsers"]
        row["browsers"] = runs_summary(beside["records"], []) | {
            "sessions": beside["sessions"],
            "browser_cpu_s": round(beside["browser_cpu"], 1),
        }
        every = every + beside["records"]
    done = [run for run, _, error in every if not error]
    server_cpu = result["server_cpu"]
    row["server_cpu_s"] = round(server_cpu, 2)
    row["server_cpu_per_run_s"] = round(server_cpu / len(done), 3) if done else None
    row["client_cpu_s"] = round(result["client_cpu"], 2)
    if result["scenario"] == "burst" and done:
        last = max(run["clicked"] + run["latency"] for run in done) - result["start"]
        row["last_done_s"] = round(last, 2)
        row["cpu_per_core_s"] = round(server_cpu / cores, 2)
        row["ratio"] = round(last / (server_cpu / cores), 2)
        row["cores_busy"] = round(server_cpu / last, 2)
    return row


def _per_page(done: list) -> dict:
    pages: dict[str, list[float]] = {}
    for run, _ in done:
        pages.setdefault(run["page"], []).append(run["latency"] * 1000)
    return {
        page: {
            "runs": len(ms),
            "p50_ms": round(statistics.median(ms)),
            "p95_ms": round(percentile(ms, 95)),
        }
        for page, ms in sorted(pages.items())
    }


async def visit(url: str, paths: list[str] = ("/",)) -> None:
    """Open each of ``paths`` (Home by default) once and close it: warms a fresh server (its
    first session is special, a page's first visit imports its modules) and, closing, lets the
    server drop expired sessions."""
    for path in paths:
        client = StreamlitSession(url, path, TIMEOUT_S)
        await client.open()
        await client.close()


# Measuring: servers started here (or given by --url), one row per scenario ------------------------


def listening_pids(url: str) -> list[int]:
    """The processes listening on ``url``'s port on this machine (none for another host)."""
    port = urlsplit(url).port
    found = set()
    try:
        connections = psutil.net_connections(kind="tcp")
    except psutil.AccessDenied:  # another user's server: no CPU or memory figures
        return []
    for conn in connections:
        if conn.status == psutil.CONN_LISTEN and conn.laddr.port == port and conn.pid:
            found.add(conn.pid)
    return sorted(found)


def spread(access_log: Path, start: int, expected: int) -> dict[str, int]:
    """Sessions per replica, from the websockets nginx logged (when they closed) after the
    first ``start`` lines of its access log."""
    deadline, seen = time.monotonic() + LOG_WAIT_S, {}
    while time.monotonic() < deadline:
        seen = {}
        for request in logged_requests(access_log)[start:]:
            if request.uri == "/_stcore/stream" and request.status == "101":
                seen.setdefault(request.replica, set()).add(request.browser)
        if sum(len(cookies) for cookies in seen.values()) >= expected:
            break
        time.sleep(0.2)
    return {upstream: len(cookies) for upstream, cookies in sorted(seen.items())}


def _memory(fresh: float | None, open_: float | None, sessions: int) -> dict:
    """RSS of the servers before the sessions opened and with them open, and the growth per
    session (MB)."""
    if fresh is None or open_ is None:
        return {"rss_mb_fresh": None, "rss_mb_open": None, "rss_mb_per_session": None}
    per_session = round((open_ - fresh) / sessions, 1)
    return {"rss_mb_fresh": round(fresh), "rss_mb_open": open_, "rss_mb_per_session": per_session}


def measure(count: int | None, scenarios: list[str], args, browsers=None) -> list[dict]:
    """Every scenario against ``count`` replicas started here (behind nginx when more than one),
    or against ``args.url`` when given (``count`` None); with ``browsers`` beside."""
    sessions = make_sessions(args.sessions)
    cores = psutil.cpu_count()
    with ExitStack() as stack:
        nginx = None
        if args.url:
            url, pids = args.url, listening_pids(args.url)
        else:
            options = {"server.disconnectedSessionTTL": str(args.ttl)}
            apps = stack.enter_context(replicas(count, RESULTS / "logs", options))
            pids = [app.process.pid for app in apps]
            pages = ["/", *sorted({f"/{session.page}" for session in sessions})]
            for app in apps:
                asyncio.run(visit(app.url, pages))
            url = apps[0].url
            if count > 1:
                nginx = stack.enter_context(proxy([app.url for app in apps]))
                url = nginx.url
        rss_fresh = rss_mb(pids) if pids else None
        rows = []
        for scenario in scenarios:
            logged = len(logged_requests(nginx.access_log)) if nginx is not None else 0
            game = play(
                url, sessions, scenario, args.seconds, pids, browsers, args.timeout, args.playback
            )
            result = asyncio.run(game)
            row = {"replicas": count, **summarize(result, len(sessions), cores)}
            everyone = len(sessions) + (len(browsers.sessions) if browsers else 0)
            row |= _memory(rss_fresh, result["rss_open"], everyone)
            if nginx is not None:
                row["spread"] = spread(nginx.access_log, logged, len(sessions))
            rows.append(row)
            print(json.dumps(row), flush=True)
        if not args.url:
            time.sleep(args.ttl + 2)
            asyncio.run(visit(url))  # its disconnect drops the expired sessions
            time.sleep(2)
            for row in rows:
                row["rss_mb_after_ttl"] = round(rss_mb(pids))
    return rows


def _cell(value, unit: float = 1.0, digits: int = 2) -> str:
    return "–" if value is None else f"{value / unit:.{digits}f}"


def table(rows: list[dict]) -> str:
    """The results as a Markdown table, then one line per page."""
    lines = [
        "| replicas | scenario | sessions | runs | errors | leaks | p50 s | p95 s | max s "
        "| last done s | server CPU ÷ cores s | ratio | server CPU s | per run s | client CPU s "
        "| RSS fresh → open MB | MB / session |",
        "|---" * 17 + "|",
    ]
    for row in rows:
        lines.append(
            f"| {row['replicas'] or 'url'} | {row['scenario']} | {row['sessions']} "
            f"| {row['runs']} | {row['errors']} | {row['leaks']} "
            f"| {_cell(row['p50_ms'], 1000)} | {_cell(row['p95_ms'], 1000)} "
            f"| {_cell(row['max_ms'], 1000)} | {_cell(row.get('last_done_s'))} "
            f"| {_cell(row.get('cpu_per_core_s'))} | {_cell(row.get('ratio'))} "
            f"| {_cell(row['server_cpu_s'], digits=1)} | {_cell(row['server_cpu_per_run_s'])} "
            f"| {_cell(row['client_cpu_s'], digits=1)} "
            f"| {_cell(row['rss_mb_fresh'], digits=0)} → {_cell(row['rss_mb_open'], digits=0)} "
            f"| {_cell(row['rss_mb_per_session'], digits=1)} |"
        )
    for row in rows:
        if "browsers" in row:
            side = row["browsers"]
            lines.append(
                f"\n{row['replicas'] or 'url'} × {row['scenario']}, {side['sessions']} real "
                f"browsers beside: {side['runs']} runs, {side['errors']} errors, "
                f"{side['leaks']} leaks, p50 {_cell(side['p50_ms'], 1000)} s, "
                f"p95 {_cell(side['p95_ms'], 1000)} s, browsers' CPU {side['browser_cpu_s']} s"
            )
        pages = ", ".join(
            f"{page} {_cell(p['p50_ms'], 1000)}/{_cell(p['p95_ms'], 1000)} s ({p['runs']})"
            for page, p in row["pages"].items()
        )
        lines.append(f"\n{row['replicas'] or 'url'} × {row['scenario']}, p50/p95 by page: {pages}")
    return "\n".join(lines)


def verdicts(rows: list[dict]) -> list[str]:
    """The issue's targets, met or not, one line per row."""
    lines = []
    for row in rows:
        clean = row["errors"] == 0 and row["leaks"] == 0
        if row["scenario"] == "classroom":
            memory = row["rss_mb_per_session"]
            met = clean and row["p95_ms"] is not None and row["p95_ms"] < 2000
            met = met and (memory is None or memory <= 30)
            target = f"p95 {_cell(row['p95_ms'], 1000)} s < 2 s, ≤ 30 MB/session, no errors"
        else:
            met = clean and row.get("ratio") is not None and row["ratio"] <= 1.3
            target = f"last done ÷ (server CPU ÷ cores) = {_cell(row.get('ratio'))} ≤ 1.3"
        lines.append(
            f"{row['replicas'] or 'url'} × {row['scenario']}: {target}: "
            + ("met" if met else "NOT met")
        )
    return lines


def main(args, scenarios: list[str], counts: list[int | None], browsers=None) -> None:
    """Measure, print the table and verdicts, save the rows, and end with one JSON line: the
    row when one configuration was measured, else ``{"rows": [...]}``. ``browsers`` (see
    ``load_sessions.Browsers``) plays the same scenario in real browsers beside."""
    load_before = os.getloadavg()[0]
    rows = [row for count in counts for row in measure(count, scenarios, args, browsers)]
    print(
        f"\n{args.sessions} protocol sessions, {psutil.cpu_count()} cores; load average before "
        f"{load_before:.1f}, after {os.getloadavg()[0]:.1f}\n"
    )
    print(table(rows))
    print("\n".join(["", *verdicts(rows)]))
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / f"load_protocol_{args.sessions}.json").write_text(json.dumps(rows, indent=1))
    print(json.dumps(rows[0] if len(rows) == 1 else {"rows": rows}))
