"""Tests for playground.diagnose: bias/variance verdicts, the basic recipe, Bayes error."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from playground.engine.config import coerce_settings
from playground.engine.data import MAX_SEED, make_dataset
from playground.engine.diagnose import (
    BIAS_RECIPE,
    DONE_RECIPE,
    OVERFIT_RECIPE,
    VARIANCE_RECIPE,
    VERDICTS,
    DevCostRise,
    Diagnosis,
    dev_cost_rise,
    diagnose,
    diagnose_run,
    estimate_bayes_error,
    estimate_bayes_error_from_data,
)
from playground.engine.experiment import Run, make_data
from playground.engine.settings import ALL

# --------------------------------------------------------------------------- diagnose


@pytest.mark.parametrize(
    ("train", "dev", "bayes", "verdict"),
    [
        (0.15, 0.16, 0.0, "high bias"),  # course: 15% / 16% vs human 0%
        (0.01, 0.11, 0.0, "high variance"),  # course: 1% / 11%
        (0.15, 0.30, 0.0, "high bias and high variance"),  # course: 15% / 30%
        (0.005, 0.01, 0.0, "fine"),  # course: 0.5% / 1%
        (0.15, 0.16, 0.15, "fine"),  # course: Bayes 15% -> nothing avoidable
        (0.08, 0.10, 0.075, "fine"),
        (0.20, 0.22, 0.02, "high bias"),
        (0.02, 0.10, 0.015, "high variance"),
    ],
)
def test_verdicts(train: float, dev: float, bayes: float, verdict: str) -> None:
    result = diagnose(train, dev, bayes)
    assert isinstance(result, Diagnosis)
    assert result.verdict == verdict
    assert result.verdict in VERDICTS


def test_boundaries_are_strict() -> None:
    # Gaps exactly equal to the threshold are not "high"; just above are.
    assert diagnose(0.25, 0.375, 0.125, threshold=0.125).verdict == "fine"
    assert diagnose(0.2500001, 0.25, 0.125, threshold=0.125).verdict == "high bias"
    assert diagnose(0.25, 0.3750001, 0.125, threshold=0.125).verdict == "high variance"
    # Rounding: 15% - 10% is 0.04999999999999999 or 0.05000000000000002 in floats; not high.
    assert diagnose(0.15, 0.20, 0.10).verdict == "fine"
    assert diagnose(0.05, 0.10).verdict == "fine"
    assert diagnose(0.35, 0.40, 0.30).verdict == "fine"
    assert diagnose(0.0501, 0.0501).verdict == "high bias"
    assert diagnose(0.0, 0.0501).verdict == "high variance"


def test_threshold_changes_verdict() -> None:
    assert diagnose(0.08, 0.09).verdict == "high bias"
    assert diagnose(0.08, 0.09, threshold=0.1).verdict == "fine"
    assert diagnose(0.01, 0.03, threshold=0.01).verdict == "high variance"


def test_gap_arithmetic() -> None:
    result = diagnose(0.15, 0.30, 0.08)
    assert result.train_error == 0.15
    assert result.dev_error == 0.30
    assert result.bayes_error == 0.08
    assert result.avoidable_bias == pytest.approx(0.07)
    assert result.variance == pytest.approx(0.15)
    below = diagnose(0.05, 0.04, 0.08)  # train below the Bayes estimate, dev below train
    assert below.avoidable_bias == pytest.approx(-0.03)
    assert below.variance == pytest.approx(-0.01)
    assert below.verdict == "fine"


# --------------------------------------------------------------------------- the dev-cost trend

EPOCHS = np.arange(1, 101)
FALLING = 0.5 * np.exp(-EPOCHS / 20) + 0.02
"""A training cost that keeps falling."""
U_SHAPED = 0.1 + 0.5 * np.exp(-EPOCHS / 10) + 0.002 * np.maximum(0, EPOCHS - 40)
"""A dev cost lowest around epoch 40 that then climbs by 0.12: overfitting."""


def test_a_dev_cost_that_climbs_while_the_train_cost_falls_is_a_rise() -> None:
    rise = dev_cost_rise(EPOCHS, FALLING, U_SHAPED)
    assert isinstance(rise, DevCostRise)
    assert rise.window == 10
    smooth = [np.median(U_SHAPED[i : i + 10]) for i in range(91)]
    best = int(np.argmin(smooth))
    assert rise.best_epoch == best + 10
    assert rise.best_cost == pytest.approx(smooth[best])
    assert rise.recent_cost == pytest.approx(np.median(U_SHAPED[-10:]))


@pytest.mark.parametrize(
    "dev",
    [
        FALLING + 0.05,  # still falling
        FALLING + 0.05 + 0.1 * np.exp(-(((EPOCHS - 50) / 5) ** 2)),  # a bump that went down
        np.where(EPOCHS % 7 == 0, 0.3, 0.1),  # flat with spikes: the median ignores them
        np.concatenate([FALLING[:92] + 0.05, np.full(8, 0.2)]),  # a jump in the last epochs
        np.full(100, 0.1) + 0.004 * (EPOCHS > 50),  # climbs by less than MIN_RISE
    ],
    ids=["falling", "bump", "spiky", "late-jump", "tiny-climb"],
)
def test_no_rise_without_a_lasting_climb(dev) -> None:
    assert dev_cost_rise(EPOCHS, FALLING, dev) is None


def test_no_rise_when_the_train_cost_climbs_too() -> None:
    # Unstable training (α too large) lifts both costs: that is not overfitting.
    assert dev_cost_rise(EPOCHS, U_SHAPED - 0.05, U_SHAPED) is None
    assert dev_cost_rise(EPOCHS[:1], FALLING[:1], U_SHAPED[:1]) is None
    assert dev_cost_rise(EPOCHS, FALLING, np.where(EPOCHS == 50, np.nan, U_SHAPED)) is None
    with pytest.raises(ValueError, match="one value per epoch"):
        dev_cost_rise(EPOCHS, FALLING[:-1], U_SHAPED)


def test_a_rise_turns_fine_into_starting_to_overfit_and_is_explained() -> None:
    rise = DevCostRise(best_epoch=186, best_cost=0.0565, recent_cost=0.0666, window=30)
    result = diagnose(0.0, 0.025, 0.022, rise=rise)
    assert result.verdict == "starting to overfit" and result.rise is rise
    assert result.recipe == OVERFIT_RECIPE and result.recipe[0].startswith("Early stopping")
    assert "climbed from 0.0565 (median of the 30 epochs up to epoch 186) to 0.0666" in (
        result.message
    )
    variance = diagnose(0.01, 0.11, rise=rise)
    assert variance.verdict == "high variance" and "climbed from 0.0565" in variance.message
    assert diagnose(0.0, 0.025, 0.022).verdict == "fine"


def playground_run(**changes) -> Run:
    values = coerce_settings(ALL, changes)
    run = Run(values, make_data(values))
    run.advance()
    return run


def test_the_playground_default_run_is_starting_to_overfit_not_fine() -> None:
    # Train 100 %, dev 97.5 %: the errors alone say "fine", but the dev cost has climbed from
    # about 0.056 to 0.067 over the last 100 of the 300 epochs while the training cost fell.
    run = playground_run()
    bayes = estimate_bayes_error("circles", 0.05)
    assert diagnose(*run.errors(), bayes).verdict == "fine"
    result = diagnose_run(run, bayes)
    assert result.verdict == "starting to overfit"
    assert result.rise.best_cost == pytest.approx(0.0565, abs=0.002)
    assert result.rise.recent_cost == pytest.approx(0.0666, abs=0.002)
    assert 150 <= result.rise.best_epoch <= 220


def test_a_run_stopped_early_has_its_best_weights_back_and_no_rise() -> None:
    run = playground_run(es=20)
    assert run.history.stopped_reason == "early_stopping"
    assert dev_cost_rise(run.history.epochs, run.history.train_cost, run.history.dev_cost)
    assert diagnose_run(run, 0.022).rise is None


def test_ints_are_accepted_as_floats() -> None:
    result = diagnose(1, 1, 0)
    assert result.train_error == 1.0 and isinstance(result.train_error, float)
    assert result.verdict == "high bias"


def test_recipe_per_verdict() -> None:
    bias = diagnose(0.15, 0.16).recipe
    assert bias == BIAS_RECIPE
    assert "Bigger network (more units or layers)" in bias
    assert "Train longer / a better optimizer (e.g. Adam)" in bias
    assert "Try another architecture" in bias
    assert not any("data" in step.lower() or "regularization" in step.lower() for step in bias)

    variance = diagnose(0.01, 0.11).recipe
    assert variance == VARIANCE_RECIPE
    assert "More data (or data augmentation)" in variance
    assert "Regularization: L2, dropout" in variance
    assert "Try another architecture" in variance
    assert not any("bigger" in step.lower() for step in variance)

    both = diagnose(0.15, 0.30).recipe
    assert set(both) == set(BIAS_RECIPE) | set(VARIANCE_RECIPE)
    assert len(both) == len(set(both))  # "Try another architecture" once
    assert both[: len(BIAS_RECIPE)] == BIAS_RECIPE  # fix bias first, as the course says

    fine = diagnose(0.005, 0.01).recipe
    assert fine == DONE_RECIPE
    assert len(fine) == 1 and fine[0].startswith("Done")
    assert isinstance(fine, tuple)


def test_messages_mention_percentages() -> None:
    bias = diagnose(0.15, 0.16, 0.08).message
    assert "15.0%" in bias and "8.0%" in bias and "high bias" in bias
    assert "underfit" in bias

    variance = diagnose(0.01, 0.11).message
    assert "11.0%" in variance and "1.0%" in variance and "high variance" in variance
    assert "overfit" in variance

    both = diagnose(0.15, 0.30, 0.01).message
    for text in ("15.0%", "30.0%", "1.0%", "high bias", "high variance"):
        assert text in both

    fine = diagnose(0.02, 0.03, 0.01).message
    assert "2.0%" in fine and "3.0%" in fine and "1.0%" in fine
    assert "low bias and low variance" in fine


def test_message_is_one_or_two_sentences() -> None:
    for args in [(0.15, 0.16), (0.01, 0.11), (0.15, 0.30), (0.005, 0.01)]:
        message = diagnose(*args).message
        assert message.endswith(".")
        assert 1 <= message.count(". ") + 1 <= 2


def test_diagnosis_is_frozen() -> None:
    result = diagnose(0.1, 0.2)
    with pytest.raises(dataclasses.FrozenInstanceError):
        result.verdict = "fine"  # type: ignore[misc]


@pytest.mark.parametrize(
    ("kwargs", "name"),
    [
        ({"train_error": -0.1, "dev_error": 0.1}, "train_error"),
        ({"train_error": 1.5, "dev_error": 0.1}, "train_error"),
        ({"train_error": float("nan"), "dev_error": 0.1}, "train_error"),
        ({"train_error": "0.1", "dev_error": 0.1}, "train_error"),
        ({"train_error": True, "dev_error": 0.1}, "train_error"),
        ({"train_error": 0.1, "dev_error": 1.01}, "dev_error"),
        ({"train_error": 0.1, "dev_error": None}, "dev_error"),
        ({"train_error": 0.1, "dev_error": 0.1, "bayes_error": -0.01}, "bayes_error"),
        ({"train_error": 0.1, "dev_error": 0.1, "bayes_error": 2.0}, "bayes_error"),
        ({"train_error": 0.1, "dev_error": 0.1, "threshold": 0.0}, "threshold"),
        ({"train_error": 0.1, "dev_error": 0.1, "threshold": 1.0}, "threshold"),
        ({"train_error": 0.1, "dev_error": 0.1, "threshold": -0.1}, "threshold"),
    ],
)
def test_diagnose_rejects_bad_arguments(kwargs: dict, name: str) -> None:
    with pytest.raises(ValueError, match=name):
        diagnose(**kwargs)


def test_diagnose_accepts_limits() -> None:
    assert diagnose(0.0, 0.0).verdict == "fine"
    assert diagnose(1.0, 1.0, 1.0).verdict == "fine"
    assert diagnose(0.0, 1.0, 0.0, threshold=0.999).verdict == "high variance"


# --------------------------------------------------------------------------- estimate_bayes_error


@pytest.mark.parametrize("name", ["circles", "moons"])
def test_bayes_error_is_zero_without_noise(name: str) -> None:
    assert estimate_bayes_error(name, 0.0) < 0.02


def test_bayes_error_grows_with_noise() -> None:
    low = estimate_bayes_error("moons", 0.1)
    mid = estimate_bayes_error("moons", 0.3)
    high = estimate_bayes_error("moons", 0.5)
    assert low < mid < high
    assert low < 0.02
    assert 0.03 < mid < 0.2
    assert 0.1 < high < 0.3


def test_bayes_error_is_deterministic_per_seed() -> None:
    first = estimate_bayes_error("circles", 0.1, seed=7)
    assert estimate_bayes_error("circles", 0.1, seed=7) == first
    others = {estimate_bayes_error("circles", 0.1, seed=s, n_samples=500) for s in range(4)}
    assert len(others) > 1  # a different seed draws a different sample


@pytest.mark.parametrize(
    ("name", "noise", "n_classes"),
    [
        ("circles", 0.0, 2),
        ("circles", 1.0, 2),
        ("moons", 1.0, 2),
        ("xor", 0.3, 2),
        ("gaussians", 0.5, 5),
        ("gaussians", 1.0, 10),
        ("spiral", 0.2, 3),
        ("spiral", 1.0, 4),
    ],
)
def test_bayes_error_in_unit_interval(name: str, noise: float, n_classes: int) -> None:
    value = estimate_bayes_error(name, noise, n_classes=n_classes)
    assert isinstance(value, float)
    assert 0.0 <= value <= 1.0
    # Never worse than always guessing the majority class.
    assert value <= 1.0 - 1.0 / n_classes + 0.05


def test_bayes_error_spiral_is_small_with_little_noise() -> None:
    # Folds are shuffled: the spiral lists its points arm by arm, from the centre outwards.
    assert estimate_bayes_error("spiral", 0.0, n_classes=3) < 0.02


@pytest.mark.parametrize(
    ("kwargs", "name"),
    [
        ({"name": "nope", "noise": 0.1}, "name"),
        ({"name": "moons", "noise": -0.1}, "noise"),
        ({"name": "moons", "noise": 1.5}, "noise"),
        ({"name": "moons", "noise": "0.1"}, "noise"),
        ({"name": "moons", "noise": 0.1, "n_classes": 1}, "n_classes"),
        ({"name": "moons", "noise": 0.1, "n_classes": 3}, "n_classes"),
        ({"name": "moons", "noise": 0.1, "n_classes": 2.0}, "n_classes"),
        ({"name": "moons", "noise": 0.1, "seed": -1}, "seed"),
        ({"name": "moons", "noise": 0.1, "seed": MAX_SEED}, "seed"),
        ({"name": "moons", "noise": 0.1, "n_samples": 10}, "n_samples"),
        ({"name": "moons", "noise": 0.1, "n_samples": 10**6}, "n_samples"),
    ],
)
def test_bayes_error_rejects_bad_arguments(kwargs: dict, name: str) -> None:
    with pytest.raises(ValueError, match=name):
        estimate_bayes_error(**kwargs)


# --------------------------------------------------------------------------- from data


def test_from_data_well_separated_is_zero() -> None:
    rng = np.random.RandomState(0)
    X = np.hstack([rng.normal(-5.0, 0.5, (2, 200)), rng.normal(5.0, 0.5, (2, 200))])
    Y = np.repeat([0, 1], 200).reshape(1, -1)
    assert estimate_bayes_error_from_data(X, Y) == pytest.approx(0.0, abs=1e-12)


def test_from_data_matches_noise_level() -> None:
    X, Y = make_dataset("moons", 2000, 0.5, seed=3)
    value = estimate_bayes_error_from_data(X, Y)
    assert value == pytest.approx(estimate_bayes_error("moons", 0.5), abs=0.04)
    assert estimate_bayes_error_from_data(X, Y) == value  # deterministic


def test_from_data_ignores_feature_units() -> None:
    # One feature in huge units must not drown the informative one.
    rng = np.random.RandomState(1)
    informative = np.repeat([-3.0, 3.0], 150) + rng.normal(0.0, 0.3, 300)
    nuisance = rng.normal(0.0, 1000.0, 300)
    X = np.vstack([informative, nuisance])
    Y = np.repeat([0, 1], 150).reshape(1, -1)
    assert estimate_bayes_error_from_data(X, Y) < 0.02


def test_from_data_multiclass_and_float_labels() -> None:
    X, Y = make_dataset("gaussians", 600, 0.0, seed=0, n_classes=4)
    assert estimate_bayes_error_from_data(X, Y.astype(float)) < 0.02


def test_from_data_small_sets() -> None:
    X = np.array([[0.0, 0.1, 5.0, 5.1]])
    assert estimate_bayes_error_from_data(X, np.array([[0, 0, 1, 1]])) == 0.0
    # A class with one example: no 2-fold split possible -> 0.0.
    assert estimate_bayes_error_from_data(X, np.array([[0, 0, 0, 1]])) == 0.0
    # A single class: every example is labelled correctly.
    assert estimate_bayes_error_from_data(X, np.array([[1, 1, 1, 1]])) == 0.0
    assert estimate_bayes_error_from_data(np.zeros((2, 1)), np.array([[0]])) == 0.0
    # Random labels on few examples: still a valid fraction.
    rng = np.random.RandomState(0)
    value = estimate_bayes_error_from_data(rng.randn(3, 30), rng.randint(0, 2, (1, 30)))
    assert 0.0 <= value <= 1.0


@pytest.mark.parametrize(
    ("X", "Y", "name"),
    [
        (np.zeros(5), np.zeros((1, 5), dtype=int), "X"),
        (np.zeros((2, 0)), np.zeros((1, 0), dtype=int), "X"),
        (np.array([[0.0, np.nan, 1.0]]), np.array([[0, 1, 0]]), "X"),
        (np.zeros((2, 4)), np.zeros((1, 3), dtype=int), "Y"),
        (np.zeros((2, 4)), np.zeros(4, dtype=int), "Y"),
        (np.zeros((2, 3)), np.array([[0, 1, -1]]), "Y"),
        (np.zeros((2, 3)), np.array([[0.5, 1.0, 0.0]]), "Y"),
        (np.zeros((2, 3)), np.array([["a", "b", "a"]]), "Y"),
    ],
)
def test_from_data_rejects_bad_arguments(X: np.ndarray, Y: np.ndarray, name: str) -> None:
    with pytest.raises(ValueError, match=f"^{name} "):
        estimate_bayes_error_from_data(X, Y)


def test_fine_message_when_below_reference() -> None:
    message = diagnose(0.05, 0.04, 0.08).message
    assert "5.0%" in message and "4.0%" in message and "8.0%" in message
    assert "no worse than" in message


# --------------------------------------------------------------------------- diagnosis_table


def test_diagnosis_table_one_row_per_model() -> None:
    from playground.engine.diagnose import diagnosis_table

    table = diagnosis_table(
        {"small": diagnose(0.15, 0.16, 0.03), "large": diagnose(0.01, 0.11, 0.03)}
    )
    assert table == {
        "model": ["small", "large"],
        "train": ["15.0%", "1.0%"],
        "dev": ["16.0%", "11.0%"],
        "Bayes": ["3.0%", "3.0%"],
        "avoidable bias": ["+12.0%", "-2.0%"],
        "variance": ["+1.0%", "+10.0%"],
        "verdict": ["high bias", "high variance"],
        "next step": [BIAS_RECIPE[0], VARIANCE_RECIPE[0]],
    }


def test_diagnosis_table_rejects_bad_arguments() -> None:
    from playground.engine.diagnose import diagnosis_table

    with pytest.raises(ValueError, match="diagnoses"):
        diagnosis_table({})
    with pytest.raises(ValueError, match=r"diagnoses\['x'\]"):
        diagnosis_table({"x": (0.1, 0.2)})
