"""Surfaces: analytic gradients against finite differences; paths drive the real optimizers."""

import math

import numpy as np
import pytest

from playground.engine.optim import make_optimizer
from playground.engine.surfaces import SURFACES, make_surface, optimizer_path, steps_to_reach

POINTS = [(-1.3, 0.7), (0.4, -1.1), (2.0, 1.5), (-0.2, 0.05)]


@pytest.mark.parametrize("name", list(SURFACES))
def test_gradient_matches_two_sided_differences(name):
    surface = make_surface(name)
    eps = 1e-6
    for x, y in POINTS:
        dx, dy = surface.grad(x, y)
        approx_dx = (surface(x + eps, y) - surface(x - eps, y)) / (2 * eps)
        approx_dy = (surface(x, y + eps) - surface(x, y - eps)) / (2 * eps)
        np.testing.assert_allclose([dx, dy], [approx_dx, approx_dy], rtol=1e-6, atol=1e-6)


@pytest.mark.parametrize("name", list(SURFACES))
def test_known_minima_have_zero_gradient(name):
    surface = make_surface(name)
    for point in surface.minima:
        np.testing.assert_allclose(surface.grad(*point), (0.0, 0.0), atol=1e-4)


def test_grid_is_one_batched_evaluation_matching_pointwise_values():
    surface = make_surface("himmelblau")
    xs, ys, J = surface.grid(resolution=15)
    assert J.shape == (15, 15)
    assert J[3, 7] == pytest.approx(surface(xs[7], ys[3]))


def test_elongated_condition_number_sets_the_curvatures():
    surface = make_surface("elongated", condition=50.0)
    assert surface.grad(1.0, 1.0) == (1.0, 50.0)
    with pytest.raises(ValueError, match="condition"):
        make_surface("elongated", condition=0.5)


def test_gd_path_equals_the_update_rule_by_hand():
    surface = make_surface("elongated", condition=4.0)
    path = optimizer_path(surface, make_optimizer("gd", 0.1), (2.0, 1.0), 3)
    w = np.array([2.0, 1.0])
    expected = [w.copy()]
    for _ in range(3):
        w = w - 0.1 * np.array([w[0], 4.0 * w[1]])
        expected.append(w.copy())
    np.testing.assert_allclose(path, expected)


def test_adam_path_uses_the_shared_optimizer_state():
    surface = make_surface("rosenbrock")
    optimizer = make_optimizer("adam", 0.01)
    path = optimizer_path(surface, optimizer, surface.start, 10)
    assert optimizer.t == 10
    first_step = path[1] - path[0]
    np.testing.assert_allclose(np.abs(first_step), 0.01, rtol=1e-6)


def test_adam_crosses_the_plateau_where_gd_crawls():
    surface = make_surface("plateau")
    gd = optimizer_path(surface, make_optimizer("gd", 0.5), surface.start, 400)
    adam = optimizer_path(surface, make_optimizer("adam", 0.5), surface.start, 400)
    assert steps_to_reach(gd, surface, 1e-2) is None
    assert steps_to_reach(adam, surface, 1e-2) < 100


def test_a_diverging_path_fills_the_rest_with_nan():
    surface = make_surface("elongated", condition=100.0)
    path = optimizer_path(surface, make_optimizer("gd", 5.0), (1.0, 1.0), 2000)
    assert path.shape == (2001, 2)
    assert np.isnan(path[-1]).all()
    assert np.isfinite(path[0]).all()


@pytest.mark.parametrize(
    "kwargs, match",
    [
        ({"start": (1.0,)}, "start"),
        ({"start": (np.nan, 1.0)}, "start"),
        ({"steps": 0}, "steps"),
        ({"steps": 10**9}, "steps"),
    ],
)
def test_optimizer_path_validates(kwargs, match):
    args = {"start": (1.0, 1.0), "steps": 5} | kwargs
    with pytest.raises(ValueError, match=match):
        optimizer_path(make_surface("saddle"), make_optimizer("gd", 0.1), **args)


def test_unknown_surface_and_options_are_rejected():
    with pytest.raises(ValueError, match="surface"):
        make_surface("nope")
    with pytest.raises(ValueError, match="options"):
        make_surface("saddle", condition=3.0)


# -- the "Optimizers on surfaces" page: settings, race, summaries ------------------------------

from playground.engine.racing import RACERS, RATES, make_racer  # noqa: E402
from playground.engine.surfaces import (  # noqa: E402
    MAX_FRAMES,
    PathSummary,
    drawable,
    frame_steps,
    gd_stable_rate,
    steps_to_leave,
    summarize,
)
from playground.topics.optimizers_surfaces.model import (  # noqa: E402
    BY_KEY,
    SUGGESTED_RATES,
    adam_bias_effect,
    bias_report,
    default_start,
    gd_rate_note,
    page_settings,
    page_values,
    race,
    race_report,
    race_rows,
    racers_of,
    surface_of,
)


def test_suggested_rates_are_on_the_grid_for_every_surface_and_racer():
    assert set(SUGGESTED_RATES) == set(SURFACES)
    for rates in SUGGESTED_RATES.values():
        assert set(rates) >= set(RACERS)
        assert all(rate in RATES for rate in rates.values())


def test_default_start_rounds_to_the_slider_grid_but_stays_off_a_ridge():
    assert default_start(make_surface("rosenbrock")) == (-1.5, 2.5)
    assert default_start(make_surface("saddle")) == (-1.8, 0.01)  # 0.001 would show as 0.00
    assert default_start(make_surface("monkey_saddle")) == (1.5, 0.01)


def test_page_settings_change_only_defaults_with_the_surface():
    elongated = {s.key: s for s in page_settings("elongated")}
    rosenbrock = {s.key: s for s in page_settings("rosenbrock")}
    assert elongated.keys() == rosenbrock.keys() == BY_KEY.keys()
    assert (rosenbrock["w1"].default, rosenbrock["w2"].default) == (-1.5, 2.5)
    assert rosenbrock["gd_lr"].default == SUGGESTED_RATES["rosenbrock"]["gd"]
    for key in elongated:
        a, b = elongated[key], rosenbrock[key]
        assert (a.low, a.high, a.step, a.options) == (b.low, b.high, b.step, b.options), key
    with pytest.raises(ValueError, match="surface"):
        page_settings("nope")


def test_page_values_parse_urls_and_fall_back_to_the_surfaces_defaults():
    values = page_values({"surface": "beale", "w1": "2.5", "steps": "abc", "gd_lr": "0.0123"})
    assert values["surface"] == "beale" and values["w1"] == 2.5
    assert values["w2"] == 1.5  # beale's start
    assert values["steps"] == BY_KEY["steps"].default
    assert values["gd_lr"] == SUGGESTED_RATES["beale"]["gd"]
    assert page_values({"surface": "evil"})["surface"] == "elongated"


def test_race_runs_fresh_shared_optimizers_from_the_start():
    values = page_values({"surface": "himmelblau", "steps": 50, "w1": 1.0, "w2": -1.0})
    paths = race(values)
    assert list(paths) == list(RACERS) == list(racers_of(values))
    surface = surface_of(values)
    for name, path in paths.items():
        assert path.shape == (51, 2)
        np.testing.assert_array_equal(path[0], [1.0, -1.0])
        expected = optimizer_path(surface, make_racer(name, values), (1.0, -1.0), 50)
        np.testing.assert_array_equal(path, expected)
    assert len(race(values | {"more": True})) == 6


def test_surface_of_uses_kappa_only_for_the_elongated_bowl():
    values = page_values({"kappa": 50.0})
    assert surface_of(values).grad(1.0, 1.0) == (1.0, 50.0)
    assert surface_of(page_values({"surface": "saddle", "kappa": 50.0})).name == "saddle"


@pytest.mark.parametrize(
    ("values", "match"),
    [("x", "values must be a dict"), ({"surface": "saddle"}, "values is missing")],
)
def test_race_validates_its_values(values, match):
    with pytest.raises(ValueError, match=match):
        race(values)


def test_frame_steps_are_evenly_spaced_and_capped():
    assert list(frame_steps(5)) == [0, 1, 2, 3, 4, 5]
    frames = frame_steps(500)
    assert frames[0] == 0 and frames[-1] == 500 and len(frames) == MAX_FRAMES
    assert np.all(np.diff(frames) > 0) and np.ptp(np.diff(frames)) <= 1
    with pytest.raises(ValueError, match="steps"):
        frame_steps(0)
    with pytest.raises(ValueError, match="max_frames"):
        frame_steps(10, max_frames=1)


def test_steps_to_leave_and_drawable():
    surface = make_surface("saddle")  # box [-2, 2]²
    path = np.array([[0.0, 0.0], [1.0, 1.9], [1.0, 2.5], [np.nan, np.nan]])
    assert steps_to_leave(path, surface) == 2
    assert steps_to_leave(path[:2], surface) is None
    far = np.array([[0.0, 0.0], [1e4, 0.0]])  # 1e4 > 1000 box sizes (4) away
    np.testing.assert_array_equal(drawable(far, surface)[0], [0.0, 0.0])
    assert np.isnan(drawable(far, surface)[1]).all()


def test_summarize_reads_a_hand_made_path():
    surface = make_surface("elongated", condition=4.0)  # J = ½(x² + 4y²), J* = 0
    path = np.array([[2.0, 1.0], [1.0, 0.0], [0.01, 0.0], [0.02, 0.0]])
    s = summarize("gd", path, surface, 1e-3)
    assert s.reached == 2  # J(0.01, 0) = 5e-5
    assert s.final_J == pytest.approx(0.5 * 0.02**2)
    assert s.final_w == (0.02, 0.0) and s.nearest == (0.0, 0.0)
    assert s.distance == pytest.approx(0.02) and s.lowest == 0.0
    assert s.first_step == pytest.approx(math.hypot(1.0, 1.0))
    assert s.left_box is None and s.diverged_at is None and s.steps == 3


def test_summarize_stops_at_a_divergence():
    surface = make_surface("elongated", condition=100.0)
    path = optimizer_path(surface, make_optimizer("gd", 5.0), (1.0, 1.0), 50)
    s = summarize("gd", path, surface, 1e-3)
    assert s.diverged_at is not None and s.reached is None
    assert np.isfinite(s.final_J) and s.left_box <= s.diverged_at


@pytest.mark.parametrize(
    ("path", "tolerance", "match"),
    [
        (np.zeros((1, 2)), 1e-3, "path must have shape"),
        (np.full((3, 2), np.nan), 1e-3, "finite point"),
        (np.zeros((3, 2)), 0.0, "tolerance"),
    ],
)
def test_summarize_validates(path, tolerance, match):
    with pytest.raises(ValueError, match=match):
        summarize("gd", path, make_surface("saddle"), tolerance)


def _summary(name, **fields):
    base = {
        "name": name,
        "steps": 100,
        "reached": None,
        "left_box": None,
        "diverged_at": None,
        "final_J": 0.0,
        "final_w": (0.0, 0.0),
        "nearest": (0.0, 0.0),
        "distance": 0.0,
        "first_step": 0.1,
        "lowest": 0.0,
    }
    return PathSummary(**(base | fields))


def test_race_report_names_the_winner_the_bouncer_and_the_diverged():
    lines = race_report(
        [
            _summary("gd", reached=74),
            _summary("rmsprop", reached=64, final_J=0.1),
            _summary("momentum", final_J=0.5, distance=0.9),
            _summary("adam", diverged_at=3, final_J=2.0),
        ],
        1e-3,
    )
    assert (
        lines[0].startswith("**RMSprop** arrives first")
        and "(then gradient descent 74)" in lines[0]
    )
    assert "RMSprop got there at step 64 but did not stay" in lines[1]
    assert "bounces around the minimum" in lines[1]
    assert "momentum ends at J = 0.5, 0.9 from a minimum" in lines[2]
    assert lines[3].startswith("**Adam diverged**")


def test_race_report_on_a_saddle_counts_escapes():
    lines = race_report(
        [
            _summary("gd", left_box=56, nearest=None, distance=None, lowest=None),
            _summary("rmsprop", left_box=21, nearest=None, distance=None, lowest=None),
            _summary("momentum", final_J=-1.4, nearest=None, distance=None, lowest=None),
        ],
        1e-3,
    )
    assert lines[0] == (
        "Escaped downhill (left the plot, J → −∞): RMSprop at step 21, gradient descent at step 56."
    )
    assert lines[1] == "Still on the plot after 100 steps: momentum (J = -1.4)."
    with pytest.raises(ValueError, match="summaries"):
        race_report([], 1e-3)


def test_race_report_on_himmelblau_says_where_each_ended():
    values = page_values({"surface": "himmelblau"})
    surface = surface_of(values)
    summaries = [summarize(n, p, surface, 1e-3) for n, p in race(values).items()]
    lines = race_report(summaries, 1e-3, several_minima=True)
    assert any(line.startswith("Several minima:") for line in lines)


def test_gd_rate_note_follows_one_minus_alpha_kappa():
    surface = make_surface("elongated", condition=20.0)
    assert gd_stable_rate(surface) == pytest.approx(0.1)
    assert gd_stable_rate(make_surface("beale")) is None
    assert "1 − ακ = -0.40" in gd_rate_note(surface, 0.07)  # 1 − 0.07·20
    assert "zig-zags across the valley" in gd_rate_note(surface, 0.07)
    assert "diverges" in gd_rate_note(surface, 0.2)
    assert "flips sign forever" in gd_rate_note(surface, 0.1)
    assert "without zig-zag" in gd_rate_note(surface, 0.01)
    assert gd_rate_note(make_surface("saddle"), 0.1) is None
    with pytest.raises(ValueError, match="learning_rate"):
        gd_rate_note(surface, 0.0)


def test_adam_bias_effect_measures_a_first_step_sqrt10_times_longer():
    values = page_values({})  # elongated, start (−9, 3), Adam α = 0.3
    effect = adam_bias_effect(values)
    # Corrected: each coordinate moves α·sign(dw) at t = 1, so ‖w₁ − w₀‖ = α√2.
    assert effect.corrected[0] == pytest.approx(0.3 * math.sqrt(2), rel=1e-6)
    assert effect.uncorrected[0] / effect.corrected[0] == pytest.approx(math.sqrt(10), rel=1e-6)
    assert effect.ratio_first == pytest.approx(math.sqrt(10))
    text = bias_report(effect, values)
    assert "3.16× larger" in text and "too *big*" in text
    small = adam_bias_effect(values | {"beta2": 0.9})
    assert "smaller" in bias_report(small, values | {"beta2": 0.9})
    with pytest.raises(ValueError, match="effect must be a BiasEffect"):
        bias_report("x", values)
    with pytest.raises(ValueError, match="count"):
        adam_bias_effect(values, count=0)


def test_race_rows_are_text_per_optimizer():
    values = page_values({"surface": "saddle"})
    surface = surface_of(values)
    summaries = [summarize(n, p, surface, values["tol"]) for n, p in race(values).items()]
    rows = race_rows(summaries, values)
    assert [row["optimizer"] for row in rows] == ["gradient descent", "momentum", "RMSprop", "Adam"]
    assert rows[0]["hyperparameters"] == "α = 0.05"
    assert rows[0]["steps to J − J* ≤ 0.001"] == "—"  # a saddle has no minimum
    assert rows[0]["note"].startswith("left the plot at step")
    assert all(isinstance(v, str) for row in rows for v in row.values())
