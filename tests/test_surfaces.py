"""Surfaces: analytic gradients against finite differences; paths drive the real optimizers."""

import numpy as np
import pytest

from playground.optim import make_optimizer
from playground.surfaces import SURFACES, make_surface, optimizer_path, steps_to_reach

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
