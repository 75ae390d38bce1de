"""AppTest: the normalizing-inputs page renders the core's results, follows its widgets and URL,
and shows the core's errors instead of raising."""

from __future__ import annotations

import numpy as np
import pytest
from pages_helpers import (
    assert_admitted,
    assert_clean,
    errors,
    figure_data,
    open_page,
    reject_with,
    set_widget,
    trace,
    url_params,
    widget,
)

from playground.engine.config import settings_by_key
from playground.topics.normalization import model as core
from playground.ui.cache import cached

PAGE = "pages/normalization.py"
TABLE = settings_by_key(*core.SETTINGS)
STEPS = 50
QUICK = {"steps": str(STEPS)}
"""Tiny descent budgets keep every run fast."""


def path_of(at, key: str) -> np.ndarray:
    line = trace(figure_data(at, key), "gradient descent")
    return np.array([line["x"], line["y"]], dtype=float).T


def test_the_page_renders_the_cores_two_descents_and_the_dev_set():
    at = open_page(PAGE, QUICK)
    assert_clean(at)
    assert at.title[0].value == "📏 Normalizing inputs"
    raw, standardized = core.descend_both(core.make_problem(100), 1.0, STEPS)
    # α = 1 overshoots off the raw map at step 1: drawn up to the map's edge, and said there
    drawn = path_of(at, "raw")
    assert len(drawn) == 2 and np.allclose(drawn[0], raw.path[0])
    edge = drawn[1]
    assert raw.path[1, 0] < edge[0] < 0 and edge[1] / edge[0] == pytest.approx(
        raw.path[1, 1] / raw.path[1, 0]
    )
    np.testing.assert_allclose(path_of(at, "standardized"), standardized.path)
    raw = figure_data(at, "raw")
    notes = [note["text"] for note in raw["layout"]["annotations"]]
    assert "step 1: off the map" in notes
    stretch = core.make_problem(100).raw.condition ** 0.5
    assert f"valley {stretch:,.0f}× longer than wide" in notes
    notes = [n["text"] for n in figure_data(at, "standardized")["layout"]["annotations"]]
    assert notes == ["start", "minimum w*"]  # a round bowl, in view all the way
    assert "x₁ in [0, 100]" in raw["layout"]["title"]["text"]
    assert np.array(raw["data"][0]["z"]).shape == (core.RESOLUTION, core.RESOLUTION)
    dev = figure_data(at, "dev")
    assert sum(len(t["x"]) for t in dev["data"][:2]) == core.M_DEV
    text = " ".join(block.value for block in at.markdown)
    steps = standardized.steps_to_tolerance
    assert f"after **{steps} steps**" in text
    assert "every step overshoots across the valley" in text
    assert "b fixed at 0" in text
    metrics = {metric.label: metric.value for metric in at.metric}
    check = core.dev_check(100, 0.5)
    assert metrics["Dev accuracy, training μ σ"] == f"{check.accuracy_train_stats:.0%}"
    table = at.table[0].value
    assert list(table.index) == ["x1", "x2"]
    assert table.loc["x1", "μ train"] == pytest.approx(check.mu_train[0, 0])


def test_a_smaller_learning_rate_changes_the_paths():
    at = open_page(PAGE, QUICK)
    before = path_of(at, "standardized")
    set_widget(at, "lr", 0.1)
    assert_clean(at)
    after = path_of(at, "standardized")
    assert not np.allclose(before, after)
    expected = core.descend_both(core.make_problem(100), 0.1, STEPS)[1]
    np.testing.assert_allclose(after, expected.path)
    assert any("α = 0.1 is too big here" in block.value for block in at.markdown)


def test_the_scale_of_x1_changes_the_raw_cost_but_not_the_standardized_one():
    at = open_page(PAGE, QUICK)
    raw = np.array(figure_data(at, "raw")["data"][0]["z"])
    standardized = np.array(figure_data(at, "standardized")["data"][0]["z"])
    set_widget(at, "ratio", 10)
    assert_clean(at)
    assert not np.allclose(np.array(figure_data(at, "raw")["data"][0]["z"]), raw)
    np.testing.assert_allclose(
        np.array(figure_data(at, "standardized")["data"][0]["z"]), standardized, atol=1e-5
    )


def test_the_dev_shift_moves_the_dev_points():
    at = open_page(PAGE, QUICK)
    before = figure_data(at, "dev")["data"][0]["x"]
    set_widget(at, "devshift", 0.0)
    assert_clean(at)
    after = figure_data(at, "dev")["data"][0]["x"]
    assert before != after


def test_query_params_set_the_widgets():
    values = {"ratio": 10, "lr": 0.03, "steps": 100, "devshift": 0.25}
    query = url_params(TABLE, **values)
    assert query == {"ratio": "10", "lr": "0.03", "steps": "100", "devshift": "0.25"}
    at = open_page(PAGE, query)
    assert_clean(at)
    for key, value in values.items():
        assert widget(at, key).value == pytest.approx(value), key
    expected = core.descend_both(core.make_problem(10), 0.03, 100)[0]
    np.testing.assert_allclose(path_of(at, "raw"), expected.path)


BAD_QUERIES = [
    {"ratio": "7", "lr": "0.2"},
    {"ratio": "abc", "lr": "nan", "devshift": "<script>"},
    {"lr": "1e308", "devshift": "2"},
    {"steps": "-1"},
    {"steps": "1e999", "zzz": "1"},
]


def query_id(query: dict) -> str:
    return "&".join(f"{key}={value}" for key, value in query.items())


@pytest.mark.parametrize("query", BAD_QUERIES, ids=query_id)
def test_bad_query_params_are_adjusted_and_said(query):
    at = open_page(PAGE, {**QUICK, **query} if "steps" not in query else query)
    assert_clean(at)
    assert assert_admitted(at, TABLE, query).keys() == query.keys() - {"zzz"}
    assert figure_data(at, "raw")["data"]


def test_an_error_from_the_core_is_shown_not_raised(monkeypatch):
    message = "learning_rate must be in (0.0, 100.0]; got 0.0"

    reject = reject_with(message)

    problem = cached(core.make_problem)
    monkeypatch.setattr(core, "make_problem", reject)
    problem.clear()
    try:
        at = open_page(PAGE, QUICK)
        assert not at.exception, [e.value for e in at.exception]
        assert errors(at) == [message]
        assert not at.get("plotly_chart")
        assert at.expander, "the guided experiments are still shown"
    finally:
        problem.clear()
