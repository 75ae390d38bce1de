"""Exponentially weighted averages against the formula written out as a loop."""

from __future__ import annotations

import numpy as np
import pytest

from playground.ewma import ewma, ewma_weights


def by_hand(theta, beta, bias_correction=False):
    """v_0 = 0, v_t = β v_{t−1} + (1 − β) θ_t; corrected: v_t / (1 − β^t)."""
    out = []
    v = 0.0
    for t, value in enumerate(theta, start=1):
        v = beta * v + (1 - beta) * value
        out.append(v / (1 - beta**t) if bias_correction else v)
    return np.array(out)


def temperatures(n=60, seed=0):
    """A noisy seasonal series, like the course's London temperatures."""
    rng = np.random.default_rng(seed)
    days = np.arange(n)
    return 10 + 8 * np.sin(2 * np.pi * days / 365 * 6) + rng.normal(0, 3, n)


@pytest.mark.parametrize("beta", [0.0, 0.5, 0.9, 0.98])
@pytest.mark.parametrize("bias_correction", [False, True])
def test_ewma_matches_the_loop(beta, bias_correction):
    theta = temperatures()
    np.testing.assert_allclose(
        ewma(theta, beta, bias_correction=bias_correction),
        by_hand(theta, beta, bias_correction),
        rtol=1e-12,
    )


def test_default_is_uncorrected():
    theta = temperatures()
    np.testing.assert_array_equal(ewma(theta, 0.9), ewma(theta, 0.9, bias_correction=False))


def test_accepts_lists_and_ints_and_returns_float64():
    v = ewma([1, 2, 3], 0.5)
    assert v.dtype == np.float64
    np.testing.assert_allclose(v, [0.5, 1.25, 2.125], rtol=1e-15)


def test_input_is_not_modified():
    theta = temperatures()
    original = theta.copy()
    ewma(theta, 0.9, bias_correction=True)
    np.testing.assert_array_equal(theta, original)


def test_beta_zero_returns_the_values():
    theta = temperatures()
    np.testing.assert_array_equal(ewma(theta, 0.0), theta)
    np.testing.assert_array_equal(ewma(theta, 0.0, bias_correction=True), theta)


@pytest.mark.parametrize("beta", [0.5, 0.9, 0.999])
def test_corrected_first_value_equals_the_first_value_exactly(beta):
    theta = np.array([13.7, 2.0, -5.0])
    assert ewma(theta, beta, bias_correction=True)[0] == 13.7
    assert ewma(theta, beta)[0] == pytest.approx((1 - beta) * 13.7)


@pytest.mark.parametrize("beta", [0.5, 0.9, 0.98])
def test_constant_series_corrected_is_constant_uncorrected_starts_near_zero(beta):
    theta = np.full(50, 20.0)
    np.testing.assert_allclose(ewma(theta, beta, bias_correction=True), 20.0, rtol=1e-12)
    uncorrected = ewma(theta, beta)
    assert uncorrected[0] == pytest.approx(20.0 * (1 - beta))
    assert uncorrected[0] <= 10.0
    # The uncorrected curve climbs towards the value as 20 (1 − β^t).
    np.testing.assert_allclose(uncorrected, 20.0 * (1 - beta ** np.arange(1, 51)), rtol=1e-12)
    assert np.all(np.diff(uncorrected) > 0)


def test_larger_beta_gives_a_smoother_curve():
    theta = temperatures(200)
    rough = np.abs(np.diff(ewma(theta, 0.5, bias_correction=True))).sum()
    smooth = np.abs(np.diff(ewma(theta, 0.98, bias_correction=True))).sum()
    assert smooth < rough


def test_empty_series_gives_an_empty_result():
    assert ewma(np.array([]), 0.9).shape == (0,)
    assert ewma(np.array([]), 0.9, bias_correction=True).shape == (0,)


# ----------------------------------------------------------------------------- ewma_weights
@pytest.mark.parametrize("beta", [0.0, 0.5, 0.9, 0.98])
@pytest.mark.parametrize("n", [1, 10, 100])
def test_weights_sum_to_one_minus_beta_to_the_n(beta, n):
    weights = ewma_weights(beta, n)
    assert weights.shape == (n,)
    assert weights.sum() == pytest.approx(1 - beta**n, rel=1e-12)


def test_weights_are_one_minus_beta_times_powers_of_beta():
    np.testing.assert_allclose(
        ewma_weights(0.9, 4), [0.1, 0.1 * 0.9, 0.1 * 0.81, 0.1 * 0.729], rtol=1e-15
    )


@pytest.mark.parametrize("beta", [0.5, 0.9])
def test_weights_reproduce_the_average(beta):
    """v_n = Σ_k (1 − β) β^k θ_{n−k}: the weights applied to the reversed series."""
    theta = temperatures(30)
    v = ewma(theta, beta)
    for n in [1, 10, 30]:
        weights = ewma_weights(beta, n)
        assert v[n - 1] == pytest.approx(weights @ theta[:n][::-1], rel=1e-12)


# ----------------------------------------------------------------------------- argument checks
@pytest.mark.parametrize("beta", [1.0, 1.5, -0.1, float("nan"), float("inf"), "0.9", None])
def test_beta_outside_zero_one_raises(beta):
    with pytest.raises(ValueError, match="beta"):
        ewma([1.0, 2.0], beta)
    with pytest.raises(ValueError, match="beta"):
        ewma_weights(beta, 3)


@pytest.mark.parametrize(
    "values",
    [np.ones((3, 2)), np.ones((1, 4)), [[1.0, 2.0]], np.float64(3.0)],
    ids=["3x2", "1x4", "nested-list", "scalar"],
)
def test_values_must_be_one_dimensional(values):
    with pytest.raises(ValueError, match="1-D"):
        ewma(values, 0.9)


@pytest.mark.parametrize("bad", [np.nan, np.inf, -np.inf])
def test_non_finite_values_raise(bad):
    with pytest.raises(ValueError, match="finite"):
        ewma([1.0, bad, 3.0], 0.9)
