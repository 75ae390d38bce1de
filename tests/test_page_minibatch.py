"""AppTest tests of the mini-batch page: what it draws is what the core computes."""

from __future__ import annotations

import numpy as np
import pytest
from pages_helpers import (
    REJECTED,
    assert_admitted,
    assert_clean,
    epoch_progress,
    errors,
    figure_data,
    open_page,
    plotly_charts,
    press,
    reject_with,
    rejected,
    set_widget,
    trace,
    url_params,
)

from playground.engine import settings as spec
from playground.engine.config import coerce_settings, settings_by_key
from playground.engine.experiment import make_data
from playground.topics.minibatch import model as mb

PAGE = "pages/minibatch.py"
TABLE = settings_by_key(*mb.DATA_SETTINGS, *mb.SETTINGS)
EPOCHS = 10
QUICK = {"epochs": str(EPOCHS)}


def page_values(**values: object) -> dict:
    """The complete settings the page gives the core for ``values`` (page defaults otherwise)."""
    defaults = {key: setting.default for key, setting in TABLE.items()}
    return coerce_settings(spec.ALL, defaults | values | mb.FIXED_VALUES)


def path_of(figure: dict, name: str) -> np.ndarray:
    line = trace(figure, name)
    return np.column_stack([line["x"], line["y"]])


def test_the_page_renders_the_untrained_runs_and_the_exact_paths():
    at = open_page(PAGE, QUICK)
    assert_clean(at)
    assert at.title[0].value == "🧺 Mini-batch gradient descent"
    assert epoch_progress(at) == (0, EPOCHS)
    assert "iteration_cost" not in plotly_charts(at), "nothing to plot before Start"
    text = " ".join(block.value for block in at.markdown)
    assert "⌈280/280⌉ = 1" in text and "⌈280/32⌉ = 9" in text and "⌈280/1⌉ = 280" in text

    figure = figure_data(at, "paths")
    assert figure["data"][0]["type"] == "contour"
    values = page_values(epochs=EPOCHS)
    data = make_data(values)
    for bs in ("full", "32", "1"):
        expected, _ = mb.weight_path(data.X_train, data.Y_train, bs, 0.1, EPOCHS, seed=1)
        np.testing.assert_allclose(path_of(figure, mb.batch_label(bs)), expected, rtol=1e-12)
    assert path_of(figure, "SGD (1)").shape == (EPOCHS * 280 + 1, 2)


def test_start_trains_every_batch_size_like_the_core():
    at = press(open_page(PAGE, QUICK), "start")
    assert_clean(at)
    assert epoch_progress(at) == (EPOCHS, EPOCHS)
    values = page_values(epochs=EPOCHS)
    runs = mb.compare_runs(values, make_data(values))
    figure = figure_data(at, "iteration_cost")
    epoch_lines = [t for t in figure["data"] if t["name"] == "epoch cost (mean)"]
    assert len(epoch_lines) == 3
    for line, run in zip(epoch_lines, runs.values(), strict=True):
        run.advance()
        np.testing.assert_allclose(line["y"], run.history.train_cost, rtol=1e-9)
    sgd = [t for t in figure["data"] if t["name"].startswith("J{t}")][2]
    assert len(sgd["y"]) == EPOCHS * 280
    assert np.std(sgd["y"]) > 5 * np.std(epoch_lines[2]["y"]), "SGD's mini-batch costs are noisy"

    bars = figure_data(at, "time")["data"][0]
    assert bars["y"] == ["batch (full)", "mini-batch 32", "SGD (1)"]
    assert all(ms > 0 for ms in bars["x"])
    assert bars["x"][2] > bars["x"][0], "an SGD epoch (280 updates) takes longer than one step"
    assert any("Measured" in block.value for block in at.markdown)


def test_a_new_batch_size_changes_the_paths_and_the_runs():
    at = open_page(PAGE, QUICK)
    before = figure_data(at, "paths")
    set_widget(at, "bs", "8")
    assert_clean(at)
    after = figure_data(at, "paths")
    names = {t.get("name") for t in after["data"]}
    assert "mini-batch 8" in names and "mini-batch 32" not in names
    assert path_of(after, "mini-batch 8").shape == (EPOCHS * 35 + 1, 2)
    np.testing.assert_allclose(path_of(after, "SGD (1)"), path_of(before, "SGD (1)"))
    assert any("⌈280/8⌉ = 35" in block.value for block in at.markdown)
    press(at, "start")
    labels = figure_data(at, "time")["data"][0]["y"]
    assert labels == ["batch (full)", "mini-batch 8", "SGD (1)"]


def test_the_learning_rate_changes_every_path():
    at = open_page(PAGE, QUICK)
    before = figure_data(at, "paths")
    set_widget(at, "lr", 0.3)
    after = figure_data(at, "paths")
    for name in ("batch (full)", "mini-batch 32", "SGD (1)"):
        assert not np.allclose(path_of(after, name), path_of(before, name)), name
    # Batch gradient descent: three times the step, the first step three times as long.
    first = np.linalg.norm(path_of(after, "batch (full)")[1])
    assert first == pytest.approx(3 * np.linalg.norm(path_of(before, "batch (full)")[1]))


def test_full_or_1_trains_two_runs_only():
    at = press(open_page(PAGE, url_params(TABLE, bs="full", epochs=EPOCHS)), "start")
    assert_clean(at)
    assert figure_data(at, "time")["data"][0]["y"] == ["batch (full)", "SGD (1)"]
    assert any("⌈280/280⌉ = 1, SGD (1)" in block.value for block in at.markdown)


BAD_QUERIES = [
    {"bs": "7", "lr": "abc", "epochs": "0", "ds": "spiral", "n": "-5", "seed": "nan"},
    {"bs": "<b>32</b>", "lr": "1e308", "epochs": "20000", "noise": "inf", "std": "maybe"},
]


@pytest.mark.parametrize("query", BAD_QUERIES, ids=["garbage", "out-of-range"])
def test_bad_query_params_are_adjusted_and_said(query):
    at = open_page(PAGE, query)
    assert_clean(at)
    assert assert_admitted(at, TABLE, query).keys() == query.keys()
    assert figure_data(at, "paths")["data"][0]["type"] == "contour"


def test_a_setting_the_core_rejects_shows_an_error_not_an_exception(monkeypatch):
    reject = reject_with("batch_size must be at least 1; got 0")
    monkeypatch.setattr(mb, "compare_runs", reject)
    monkeypatch.setattr(mb, "contour_paths", rejected)  # computed in a worker, by name
    at = open_page(PAGE, url_params(TABLE, seed=99, epochs=EPOCHS))
    assert not at.exception, [e.value for e in at.exception]
    assert errors(at) == [
        "These settings cannot be trained: batch_size must be at least 1; got 0",
        REJECTED,
    ]
