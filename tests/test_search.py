"""The search page's core: settings, search space, grid vs random, the log-scale demo, a search
trained one group at a time (same trials as run_trials), coarse-to-fine zoom and retraining."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from playground.engine import search_space
from playground.engine.config import coerce_settings, settings_by_key
from playground.engine.data import make_dataset, split
from playground.engine.settings import ALL
from playground.engine.tuning import (
    MAX_TRIALS,
    SEARCHABLE,
    Base,
    Range,
    Trial,
    grid,
    random_search,
    run_trials,
)
from playground.topics.search import retrain, sampling, settings, texts, trials

TABLE = settings_by_key(*settings.SETTINGS)
DEFAULTS = coerce_settings(TABLE, {})


def values(**changes: object) -> dict:
    return coerce_settings(TABLE, changes)


@pytest.fixture(scope="module")
def moons():
    X, Y = make_dataset("moons", 120, noise=0.2, seed=0)
    parts = split(X, Y, (0.7, 0.3), seed=0)
    return parts.X_train, parts.Y_train, parts.X_dev, parts.Y_dev


BASE = Base(epochs=8, batch_size=32, hidden_units=6, seed=3)
LR = Range("learning_rate", 1e-4, 1.0, "log")
BETA1 = Range("beta1", 0.8, 0.999, "one_minus_log")
UNITS = Range("hidden_units", 2, 16, "log", integer=True)


def same(a: Trial, b: Trial) -> None:
    np.testing.assert_equal(dataclasses.asdict(a), dataclasses.asdict(b))


# ---------------------------------------------------------------------------------- settings
def test_every_param_is_searchable_and_its_options_fit_the_limits():
    assert sorted(p.name for p in search_space.PARAMS.values()) == sorted(SEARCHABLE)
    for p in search_space.PARAMS.values():
        low, high = SEARCHABLE[p.name]
        assert low <= min(p.options) and max(p.options) <= high, p.code
        assert p.low in p.options and p.high in p.options
        p.to_range(p.low, p.high, p.scale)  # the default range is valid
        assert search_space.LABELS[p.name] == p.symbol


def test_settings_have_unique_keys_and_reused_keys_mean_the_same():
    keys = [s.key for s in settings.SETTINGS]
    assert len(keys) == len(set(keys))
    reused = [s for s in settings.SETTINGS if s.key in ALL]
    assert {s.key for s in reused} >= {"lr", "l2", "bs", "epochs", "seed", "opt", "ds", "layers"}
    for s in reused:
        original = ALL[s.key]
        assert s.kind == original.kind, s.key
        if original.options and s.key != "decay":
            assert set(s.options) <= set(original.options), s.key
    assert TABLE["decay"].options[0] == 0.0  # 0 = no decay, the others are ALL's
    assert set(TABLE["decay"].options[1:]) == set(ALL["decay"].options)
    assert {s.key for s in settings.TOGGLES} == {f"{code}_on" for code in search_space.PARAMS}


def test_defaults_search_alpha_and_beta1_and_show_the_fixed_values_adam_uses():
    params = settings.searched(DEFAULTS)
    assert [p.code for p in params] == ["lr", "beta1"]
    keys = [s.key for s in settings.range_settings(params)]
    assert keys == ["lr_lo", "lr_hi", "lr_sc", "beta1_lo", "beta1_hi", "beta1_sc"]
    fixed = [s.key for s in settings.fixed_settings("adam", params)]
    assert fixed == ["beta2", "l2", "kp", "units", "layers", "bs", "decay"]
    fixed = [s.key for s in settings.fixed_settings("momentum", [])]
    assert fixed == ["lr", "beta", "l2", "kp", "units", "layers", "bs", "decay"]
    with pytest.raises(ValueError, match="optimizer must be one of"):
        settings.fixed_settings("sgd", [])


def test_make_space_of_the_defaults():
    assert settings.make_space(DEFAULTS) == [LR, BETA1]
    space = settings.make_space(values(units_on=True, beta1_on=False))
    assert space == [LR, Range("hidden_units", 2, 32, "log", integer=True)]


@pytest.mark.parametrize(
    "changes, message",
    [
        ({"lr_on": False, "beta1_on": False}, "choose at least one hyperparameter"),
        ({"lr_lo": 1.0, "lr_hi": 0.001}, "must not exceed"),
        ({"l2_on": True, "l2_lo": 0.0}, "a log scale needs low > 0"),
        (
            {"beta_on": True},
            r"β \(momentum\) or β₂ \(RMSprop\) has no effect with the adam optimizer",
        ),
        ({"opt": "momentum"}, "β₁ \\(Adam\\) has no effect with the momentum optimizer"),
    ],
)
def test_make_space_rejects_what_cannot_be_searched(changes, message):
    with pytest.raises(ValueError, match=message):
        settings.make_space(values(**changes))


def test_each_hyperparameter_offers_the_scales_that_fit_it():
    """linear and log, or linear and 1 − 10^r for a β; the default scales are today's."""
    for p in search_space.PARAMS.values():
        options = TABLE[f"{p.code}_sc"].options
        beta = p.code in ("beta", "beta1", "beta2")
        assert options == (("linear", "one_minus_log") if beta else ("linear", "log")), p.code
        assert TABLE[f"{p.code}_sc"].default == p.scale and p.scale in options
        assert p.ratio_scale == options[-1]
        assert all(scale.split(":")[0] in TABLE[f"{p.code}_sc"].help for scale in options)
    defaults = {p.code: p.scale for p in search_space.PARAMS.values()}
    assert defaults == {
        "lr": "log",
        "beta": "one_minus_log",
        "beta1": "one_minus_log",
        "beta2": "one_minus_log",
        "l2": "log",
        "kp": "linear",
        "units": "log",
        "layers": "linear",
        "bs": "log",
        "decay": "log",
    }
    # A link from before, with a scale that never fitted α, opens with α's default scale.
    assert values(lr_sc="one_minus_log")["lr_sc"] == "log"
    assert values(beta1_sc="linear")["beta1_sc"] == "linear"


def test_the_lectures_units_range_can_be_searched_on_a_uniform_scale():
    """Hidden units 50 … 100 and layers 2 … 4, both linear: the lecture's example."""
    lecture = values(
        beta1_on=False,
        units_on=True,
        units_lo=50,
        units_hi=100,
        units_sc="linear",
        layers_on=True,
        layers_lo=2,
        layers_hi=4,
        layers_sc="linear",
    )
    assert (lecture["units_lo"], lecture["units_hi"]) == (50, 100)
    space = settings.make_space(lecture)
    assert space == [
        LR,
        Range("hidden_units", 50, 100, "linear", integer=True),
        Range("layers", 2, 4, "linear", integer=True),
    ]
    units = [c["hidden_units"] for c in sampling.sample(space, "random", 200, seed=0)]
    assert min(units) >= 50 and max(units) <= 100
    # Uniform: each half of the range gets about half of the draws (log: 58 % below 75).
    assert np.mean(np.array(units) < 75) == pytest.approx(0.5, abs=0.1)


def test_make_base_takes_the_fixed_values():
    base = settings.make_base(values(lr=0.1, l2=0.3, units=32, layers=3, bs="16", seed=7), 210)
    assert (base.learning_rate, base.lambd, base.hidden_units, base.layers) == (0.1, 0.3, 32, 3)
    assert (base.batch_size, base.seed, base.epochs, base.optimizer) == (16, 7, 100, "adam")
    assert settings.make_base(values(bs="full"), 210).batch_size == 210
    with pytest.raises(ValueError, match="m_train must be at least 1"):
        settings.make_base(DEFAULTS, 0)


# ----------------------------------------------------------------------------- grid vs random
def test_grid_and_random_on_the_course_budget_of_25_trials():
    assert sampling.samplers("both") == ("grid", "random")
    assert sampling.samplers("random") == ("random",)
    with pytest.raises(ValueError, match="sampler must be one of"):
        sampling.samplers("bayes")
    grid_trials = sampling.sample([LR, BETA1], "grid", 25)
    random_trials = sampling.sample([LR, BETA1], "random", 25, seed=4)
    assert grid_trials == grid([LR, BETA1], 25)
    assert random_trials == random_search([LR, BETA1], 25, 4)
    assert sampling.distinct(grid_trials, "learning_rate") == 5  # ⌊25^(1/2)⌋
    assert sampling.distinct(random_trials, "learning_rate") == 25
    # Three hyperparameters: ⌊25^(1/3)⌋ = 2 values per axis, so the grid uses 8 trials.
    three = sampling.sample([LR, BETA1, UNITS], "grid", 25)
    assert len(three) == 8 and sampling.distinct(three, "learning_rate") == 2
    with pytest.raises(ValueError, match="sampler must be one of"):
        sampling.sample([LR], "both", 4)


def test_distinct_counts_values_to_twelve_digits():
    configs = [{"learning_rate": 0.1}, {"learning_rate": 0.1 + 1e-15}, {"learning_rate": 0.2}, {}]
    assert sampling.distinct(configs, "learning_rate") == 2
    assert sampling.distinct(configs, "lambd") == 0
    with pytest.raises(ValueError, match="hyperparameter must be one of"):
        sampling.distinct(configs, "alpha")


# --------------------------------------------------------------------------- the right scale
def test_uniform_sampling_puts_nine_tenths_in_the_top_decade_log_sampling_a_quarter():
    uniform, log = sampling.log_sampling_demo(1e-4, 1.0, 100_000, seed=1)
    assert uniform.min() >= 1e-4 and uniform.max() <= 1.0 and log.min() >= 1e-4
    # P(α ≥ 0.1) = (1 − 0.1)/(1 − 0.0001) for uniform α, 1/4 for uniform log₁₀ α.
    assert sampling.share_in_top_decade(uniform, 1.0) == pytest.approx(0.9 / 0.9999, abs=0.005)
    assert sampling.share_in_top_decade(log, 1.0) == pytest.approx(0.25, abs=0.005)
    edges, counts = sampling.decade_counts(log, 1e-4, 1.0)
    np.testing.assert_allclose(edges, [1e-4, 1e-3, 1e-2, 1e-1, 1.0])
    np.testing.assert_allclose(counts / counts.sum(), [0.25] * 4, atol=0.006)
    edges, counts = sampling.decade_counts(uniform, 1e-4, 1.0)
    expected = np.diff(edges) / (1.0 - 1e-4)
    np.testing.assert_allclose(counts / counts.sum(), expected, atol=0.005)
    small = sampling.log_sampling_demo(n=100, seed=0)
    assert small[0].shape == small[1].shape == (100,)


def test_decade_counts_and_share_by_hand():
    edges, counts = sampling.decade_counts([1e-4, 5e-4, 0.002, 0.5, 1.0], 1e-4, 1.0)
    assert counts.tolist() == [2, 1, 0, 2]
    edges, counts = sampling.decade_counts([0.3, 2.0], 0.2, 5.0)  # decades 0.1 … 10
    assert edges.tolist() == [0.1, 1.0, 10.0] and counts.tolist() == [1, 1]
    assert sampling.share_in_top_decade([0.05, 0.1, 0.5, 1.0], 1.0) == 0.75
    with pytest.raises(ValueError, match="low must be in"):
        sampling.decade_counts([1.0], 0.0, 1.0)
    with pytest.raises(ValueError, match="high must be in"):
        sampling.decade_counts([1.0], 1.0, 0.5)
    with pytest.raises(ValueError, match="at least one number"):
        sampling.share_in_top_decade([], 1.0)
    with pytest.raises(ValueError, match="high must be in"):
        sampling.share_in_top_decade([1.0], 0.0)


@pytest.mark.parametrize(
    "kwargs, name",
    [({"low": 0.0}, "low"), ({"high": 1e-5}, "high"), ({"n": 0}, "n"), ({"seed": -1}, "seed")],
)
def test_log_sampling_demo_validates(kwargs, name):
    with pytest.raises(ValueError, match=f"{name} must"):
        sampling.log_sampling_demo(**kwargs)


# ------------------------------------------------------------------------- a search, step by step
def test_a_search_trains_one_group_at_a_time_like_run_trials(moons):
    space = [LR, UNITS]
    run = trials.SearchRun(space, BASE, *moons, ("grid", "random"), budget=9, seed=2)
    assert [r.name for r in run.rounds] == ["grid", "random"]
    assert run.n_trials == 18 and run.trials_done == 0 and run.progress == 0.0
    assert run.rounds[1].first == 10
    assert run.n_groups == sum(len(r.plan) for r in run.rounds) > 2
    seen = []
    assert run.advance(0.0, on_epoch=seen.append) == 1  # at least one group, even with no time
    size = len(run.rounds[0].plan[0])
    assert run.trials_done == size and run.groups_done == 1
    assert len(seen) == BASE.epochs and seen == sorted(seen)
    assert seen[-1] == pytest.approx(size / 18)
    configs, accuracy, diverged = run.points("grid")
    assert np.isnan(accuracy).sum() == 9 - size and not diverged.any()
    while not run.done:
        run.advance()
    assert run.progress == 1.0 and run.seconds > 0
    for r in run.rounds:
        expected = run_trials(r.configs, BASE, *moons)
        for i, trial in r.trials.items():
            same(trial, expected[i])
    rows = run.rows()
    assert [row.number for row in rows] == list(range(1, 19))
    assert rows[12].round == "random" and rows[12].index == 3
    assert run.row(13) == rows[12]
    with pytest.raises(ValueError, match="number must be a trained trial"):
        run.row(19)


def test_best_summary_and_table(moons):
    run = trials.SearchRun([LR], BASE, *moons, ("grid", "random"), budget=6, seed=0)
    run.advance()
    rows = run.rows()
    best = run.best()
    top = max(row.trial.dev_accuracy for row in rows)
    tied = [row for row in rows if row.trial.dev_accuracy == top]
    assert best == min(tied, key=lambda row: row.trial.dev_cost)
    summary = run.summary("grid")
    assert summary["trials"] == summary["trained"] == 6 and summary["distinct_lr"] == 6
    assert summary["best"] == run.best([row for row in rows if row.round == "grid"])
    table = run.table()
    assert list(table) == [
        "trial",
        "round",
        "α",
        "dev accuracy",
        "train accuracy",
        "dev cost",
        "diverged",
    ]
    assert table["trial"][0] == best.number and len(table["trial"]) == 12
    assert table["dev accuracy"] == sorted(table["dev accuracy"], reverse=True)
    with pytest.raises(ValueError, match="round must be one of"):
        run.summary("zoom 1")


def test_stop_keeps_the_trials_trained_so_far(moons):
    run = trials.SearchRun([LR, UNITS], BASE, *moons, ("random",), budget=9, seed=1)
    run.advance(0.0)
    run.stop()
    assert run.done and run.stopped and 0 < run.trials_done < 9
    assert run.advance() == 0
    assert len(run.rows()) == run.trials_done


def test_zoom_in_samples_random_trials_inside_the_box_of_the_best(moons):
    run = trials.SearchRun([LR, BETA1], BASE, *moons, ("grid", "random"), budget=9, seed=0)
    assert not run.can_zoom  # nothing trained yet
    run.advance()
    assert run.can_zoom and run.zooms == 0 and run.boxes() == []
    results = [t for r in run.rounds for t in r.trials.values()]
    from playground.engine.tuning import zoom

    box = tuple(zoom([LR, BETA1], results, trials.ZOOM_TOP, trials.ZOOM_MARGIN))
    added = run.zoom_in()
    assert added.name == "zoom 1" and added.space == box and added.first == 19
    assert added.configs == random_search(box, 9, 0 + 2)
    for config in added.configs:
        for r in box:
            assert r.low <= config[r.name] <= r.high
    assert not run.done and not run.can_zoom
    run.advance()
    assert run.boxes() == [box] and run.last_pass() == [added]
    run.zoom_in()
    run.advance()
    run.zoom_in()
    run.advance()
    assert run.zooms == trials.MAX_ZOOMS and not run.can_zoom
    with pytest.raises(ValueError, match="at most 3 zoom rounds"):
        run.zoom_in()


def test_a_search_from_the_largest_seed_samples_trains_and_zooms(moons):
    """Seed 2³² − 1 draws the first round; the zoom draws with (seed + 2) mod 2³² = 1."""
    run = trials.SearchRun([LR], BASE, *moons, ("grid", "random"), budget=4, seed=2**32 - 1)
    assert run.rounds[1].configs == random_search([LR], 4, 2**32 - 1)
    run.advance()
    added = run.zoom_in()
    assert added.configs == random_search(list(added.space), 4, 1)
    run.advance()
    assert run.done and len(run.rows()) == 12
    with pytest.raises(ValueError, match="seed must be between 0 and 4294967295"):
        trials.SearchRun([LR], BASE, *moons, ("random",), budget=4, seed=2**32)


def test_zoom_in_needs_a_finished_trial(moons):
    run = trials.SearchRun([LR], BASE, *moons, ("grid",), budget=2, seed=0)
    with pytest.raises(ValueError, match="no finished trial"):
        run.zoom_in()


def test_a_search_checks_its_arguments_and_limits(moons):
    with pytest.raises(ValueError, match="budget must be between 1 and 256"):
        trials.SearchRun([LR], BASE, *moons, ("grid",), budget=0)
    with pytest.raises(ValueError, match="names must list at least one sampler"):
        trials.SearchRun([LR], BASE, *moons, (), budget=4)
    with pytest.raises(ValueError, match="hyperparameter must be one of"):
        trials.SearchRun([Range("alpha", 0, 1)], BASE, *moons, ("grid",), budget=4)
    big = Base(epochs=20_000, hidden_units=128, layers=4)
    with pytest.raises(ValueError, match="units of work"):
        trials.SearchRun([LR], big, *moons, ("random",), budget=MAX_TRIALS)


# ------------------------------------------------------------------------------- retraining
@pytest.mark.parametrize(
    "base, config",
    [
        (BASE, {"learning_rate": 0.03, "hidden_units": 4}),
        (dataclasses.replace(BASE, optimizer="momentum"), {"learning_rate": 0.1, "beta": 0.95}),
        (BASE, {"learning_rate": 0.05, "decay_rate": 0.3, "lambd": 0.5, "layers": 1}),
        (BASE, {"learning_rate": 0.03, "keep_prob": 0.6}),  # the same dropout masks too
        (dataclasses.replace(BASE, seed=2**32 - 1), {"learning_rate": 0.03, "keep_prob": 0.8}),
    ],
)
def test_retrain_reproduces_the_batched_trial(moons, base, config):
    (trial,) = run_trials([config, config], base, *moons)[1:]  # trial index 1: seed base.seed + 1
    net, history = retrain.retrain(config, 1, base, *moons)
    assert history.last_epoch == base.epochs
    assert history.dev_cost[-1] == pytest.approx(trial.dev_cost, rel=1e-9)
    assert history.dev_accuracy[-1] == trial.dev_accuracy
    np.testing.assert_allclose(history.dev_cost, trial.dev_cost_curve, rtol=1e-9)
    assert net.layer_dims[1:-1] == [config.get("hidden_units", 6)] * config.get("layers", 2)
    with pytest.raises(ValueError, match="index must be between 0 and 255"):
        retrain.retrain(config, -1, base, *moons)


# ------------------------------------------------------------------------------------ words
def test_texts_name_the_numbers_of_this_run(moons):
    assert texts.describe({"learning_rate": 0.012345, "beta1": 0.9}) == "α = 0.0123, β₁ = 0.9"
    assert texts.describe_box([LR, BETA1]) == "α 0.0001 … 1, β₁ 0.8 … 0.999"
    run = trials.SearchRun([LR, BETA1], BASE, *moons, ("grid", "random"), budget=10, seed=0)
    assert texts.sampler_text(run, "grid") == (
        "**grid**: 9 trials try **3 distinct α** (3 values per axis, 3 × 3 = 9 of the budget 10)."
    )
    assert texts.sampler_text(run, "random") == "**random**: 10 trials try **10 distinct α**."
    run.advance()
    best = run.summary("random")["best"]
    assert texts.sampler_text(run, "random").endswith(
        f"best dev accuracy **{best.trial.dev_accuracy:.1%}** (trial #{best.number}: "
        f"{texts.describe(best.trial.config)})."
    )
    _, history = retrain.retrain(best.trial.config, best.index, BASE, *moons)
    text = texts.retrain_text(best, history)
    assert f"**Trial #{best.number}** (random)" in text
    assert "The same: the batched run trains each trial exactly as a single one would." in text
    fixed = trials.SearchRun([BETA1], BASE, *moons, ("grid",), budget=3)
    assert texts.sampler_text(fixed, "grid") == "**grid**: 3 trials (α is fixed)."


def test_retrain_text_of_a_dropout_a_different_or_a_diverged_trial(moons):
    (trial,) = run_trials([{"learning_rate": 0.03, "keep_prob": 0.5}], BASE, *moons)
    row = trials.Row(4, "random", 0, trial)
    _, history = retrain.retrain(trial.config, 0, BASE, *moons)
    assert texts.retrain_text(row, history).endswith(
        "The same: the batched run trains each trial exactly as a single one would."
    )
    other = trials.Row(4, "random", 0, dataclasses.replace(trial, dev_cost=trial.dev_cost + 0.05))
    assert texts.retrain_text(other, history).endswith(
        "Not the same: the dev costs differ by 0.05."
    )
    history.stopped_reason, history.message = "diverged", "The cost became NaN."
    assert "Trained alone it **diverged**: The cost became NaN." in texts.retrain_text(row, history)


# ------------------------------------------------------------------------------- backends
@pytest.fixture(scope="module")
def dask_cluster():
    distributed = pytest.importorskip("dask.distributed")
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None
    ) as cluster:
        yield cluster


def test_the_dask_backend_trains_a_whole_round_at_a_time_with_the_same_trials(moons, dask_cluster):
    address = dask_cluster.scheduler_address
    args = ([LR, UNITS], BASE, *moons, ("grid", "random"), 9, 1)
    run = trials.SearchRun(*args, backend="dask", dask_address=address)
    assert run.advance(0.0) == len(run.rounds[0].plan)  # the whole grid round in one step
    assert run.rounds[0].done and not run.rounds[1].done
    run.advance()
    local = trials.SearchRun(*args)
    local.advance()
    for a, b in zip(run.rows(), local.rows(), strict=True):
        same(a.trial, b.trial)
    assert texts.backend_text(run) == (
        f"Backend: the Dask cluster at {address} — a round at a time, its groups trained in "
        f"parallel by the workers (18 trials in {run.n_groups} groups)."
    )
    assert texts.backend_text(local) == (
        "Backend: batched in this process — trials sharing layers, units and batch size train "
        f"as one NumPy computation: 18 trials in {local.n_groups} groups."
    )
    with pytest.raises(ValueError, match="backend must be one of 'batched', 'dask'"):
        trials.SearchRun(*args, backend="ray")
