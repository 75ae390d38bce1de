"""AppTest tests of the initialization page: four starts, their figures, the course preset."""

from __future__ import annotations

import numpy as np
from pages_helpers import (
    assert_admitted,
    assert_clean,
    epoch_progress,
    errors,
    figure_data,
    hold_clock,
    open_page,
    plotly_charts,
    press,
    rerun_until,
    set_widget,
    widget,
)

from playground.engine.course_data import course_data
from playground.engine.run_engine import run_engine
from playground.topics.initialization import model as init
from playground.topics.initialization.equations import variance_equation

PAGE = "pages/initialization.py"
EPOCHS = 20
QUICK = {"epochs": str(EPOCHS)}


def url(**values: object) -> dict[str, str]:
    """Query parameters of the page's own settings (options written as the widget shows them)."""
    return {key: init.BY_KEY[key].format(value) for key, value in values.items()}


def panel_titles(figure: dict) -> list[str]:
    return [a["text"] for a in figure["layout"]["annotations"]]


def points(figure: dict) -> np.ndarray:
    """x, y of every marker of the first panel."""
    xs, ys = [], []
    for t in figure["data"]:
        if t.get("mode") == "markers" and t.get("xaxis") == "x":
            xs += list(t["x"])
            ys += list(t["y"])
    return np.array([xs, ys])


def unit_lines(trace: dict) -> list[tuple]:
    """The lines of one panel of the units figure (its trace joins them with NaN gaps)."""
    y = np.asarray(trace["y"], dtype=float)
    ends = np.flatnonzero(np.isnan(y))
    starts = np.r_[0, ends[:-1] + 1]
    return [tuple(y[a:b]) for a, b in zip(starts, ends, strict=True)]


def test_renders_four_untrained_starts():
    at = open_page(PAGE, QUICK)
    assert_clean(at)
    assert at.title[0].value == "🎲 Initialization"
    assert epoch_progress(at) == (0, EPOCHS)
    boundaries = figure_data(at, "boundaries")
    assert [t["type"] for t in boundaries["data"]].count("contour") == 4
    assert panel_titles(boundaries) == [
        "zeros · dev 50%",
        "random ×10 · dev 50%",
        "Xavier √(1/n) · dev 50%",
        "He √(2/n) · dev 50%",
    ]
    units = figure_data(at, "units")
    assert len(units["data"]) == 4  # one panel per start
    assert all(len(unit_lines(trace)) == 10 for trace in units["data"])  # a line per unit
    assert panel_titles(units)[0] == "zeros · 1/10 distinct"
    assert "cost" not in plotly_charts(at)  # no empty axes before the first epoch: a box says so
    assert any("press **▶ Start**" in i.value for i in at.info)
    assert at.table[0].value.index.tolist() == ["zeros", "random", "xavier", "he"]


def test_start_trains_every_start_like_the_core():
    at = press(open_page(PAGE, QUICK), "start")
    assert_clean(at)
    assert epoch_progress(at) == (EPOCHS, EPOCHS)
    values = init.page_values({"epochs": EPOCHS})
    expected = init.make_runs(values, course_data("circles", 300, 0.05, 1))
    cost = figure_data(at, "cost")
    for trace, (name, run) in zip(cost["data"], expected.items(), strict=True):
        run.advance()
        assert trace["name"].startswith(init.init_label(name).split(" ·")[0])
        np.testing.assert_allclose(trace["y"], run.history.train_cost, rtol=1e-12)
        assert list(trace["x"]) == list(range(1, EPOCHS + 1))
    units = figure_data(at, "units")
    zeros, he = units["data"][0], units["data"][3]
    assert (zeros["xaxis"], he["xaxis"]) == ("x", "x4")
    assert len(set(unit_lines(zeros))) == 1  # zeros: the 10 units draw one line
    assert len(set(unit_lines(he))) == 10
    text = " ".join(block.value for block in at.markdown)
    assert "**1 distinct unit**" in text and "W1 has not moved at all" in text
    assert "**zeros** stays near ln 2" in text


def test_widgets_change_the_figures():
    at = open_page(PAGE, QUICK)
    before = figure_data(at, "boundaries")
    set_widget(at, "noise", 0.2)
    assert_clean(at)
    after = figure_data(at, "boundaries")
    assert points(before).shape == points(after).shape
    assert not np.allclose(points(before), points(after))
    X = course_data("circles", 300, 0.2, 1)
    assert points(after).shape[1] == X.X_train.shape[1] + X.X_dev.shape[1]

    set_widget(at, "sym", "constant")
    assert_clean(at)
    assert panel_titles(figure_data(at, "boundaries"))[0].startswith("constant 0.5 · dev")
    first = figure_data(at, "units")["data"][0]
    assert set(unit_lines(first)) == {(init.CONSTANT,)}  # untrained: epoch 0 only
    set_widget(at, "m", 100)
    assert points(figure_data(at, "boundaries")).shape[1] == 100 + 33


def test_the_course_scene_sets_the_widgets_and_the_url_and_its_run_stops():
    at = open_page(PAGE)
    at.selectbox(key="scene_initialization").select("course-exercise").run()
    assert_clean(at)
    for key, value in init.COURSE_PRESET.items():
        assert widget(at, key).value == value, key
    assert at.query_params["lr"] == "0.01" and at.query_params["epochs"] == "15000"
    assert any("course's settings" in s.value for s in at.success)
    assert epoch_progress(at) == (0, 15000)

    press(at, "start", wait=False)  # 60 000 steps: the run ticks, with progress and Stop
    assert not at.exception
    assert at.button(key="stop").disabled is False
    rerun_until(at, lambda at: epoch_progress(at)[0] > 0)  # a first frame is drawn
    first, total = epoch_progress(at)
    assert total == 15000 and first < total
    press(at, "stop")
    stopped, _ = epoch_progress(at)
    assert 0 < stopped < 15000
    assert any("Stopped by the user" in w.value for w in at.warning)
    owner = at.session_state["run:initialization"].owner
    assert run_engine().live_jobs(owner) == 0  # the job is gone, not only hidden
    for _ in range(3):  # the count stays put
        at.run()
        assert epoch_progress(at) == (stopped, 15000)


def test_the_preset_url_reproduces_the_preset():
    at = open_page(PAGE, url(**init.COURSE_PRESET))
    assert_clean(at)
    for key, value in init.COURSE_PRESET.items():
        assert widget(at, key).value == value, key
    assert any("course's settings" in s.value for s in at.success)


def test_bad_query_params_are_adjusted_and_said():
    query = {"m": "abc", "sym": "evil", "epochs": "7", "iscale": "-1", "zz": "1"}
    at = open_page(PAGE, query)
    assert_clean(at)
    shown = init.page_values(assert_admitted(at, init.BY_KEY, query))
    for key, value in shown.items():
        assert widget(at, key).value == value, key
    assert epoch_progress(at) == (0, shown["epochs"])


def test_settings_too_big_for_the_server_show_an_error():
    at = open_page(PAGE, {"m": "2000", "h1": "64", "h2": "64", "epochs": "20000"})
    assert not at.exception
    assert any("cannot be trained" in e and "MAX_WORK" not in e for e in errors(at)), errors(at)


def test_step_trains_each_of_the_four_starts_exactly_one_epoch():
    at = press(open_page(PAGE, QUICK), "step")
    assert_clean(at)
    assert epoch_progress(at) == (1, EPOCHS)
    runs = at.session_state["run:initialization"].runs
    assert len(runs) == 4 and [run.history.last_epoch for run in runs.values()] == [1] * 4
    press(at, "step")
    assert [run.history.last_epoch for run in runs.values()] == [2] * 4
    assert at.button(key="start").label == "▶ Resume"


def test_runs_side_by_side_are_always_shown_at_one_epoch(monkeypatch):
    clock = hold_clock(monkeypatch)
    at = press(open_page(PAGE, {"epochs": "2000"}), "start", wait=False)
    state = at.session_state["run:initialization"]
    shown = set()
    while state.running:
        clock.advance(0.05)
        at.run()
        assert_clean(at)
        epochs = {run.epoch for run in state.runs.values() if not run.done}
        assert len(epochs) <= 1, f"runs drawn at different epochs: {epochs}"
        shown |= epochs
    assert len(shown) >= 10


def variance_latex(at) -> str:
    (latex,) = [b.value.strip("$\n") for b in at.latex if r"\mathrm{Var}" in b.value]
    return latex


def test_the_lectures_variance_shows_the_runs_n_and_drawn_weights_for_the_picked_start():
    at = open_page(PAGE, QUICK)
    values = init.page_values({"epochs": EPOCHS})
    data = course_data(values["ds"], values["m"], values["noise"], values["dseed"])
    nets = {name: run.initial_net for name, run in init.make_runs(values, data).items()}
    he = variance_latex(at)
    assert he == variance_equation(nets["he"], "he", 1, values["iscale"]).latex
    assert r"\frac{2}{n^{[l-1]}} = \frac{2}{2}" in he  # n^[0] = n_x = 2
    at = set_widget(at, "eq_layer", 2)
    assert_clean(at)
    second = variance_latex(at)
    assert second == variance_equation(nets["he"], "he", 2, values["iscale"]).latex
    assert f"\\frac{{2}}{{{values['h1']}}}" in second  # n^[1] = h1
    at = set_widget(at, "eq_init", "xavier")
    xavier = variance_latex(at)
    assert xavier == variance_equation(nets["xavier"], "xavier", 2, values["iscale"]).latex
    assert xavier != second and f"\\frac{{1}}{{{values['h1']}}}" in xavier
