"""AppTest: the vanishing-gradients page draws the core's per-layer norms, follows its widgets and
URL, and shows the core's errors instead of raising."""

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
from playground.topics.vanishing_gradients import model as depth
from playground.ui.cache import cached

PAGE = "pages/vanishing_gradients.py"
TABLE = settings_by_key(*depth.SETTINGS)
DEFAULTS = {s.key: s.default for s in depth.SETTINGS}
QUICK = {"depth": "12"}
"""A shallower network keeps every run fast."""


def series(at, key: str, name: str, index: int = 0) -> np.ndarray:
    """y of the ``index``-th trace called ``name`` in chart ``key``."""
    found = [t for t in figure_data(at, key)["data"] if t.get("name") == name]
    return np.asarray(found[index]["y"], dtype=float)


def test_the_page_draws_the_cores_norms():
    at = open_page(PAGE, QUICK)
    assert_clean(at)
    assert at.title[0].value == "🌋 Vanishing / exploding gradients"
    a, act, seed = DEFAULTS["a"], DEFAULTS["act"], DEFAULTS["seed"]
    expected = depth.identity_network(12, DEFAULTS["width"], a, act, seed)
    identity = figure_data(at, "identity")
    np.testing.assert_allclose(trace(identity, "‖A[l]‖ forward")["y"], expected.activations)
    np.testing.assert_allclose(trace(identity, "‖db[l]‖ backward")["y"], expected.grad_b)
    np.testing.assert_allclose(trace(identity, "‖dW[l]‖")["y"], expected.grad_W)
    inits = depth.compare_inits(12, DEFAULTS["width"], act, DEFAULTS["iscale"], seed)
    for name, norms in inits.items():
        np.testing.assert_allclose(series(at, "inits", name, 0), norms.activations)
        np.testing.assert_allclose(series(at, "inits", name, 1), norms.grad_b)
    text = " ".join(block.value for block in at.markdown)
    assert f"{a:g}^10" in text and "explode exponentially" in text
    table = at.table[0].value
    assert list(table.index) == list(depth.COMPARED_INITS)
    assert table.loc["he", "Var(w)"] == f"{2 / DEFAULTS['width']:.3g}"


def test_moving_a_below_one_makes_the_norms_vanish():
    at = open_page(PAGE, QUICK)
    before = series(at, "identity", "‖A[l]‖ forward")
    set_widget(at, "a", 0.5)
    assert_clean(at)
    after = series(at, "identity", "‖A[l]‖ forward")
    assert after[-1] < after[1] < before[1] < before[-1]
    expected = depth.identity_network(12, DEFAULTS["width"], 0.5, "relu", DEFAULTS["seed"])
    np.testing.assert_allclose(after, expected.activations)
    assert any("vanish exponentially" in block.value for block in at.markdown)


def test_the_activation_and_the_gradient_shown_change_the_init_figure():
    at = open_page(PAGE, QUICK)
    relu = series(at, "inits", "he", 0)
    set_widget(at, "act", "tanh")
    assert_clean(at)
    tanh = depth.compare_inits(12, DEFAULTS["width"], "tanh", 0.01, DEFAULTS["seed"])
    np.testing.assert_allclose(series(at, "inits", "he", 0), tanh["he"].activations)
    assert not np.allclose(series(at, "inits", "he", 0), relu)
    assert at.info, "a non-linear activation is flagged against the linear theory"
    set_widget(at, "grad", "dW")
    assert_clean(at)
    np.testing.assert_allclose(series(at, "inits", "xavier", 1), tanh["xavier"].grad_W)
    annotations = [a["text"] for a in figure_data(at, "inits")["layout"]["annotations"]]
    assert "Backward: gradients ‖dW[l]‖" in annotations


def test_query_params_set_the_widgets():
    values = {"depth": 8, "width": 4, "act": "linear", "a": 0.8, "iscale": 1.0, "grad": "dW"}
    query = url_params(TABLE, **values)
    at = open_page(PAGE, query)
    assert_clean(at)
    for key, value in values.items():
        expected = pytest.approx(value) if isinstance(value, float) else value
        assert widget(at, key).value == expected, key
    expected = depth.identity_network(8, 4, 0.8, "linear", DEFAULTS["seed"])
    np.testing.assert_allclose(series(at, "identity", "‖A[l]‖ forward"), expected.activations)


BAD_QUERIES = [
    {"depth": "999", "width": "3"},
    {"depth": "abc", "a": "9", "act": "swish"},
    {"depth": "1", "a": "nan", "grad": "dA"},
    {"iscale": "-1", "seed": "1e999", "zzz": "1"},
    {"width": "64", "act": "<script>"},
]


def query_id(query: dict) -> str:
    return "&".join(f"{key}={value}" for key, value in query.items())


@pytest.mark.parametrize("query", BAD_QUERIES, ids=query_id)
def test_bad_query_params_are_adjusted_and_said(query):
    at = open_page(PAGE, query)
    assert_clean(at)
    assert assert_admitted(at, TABLE, query).keys() == query.keys() - {"zzz"}
    assert figure_data(at, "identity")["data"] and figure_data(at, "inits")["data"]


def test_an_error_from_the_core_is_shown_not_raised(monkeypatch):
    message = "layer_dims must list between 3 and 61 sizes (at least one hidden layer); got 2"

    reject = reject_with(message)

    identity = cached(depth.identity_network, entries=128)
    monkeypatch.setattr(depth, "identity_network", reject)
    identity.clear()
    try:
        at = open_page(PAGE, QUICK)
        assert not at.exception, [e.value for e in at.exception]
        assert errors(at) == [message]
        assert not at.get("plotly_chart")
        assert at.expander, "the guided experiments are still shown"
    finally:
        identity.clear()
