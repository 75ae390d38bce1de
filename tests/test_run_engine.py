"""The run engine: frames, worker processes, fairness, cancel, replay, playback.

Every test waits for a state (a frame, a job's end), never for a time; a private engine with
real worker processes serves each test module.
"""

from __future__ import annotations

import dataclasses
import gc
import math
import pickle
import time

import numpy as np
import pytest

from playground.engine import playback as playback_module
from playground.engine.computation import Computation
from playground.engine.config import coerce_settings
from playground.engine.experiment import Run, make_data
from playground.engine.frames import FrameDecoder, FrameEncoder
from playground.engine.playback import PLAYBACK_SECONDS, Playback, rate_at
from playground.engine.run_engine import RunEngine
from playground.engine.settings import ALL
from playground.engine.train import StopReason
from playground.engine.worker import FRAMES_PER_RUN, KEY_FRAMES, frame_epochs

WAIT_SECONDS = 120.0


def values(**changes) -> dict:
    return coerce_settings(ALL, {"epochs": 50} | changes)


def new_run(**changes) -> Run:
    settings = values(**changes)
    return Run(settings, make_data(settings))


def trained(run: Run) -> Run:
    copy = pickle.loads(pickle.dumps(run))
    copy.advance()
    return copy


def wait_for(condition, what: str):
    deadline = time.monotonic() + WAIT_SECONDS
    while not (result := condition()):
        assert time.monotonic() < deadline, f"{what}: not reached"
        time.sleep(0.005)
    return result


def all_frames(engine: RunEngine, job: int) -> list:
    """Every frame of ``job``, in order, until its last."""
    frames = []

    def last_arrived() -> bool:
        frames.extend(engine.every_frame(job))
        return bool(frames) and frames[-1].final

    wait_for(last_arrived, "the job's last frame")
    return frames


@pytest.fixture(scope="module")
def engine():
    engine = RunEngine(workers=1)
    engine.start()
    yield engine
    engine.shutdown()


# -- frames ---------------------------------------------------------------------------------


def test_frames_carry_history_tails_and_refer_to_the_servers_data():
    run = new_run(epochs=40)
    encoder, decoder = FrameEncoder(run.constant_parts()), FrameDecoder(run.constant_parts())
    run.train_until(20)
    first = decoder.decode(encoder.encode(run))
    run.train_until(40)
    second_bytes = encoder.encode(run)
    second = decoder.decode(second_bytes)
    assert first.data is run.data and second.data is run.data
    assert first.history.train_cost == run.history.train_cost[:20]  # kept, not overwritten
    assert second.history.train_cost == run.history.train_cost
    assert second.history.weight_norms == run.history.weight_norms
    np.testing.assert_array_equal(second.net.params.flat, run.net.params.flat)
    whole = pickle.dumps(run, protocol=pickle.HIGHEST_PROTOCOL)
    assert len(second_bytes) < len(whole) / 2, "a frame carries the data or the whole history"


def test_a_skipped_frame_costs_only_its_tails_and_the_next_drawn_one_is_whole():
    run = new_run(epochs=30)
    encoder, decoder = FrameEncoder(run.constant_parts()), FrameDecoder(run.constant_parts())
    run.train_until(10)
    drawn = decoder.decode(encoder.encode(run))
    for epoch in (15, 20, 25):
        run.train_until(epoch)
        decoder.skip(encoder.encode(run))
    run.train_until(30)
    last = decoder.decode(encoder.encode(run))
    assert drawn.history.train_cost == run.history.train_cost[:10]  # kept, not grown
    assert last.history.train_cost == run.history.train_cost
    assert last.history.record_epochs == run.history.record_epochs
    np.testing.assert_array_equal(last.net.params.flat, run.net.params.flat)


def test_a_decoded_run_trains_on_exactly_like_the_original():
    run = new_run(epochs=20, bs="32")
    encoder, decoder = FrameEncoder(run.constant_parts()), FrameDecoder(run.constant_parts())
    run.train_until(10)
    copy = decoder.decode(encoder.encode(run))
    run.advance()
    copy.advance()
    assert copy.history.train_cost == run.history.train_cost
    np.testing.assert_array_equal(copy.net.params.flat, run.net.params.flat)


def test_frame_epochs_cut_any_run_into_enough_frames():
    assert frame_epochs(0, 300) == list(range(1, 301))  # short runs: every epoch
    assert frame_epochs(250, 300) == list(range(251, 301))
    marks = frame_epochs(0, 15_000)
    assert marks == sorted(marks) and marks[-1] == 15_000 and len(marks) == FRAMES_PER_RUN
    assert set(marks) <= set(frame_epochs(100, 15_000)) | set(range(101))  # one grid
    assert len(frame_epochs(0, 15_000, KEY_FRAMES)) == KEY_FRAMES


def test_a_short_run_sends_every_key_frame_not_a_frame_per_epoch(engine):
    run = new_run(epochs=300, seed=5)
    epochs = [frame.epoch for frame in all_frames(engine, engine.submit("a", run))]
    assert set(frame_epochs(0, 300, KEY_FRAMES)) <= set(epochs)
    assert epochs == sorted(set(epochs)) and epochs[-1] == 300


# -- the engine -----------------------------------------------------------------------------


def test_the_engine_trains_what_the_page_would_and_streams_it(engine):
    run = new_run(epochs=100, seed=11)
    job = engine.submit("a", run)
    frames = all_frames(engine, job)
    epochs = [frame.epoch for frame in frames]
    assert epochs == sorted(epochs) and epochs[-1] == 100 and len(set(epochs)) >= 10
    reference = trained(run)
    final = frames[-1].obj
    assert final.data is run.data
    assert final.history.train_cost == reference.history.train_cost
    np.testing.assert_array_equal(final.net.params.flat, reference.net.params.flat)
    assert run.epoch == 0, "the page's own run is not trained in this process"


def test_a_run_started_again_is_replayed_without_training(engine):
    first = new_run(epochs=50, seed=12)
    all_frames(engine, engine.submit("a", first))
    again = new_run(epochs=50, seed=12)
    job = engine.submit("b", again)
    assert engine.jobs[job].worker == -1  # no worker: the frames were already there
    frames = all_frames(engine, job)
    assert frames[-1].epoch == 50 and frames[-1].obj.data is again.data
    assert frames[-1].obj.history.train_cost == trained(again).history.train_cost


def test_a_run_started_again_while_it_trains_joins_it(engine):
    first = new_run(epochs=3000, n=2000, seed=30)
    leader = engine.submit("a", first)
    wait_for(lambda: engine.jobs[leader].frames, "a first frame of the run")
    again = new_run(epochs=3000, n=2000, seed=30)
    joined = engine.submit("b", again)
    assert engine.jobs[joined].flight == engine.jobs[leader].flight, "trained once, not twice"
    assert engine.jobs[joined].frames, "the frames sent so far come at once"
    engine.cancel(leader)  # the first page leaves: the run goes on for the other
    frames = all_frames(engine, joined)
    assert frames[-1].epoch == 3000 and frames[-1].obj.data is again.data
    assert frames[-1].obj.history.train_cost == trained(again).history.train_cost


def test_a_run_no_job_wants_any_more_stops_training(engine):
    run = new_run(epochs=10_000, n=2000, seed=31)
    jobs = [engine.submit(owner, run) for owner in ("a", "b")]
    flight = engine.jobs[jobs[0]].flight
    for job in jobs:
        engine.cancel(job)
    assert flight not in engine.flights
    short = new_run(epochs=20, seed=32)
    assert all_frames(engine, engine.submit("c", short))[-1].epoch == 20  # the worker is free


def test_cancel_stops_a_long_run_and_the_worker_goes_on_with_the_others(engine):
    long = new_run(epochs=10_000, n=2000, seed=13)
    job = engine.submit("a", long)
    wait_for(lambda: engine.jobs[job].frames, "a first frame of the long run")
    engine.cancel(job)
    assert job not in engine.jobs
    short = new_run(epochs=20, seed=14)
    frames = all_frames(engine, engine.submit("b", short))
    assert frames[-1].epoch == 20  # the one worker was free for it


def test_a_short_job_is_not_starved_by_a_long_one(engine):
    long = new_run(epochs=10_000, n=2000, seed=15)
    long_job = engine.submit("a", long)
    short = new_run(epochs=20, seed=16)
    short_job = engine.submit("b", short)
    all_frames(engine, short_job)
    assert not engine.jobs[long_job].finished, "the short job waited for the long one"
    engine.cancel(long_job)


def test_step_and_result_train_exactly_one_epoch(engine):
    run = new_run(epochs=50, seed=17)
    stepped = engine.result(engine.submit("a", run, until=1))
    assert stepped.epoch == 1 and not stepped.done
    again = engine.result(engine.submit("a", stepped, until=2))
    assert again.epoch == 2 and again.history.train_cost[0] == stepped.history.train_cost[0]


def test_a_job_that_fails_reports_its_error(engine):
    run = new_run(epochs=10)
    run.data = dataclasses.replace(run.data, X_train=run.data.X_train[:1])  # the net takes 2
    job = engine.submit("a", run)
    wait_for(lambda: engine.jobs[job].error, "the error")
    assert "X" in engine.jobs[job].error
    with pytest.raises(RuntimeError):
        engine.result(engine.submit("a", run))


def test_cancel_owner_drops_every_job_of_a_session(engine):
    runs = [new_run(epochs=10_000, n=2000, seed=seed) for seed in (20, 21)]
    for run in runs:
        engine.submit("leaving", run)
    assert engine.live_jobs("leaving") == 2
    engine.cancel_owner("leaving")
    assert engine.live_jobs("leaving") == 0


def test_a_dropped_page_state_cancels_its_jobs(engine, monkeypatch):
    from playground.ui import run_state

    monkeypatch.setattr(run_state, "run_engine", lambda: engine)
    state = run_state.RunState()
    run = new_run(epochs=10_000, n=2000, seed=22)
    engine.submit(state.owner, run)
    owner = state.owner
    assert engine.live_jobs(owner) == 1
    del state
    gc.collect()
    assert engine.live_jobs(owner) == 0


def test_a_dead_worker_is_reported_not_waited_for():
    engine = RunEngine(workers=1)
    try:
        run = new_run(epochs=10_000, n=2000, seed=23)
        job = engine.submit("a", run)
        engine.processes[0].kill()
        engine.processes[0].join()
        frame, record = engine.take(job)
        assert record.error == "the training worker process stopped" and record.finished
    finally:
        engine.shutdown()


# -- playback -------------------------------------------------------------------------------


def test_playback_paces_a_fast_run_and_counts_only_time_under_way(monkeypatch):
    now = [100.0]
    monkeypatch.setattr(playback_module, "clock", lambda: now[0])
    clock = Playback.at_speed(300, "1×")
    assert clock.rate == rate_at(300, "1×") == 300 / PLAYBACK_SECONDS
    assert clock.allowed_epoch() == 0
    now[0] += 0.5  # 100 epochs' worth of time, but one frame goes 20 epochs at most
    assert clock.allowed_epoch() == pytest.approx(20)
    clock.shown(20)
    assert clock.allowed_epoch() == pytest.approx(40)
    clock.shown(95)
    assert clock.allowed_epoch() == pytest.approx(100)
    clock.hold(100)
    now[0] += 10  # paused: neither the epoch nor the time under way moves
    assert clock.allowed_epoch() == 100 and clock.seconds() == pytest.approx(0.5)
    clock.resume(100)
    now[0] += 1.0
    clock.shown(290)
    assert clock.allowed_epoch() == pytest.approx(300) and clock.seconds() == pytest.approx(1.5)
    assert Playback.at_speed(300, "max").allowed_epoch() == math.inf
    short = Playback.at_speed(10, "1×")  # 0.67 epochs per frame: still one epoch a frame
    now[0] += 10
    assert short.allowed_epoch() == 1


def test_a_stopped_run_keeps_the_epoch_it_was_shown_at(engine):
    run = new_run(epochs=10_000, n=2000, seed=24)
    job = engine.submit("a", run)
    frame = wait_for(lambda: engine.take(job)[0], "a frame")
    engine.cancel(job)
    shown = frame.obj
    shown.stop()
    assert shown.done and shown.history.stopped_reason == StopReason.CANCELLED
    assert shown.epoch == frame.epoch < 10_000


# -- computations -----------------------------------------------------------------------------


def test_a_computation_runs_in_a_worker_and_comes_back_with_its_result(engine):
    job = engine.submit("a", Computation(math.comb, (30, 12)))
    frames = all_frames(engine, job)
    assert len(frames) == 1 and frames[0].final
    assert frames[0].obj.result == math.comb(30, 12) and frames[0].obj.done


def test_a_computation_that_fails_reports_the_cores_message(engine):
    job = engine.submit("a", Computation(math.sqrt, (-1.0,)))
    wait_for(lambda: engine.take(job)[1].error, "the error")
    assert engine.take(job)[1].error == "ValueError: math domain error"


def test_a_page_counts_as_drawing_until_it_has_taken_its_last_frame(engine):
    before = engine.drawing_owners()
    job = engine.submit("drawing page", new_run(epochs=5, seed=3))
    assert engine.drawing_owners() == before + 1
    all_frames(engine, job)
    assert engine.drawing_owners() == before + 1, "its frames are taken, the job not forgotten"
    engine.forget(job)
    assert engine.drawing_owners() == before
