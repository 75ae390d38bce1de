"""What both load clients share: the sessions, what a finished run shows, the leak check, and
the servers' CPU and memory as psutil sees them.

A session is one student on one training page with settings no other session uses (its own
number of examples and seed). The browser client (``load_sessions.py``) and the protocol client
(``load_protocol.py``) observe a finished run the same way, as a dict ``shown``: the values the
examples and seed widgets show, the progress texts, the metric values, the figure titles; the
leak check compares it with the session's own settings and, on the Playground, with the
accuracies the core computes for them in this process (seeded, so exact).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import psutil

from playground.engine.config import coerce_settings
from playground.engine.experiment import Run, make_data
from playground.engine.settings import ALL


@dataclass(frozen=True)
class Page:
    """A training page as the sessions use it: the URL key of its number of examples, the
    epochs of a run (0.1–0.5 s of server CPU with its figures), more of the URL, and how its
    progress bar says that a run is done."""

    size_key: str
    epochs: int
    extra: str = ""
    done: str = r"Epoch {epochs} of {epochs}\b"

    def done_pattern(self) -> str:
        """A regular expression (Python's and JavaScript's) matching the progress of a
        finished run."""
        return self.done.format(epochs=self.epochs)


PAGES = {
    "playground": Page("n", 300),
    "softmax": Page("n", 300),
    "regularization": Page("n", 300),
    "initialization": Page("m", 300),
    "minibatch": Page("n", 20),
    "batch_norm": Page("n", 100),
    "optimizers_network": Page("m", 100),
    "lr_decay": Page("n", 100),
    "bias_variance": Page("n", 100),
    "pandas_caviar": Page("n", 50, "speed=50"),
    "search": Page("n", 50, "trials=9", done=r"Trained (\d+) of \1 trials"),
}
"""The training pages the sessions spread over. The panda trains ``speed`` epochs per tick (two
ticks a second), the search ``trials`` per sampler (grid and random: 18 trials)."""
UNTRAINED = r"(Epoch|Trained) 0 of"
"""The progress of a run not started yet (after a setting changed)."""
SEED_MAX = 100
TITLE_EPOCH = re.compile(r"— epoch (\d+)")
"""A figure title naming the epoch it shows ("Decision boundary — epoch 300")."""


@dataclass
class Session:
    """One student: a page and settings no other session uses (its own n)."""

    index: int
    page: str
    n: int
    seed: int

    @property
    def spec(self) -> Page:
        return PAGES[self.page]

    @property
    def path(self) -> str:
        spec = self.spec
        path = f"/{self.page}?{spec.size_key}={self.n}&seed={self.seed}&epochs={spec.epochs}"
        return f"{path}&{spec.extra}" if spec.extra else path

    @property
    def epochs(self) -> int:
        return self.spec.epochs


def make_sessions(count: int) -> list[Session]:
    """``count`` sessions spread over the training pages (``PAGES``), each with its own number
    of examples (300 on the first round of pages, 350 on the next, …) and its own seed."""
    return [
        Session(i, list(PAGES)[i % len(PAGES)], 300 + 50 * (i // len(PAGES)), (7 * i) % 80)
        for i in range(count)
    ]


def next_seed(seed: int) -> int:
    """The seed a student moves to next: one step right on the slider (0 after the last)."""
    return (seed + 1) % (SEED_MAX + 1)


# Checks -------------------------------------------------------------------------------------

_expected: dict = {}


def expected_metrics(n: int, seed: int) -> list[str]:
    """Train and dev accuracy, as the Playground page shows them, computed in this process."""
    if (n, seed) not in _expected:
        epochs = PAGES["playground"].epochs
        values = coerce_settings(ALL, {"n": n, "seed": seed, "epochs": epochs})
        run = Run(values, make_data(values))
        run.advance()
        _expected[n, seed] = [f"{1 - error:.1%}" for error in run.errors()]
    return _expected[n, seed]


def own(run: dict, shown: dict) -> bool:
    """Whether a finished run showed its own session's settings and results: the examples and
    seed widgets, a finished progress bar, figure titles naming the last epoch, and on the
    Playground the accuracies the core computes."""
    spec = PAGES[run["page"]]
    if shown.get("n") != str(run["n"]) or shown.get("seed") != str(run["seed"]):
        return False
    if not re.search(spec.done_pattern(), shown.get("progress", "")):
        return False
    epochs = [int(m) for title in shown.get("titles", []) for m in TITLE_EPOCH.findall(title)]
    if any(epoch != spec.epochs for epoch in epochs):
        return False
    if run["page"] == "playground":
        return shown.get("metrics", [])[:2] == expected_metrics(run["n"], run["seed"])
    return True


def leaks(records: list) -> list[str]:
    """Runs that showed settings or results other than their own session's."""
    found = []
    for run, shown, error in records:
        if error or run["latency"] is None or own(run, shown):
            continue
        found.append(f"{run['page']} n={run['n']} seed={run['seed']} showed {shown}")
    return found


def percentile(values: list[float], q: float) -> float:
    """The ``q``-th percentile, nearest rank."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q / 100 * (len(ordered) - 1)))]


# The servers as psutil sees them --------------------------------------------------------------


def _tree(pid: int) -> list[psutil.Process]:
    process = psutil.Process(pid)
    return [process, *process.children(recursive=True)]


def cpu_seconds(pids: list[int]) -> float:
    """User + system CPU seconds of the processes ``pids`` and all their children, those that
    ended included (a process's ``children_user`` and ``children_system`` count the children it
    has reaped, e.g. a worker pool's workers)."""
    total = 0.0
    for pid in pids:
        for process in _tree(pid):
            try:
                times = process.cpu_times()
            except psutil.Error:
                continue
            total += times.user + times.system + times.children_user + times.children_system
    return total


def rss_mb(pids: list[int]) -> float:
    """Resident memory of the processes ``pids`` and their children, MB (a page two processes
    share is counted in both)."""
    total = 0
    for pid in pids:
        for process in _tree(pid):
            try:
                total += process.memory_info().rss
            except psutil.Error:
                continue
    return total / 2**20
