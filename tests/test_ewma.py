"""Exponentially weighted averages against the formula written out as a loop, and the helpers
of the page: the temperature series, pasted numbers, the window, the weights, bias correction."""

from __future__ import annotations

import math

import numpy as np
import pytest

from playground.engine.ewma import (
    bias_fades_after,
    ewma,
    ewma_weights,
    newest_share,
    one_over_e_lag,
    window,
)
from playground.engine.settings import ALL
from playground.topics.ewma.model import (
    BY_KEY,
    MAX_DAYS,
    MAX_LAGS,
    MAX_TEXT,
    MAX_VALUES,
    SETTINGS,
    parse_series,
    smooth,
    temperature_series,
)


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


# ----------------------------------------------------------------------------- the page's helpers
# (temperature_series, parse_series, window, one_over_e_lag, newest_share, bias_fades_after,
# smooth and the page's SETTINGS)


def test_temperature_series_is_the_seasonal_formula_plus_seeded_noise():
    theta = temperature_series(365, seed=4)
    t = np.arange(1, 366)
    noise = np.random.RandomState(4).normal(0.0, 3.0, 365)
    np.testing.assert_allclose(
        theta - noise, 11 - 7 * np.cos(2 * np.pi * (t - 15) / 365), rtol=0, atol=1e-12
    )
    season = theta - noise
    assert season.argmin() == 14 and season.min() == pytest.approx(4.0)  # day 15: 11 − 7
    assert season.max() == pytest.approx(18.0, abs=1e-3)  # mid-July: 11 + 7
    np.testing.assert_array_equal(theta, temperature_series(365, seed=4))
    assert not np.allclose(theta, temperature_series(365, seed=5))
    assert temperature_series(10).shape == (10,)
    np.testing.assert_array_equal(temperature_series(10, 0), temperature_series(20, 0)[:10])


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"days": 0}, "days"),
        ({"days": MAX_DAYS + 1}, "days"),
        ({"days": 2.5}, "days"),
        ({"days": True}, "days"),
        ({"seed": -1}, "seed"),
        ({"seed": 2**32}, "seed"),
        ({"seed": "1"}, "seed"),
    ],
)
def test_temperature_series_validates(kwargs, match):
    with pytest.raises(ValueError, match=match):
        temperature_series(**kwargs)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1, 2, 3", [1, 2, 3]),
        ("1 2\n3\t4", [1, 2, 3, 4]),
        ("1;2;;3", [1, 2, 3]),
        ("  -3.5, +2, .5, 5., 1e3, 2.5E-1  ", [-3.5, 2, 0.5, 5, 1000, 0.25]),
        ("1,\r\n2,\r\n", [1, 2]),
    ],
)
def test_parse_series_reads_numbers_between_separators(text, expected):
    values = parse_series(text)
    assert values.dtype == np.float64
    np.testing.assert_array_equal(values, expected)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "no numbers found"),
        (" , ;\n", "no numbers found"),
        ("1, 2, abc", "value 3 ('abc') is not a number"),
        ("x", "value 1 ('x') is not a number"),
        ("1, nan", "value 2 ('nan') is not a number"),
        ("1, inf", "value 2 ('inf') is not a number"),
        ("1_000, 2", "value 1 ('1_000') is not a number"),
        ("0x10, 2", "value 1 ('0x10') is not a number"),
        ("1, 2e", "value 2 ('2e') is not a number"),
        ("1, 2.3.4", "value 2 ('2.3.4') is not a number"),
        ("1, " + "9" * 30 + "x", "value 2 ('" + "9" * 20 + "…') is not a number"),
        ("1e999, 1", "value 1 ('1e999') is too large"),
        ("5", "at least 2 numbers are needed to average; got 1"),
        (", ".join(["1"] * (MAX_VALUES + 1)), f"at most {MAX_VALUES:,} numbers are allowed"),
        ("1 " * (MAX_TEXT // 2 + 1), f"at most {MAX_TEXT:,} characters"),
    ],
)
def test_parse_series_rejects_with_a_message_for_the_user(text, message):
    with pytest.raises(ValueError) as error:
        parse_series(text)
    assert message in str(error.value)


def test_parse_series_takes_at_most_max_values():
    np.testing.assert_array_equal(parse_series("1 2 3", max_values=3), [1, 2, 3])
    with pytest.raises(ValueError, match="at most 2 numbers"):
        parse_series("1 2 3", max_values=2)


@pytest.mark.parametrize("bad", [None, 12, b"1 2", ["1", "2"]])
def test_parse_series_wants_a_string(bad):
    with pytest.raises(ValueError, match="text must be a string"):
        parse_series(bad)


@pytest.mark.parametrize("max_values", [1, MAX_VALUES + 1, 2.0])
def test_parse_series_validates_max_values(max_values):
    with pytest.raises(ValueError, match="max_values"):
        parse_series("1 2", max_values=max_values)


@pytest.mark.parametrize(
    ("beta", "expected"), [(0.0, 1.0), (0.5, 2.0), (0.9, 10.0), (0.98, 50.0), (0.999, 1000.0)]
)
def test_window_is_one_over_one_minus_beta(beta, expected):
    assert window(beta) == pytest.approx(expected, rel=1e-12)


@pytest.mark.parametrize("beta", [0.5, 0.9, 0.98, 0.999])
def test_one_over_e_lag_is_where_beta_to_the_k_is_one_over_e(beta):
    k = one_over_e_lag(beta)
    assert beta**k == pytest.approx(1 / math.e, rel=1e-12)
    # The course's rule of thumb: about 1/(1 − β), more exactly 1/(1 − β) − 1/2.
    assert k == pytest.approx(window(beta) - 0.5, abs=0.1 * (1 - beta) * window(beta) + 0.05)


def test_one_over_e_lag_of_beta_zero_is_zero_and_course_example():
    assert one_over_e_lag(0.0) == 0.0
    assert one_over_e_lag(0.9) == pytest.approx(9.4912, abs=1e-4)


@pytest.mark.parametrize("beta", [0.0, 0.5, 0.9, 0.98])
def test_newest_share_is_the_sum_of_the_newest_weights(beta):
    for k in (1, 5, 10, 60):
        assert newest_share(beta, k) == pytest.approx(ewma_weights(beta, k).sum(), rel=1e-12)
    assert newest_share(0.9, 10) == pytest.approx(1 - 0.9**10, rel=1e-15)
    assert newest_share(beta, 0) == 0.0


@pytest.mark.parametrize(("beta", "expected"), [(0.0, 1), (0.5, 7), (0.9, 44), (0.98, 229)])
def test_bias_fades_after_is_the_first_day_the_correction_changes_v_by_less_than_1_percent(
    beta, expected
):
    day = bias_fades_after(beta)
    assert day == expected
    v = ewma(np.full(400, 20.0), beta)  # corrected: 20 every day
    change = 20.0 / v - 1.0  # relative change made by dividing by 1 − β^t
    assert change[day - 1] <= 0.01
    if day > 1:
        assert change[day - 2] > 0.01


def test_bias_fades_after_other_tolerance_by_hand():
    # 0.5^t ≤ 0.1 / 1.1 = 0.0909…  ⇔  t ≥ 3.46  ⇒  day 4
    assert bias_fades_after(0.5, tolerance=0.1) == 4


@pytest.mark.parametrize(
    ("function", "args", "match"),
    [
        (window, (1.0,), "beta"),
        (one_over_e_lag, (-0.1,), "beta"),
        (newest_share, (1.0, 3), "beta"),
        (newest_share, (0.9, -1), "k"),
        (newest_share, (0.9, float("nan")), "k"),
        (bias_fades_after, (1.0,), "beta"),
        (bias_fades_after, (0.9, 0.0), "tolerance"),
        (bias_fades_after, (0.9, 1.0), "tolerance"),
        (smooth, ([1.0, 2.0], 1.0), "beta"),
        (smooth, (np.ones((2, 2)), 0.9), "1-D"),
        (smooth, ([1.0, np.nan], 0.9), "finite"),
        (smooth, ([], 0.9), "at least one"),
    ],
)
def test_page_helpers_validate(function, args, match):
    with pytest.raises(ValueError, match=match):
        function(*args)


def test_smooth_holds_both_averages_of_the_series():
    theta = temperatures(100)
    result = smooth(theta, 0.9)
    np.testing.assert_array_equal(result.theta, theta)
    np.testing.assert_allclose(result.v, by_hand(theta, 0.9), rtol=1e-12)
    np.testing.assert_allclose(result.v_hat, by_hand(theta, 0.9, True), rtol=1e-12)
    np.testing.assert_allclose(result.divisor, 1 - 0.9 ** np.arange(1, 101), rtol=1e-15)
    np.testing.assert_allclose(result.v / result.divisor, result.v_hat, rtol=1e-12)
    assert (result.days, result.window, result.fade_day) == (100, pytest.approx(10.0), 44)
    assert result.e_lag == pytest.approx(one_over_e_lag(0.9))


def test_smooth_weights_cover_three_windows_and_are_capped():
    assert smooth([1.0, 2.0], 0.9).weights().size == 31  # k = 0 … 3/(1 − β)
    assert smooth([1.0, 2.0], 0.5).weights().size == 7
    assert smooth([1.0, 2.0], 0.0).weights().size == 4
    assert smooth([1.0, 2.0], 0.999).weights().size == MAX_LAGS
    np.testing.assert_allclose(smooth([1.0], 0.9).weights(3), [0.1, 0.09, 0.081], rtol=1e-15)
    with pytest.raises(ValueError, match="lags"):
        smooth([1.0], 0.9).weights(0)


def test_the_pages_settings_reuse_beta_and_dseed_with_their_meaning():
    assert [s.key for s in SETTINGS] == ["beta", "src", "days", "dseed"]
    assert BY_KEY["beta"].options == ALL["beta"].options
    assert BY_KEY["beta"].default == ALL["beta"].default == 0.9
    for key in ("low", "high", "step", "default", "kind"):
        assert getattr(BY_KEY["dseed"], key) == getattr(ALL["dseed"], key)
    assert {0.5, 0.9, 0.98} <= set(BY_KEY["beta"].options)
    assert BY_KEY["src"].options == ("temperature", "pasted")
    assert BY_KEY["days"].kind == "int" and BY_KEY["days"].high <= MAX_DAYS
