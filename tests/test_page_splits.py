"""AppTest tests of the train / dev / test page: the split table and chart, the mismatch demo."""

from __future__ import annotations

import numpy as np
import pytest
from pages_helpers import (
    assert_admitted,
    assert_clean,
    errors,
    figure_data,
    has_widget,
    marker_points,
    open_page,
    set_widget,
    sorted_columns,
    widget,
)

from playground.engine.config import coerce_settings, settings_by_key
from playground.topics.splits import mismatched, settings, setups

PAGE = "pages/splits.py"
SPEC = settings_by_key(*settings.SETTINGS)
NNBSP = "\u202f"


def markdown(at) -> str:
    return "\n".join(block.value for block in at.markdown)


def bars(figure: dict) -> dict[str, list]:
    return {trace["name"]: trace["y"] for trace in figure["data"]}


def test_defaults_render_the_table_the_chart_and_the_demo():
    at = open_page(PAGE)
    assert_clean(at)
    assert at.title[0].value == "✂️ Train / dev / test sets"
    table = at.table[0].value
    assert list(table["ratio"]) == ["classic 60/20/20", "modern 98/1/1", "yours 90/5/5"]
    assert list(table["dev"]) == [f"2{NNBSP}000", "100", "500"]
    assert bars(figure_data(at, "sizes")) == {
        "train": [6000, 9800, 9000],
        "dev": [2000, 100, 500],
        "test": [2000, 100, 500],
    }
    text = markdown(at)
    assert "With only m = 10\u202f000 examples, 1% is too few" in text
    assert "rotated by 45° about the training mean" in text
    assert "The course's rule:" in text
    shown = bars(figure_data(at, "errors"))["error"]
    mismatch = mismatched.make_mismatch("moons", 400, 0.1, 20, "rotate", 45, 0)
    expected = mismatched.mismatch_errors(mismatched.fit_source(mismatch.source, 2, 1), mismatch)
    np.testing.assert_allclose(shown, list(expected.values()))
    assert not has_widget(at, "offset") and not has_widget(at, "dnoise")


def test_the_acceptable_case_dev_and_test_from_the_users_is_shown_with_its_numbers():
    at = open_page(PAGE)
    assert_clean(at)
    mismatch = mismatched.make_mismatch("moons", 400, 0.1, 20, "rotate", 45, 0)
    errors = mismatched.mismatch_errors(mismatched.fit_source(mismatch.source, 2, 1), mismatch)
    sizes = {name: X.shape[1] for name, (X, _) in mismatch.sets().items()}
    results = setups.setups(errors, sizes)
    table = at.table[1].value
    assert list(table["dev and test sets"]) == [s.name for s in setups.SETUPS]
    assert list(table["dev measures your users"]) == ["no", "no", "yes"]
    assert list(table["dev error"]) == [f"{r.dev_error:.1%}" for r in results]
    assert setups.explain_setups(results, errors["train"]) in markdown(at)
    assert "**acceptable**" in markdown(at)
    chart = figure_data(at, "setups")["data"]
    np.testing.assert_allclose(chart[0]["y"], [r.dev_error for r in results])
    np.testing.assert_allclose(chart[1]["y"], [r.test_error for r in results])


def test_a_million_examples_change_the_bars_and_the_words():
    at = set_widget(open_page(PAGE), "m", 1_000_000)
    assert_clean(at)
    assert bars(figure_data(at, "sizes"))["dev"] == [200_000, 10_000, 50_000]
    assert "Split of m = 1\u202f000\u202f000" in figure_data(at, "sizes")["layout"]["title"]["text"]
    text = markdown(at)
    assert f"1% is 10{NNBSP}000 dev examples" in text and "plenty to compare models" in text


def test_query_params_set_the_widgets():
    at = open_page(PAGE, {"m": "1000000", "shift": "translate", "offset": "1.5", "seed": "7"})
    assert_clean(at)
    assert widget(at, "m").value == 1_000_000 and widget(at, "offset").value == 1.5
    assert widget(at, "seed").value == 7
    assert bars(figure_data(at, "sizes"))["train"] == [600_000, 980_000, 900_000]
    assert "moved 1.5 to the right along x₁" in markdown(at)


def test_the_rotation_moves_only_the_shifted_dev_set():
    at = open_page(PAGE)
    same = figure_data(at, "same")
    shifted = marker_points(figure_data(at, "shifted"), "dev (shifted)")
    set_widget(at, "angle", 90)
    assert_clean(at)
    after = figure_data(at, "same")
    for group in ("train", "dev (same)"):
        np.testing.assert_array_equal(marker_points(after, group), marker_points(same, group))
    shared = figure_data(at, "shifted")["layout"]
    assert after["layout"]["xaxis"]["range"] == shared["xaxis"]["range"], "panels share axes"
    rotated = marker_points(figure_data(at, "shifted"), "dev (shifted)")
    assert rotated.shape == shifted.shape == (2, 80)
    assert not np.allclose(sorted_columns(rotated), sorted_columns(shifted))
    expected = mismatched.make_mismatch("moons", 400, 0.1, 20, "rotate", 90, 0).X_dev_shift
    np.testing.assert_allclose(sorted_columns(rotated), sorted_columns(expected))
    assert "rotated by 90°" in markdown(at)


def test_each_shift_kind_shows_its_own_amount():
    at = set_widget(open_page(PAGE), "shift", "noise")
    assert_clean(at)
    assert has_widget(at, "dnoise") and not has_widget(at, "angle")
    assert "drawn with noise 0.3 instead of 0.1" in markdown(at)
    set_widget(at, "shift", "translate")
    assert has_widget(at, "offset") and not has_widget(at, "dnoise")
    assert "moved 0.5 to the right along x₁" in markdown(at)


def test_a_multiclass_data_set_asks_for_the_classes_and_draws_softmax_regions():
    at = open_page(PAGE, {"ds": "spiral", "C": "4", "n": "200"})
    assert_clean(at)
    assert widget(at, "C").value == 4
    figure = figure_data(at, "same")
    assert figure["data"][0]["type"] == "heatmap"
    names = {t["name"] for t in figure["data"][1:]}
    assert names == {f"y = {k}" for k in range(4)}


def test_a_ratio_without_a_training_set_shows_an_error_and_keeps_the_rules():
    at = open_page(PAGE, {"devp": "50", "testp": "50"})
    assert not at.exception
    assert errors(at) == [
        "Your ratio cannot be used: dev_percent + test_percent must stay below 100 so the "
        "training set keeps examples; got 50 + 50 = 100"
    ]
    assert list(at.table[0].value["ratio"]) == ["classic 60/20/20", "modern 98/1/1"]
    assert len(bars(figure_data(at, "sizes"))["train"]) == 2
    assert figure_data(at, "shifted")["data"], "the demo is still drawn"


BAD_QUERIES = [
    {
        "m": "123",
        "devp": "0",
        "testp": "-5",
        "ds": "evil",
        "noise": "nan",
        "n": "999999",
        "dev": "45",
        "angle": "400",
        "dseed": "-1",
        "seed": "9" * 400,
        "zzz": "1",
    },
    {"m": "1e9", "devp": "abc", "testp": "", "noise": "inf", "n": "2.5", "seed": "-1e999"},
    {"shift": "flip", "ds": "<script>alert(1)</script>"},
    {"shift": "noise", "dnoise": "2"},
    {"shift": "translate", "offset": "inf"},
]
"""Several bad values per URL (they fall back independently): fewer page runs."""


@pytest.mark.parametrize("query", BAD_QUERIES, ids=lambda q: "&".join(q))
def test_bad_query_params_are_adjusted_and_said(query):
    at = open_page(PAGE, query)
    assert_clean(at)
    shown = coerce_settings(SPEC, assert_admitted(at, SPEC, query))
    assert bars(figure_data(at, "sizes"))["dev"][0] == shown["m"] // 5
