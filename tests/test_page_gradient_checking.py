"""AppTest tests of the gradient-checking page: 1-D errors, planted bugs, the ε sweep."""

from __future__ import annotations

import numpy as np
import pytest
from pages_helpers import (
    assert_admitted,
    assert_clean,
    errors,
    figure_data,
    metrics,
    notes,
    open_page,
    set_widget,
    widget,
)

from playground.topics.gradient_checking import model as gc
from playground.topics.gradient_checking.equations import check_equation, components

PAGE = "pages/gradient_checking.py"


def trace_y(figure: dict, name: str) -> np.ndarray:
    (found,) = [t for t in figure["data"] if t.get("name") == name]
    return np.asarray(found["y"], dtype=float)


def marker_x(figure: dict) -> float:
    """x of the dotted vertical line that marks the chosen ε."""
    shapes = figure["layout"]["shapes"]
    (line,) = [s for s in shapes if s["type"] == "line" and s["yref"] == "paper"]
    return line["x0"]


def text(at) -> str:
    return " ".join(block.value for block in at.markdown)


@pytest.fixture(scope="module")
def page():
    at = open_page(PAGE)
    assert_clean(at)
    return at


def test_renders_the_three_parts(page):
    assert page.title[0].value == "🩺 Gradient checking"
    assert [h.value for h in page.header] == [
        "1 · One parameter: two-sided vs one-sided",
        "2 · A whole network: plant a bug",
        "3 · Which ε? Truncation against round-off",
    ]
    derivative = figure_data(page, "derivative")
    two, one = gc.derivative_errors("cube", 1.0)
    np.testing.assert_allclose(
        trace_y(derivative, "two-sided (f(θ+ε) − f(θ−ε))/2ε"), np.where(two > 0, two, np.nan)
    )
    assert marker_x(derivative) == pytest.approx(1e-7)
    parameters = figure_data(page, "parameters")
    assert parameters["data"][0]["x"] == ["dW1", "db1", "dW2", "db2", "dW3", "db3"]
    result = gc.check_network("none", 0.0, "relu", 1, 1e-7)
    shown = parameters["data"][0]["customdata"]
    np.testing.assert_allclose(shown, list(result.per_parameter.values()))
    assert [trace["name"] for trace in figure_data(page, "sweep")["data"]] == ["correct backprop"]
    assert metrics(page)["Overall difference"] == f"{result.difference:.2e}"
    assert [s.value for s in page.subheader] == ["Verdict: great"]
    assert "Backprop is right" in text(page)


@pytest.mark.parametrize(
    ("bug", "words"),
    [
        ("dW2_x2", "the bug is in layer 2's weight gradient"),
        ("db1_sign", "the bug is in layer 1's bias gradient"),
        ("db1_sum", "the bug is in layer 1's bias gradient"),
        ("dropout_on", "Every gradient is off"),
    ],
)
def test_a_planted_bug_changes_the_bars_and_is_located(bug, words):
    at = open_page(PAGE)
    correct = figure_data(at, "parameters")["data"][0]["customdata"]
    set_widget(at, "bug", bug)
    assert_clean(at)
    planted = figure_data(at, "parameters")["data"][0]["customdata"]
    assert max(planted) > gc.SUSPICIOUS > max(correct)
    assert [s.value for s in at.subheader] == ["Verdict: likely a bug"]
    assert words in text(at)
    sweep = figure_data(at, "sweep")
    assert [t["name"] for t in sweep["data"]] == ["correct backprop", f"with bug {bug}"]
    assert min(trace_y(sweep, f"with bug {bug}")) > gc.SUSPICIOUS


def test_the_l2_bug_needs_lambda():
    at = open_page(PAGE, {"bug": "no_l2"})
    assert_clean(at)
    assert [s.value for s in at.subheader] == ["Verdict: great"]
    assert any("With λ = 0" in w.value for w in at.warning)
    assert "both curves coincide" in text(at)
    set_widget(at, "l2", 0.7)
    assert [s.value for s in at.subheader] == ["Verdict: likely a bug"]
    assert "are off but every db is right" in text(at)
    assert not at.warning


def test_epsilon_and_function_change_the_figures():
    at = open_page(PAGE)
    bars = figure_data(at, "parameters")["data"][0]["customdata"]
    set_widget(at, "epsilon", 1e-12)
    assert_clean(at)
    assert widget(at, "epsilon").value == 1e-12
    assert marker_x(figure_data(at, "derivative")) == pytest.approx(1e-12)
    assert marker_x(figure_data(at, "sweep")) == pytest.approx(1e-12)
    rounded = figure_data(at, "parameters")["data"][0]["customdata"]
    assert max(rounded) > 100 * max(bars)  # round-off dominates at ε = 1e-12
    assert "at your ε = 1e-12" in text(at)

    before = trace_y(figure_data(at, "derivative"), "one-sided (f(θ+ε) − f(θ))/ε")
    set_widget(at, "fn", "exp")
    assert_clean(at)
    after = trace_y(figure_data(at, "derivative"), "one-sided (f(θ+ε) − f(θ))/ε")
    assert not np.allclose(before, after, equal_nan=True)
    assert "e^θ" in figure_data(at, "derivative")["layout"]["title"]["text"]


def test_bad_query_params_are_adjusted_and_said():
    query = {"fn": "evil", "theta": "abc", "bug": "rm -rf", "epsilon": "5", "l2": "-3", "z": "1"}
    at = open_page(PAGE, query)
    assert_clean(at)
    assert len(assert_admitted(at, gc.BY_KEY, query)) == 5
    assert len(notes(at)) == 5


def test_a_point_outside_the_domain_shows_an_error():
    at = open_page(PAGE, {"fn": "log", "theta": "-1.0"})
    assert not at.exception
    assert errors(at) == [
        "theta must be greater than 0.1 for ln θ (f(θ − ε) is evaluated for ε up to 0.1); got -1"
    ]
    # the rest of the page still works
    assert figure_data(at, "parameters")["data"][0]["x"][0] == "dW1"
    set_widget(at, "theta", 1.0)
    assert_clean(at)


def check_latex(at) -> str:
    (latex,) = [b.value.strip("$\n") for b in at.latex if r"\theta_{\text{approx}}" in b.value]
    return latex


def test_the_two_sided_difference_shows_the_checks_numbers_for_the_picked_component():
    at = open_page(PAGE)
    defaults = {key: gc.BY_KEY[key].default for key in ("bug", "l2", "act", "seed", "epsilon")}
    network = [defaults[key] for key in ("bug", "l2", "act", "seed")]
    result = gc.check_network(*network, defaults["epsilon"])
    found = components(gc.check_network_data(defaults["act"], defaults["seed"])[0].params)
    worst = found[int(abs(result.gradapprox - result.grad).argmax())]
    assert widget(at, "eq_component").value == worst
    assert check_latex(at) == check_equation(result, worst).latex
    at = set_widget(at, "eq_component", found[0])
    assert_clean(at)
    first = check_latex(at)
    assert first == check_equation(result, found[0]).latex and "W^{[1]}_{1,1}" in first
    at = set_widget(at, "bug", "dW2_x2")
    planted = gc.check_network("dW2_x2", *network[1:], defaults["epsilon"])
    assert check_latex(at) == check_equation(planted, found[0]).latex != first
