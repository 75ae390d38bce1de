"""The run engine: training off the page's script, in worker processes, streamed back as frames.

One engine per server process (``run_engine()``) starts one worker process per core
(:mod:`playground.engine.worker`) the first time a run is submitted. ``submit`` sends an object
that trains (a ``Run``) to the worker with the fewest runs; a listener thread queues the frames
the workers send back (:mod:`playground.engine.frames`: small pickled tails) on their job; the
page takes them with ``take`` as fast as it draws, which decodes them in order and gives back
the newest. Frames queue as bytes, so a page that draws seldom costs little memory; past
``KEPT_FRAMES`` the oldest are decoded and let go. ``cancel`` drops a job at once (the worker
stops its run within one slice, unless another job shares the run). A job whose frames nobody
has taken for ``ORPHAN_SECONDS`` — its session went away — is cancelled, and every session's
page cancels its jobs when it is dropped.

Runs are deterministic given their starting state, so the worker trains each one once. A job
submitted while the very same run (the same digest of the object that started it) is training
joins that *flight*: it gets the frames sent so far and every later one, and the worker keeps
training while any of the flight's jobs wants it (a class that opens a page together computes
its sweep once, not once per student). A finished flight's frames are kept (a few, bounded in
bytes) for replay: the next session that starts the very same run gets them again without
training.
"""

from __future__ import annotations

import atexit
import hashlib
import itertools
import math
import multiprocessing
import os
import pickle
import sys
import threading
import time
from collections import OrderedDict, deque
from dataclasses import dataclass, field
from typing import Any

from playground.engine import worker
from playground.engine.frames import FrameDecoder
from playground.engine.worker import serve

ORPHAN_SECONDS = 300.0
"""A job whose frames nobody took for this long is cancelled (its session is gone; a tab in the
background still takes frames about once a minute)."""
KEPT_FRAMES = 1000
"""Frames a job queues for its page at most; past that the oldest are decoded and let go (a page
that draws slower than the worker trains only ever shows the newest)."""
CACHE_RUNS = 32
CACHE_BYTES = 2_000_000
"""Finished runs kept for replay, and the largest run (all its frames) that is kept (or that a
job can join while it trains)."""
RESULT_TIMEOUT = 120.0
RESULT_POLL_SECONDS = 0.005


@dataclass
class Frame:
    """One decoded frame: the trained object as it was after ``epoch`` epochs."""

    epoch: int
    obj: Any
    final: bool


@dataclass
class Queued:
    """A frame as it came from the worker: its epoch, its bytes, whether it is the last."""

    epoch: int
    frame: bytes
    final: bool


@dataclass
class Flight:
    """One run training in a worker (its id there is ``flight_id``) for the jobs in ``jobs``;
    its frames so far are ``recorded`` while they fit in ``CACHE_BYTES`` (else None)."""

    flight_id: int
    digest: str
    worker: int
    jobs: set[int]
    recorded: list[Queued] | None = field(default_factory=list)
    recorded_bytes: int = 0

    def record(self, queued: Queued) -> None:
        if self.recorded is not None:
            self.recorded.append(queued)
            self.recorded_bytes += len(queued.frame)
            if self.recorded_bytes > CACHE_BYTES:
                self.recorded = None


@dataclass
class Job:
    """The server's side of one job: its frames so far, and what ended it. ``flight``: the
    id of the run training for it in ``worker`` (-1 for a replayed job)."""

    job_id: int
    owner: str
    worker: int
    decoder: FrameDecoder
    flight: int = -1
    frames: deque[Queued] = field(default_factory=deque)
    finished: bool = False
    error: str | None = None
    taken_at: float = field(default_factory=time.monotonic)
    decoding: threading.Lock = field(default_factory=threading.Lock)
    """Held while this job's frames are decoded: in order, one thread at a time."""


class RunEngine:
    """A pool of training worker processes shared by every session of this server."""

    def __init__(self, workers: int | None = None) -> None:
        self.size = workers or os.cpu_count() or 1
        self.lock = threading.Lock()
        self.starting = threading.Lock()
        self.jobs: dict[int, Job] = {}
        self.flights: dict[int, Flight] = {}
        self.in_flight: dict[str, int] = {}
        """Digest → the flight a job with that digest may join."""
        self.ids = itertools.count(1)
        self.cache: OrderedDict[str, list[Queued]] = OrderedDict()
        self.processes: list = []
        self.commands: list = []
        self.results = None

    # -- the pool -------------------------------------------------------------------------------

    def start(self) -> None:
        """Start the worker processes (once; the first submit does it too)."""
        with self.starting:
            if self.processes:
                return
            context = multiprocessing.get_context("spawn")
            self.results = context.Queue()
            for _ in range(self.size):
                commands = context.Queue()
                process = context.Process(target=serve, args=(commands, self.results), daemon=True)
                _start_without_main(process)
                self.processes.append(process)
                self.commands.append(commands)
            threading.Thread(target=self._listen, name="run-engine", daemon=True).start()
            atexit.register(self.shutdown)

    def shutdown(self) -> None:
        """Ask every worker to quit and wait a moment for them."""
        for commands in self.commands:
            commands.put(("quit",))
        for process in self.processes:
            process.join(timeout=2)
            if process.is_alive():
                process.terminate()

    def worker_pids(self) -> list[int]:
        return [process.pid for process in self.processes]

    # -- jobs -----------------------------------------------------------------------------------

    def submit(self, owner: str, obj: Any, until: int | None = None) -> int:
        """Train ``obj`` (to epoch ``until``, or its end) in a worker; returns the job's id.
        The frames do not carry ``obj.constant_parts()`` (its data…) back: every frame refers
        to these very objects."""
        until = obj.epochs if until is None else until
        shared = obj.constant_parts()
        payload = pickle.dumps((obj, shared, until), protocol=pickle.HIGHEST_PROTOCOL)
        digest = hashlib.blake2b(payload, digest_size=16).hexdigest()
        with self.lock:
            self._reap_orphans()
            job_id = next(self.ids)
            replay = self.cache.get(digest)
            if replay is not None:
                self.cache.move_to_end(digest)
                job = Job(job_id, owner, -1, FrameDecoder(shared), finished=True)
                job.frames.extend(replay)
                self.jobs[job_id] = job
                return job_id
            flight = self.flights.get(self.in_flight.get(digest, -1))
            if flight is not None and flight.recorded is not None:
                job = Job(job_id, owner, flight.worker, FrameDecoder(shared), flight.flight_id)
                job.frames.extend(flight.recorded)
                flight.jobs.add(job_id)
                self.jobs[job_id] = job
                return job_id
            worker = self._least_busy()
            self.flights[job_id] = Flight(job_id, digest, worker, {job_id})
            self.in_flight[digest] = job_id
            self.jobs[job_id] = Job(job_id, owner, worker, FrameDecoder(shared), job_id)
        self.start()
        self.commands[worker].put(("start", job_id, owner, payload))
        return job_id

    def _least_busy(self) -> int:
        busy = [0] * self.size
        for flight in self.flights.values():
            busy[flight.worker] += 1
        return busy.index(min(busy))

    def take(self, job_id: int, up_to_epoch: float = float("inf")) -> tuple[Frame | None, Job]:
        """The newest frame of ``job_id`` at or before ``up_to_epoch`` (None if none is there
        yet), dropping the older ones; later frames wait for the next call."""
        with self.lock:
            job = self.jobs[job_id]
            job.taken_at = time.monotonic()
            if not job.finished and not self.processes[job.worker].is_alive():
                job.error, job.finished = "the training worker process stopped", True
        return self._decode_up_to(job, up_to_epoch), job

    def newest_epoch(self, job_id: int) -> float | None:
        """The epoch of the newest frame queued for ``job_id`` (inf once its last frame is
        there: it holds nothing back), or None if none is queued."""
        with self.lock:
            frames = self.jobs[job_id].frames
            if not frames:
                return None
            return float("inf") if frames[-1].final else frames[-1].epoch

    def oldest_epoch(self, job_id: int) -> int | None:
        """The epoch of the oldest frame queued for ``job_id``, or None if none is queued."""
        with self.lock:
            frames = self.jobs[job_id].frames
            return frames[0].epoch if frames else None

    def queued_epochs(self, job_id: int) -> tuple[list[int], float]:
        """The epochs of the frames queued for ``job_id``, and the epoch of its last frame if
        that is queued (it can stand for any later epoch), else inf."""
        with self.lock:
            frames = self.jobs[job_id].frames
            epochs = [queued.epoch for queued in frames]
            return epochs, (frames[-1].epoch if frames and frames[-1].final else math.inf)

    def every_frame(self, job_id: int) -> list[Frame]:
        """Every frame of ``job_id`` queued so far, decoded in order (e.g. to check them all)."""
        with self.lock:
            job = self.jobs[job_id]
        frames = []
        with job.decoding:
            while True:
                with self.lock:
                    if not job.frames:
                        return frames
                    queued = job.frames.popleft()
                frames.append(Frame(queued.epoch, job.decoder.decode(queued.frame), queued.final))

    def _decode_up_to(self, job: Job, up_to_epoch: float) -> Frame | None:
        """Take, in order, the job's queued frames at or before ``up_to_epoch``: the newest of
        them decoded, or None. The older ones are only skipped (their history tails kept), as
        no page draws them."""
        with job.decoding:
            with self.lock:
                taken = []
                while job.frames and job.frames[0].epoch <= up_to_epoch:
                    taken.append(job.frames.popleft())
            if not taken:
                return None
            for queued in taken[:-1]:
                job.decoder.skip(queued.frame)
            newest = taken[-1]
            return Frame(newest.epoch, job.decoder.decode(newest.frame), newest.final)

    def _skip_oldest(self, job: Job, keep: int) -> None:
        """Let go of the job's oldest queued frames, keeping ``keep`` (their history tails kept)."""
        with job.decoding:
            with self.lock:
                taken = [job.frames.popleft() for _ in range(max(0, len(job.frames) - keep))]
            for queued in taken:
                job.decoder.skip(queued.frame)

    def result(self, job_id: int, timeout: float = RESULT_TIMEOUT) -> Any:
        """Wait for the job's last frame and return its object (for short jobs such as one
        epoch of ⏭ Step); the job is then forgotten. TimeoutError after ``timeout`` seconds."""
        deadline = time.monotonic() + timeout
        while True:
            frame, job = self.take(job_id)
            if job.error:
                self.forget(job_id)
                raise RuntimeError(job.error)
            if frame is not None and frame.final:
                self.forget(job_id)
                return frame.obj
            if time.monotonic() > deadline:
                self.cancel(job_id)
                raise TimeoutError(f"no result after {timeout:g} s")
            time.sleep(RESULT_POLL_SECONDS)

    def pending(self, job_id: int) -> bool:
        """True while the job may still deliver frames (training, or frames not taken)."""
        with self.lock:
            job = self.jobs.get(job_id)
            return job is not None and (not job.finished or bool(job.frames))

    def cancel(self, job_id: int) -> None:
        """Drop the job: no more frames; if no other job shares its run, the worker stops
        training it within one slice."""
        with self.lock:
            self._drop(self.jobs.pop(job_id, None))

    def cancel_owner(self, owner: str) -> None:
        """Drop every job of the session ``owner``."""
        with self.lock:
            ids = [job.job_id for job in self.jobs.values() if job.owner == owner]
        for job_id in ids:
            self.cancel(job_id)

    def forget(self, job_id: int) -> None:
        """The page has what it needs of a finished job: drop its record."""
        self.cancel(job_id)

    def drawing_owners(self) -> int:
        """How many pages (owners) have jobs whose frames they have not all taken yet: the live
        views drawing on this server."""
        with self.lock:
            return len({job.owner for job in self.jobs.values()})

    def live_jobs(self, owner: str | None = None) -> int:
        """Jobs the engine keeps (of ``owner`` only, if given)."""
        with self.lock:
            return sum(owner in (None, job.owner) for job in self.jobs.values())

    def _reap_orphans(self) -> None:
        stale = time.monotonic() - ORPHAN_SECONDS
        for job in [job for job in self.jobs.values() if job.taken_at < stale]:
            self._drop(self.jobs.pop(job.job_id))

    def _drop(self, job: Job | None) -> None:
        """Take a dropped job (lock held) out of its flight; a flight no job wants any more is
        cancelled in its worker."""
        flight = None if job is None else self.flights.get(job.flight)
        if flight is None:
            return
        flight.jobs.discard(job.job_id)
        if not flight.jobs:
            self._land(flight)
            self.commands[flight.worker].put(("cancel", flight.flight_id))

    def _land(self, flight: Flight) -> None:
        """The flight is over (lock held): no job can join it any more."""
        del self.flights[flight.flight_id]
        if self.in_flight.get(flight.digest) == flight.flight_id:
            del self.in_flight[flight.digest]

    # -- frames coming back ---------------------------------------------------------------------

    def _listen(self) -> None:
        while True:
            message = self.results.get()
            with self.lock:
                flight = self.flights.get(message[1])
                if flight is None:  # cancelled meanwhile
                    continue
                jobs = [self.jobs[job_id] for job_id in flight.jobs]
                if message[0] == "error":
                    for job in jobs:
                        job.error, job.finished = message[2], True
                    self._land(flight)
                    continue
                _, _, frame, epoch, final = message
                self._keep(flight, jobs, Queued(epoch, frame, final))
            for job in jobs:
                if len(job.frames) > KEPT_FRAMES:  # nobody draws them: skip the oldest
                    self._skip_oldest(job, keep=KEPT_FRAMES)

    def _keep(self, flight: Flight, jobs: list[Job], queued: Queued) -> None:
        """Queue a frame for every page of the flight, and record it for jobs that join later
        and for replay while the run is small."""
        for job in jobs:
            job.frames.append(queued)
            job.finished = queued.final
        flight.record(queued)
        if queued.final:
            self._land(flight)
            if flight.recorded is not None:
                self.cache[flight.digest] = flight.recorded
                while len(self.cache) > CACHE_RUNS:
                    self.cache.popitem(last=False)


def _start_without_main(process) -> None:
    """Spawn ``process`` without running this process's main script again in it: Streamlit and
    AppTest run app.py as ``__main__``, and a spawned child imports ``__main__`` first. The
    worker's module, which only defines things, stands in for it while the child starts."""
    main = sys.modules["__main__"]
    sys.modules["__main__"] = worker
    try:
        process.start()
    finally:
        sys.modules["__main__"] = main


_engine: RunEngine | None = None
_engine_lock = threading.Lock()


def run_engine() -> RunEngine:
    """This server's engine (created on first use)."""
    global _engine
    with _engine_lock:
        if _engine is None:
            _engine = RunEngine()
        return _engine
