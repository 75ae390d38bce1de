"""AppTest tests of the "Optimizers on the network" page: four runs, their figures, the preset."""

from __future__ import annotations

import numpy as np
from pages_helpers import (
    assert_admitted,
    assert_clean,
    epoch_progress,
    errors,
    figure_data,
    open_page,
    plotly_charts,
    press,
    set_widget,
    widget,
)

from playground.topics.optimizers_network import equations, race

PAGE = "pages/optimizers_network.py"
EPOCHS = 10
QUICK = {"epochs": str(EPOCHS)}


def curve(figure: dict, label: str) -> np.ndarray:
    (trace,) = [t for t in figure["data"] if t.get("name") == label]
    return np.asarray(trace["y"], dtype=float)


def words(at) -> str:
    return "\n".join(block.value for block in at.markdown)


def test_renders_four_untrained_runs_and_a_random_plane():
    at = open_page(PAGE, QUICK)
    assert_clean(at)
    assert at.title[0].value == "🏁 Optimizers on the network"
    assert epoch_progress(at) == (0, EPOCHS)
    assert "cost" not in plotly_charts(at)  # no empty axes before the first epoch: a box says so
    assert any("press **▶ Start**" in i.value for i in at.info)
    boundaries = figure_data(at, "boundaries")
    assert [t["type"] for t in boundaries["data"]].count("contour") == 4
    landscape = figure_data(at, "landscape")
    assert "random directions" in landscape["layout"]["title"]["text"]
    assert "Not trained yet" in words(at)


def test_start_trains_every_optimizer_like_the_core():
    at = press(open_page(PAGE, QUICK), "start")
    assert_clean(at)
    assert epoch_progress(at) == (EPOCHS, EPOCHS)
    values = race.page_values({"epochs": EPOCHS})
    data = race.race_data(values)
    cost = figure_data(at, "cost")
    for name, label in (("gd", "gradient descent"), ("adam", "Adam")):
        run = race.RaceRun(values, data, name)
        run.advance()
        np.testing.assert_allclose(curve(cost, label), run.history.train_cost, rtol=1e-9)
    landscape = figure_data(at, "landscape")
    assert "principal directions" in landscape["layout"]["title"]["text"]
    assert "Lowest training cost after 10 epochs" in words(at)
    assert len(at.dataframe[0].value) == 4


def test_the_landscape_view_changes_without_retraining():
    at = press(open_page(PAGE, QUICK), "start")
    before = figure_data(at, "landscape")
    set_widget(at, "center", "gd")
    assert_clean(at)
    assert epoch_progress(at) == (EPOCHS, EPOCHS)  # still the same runs, not stale
    assert not [i.value for i in at.info if "Settings changed" in i.value]
    after = figure_data(at, "landscape")
    assert before["data"][0]["z"] != after["data"][0]["z"]
    assert "θ* of gradient descent" in [t.get("name") for t in after["data"]]


def test_a_learning_rate_changes_that_optimizers_curve():
    at = press(open_page(PAGE, QUICK), "start")
    before = curve(figure_data(at, "cost"), "gradient descent")
    set_widget(at, "gd_lr", 0.1)
    assert any("Settings changed" in i.value for i in at.info)
    press(at, "start")
    assert_clean(at)
    cost = figure_data(at, "cost")
    assert not np.allclose(curve(cost, "gradient descent"), before)
    assert curve(cost, "gradient descent")[-1] < before[-1]  # α = 0.1 learns faster than 0.01


def test_the_course_scenes_set_every_widget():
    at = open_page(PAGE, QUICK)
    at.selectbox(key="scene_optimizers_network").select("course-exercise").run()
    assert_clean(at)
    for key, value in race.COURSE_PRESET.items():
        assert widget(at, key).value == value, key
    assert epoch_progress(at) == (0, 5000)
    at.selectbox(key="scene_optimizers_network").select("original-notebook").run()
    assert widget(at, "epochs").value == 10000


def test_bad_query_params_are_adjusted_and_said():
    query = {"ds": "evil", "m": "abc", "gd_lr": "0.123", "center": "zz", "bs": "3"}
    at = open_page(PAGE, query)
    assert_clean(at)
    shown = assert_admitted(at, race.BY_KEY, query)
    assert shown == {"ds": "moons", "m": 300, "gd_lr": 0.1, "center": "adam", "bs": "64"}


def test_settings_too_big_to_train_show_an_error():
    query = {"m": "2000", "h1": "64", "h2": "64", "epochs": "20000"}
    at = open_page(PAGE, query)
    assert not at.exception, [e.value for e in at.exception]
    assert len(errors(at)) == 1 and "more than this server allows" in errors(at)[0]
    assert not [c for c in at.get("plotly_chart") if c.key == "landscape"]


def latex(at) -> str:
    (block,) = [element.value for element in at.get("latex")]  # one st.latex: the update rule
    return block


def test_the_update_rule_is_written_with_the_run_numbers_at_the_chosen_step():
    at = open_page(PAGE, QUICK)
    assert not at.get("latex")  # nothing trained, no numbers yet
    assert any("No update yet" in block.value for block in at.info)
    at = press(at, "start")
    assert_clean(at)
    values = race.page_values({"epochs": EPOCHS})
    run = race.RaceRun(values, race.race_data(values), "adam")
    run.train_until(EPOCHS)
    _, trace = equations.traced_run(race.training_values(values), "adam", EPOCHS, "W1[0, 0]")
    assert trace.weight[-1] == run.net.params["W1"][0, 0]  # the replay is the run itself
    updates = EPOCHS * 5  # 300 examples in mini-batches of 64
    assert widget(at, "eq_t").value == updates and len(trace) == updates
    last = latex(at)
    assert r"\hat v_{dW^{[1]}_{0,0}}" in last
    assert f"{trace.grad[-1]:#.4g}" in last
    set_widget(at, "eq_t", 3)
    third = latex(at)
    assert third != last and f"{trace.grad[2]:#.4g}" in third and r"1-0.9^{3}" in third
    assert any("epoch 1, mini-batch 3 of 5" in block.value for block in at.markdown)
    set_widget(at, "eq_w", "W2[1, 0]")
    other = latex(at)
    assert other != third and r"W^{[2]}_{1,0} &:=" in other
    set_widget(at, "eq_opt", "gd")
    assert r"W^{[2]}_{1,0} - \alpha\, dW^{[2]}_{1,0}" in latex(at)
    names = {t["name"] for t in figure_data(at, "eq_trace")["data"]}
    assert names == {"dW_t", "W_t − W_(t−1)"}
    assert_clean(at)


def test_a_weight_chosen_on_the_surfaces_page_does_not_break_this_one():
    at = open_page("pages/optimizers_surfaces.py", {"steps": "20"})
    set_widget(at, "eq_w", "w₂")
    set_widget(at, "eq_opt", "rmsprop")
    at.switch_page(PAGE).run()
    at = press(at, "step")
    assert_clean(at)
    assert widget(at, "eq_w").value == "W1[0, 0]"  # the surface's w₂ is no weight here
    assert widget(at, "eq_opt").value == "rmsprop"  # an optimizer both pages race stays
