"""Live training as a learner sees it, in a real browser: ■ Stop latency, click latency, frames
per second, stale-faded time, and the server's CPU per run of every training page.

Each ``--tree`` (default: this checkout; give two to compare, e.g. an older commit's worktree
and this one) is served in turn by its own ``streamlit run app.py`` (``deploy.local.replica``,
the tests' settings) and driven by one headless Debian Chromium (Playwright). The page carries a
probe (benchmarks/live_probe.js) that times, with the page's own clock, each script run the
websocket announces (ForwardMsg new_session / script_finished, full run or fragment run), each new
progress line and figure title, and the first moment a watched state holds. A click is timed
here, just before Playwright sends it, on the page's clock (offset measured while the page is
idle): a browser too busy to take the click counts against the app.

Measures
  stop    Initialization's course exercise (15 000 epochs, four networks): ▶ Start, then ■ Stop
          once the run is under way (at a different epoch each time). Latency: click → the page
          shows the run stopped ("Stopped by the user", ■ Stop disabled); then how many epochs
          the run went on after the click, and whether the epoch stays put for 1 s. Goal < 0.3 s.
  click   Playground, 2000 examples, 1000 epochs, under way: another activation (a selectbox),
          α one step up (a slider, keyboard), ⏸ Pause. Latency: click → the first full script run
          begun after it has finished (the app has taken the new value and redrawn the page; for
          ⏸ Pause, → "⏸ paused" shown). "shown" is click → the widget shows its new value in the
          browser. Goal < 0.5 s.
  frames  whole runs (Playground's default, Playground 2000 × 1000, the course exercise): the
          distinct figure titles ("… — epoch N") drawn from the click on ▶ Start to the last
          one, per second (goal ≥ 10, and ≥ 10 frames for the default run); and the share of
          the run during which an element of the main area was faded (its computed opacity
          < 0.99, sampled every animation frame; Streamlit fades a stale element after 0.5 s).
  cpu     each training page, its default settings with a seed of its own per run (no cache
          serves it): server CPU seconds, worker processes included (psutil: the server
          process and its children), from before ▶ Start to the finished run; median of runs.

The machine's load average is recorded beside each measure (the browser runs on the same cores).
Run: ``python benchmarks/bench_live.py --tree ../before --tree .`` (``--quick``: fewer runs,
no 15 000-epoch run to the end; ``--only stop`` …). Prints a table, then one JSON line; results
also go to benchmarks/results/bench_live.json.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import secrets
import statistics
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from live_page import (  # noqa: E402
    ANSWERED,
    EPOCH,
    IDLE,
    RESULTS,
    STOPPED,
    WAIT_MS,
    Browser,
    attempt,
    busy_seconds,
    click,
    epoch_at,
    first_input,
    open_path,
    probe,
    runs_between,
    shown_epoch,
    start_run,
    stop_if_running,
    wait_done,
)
from live_report import print_table, summary  # noqa: E402
from live_wire import WireTap  # noqa: E402

from deploy.local import replica  # noqa: E402

COURSE = "/initialization?scene=course-exercise"
ISSUE_RUN = "/playground?n=2000&epochs=1000"
"""The issue's slow case: Playground, 2000 examples, 1000 epochs (52 s of waiting before)."""
STAYS_UNDER_WAY = "/playground?n=2000&epochs=5000"
"""A run long enough to be still under way however a control is timed on it (clicked at
``CLICK_AT_EPOCH``, then stopped)."""
CLICK_AT_EPOCH = 100
BOUNDARY = ".st-key-boundary .gtitle"
BOUNDARIES = ".st-key-boundaries .gtitle"
STOP_AT = (0.10, 0.20, 0.30, 0.15, 0.25, 0.35)
"""Share of the run's epochs after which ■ Stop is pressed, one per repetition in turn."""
CPU_PAGES = {
    "playground": "",
    "bias_variance": "",
    "regularization": "",
    "initialization": "",
    "minibatch": "",
    "optimizers_network": "",
    "lr_decay": "",
    "batch_norm": "",
    "softmax": "",
    "pandas_caviar": "&speed=10",
    "search": "",
}
"""The training pages and what their URL adds to a seed (pandas vs caviar: 10 epochs a tick,
not its default of one, so a run of 100 epochs takes 5 s rather than 50)."""

# Measures -------------------------------------------------------------------------------------


def measure_stop(browser: Browser, tap: WireTap, reps: int) -> list[dict]:
    page = browser.page(tap.url)
    offset = open_path(page, COURSE)
    total = int(EPOCH.search(probe(page, "lastBar")).group(2))
    rows = []
    for rep in range(reps):
        start_run(page, offset, int(STOP_AT[rep % len(STOP_AT)] * total))
        page.evaluate(f"() => window.__probe.watch('stopped', {STOPPED})")
        sent = click(page, ".st-key-stop button", offset)
        page.wait_for_function("() => window.__probe.watches.stopped.t !== null", polling=20)
        stopped = page.evaluate("() => window.__probe.watches.stopped.t")
        at_stop = shown_epoch(page)
        time.sleep(1.0)
        later = shown_epoch(page)
        clicked = epoch_at(probe(page, "progress"), sent)
        taken = first_input(page, sent)
        rows.append(
            {
                "latency_s": (stopped - sent) / 1000,
                "input_delay_s": (taken - sent) / 1000 if taken else None,
                **runs_between(page, sent, stopped, tap.runs),
                "busy_s": busy_seconds(page, sent, stopped),
                "epoch_at_click": clicked,
                "epoch_stopped": at_stop,
                "epochs_after_click": at_stop - clicked,
                "frozen": later == at_stop,
            }
        )
        page.wait_for_function(IDLE, polling=50)
    page.context.close()
    return rows


def _pick_option(page, key: str) -> tuple[str, str]:
    """Open the selectbox ``key``; the selector of an option it does not hold, and its text."""
    page.locator(f".st-key-{key}").get_by_role("combobox").click()
    option = page.locator('[role="option"][aria-selected="false"]').first
    option.wait_for(state="visible")
    text = option.inner_text().strip()
    return f'[role="option"][aria-selected="false"] >> text="{text}"', text


def _act(page, control: str, offset: float) -> tuple[float, str]:
    """Do ``control`` on the page under way; when it was sent, and a JS test of it shown."""
    if control == "selectbox":
        selector, text = _pick_option(page, "act")
        sent = click(page, selector, offset)
        box = ".st-key-act input[role=combobox]"
        return sent, f"() => document.querySelector({box!r}).value === {text!r}"
    if control == "slider":
        thumb = page.locator(".st-key-lr input[type='range']")
        before = page.locator(".st-key-lr [data-testid='stSliderThumbValue']").inner_text()
        thumb.focus()
        sent = time.time() * 1000 + offset
        page.keyboard.press("ArrowRight")
        return sent, (
            "() => document.querySelector(\".st-key-lr [data-testid='stSliderThumbValue']\")"
            f".textContent.trim() !== {before.strip()!r}"
        )
    sent = click(page, ".st-key-pause button", offset)
    return sent, "() => (window.__probe.lastBar || '').includes('⏸ paused')"


def _click_once(page, control: str, path: str, wire: list[dict]) -> dict:
    """Start a long run of ``path``, do ``control`` once it is under way; the latencies."""
    offset = open_path(page, path)
    start_run(page, offset, CLICK_AT_EPOCH)
    sent, shown = _act(page, control, offset)
    page.evaluate(f"() => window.__probe.watch('shown', {shown})")
    answered = page.wait_for_function(ANSWERED, arg=sent, polling=20, timeout=WAIT_MS)
    answered = answered.json_value()
    page.wait_for_function(
        "() => window.__probe.watches.shown.t !== null", polling=20, timeout=WAIT_MS
    )
    taken = first_input(page, sent)
    shown_at = page.evaluate("() => window.__probe.watches.shown.t")
    return {
        "latency_s": (max(answered, shown_at) - sent) / 1000,
        "rerun_done_s": (answered - sent) / 1000,
        "shown_s": (shown_at - sent) / 1000,
        "input_delay_s": (taken - sent) / 1000 if taken else None,
        **runs_between(page, sent, answered, wire),
        "busy_s": busy_seconds(page, sent, answered),
        "epoch": epoch_at(probe(page, "progress"), sent),
    }


def measure_clicks(browser: Browser, tap: WireTap, reps: int, seed: int) -> dict[str, list]:
    page = browser.page(tap.url)
    results = {}
    for control in ("selectbox", "slider", "pause"):
        rows = []
        for _ in range(reps):
            seed += 1
            path = f"{STAYS_UNDER_WAY}&seed={seed}"
            name = f"{control}-{seed}"
            rows.append(attempt(page, name, _click_once, control, path, tap.runs))
            stop_if_running(page)
        results[control] = rows
    page.context.close()
    return results


def measure_run(page, path: str, title: str) -> dict:
    """Train one whole run of ``path``: frames drawn, per second, and the time faded."""
    offset = open_path(page, path)
    page.evaluate("(title) => { window.__probe.titleSelector = title; }", title)
    page.evaluate("() => window.__probe.sample(true)")
    bar = probe(page, "lastBar")
    sent = click(page, ".st-key-start button", offset)
    done = wait_done(page, sent, bar)
    page.evaluate("() => window.__probe.sample(false)")
    titles = [(t, text) for t, text in probe(page, "titles") if t > sent]
    samples = [s for s in probe(page, "samples") if sent <= s[0] <= done]
    times = [sent] + [t for t, _ in titles]
    last = times[-1]
    faded = stale = 0.0
    for (t, least, marked), (t_next, _, _) in zip(samples, samples[1:], strict=False):
        faded += (t_next - t) * (least < 0.99)
        stale += (t_next - t) * marked
    seconds = (done - sent) / 1000
    stated = re.search(r"· ([\d.]+) s", probe(page, "lastBar") or "")
    return {
        "frames": len({text for _, text in titles}),
        "run_s": seconds,
        "first_frame_s": (titles[0][0] - sent) / 1000 if titles else None,
        "frames_per_s": len(titles) / ((last - sent) / 1000) if titles else 0.0,
        "longest_gap_s": max(b - a for a, b in zip(times, times[1:], strict=False)) / 1000
        if titles
        else seconds,
        "faded_s": faded / 1000,
        "faded_share": faded / 1000 / seconds if seconds else 0.0,
        "stale_marked_s": stale / 1000,
        "least_opacity": min((s[1] for s in samples), default=1.0),
        "busy_share": busy_seconds(page, sent, done) / seconds if seconds else 0.0,
        "animation_frames": len(samples),
        "last_title": titles[-1][1] if titles else None,
        "last_progress": probe(page, "lastBar"),
        "stated_s": float(stated.group(1)) if stated else None,
    }


def measure_frames(browser: Browser, url: str, quick: bool, seed: int) -> dict[str, dict]:
    runs = {
        "playground default (300 epochs)": (f"/playground?seed={seed}", BOUNDARY),
        "playground 2000 × 1000": (f"{ISSUE_RUN}&seed={seed + 1}", BOUNDARY),
    }
    if not quick:
        runs["course exercise (15 000)"] = (COURSE, BOUNDARIES)
    page = browser.page(url)
    results = {
        name: attempt(page, f"frames-{index}", measure_run, path, title)
        for index, (name, (path, title)) in enumerate(runs.items())
    }
    page.context.close()
    return results


def cpu_seconds(pid: int) -> tuple[float, float]:
    """User + system CPU seconds of the process ``pid``, and of its children (the workers)."""
    process = psutil.Process(pid)
    own = process.cpu_times()
    children = 0.0
    for child in process.children(recursive=True):
        try:
            times = child.cpu_times()
        except psutil.Error:  # gone meanwhile
            continue
        children += times.user + times.system
    return own.user + own.system, children


def _cpu_run(page, path: str, pid: int) -> dict:
    """One run of ``path`` from ▶ Start to its end: the server's CPU seconds (its own, its
    workers'), and wall-clock seconds."""
    offset = open_path(page, path)
    bar = probe(page, "lastBar")
    (own, children), wall = cpu_seconds(pid), time.perf_counter()
    sent = click(page, ".st-key-start button", offset)
    wait_done(page, sent, bar)
    own_after, children_after = cpu_seconds(pid)
    return {
        "cpu_s": own_after + children_after - own - children,
        "workers_cpu_s": children_after - children,
        "wall_s": time.perf_counter() - wall,
        "progress": probe(page, "lastBar"),
    }


def measure_cpu(browser: Browser, url: str, pid: int, reps: int, seed: int) -> dict:
    page = browser.page(url)
    open_path(page, "/")
    before = sum(cpu_seconds(pid))
    time.sleep(3.0)
    idle = (sum(cpu_seconds(pid)) - before) / 3.0
    pages = {}
    for slug, extra in CPU_PAGES.items():
        rows = []
        for rep in range(reps):
            path = f"/{slug}?seed={seed + rep}{extra}"
            rows.append(attempt(page, f"cpu-{slug}-{rep}", _cpu_run, path, pid))
        done = [row for row in rows if "error" not in row]
        pages[slug] = {
            **{
                key: statistics.median(row[key] for row in done) if done else None
                for key in ("cpu_s", "workers_cpu_s", "wall_s")
            },
            "runs": rows,
        }
        print(f"    {slug}: {pages[slug]['cpu_s']} s CPU", flush=True)
    page.context.close()
    return {"idle_cpu_per_s": idle, "pages": pages}


# One tree, then the report ---------------------------------------------------------------------


def commit_of(tree: Path) -> str:
    done = subprocess.run(
        ["git", "-C", str(tree), "log", "-1", "--format=%h %s"], capture_output=True, text=True
    )
    return done.stdout.strip()[:80]


@contextmanager
def pinned(cores: set[int] | None) -> Iterator[None]:
    """Inside: this thread, and the processes it starts (a server, a browser), run on ``cores``
    only (None: wherever they like)."""
    everywhere = os.sched_getaffinity(0)
    if cores:
        os.sched_setaffinity(0, cores)
    try:
        yield
    finally:
        os.sched_setaffinity(0, everywhere)


def split_cores(pin: bool) -> tuple[set[int] | None, set[int] | None]:
    """The cores of the server and of the browser: with ``pin``, the browser on the last core
    and the server (its workers too) on the others, as if the learner's browser ran on a
    machine of its own; else both anywhere."""
    cores = sorted(os.sched_getaffinity(0))
    if not pin or len(cores) < 2:
        return None, None
    return set(cores[:-1]), {cores[-1]}


def measure_tree(
    browser: Browser, tree: Path, measures: list[str], quick: bool, cores: set[int] | None
) -> dict:
    """Every measure of ``measures`` against the app of ``tree``, on a server of its own."""
    RESULTS.mkdir(parents=True, exist_ok=True)
    log = RESULTS / f"bench_live-{tree.name}.log"
    result = {"tree": str(tree), "commit": commit_of(tree), "server_cores": cores, "load": {}}
    with ExitStack() as stack:
        with pinned(cores):
            app = stack.enter_context(replica(log, secrets.token_hex(32), root=tree))
        tap = stack.enter_context(WireTap(int(app.url.rsplit(":", 1)[1])))
        page = browser.page(app.url)
        open_path(page, "/")  # a fresh server's first session: Home (see tests/e2e/conftest)
        page.context.close()
        for measure in measures:
            result["load"][measure] = os.getloadavg()[0]
            started = time.perf_counter()
            if measure == "stop":
                result["stop"] = measure_stop(browser, tap, 2 if quick else 6)
            elif measure == "click":
                result["click"] = measure_clicks(browser, tap, 1 if quick else 3, 10)
            elif measure == "frames":
                result["frames"] = measure_frames(browser, app.url, quick, 30)
            elif measure == "cpu":
                pid = app.process.pid
                result["cpu"] = measure_cpu(browser, app.url, pid, 1 if quick else 3, 50)
            print(f"  {tree.name}: {measure} in {time.perf_counter() - started:.0f} s", flush=True)
        result["load"]["end"] = os.getloadavg()[0]
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--tree", action="append", type=Path, help="checkout to serve (repeat)")
    parser.add_argument("--only", action="append", choices=["stop", "click", "frames", "cpu"])
    parser.add_argument("--quick", action="store_true", help="fewer runs, no 15 000-epoch run")
    parser.add_argument(
        "--shared-cores",
        action="store_true",
        help="let the browser and the server share every core (default: the browser on the "
        "last core, the server on the others)",
    )
    args = parser.parse_args()
    trees = [tree.resolve() for tree in args.tree or [ROOT]]
    measures = args.only or ["stop", "click", "frames", "cpu"]
    server_cores, browser_cores = split_cores(not args.shared_cores)
    with pinned(browser_cores):
        browser = Browser()
    results = {}
    try:
        for tree in trees:
            print(f"{tree} ({commit_of(tree)})", flush=True)
            results[tree.name] = measure_tree(browser, tree, measures, args.quick, server_cores)
    finally:
        browser.close()
    print_table(results)
    RESULTS.mkdir(parents=True, exist_ok=True)
    text = json.dumps(results, indent=2, ensure_ascii=False, default=sorted)
    (RESULTS / "bench_live.json").write_text(text)
    line = {label: summary(result) for label, result in results.items()}
    print(json.dumps(line, ensure_ascii=False, default=sorted))


if __name__ == "__main__":
    main()
