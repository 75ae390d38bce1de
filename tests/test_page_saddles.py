"""AppTest of the saddle-points page: the optimizer race near a saddle or on a plateau, and the
random-Hessian census. Figures are checked against ``playground.critical_points``."""

from __future__ import annotations

import numpy as np
import pytest
from pages_helpers import (
    assert_admitted,
    assert_clean,
    errors,
    figure_data,
    has_widget,
    open_page,
    set_widget,
    trace,
    widget,
)

from playground.engine.config import coerce_settings
from playground.topics.saddles import escaping, hessians, settings, texts

PAGE = "pages/saddles.py"
SMALL = {"nmax": "10", "samples": "300"}
"""A census that takes milliseconds."""
RATES = {name: 0.1 for name in escaping.COMPARED}


def costs(at) -> dict[str, np.ndarray]:
    figure = figure_data(at, "cost")
    return {
        name: np.asarray(trace(figure, escaping.LABELS[name])["y"], float)
        for name in escaping.COMPARED
    }


def assert_race(
    at, surface: str, rates: dict, steps: int = 300, w2: float = 1e-3, beta: float = 0.9
) -> escaping.Escape:
    expected = escaping.escape(surface, rates, steps, w2, beta)
    assert list(expected.runs) == list(escaping.COMPARED)
    shown = costs(at)
    for name, run in expected.runs.items():
        np.testing.assert_allclose(shown[name], run.cost, rtol=1e-12, equal_nan=True)
        path = trace(figure_data(at, "paths"), escaping.LABELS[name])
        np.testing.assert_allclose(path["x"], run.path[:, 0], rtol=1e-12, equal_nan=True)
    rows = at.table[0].value
    assert list(rows.index) == [escaping.LABELS[name] for name in escaping.COMPARED]
    assert list(rows["steps to escape"]) == [
        f"not in {steps}" if run.escaped_at is None else str(run.escaped_at)
        for run in expected.runs.values()
    ]
    assert list(rows["step ÷ α‖dW‖ while stalled"]) == [
        f"{expected.step_ratio(run):.3g}" for run in expected.runs.values()
    ]
    return expected


def expected_race(surface: str, beta: float = 0.9, **kwargs) -> escaping.Escape:
    return escaping.escape(surface, RATES, 300, 1e-3, beta, **kwargs)


def text(at) -> str:
    return "\n".join(block.value for block in at.markdown)


def test_the_default_page_races_five_racers_past_the_saddle():
    at = open_page(PAGE, SMALL)
    assert_clean(at)
    assert at.title[0].value == "🐴 Local optima, saddles, plateaus"
    assert_race(at, "saddle", RATES)
    paths = figure_data(at, "paths")
    assert paths["data"][0]["type"] == "contour"
    assert trace(paths, "saddle point")["x"] == [0.0]
    words = text(at)
    assert "**gradient descent** after 36 steps; **momentum v = βv + (1 − β)dW** after 69 " in words
    assert "**momentum v = βv + dW** after 18 steps; **RMSprop** after 5 steps" in words
    assert "J < 0 − 0.5 = −0.5" in words
    assert texts.momentum_text(expected_race("saddle"), 0.9) in words
    assert "v = βv + dW after 18 steps, sooner than gradient descent (36)" in words


def test_the_plateau_hides_the_start_offset_and_shows_gd_stuck():
    at = set_widget(open_page(PAGE, SMALL), "surface", "plateau")
    assert_clean(at)
    assert not has_widget(at, "w2")
    expected = assert_race(at, "plateau", RATES)
    assert expected.runs["gd"].escaped_at is None
    assert trace(figure_data(at, "paths"), "minimum")["x"] == [1.0]
    words = text(at)
    assert texts.momentum_text(expected, 0.9) in words and texts.normalized_text(expected) in words


def test_beta_changes_both_momentum_forms_and_the_10x_in_the_text():
    at = set_widget(open_page(PAGE, SMALL | {"surface": "plateau"}), "beta", 0.5)
    assert_clean(at)
    expected = expected_race("plateau", beta=0.5)
    for name in ("momentum", "momentum_sum"):
        np.testing.assert_allclose(costs(at)[name], expected.runs[name].cost, rtol=1e-12)
    assert "dW/(1 − β) = 2·dW, a 2× larger step at the same α" in text(at)


def test_rmsprop_reads_its_own_beta2():
    at = set_widget(open_page(PAGE, SMALL), "rms_beta", 0.99)
    assert_clean(at)
    assert widget(at, "rms_beta").label == "β₂ (RMSprop)"
    assert widget(at, "beta").label == "β (momentum)"
    expected = expected_race("saddle", beta2=0.99)
    np.testing.assert_allclose(costs(at)["rmsprop"], expected.runs["rmsprop"].cost, rtol=1e-12)
    np.testing.assert_allclose(costs(at)["momentum"], expected.runs["momentum"].cost, rtol=1e-12)


def test_a_learning_rate_changes_only_its_own_curve():
    at = open_page(PAGE, SMALL)
    before = costs(at)
    set_widget(at, "lr_gd", 0.3)
    assert_clean(at)
    after = costs(at)
    assert not np.allclose(before["gd"][:20], after["gd"][:20])
    for name in ("momentum", "momentum_sum", "rmsprop", "adam"):
        np.testing.assert_array_equal(before[name], after[name])
    assert_race(at, "saddle", RATES | {"gd": 0.3})


def test_query_params_open_the_monkey_saddle_with_those_settings():
    query = SMALL | {"surface": "monkey_saddle", "w2": "1e-06", "steps": "500", "beta": "0.8"}
    at = open_page(PAGE, query)
    assert_clean(at)
    assert (widget(at, "w2").value, widget(at, "steps").value) == (1e-6, 500)
    expected = escaping.escape("monkey_saddle", RATES, 500, 1e-6, beta=0.8)
    np.testing.assert_allclose(costs(at)["momentum"], expected.runs["momentum"].cost, rtol=1e-12)


def test_the_census_figures_follow_the_largest_dimension_and_the_samples():
    at = open_page(PAGE, SMALL)
    minima = figure_data(at, "minima")
    census = hessians.hessian_census(range(1, 11), 300, 0)
    found = census.minima > 0
    measured = trace(minima, "measured: all eigenvalues > 0")
    np.testing.assert_array_equal(measured["x"], census.dims[found])
    np.testing.assert_allclose(measured["y"], census.fraction_minima[found])
    np.testing.assert_allclose(trace(minima, "coin flips: 2⁻ⁿ")["y"], 0.5 ** np.arange(1, 11))
    bars = trace(figure_data(at, "downhill"), "random Hessians")
    np.testing.assert_allclose(bars["y"], census.index_counts[-1] / 300)

    set_widget(at, "nmax", 20)
    assert_clean(at)
    bars = trace(figure_data(at, "downhill"), "random Hessians")
    assert len(bars["y"]) == 21
    set_widget(at, "hseed", 5)
    other = trace(figure_data(at, "downhill"), "random Hessians")
    assert not np.array_equal(bars["y"], other["y"])
    assert "n = 20 a typical sample" in text(at)


def test_too_big_a_census_shows_the_cores_message_and_keeps_the_race():
    at = open_page(PAGE, {"nmax": "100", "samples": "30000"})
    assert not at.exception
    with pytest.raises(ValueError) as core:
        hessians.hessian_census(hessians.dimension_grid(100), 30000, 0)
    assert errors(at) == [str(core.value)]
    assert figure_data(at, "paths")["data"]
    assert not [chart for chart in at.get("plotly_chart") if chart.key == "minima"]


BAD_QUERIES = [
    {"surface": "evil", "w2": "0.5", "lr_gd": "abc", "steps": "7"},
    {"lr_adam": "1e308", "beta": "2", "nmax": "1000", "samples": "-1", "hseed": "1e999"},
    {"surface": "", "lr_momentum": "nan", "steps": "-300", "nmax": "2.5", "zzz": "1"},
]
"""Each query holds several bad values: every one must fall back on its own."""


@pytest.mark.parametrize("query", BAD_QUERIES, ids=lambda q: "&".join(q))
def test_bad_query_params_are_adjusted_and_said(query):
    at = open_page(PAGE, query | ({} if "nmax" in query else SMALL))
    assert_clean(at)
    shown = coerce_settings(settings.BY_KEY, assert_admitted(at, settings.BY_KEY, query))
    rates = {name: shown[escaping.RATE_KEYS[name]] for name in escaping.COMPARED}
    assert_race(at, shown["surface"], rates, shown["steps"], shown["w2"], shown["beta"])
