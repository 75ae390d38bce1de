"""Unit tests of ``Run.step``: ⏭ Step of the training pages trains exactly one epoch, and steps
add up to the same run as training in one go."""

from __future__ import annotations

import numpy as np
import pytest

from playground.engine import settings as spec
from playground.engine.config import MAX_WORK, coerce_settings
from playground.engine.course_data import course_data
from playground.engine.experiment import (
    BN_STEP_WORK,
    BN_UNIT_WORK,
    LAYER_STEP_WORK,
    STEP_WORK,
    Run,
    make_data,
    run_work,
)
from playground.engine.optim import make_optimizer
from playground.topics.batch_norm import model as bn
from playground.topics.initialization import model as init

EPOCHS = 10


def values(**changes: object) -> dict:
    """A small network on mini-batches of 32 (shuffled per epoch) with a decaying α."""
    tiny = {"n": 120, "epochs": EPOCHS, "layers": 1, "h1": 4, "bs": "32"}
    return coerce_settings(spec.ALL, tiny | {"sched": "inverse_time", "decay": 0.3} | changes)


def test_each_step_trains_exactly_one_epoch_and_the_steps_equal_one_go():
    settings = values()
    data = make_data(settings)
    whole = Run(settings, data)
    whole.advance()
    stepped = Run(settings, data)
    for epoch in range(1, EPOCHS + 1):
        stepped.step()
        assert stepped.history.last_epoch == epoch
        assert stepped.epochs == EPOCHS, "the run keeps its epoch budget"
        assert stepped.done == (epoch == EPOCHS)
    np.testing.assert_array_equal(stepped.history.train_cost, whole.history.train_cost)
    np.testing.assert_array_equal(stepped.history.learning_rate, whole.history.learning_rate)
    np.testing.assert_array_equal(stepped.net.params.flat, whole.net.params.flat)
    stepped.step()
    assert stepped.history.last_epoch == EPOCHS, "a finished run does not step"
    assert stepped.history.stopped_reason == "completed"


def test_a_run_may_start_from_a_network_and_optimizer_of_its_own():
    settings = values()
    data = make_data(settings)
    start = Run(values(seed=7), data).net
    optimizer = make_optimizer("adam", 0.01)
    run = Run(settings, data, start, optimizer)
    assert run.net is start and run.optimizer is optimizer
    np.testing.assert_array_equal(run.initial_net.params.flat, start.params.flat)
    assert run.initial_net is not start, "the start is kept apart from the training network"
    plain = Run(settings, data)
    assert not np.array_equal(plain.net.params.flat, start.params.flat)


def test_a_step_after_a_chunk_goes_on_from_there_and_a_stopped_run_does_not_step():
    settings = values()
    run = Run(settings, make_data(settings))
    run.advance(0.0)  # one chunk: at least one epoch
    trained = run.history.last_epoch
    run.step()
    assert run.history.last_epoch == trained + 1
    run.stop()
    run.step()
    assert run.history.last_epoch == trained + 1
    assert run.history.stopped_reason == "cancelled"


@pytest.mark.parametrize("epochs", [20, 200])
def test_a_recording_run_steps_through_its_snapshot_epochs(epochs):
    # At 200 epochs the snapshots are 3–4 epochs apart: a step must still train one epoch (it
    # used to train on to the next snapshot).
    settings = init.page_values({"epochs": epochs})
    data = course_data(settings["ds"], settings["m"], settings["noise"], settings["dseed"])
    whole = init.InitRun(settings, data, "he")
    whole.advance()
    stepped = init.InitRun(settings, data, "he")
    while not stepped.done:
        before = stepped.history.last_epoch
        stepped.step()
        assert stepped.history.last_epoch == before + 1
    assert stepped.unit_epochs == whole.unit_epochs == init.snapshot_epochs(epochs)
    np.testing.assert_array_equal(stepped.history.train_cost, whole.history.train_cost)


def test_a_run_of_many_small_mini_batches_counts_each_updates_overhead():
    """Examples × weights alone let 20 000 epochs of 79 mini-batches through (≈ 6·10⁹, about two
    minutes of CPU); each update's fixed cost puts that run past the limit."""
    big = {"n": 5000, "epochs": 20_000, "layers": 2, "h1": 10, "h2": 5, "dev": 50}
    settings = values(**big, bs="32")
    data = make_data(settings)
    net = Run(values(**big, bs="full"), data).net  # full batch: one update an epoch, allowed
    m = data.X_train.shape[1]
    assert run_work(20_000, m, net) < MAX_WORK < run_work(20_000, m, net, batch=32)
    assert run_work(20_000, m, net, batch=32) == 20_000 * (
        m * net.params.flat.size + 79 * (STEP_WORK + 3 * LAYER_STEP_WORK)
    )
    with pytest.raises(ValueError, match="more than this server allows per run"):
        Run(settings, data)


def test_batch_norm_and_depth_add_to_each_updates_work_and_bn_units_to_each_examples():
    """epochs × (m × (weights + BN_UNIT_WORK × Σ n^[l]) + updates × (STEP_WORK + L ×
    LAYER_STEP_WORK + (L − 1) × BN_STEP_WORK)): measured, a batch-norm layer's update costs
    4–6× a plain layer's, which examples × weights alone did not see."""
    deep = {"n": 5000, "layers": 5, **{f"h{l}": 4 for l in range(1, 6)}}
    data = make_data(values(**deep))
    m = data.X_train.shape[1]
    plain, normed = (Run(values(**deep, bn=bn_on), data).net for bn_on in (False, True))
    assert (plain.L, normed.L) == (6, 6)
    updates = -(-m // 32)
    assert run_work(7, m, plain, batch=32) == 7 * (
        m * plain.params.flat.size + updates * (STEP_WORK + 6 * LAYER_STEP_WORK)
    )
    assert run_work(7, m, normed, batch=32) == 7 * (
        m * (normed.params.flat.size + BN_UNIT_WORK * 5 * 4)
        + updates * (STEP_WORK + 6 * LAYER_STEP_WORK + 5 * BN_STEP_WORK)
    )
    assert run_work(7, m, normed) == 7 * (
        m * (normed.params.flat.size + BN_UNIT_WORK * 20)
        + STEP_WORK
        + 6 * LAYER_STEP_WORK
        + 5 * BN_STEP_WORK
    )


HOSTILE_BN = {"n": 5000, "epochs": 1000, "bs": "32", "layers": 5, "width": 4, "zl": 6}
"""The batch-norm page's settings clamped to its extremes (what ``hostile_query(20)`` gives)."""


def test_the_batch_norm_pages_two_runs_are_checked_together():
    """Each run alone is within ``MAX_WORK``, but Start trains both: ≈ 50 s of CPU measured
    (10 ms an epoch without BN, 40 ms with), so their sum is refused; the defaults train."""
    data = make_data(bn.page_values(HOSTILE_BN))
    full = bn.page_values(HOSTILE_BN)
    works = [bn.SnapshotRun(full | {"bn": on}, data, 5).work for on in (False, True)]
    assert max(works) <= MAX_WORK < sum(works)
    with pytest.raises(ValueError, match="both runs together.*more than this server allows per"):
        bn.make_runs(HOSTILE_BN, data)
    assert bn.make_runs({}, make_data(bn.page_values({}))).keys() == set(bn.RUN_NAMES)
