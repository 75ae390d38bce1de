"""Critical points: escape steps against hand-computed paths, and random-Hessian counts against
exact probabilities (n = 1: ½; n = 2: (2 − √2)/4) and the page's claims."""

from __future__ import annotations

import math
import pickle

import numpy as np
import pytest

from playground.engine.optim import make_optimizer
from playground.engine.settings import ALL
from playground.engine.surfaces import make_surface, optimizer_path
from playground.topics.saddles import escaping, hessians, settings, texts
from playground.topics.saddles.escaping import (
    COMPARED,
    ESCAPE_MARGIN,
    escape,
    escape_step,
    start_point,
)
from playground.topics.saddles.hessians import (
    MAX_DIM,
    MAX_MATRICES,
    census_work,
    coin_flip_index,
    coin_flip_minima,
    dimension_grid,
    hessian_census,
    random_hessians,
)

SAME_RATE = {name: 0.1 for name in COMPARED}


# -- escape_step ---------------------------------------------------------------------------------


def test_escape_step_is_the_first_step_clearly_below_the_stall():
    cost = np.array([3.0, 1.0, 0.2, -0.4, -0.6, -2.0, 0.0])
    assert escape_step(cost, 0.0, 0.5) == 4
    assert escape_step(cost, 0.0, 0.3) == 3
    assert escape_step(cost, 1.0, 0.5) == 2
    assert escape_step(cost, 0.0, 5.0) is None
    assert escape_step(np.array([1.0, np.nan, -1.0]), 0.0, 0.5) == 2
    assert escape_step(cost, 0.0) == escape_step(cost, 0.0, ESCAPE_MARGIN)


@pytest.mark.parametrize(
    ("args", "match"),
    [
        ((np.zeros((2, 2)), 0.0, 0.5), "cost"),
        ((np.zeros(3), float("nan"), 0.5), "level"),
        ((np.zeros(3), 0.0, 0.0), "margin"),
        ((np.zeros(3), 0.0, -1.0), "margin"),
    ],
)
def test_escape_step_validates(args, match):
    with pytest.raises(ValueError, match=match):
        escape_step(*args)


# -- start and paths -----------------------------------------------------------------------------


def test_start_point_is_near_the_ridge_on_the_saddles_and_the_default_on_the_plateau():
    assert start_point("saddle", 1e-6) == (-1.8, 1e-6)
    assert start_point("monkey_saddle", 0.1) == (1.5, 0.1)
    assert start_point("plateau", 0.1) == make_surface("plateau").start
    with pytest.raises(ValueError, match="surface"):
        start_point("himmelblau")
    with pytest.raises(ValueError, match="w2"):
        start_point("saddle", 100.0)


def test_gradient_descent_on_the_saddle_follows_the_closed_form():
    """J = w₁² − w₂²: w₁ ← (1 − 2α) w₁ and w₂ ← (1 + 2α) w₂ exactly."""
    result = escape("saddle", {"gd": 0.1}, 120, w2=1e-3)
    run = result.runs["gd"]
    t = np.arange(121)
    np.testing.assert_allclose(run.path[:, 0], -1.8 * 0.8**t, rtol=1e-12)
    np.testing.assert_allclose(run.path[:, 1], 1e-3 * 1.2**t, rtol=1e-12)
    np.testing.assert_allclose(run.cost, run.path[:, 0] ** 2 - run.path[:, 1] ** 2, rtol=1e-12)
    by_formula = np.flatnonzero((1.8 * 0.8**t) ** 2 - (1e-3 * 1.2**t) ** 2 < -0.5)[0]
    assert run.escaped_at == by_formula == 36
    assert run.first_step == pytest.approx(0.1 * math.hypot(3.6, 2e-3), rel=1e-12)


def test_every_run_is_the_shared_optimizer_from_the_common_start():
    result = escape("monkey_saddle", SAME_RATE, 50, w2=1e-3, beta=0.8, beta2=0.95)
    surface = make_surface("monkey_saddle")
    optimizers = {
        "gd": make_optimizer("gd", 0.1),
        "momentum": make_optimizer("momentum", 0.1, beta=0.8),
        "momentum_sum": make_optimizer("momentum", 0.1, beta=0.8, form="sum"),
        "rmsprop": make_optimizer("rmsprop", 0.1, beta=0.95),
        "adam": make_optimizer("adam", 0.1),
    }
    for name, run in result.runs.items():
        expected = optimizer_path(surface, optimizers[name], (1.5, 1e-3), 50)
        np.testing.assert_array_equal(run.path, expected)
        assert run.learning_rate == 0.1
    assert list(result.runs) == list(COMPARED)
    assert result.start == (1.5, 1e-3) and result.steps == 50


def test_momentum_first_step_is_one_minus_beta_of_gradient_descents():
    """v₁ = (1 − β) dW because v₀ = 0: momentum starts slowly (the EWMA's start-up bias)."""
    result = escape("plateau", SAME_RATE, 5, beta=0.9)
    gd, momentum, adam = (result.runs[name] for name in ("gd", "momentum", "adam"))
    gradient = np.hypot(*make_surface("plateau").grad(-7.0, -6.0))
    assert gd.first_step == pytest.approx(0.1 * gradient, rel=1e-12)
    assert momentum.first_step == pytest.approx(0.1 * gd.first_step, rel=1e-12)
    # Adam's first step is α · dW / (|dW| + ε) per coordinate: α√2 whatever the gradient's size
    # (up to ε = 1e-8 next to |dW| ≈ 0.006).
    assert adam.first_step == pytest.approx(0.1 * math.sqrt(2), rel=1e-5)


# -- the page's claims ---------------------------------------------------------------------------


def test_on_the_saddle_momentum_escapes_later_than_gd_without_1_minus_beta_sooner():
    steps = {n: r.escaped_at for n, r in escape("saddle", SAME_RATE, 300).runs.items()}
    assert steps == {"gd": 36, "momentum": 69, "momentum_sum": 18, "rmsprop": 5, "adam": 11}


@pytest.mark.parametrize("beta", [0.5, 0.8, 0.9])
def test_on_the_plateau_a_step_is_gds_with_1_minus_beta_and_1_over_1_minus_beta_without(beta):
    """A steady gradient: v settles at dW (average form) or dW / (1 − β) (sum form)."""
    result = escape("plateau", SAME_RATE, 300, beta=beta)
    ratio = {name: result.step_ratio(run) for name, run in result.runs.items()}
    assert ratio["gd"] == pytest.approx(1.0, rel=1e-9)
    assert ratio["momentum"] == pytest.approx(1.0, rel=0.01)
    assert ratio["momentum_sum"] == pytest.approx(1 / (1 - beta), rel=0.05)
    assert ratio["rmsprop"] > 10 and ratio["adam"] > 10  # ÷ √s: about α whatever dW


def test_step_ratio_by_hand_and_nan_for_a_run_that_never_stalled():
    result = escape("saddle", {"gd": 0.1, "momentum": 0.1}, 100)
    run = result.runs["momentum"]
    field = make_surface("saddle")
    ratios = []
    for t in range(run.escaped_at):
        if abs(run.cost[t]) <= result.margin:
            step = np.linalg.norm(run.path[t + 1] - run.path[t])
            ratios.append(step / (0.1 * np.hypot(*field.grad(*run.path[t]))))
    assert result.step_ratio(run) == pytest.approx(np.median(ratios), rel=1e-12)
    fast = escape("saddle", {"gd": 1.0}, 50)  # J goes from 3.24 straight below 0.5: no stall
    assert math.isnan(fast.step_ratio(fast.runs["gd"]))


def test_the_momentum_text_is_computed_from_the_runs():
    result = escape("saddle", SAME_RATE, 300)
    text = texts.momentum_text(result, 0.9)
    ratios = [result.step_ratio(result.runs[n]) for n in ("momentum", "momentum_sum")]
    assert "v settles at dW/(1 − β) = 10·dW, a 10× larger step at the same α" in text
    assert "(v₁ = (1 − β)dW = 0.1·dW)" in text
    assert f"on median {ratios[0]:.3g}× gradient descent's α‖dW‖ with (1 − β)" in text
    assert f"and {ratios[1]:.3g}× without" in text
    assert "escaped after 69 steps, later than gradient descent (36)" in text
    assert "v = βv + dW after 18 steps, sooner than gradient descent (36)" in text
    assert "scikit-learn's and PyTorch's momentum" in text
    plateau = texts.momentum_text(escape("plateau", SAME_RATE, 300, beta=0.5), 0.5)
    assert "dW/(1 − β) = 2·dW" in plateau
    assert "escaped not in 300 steps (nor did gradient descent)" in plateau
    with pytest.raises(ValueError, match="momentum_sum"):
        texts.momentum_text(escape("saddle", {"gd": 0.1, "momentum": 0.1}, 10), 0.9)


def test_the_rmsprop_and_adam_text_is_computed_from_the_runs():
    result = escape("plateau", SAME_RATE, 300)
    text = texts.normalized_text(result)
    rms = result.step_ratio(result.runs["rmsprop"])
    assert f"RMSprop {rms:.3g}× gradient descent's α‖dW‖, escaped after 44 steps, " in text
    assert "gradient descent not in 300" in text
    assert texts.normalized_text(escape("plateau", {"gd": 0.1}, 10)) == ""


def test_a_closer_start_costs_gd_the_same_steps_per_decade_but_not_adam():
    far = escape("saddle", SAME_RATE, 300, w2=1e-3).runs
    near = escape("saddle", SAME_RATE, 300, w2=1e-6).runs
    # Three decades closer: ≈ 3 ln 10 / ln 1.2 ≈ 38 more steps of gradient descent.
    assert near["gd"].escaped_at - far["gd"].escaped_at == pytest.approx(
        3 * math.log(10) / math.log(1.2), abs=1.5
    )
    assert near["momentum"].escaped_at > far["momentum"].escaped_at + 30
    for name in ("rmsprop", "adam"):
        assert abs(near[name].escaped_at - far[name].escaped_at) <= 1


def test_on_the_plateau_momentum_with_1_minus_beta_is_no_faster_than_gd_and_adam_crosses():
    result = escape("plateau", SAME_RATE, 300)
    runs = result.runs
    assert runs["gd"].escaped_at is None and runs["momentum"].escaped_at is None
    assert runs["rmsprop"].escaped_at == 44 and runs["adam"].escaped_at == 56
    # A constant gradient: momentum's v settles to dW, so it ends where gradient descent does.
    assert np.linalg.norm(runs["momentum"].path[-1] - runs["gd"].path[-1]) < 0.01
    assert runs["adam"].cost[-1] == pytest.approx(-0.2, abs=1e-3)  # the minimum J(1, 1)
    assert result.steps_stalled(runs["gd"]) == 301


def test_on_the_plateau_a_large_alpha_bounces_gd_but_momentum_settles():
    runs = escape("plateau", {"gd": 3.0, "momentum": 3.0}, 300).runs
    assert runs["gd"].escaped_at == 145 and runs["momentum"].escaped_at == 168
    assert runs["gd"].cost[-1] == pytest.approx(0.145, abs=0.005)
    assert runs["gd"].cost[-2] == pytest.approx(runs["gd"].cost[-1], abs=1e-6)  # a 2-cycle
    assert np.linalg.norm(runs["gd"].path[-1] - runs["gd"].path[-2]) > 1.0
    assert runs["momentum"].cost[-1] == pytest.approx(-0.2, abs=1e-6)


@pytest.mark.parametrize("w2", [1e-6, 1e-4, 1e-3, 1e-2])
def test_on_the_monkey_saddle_momentum_coasts_through_the_flat_point(w2):
    runs = escape("monkey_saddle", SAME_RATE, 300, w2=w2).runs
    momentum = runs["momentum"]
    assert momentum.escaped_at == 17
    assert momentum.path[momentum.escaped_at, 0] < -0.5  # in the valley along w₁ < 0
    gd = runs["gd"]
    assert gd.escaped_at is None or gd.escaped_at > momentum.escaped_at
    if w2 <= 1e-3:  # from the default start and closer, gradient descent creeps far longer
        assert gd.escaped_at is None or gd.escaped_at > 3 * momentum.escaped_at


def test_gd_creeps_toward_the_flat_point_of_the_monkey_saddle():
    gd = escape("monkey_saddle", {"gd": 0.1}, 300, w2=1e-6).runs["gd"]
    assert gd.escaped_at is None
    assert 0 < gd.path[-1, 0] < 0.02 and abs(gd.cost[-1]) < 1e-5


def test_summary_and_steps_stalled_by_hand():
    result = escape("saddle", SAME_RATE, 300)
    gd = result.runs["gd"]
    assert result.steps_stalled(gd) == int(np.sum(np.abs(gd.cost) <= 0.5))
    rows = result.summary()
    assert [row["optimizer"] for row in rows] == [
        "gradient descent",
        "momentum v = βv + (1 − β)dW",
        "momentum v = βv + dW",
        "RMSprop",
        "Adam",
    ]
    assert rows[0] == {
        "optimizer": "gradient descent",
        "α": 0.1,
        "first step ‖w₁ − w₀‖": gd.first_step,
        "steps stalled": result.steps_stalled(gd),
        "step ÷ α‖dW‖ while stalled": pytest.approx(1.0, rel=1e-12),
        "steps to escape": 36,
    }


def test_escape_results_pickle_for_the_cache():
    result = escape("saddle", SAME_RATE, 20)
    copy = pickle.loads(pickle.dumps(result))
    np.testing.assert_array_equal(copy.runs["adam"].path, result.runs["adam"].path)
    assert copy.field.formula == make_surface("saddle").formula


def test_a_diverging_run_has_nan_cost_after_it_blows_up():
    run = escape("saddle", {"gd": 10.0}, 2000).runs["gd"]
    assert np.isnan(run.cost[-1]) and np.isfinite(run.cost[0])


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"surface": "rosenbrock"}, "surface"),
        ({"rates": {}}, "rates"),
        ({"rates": {"sgd": 0.1}}, "optimizer"),
        ({"rates": {"gd": 0.0}}, "learning_rate"),
        ({"rates": {"gd": float("inf")}}, "learning_rate"),
        ({"steps": 0}, "steps"),
        ({"steps": 10**6}, "steps"),
        ({"w2": float("nan")}, "w2"),
        ({"beta": 1.0}, "beta"),
        ({"beta2": -0.1}, "beta2"),
        ({"margin": 0.0}, "margin"),
    ],
)
def test_escape_validates(kwargs, match):
    args = {"surface": "saddle", "rates": {"gd": 0.1}, "steps": 5} | kwargs
    with pytest.raises(ValueError, match=match):
        escape(**args)


# -- random Hessians -----------------------------------------------------------------------------


def test_random_hessians_are_symmetric_goe_matrices():
    A = random_hessians(4, 20000, np.random.default_rng(0))
    assert A.shape == (20000, 4, 4)
    np.testing.assert_array_equal(A, A.transpose(0, 2, 1))
    # (G + Gᵀ)/√(2n): off-diagonal variance 1/n, diagonal variance 2/n.
    assert A[:, 0, 1].var() == pytest.approx(1 / 4, rel=0.05)
    assert A[:, 2, 2].var() == pytest.approx(2 / 4, rel=0.05)
    assert abs(A.mean()) < 0.01


def test_one_by_one_hessians_are_minima_half_the_time():
    fraction = hessian_census([1], 20000, seed=3).fraction_minima[0]
    assert fraction == pytest.approx(0.5, abs=3 * math.sqrt(0.25 / 20000))


def test_two_by_two_minima_match_the_exact_probability():
    """λ = u ± r with u ~ N(0, ½) and r Rayleigh(√½) independent: P(u > r) is the solid angle
    of a 45° cone, (1 − cos 45°)/2 = (2 − √2)/4 ≈ 0.146."""
    exact = (2 - math.sqrt(2)) / 4
    fraction = hessian_census([2], 20000, seed=1).fraction_minima[0]
    assert fraction == pytest.approx(exact, abs=3 * math.sqrt(exact * (1 - exact) / 20000))


def test_the_census_counts_every_sample_once_and_is_symmetric():
    census = hessian_census([1, 2, 3, 8, 20], 2000, seed=0)
    for n, counts in zip(census.dims, census.index_counts, strict=True):
        assert counts.shape == (n + 1,) and counts.sum() == 2000
    np.testing.assert_array_equal(census.minima, [c[0] for c in census.index_counts])
    np.testing.assert_array_equal(census.fraction_minima, census.minima / 2000)
    # −A is as likely as A: as many maxima as minima, half the directions downhill on average.
    np.testing.assert_allclose(census.maxima, census.minima, rtol=0.25, atol=15)
    np.testing.assert_allclose(census.mean_downhill, 0.5, atol=0.02)


def test_minima_fall_faster_than_coin_flips():
    census = hessian_census(range(1, 7), 3000, seed=0)
    fraction = census.fraction_minima
    assert np.all(np.diff(fraction[:4]) < 0)
    coin = coin_flip_minima(census.dims)
    assert np.all(fraction[2:] < coin[2:] / 3)  # n ≥ 3: well below 2⁻ⁿ
    assert fraction[-1] == 0.0  # n = 6: none in 3000


def test_the_downhill_count_is_narrower_than_binomial():
    counts = hessian_census([20], 2000, seed=0).index_counts[0]
    k = np.arange(21)
    mean = counts @ k / 2000
    variance = counts @ (k - mean) ** 2 / 2000
    assert mean == pytest.approx(10, abs=0.2)
    assert variance < 20 / 4 / 3  # Binomial(20, ½) has variance 5


def test_a_dimension_does_not_depend_on_the_others_or_the_stack_size(monkeypatch):
    alone = hessian_census([5], 700, seed=2).index_counts[0]
    together = hessian_census([1, 5, 3], 700, seed=2).index_counts[1]
    np.testing.assert_array_equal(alone, together)
    monkeypatch.setattr(hessians, "CHUNK_ENTRIES", 25 * 7)  # stacks of 7 matrices of 5 × 5
    np.testing.assert_array_equal(hessian_census([5], 700, seed=2).index_counts[0], alone)
    assert not np.array_equal(hessian_census([5], 700, seed=3).index_counts[0], alone)


def test_census_results_pickle_for_the_cache():
    census = hessian_census([1, 2], 10)
    copy = pickle.loads(pickle.dumps(census))
    np.testing.assert_array_equal(copy.minima, census.minima)


def test_coin_flips_by_hand():
    np.testing.assert_array_equal(coin_flip_minima([1, 2, 10]), [0.5, 0.25, 1 / 1024])
    np.testing.assert_array_equal(coin_flip_index(3), [1 / 8, 3 / 8, 3 / 8, 1 / 8])
    assert coin_flip_index(100).sum() == pytest.approx(1.0, rel=1e-12)


def test_dimension_grid():
    np.testing.assert_array_equal(dimension_grid(5), [1, 2, 3, 4, 5])
    grid = dimension_grid(100)
    np.testing.assert_array_equal(grid[:10], np.arange(1, 11))
    assert grid[-1] == 100 and np.all(np.diff(grid) > 0) and grid.size <= 20
    assert dimension_grid(50)[-1] == 50


def test_census_work_is_samples_times_the_sum_of_cubes():
    assert census_work([1, 2, 3], 10) == 10 * 36
    assert census_work(dimension_grid(100), 1000) <= hessians.MAX_EIG_WORK


@pytest.mark.parametrize(
    ("args", "match"),
    [
        (([], 10), "dims"),
        (([0], 10), r"dims\[0\]"),
        (([1, MAX_DIM + 1], 10), r"dims\[1\]"),
        (([2.5], 10), r"dims\[0\]"),
        (([2, 2], 10), "repeat"),
        (([2], 0), "samples"),
        (([2], MAX_MATRICES + 1), "samples"),
        (([2], 10, -1), "seed"),
        ((dimension_grid(100), MAX_MATRICES), "more than this server allows"),
    ],
)
def test_hessian_census_validates(args, match):
    with pytest.raises(ValueError, match=match):
        hessian_census(*args)


@pytest.mark.parametrize(
    ("function", "args", "match"),
    [
        (dimension_grid, (0,), "n_max"),
        (dimension_grid, (MAX_DIM + 1,), "n_max"),
        (dimension_grid, (50, 5), "points"),
        (coin_flip_index, (0,), "n"),
        (coin_flip_minima, ([],), "dims"),
        (random_hessians, (0, 5, np.random.default_rng(0)), "n"),
        (random_hessians, (3, 0, np.random.default_rng(0)), "samples"),
    ],
)
def test_helpers_validate(function, args, match):
    with pytest.raises(ValueError, match=match):
        function(*args)


def test_the_pages_settings():
    keys = [s.key for s in (*settings.SETTINGS, *settings.CENSUS_SETTINGS)]
    assert len(keys) == len(set(keys)) == len(settings.BY_KEY)
    assert settings.BY_KEY["beta"] == ALL["beta"] and settings.BY_KEY["rms_beta"] == ALL["rms_beta"]
    assert settings.BY_KEY["surface"].options == tuple(escaping.STALLS)
    for name in COMPARED:
        assert settings.BY_KEY[escaping.RATE_KEYS[name]].options == ALL["lr"].options
    # Both forms of momentum are compared at the same α.
    assert escaping.RATE_KEYS["momentum_sum"] == escaping.RATE_KEYS["momentum"]
    default_work = census_work(
        dimension_grid(settings.BY_KEY["nmax"].default), settings.BY_KEY["samples"].default
    )
    assert default_work <= hessians.MAX_EIG_WORK / 5
