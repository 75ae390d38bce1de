"""Tests for playground.splits: split sizes, margins of error, shifted distributions, the demo."""

from __future__ import annotations

import math

import numpy as np
import pytest

from playground.engine import settings as spec
from playground.engine.data import Split, make_dataset, split
from playground.engine.fitting import Model, error_rate, fit
from playground.topics.splits import mismatched, set_sizes, settings, setups

NNBSP = "\u202f"


# --------------------------------------------------------------------------- sizes


@pytest.mark.parametrize(
    ("m", "fractions", "sizes"),
    [
        (1000, (0.6, 0.2, 0.2), (600, 200, 200)),
        (10**6, (0.98, 0.01, 0.01), (980_000, 10_000, 10_000)),
        (10**6, (0.995, 0.0025, 0.0025), (995_000, 2_500, 2_500)),
        (10, (0.98, 0.01, 0.01), (8, 1, 1)),  # a non-empty part keeps at least one example
        (1000, (0.7, 0.3), (700, 300, 0)),  # no test set
        (7, (0.6, 0.2, 0.2), (5, 1, 1)),  # ⌊1.4⌋ = 1
    ],
)
def test_split_sizes_by_hand(m: int, fractions: tuple, sizes: tuple) -> None:
    assert set_sizes.split_sizes(m, fractions) == sizes


@pytest.mark.parametrize("m", [3, 10, 537, 2000])
def test_split_sizes_match_the_arrays_data_split_cuts(m: int) -> None:
    X, Y = np.zeros((2, m)), np.zeros((1, m), dtype=int)
    parts = split(X, Y, (0.9, 0.05, 0.05))
    cut = (parts.X_train.shape[1], parts.X_dev.shape[1], parts.X_test.shape[1])
    assert set_sizes.split_sizes(m, (0.9, 0.05, 0.05)) == cut


@pytest.mark.parametrize(
    ("args", "argument"),
    [
        ((0, (0.6, 0.2, 0.2)), "m"),
        ((10**9 + 1, (0.6, 0.2, 0.2)), "m"),
        ((100, (0.6, 0.2, 0.3)), "fractions"),
        ((100, (0.6,)), "fractions"),
        ((100, (0.0, 0.5, 0.5)), "train"),
        ((2, (0.5, 0.25, 0.25)), "at least one training example"),
    ],
)
def test_split_sizes_reject_bad_arguments(args: tuple, argument: str) -> None:
    with pytest.raises(ValueError, match=argument):
        set_sizes.split_sizes(*args)


def test_error_margin_is_the_binomial_standard_error_times_z() -> None:
    # 1.96 · √(0.05 · 0.95 / 10 000) = 1.96 · 0.0021794 = 0.0042717.
    assert set_sizes.error_margin(10_000) == pytest.approx(0.0042717, rel=1e-4)
    assert set_sizes.error_margin(100) == pytest.approx(0.042717, rel=1e-4)
    assert set_sizes.error_margin(400, error=0.5, z=1.0) == pytest.approx(0.025)
    assert set_sizes.error_margin(5, error=0.0) == 0.0


@pytest.mark.parametrize(
    ("kwargs", "argument"),
    [({"m_dev": 0}, "m_dev"), ({"error": 1.2}, "error"), ({"z": 0.0}, "z"), ({"z": 11}, "z")],
)
def test_error_margin_rejects_bad_arguments(kwargs: dict, argument: str) -> None:
    with pytest.raises(ValueError, match=argument):
        set_sizes.error_margin(**({"m_dev": 100} | kwargs))


def test_user_fractions() -> None:
    assert set_sizes.user_fractions(5, 5) == pytest.approx((0.9, 0.05, 0.05))
    assert set_sizes.user_fractions(0.1, 0.0) == pytest.approx((0.999, 0.001, 0.0))
    with pytest.raises(ValueError, match=r"dev_percent \+ test_percent must stay below 100"):
        set_sizes.user_fractions(50, 50)
    with pytest.raises(ValueError, match="dev_percent"):
        set_sizes.user_fractions(0, 5)
    with pytest.raises(ValueError, match="test_percent"):
        set_sizes.user_fractions(5, -1)


def test_split_table_rows() -> None:
    rows = set_sizes.split_table(10**6, 0.5, 0.5)
    assert [row.name for row in rows] == ["classic 60/20/20", "modern 98/1/1", "yours 99/0.5/0.5"]
    assert [row.sizes for row in rows] == [
        (600_000, 200_000, 200_000),
        (980_000, 10_000, 10_000),
        (990_000, 5_000, 5_000),
    ]
    assert rows[1].margin == pytest.approx(set_sizes.error_margin(10_000))
    assert [row.name for row in set_sizes.split_table(1000)] == list(set_sizes.RULES)
    with pytest.raises(ValueError, match="dev_percent"):
        set_sizes.split_table(1000, 60, 40)


def test_explain_split_per_size() -> None:
    million = set_sizes.explain_split(set_sizes.split_table(10**6, 5, 5))
    assert f"1% is 10{NNBSP}000 dev examples" in million
    assert "±0.43%: plenty to compare models" in million
    assert f"60/20/20 would hold 400{NNBSP}000 examples back from training" in million
    thousand = set_sizes.explain_split(set_sizes.split_table(1000))
    assert "1% is too few: keep the classic 60/20/20" in thousand
    assert "1% is 10 dev examples" in thousand and "±13.5%" in thousand
    assert "too noisy to tell two models apart" in thousand
    middle = set_sizes.explain_split(set_sizes.split_table(100_000))
    assert "a dev share between the two rules" in middle
    assert "enough for large differences, not for fine ones" in middle
    one = set_sizes.explain_split(set_sizes.split_table(100))
    assert "1% is 1 dev example " in one
    with pytest.raises(ValueError, match="rows"):
        set_sizes.explain_split(())


def test_count_text_groups_thousands() -> None:
    assert set_sizes.count_text(1_000_000) == f"1{NNBSP}000{NNBSP}000"
    assert set_sizes.count_text(980) == "980"


# --------------------------------------------------------------------------- shifts


def test_rotation_by_hand() -> None:
    X = np.array([[1.0, 2.0], [0.0, 1.0]])
    origin = np.zeros((2, 1))
    np.testing.assert_allclose(
        mismatched.shift_points(X, "rotate", 90, origin), [[0.0, -1.0], [1.0, 2.0]], atol=1e-12
    )
    # About the centre (1, 1): (2, 1) → (1, 2); the centre stays put.
    center = np.array([[1.0], [1.0]])
    X = np.array([[2.0, 1.0], [1.0, 1.0]])
    np.testing.assert_allclose(
        mismatched.shift_points(X, "rotate", 90, center), [[1.0, 1.0], [2.0, 1.0]], atol=1e-12
    )
    np.testing.assert_allclose(mismatched.shift_points(X, "rotate", 0, center), X)
    np.testing.assert_allclose(mismatched.shift_points(X, "rotate", 360, center), X, atol=1e-12)


def test_rotation_keeps_distances_to_the_center() -> None:
    X = np.random.RandomState(0).randn(2, 50)
    center = np.array([[0.3], [-0.2]])
    moved = mismatched.shift_points(X, "rotate", 37, center)
    np.testing.assert_allclose(
        np.linalg.norm(moved - center, axis=0), np.linalg.norm(X - center, axis=0)
    )


def test_translation_moves_along_x1_only() -> None:
    X = np.array([[0.0, 1.0], [2.0, 3.0]])
    moved = mismatched.shift_points(X, "translate", 0.5, np.zeros((2, 1)))
    np.testing.assert_allclose(moved, [[0.5, 1.5], [2.0, 3.0]])


@pytest.mark.parametrize(
    ("args", "argument"),
    [
        ((np.ones((2, 3)), "noise", 0.1), "kind"),
        ((np.ones((3, 3)), "rotate", 10), "X"),
        ((np.ones((2, 3)), "rotate", 400), "amount"),
        ((np.ones((2, 3)), "translate", -1), "amount"),
        ((np.ones((2, 3)), "rotate", 10, np.zeros(2)), "center"),
        ((np.ones((2, 3)), "rotate", 10, np.full((2, 1), np.nan)), "center"),
    ],
)
def test_shift_points_reject_bad_arguments(args: tuple, argument: str) -> None:
    X, kind, amount, *center = args
    with pytest.raises(ValueError, match=argument):
        mismatched.shift_points(X, kind, amount, center[0] if center else np.zeros((2, 1)))


def test_describe_shift() -> None:
    assert mismatched.describe_shift("rotate", 45, 0.1) == "rotated by 45° about the training mean"
    assert mismatched.describe_shift("translate", 0.5, 0.1) == "moved 0.5 to the right along x₁"
    assert mismatched.describe_shift("noise", 0.3, 0.1) == "drawn with noise 0.3 instead of 0.1"
    with pytest.raises(ValueError, match="kind"):
        mismatched.describe_shift("flip", 1, 0.1)


# --------------------------------------------------------------------------- mismatch


def test_source_split_is_make_dataset_cut_60_20_20() -> None:
    source = mismatched.source_split("moons", 400, 0.1, 20, 3)
    X, Y = make_dataset("moons", 400, 0.1, 3)
    expected = split(X, Y, (0.6, 0.2, 0.2), seed=3)
    for got, want in zip(source, expected, strict=True):
        np.testing.assert_array_equal(got, want)
    assert source.X_train.shape == (2, 240) and source.X_test.shape == (2, 80)


def test_shifted_sets_are_a_fresh_sample_moved_about_the_training_mean() -> None:
    plain = mismatched.make_mismatch("moons", 400, 0.1, 20, "rotate", 0, 3)
    rotated = mismatched.make_mismatch("moons", 400, 0.1, 20, "rotate", 30, 3)
    X, Y = make_dataset("moons", 400, 0.1, 3 + mismatched.SHIFT_SEED_OFFSET)
    fresh = split(X, Y, (0.6, 0.2, 0.2), seed=3 + mismatched.SHIFT_SEED_OFFSET)
    np.testing.assert_allclose(plain.X_dev_shift, fresh.X_dev)
    np.testing.assert_array_equal(plain.Y_test_shift, fresh.Y_test)
    assert not np.allclose(plain.X_dev_shift, plain.source.X_dev), "new examples"
    center = rotated.source.X_train.mean(axis=1, keepdims=True)
    np.testing.assert_allclose(
        rotated.X_dev_shift, mismatched.shift_points(fresh.X_dev, "rotate", 30, center)
    )
    np.testing.assert_array_equal(rotated.Y_dev_shift, fresh.Y_dev)
    for got, want in zip(rotated.source, plain.source, strict=True):
        np.testing.assert_array_equal(got, want)


def test_noise_shift_draws_the_shifted_sets_at_the_other_noise() -> None:
    mismatch = mismatched.make_mismatch("circles", 300, 0.05, 10, "noise", 0.3, 0)
    X, Y = make_dataset("circles", 300, 0.3, mismatched.SHIFT_SEED_OFFSET)
    fresh = split(X, Y, (0.8, 0.1, 0.1), seed=mismatched.SHIFT_SEED_OFFSET)
    np.testing.assert_allclose(mismatch.X_test_shift, fresh.X_test)
    assert mismatch.X_dev_shift.shape == mismatch.source.X_dev.shape == (2, 30)
    assert mismatch.n_classes == 2


def test_all_points_and_sets() -> None:
    mismatch = mismatched.make_mismatch("spiral", 120, 0.1, 10, "translate", 1.0, 0, n_classes=3)
    assert mismatch.n_classes == 3
    sets = mismatch.sets()
    assert list(sets) == list(mismatched.SET_NAMES)
    assert [X.shape[1] for X, _ in sets.values()] == [96, 12, 12, 12, 12]
    assert mismatch.all_points().shape == (2, 144)


@pytest.mark.parametrize(
    ("change", "argument"),
    [
        ({"kind": "flip"}, "kind"),
        ({"kind": "noise", "amount": 1.5}, "amount"),
        ({"kind": "rotate", "amount": -5}, "amount"),
        ({"dev_percent": 50}, "dev_percent"),
        ({"dev_percent": 0}, "dev_percent"),
        ({"seed": 2**32 - 1}, "seed"),
        ({"name": "blobs"}, "name"),
        ({"n": 10**6}, "n_samples"),
    ],
)
def test_make_mismatch_rejects_bad_arguments(change: dict, argument: str) -> None:
    arguments = {"name": "moons", "n": 200, "noise": 0.1, "dev_percent": 20, "kind": "rotate"}
    arguments |= {"amount": 30, "seed": 0} | change
    with pytest.raises(ValueError, match=argument):
        mismatched.make_mismatch(**arguments)


def test_fit_source_trains_the_demo_network_on_the_training_set_only() -> None:
    source = mismatched.source_split("moons", 200, 0.1, 20, 0)
    net = mismatched.fit_source(source, 2, 5)
    expected = fit(source.X_train, source.Y_train, Model((20, 20)), 2, 300, 0.01, 5)
    np.testing.assert_allclose(net.params.flat, expected.params.flat)
    assert net.layer_dims == [2, 20, 20, 1]
    with pytest.raises(ValueError, match="source"):
        mismatched.fit_source((source.X_train, source.Y_train))
    with pytest.raises(ValueError, match="n_classes"):
        mismatched.fit_source(source, 1)


def test_the_default_demo_shows_the_dev_error_jump() -> None:
    mismatch = mismatched.make_mismatch("moons", 400, 0.1, 20, "rotate", 45, 0)
    net = mismatched.fit_source(mismatch.source, 2, 1)
    errors = mismatched.mismatch_errors(net, mismatch)
    assert list(errors) == list(mismatched.SET_NAMES)
    assert errors["dev (same)"] == error_rate(net, mismatch.source.X_dev, mismatch.source.Y_dev)
    assert errors["train"] < 0.02 and errors["dev (same)"] < 0.05
    assert errors["dev (shifted)"] > errors["dev (same)"] + 0.2
    assert errors["test (shifted)"] > errors["test (same)"] + 0.2


def test_an_empty_test_set_has_no_error() -> None:
    source = mismatched.source_split("moons", 100, 0.1, 10, 0)
    empty = Split(*source[:4], np.zeros((2, 0)), np.zeros((1, 0), dtype=int))
    mismatch = mismatched.Mismatch(
        empty, source.X_dev, source.Y_dev, np.zeros((2, 0)), np.zeros((1, 0), dtype=int), 2
    )
    errors = mismatched.mismatch_errors(mismatched.fit_source(source), mismatch)
    assert math.isnan(errors["test (same)"]) and math.isnan(errors["test (shifted)"])
    with pytest.raises(ValueError, match="mismatch"):
        mismatched.mismatch_errors(mismatched.fit_source(source), source)


def test_explain_mismatch_per_case() -> None:
    errors = dict(zip(mismatched.SET_NAMES, (0.0, 0.02, 0.03, 0.3, 0.28), strict=True))
    text = mismatched.explain_mismatch(errors, "rotated by 45° about the training mean")
    assert "dev set rotated by 45° about the training mean **30.0%** — 28.0 points worse" in text
    assert "tested on shifted data (28.0%)" in text
    assert "The course's rule:" in text and "*same* distribution" in text
    errors["dev (shifted)"] = 0.03
    assert "hardly any different" in mismatched.explain_mismatch(errors, "rotated by 0°")
    with pytest.raises(ValueError, match="missing"):
        mismatched.explain_mismatch({"train": 0.0}, "rotated")


SIZES = dict.fromkeys(mismatched.SET_NAMES, 80) | {"train": 240}


def test_setups_pair_the_sets_and_the_margin_of_their_difference_by_hand() -> None:
    errors = dict(zip(mismatched.SET_NAMES, (0.0, 0.02, 0.03, 0.3, 0.28), strict=True))
    web, wrong, right = setups.setups(errors, SIZES)
    assert (web.dev_error, web.test_error) == (0.02, 0.03)
    assert (wrong.dev_error, wrong.test_error) == (0.02, 0.28)
    assert (right.dev_error, right.test_error) == (0.3, 0.28)
    p = (0.3 + 0.28) / 2
    assert right.margin == pytest.approx(1.96 * math.sqrt(p * (1 - p) * (2 / 80)))
    assert right.gap == pytest.approx(-0.02)
    assert right.agrees and web.agrees and not wrong.agrees
    assert [r.aims_at_target for r in (web, wrong, right)] == [False, False, True]
    columns = setups.setup_columns((web, wrong, right))
    assert columns["test − dev"] == ["+1.0 points", "+26.0 points", "−2.0 points"]
    assert columns["dev predicts test"][1] == f"no (±{100 * wrong.margin:.1f})"
    assert columns["dev measures your users"] == ["no", "no", "yes"]
    with pytest.raises(ValueError, match="missing"):
        setups.setups({"train": 0.0}, SIZES)
    with pytest.raises(ValueError, match="dev \\(shifted\\)"):
        setups.setups(errors | {"dev (shifted)": math.nan}, SIZES)


def test_the_acceptable_setup_is_explained_with_its_numbers() -> None:
    errors = dict(zip(mismatched.SET_NAMES, (0.0, 0.02, 0.03, 0.3, 0.28), strict=True))
    results = setups.setups(errors, SIZES)
    text = setups.explain_setups(results, 0.0)
    right = results[2]
    assert (
        "**dev and test from your users** (train still from the web): dev 30.0%, test 28.0%: "
        f"2.0 points apart, within the ±{100 * right.margin:.1f}" in text
    )
    assert "Dev predicts test, and both measure what you care about: **acceptable**" in text
    assert "on your users the error is 28.0%" in text
    assert "aims at the wrong target" in text
    assert "gap from train (0.0%) to dev (30.0%)" in text
    # The verdicts follow the numbers: a dev set that predicts the shifted test is luck.
    lucky = setups.setups(errors | {"dev (same)": 0.27, "test (same)": 0.27}, SIZES)
    assert "nothing ensures it" in setups.explain_setups(lucky, 0.0)
    far = setups.setups(errors | {"dev (shifted)": 0.6}, SIZES)
    assert "differ by more than chance here" in setups.explain_setups(far, 0.0)
    with pytest.raises(ValueError, match="results"):
        setups.explain_setups(results[:2], 0.0)


def test_the_default_demo_makes_dev_and_test_from_the_users_agree() -> None:
    mismatch = mismatched.make_mismatch("moons", 400, 0.1, 20, "rotate", 45, 0)
    errors = mismatched.mismatch_errors(mismatched.fit_source(mismatch.source, 2, 1), mismatch)
    sizes = {name: X.shape[1] for name, (X, _) in mismatch.sets().items()}
    web, wrong, right = setups.setups(errors, sizes)
    assert web.agrees and not wrong.agrees and right.agrees


def test_page_settings_keep_the_meaning_of_shared_keys() -> None:
    keys = [setting.key for setting in settings.SETTINGS]
    assert len(keys) == len(set(keys))
    for setting in settings.SETTINGS:
        shared = spec.ALL.get(setting.key)
        if shared is not None:
            assert setting.label == shared.label and setting.kind == shared.kind, setting.key
            assert setting.low == shared.low, setting.key
    assert set(mismatched.SHIFT_AMOUNT) == set(mismatched.SHIFTS)
    assert set(mismatched.SHIFT_AMOUNT.values()) <= set(keys)


def test_table_columns() -> None:
    columns = set_sizes.table_columns(set_sizes.split_table(10**6, 0.5, 0.5))
    assert columns["ratio"][2] == "yours 99/0.5/0.5"
    assert columns["dev"] == [f"200{NNBSP}000", f"10{NNBSP}000", f"5{NNBSP}000"]
    assert columns["5% error ±"] == ["±0.10%", "±0.43%", "±0.60%"]
    assert set_sizes.table_columns(set_sizes.split_table(100))["5% error ±"][1] == "±42.7%"
    with pytest.raises(ValueError, match="rows"):
        set_sizes.table_columns(())
