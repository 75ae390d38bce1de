"""AppTest tests of the "Optimizers on surfaces" page: the race, its figure and its URL."""

from __future__ import annotations

import numpy as np
from pages_helpers import (
    assert_admitted,
    assert_clean,
    errors,
    figure_data,
    open_page,
    reject_with,
    set_widget,
    widget,
)

from playground.engine.racing import make_racer
from playground.topics.optimizers_surfaces import model as surfaces

PAGE = "pages/optimizers_surfaces.py"
QUICK = {"steps": "100"}


def path_of(figure: dict, label: str) -> np.ndarray:
    (trace,) = [t for t in figure["data"] if t.get("name") == label and t.get("mode") == "lines"]
    return np.array([trace["x"], trace["y"]], dtype=float).T


def words(at) -> str:
    return "\n".join(block.value for block in at.markdown)


def test_renders_the_race_on_the_elongated_bowl():
    at = open_page(PAGE, QUICK)
    assert_clean(at)
    assert at.title[0].value == "🗺️ Optimizers on surfaces"
    figure = figure_data(at, "paths")
    values = surfaces.page_values({"steps": 100})
    expected = surfaces.race(values)
    for label, name in (("gradient descent", "gd"), ("Adam", "adam")):
        np.testing.assert_allclose(path_of(figure, label), expected[name], rtol=1e-12)
    assert len(figure["frames"]) == 100  # at most 100 of the 101 positions
    assert figure["layout"]["images"][0]["source"].startswith("data:image/png")
    text = words(at)
    assert "arrives first" in text and "Why α matters here" in text
    assert "3.16× larger" in text  # Adam's uncorrected first step
    assert len(at.dataframe) == 1 and len(at.dataframe[0].value) == 4
    assert not [c for c in at.get("plotly_chart") if c.key == "surface3d"]


def test_a_learning_rate_changes_that_optimizers_path_only():
    at = open_page(PAGE, QUICK)
    before = figure_data(at, "paths")
    set_widget(at, "gd_lr", 0.01)
    assert_clean(at)
    after = figure_data(at, "paths")
    assert not np.allclose(path_of(before, "gradient descent"), path_of(after, "gradient descent"))
    np.testing.assert_array_equal(path_of(before, "Adam"), path_of(after, "Adam"))
    assert "without zig-zag" in words(at)  # 1 − 0.01·20 = 0.8 > 0


def test_choosing_a_surface_sets_its_start_and_suggested_rates():
    at = open_page(PAGE, QUICK)
    set_widget(at, "gd_lr", 0.5)
    set_widget(at, "surface", "rosenbrock")
    assert_clean(at)
    assert (widget(at, "w1").value, widget(at, "w2").value) == (-1.5, 2.5)
    assert widget(at, "gd_lr").value == surfaces.SUGGESTED_RATES["rosenbrock"]["gd"]
    figure = figure_data(at, "paths")
    assert "(1 − w₁)² + 100" in figure["layout"]["title"]["text"]
    np.testing.assert_array_equal(path_of(figure, "momentum")[0], [-1.5, 2.5])
    assert not has_key(at, "kappa")  # κ only for the elongated bowl


def has_key(at, key: str) -> bool:
    return any(getattr(w, "key", None) == key for w in at.get("select_slider"))


def test_the_url_reproduces_a_start_and_the_extra_racers():
    query = {"surface": "himmelblau", "w1": "1.5", "w2": "-2", "steps": "20", "more": "true"}
    at = open_page(PAGE, query)
    assert_clean(at)
    figure = figure_data(at, "paths")
    nesterov = path_of(figure, "Nesterov")
    values = surfaces.page_values({"surface": "himmelblau", "w1": 1.5, "w2": -2.0, "steps": 20})
    expected = surfaces.optimizer_path(
        surfaces.surface_of(values), make_racer("nesterov", values), (1.5, -2.0), 20
    )
    np.testing.assert_allclose(nesterov, expected, rtol=1e-12)
    assert "Several minima" in words(at)


def test_bias_correction_off_races_uncorrected_adam_next_to_a_ghost():
    at = open_page(PAGE, QUICK | {"bias": "false", "view3d": "true"})
    assert_clean(at)
    figure = figure_data(at, "paths")
    names = [t.get("name") for t in figure["data"]]
    assert "Adam (bias-corrected)" in names
    values = surfaces.page_values({"steps": 100, "bias": False})
    np.testing.assert_allclose(path_of(figure, "Adam"), surfaces.race(values)["adam"], rtol=1e-12)
    surface3d = figure_data(at, "surface3d")
    assert surface3d["data"][0]["type"] == "surface"


def test_bad_query_params_are_adjusted_and_said():
    query = {"surface": "evil", "w1": "abc", "steps": "7", "gd_lr": "99", "tol": "x"}
    at = open_page(PAGE, query)
    assert_clean(at)
    shown = assert_admitted(at, surfaces.BY_KEY, query)
    assert shown == {"surface": "elongated", "w1": -9.0, "steps": 10, "gd_lr": 5.0, "tol": 0.001}


def test_a_race_the_core_rejects_shows_an_error(monkeypatch):
    reject = reject_with("steps must be between 1 and 20000; got 0")

    monkeypatch.setattr(surfaces, "race", reject)
    at = open_page(PAGE, {"steps": "20", "tol": "0.1"})  # settings not cached by other tests
    assert not at.exception, [e.value for e in at.exception]
    assert errors(at) == ["steps must be between 1 and 20000; got 0"]
    assert not [c for c in at.get("plotly_chart") if c.key == "paths"]


def latex(at) -> str:
    (block,) = [element.value for element in at.get("latex")]  # one st.latex: the update rule
    return block


def test_the_update_rule_is_written_with_the_race_numbers_at_the_chosen_step():
    at = open_page(PAGE, QUICK)
    assert_clean(at)
    values = surfaces.page_values({"steps": 100})
    optimizer, trace = surfaces.traced_race(values, "adam", "w₁")  # the defaults: Adam, w₁
    last = latex(at)
    assert r"\hat v_{dw_1}" in last and r"w_1 &:=" in last
    assert f"{trace.weight[-1]:.3f}"[:5] in last  # the race's own last w₁
    assert len(trace) == 100 and widget(at, "eq_t").value == 100
    set_widget(at, "eq_t", 3)
    third = latex(at)
    assert third != last and r"1-0.9^{3}" in third  # β₁ᵗ of update 3
    assert f"{trace.grad[2]:#.4g}" in third  # dW of update 3
    set_widget(at, "eq_w", "w₂")
    other = latex(at)
    assert other != third and r"w_2 &:=" in other
    _, trace_2 = surfaces.traced_race(values, "adam", "w₂")
    assert f"{trace_2.grad[2]:#.4g}" in other
    set_widget(at, "eq_opt", "momentum")
    assert r"\beta v_{dw_2} + (1-\beta)" in latex(at)
    figure = figure_data(at, "eq_trace")
    assert {t["name"] for t in figure["data"]} == {"dW_t", "v_t", "W_t − W_(t−1)"}
    assert_clean(at)
