"""A training worker process: trains the jobs it is given a slice at a time, fairly, and sends
frames of them back.

Each job is one object that trains (a ``Run``: ``train_until(epoch, seconds)``, ``epoch``,
``epochs``, ``done``), owned by one session. The worker loops: it reads its commands (start a
job, cancel one, quit), picks the next job — round robin over the owning sessions first, then
over that session's jobs, so a session with three runs gets no more than a session with one —
trains it for at most ``SLICE_SECONDS`` of CPU time or up to its next *frame epoch*, and sends a
frame when one is due. A cancel therefore acts within one slice.

Frames are sent at *frame epochs*, a run's epochs cut into ``FRAMES_PER_RUN`` steps: at every
*key* frame epoch (a coarser grid of ``KEY_FRAMES`` steps, so even a run that trains in a blink
can be played back as an animation), at any other frame epoch once ``FRAME_GAP_SECONDS`` have
passed since the job's last frame (so a long run is seen live, about 10 frames a second), and
when the job ends. Encoding a frame costs about as much as training a few epochs of a small
run: a frame at every epoch would double the work of a short run. Runs of the same length share
their frame epochs and every key frame, so a page can show its runs side by side at one epoch.
"""

from __future__ import annotations

import math
import pickle
import queue
import time
import traceback
from collections import OrderedDict, deque
from dataclasses import dataclass, field
from typing import Any, Protocol

from playground.engine.blas import one_blas_thread
from playground.engine.frames import FrameEncoder

SLICE_SECONDS = 0.04
FRAMES_PER_RUN = 1000
KEY_FRAMES = 100
FRAME_GAP_SECONDS = 0.1


class Trainable(Protocol):
    """What a job trains: a ``Run`` (or any object with these)."""

    epochs: int

    @property
    def epoch(self) -> int: ...

    @property
    def done(self) -> bool: ...

    def train_until(self, epoch: int, seconds: float = math.inf) -> None: ...


def frame_epochs(start: int, epochs: int, frames: int = FRAMES_PER_RUN) -> list[int]:
    """The epochs after ``start`` at which a run of ``epochs`` may send a frame: every
    ⌊epochs / frames⌋-th epoch, and the last."""
    every = max(1, epochs // frames)
    marks = list(range(every, epochs, every)) + [epochs]
    return [mark for mark in marks if mark > start]


@dataclass
class Job:
    """One object training in this worker, up to epoch ``until``."""

    job_id: int
    owner: str
    obj: Any
    until: int
    encoder: FrameEncoder
    marks: deque = field(default_factory=deque)
    keys: set = field(default_factory=set)
    sent_at: float = -math.inf

    @property
    def finished(self) -> bool:
        return self.obj.done or self.obj.epoch >= self.until

    def next_stop(self) -> int:
        while self.marks and self.marks[0] <= self.obj.epoch:
            self.marks.popleft()
        return min(self.marks[0] if self.marks else self.until, self.until)


class Worker:
    """The jobs of one worker process and the order they take turns in."""

    def __init__(self, results) -> None:
        self.results = results
        self.owners: OrderedDict[str, deque[Job]] = OrderedDict()
        self.jobs: dict[int, Job] = {}

    def start(self, job_id: int, owner: str, payload: bytes) -> None:
        obj, shared, until = pickle.loads(payload)
        until = min(until, obj.epochs)
        job = Job(job_id, owner, obj, until, FrameEncoder(shared))
        keys = frame_epochs(obj.epoch, obj.epochs, KEY_FRAMES)
        marks = sorted(set(frame_epochs(obj.epoch, obj.epochs)) | set(keys))
        job.marks.extend(mark for mark in marks if mark <= until)
        job.keys.update(keys)
        self.jobs[job_id] = job
        self.owners.setdefault(owner, deque()).append(job)
        if job.finished:
            self.send(job, final=True)

    def cancel(self, job_id: int) -> None:
        job = self.jobs.pop(job_id, None)
        if job is not None:
            self.owners[job.owner].remove(job)
            if not self.owners[job.owner]:
                del self.owners[job.owner]

    def next_job(self) -> Job:
        """Round robin: the first session's first job; both move to the back."""
        owner, jobs = next(iter(self.owners.items()))
        self.owners.move_to_end(owner)
        jobs.rotate(-1)
        return jobs[-1]

    def send(self, job: Job, final: bool) -> None:
        self.results.put(("frame", job.job_id, job.encoder.encode(job.obj), job.obj.epoch, final))
        job.sent_at = time.monotonic()
        if final:
            self.cancel(job.job_id)

    def frame_due(self, job: Job) -> bool:
        """At a frame epoch: a key one, or the job's last frame is ``FRAME_GAP_SECONDS`` old."""
        return job.obj.epoch in job.keys or time.monotonic() - job.sent_at >= FRAME_GAP_SECONDS

    def train_slice(self) -> None:
        job = self.next_job()
        stop = job.next_stop()
        try:
            job.obj.train_until(stop, SLICE_SECONDS)
        except Exception as error:  # the server shows it; the worker goes on with the others
            self.results.put(("error", job.job_id, f"{type(error).__name__}: {error}"))
            traceback.print_exc()
            self.cancel(job.job_id)
            return
        if job.finished:
            self.send(job, final=True)
        elif job.obj.epoch >= stop and self.frame_due(job):
            self.send(job, final=False)

    def obey(self, command: tuple) -> bool:
        """Carry out one command; False for "quit"."""
        kind, *args = command
        if kind == "start":
            self.start(*args)
        elif kind == "cancel":
            self.cancel(*args)
        return kind != "quit"


def serve(commands, results) -> None:
    """The worker process's main loop (one BLAS thread: there is one worker per core)."""
    worker = Worker(results)
    with one_blas_thread():
        while True:
            try:
                command = commands.get(block=not worker.jobs)
            except queue.Empty:
                command = None
            while command is not None:
                if not worker.obey(command):
                    return
                try:
                    command = commands.get_nowait()
                except queue.Empty:
                    command = None
            if worker.jobs:
                worker.train_slice()
