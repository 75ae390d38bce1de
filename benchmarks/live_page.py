"""The page side of benchmarks/bench_live.py: a headless Chromium whose pages carry the probe
(benchmarks/live_probe.js), the states the benchmark waits for, and what it reads off the probe.

Times are the page's own clock in epoch milliseconds; a click is timed here just before
Playwright sends it, converted to the page's clock with the offset measured by ``open_path``
while the page is idle (a browser too busy to take the click counts against the app).
"""

from __future__ import annotations

import re
import sys
import time
from collections.abc import Callable
from pathlib import Path

from playwright.sync_api import Error as PlaywrightError

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "e2e"))

from conftest import CHROMIUM_ARGS, COUNT_RUNS, FORWARD_FIELDS, VIEWPORT  # noqa: E402
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg, ForwardMsgMetadata  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
RESULTS = ROOT / "benchmarks" / "results"
TIMEOUT_MS = 600_000
WAIT_MS = 120_000
"""Upper bounds of the wait for a run to end and for anything else (only a stuck app hits them)."""
FINISHED = ForwardMsg.FINISHED_SUCCESSFULLY
PROBE = (
    (Path(__file__).with_name("live_probe.js").read_text())
    .replace("NEW_SESSION", str(FORWARD_FIELDS["new_session"].number))
    .replace("SCRIPT_FINISHED", str(FORWARD_FIELDS["script_finished"].number))
    .replace("METADATA", str(FORWARD_FIELDS["metadata"].number))
    .replace("RUN", str(ForwardMsgMetadata.DESCRIPTOR.fields_by_name["run"].number))
)

IDLE = """() => {
  const app = document.querySelector('[data-testid="stApp"]');
  return (window.__stRuns || 0) > 0 && window.__stFinished >= window.__stRuns
    && !!app && app.getAttribute('data-test-script-state') === 'notRunning'
    && !document.querySelector('[data-testid="stSkeleton"], [data-testid="stSpinner"]');
}"""
ANSWERED = f"""(after) => {{
  const runs = window.__probe.runs;
  const begun = new Set(runs.filter((r) => r.kind === 'start' && !r.fragment && r.t > after)
    .map((r) => r.run));
  const done = runs.find((r) => r.kind === 'finish' && begun.has(r.run) && r.status === {FINISHED});
  return done ? done.t : null;
}}"""
"""When the first full script run begun after ``after`` (page clock) ran to its end, or null."""
DONE = f"""([after, bar]) => {{
  const start = document.querySelector('.st-key-start button');
  return ({IDLE})() && !!start && !start.disabled && window.__probe.lastBar !== bar
    && ({ANSWERED})(after) !== null;
}}"""
"""A run started after ``after`` is over: ▶ Start is enabled again, the progress line is no
longer ``bar`` (its text at the click), and the app is idle."""
STOPPED = """() => {
  const stop = document.querySelector('.st-key-stop button');
  const main = document.querySelector('[data-testid="stMain"]');
  return !!stop && stop.disabled && main.textContent.includes('Stopped by the user');
}"""
STOP = ".st-key-stop button"
UNDER_WAY = f"""([after, epoch]) => {{
  const stop = document.querySelector({STOP!r});
  return !!stop && !stop.disabled && window.__probe.progress.some(([t, text]) => {{
    const shown = /(?:Epoch|Trained) (\\d+)/.exec(text);
    return t > after && !!shown && +shown[1] >= epoch;
  }});
}}"""
"""The run started at ``after`` (page time) is under way and has shown ``epoch``."""
EPOCH = re.compile(r"(?:Epoch|Trained) (\d+) of (\d+)")


class Browser:
    """One headless Chromium; ``page(base_url)`` opens a fresh context with the probe."""

    def __init__(self) -> None:
        from playwright.sync_api import sync_playwright

        self.playwright = sync_playwright().start()
        self.browser = self.playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )

    def page(self, base_url: str):
        context = self.browser.new_context(base_url=base_url, viewport=VIEWPORT)
        context.set_default_timeout(TIMEOUT_MS)
        context.add_init_script(COUNT_RUNS)
        context.add_init_script(PROBE)
        page = context.new_page()
        page.offset = 0.0
        return page

    def close(self) -> None:
        self.browser.close()
        self.playwright.stop()


# The page -------------------------------------------------------------------------------------


def open_path(page, path: str) -> float:
    """Go to ``path``, wait until its first run is over; the page clock's offset to ours (ms)."""
    page.goto(path)
    page.wait_for_function(IDLE, polling=50)
    best = None
    for _ in range(5):
        before = time.time() * 1000
        then = page.evaluate("() => window.__probe.now()")
        after = time.time() * 1000
        if best is None or after - before < best[0]:
            best = (after - before, then - (before + after) / 2)
    page.offset = best[1]
    return best[1]


def probe(page, name: str):
    return page.evaluate(f"() => window.__probe.{name}")


def shown_epoch(page) -> int:
    match = EPOCH.search(probe(page, "lastBar") or "")
    return int(match.group(1)) if match else -1


def epoch_at(progress: list, t: float) -> int:
    """The epoch the progress line showed at page time ``t``."""
    shown = [text for when, text in progress if when <= t]
    match = EPOCH.search(shown[-1]) if shown else None
    return int(match.group(1)) if match else -1


def click(page, selector: str, offset: float) -> float:
    """Click the middle of ``selector`` at once (no waiting for it to be ready); the page time
    just before the click was sent."""
    box = page.locator(selector).first.bounding_box()
    sent = time.time() * 1000 + offset
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    return sent


def start_run(page, offset: float, epoch: int = 1) -> float:
    """Press ▶ Start and wait until the new run is under way: ■ Stop enabled, and the progress
    line, drawn since the click, at ``epoch`` or beyond. The page time of the click."""
    sent = click(page, ".st-key-start button", offset)
    page.wait_for_function(UNDER_WAY, arg=[sent, epoch], polling=20, timeout=WAIT_MS)
    return sent


def wait_done(page, sent: float, bar: str) -> float:
    """Wait until the run started after ``sent`` is over; when it was seen over (page time)."""
    page.wait_for_function(DONE, arg=[sent, bar], polling=20, timeout=TIMEOUT_MS)
    return page.evaluate("() => window.__probe.now()")


def stop_if_running(page) -> None:
    """■ Stop a run still under way (a job left in a worker would load the next measure)."""
    stop = f"document.querySelector({STOP!r})"
    page.evaluate(f"() => {{ const stop = {stop}; if (stop && !stop.disabled) stop.click(); }}")
    page.wait_for_function(
        f"() => {{ const stop = {stop}; return !stop || stop.disabled; }}",
        polling=50,
        timeout=WAIT_MS,
    )
    page.wait_for_function(IDLE, polling=50, timeout=WAIT_MS)


def first_input(page, after: float) -> float | None:
    return next((t for t, _ in probe(page, "inputs") if t >= after - 1), None)


def busy_seconds(page, begin: float, end: float) -> float:
    """Seconds of [begin, end] the page's main thread spent in long tasks (≥ 50 ms each)."""
    total = 0.0
    for start, duration in probe(page, "busy"):
        total += max(0.0, min(end, start + duration) - max(begin, start))
    return total / 1000


def runs_between(page, begin: float, end: float, wire: list[dict]) -> dict:
    """The script runs between ``begin`` and ``end`` (page times): fragment runs the page
    finished, and when the first full run began and ended as the server sent it (``wire``, a
    ``WireTap``'s notes on this process's clock) and as the page's main thread got to it."""
    runs = [r for r in probe(page, "runs") if begin < r["t"] <= end]
    heard = [r["t"] for r in runs if r["kind"] == "start" and not r["fragment"]]
    wire = [{**r, "t": r["t"] + page.offset} for r in wire if r["t"] + page.offset > begin]
    full = next((r["run"] for r in wire if r["kind"] == "start" and not r["fragment"]), None)
    sent = [r["t"] for r in wire if r["run"] == full]
    return {
        "fragment_runs": sum(r["kind"] == "finish" and r["fragment"] for r in runs),
        "full_run_sent_s": (sent[0] - begin) / 1000 if sent else None,
        "full_run_sent_done_s": (sent[-1] - begin) / 1000 if len(sent) > 1 else None,
        "full_run_heard_s": (heard[0] - begin) / 1000 if heard else None,
    }


def attempt(page, name: str, measure: Callable[..., dict], *args) -> dict:
    """``measure(page, *args)``, or, if the page never reached a state it waited for, what went
    wrong (and a screenshot ``name``.png): one failed run is reported, the others go on."""
    try:
        return measure(page, *args)
    except PlaywrightError as error:
        shot = RESULTS / f"bench_live-{name}.png"
        page.screenshot(path=str(shot))
        print(f"    {name}: {error!s:.200}", flush=True)
        return {"error": f"{error!s:.300}", "screenshot": str(shot)}
