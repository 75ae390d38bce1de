"""AppTest of the exponentially-weighted-averages page: β, presets, the series, pasted numbers.

Every figure is checked against the core: the curves drawn are ``playground.ewma``'s averages
of the series the settings describe.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from pages_helpers import (
    assert_admitted,
    assert_clean,
    errors,
    figure_data,
    has_widget,
    open_page,
    press,
    set_widget,
    trace,
    widget,
)

from playground.engine.config import coerce_settings
from playground.engine.ewma import bias_fades_after
from playground.topics.ewma.model import (
    BY_KEY,
    EXAMPLE_TEXT,
    parse_series,
    smooth,
    smoothed,
    temperature_series,
)

PAGE = "pages/ewma.py"
CORRECTED = "v_t / (1 − βᵗ)  bias-corrected"
UNCORRECTED = "v_t  no correction"
DATA = "θ_t (data)"
TRY_THIS = "🧪 Try this — notice that"


def shown_series(at) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """θ, v and v̂ as drawn on the whole-series figure."""
    figure = figure_data(at, "series")
    return tuple(np.asarray(trace(figure, name)["y"]) for name in (DATA, UNCORRECTED, CORRECTED))


def assert_shows(at, theta: np.ndarray, beta: float) -> None:
    expected = smooth(theta, beta)
    shown_theta, shown_v, shown_v_hat = shown_series(at)
    np.testing.assert_allclose(shown_theta, theta, rtol=1e-12)
    np.testing.assert_allclose(shown_v, expected.v, rtol=1e-12)
    np.testing.assert_allclose(shown_v_hat, expected.v_hat, rtol=1e-12)


def text(at) -> str:
    return "\n".join(block.value for block in at.markdown)


def test_the_default_page_draws_the_core_averages_of_the_temperatures():
    at = open_page(PAGE)
    assert_clean(at)
    assert at.title[0].value == "〰️ Exponentially weighted averages"
    assert widget(at, "beta").value == 0.9
    assert_shows(at, temperature_series(365, 0), 0.9)
    shapes = figure_data(at, "series")["layout"]["shapes"]
    assert shapes[0]["x0"] == pytest.approx(365.5 - 10) and shapes[0]["x1"] == 365.5
    weights = figure_data(at, "weights")
    np.testing.assert_allclose(trace(weights, "weight (1 − β) βᵏ")["y"], 0.1 * 0.9 ** np.arange(31))
    assert trace(weights, "1/e of the newest")["x"] == [pytest.approx(-1 / math.log(0.9))]
    early = figure_data(at, "early")
    assert len(trace(early, CORRECTED)["y"]) == math.ceil(1.15 * bias_fades_after(0.9))
    words = text(at)
    assert "1/(1 − β) = 10 values" in words
    assert "carry 65% of v_t's weight" in words
    assert "from day **44** on" in words
    assert "k = −1/ln β = 9.491" in words
    assert TRY_THIS in [e.label for e in at.expander]


def test_the_beta_slider_changes_the_curves_and_the_weights():
    at = open_page(PAGE)
    before = shown_series(at)[2]
    set_widget(at, "beta", 0.5)
    assert_clean(at)
    after = shown_series(at)[2]
    assert not np.allclose(before, after)
    assert_shows(at, temperature_series(365, 0), 0.5)
    bars = trace(figure_data(at, "weights"), "weight (1 − β) βᵏ")["y"]
    np.testing.assert_allclose(bars, 0.5 ** np.arange(1, 8))  # k = 0 … 6
    assert "1/(1 − β) = 2 values" in text(at)


def test_the_preset_buttons_set_the_beta_slider():
    at = open_page(PAGE, {"beta": "0.8"})
    assert widget(at, "beta").value == 0.8
    for beta in (0.5, 0.98, 0.9):
        press(at, "beta_" + f"{beta:g}".replace(".", ""))
        assert_clean(at)
        assert widget(at, "beta").value == beta
        assert f"β = {beta:g}" in figure_data(at, "series")["layout"]["title"]["text"]
        assert_shows(at, temperature_series(365, 0), beta)


def test_beta_zero_is_no_averaging_and_says_so():
    at = set_widget(open_page(PAGE), "beta", 0.0)
    assert_clean(at)
    theta, v, v_hat = shown_series(at)
    np.testing.assert_array_equal(v, theta)
    np.testing.assert_array_equal(v_hat, theta)
    assert any("no averaging at all" in info.value for info in at.info)
    assert not [chart for chart in at.get("plotly_chart") if chart.key in ("early", "weights")]


def test_days_and_seed_change_the_series():
    at = set_widget(open_page(PAGE), "days", 100)
    assert_clean(at)
    assert_shows(at, temperature_series(100, 0), 0.9)
    set_widget(at, "dseed", 7)
    assert_shows(at, temperature_series(100, 7), 0.9)


def test_query_params_open_the_page_with_those_settings():
    at = open_page(PAGE, {"beta": "0.98", "days": "200", "dseed": "3"})
    assert_clean(at)
    assert (widget(at, "beta").value, widget(at, "days").value) == (0.98, 200)
    assert_shows(at, temperature_series(200, 3), 0.98)


def test_pasted_numbers_are_averaged():
    at = set_widget(open_page(PAGE), "src", "pasted")
    assert_clean(at)
    assert not has_widget(at, "days") and not has_widget(at, "dseed")
    assert at.text_area(key="nums").value == EXAMPLE_TEXT
    assert_shows(at, parse_series(EXAMPLE_TEXT), 0.9)
    at.text_area(key="nums").set_value("10, 10, 10, 10, 10, 10").run()
    assert_clean(at)
    _, v, v_hat = shown_series(at)
    np.testing.assert_allclose(v_hat, 10.0, rtol=1e-12)
    np.testing.assert_allclose(v, 10 * (1 - 0.9 ** np.arange(1, 7)), rtol=1e-12)

    shared = open_page(PAGE, {"src": "pasted", "nums": "3 1 4 1 5 9 2 6", "beta": "0.5"})
    assert_clean(shared)
    assert_shows(shared, np.array([3, 1, 4, 1, 5, 9, 2, 6.0]), 0.5)


@pytest.mark.parametrize("bad", ["1, 2, abc", "", "1 " * 1001], ids=["word", "empty", "too many"])
def test_bad_pasted_text_shows_the_parsers_message(bad):
    with pytest.raises(ValueError) as parsed:
        parse_series(bad)
    at = set_widget(open_page(PAGE), "src", "pasted")
    at.text_area(key="nums").set_value(bad).run()
    assert not at.exception, [e.value for e in at.exception]
    assert errors(at) == [f"Could not read your numbers: {parsed.value}"]
    assert not at.get("plotly_chart")
    assert TRY_THIS in [e.label for e in at.expander]


def test_a_bad_pasted_url_shows_the_message_too():
    at = open_page(PAGE, {"src": "pasted", "nums": "3,4,oops"})
    assert not at.exception
    assert errors(at) == ["Could not read your numbers: " + _message("3,4,oops")]


def _message(text: str) -> str:
    with pytest.raises(ValueError) as parsed:
        parse_series(text)
    return str(parsed.value)


BAD_QUERIES = [
    {"beta": "abc", "days": "99999", "dseed": "1e999"},
    {"beta": "0.7", "days": "2.5", "src": "evil", "zzz": "1"},
    {"beta": "1", "days": "-5", "src": "", "dseed": "-1"},
    {"beta": "nan", "nums": "<script>"},
]
"""Each query holds several bad values: every one must fall back on its own."""


def query_id(query: dict) -> str:
    return "&".join(f"{key}={value}" for key, value in query.items())


@pytest.mark.parametrize("query", BAD_QUERIES, ids=query_id)
def test_bad_query_params_are_adjusted_and_said(query):
    at = open_page(PAGE, query)
    assert_clean(at)
    shown = coerce_settings(BY_KEY, assert_admitted(at, BY_KEY, query))
    assert_shows(at, temperature_series(shown["days"], shown["dseed"]), shown["beta"])


def test_the_equations_carry_the_series_numbers_of_the_chosen_day():
    at = open_page(PAGE)
    assert_clean(at)
    result = smoothed(coerce_settings(BY_KEY, {}), "")
    (first,) = [element.value for element in at.get("latex")]
    assert r"v_{1} &=" in first and r"0.9\cdot0 + 0.1\cdot" in first  # v_0 = 0
    assert f"{result.v_hat[0]:#.4g}" in first  # v̂_1 = θ_1: no start-up bias
    set_widget(at, "eq_day", 30)
    (later,) = [element.value for element in at.get("latex")]
    assert later != first and r"1-0.9^{30}" in later
    assert f"{result.v[29]:#.4g}" in later and f"{result.v[28]:#.4g}" in later
    press(at, "beta_05")  # another β: other numbers on the same day
    (other,) = [element.value for element in at.get("latex")]
    assert r"1-0.5^{30}" in other
    assert_clean(at)


def test_a_day_past_the_series_in_the_url_is_not_an_error():
    at = open_page(PAGE, {"eq_day": "100000"})
    assert not at.exception
    assert len(at.get("latex")) == 1
