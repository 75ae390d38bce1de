"""AppTest tests of the softmax page: probability maps, the worked example, C = 2."""

from __future__ import annotations

import numpy as np
import pytest
from pages_helpers import (
    assert_admitted,
    assert_clean,
    epoch_progress,
    errors,
    figure_data,
    open_page,
    press,
    reject_with,
    set_widget,
    widget,
)

from playground.engine.equation_numbers import number
from playground.engine.settings import ALL
from playground.topics.softmax import model as sm
from playground.topics.softmax.equations import softmax_equation

PAGE = "pages/softmax.py"
QUICK = {"epochs": "20"}


@pytest.fixture(scope="module")
def trained():
    return press(open_page(PAGE, QUICK), "start")


def lecture_table(at):
    """The table of the lecture's z = [5, 2, −1, 3] (drawn first)."""
    return at.dataframe[0].value


def worked_table(at):
    """The table of the dev point's worked example."""
    return at.dataframe[1].value


def markdown(at) -> str:
    return "\n".join(block.value for block in at.markdown)


def test_renders_an_untrained_three_class_network():
    at = open_page(PAGE, QUICK)
    assert_clean(at)
    assert at.title[0].value == "🎯 Softmax"
    assert epoch_progress(at) == (0, 20)
    probs = figure_data(at, "probs")
    assert [a["text"] for a in probs["layout"]["annotations"]] == [
        f"P(y = {k} | x)" for k in range(3)
    ]
    maps = [np.asarray(t["z"]) for t in probs["data"] if t["type"] == "heatmap"]
    np.testing.assert_allclose(sum(maps), 1.0, atol=1e-5)  # the C maps add up to 1
    assert any("Set **Classes** to 2" in i.value for i in at.info)
    assert worked_table(at).shape == (3, 7)


def test_the_lectures_vector_gives_the_lectures_probabilities():
    """The lecture: z = [5, 2, −1, 3], t = e^z, a = t / Σt ≈ [0.842, 0.042, 0.002, 0.114]."""
    at = open_page(PAGE, QUICK)
    table = lecture_table(at)
    np.testing.assert_array_equal(table["z_j"], [5, 2, -1, 3])
    np.testing.assert_allclose(table["t_j = e^z_j"], [148.4, 7.4, 0.4, 20.1], atol=0.05)
    np.testing.assert_allclose(table["a_j = t_j / Σt"], [0.842, 0.042, 0.002, 0.114], atol=5e-4)
    words = markdown(at)
    assert "Σt = 176.3, so a = t / Σt = [0.842, 0.042, 0.002, 0.114]" in words
    assert "class 0 takes 84.2%" in words and "the hardmax [1, 0, 0, 0]" in words


def test_the_worked_example_shows_dz_as_a_minus_y_checked_by_finite_differences(trained):
    table = worked_table(trained)
    a, y = table["a_j = t_j / Σt"].to_numpy(), table["y_j"].to_numpy()
    np.testing.assert_allclose(table["dz_j = a_j − y_j"], a - y, rtol=1e-12)
    np.testing.assert_allclose(table["∂L/∂z_j, finite differences"], a - y, atol=1e-6)
    label = int(np.argmax(y))
    words = markdown(trained)
    assert f"{a[label]:.6g} − 1 = {a[label] - 1:.3g} for the true class" in words
    gap = np.max(np.abs(table["∂L/∂z_j, finite differences"].to_numpy() - (a - y)))
    assert f"agree to within **{gap:.1e}**" in words


def test_start_trains_and_the_confusion_matrix_counts_the_dev_set(trained):
    at = trained
    assert_clean(at)
    assert epoch_progress(at) == (20, 20)
    counts = np.asarray(figure_data(at, "confusion")["data"][0]["z"])
    assert counts.shape == (3, 3) and counts.sum() == 120
    assert np.trace(counts) > 60
    assert len(figure_data(at, "cost")["data"][0]["y"]) == 20
    hardmax = figure_data(at, "regions")["data"][0]
    assert hardmax["type"] == "heatmap" and len(hardmax["x"]) >= 200  # cells of ≤ 2-3 px


def test_the_point_slider_changes_the_worked_example(trained):
    before = figure_data(trained, "example")["data"][0]["y"]
    table = worked_table(trained)
    np.testing.assert_allclose(table["a_j = t_j / Σt"].sum(), 1.0)
    np.testing.assert_allclose(table["t_j = e^z_j"], np.exp(table["z_j = z^[L]_j"]), rtol=1e-9)
    at = set_widget(trained, "pt", 7)
    assert_clean(at)
    assert figure_data(at, "example")["data"][0]["y"] != before
    star = [t for t in figure_data(at, "regions")["data"] if t.get("name") == "dev point #7"]
    assert len(star) == 1


def softmax_latex(at) -> str:
    (latex,) = [block.value.strip("$\n") for block in at.latex if r"\hat y" in block.value]
    return latex


def test_the_lectures_equations_show_the_worked_examples_numbers_for_the_picked_class(trained):
    table = worked_table(trained)
    label = int(np.argmax(table["y_j"].to_numpy()))
    a = table["a_j = t_j / Σt"].to_numpy()
    latex = softmax_latex(trained)
    assert widget(trained, "eq_class").value == label  # the true class first
    assert f"dz_{label} &= \\hat y_{label} - y_{label}" in latex and "- 1 = " in latex
    other = (label + 1) % 3
    at = set_widget(trained, "eq_class", other)
    assert_clean(at)
    changed = softmax_latex(at)
    assert changed != latex and f"t_{other} &= e^{{z_{other}}}" in changed
    assert f"- 0 = {number(a[other])}" in changed  # dz_j = a_j − 0 for a wrong class
    z = worked_table(at)["z_j = z^[L]_j"].to_numpy()
    assert changed == softmax_equation(sm.worked_example(z, label), other).latex


def test_two_classes_reduce_to_logistic_regression():
    at = press(open_page(PAGE, {**QUICK, "C": "2"}), "start")
    assert_clean(at)
    title = figure_data(at, "reduction")["layout"]["title"]["text"]
    gap = float(title.rsplit(" ", 1)[1])
    assert gap < 1e-12
    assert any("w = w₁ − w₀" in m.value for m in at.markdown)


def test_more_classes_give_more_maps():
    at = set_widget(open_page(PAGE, QUICK), "C", 5)
    assert_clean(at)
    heatmaps = [t for t in figure_data(at, "probs")["data"] if t["type"] == "heatmap"]
    assert len(heatmaps) == 5


@pytest.mark.parametrize("query", [{"ds": "moons"}, {"pt": "500", "C": "9"}, {"lr": "abc"}])
def test_bad_query_params_are_adjusted_and_said(query):
    at = open_page(PAGE, {**QUICK, **query})
    assert_clean(at)
    table = sm.BY_KEY | {k: v for k, v in ALL.items() if k not in sm.BY_KEY}
    assert assert_admitted(at, table, query).keys() == query.keys()


def test_an_error_from_the_core_is_shown_not_raised(monkeypatch):
    message = "n_classes must be between 2 and 10; got 11"

    reject = reject_with(message)

    monkeypatch.setattr(sm, "SoftmaxRun", reject)
    at = open_page(PAGE, QUICK)
    assert not at.exception, [e.value for e in at.exception]
    assert errors(at) == [f"These settings cannot be trained: {message}"]
