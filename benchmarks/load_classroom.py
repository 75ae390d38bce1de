"""A live class under load: one teacher leads 60 students, all over Streamlit's own protocol.

Every participant is a ``StreamlitSession`` (``streamlit_client.py``: a browser tab's websocket
protocol, no browser), so the students' class bars poll the class exactly as browsers would
(their fragment's ``run_every``). Everything goes through the app, as people would do it:

1. The teacher opens the Classroom page and presses "Start a class"; the join code is read from
   the teacher link the app writes into the URL.
2. Each student opens the join link (``/classroom?join=CODE``) and presses Join.
3. The teacher walks through ``LESSON``: opens a page from the top navigation (a ``page``
   action) and picks scenes in the 🎬 picker (ten ``scene`` actions).
4. On the last scene (it has a question) the teacher presses "Ask the class" (``poll``); every
   student answers on their screen (choice ``i mod k``), and the teacher's tally must show
   every answer (``tally``: from the last answer sent to the complete tally on the teacher's
   screen). The teacher runs the scene (▶ Start) and presses "Reveal" (``reveal``).
5. The teacher opens the Classroom page and starts a class search (``search``); every student
   presses "Train my trial" (trained in the app's run engine, submitted by the app):
   ``trained`` is a student's press until their screen shows their result on the teacher's
   screen, ``presenter`` the last such result until the presenter screen counts them all.

For every teacher action the time until each student's screen shows it is measured: the page
(its title, after the navigation to it), the scene (the picker showing it), the poll's radio,
the revealed answer, the "Train my trial" button. The next action waits until every student
shows the last one (as a teacher waits for the class). Errors: exception elements, protocol
errors, closed websockets (any participant, any time), a refusal shown as an error box
(e.g. a rate limit), a student that does not show an action within ``--timeout`` s.
Target: p95 of the actions' latencies < 2 s, no errors. When a student is first stuck, the servers'
threads are dumped with py-spy (``results/logs/stuck.txt``).

Interface::

    python benchmarks/load_classroom.py [--students 60] [--replicas 1|2] [--timeout 60]

Two replicas run behind nginx (``deploy/local.py``) and share one SQLite store in a temporary
data directory. Prints a table (one row per kind of action and one for all teacher → student
actions) with the load average, the busiest other processes and the servers' CPU, and saves
the result in ``benchmarks/results/load_classroom_<students>.json``.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from contextlib import ExitStack
from pathlib import Path
from urllib.parse import parse_qs

import psutil

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from load_common import cpu_seconds, percentile  # noqa: E402
from load_protocol import RESULTS, spread, texts, visit  # noqa: E402
from streamlit.proto.Alert_pb2 import Alert  # noqa: E402
from streamlit_client import ProtocolError, StreamlitSession  # noqa: E402
from streamlit_page import element_key  # noqa: E402

from deploy.local import proxy, replicas, server_stacks  # noqa: E402
from playground.catalog import find_scene  # noqa: E402
from playground.classroom.store import DATA_DIR_ENV  # noqa: E402

LESSON: tuple[tuple[str, str], ...] = (
    ("lr_decay", "decay-too-fast"),
    ("lr_decay", "constant-vs-decay"),
    ("minibatch", "sgd-too-fast"),
    ("minibatch", "batch-vs-minibatch-vs-sgd"),
    ("optimizers_network", "original-notebook"),
    ("optimizers_network", "course-exercise"),
    ("optimizers_network", "same-alpha"),
    ("regularization", "dropout-fixes-it"),
    ("regularization", "early-stopping"),
    ("regularization", "l2-fixes-it"),
)
"""The teacher's scenes, in order; the last one's question becomes the poll."""
CLASSROOM = "classroom"
ACTIONS = ("page", "scene", "poll", "reveal", "search")
"""Teacher actions whose latency is until each student's screen shows them (the target's)."""
OPENING = 4
"""Students opening the join link at the same time (joining is not measured)."""
TIMEOUT_S = 30.0
IDLE_S = 10.0
"""How long the servers' CPU is read while the class only follows (no action)."""
TEACHER_TIMEOUT_S = 120.0
"""The teacher's own waits: a run of the scene, the whole class's search results. Past it the
class is over: the steps not played are reported as not played."""
CLASS_BAR = "🏫 Class"
REVEALED = "The run's answer"
ON_TEACHERS_SCREEN = "is on the teacher's screen"

Shows = Callable[[StreamlitSession], bool]


# What a screen shows ---------------------------------------------------------------------------


def query(client: StreamlitSession) -> dict[str, str]:
    """The page's URL parameters (one value each)."""
    return {key: values[-1] for key, values in parse_qs(client.query).items()}


def markdown(client: StreamlitSession) -> list[str]:
    return texts(client, "markdown", "body")


def refusals(client: StreamlitSession) -> list[str]:
    """The error boxes on the page (a refused action, e.g. a rate limit, shows as one)."""
    return [
        node.element.alert.body
        for node in client.elements("alert")
        if node.element.alert.format == Alert.ERROR
    ]


def in_class(client: StreamlitSession) -> bool:
    """A member whose class bar is drawn."""
    return "member" in query(client) and any(CLASS_BAR in text for text in markdown(client))


def seen_as(client: StreamlitSession) -> str:
    """Where a student's screen is, for an error: its page, URL, class bar and the last
    messages it sent and received."""
    bar = next((text for text in markdown(client) if CLASS_BAR in text), "no class bar")
    shown = len(client.elements(container=None))
    state = f"{shown} elements, running {client.script_running}, runs {client.finished_runs}"
    return (
        f"on {client.page!r}, ?{client.query[:120]}, {bar[:80]!r}, {state}; {client.trail_text()}"
    )


def on_page(page: str) -> Shows:
    """The page ``page`` runs and its title has arrived."""
    return lambda client: client.page == page and bool(client.elements("heading"))


def on_scene(page: str, scene: str) -> Shows:
    """``page`` shows ``scene``: its picker holds the scene's name."""
    name = find_scene(page, scene).name
    return lambda client: client.page == page and client.value(f"scene_{page}") == [name]


def poll_radio(client: StreamlitSession) -> str | None:
    """The key of the poll's radio on the page (None while there is none)."""
    for node in client.elements("radio"):
        key = element_key(node.element) or ""
        if key.startswith("class_poll_"):
            return key
    return None


def _asked(client: StreamlitSession) -> bool:
    return poll_radio(client) is not None


def revealed(client: StreamlitSession) -> bool:
    return any(REVEALED in text for text in markdown(client))


def can_train(client: StreamlitSession) -> bool:
    return client.widget("class_search_train") is not None


def result_shown(client: StreamlitSession) -> bool:
    """The student's screen says their run is on the teacher's screen."""
    return any(ON_TEACHERS_SCREEN in node.element.alert.body for node in client.elements("alert"))


def tally_complete(choices: tuple[str, ...], counts: list[int]) -> Shows:
    """The teacher's tally counts every answer: "n of n", and ``counts`` per choice (its bars:
    "<choice>: <count>"; the page's other progress bars, e.g. the run's, are not the tally)."""
    total = sum(counts)
    wanted = {choice: str(count) for choice, count in zip(choices, counts, strict=True)}

    def shows(teacher: StreamlitSession) -> bool:
        if not any(f"The class answers: {total} of {total}" in t for t in markdown(teacher)):
            return False
        bars = [text.rpartition(": ") for text in texts(teacher, "progress", "text")]
        return {label: count for label, _, count in bars if label in wanted} == wanted

    return shows


def results_counted(count: int) -> Shows:
    """The presenter screen counts ``count`` results of the round."""
    return lambda teacher: any(f"**{count}** results" in text for text in markdown(teacher))


def answers(choices: tuple[str, ...], students: int) -> list[str]:
    """Student ``i`` answers choice ``i mod k``."""
    return [choices[i % len(choices)] for i in range(students)]


def tally(choices: tuple[str, ...], given: list[str]) -> list[int]:
    """How many gave each choice, in the choices' order."""
    return [given.count(choice) for choice in choices]


# The class ----------------------------------------------------------------------------------------


class Class:
    """A teacher and its students on ``url``; ``samples`` holds (kind, latency s or None,
    error or None), one per student and action."""

    def __init__(self, url: str, students: int, timeout: float, pids: list[int]) -> None:
        self.url, self.count, self.timeout, self.pids = url, students, timeout, pids
        self.dumped = False
        self.teacher = StreamlitSession(url, f"/{CLASSROOM}", TEACHER_TIMEOUT_S)
        self.students: list[StreamlitSession] = []
        self.samples: list[tuple[str, float | None, str | None]] = []

    async def start(self) -> None:
        """The teacher starts the class; the students join it through its join link."""
        teacher = self.teacher
        await teacher.open()
        await teacher.click("class_start")
        await teacher.wait(lambda: "teach" in query(teacher) and teacher.idle)
        code = query(teacher)["teach"].partition(".")[0]
        self.students = [
            StreamlitSession(self.url, f"/{CLASSROOM}?join={code}", self.timeout)
            for _ in range(self.count)
        ]
        gate = asyncio.Semaphore(OPENING)

        async def join(student: StreamlitSession) -> None:
            async with gate:
                await student.open()
                await student.click("class_join")
                await student.wait(lambda: in_class(student) and student.idle)

        await asyncio.gather(*(join(student) for student in self.students))

    async def _reach(self, index: int, shows: Shows, since: float) -> tuple:
        """Student ``index`` showing what ``shows`` says: (latency, None) or (None, error)."""
        student = self.students[index]
        seen = len(student.errors)

        def done() -> bool:
            return shows(student) or len(student.errors) > seen or bool(refusals(student))

        try:
            await student.wait(done, self.timeout)
        except (TimeoutError, ProtocolError) as error:
            await self.dump_servers()
            failed = f"{type(error).__name__}: {error!s:.200}"
            return None, f"student {index}: {failed} ({seen_as(student)})"
        if len(student.errors) > seen:
            return None, None  # counted with the session's errors
        if refusals(student):
            return None, f"student {index} refused: {refusals(student)[0]:.200}"
        return time.time() - since, None

    async def dump_servers(self) -> None:
        """The first time a student is stuck: every server thread's stack, as py-spy sees it
        then (``results/logs/stuck.txt``)."""
        if self.dumped:
            return
        self.dumped = True
        stacks = await asyncio.to_thread(server_stacks, self.pids)
        (RESULTS / "logs" / "stuck.txt").write_text(stacks)
        print(f"a student is stuck: server stacks in {RESULTS / 'logs'}/stuck.txt", flush=True)

    async def act(
        self, kind: str, do: Callable[[], Awaitable], shows: Shows, own: bool = True, what=""
    ) -> None:
        """The teacher does ``do``; wait until every student shows it and record the latencies;
        then (``own``: the teacher's screen changes too) until the teacher's screen shows it."""
        since = time.time()
        await do()
        reached = await asyncio.gather(
            *(self._reach(index, shows, since) for index in range(self.count))
        )
        self.samples += [(kind, latency, error) for latency, error in reached]
        done = sorted(latency for latency, _ in reached if latency is not None)
        print(
            f"{kind:>8} {what}: {len(done)} of {self.count} students in "
            + (f"{done[len(done) // 2]:.2f} s (median), {done[-1]:.2f} s (max)" if done else "–"),
            flush=True,
        )
        if own:
            await self._teacher_sees("teacher", since, shows, record=False)

    async def lesson(self) -> None:
        """Ten scenes over four pages, the teacher opening each page from the menu. A picker
        that does not show the scene picked (or showed it already) is an error of the
        teacher's screen."""
        teacher = self.teacher
        for page, scene in LESSON:
            if teacher.page != page:
                await self.act("page", lambda p=page: teacher.navigate(p), on_page(page), what=page)
            picker, name = f"scene_{page}", find_scene(page, scene).name
            await teacher.wait(lambda p=picker: teacher.widget(p) is not None)
            if teacher.value(picker) == [name]:
                self.samples.append(("teacher", None, f"teacher: {page} showed {scene} already"))
                continue
            pick = on_scene(page, scene)
            choose = lambda p=picker, n=name: teacher.select(p, n)  # noqa: E731
            await self.act("scene", choose, pick, what=scene)
            if not pick(teacher):
                shown = teacher.value(picker)
                self.samples.append(("teacher", None, f"teacher: picked {scene}, shows {shown}"))

    async def poll(self) -> None:
        """Ask the class the last scene's question, every student answers, then reveal."""
        teacher = self.teacher
        page, scene = LESSON[-1]
        choices = find_scene(page, scene).question.choices
        await teacher.wait(lambda: teacher.widget("class_ask") is not None)
        asked = self.act("poll", lambda: teacher.click("class_ask"), _asked, own=False)
        await asked
        given = answers(choices, self.count)
        since = time.time()
        await asyncio.gather(
            *(s.select(poll_radio(s), a) for s, a in zip(self.students, given, strict=True))
        )
        await self._teacher_sees("tally", since, tally_complete(choices, tally(choices, given)))
        await teacher.click("start")  # the teacher's run computes the answer to reveal
        await teacher.wait(lambda: _enabled(teacher, "class_reveal"))
        await self.act("reveal", lambda: teacher.click("class_reveal"), revealed, False)

    async def search(self) -> None:
        """A class search: every student trains their trial; the presenter screen counts them."""
        teacher = self.teacher
        await self.act("page", lambda: teacher.navigate(CLASSROOM), on_page(CLASSROOM))
        await teacher.wait(lambda: teacher.widget("class_search_start") is not None)
        await self.act("search", lambda: teacher.click("class_search_start"), can_train, False)

        async def train(index: int, student: StreamlitSession) -> tuple:
            since = time.time()
            await student.click("class_search_train")
            return await self._reach(index, result_shown, since)

        trained = await asyncio.gather(*(train(i, s) for i, s in enumerate(self.students)))
        self.samples += [("trained", latency, error) for latency, error in trained]
        await self._teacher_sees("presenter", time.time(), results_counted(self.count))

    async def _teacher_sees(self, kind: str, since: float, shows: Shows, record=True) -> None:
        """Wait until the teacher's screen shows it; ``record`` the time (an error always)."""
        try:
            await self.teacher.wait(lambda: shows(self.teacher), TIMEOUT_S)
            if record:
                self.samples.append((kind, time.time() - since, None))
        except (TimeoutError, ProtocolError) as error:
            self.samples.append((kind, None, f"teacher: {type(error).__name__}: {error!s:.200}"))

    def errors(self) -> list[str]:
        """Every error: the samples' and each session's own (exceptions, closed sockets)."""
        found = [error for _, _, error in self.samples if error]
        for client in [self.teacher, *self.students]:
            found += client.errors
        return found

    async def close(self) -> None:
        await asyncio.gather(*(c.close() for c in [self.teacher, *self.students]))


def _enabled(client: StreamlitSession, key: str) -> bool:
    node = client.widget(key)
    return node is not None and not node.element.button.disabled


# Figures ------------------------------------------------------------------------------------------


def figures(samples: list[tuple[str, float | None, str | None]]) -> list[dict]:
    """One row per kind of sample (in ``ACTIONS`` order, then the others) and one for all
    teacher → student actions: count, errors, p50/p95/max in s."""
    kinds = [*ACTIONS, *dict.fromkeys(k for k, _, _ in samples if k not in ACTIONS)]
    groups = [(kind, [s for s in samples if s[0] == kind]) for kind in kinds]
    groups.append(("all actions", [s for s in samples if s[0] in ACTIONS]))
    rows = []
    for kind, chosen in groups:
        latencies = [latency for _, latency, _ in chosen if latency is not None]
        rows.append(
            {
                "kind": kind,
                "samples": len(chosen),
                "errors": sum(1 for _, _, error in chosen if error),
                "p50_s": round(statistics.median(latencies), 3) if latencies else None,
                "p95_s": round(percentile(latencies, 95), 3) if latencies else None,
                "max_s": round(max(latencies), 3) if latencies else None,
            }
        )
    return [row for row in rows if row["samples"]]


def _cell(value: float | None) -> str:
    return "–" if value is None else f"{value:.2f}"


def table(rows: list[dict]) -> str:
    """The figures as a Markdown table."""
    lines = ["| measured | samples | errors | p50 s | p95 s | max s |", "|---" * 6 + "|"]
    for row in rows:
        lines.append(
            f"| {row['kind']} | {row['samples']} | {row['errors']} | {_cell(row['p50_s'])} "
            f"| {_cell(row['p95_s'])} | {_cell(row['max_s'])} |"
        )
    return "\n".join(lines)


def verdict(rows: list[dict], errors: int) -> str:
    """The issue's target, met or not."""
    every = next(row for row in rows if row["kind"] == "all actions")
    met = errors == 0 and every["p95_s"] is not None and every["p95_s"] < 2.0
    return (
        f"teacher action → student screen p95 {_cell(every['p95_s'])} s < 2 s, errors "
        f"{errors} = 0: {'met' if met else 'NOT met'}"
    )


def busy_others(mine: set[int], seconds: float = 1.0) -> list[str]:
    """Other processes using more than 10 % of a core, over ``seconds``."""
    others = [p for p in psutil.process_iter(["name"]) if p.pid not in mine]
    shares = core_shares(others, seconds)
    busy = [(share, f"{p.info['name']} {share:.0f} %") for p, share in shares if share > 10]
    return [text for _, text in sorted(busy, reverse=True)]


def wait_quiet(pids: list[int], longest_s: float = 60.0) -> None:
    """Wait (up to ``longest_s``) until no process under the servers ``pids`` (their training
    workers) uses more than 10 % of a core over a second: the warm-up's sweeps end before the
    lesson starts, as a server is quiet before a class."""
    deadline = time.monotonic() + longest_s
    while time.monotonic() < deadline:
        workers = [child for pid in pids for child in psutil.Process(pid).children(recursive=True)]
        if all(share <= 10 for _, share in core_shares(workers, 1.0)):
            return


def core_shares(
    processes: list[psutil.Process], seconds: float
) -> list[tuple[psutil.Process, float]]:
    """Each process's share of a core (%) over the next ``seconds`` (gone ones left out)."""
    for process in processes:
        _share(process)  # the first call starts psutil's interval
    time.sleep(seconds)
    shares = [(process, _share(process)) for process in processes]
    return [(process, share) for process, share in shares if share is not None]


def _share(process: psutil.Process) -> float | None:
    try:
        return process.cpu_percent(None)
    except psutil.Error:
        return None


# Measuring ---------------------------------------------------------------------------------------


def student_runs(students: list[StreamlitSession]) -> tuple[int, int]:
    """The students' script runs so far: full runs, fragments' own runs."""
    full = sum(student.finished_runs for student in students)
    return full, sum(student.finished_fragment_runs for student in students)


async def play(url: str, students: int, timeout: float, pids: list[int]) -> dict:
    """Start a class on ``url``, play the lesson, the poll and the search; the figures."""
    room = Class(url, students, timeout, pids)
    aborted = None
    try:
        await room.start()
        idle = cpu_seconds(pids)
        await asyncio.sleep(IDLE_S)  # the class only follows: every student's bar polls
        idle = (cpu_seconds(pids) - idle) / IDLE_S
        print(f"following, idle: the servers use {idle:.2f} cores", flush=True)
        load, cpu, began = os.getloadavg()[0], cpu_seconds(pids), time.time()
        client = time.process_time()
        runs = student_runs(room.students)
        try:
            await room.lesson()
            await room.poll()
            await room.search()
        except (TimeoutError, ProtocolError) as error:  # the teacher's screen is stuck
            aborted = f"{type(error).__name__}: {error!s:.200}"
            room.samples.append(("teacher", None, f"teacher, class aborted: {aborted}"))
        ended, cpu_after, load_after = time.time(), cpu_seconds(pids), os.getloadavg()[0]
        client = time.process_time() - client
        runs = [
            after - before for before, after in zip(runs, student_runs(room.students), strict=True)
        ]
    finally:
        errors = room.errors()
        await room.close()
    return {
        "students": students,
        "rows": figures(room.samples),
        "errors": len(errors),
        "first_errors": errors[:5],
        "every_error": errors,
        "seconds": round(ended - began, 1),
        "idle_cores": round(idle, 2),
        "aborted": aborted,
        "server_cpu_s": round(cpu_after - cpu, 1),
        "client_cpu_s": round(client, 1),
        "runs_per_student": [round(count / students, 1) for count in runs],
        "load_before": round(load, 2),
        "load_after": round(load_after, 2),
    }


def measure(students: int, count: int, timeout: float) -> dict:
    """The class against ``count`` replicas started here (behind nginx when more than one),
    sharing a fresh SQLite store."""
    with ExitStack() as stack:
        data = stack.enter_context(tempfile.TemporaryDirectory(prefix="playground-class-"))
        os.environ[DATA_DIR_ENV] = data  # the replicas inherit it: one store file
        options = {"server.disconnectedSessionTTL": "10"}
        apps = stack.enter_context(replicas(count, RESULTS / "logs", options))
        pids = [app.process.pid for app in apps]
        pages = ["/", f"/{CLASSROOM}", *sorted({f"/{page}" for page, _ in LESSON})]
        for app in apps:
            asyncio.run(visit(app.url, pages))  # warm: each page's modules imported once
        url, nginx = apps[0].url, None
        if count > 1:
            nginx = stack.enter_context(proxy([app.url for app in apps]))
            url = nginx.url
        wait_quiet(pids)
        others = busy_others({os.getpid(), *pids})
        result = asyncio.run(play(url, students, timeout, pids))
        result |= {"replicas": count, "cores": psutil.cpu_count(), "others_busy": others}
        if nginx is not None:
            result["spread"] = spread(nginx.access_log, 0, students + 1)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--students", type=int, default=60)
    parser.add_argument("--replicas", type=int, choices=[1, 2], default=1)
    parser.add_argument("--timeout", type=float, default=TIMEOUT_S, help="per student, s")
    args = parser.parse_args()
    result = measure(args.students, args.replicas, args.timeout)
    print(
        f"\n{result['students']} students + 1 teacher, {result['replicas']} replica(s), "
        f"{result['cores']} cores; load average {result['load_before']} before, "
        f"{result['load_after']} after; lesson {result['seconds']} s, servers' CPU "
        f"{result['server_cpu_s']} s, this client's {result['client_cpu_s']} s; "
        f"a student's runs: {result['runs_per_student'][0]} full, "
        f"{result['runs_per_student'][1]} of fragments; "
        f"following idle: {result['idle_cores']} cores busy; "
        "other busy processes: "
        f"{', '.join(result['others_busy']) or 'none'}"
        + (f"; sessions per replica {result['spread']}" if "spread" in result else "")
        + "\n"
    )
    print(table(result["rows"]))
    print(f"\nerrors: {result['errors']} {result['first_errors']}")
    if result["aborted"]:
        print(f"the class stopped early (the teacher's screen was stuck): {result['aborted']}")
    print(verdict(result["rows"], result["errors"]))
    RESULTS.mkdir(parents=True, exist_ok=True)
    path = RESULTS / f"load_classroom_{args.students}.json"
    path.write_text(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
