"""Hyperparameter search: ranges and scales, grid vs random search, coarse-to-fine zoom, grouping
of trials for batched training, and run_trials on its two backends (batched, dask)."""

from __future__ import annotations

import dataclasses
import math

import numpy as np
import pytest

from playground.engine.config import MAX_WORK
from playground.engine.data import make_dataset, split
from playground.engine.nn import Network
from playground.engine.optim import make_optimizer
from playground.engine.schedules import make_schedule
from playground.engine.train import train
from playground.engine.tuning import (
    DASK_ENV,
    MAX_TRIALS,
    SEARCHABLE,
    Base,
    Range,
    Trial,
    grid,
    groups,
    random_search,
    run_trials,
    train_group,
    trial_work,
    zoom,
)

LR = Range("learning_rate", 1e-4, 1.0, "log")
LAMBD = Range("lambd", 0.0, 10.0)
BETA = Range("beta", 0.9, 0.999, "one_minus_log")


# ------------------------------------------------------------------------------ Range scales
def test_log_scale_is_ten_to_a_uniform_exponent():
    u = np.array([0.0, 0.25, 0.5, 0.75, 1.0])
    np.testing.assert_allclose(LR.values(u), [1e-4, 1e-3, 1e-2, 1e-1, 1.0], rtol=1e-12)
    r = Range("learning_rate", 0.002, 0.5, "log")
    a, b = math.log10(0.002), math.log10(0.5)
    u = np.random.RandomState(0).rand(50)
    np.testing.assert_allclose(r.values(u), 10 ** (a + u * (b - a)), rtol=1e-12)


def test_one_minus_log_scale_spreads_beta_evenly_over_its_decades():
    np.testing.assert_allclose(BETA.values([0.0, 0.5, 1.0]), [0.9, 0.99, 0.999], rtol=1e-12)
    r = Range("beta2", 0.0, 0.9999, "one_minus_log")
    u = np.linspace(0, 1, 9)
    np.testing.assert_allclose(r.values(u), 1 - 10 ** (-4 * u), atol=1e-12)
    # β = 1 − 10^r: half the samples of 0.9…0.999 fall in 0.9…0.99, half in 0.99…0.999.
    values = BETA.values(np.random.RandomState(1).rand(4000))
    assert 0.45 < np.mean(values < 0.99) < 0.55
    assert values.min() >= 0.9 and values.max() <= 0.999


def test_linear_scale_and_integer_rounding():
    np.testing.assert_allclose(LAMBD.values([0.0, 0.1, 1.0]), [0.0, 1.0, 10.0])
    units = Range("hidden_units", 1, 128, "log", integer=True)
    values = units.values([0.0, 0.5, 1.0])
    assert values.dtype.kind == "i"
    assert values.tolist() == [1, round(128**0.5), 128]
    layers = Range("layers", 1, 4, integer=True)
    assert layers.values(np.linspace(0, 1, 7)).tolist() == [1, 2, 2, 2, 3, 4, 4]
    config = random_search([units, layers], 5, seed=0)[0]
    assert all(type(value) is int for value in config.values())


@pytest.mark.parametrize(
    "make, match",
    [
        (lambda: Range("learning_rate", 1.0, 0.1, "log"), "must not exceed"),
        (lambda: Range("lambd", 5.0, 1.0), "must not exceed"),
        (lambda: Range("learning_rate", 0.0, 1.0, "log"), "low > 0"),
        (lambda: Range("learning_rate", -1.0, 1.0, "log"), "low > 0"),
        (lambda: Range("beta", 0.9, 1.0, "one_minus_log"), r"\[0, 1\)"),
        (lambda: Range("beta", -0.1, 0.9, "one_minus_log"), r"\[0, 1\)"),
        (lambda: Range("beta", 0.9, 0.99, "exponential"), "scale"),
    ],
)
def test_range_validation(make, match):
    with pytest.raises(ValueError, match=match):
        make()


@pytest.mark.parametrize(
    "space, match",
    [
        ([Range("momentum", 0.0, 1.0)], "hyperparameter must be one of"),
        ([Range("learning_rate", 1e-6, 1.0, "log")], "learning_rate low"),
        ([Range("learning_rate", 1e-3, 20.0, "log")], "learning_rate high"),
        ([Range("keep_prob", 0.0, 1.0)], "keep_prob low"),
        ([Range("beta", 0.9, 0.99999, "one_minus_log")], "beta high"),
        ([Range("hidden_units", 1, 1000, integer=True)], "hidden_units high"),
        ([Range("layers", 0, 3, integer=True)], "layers low"),
        ([LR, LAMBD, Range("learning_rate", 0.1, 1.0)], "only once"),
    ],
)
def test_search_spaces_are_checked(space, match):
    for sample in (lambda: grid(space, 8), lambda: random_search(space, 8)):
        with pytest.raises(ValueError, match=match):
            sample()


def test_every_searchable_limit_is_a_valid_range():
    for name, (low, high) in SEARCHABLE.items():
        assert len(grid([Range(name, low, high)], 3)) == 3


@pytest.mark.parametrize("budget", [0, MAX_TRIALS + 1, 2.5])
def test_budget_is_checked(budget):
    with pytest.raises(ValueError, match="budget"):
        grid([LR], budget)
    with pytest.raises(ValueError, match="budget"):
        random_search([LR], budget)


# ------------------------------------------------------------------------------ grid vs random
@pytest.mark.parametrize(
    "space, budget, per_axis",
    [([LR], 10, 10), ([LR, LAMBD], 64, 8), ([LR, LAMBD], 63, 7), ([LR, LAMBD, BETA], 64, 4)],
)
def test_grid_has_floor_of_the_dth_root_values_per_axis(space, budget, per_axis):
    points = grid(space, budget)
    assert len(points) == per_axis ** len(space) <= budget
    for r in space:
        values = sorted({p[r.name] for p in points})
        assert len(values) == per_axis
        np.testing.assert_allclose(values, sorted(r.values(np.linspace(0, 1, per_axis))))
    assert len({tuple(p.values()) for p in points}) == len(points)


def test_grid_of_budget_one_is_the_middle_of_each_range():
    (point,) = grid([LR, LAMBD], 1)
    assert point["learning_rate"] == pytest.approx(1e-2)
    assert point["lambd"] == pytest.approx(5.0)


def test_random_search_tries_many_more_learning_rates_than_a_grid():
    """The course's argument: with 64 trials over (α, λ), where α matters far more, a grid tries
    only 8 distinct α's (each 8 times, with different λ's) while random search tries 64."""
    on_grid = grid([LR, LAMBD], 64)
    at_random = random_search([LR, LAMBD], 64, seed=0)
    assert len(on_grid) == len(at_random) == 64
    assert len({p["learning_rate"] for p in on_grid}) == 8
    assert len({p["learning_rate"] for p in at_random}) == 64
    assert len({p["lambd"] for p in at_random}) == 64
    np.testing.assert_allclose(
        sorted({p["learning_rate"] for p in on_grid}), np.logspace(-4, 0, 8), rtol=1e-12
    )


def test_random_search_is_deterministic_per_seed_and_stays_in_range():
    space = [LR, LAMBD, BETA, Range("hidden_units", 2, 64, "log", integer=True)]
    first = random_search(space, 40, seed=3)
    assert first == random_search(space, 40, seed=3)
    assert first != random_search(space, 40, seed=4)
    assert [list(p) for p in first] == [[r.name for r in space]] * 40
    for r in space:
        values = np.array([p[r.name] for p in first])
        assert (values >= r.low * (1 - 1e-12)).all() and (values <= r.high * (1 + 1e-12)).all()
        assert all(isinstance(v, int if r.integer else float) for v in values.tolist())


def test_log_scale_puts_as_many_samples_in_each_decade():
    samples = np.concatenate(
        [[p["learning_rate"] for p in random_search([LR], 256, seed=s)] for s in range(8)]
    )
    decades = np.clip(np.floor(np.log10(samples)), -4, -1).astype(int)
    counts = np.bincount(decades + 4, minlength=4)
    assert counts.sum() == 2048
    assert (np.abs(counts - 512) < 80).all(), counts  # ±4 standard deviations
    # A linear scale over the same range would put ~90 % of the samples in [0.1, 1].
    linear = random_search([Range("learning_rate", 1e-4, 1.0)], 256, seed=0)
    assert np.mean([p["learning_rate"] >= 0.1 for p in linear]) > 0.8


# ------------------------------------------------------------------------------ zoom
def trial(config, dev_accuracy, diverged=False):
    return Trial(dict(config), 0.1, 0.2, 0.9, dev_accuracy, diverged, [0.2])


def unit(r, value):
    return r._to_unit(np.array(float(value)))


def test_zoom_shrinks_the_box_around_the_best_trials():
    space = [LR, LAMBD, BETA]
    rng = np.random.RandomState(0)
    configs = random_search(space, 60, seed=1)
    # Dev accuracy peaks at α = 1e-2, λ = 2, β = 0.99; a diverged trial sits elsewhere.
    results = [
        trial(
            c,
            1.0
            - abs(math.log10(c["learning_rate"]) + 2) / 4
            - abs(c["lambd"] - 2) / 40
            - abs(math.log10(1 - c["beta"]) + 2) / 8
            + 0.001 * rng.rand(),
        )
        for c in configs
    ]
    results.append(trial({"learning_rate": 0.9, "lambd": 9.5, "beta": 0.9}, 2.0, diverged=True))
    top = 5
    best = sorted(results[:-1], key=lambda t: -t.dev_accuracy)[:top]
    zoomed = zoom(space, results, top=top, margin=0.25)
    assert [(r.name, r.scale, r.integer) for r in zoomed] == [
        (r.name, r.scale, r.integer) for r in space
    ]
    for old, new in zip(space, zoomed, strict=True):
        values = [t.config[old.name] for t in best]
        # The new box holds every top trial, lies inside the old range, and is narrower.
        assert new.low <= min(values) and max(values) <= new.high
        assert old.low - 1e-12 <= new.low <= new.high <= old.high + 1e-12
        old_width = abs(unit(old, old.high) - unit(old, old.low))
        new_width = abs(unit(new, new.high) - unit(new, new.low))
        assert new_width < 0.8 * old_width
        # ... widened by a quarter of the top trials' spread on each side, unless clipped.
        spread = np.ptp([unit(old, v) for v in values])
        assert new_width <= spread * 1.5 + 1e-9
    assert zoomed[0].low < 1e-2 < zoomed[0].high
    assert zoomed[2].low < 0.99 < zoomed[2].high
    # The zoomed space is a valid search space: sample it again (coarse to fine).
    finer = random_search(zoomed, 20, seed=2)
    assert all(zoomed[0].low <= p["learning_rate"] <= zoomed[0].high for p in finer)


def test_zoom_keeps_the_new_range_inside_a_clipped_edge():
    results = [trial({"learning_rate": 1.0}, 0.9), trial({"learning_rate": 0.5}, 0.8)]
    (zoomed,) = zoom([LR], results, top=2, margin=1.0)
    assert zoomed.high == pytest.approx(1.0) and zoomed.high <= 1.0
    assert zoomed.low == pytest.approx(10 ** (math.log10(0.5) - math.log10(2)))
    # One best trial: a small box (1e-3 of the log axis wide, times the margin) around it.
    (single,) = zoom([LR], [trial({"learning_rate": 0.01}, 0.9)], top=1, margin=0.5)
    assert single.low < 0.01 < single.high
    assert math.log10(single.high / single.low) == pytest.approx(1e-3)


def test_zoom_at_the_lower_limit_of_a_log_range_can_be_searched_again():
    space = [Range("learning_rate", 1e-5, 1.0, "log")]
    points = grid(space, 5)
    results = [trial(p, 1.0 - i / 10) for i, p in enumerate(points)]  # the lowest α is best
    zoomed = zoom(space, results, top=2)
    assert zoomed[0].low >= 1e-5  # 9.999999999999999e-06
    random_search(zoomed, 4)  # raises "learning_rate low must be in [1e-05, 10.0]"
    assert min(p["learning_rate"] for p in points) >= 1e-5
    assert min(Range("learning_rate", 0.03, 1.0, "log").values([0.0, 0.5])) >= 0.03


def test_zoom_arguments():
    with pytest.raises(ValueError, match="no finished trial"):
        zoom([LR], [trial({"learning_rate": 0.1}, 0.0, diverged=True)])
    with pytest.raises(ValueError, match="no finished trial"):
        zoom([LR], [])
    with pytest.raises(ValueError, match="top"):
        zoom([LR], [trial({"learning_rate": 0.1}, 0.5)], top=0)
    with pytest.raises(ValueError, match="margin"):
        zoom([LR], [trial({"learning_rate": 0.1}, 0.5)], margin=2.0)


# ------------------------------------------------------------------------------ groups, work
def test_groups_by_layers_units_and_batch_size():
    base = Base(hidden_units=10, layers=2, batch_size=64)
    configs = [
        {"learning_rate": 0.1},
        {"hidden_units": 20},
        {"learning_rate": 0.01, "batch_size": 32},
        {"layers": 3, "lambd": 1.0},
        {"learning_rate": 0.001, "beta1": 0.8},
        {"hidden_units": 20.0, "keep_prob": 0.5},
        {"layers": 2, "hidden_units": 10, "batch_size": 64},
    ]
    assert groups(configs, base) == {
        (2, 10, 64): [0, 4, 6],
        (2, 20, 64): [1, 5],
        (2, 10, 32): [2],
        (3, 10, 64): [3],
    }
    assert list(groups(configs, base)) == [(2, 10, 64), (2, 20, 64), (2, 10, 32), (3, 10, 64)]


def test_trial_work_counts_epochs_examples_and_weights():
    base = Base(hidden_units=10, layers=2, epochs=100)
    weights = (2 * 10 + 10) + (10 * 10 + 10) + (10 + 1)
    assert trial_work({}, base, 200, 2) == 100 * 200 * weights
    assert trial_work({"layers": 1, "hidden_units": 4}, base, 50, 3) == 100 * 50 * (16 + 5)


# ------------------------------------------------------------------------------ run_trials
@pytest.fixture(scope="module")
def moons():
    X, Y = make_dataset("moons", 300, noise=0.2, seed=0)
    parts = split(X, Y, (0.7, 0.3), seed=0)
    return parts.X_train, parts.Y_train, parts.X_dev, parts.Y_dev


BASE = Base(optimizer="adam", epochs=40, batch_size=32, hidden_units=8, seed=2)
CONFIGS = [
    {"learning_rate": 1e-4, "hidden_units": 8},
    {"learning_rate": 3e-2, "hidden_units": 4},
    {"learning_rate": 3e-2, "hidden_units": 8},
    {"learning_rate": 3e-3, "hidden_units": 4, "lambd": 1.0},
    {"learning_rate": 1e-1, "hidden_units": 8, "beta1": 0.8},
    {"learning_rate": 1e-2, "hidden_units": 4, "decay_rate": 0.1, "batch_size": 64},
    {"learning_rate": 1e-2, "hidden_units": 8, "keep_prob": 0.8},
]


@pytest.fixture(scope="module")
def batched_results(moons):
    return run_trials(CONFIGS, BASE, *moons)


def assert_same_trials(a: list[Trial], b: list[Trial]) -> None:
    assert len(a) == len(b)
    for x, y in zip(a, b, strict=True):
        np.testing.assert_equal(dataclasses.asdict(x), dataclasses.asdict(y))


def test_run_trials_returns_every_trial_in_config_order(batched_results):
    assert len(groups(CONFIGS, BASE)) == 3  # interleaved groups: results must be put back
    assert [t.config for t in batched_results] == CONFIGS
    for t in batched_results:
        assert not t.diverged
        assert len(t.dev_cost_curve) == BASE.epochs
        assert t.dev_cost == t.dev_cost_curve[-1]
        assert 0.0 <= t.dev_accuracy <= 1.0 and 0.0 <= t.train_accuracy <= 1.0
        assert math.isfinite(t.train_cost) and math.isfinite(t.dev_cost)


def test_run_trials_accuracies_are_sensible(batched_results):
    accuracy = [t.dev_accuracy for t in batched_results]
    assert max(accuracy) >= 0.9
    assert accuracy[4] >= 0.85
    # α = 1e-4 barely moves in 40 epochs.
    assert accuracy[0] < max(accuracy) - 0.2


@pytest.mark.parametrize(
    "optimizer, hyper", [("adam", ("beta1", "beta2")), ("momentum", ("beta",))]
)
def test_a_trial_equals_the_single_network_trained_alone(moons, optimizer, hyper):
    """Trial i of a group starts from seed base.seed + i and gets its own α, λ, β's and decay."""
    X, Y, X_dev, Y_dev = moons
    base = Base(optimizer=optimizer, epochs=8, batch_size=50, hidden_units=6, seed=4)
    configs = [
        {"learning_rate": 0.02, "lambd": 0.5, "decay_rate": 0.3, "beta1": 0.8, "beta2": 0.99},
        {"learning_rate": 0.005, "beta1": 0.95, "beta": 0.95},
    ]
    configs[0]["beta"] = 0.7
    trials = run_trials(configs, base, X, Y, X_dev, Y_dev)
    for i, config in enumerate(configs):
        full = {**dataclasses.asdict(base), **config}
        net = Network([2, 6, 6, 1], "relu", "sigmoid", seed=base.seed + i)
        history = train(
            net,
            X,
            Y,
            make_optimizer(optimizer, full["learning_rate"], **{h: full[h] for h in hyper}),
            base.epochs,
            batch_size=base.batch_size,
            lambd=full["lambd"],
            schedule=make_schedule("inverse_time", full["learning_rate"], full["decay_rate"]),
            seed=base.seed,
            X_dev=X_dev,
            Y_dev=Y_dev,
        )
        np.testing.assert_allclose(trials[i].dev_cost_curve, history.dev_cost, rtol=1e-10)
        assert trials[i].train_cost == pytest.approx(history.train_cost[-1], rel=1e-10)
        assert trials[i].dev_accuracy == pytest.approx(history.dev_accuracy[-1])


@pytest.mark.filterwarnings("ignore::RuntimeWarning")
def test_a_diverged_trial_is_kept_and_scored_zero(moons):
    base = Base(optimizer="gd", epochs=10, batch_size=16, hidden_units=4)
    configs = [{"learning_rate": 0.1}, {"learning_rate": 10.0, "lambd": 10.0}]
    good, bad = run_trials(configs, base, *moons)
    assert not good.diverged and good.dev_accuracy > 0.7
    assert bad.diverged and bad.dev_accuracy == 0.0 and bad.train_accuracy == 0.0
    assert bad.config == configs[1]
    # zoom ignores it.
    (zoomed,) = zoom([Range("learning_rate", 0.01, 10.0, "log")], [good, bad], top=2)
    assert zoomed.high < 1.0


def test_run_trials_limits(moons):
    X, Y, X_dev, Y_dev = moons
    with pytest.raises(ValueError, match="number of trials"):
        run_trials([{"learning_rate": 0.01}] * (MAX_TRIALS + 1), BASE, X, Y, X_dev, Y_dev)
    with pytest.raises(ValueError, match="number of trials"):
        run_trials([], BASE, X, Y, X_dev, Y_dev)
    big = Base(epochs=20_000, hidden_units=128, layers=4)
    assert trial_work({}, big, X.shape[1], 2) > MAX_WORK
    with pytest.raises(ValueError, match="units of work"):
        run_trials([{}], big, X, Y, X_dev, Y_dev)
    # Each trial is within budget, but together they are not.
    medium = Base(epochs=2_000, hidden_units=64, layers=4)
    each = trial_work({}, medium, X.shape[1], 2)
    assert each < MAX_WORK
    count = int(MAX_WORK // each) + 1
    assert count <= MAX_TRIALS
    with pytest.raises(ValueError, match="units of work"):
        run_trials([{}] * count, medium, X, Y, X_dev, Y_dev)
    with pytest.raises(ValueError, match="backend"):
        run_trials([{}], BASE, X, Y, X_dev, Y_dev, backend="ray")


def test_on_group_done_can_stop_early_keeping_finished_groups(moons, batched_results):
    calls = []

    def stop_after_first(trials):
        calls.append([t.config for t in trials])
        return False

    partial = run_trials(CONFIGS, BASE, *moons, on_group_done=stop_after_first)
    first_group = next(iter(groups(CONFIGS, BASE).values()))
    assert calls == [[CONFIGS[i] for i in first_group]]
    assert [t.config for t in partial] == [CONFIGS[i] for i in first_group]
    assert_same_trials(partial, [batched_results[i] for i in first_group])

    seen = []
    everything = run_trials(CONFIGS, BASE, *moons, on_group_done=lambda t: seen.append(len(t)))
    assert sorted(seen) == sorted(len(g) for g in groups(CONFIGS, BASE).values())
    assert_same_trials(everything, batched_results)


def test_train_group_is_what_each_backend_runs(moons, batched_results):
    indices = next(iter(groups(CONFIGS, BASE).values()))
    seeds = [BASE.seed + i for i in indices]
    trials = train_group([CONFIGS[i] for i in indices], BASE, *moons, seeds)
    assert_same_trials(trials, [batched_results[i] for i in indices])


@pytest.fixture(scope="module")
def dask_cluster():
    distributed = pytest.importorskip("dask.distributed")
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None
    ) as cluster:
        yield cluster


def test_dask_backend_gives_the_same_results(moons, batched_results, dask_cluster):
    address = dask_cluster.scheduler_address
    results = run_trials(CONFIGS, BASE, *moons, backend="dask", dask_address=address)
    assert_same_trials(results, batched_results)


def test_dask_backend_reads_the_address_from_the_environment(
    moons, batched_results, dask_cluster, monkeypatch
):
    monkeypatch.setenv(DASK_ENV, dask_cluster.scheduler_address)
    configs, indices = CONFIGS[:3], [0, 1, 2]
    results = run_trials(configs, BASE, *moons, backend="dask")
    # Groups of the first three configs differ from those of all seven (seeds follow positions
    # in a group), so compare with the batched backend on the same three.
    assert_same_trials(results, run_trials(configs, BASE, *moons))
    assert [t.config for t in results] == [CONFIGS[i] for i in indices]


def test_dask_backend_without_an_address_says_how_to_set_one(moons, monkeypatch):
    monkeypatch.delenv(DASK_ENV, raising=False)
    with pytest.raises(ValueError, match="PLAYGROUND_DASK_ADDRESS"):
        run_trials(CONFIGS[:2], BASE, *moons, backend="dask")


@pytest.mark.filterwarnings("ignore::RuntimeWarning")
def test_a_trial_with_a_nan_dev_cost_is_reported_as_diverged():
    X, Y = make_dataset("moons", 120, noise=0.2, seed=0)
    base = Base(
        optimizer="gd", activation="linear", epochs=2, batch_size=30, hidden_units=8, seed=9
    )
    (result,) = run_trials([{"learning_rate": 6.31}], base, X, Y, X, Y)
    assert result.diverged or math.isfinite(result.dev_cost)


# ------------------------------------------------------------------------------ reproducible trials
DROPOUT_TRIAL = {"learning_rate": 0.01, "keep_prob": 0.6}
OTHERS = [
    {"learning_rate": 0.03, "keep_prob": 0.5},
    {"learning_rate": 0.003},
    {"learning_rate": 0.02, "keep_prob": 0.9, "lambd": 0.5},
]


def test_a_dropout_trial_reruns_the_same_alone_in_any_group_and_through_dask(moons, dask_cluster):
    """The trial with seed BASE.trial_seed(2) — alone, first or last in groups of 2 and 4, as
    trial 2 of run_trials on the batched and Dask backends — has the same dev cost
    every epoch; retrained alone as one Network it has them too."""
    seed = BASE.trial_seed(2)
    alone = train_group([DROPOUT_TRIAL], BASE, *moons, [seed])[0]
    runs = {
        "first of 2": train_group([DROPOUT_TRIAL, OTHERS[0]], BASE, *moons, [seed, 40])[0],
        "last of 4": train_group([*OTHERS, DROPOUT_TRIAL], BASE, *moons, [7, 8, 9, seed])[3],
    }
    configs = [OTHERS[0], OTHERS[1], DROPOUT_TRIAL, OTHERS[2]]
    assert len(groups(configs, BASE)) == 1  # trial 2 shares its batch with three others
    for backend in ("batched", "dask"):
        address = dask_cluster.scheduler_address if backend == "dask" else None
        trials = run_trials(configs, BASE, *moons, backend=backend, dask_address=address)
        runs[backend] = trials[2]
    for name, trial in runs.items():
        np.testing.assert_allclose(
            trial.dev_cost_curve, alone.dev_cost_curve, rtol=1e-12, atol=0, err_msg=name
        )
        assert trial.dev_accuracy == alone.dev_accuracy, name
    net = Network([2, 8, 8, 1], seed=seed, keep_probs=0.6)
    single = train(
        net,
        moons[0],
        moons[1],
        make_optimizer("adam", 0.01),
        BASE.epochs,
        BASE.batch_size,
        seed=BASE.seed,
        X_dev=moons[2],
        Y_dev=moons[3],
    )
    np.testing.assert_allclose(single.dev_cost, alone.dev_cost_curve, rtol=1e-10)


# ------------------------------------------------------------------------------ every seed
def test_random_search_takes_every_seed_and_names_a_bad_one():
    for seed in (0, 2**32 - 1):
        assert random_search([LR], 3, seed) == random_search([LR], 3, seed)
    assert random_search([LR], 3, 2**32 - 1) != random_search([LR], 3, 0)
    for seed in (-1, 2**32, 0.5):
        with pytest.raises(ValueError, match="seed must be"):
            random_search([LR], 3, seed)


def test_trial_seeds_wrap_past_the_largest_seed(moons):
    """Base(seed=2³² − 1): trial 0 uses seed 2³² − 1, trial 1 seed 0 (mod 2³²), and both train."""
    base = Base(epochs=3, batch_size=32, hidden_units=4, keep_prob=0.8, seed=2**32 - 1)
    assert [base.trial_seed(i) for i in range(3)] == [2**32 - 1, 0, 1]
    assert Base(seed=7).trial_seed(5) == 12  # below the top, plain seed + index
    configs = [{"learning_rate": 0.01}, {"learning_rate": 0.02}]
    trials = run_trials(configs, base, *moons)
    assert not any(t.diverged for t in trials)
    again = train_group(configs[1:], base, *moons, [0])
    np.testing.assert_equal(again[0].dev_cost_curve, trials[1].dev_cost_curve)
    for seed in (-1, 2**32):
        with pytest.raises(ValueError, match="seed must be between 0 and 4294967295"):
            Base(seed=seed)
