"""Every seed a core function accepts works: each public function that takes a seed is called
with 0 and with the largest seed it accepts (2³² − 1, or less where it derives a second stream
by adding an offset), and one more is refused with a message naming the seed.

Streams derived from a seed (epoch e's shuffle, trial i's weights, a zoom round's draws) are
taken mod 2³² (``playground.config.seed_after``); a few functions instead accept only seeds
whose offset stream still fits, and say so in their message.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pytest

from playground.engine import diagnose, fitting
from playground.engine.batched import BatchedNetwork, train_batched
from playground.engine.config import MAX_SEED, seed_after
from playground.engine.course_data import course_data
from playground.engine.data import make_dataset, split
from playground.engine.experiment import Data
from playground.engine.nn import Network
from playground.engine.optim import make_optimizer
from playground.engine.train import train
from playground.engine.tuning import Base, Range, random_search, run_trials
from playground.topics.batch_norm import model as batchnorm
from playground.topics.ewma import model as ewma
from playground.topics.frameworks import model as frameworks
from playground.topics.gradient_checking import model as gradcheck
from playground.topics.minibatch import model as minibatch
from playground.topics.normalization import model as normalization
from playground.topics.optimizers_network import loss_landscape
from playground.topics.pandas_caviar import model as babysit
from playground.topics.regularization import augment, effects
from playground.topics.saddles import hessians
from playground.topics.search import retrain, sampling, trials
from playground.topics.splits import mismatched
from playground.topics.vanishing_gradients import model as depth

X, Y = make_dataset("moons", 40, 0.2, seed=0)
LR = Range("learning_rate", 1e-3, 0.1, "log")


def _bn_data() -> tuple[Network, Data]:
    net = Network([2, 4, 1], batch_norm=True)
    train(net, X, Y, make_optimizer("adam", 0.01), 2, 8)
    return net, Data(X, Y, X, Y, 2, "moons")


def _search(seed: int) -> None:
    run = trials.SearchRun([LR], Base(epochs=2, batch_size=8), X, Y, X, Y, ("random",), 2, seed)
    run.advance()
    run.zoom_in()
    run.advance()


CASES: dict[str, tuple[Callable[[int], object], int]] = {
    "data.make_dataset": (lambda s: make_dataset("moons", 20, 0.1, s), MAX_SEED),
    "data.split": (lambda s: split(X, Y, (0.5, 0.5), s), MAX_SEED),
    "nn.Network with dropout": (
        lambda s: Network([2, 3, 1], seed=s, keep_probs=0.5).forward(X, training=True),
        MAX_SEED,
    ),
    "train.train": (
        lambda s: train(Network([2, 3, 1]), X, Y, make_optimizer("gd", 0.1), 2, 8, seed=s),
        MAX_SEED,
    ),
    "batched.BatchedNetwork": (lambda s: BatchedNetwork([2, 3, 1], [s, 0]), MAX_SEED),
    "batched.train_batched": (
        lambda s: train_batched(BatchedNetwork([2, 3, 1], [0]), X, Y, "gd", [0.1], 2, 8, seed=s),
        MAX_SEED,
    ),
    "tuning.random_search": (lambda s: random_search([LR], 3, s), MAX_SEED),
    "tuning.run_trials (Base.seed)": (
        lambda s: run_trials([{}, {}], Base(epochs=2, batch_size=8, seed=s), X, Y, X, Y),
        MAX_SEED,
    ),
    "trials.SearchRun and zoom_in": (_search, MAX_SEED),
    "retrain.retrain (Base.seed)": (
        lambda s: retrain.retrain({}, 3, Base(epochs=2, batch_size=8, seed=s), X, Y, X, Y),
        MAX_SEED,
    ),
    "sampling.log_sampling_demo": (lambda s: sampling.log_sampling_demo(seed=s), MAX_SEED),
    "babysit.caviar_configs": (lambda s: babysit.caviar_configs(1e-3, 0.1, 3, s), MAX_SEED),
    "ewma.temperature_series": (lambda s: ewma.temperature_series(30, s), MAX_SEED),
    "batchnorm.inference_check": (
        lambda s: batchnorm.inference_check(*_bn_data(), draws=2, seed=s),
        MAX_SEED,
    ),
    "effects.dropout_means": (
        lambda s: effects.dropout_means(Network([2, 3, 1], keep_probs=0.5), X, 4, s),
        MAX_SEED,
    ),
    "normalization.make_scaled_data": (
        lambda s: normalization.make_scaled_data(10.0, 20, s),
        MAX_SEED,
    ),
    "normalization.make_problem": (lambda s: normalization.make_problem(10.0, s), MAX_SEED),
    "normalization.dev_check (dev set: seed + 1)": (
        lambda s: normalization.dev_check(10.0, 0.5, s),
        MAX_SEED - 1,
    ),
    "augment.augment": (lambda s: augment.augment(X, Y, jitter=0.1, seed=s), MAX_SEED),
    "diagnose.estimate_bayes_error (sample: seed + 12345)": (
        lambda s: diagnose.estimate_bayes_error("moons", 0.1, seed=s, n_samples=200),
        MAX_SEED - diagnose.BAYES_SEED_OFFSET,
    ),
    "mismatched.source_split": (
        lambda s: mismatched.source_split("moons", 60, 0.1, 20, s),
        MAX_SEED,
    ),
    "mismatched.make_mismatch (shifted: seed + 1000)": (
        lambda s: mismatched.make_mismatch("moons", 60, 0.1, 20, "noise", 0.2, s),
        MAX_SEED - mismatched.SHIFT_SEED_OFFSET,
    ),
    "fitting.fit": (
        lambda s: fitting.fit(X, Y, fitting.Model((3,), keep_prob=0.8), 2, 2, 0.1, s),
        MAX_SEED,
    ),
    "fitting.model_values": (
        lambda s: fitting.model_values(fitting.Model((3,)), 2, 0.1, s),
        MAX_SEED,
    ),
    "minibatch.weight_path": (
        lambda s: minibatch.weight_path(X, Y, "8", 0.1, 2, s),
        MAX_SEED,
    ),
    "depth.signal_norms": (lambda s: depth.signal_norms([2, 3, 1], seed=s), MAX_SEED),
    "loss_landscape.random_directions": (
        lambda s: loss_landscape.random_directions(Network([2, 3, 1]), s),
        MAX_SEED,
    ),
    "hessians.hessian_census": (
        lambda s: hessians.hessian_census([2], 5, s),
        MAX_SEED,
    ),
    "frameworks.fit_sklearn": (
        lambda s: frameworks.fit_sklearn(X, Y, X, Y, [3], "relu", 0.01, 2, 8, 0.0, s),
        MAX_SEED,
    ),
    "gradcheck.check_network (biases: seed + 1)": (
        lambda s: gradcheck.check_network(seed=s),
        MAX_SEED - 1,
    ),
    "course_data.course_data (dev set: seed + 1)": (
        lambda s: course_data("circles", 30, 0.05, s),
        MAX_SEED - 1,
    ),
}


@pytest.mark.filterwarnings("ignore::RuntimeWarning")
@pytest.mark.parametrize("name", sorted(CASES))
def test_the_smallest_and_largest_accepted_seeds_work_and_one_more_is_refused(name):
    call, largest = CASES[name]
    call(0)
    call(largest)
    with pytest.raises(ValueError, match=r"(?i)seed"):
        call(largest + 1)
    with pytest.raises(ValueError, match=r"(?i)seed"):
        call(-1)


def test_seed_after_adds_below_the_top_and_wraps_past_it():
    assert seed_after(7, 5) == 12
    assert seed_after(MAX_SEED - 3, 3) == MAX_SEED
    assert seed_after(MAX_SEED, 1) == 0
    assert seed_after(MAX_SEED, 256) == 255
    np.random.RandomState(seed_after(MAX_SEED, 20_000))  # always a valid seed
    for seed in (-1, MAX_SEED + 1, 1.5):
        with pytest.raises(ValueError, match="seed must be"):
            seed_after(seed, 1)
    with pytest.raises(ValueError, match="offset must be at least 0"):
        seed_after(0, -1)
