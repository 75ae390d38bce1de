"""The one place that limits BLAS threads (playground/engine/blas.py): a block, and a run that
trains with one thread however it is advanced."""

from __future__ import annotations

import numpy as np
from threadpoolctl import threadpool_info

from playground.engine import blas, experiment
from playground.engine import settings as spec
from playground.engine.config import coerce_settings
from playground.engine.experiment import OneThreadRun, Run, make_data


def blas_threads() -> list[int]:
    return [pool["num_threads"] for pool in threadpool_info() if pool["user_api"] == "blas"]


def test_one_blas_thread_inside_the_block_and_the_previous_counts_after():
    before = blas_threads()
    with blas.one_blas_thread():
        assert blas_threads() and set(blas_threads()) == {1}
    assert blas_threads() == before


def test_a_one_thread_run_trains_with_one_thread_when_advanced_or_stepped(monkeypatch):
    counts = []
    real_train = experiment.train

    def counting_train(*args, **kwargs):
        counts.append(set(blas_threads()))
        return real_train(*args, **kwargs)

    values = coerce_settings(spec.ALL, {"n": 100, "epochs": 4, "layers": 1, "h1": 4})
    data = make_data(values)
    plain = Run(values, data)
    plain.advance()
    monkeypatch.setattr(experiment, "train", counting_train)
    single = OneThreadRun(values, data)
    single.step()
    single.advance()
    assert counts == [{1}, {1}]
    np.testing.assert_array_equal(single.history.train_cost, plain.history.train_cost)
    np.testing.assert_array_equal(single.net.params.flat, plain.net.params.flat)
