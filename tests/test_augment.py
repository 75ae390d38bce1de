"""Tests of playground.augment: each transformation against its formula, the label checks, and
every ValueError."""

from __future__ import annotations

import math

import numpy as np
import pytest

from playground.engine import settings as spec
from playground.engine.config import MAX_SAMPLES
from playground.topics.regularization.augment import (
    MAX_COPIES,
    REFLECTIONS,
    SETTINGS,
    VALID_RATIO,
    ReflectionCheck,
    augment,
    label_agreement,
    reflection_agreement,
    reflection_check,
)


def points(m: int = 6, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.RandomState(seed)
    return rng.randn(2, m), (np.arange(m) % 2).reshape(1, m)


def draws(m: int, copies: int, theta_degrees: float, seed: int):
    """The flips, angles and ε that augment draws, in its documented order."""
    rng = np.random.RandomState(seed)
    count = m * copies
    theta = math.radians(theta_degrees)
    return rng.rand(count) < 0.5, rng.uniform(-theta, theta, count), rng.standard_normal((2, count))


def xor_grid() -> tuple[np.ndarray, np.ndarray]:
    """A noise-free 8 × 8 grid over [-1, 1]² (no point on an axis): y = 1 where x₁ x₂ > 0."""
    axis = np.linspace(-0.875, 0.875, 8)
    xx, yy = np.meshgrid(axis, axis)
    X = np.vstack([xx.ravel(), yy.ravel()])
    return X, (X[0] * X[1] > 0).astype(np.int64).reshape(1, -1)


# -- augment ------------------------------------------------------------------------------------


def test_originals_come_first_and_every_copy_keeps_its_label():
    X, Y = points(5)
    X_aug, Y_aug = augment(X, Y, jitter=0.1, reflect="x1", rotate_degrees=20, copies=3, seed=4)
    assert X_aug.shape == (2, 20) and Y_aug.shape == (1, 20)
    np.testing.assert_array_equal(X_aug[:, :5], X)
    np.testing.assert_array_equal(Y_aug, np.tile(Y, 4))
    assert Y_aug.dtype == np.int64


def test_zero_copies_returns_the_data_unchanged():
    X, Y = points(4)
    X_aug, Y_aug = augment(X, Y, jitter=0.5, reflect="x1+x2", rotate_degrees=90, copies=0)
    np.testing.assert_array_equal(X_aug, X)
    np.testing.assert_array_equal(Y_aug, Y)


def test_jitter_alone_adds_sigma_times_epsilon():
    X, Y = points(4)
    X_aug, _ = augment(X, Y, jitter=0.3, copies=2, seed=7)
    _, _, noise = draws(4, 2, 0.0, 7)
    np.testing.assert_allclose(X_aug[:, 4:], np.tile(X, 2) + 0.3 * noise, rtol=0, atol=1e-15)


@pytest.mark.parametrize(("reflect", "signs"), list(REFLECTIONS.items()))
def test_a_reflection_mirrors_exactly_the_drawn_half_of_the_copies(reflect, signs):
    X, Y = points(50, seed=1)
    X_aug, _ = augment(X, Y, reflect=reflect, copies=2, seed=3)
    flipped, _, _ = draws(50, 2, 0.0, 3)
    originals = np.tile(X, 2)
    expected = np.where(flipped, originals * np.array(signs)[:, None], originals)
    np.testing.assert_array_equal(X_aug[:, 50:], expected)
    assert 30 < flipped.sum() < 70, "about half of the 100 copies are mirrored"


def test_the_named_reflections_are_the_course_flips():
    x = np.array([[2.0], [3.0]])
    y = np.array([[1]])
    for reflect, mirrored in {"x1": (-2, 3), "x2": (2, -3), "x1+x2": (-2, -3)}.items():
        # With 20 copies of one point some copies are mirrored and some are not.
        X_aug, _ = augment(x, y, reflect=reflect, copies=20, seed=0)
        assert {tuple(column) for column in X_aug[:, 1:].T} == {(2.0, 3.0), mirrored}


def test_rotation_keeps_the_distance_to_the_origin_and_turns_by_the_drawn_angle():
    X = np.array([[1.0, 0.0, 3.0], [0.0, 2.0, 4.0]])
    Y = np.array([[0, 1, 1]])
    X_aug, _ = augment(X, Y, rotate_degrees=30, copies=4, seed=11)
    _, angles, _ = draws(3, 4, 30.0, 11)
    new = X_aug[:, 3:]
    originals = np.tile(X, 4)
    np.testing.assert_allclose(np.hypot(*new), np.hypot(*originals), rtol=1e-12)
    turned = np.arctan2(new[1], new[0]) - np.arctan2(originals[1], originals[0])
    turned = (turned + np.pi) % (2 * np.pi) - np.pi
    np.testing.assert_allclose(turned, angles, atol=1e-12)
    assert np.all(np.abs(angles) <= math.radians(30))
    # (1, 0) rotated by φ is (cos φ, sin φ)
    np.testing.assert_allclose(new[:, 0], [math.cos(angles[0]), math.sin(angles[0])], atol=1e-12)


def test_reflect_then_rotate_then_jitter():
    X, Y = points(3, seed=2)
    X_aug, _ = augment(X, Y, jitter=0.2, reflect="x2", rotate_degrees=45, copies=2, seed=5)
    flipped, angles, noise = draws(3, 2, 45.0, 5)
    base = np.tile(X, 2)
    base = np.where(flipped, base * np.array([[1.0], [-1.0]]), base)
    cos, sin = np.cos(angles), np.sin(angles)
    expected = np.vstack([cos * base[0] - sin * base[1], sin * base[0] + cos * base[1]])
    np.testing.assert_allclose(X_aug[:, 3:], expected + 0.2 * noise, atol=1e-12)


def test_the_same_seed_gives_the_same_copies_and_another_seed_others():
    X, Y = points(10)
    first = augment(X, Y, jitter=0.1, rotate_degrees=10, copies=2, seed=1)[0]
    again = augment(X, Y, jitter=0.1, rotate_degrees=10, copies=2, seed=1)[0]
    other = augment(X, Y, jitter=0.1, rotate_degrees=10, copies=2, seed=2)[0]
    np.testing.assert_array_equal(first, again)
    assert not np.allclose(first, other)


def test_changing_the_reflection_keeps_the_other_draws():
    X, Y = points(10)
    plain = augment(X, Y, jitter=0.1, copies=1, seed=3)[0]
    mirrored = augment(X, Y, jitter=0.1, reflect="x1+x2", copies=1, seed=3)[0]
    flipped, _, _ = draws(10, 1, 0.0, 3)
    kept = ~flipped
    np.testing.assert_array_equal(plain[:, 10:][:, kept], mirrored[:, 10:][:, kept])


BAD_ARGUMENTS = [
    ({"X": np.zeros((3, 4))}, "X must have 2 rows"),
    ({"X": np.zeros(4)}, "X must be a 2-D array"),
    ({"X": np.array([[np.nan, 0.0], [0.0, 0.0]])}, "X must hold finite numbers"),
    ({"Y": np.zeros((1, 5), dtype=int)}, r"Y must have shape \(1, 4\)"),
    ({"Y": np.array([[0, 1, 2, -1]])}, "Y must hold labels"),
    ({"jitter": -0.1}, r"jitter must be in \[0.0, 1.0\]"),
    ({"jitter": 1.5}, r"jitter must be in \[0.0, 1.0\]"),
    ({"jitter": "0.1"}, "jitter must be a number"),
    ({"reflect": "diagonal"}, "reflect must be one of 'none', 'x1', 'x2', 'x1\\+x2'"),
    ({"rotate_degrees": -5}, r"rotate_degrees must be in \[0.0, 180.0\]"),
    ({"rotate_degrees": 181}, r"rotate_degrees must be in \[0.0, 180.0\]"),
    ({"copies": -1}, f"copies must be between 0 and {MAX_COPIES}"),
    ({"copies": MAX_COPIES + 1}, f"copies must be between 0 and {MAX_COPIES}"),
    ({"copies": 2.0}, "copies must be an integer"),
    ({"seed": -1}, "seed must be between 0 and"),
    ({"seed": 2**32}, "seed must be between 0 and"),
]


@pytest.mark.parametrize(("bad", "message"), BAD_ARGUMENTS)
def test_bad_arguments_raise_value_errors_naming_them(bad, message):
    X, Y = points(4)
    arguments = {"X": X, "Y": Y, **bad}
    with pytest.raises(ValueError, match=message):
        augment(**arguments)


def test_too_many_augmented_examples_is_refused():
    m = MAX_SAMPLES // 5 + 1
    X, Y = points(m)
    message = f"copies must keep m \\(1 \\+ copies\\) at most {MAX_SAMPLES}"
    with pytest.raises(ValueError, match=message):
        augment(X, Y, copies=4)
    assert augment(X[:, :-1], Y[:, :-1], copies=4)[0].shape[1] <= MAX_SAMPLES


# -- label agreement and the reflection check ---------------------------------------------------


def test_label_agreement_counts_the_nearest_neighbour_votes_by_hand():
    X = np.array([[0.0, 1.0, 10.0, 11.0], [0.0, 0.0, 0.0, 0.0]])
    Y = np.array([[0, 0, 1, 1]])
    X_new = np.array([[0.5, 10.5, 0.2, 10.2, 5.0], [0.0, 0.0, 0.0, 0.0, 0.0]])
    # neighbours: class 0, class 1, class 0, class 1; the last point's nearest is x = 1 (class 0).
    Y_new = np.array([[0, 1, 1, 1, 1]])
    assert label_agreement(X, Y, X_new, Y_new, k=1) == pytest.approx(3 / 5)
    # k = 3: the three nearest of x = 5 are 1, 0 (class 0) and 10 (class 1) → class 0.
    assert label_agreement(X, Y, X_new, Y_new, k=3) == pytest.approx(3 / 5)
    # k larger than m uses all m = 4 points: a 2-2 tie goes to the smallest label, 0.
    assert label_agreement(X, Y, X_new, np.zeros((1, 5), dtype=int), k=50) == 1.0


def test_reflection_agreement_finds_the_symmetries_of_xor():
    X, Y = xor_grid()
    assert reflection_agreement(X, Y, "none") == 1.0
    assert reflection_agreement(X, Y, "x1+x2") == 1.0
    assert reflection_agreement(X, Y, "x1") == 0.0
    assert reflection_agreement(X, Y, "x2") == 0.0


def test_every_reflection_is_a_symmetry_of_concentric_circles():
    angles = np.linspace(0, 2 * np.pi, 24, endpoint=False) + 0.1
    X = np.hstack([np.vstack([np.cos(angles), np.sin(angles)]) * r for r in (1.0, 2.0)])
    Y = np.repeat([0, 1], 24).reshape(1, -1)
    for reflect in REFLECTIONS:
        assert reflection_agreement(X, Y, reflect) == 1.0, reflect


def test_the_reflection_check_compares_with_fresh_dev_points():
    X, Y = xor_grid()
    X_dev = np.array([[0.5, -0.5, 0.5, -0.5], [0.5, 0.5, -0.5, -0.5]])
    Y_dev = np.array([[1, 0, 0, 1]])
    good = reflection_check(X, Y, X_dev, Y_dev, "x1+x2")
    assert (good.reflect, good.agreement, good.baseline, good.valid) == ("x1+x2", 1.0, 1.0, True)
    bad = reflection_check(X, Y, X_dev, Y_dev, "x1")
    assert (bad.agreement, bad.baseline, bad.valid) == (0.0, 1.0, False)


def test_a_reflection_is_valid_from_valid_ratio_times_the_baseline():
    assert VALID_RATIO == 0.8
    assert ReflectionCheck("x1", agreement=0.4, baseline=0.5).valid
    assert not ReflectionCheck("x1", agreement=0.39, baseline=0.5).valid


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda X, Y: label_agreement(X, Y, X, Y, k=0), "k must be between 1 and 50"),
        (lambda X, Y: label_agreement(X, Y, X, Y, k=51), "k must be between 1 and 50"),
        (lambda X, Y: label_agreement(X, Y, X[:1], Y), "X_new must have 2 rows"),
        (lambda X, Y: label_agreement(X, Y, X, Y[:, :2]), r"Y_new must have shape \(1, 4\)"),
        (lambda X, Y: label_agreement(X.T, Y, X, Y), "X must have 2 rows"),
        (lambda X, Y: reflection_agreement(X, Y, "flip"), "reflect must be one of"),
        (lambda X, Y: reflection_check(X, Y, X, Y, "flip"), "reflect must be one of"),
    ],
)
def test_bad_arguments_of_the_checks_raise_value_errors(call, message):
    X, Y = points(4)
    with pytest.raises(ValueError, match=message):
        call(X, Y)


# -- settings -----------------------------------------------------------------------------------


def test_the_settings_are_new_url_keys_with_valid_slider_or_option_widgets():
    keys = [setting.key for setting in SETTINGS]
    assert keys == ["jitter", "reflect", "rotate", "copies"]
    assert not set(keys) & set(spec.ALL), "augmentation keys must not clash with shared ones"
    for setting in SETTINGS:
        setting.validate(setting.default)
        if setting.kind == "int":
            assert setting.options or None not in (setting.low, setting.high, setting.step)
    defaults = {setting.key: setting.default for setting in SETTINGS}
    X, Y = points(10)
    X_aug, _ = augment(
        X,
        Y,
        jitter=defaults["jitter"],
        reflect=defaults["reflect"],
        rotate_degrees=defaults["rotate"],
        copies=defaults["copies"],
    )
    assert X_aug.shape == (2, 10 * (1 + defaults["copies"]))
