"""AppTest tests of the real app: Home and the Playground page, driven like a visitor would.

Each test opens app.py with query parameters, switches to a page, presses buttons and reads the
widgets and the figure data (not just that a chart exists). Runs are kept short (tens of epochs)
so they train in the run panel's single cached call; only the Stop test starts a long, ticking
run and stops it after two chunks.
"""

from __future__ import annotations

import math
import re
import warnings

import numpy as np
import pytest
from pages_helpers import (
    HOME,
    assert_admitted,
    assert_clean,
    core_values,
    cost_series,
    epoch_progress,
    errors,
    figure_data,
    finish,
    has_widget,
    hold_clock,
    marker_points,
    metrics,
    open_page,
    plotly_charts,
    press,
    progress_text,
    rerun_until,
    set_widget,
    sorted_columns,
    upload,
    url_params,
    widget,
)
from streamlit.testing.v1 import AppTest

from playground.catalog import TRY_THIS
from playground.engine import settings as spec
from playground.engine.data import load_csv_with_names
from playground.engine.diagnose import diagnose_run, estimate_bayes_error
from playground.engine.experiment import Run, make_data
from playground.engine.run_engine import run_engine
from playground.ui import run_panel

EPOCHS = 40
QUICK = {"epochs": str(EPOCHS)}
PERCENT = re.compile(r"^\d{1,3}(\.\d)?%$")

DIVERGING = {
    "opt": "gd",
    "lr": 10.0,
    "act": "leaky_relu",
    "init": "random",
    "iscale": 50.0,
    "bs": "full",
    "epochs": EPOCHS,
}
"""Full-batch gradient descent, α = 10, leaky ReLU, W ~ 50·randn: NaN after a few epochs."""
TOO_BIG = {"epochs": 20000, "n": 5000, "layers": 6, **{f"h{l}": 64 for l in range(1, 7)}}
"""epochs × examples × weights far above the server's MAX_WORK."""


def core_points(values: dict, csv=None) -> tuple[np.ndarray, np.ndarray]:
    """The train and dev points the core makes for ``values`` (and an uploaded CSV)."""
    data = make_data(values, csv)
    return data.X_train, data.X_dev


def assert_same_points(figure: dict, values: dict, csv=None) -> None:
    X_train, X_dev = core_points(values, csv)
    for group, expected in (("train", X_train), ("dev", X_dev)):
        shown = marker_points(figure, group)
        assert shown.shape == expected.shape, group
        np.testing.assert_allclose(sorted_columns(shown), sorted_columns(expected), rtol=1e-12)


def csv_bytes(rows: int, seed: int = 0) -> bytes:
    """A labelled 2-D CSV with a header: label 1 inside the first and third quadrants."""
    points = np.random.default_rng(seed).normal(size=(rows, 2))
    lines = ["x1,x2,label"] + [f"{x:.4f},{y:.4f},{int(x * y > 0)}" for x, y in points]
    return "\n".join(lines).encode()


# -- Home ----------------------------------------------------------------------------------------


def test_home_has_a_title_and_links_to_the_playground():
    at = open_page(HOME)
    assert_clean(at)
    assert [title.value for title in at.title] == ["Deep-learning tuning playground"]
    links = [(link.proto.page, link.value) for link in at.page_link]
    assert any(page == "playground" for page, _ in links), links
    assert "Home" not in " ".join(label for _, label in links)
    assert any("URL" in block.value for block in at.markdown)


# -- Playground: first render and training ------------------------------------------------------


def test_playground_renders_the_untrained_network():
    at = open_page(query=QUICK)
    assert_clean(at)
    assert at.title[0].value == "🧪 Playground"
    assert epoch_progress(at) == (0, EPOCHS)
    assert at.progress[0].value == 0
    boundary = figure_data(at, "boundary")
    assert boundary["data"][0]["type"] == "contour"
    assert "epoch 0" in boundary["layout"]["title"]["text"]
    assert_same_points(boundary, core_values(epochs=EPOCHS))
    assert "cost" not in plotly_charts(at)  # no empty axes before the first epoch
    assert not at.button(key="start").disabled
    assert at.button(key="stop").disabled
    assert not [s.value for s in at.subheader if s.value.startswith("Diagnosis")]
    assert any("Press **▶ Start**" in info.value for info in at.info)


def test_start_trains_to_the_last_epoch_and_shows_the_core_result():
    at = press(open_page(query=QUICK), "start")
    assert_clean(at)
    assert epoch_progress(at) == (EPOCHS, EPOCHS)
    assert at.progress[0].value == 100

    expected = Run(core_values(epochs=EPOCHS), make_data(core_values(epochs=EPOCHS)))
    expected.advance()
    epochs, cost = cost_series(at, "train")
    np.testing.assert_array_equal(epochs, np.arange(1, EPOCHS + 1))
    np.testing.assert_allclose(cost, expected.history.train_cost, rtol=1e-9)
    _, dev_cost = cost_series(at, "dev")
    np.testing.assert_allclose(dev_cost, expected.history.dev_cost, rtol=1e-9)
    assert cost[-1] < cost[0]

    shown = metrics(at)
    assert PERCENT.match(shown["Train accuracy"]) and PERCENT.match(shown["Dev accuracy"])
    train_error, _ = expected.errors()
    assert shown["Train accuracy"] == f"{1 - train_error:.1%}"
    diagnosis = [s.value for s in at.subheader if s.value.startswith("Diagnosis: ")]
    assert len(diagnosis) == 1 and len(diagnosis[0]) > len("Diagnosis: ")
    assert f"epoch {EPOCHS}" in figure_data(at, "boundary")["layout"]["title"]["text"]


def test_the_diagnosis_reads_the_dev_cost_trend_not_only_the_errors():
    # The default run ends at train 100 %, dev 97.5 %, which the errors alone call "fine",
    # while its dev cost has climbed for the last hundred epochs (the cost figure shows it).
    at = press(open_page(), "start")
    assert_clean(at)
    values = core_values()
    expected = Run(values, make_data(values))
    expected.advance()
    verdict = diagnose_run(expected, estimate_bayes_error("circles", 0.05))
    assert verdict.verdict == "starting to overfit"
    shown = [s.value for s in at.subheader if s.value.startswith("Diagnosis: ")]
    assert shown == ["Diagnosis: starting to overfit"]
    words = "\n".join(block.value for block in at.markdown)
    assert verdict.message in words
    rise = verdict.rise
    _, dev_cost = cost_series(at, "dev")
    assert np.median(dev_cost[-rise.window :]) == pytest.approx(rise.recent_cost)
    assert f"to {rise.recent_cost:.3g} (the last {rise.window})" in words


def test_training_changes_the_decision_boundary():
    at = open_page(query=QUICK)
    before = np.array(figure_data(at, "boundary")["data"][0]["z"])
    press(at, "start")
    after = np.array(figure_data(at, "boundary")["data"][0]["z"])
    assert before.shape[0] > 10 and after.shape[0] > 10
    # The trained network separates the circles: its P(y = 1) spans far more than the untrained.
    assert np.ptp(after) > np.ptp(before) + 0.3


# -- widgets change the result -------------------------------------------------------------------


def test_changing_the_data_set_changes_the_points():
    at = open_page(query=QUICK)
    circles = marker_points(figure_data(at, "boundary"))
    set_widget(at, "ds", "moons")
    assert_clean(at)
    figure = figure_data(at, "boundary")
    moons = marker_points(figure)
    assert circles.shape == moons.shape
    assert not np.allclose(sorted_columns(circles), sorted_columns(moons))
    assert_same_points(figure, core_values(ds="moons", epochs=EPOCHS))


def test_changing_the_number_of_examples_changes_the_point_count():
    at = set_widget(open_page(query=QUICK), "n", 100)
    assert_clean(at)
    assert marker_points(figure_data(at, "boundary")).shape == (2, 100)


@pytest.mark.parametrize(
    ("key", "value"),
    [("layers", 0), ("lr", 0.1), ("opt", "gd"), ("act", "tanh"), ("bs", "full"), ("seed", 7)],
)
def test_changing_a_setting_and_pressing_start_changes_the_cost_curve(key, value):
    at = press(open_page(query=QUICK), "start")
    _, baseline = cost_series(at)
    set_widget(at, key, value)
    assert any("Settings changed" in info.value for info in at.info)
    assert epoch_progress(at) == (0, EPOCHS)  # the stale run is not shown
    press(at, "start")
    assert_clean(at)
    _, changed = cost_series(at)
    assert changed.shape == baseline.shape == (EPOCHS,)
    assert not np.allclose(changed, baseline)
    expected = Run(core_values(**{key: value}, epochs=EPOCHS), make_data(core_values()))
    expected.advance()
    np.testing.assert_allclose(changed, expected.history.train_cost, rtol=1e-9)


def test_spiral_has_three_classes_and_a_softmax_heatmap():
    at = open_page(query=url_params(ds="spiral", epochs=EPOCHS))
    assert_clean(at)
    figure = figure_data(at, "boundary")
    assert figure["data"][0]["type"] == "heatmap"
    assert not [t for t in figure["data"] if t["type"] == "contour"]
    names = {t["name"] for t in figure["data"] if t.get("legendgroup") == "train"}
    assert names == {"y = 0", "y = 1", "y = 2"}
    set_widget(at, "C", 5)
    names = {t["name"] for t in figure_data(at, "boundary")["data"] if t.get("mode")}
    assert names == {f"y = {k}" for k in range(5)}
    press(at, "start")
    assert_clean(at)
    assert epoch_progress(at) == (EPOCHS, EPOCHS)
    assert figure_data(at, "boundary")["data"][0]["type"] == "heatmap"


# -- query parameters ----------------------------------------------------------------------------


def test_query_params_set_the_widgets():
    at = open_page(query={"ds": "moons", "lr": "0.1", "epochs": "40", "noise": "0.2"})
    assert_clean(at)
    assert widget(at, "ds").value == "moons"
    assert widget(at, "lr").value == 0.1
    assert widget(at, "epochs").value == 40
    assert widget(at, "noise").value == pytest.approx(0.2)
    assert epoch_progress(at) == (0, 40)
    assert_same_points(figure_data(at, "boundary"), core_values(ds="moons", noise=0.2))


def test_hand_written_query_params_use_the_course_names():
    values = {"opt": "gd", "act": "leaky_relu", "init": "random", "iscale": 0.5, "bs": "full"}
    query = {"opt": "gd", "act": "leaky_relu", "init": "random", "iscale": "0.5", "bs": "full"}
    assert url_params(**values) == query
    at = open_page(query=query)
    assert_clean(at)
    for key, value in values.items():
        assert widget(at, key).value == value, key


BAD_QUERIES = [
    {"nonsense": "1"},
    {"__proto__": "x", "constructor": "y"},
    {"lr": "abc"},
    {"lr": "0.25"},
    {"lr": "1e308"},
    {"lr": ["0.1", "0.3"]},
    {"n": "999999"},
    {"n": "-50"},
    {"ds": "evil"},
    {"ds": "<script>alert(1)</script>"},
    {"ds": ""},
    {"layers": "-3"},
    {"layers": "2.5"},
    {"layers": "99"},
    {"epochs": "1e9"},
    {"epochs": "-1"},
    {"epochs": "0"},
    {"noise": "nan"},
    {"noise": "inf"},
    {"noise": "9"},
    {"h1": "0"},
    {"h2": "65"},
    {"kp1": "0"},
    {"std": "maybe"},
    {"bs": "7"},
    {"opt": "sgd"},
    {"act": "relu; drop table"},
    {"seed": ""},
    {"dseed": "-1"},
    {"C": "99"},
    {"iscale": "-1"},
    {"h6": "999", "kp6": "2"},
]
BAD_QUERIES += [{"epochs": "inf"}, {"seed": "1e999"}, {"dseed": "-1e999"}, {"seed": "9" * 400}]
"""Streamlit 1.67's int number_input raises OverflowError on these (int(inf)), so no setting
is drawn as an int number box: seeds are sliders and epochs a select slider."""


def query_id(query: dict) -> str:
    return "&".join(f"{key}={str(value)[:20]}" for key, value in query.items())


@pytest.mark.parametrize("query", BAD_QUERIES, ids=query_id)
def test_bad_query_params_are_adjusted_and_said(query):
    at = open_page(query=query)
    assert_clean(at)
    shown = assert_admitted(at, spec.ALL, query)  # unknown keys, and settings not drawn, aside
    assert epoch_progress(at) == (0, shown.get("epochs", spec.ALL["epochs"].default))
    assert_same_points(figure_data(at, "boundary"), core_values(**shown))
    assert "cost" not in plotly_charts(at)  # before the first epoch: a box, not empty axes


def test_inverse_sqrt_decay_reads_k_and_an_old_link_still_starts_at_alpha0():
    """α = k / √epoch_num · α₀ with k = 1: a link from before k existed (decay = 0.01, which
    used to start α at α₀/100) trains from α₀. (k = 0, α = 0 all run, is never admitted:
    test_page_lr_decay.)"""
    query = QUICK | {"sched": "inverse_sqrt", "decay": "0.01"}
    at = press(open_page(query=query), "start")
    assert_clean(at)
    assert widget(at, "k").value == 1.0 and not has_widget(at, "decay")
    expected = Run(core_values(sched="inverse_sqrt", epochs=EPOCHS), make_data(core_values()))
    expected.advance()
    assert expected.history.learning_rate[0] == spec.ALL["lr"].default
    np.testing.assert_allclose(cost_series(at)[1], expected.history.train_cost, rtol=1e-9)


def test_rmsprop_has_its_own_beta2_and_momentum_its_beta():
    """The lecture calls RMSprop's β β₂; momentum's β is another knob (and batch norm's β, a
    learned shift, another thing again)."""
    at = open_page(query=QUICK | {"opt": "rmsprop", "rms_beta": "0.99", "beta": "0.5"})
    assert_clean(at)
    assert widget(at, "rms_beta").label == "β₂ (RMSprop)" and widget(at, "rms_beta").value == 0.99
    assert not has_widget(at, "beta")
    press(at, "start")
    values = core_values(opt="rmsprop", rms_beta=0.99, beta=0.5, epochs=EPOCHS)
    expected = Run(values, make_data(values))
    assert expected.optimizer.beta == 0.99
    expected.advance()
    np.testing.assert_allclose(cost_series(at)[1], expected.history.train_cost, rtol=1e-9)
    set_widget(at, "opt", "momentum")
    assert widget(at, "beta").label == "β (momentum)" and widget(at, "beta").value == 0.5
    assert "batch norm" in widget(at, "beta").help and not has_widget(at, "rms_beta")


# -- CSV upload ----------------------------------------------------------------------------------

BAD_CSVS = {
    "text in a feature": b"x1,x2,label\n1,2,a\n3,oops,b\n",
    "one column": b"label\n1\n0\n",
    "two columns": b"x1,label\n1,0\n2,1\n",
    "empty": b"",
    "header only": b"x1,x2,label\n",
    "binary": b"\x00\x01\x02\x03",
    "not utf-8": b"x1,x2,label\n1,2,\xff\n",
    "one class": b"1,2,0\n3,4,0\n5,6,0\n",
    "ragged rows": b"1,2,0\n3,4\n5,6,1\n",
    "nan feature": b"1,nan,0\n3,4,1\n",
    "formula": b"x1,x2,label\n=cmd|' /C calc'!A0,2,0\n3,4,1\n",
}


@pytest.mark.parametrize("content", BAD_CSVS.values(), ids=BAD_CSVS.keys())
def test_a_bad_csv_shows_the_parsers_message_and_keeps_the_generated_data(content):
    with pytest.raises(ValueError) as parsed:
        load_csv_with_names(content)
    at = upload(open_page(query=QUICK), "csv", "bad.csv", content)
    assert not at.exception, [e.value for e in at.exception]
    assert errors(at) == [f"Could not use bad.csv: {parsed.value}"]
    assert_same_points(figure_data(at, "boundary"), core_values(epochs=EPOCHS))
    press(at, "start")
    assert not at.exception
    assert epoch_progress(at) == (EPOCHS, EPOCHS)


def test_a_good_csv_is_trained_on():
    content = csv_bytes(90)
    csv = load_csv_with_names(content)
    values = core_values(epochs=EPOCHS)
    assert make_data(values, csv).source == "uploaded CSV"

    at = upload(open_page(query=QUICK), "csv", "quadrants.csv", content)
    assert_clean(at)
    assert marker_points(figure_data(at, "boundary")).shape == (2, 90)
    assert_same_points(figure_data(at, "boundary"), values, csv)

    press(at, "start")
    assert_clean(at)
    assert epoch_progress(at) == (EPOCHS, EPOCHS)
    expected = Run(values, make_data(values, csv))
    expected.advance()
    np.testing.assert_allclose(cost_series(at)[1], expected.history.train_cost, rtol=1e-9)
    assert_same_points(figure_data(at, "boundary"), values, csv)

    # Another file makes the run stale; removing the file goes back to the generated data.
    upload(at, "csv", "other.csv", csv_bytes(60, seed=1))
    assert epoch_progress(at) == (0, EPOCHS)
    assert marker_points(figure_data(at, "boundary")).shape == (2, 60)
    at.file_uploader(key="csv").set_value(None).run()
    assert_clean(at)
    assert_same_points(figure_data(at, "boundary"), values)


# -- divergence, rejected settings, reset, stop --------------------------------------------------


@pytest.mark.filterwarnings("ignore::RuntimeWarning")
def test_a_diverging_run_shows_an_error_and_keeps_the_epochs_before_it():
    values = core_values(**DIVERGING)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        expected = Run(values, make_data(values))
        expected.advance()
    assert expected.history.stopped_reason == "diverged"
    kept = expected.history.last_epoch
    assert 0 < kept < EPOCHS

    at = open_page(query=url_params(**DIVERGING))
    assert_clean(at)
    assert widget(at, "opt").value == "gd" and widget(at, "iscale").value == 50.0
    press(at, "start")
    assert not at.exception, [e.value for e in at.exception]
    assert errors(at) == [f"Diverged: {expected.history.message}"]
    assert epoch_progress(at) == (kept, EPOCHS)
    epochs, cost = cost_series(at)
    np.testing.assert_array_equal(epochs, np.arange(1, kept + 1))
    assert np.isfinite(cost).all()


def test_an_early_stop_is_shown_as_a_success_with_the_restored_epoch():
    values = core_values(es=20)
    expected = Run(values, make_data(values))
    expected.advance()
    history = expected.history
    assert history.stopped_reason == "early_stopping"
    at = press(open_page(query=url_params(es=20)), "start")
    assert_clean(at)
    assert [s.value for s in at.success] == [f"Early stopping worked: {history.message}"]
    assert f"restored the weights of epoch {history.best_epoch}" in at.success[0].value
    assert not at.warning, [w.value for w in at.warning]
    assert epoch_progress(at) == (history.last_epoch, values["epochs"])


def try_this(at, number: int) -> str:
    """The text of "Try this" experiment ``number`` as shown."""
    return next(m.value for m in at.markdown if m.value.startswith(f"**{number}. "))


@pytest.mark.filterwarnings("ignore::RuntimeWarning")
def test_try_this_4_gradient_descent_at_alpha_10_runs_as_it_says():
    at = open_page()
    text = try_this(at, 4)
    assert "Set the optimizer to gd (gradient descent) and the learning rate to 10." in text
    assert TRY_THIS["playground"][3].notice in text, "the page shows playground/try_this.py's text"
    at = press(set_widget(set_widget(at, "opt", "gd"), "lr", 10.0), "start")
    assert_clean(at)
    # "The run does not diverge: the first huge steps (the cost peaks at 1.85 in epoch 2) kill
    # every unit of the last hidden ReLU layer (5 of 5) …"
    assert "The run does not diverge" in text and "last hidden ReLU layer (5 of 5)" in text
    assert epoch_progress(at) == (300, 300)
    values = core_values(opt="gd", lr=10.0)
    run = Run(values, make_data(values))
    run.advance()
    run.net.forward(run.data.X_train)
    assert not run.net._cache.A[-2].any(), "every unit of the last hidden layer outputs 0"
    assert run.net._cache.A[-2].shape[0] == 5
    _, cost = cost_series(at, "train")
    np.testing.assert_allclose(cost, run.history.train_cost, rtol=1e-9)
    assert "the cost peaks at 1.85 in epoch 2" in text
    assert np.argmax(cost) == 1 and cost[1] == pytest.approx(1.85, abs=0.005)
    # "… so the network answers one class everywhere (train 48%, dev 55%: that class's
    # shares) …"
    assert "one class everywhere (train 48%, dev 55%: that class's shares)" in text
    assert np.unique(run.net.predict(np.hstack([run.data.X_train, run.data.X_dev]))).size == 1
    assert float(metrics(at)["Dev accuracy"].rstrip("%")) == pytest.approx(55, abs=0.5)
    # "… and the cost then bounces between about 0.7 and 1.5 without learning."
    assert "the cost then bounces between about 0.7 and 1.5" in text
    assert 0.65 < cost[2:].min() < 0.75 and 1.45 <= cost[2:].max() < 1.55
    # "Now choose spiral and leaky ReLU …: the weights overflow in epoch 2 and the run stops
    # as diverged, keeping the 1 epoch before it."
    assert "Now choose spiral and leaky ReLU" in text and "overflow in epoch 2" in text
    assert "keeping the 1 epoch before it" in text
    at = press(set_widget(set_widget(at, "ds", "spiral"), "act", "leaky_relu"), "start")
    assert not at.exception, [e.value for e in at.exception]
    (shown,) = errors(at)
    assert shown.startswith("Diverged: The cost became NaN or infinite in epoch 2:")
    assert epoch_progress(at)[0] == 1 and len(cost_series(at, "train")[1]) == 1


def test_settings_the_core_rejects_show_an_error_not_an_exception():
    values = core_values(**TOO_BIG)
    with pytest.raises(ValueError, match="more than this server allows") as rejected:
        Run(values, make_data(values))
    at = open_page(query=url_params(**TOO_BIG))
    assert not at.exception, [e.value for e in at.exception]
    assert widget(at, "epochs").value == 20000 and widget(at, "h6").value == 64
    assert errors(at) == [f"These settings cannot be trained: {rejected.value}"]
    assert not at.progress and not at.get("plotly_chart")
    press(at, "start")
    assert not at.exception
    assert errors(at) == [f"These settings cannot be trained: {rejected.value}"]
    assert not at.progress


def test_reset_clears_the_run():
    at = press(open_page(query=QUICK), "start")
    assert epoch_progress(at) == (EPOCHS, EPOCHS)
    press(at, "reset")
    assert_clean(at)
    assert epoch_progress(at) == (0, EPOCHS)
    assert "cost" not in plotly_charts(at)  # back to the box that says ▶ Start fills it
    assert not [s.value for s in at.subheader if s.value.startswith("Diagnosis")]


def started_long_run() -> AppTest:
    """Playground with a 20 000-epoch run under way, once a first frame of it is drawn."""
    at = press(open_page(query={"epochs": "20000"}), "start", wait=False)
    return rerun_until(at, lambda at: epoch_progress(at)[0] > 0)


def test_stop_ends_a_long_run_and_keeps_its_epochs():
    at = started_long_run()
    assert not at.exception
    assert at.button(key="start").disabled and not at.button(key="stop").disabled
    first, total = epoch_progress(at)
    assert total == 20000 and 0 < first < total
    press(at, "stop")
    assert not at.exception
    stopped, _ = epoch_progress(at)
    assert first <= stopped < total
    assert [w.value for w in at.warning] == [f"Stopped by the user after epoch {stopped}."]
    assert cost_series(at)[1].size == stopped
    assert run_engine().live_jobs(run_state(at).owner) == 0, "the job goes with the run"
    for _ in range(3):
        at.run()
        assert epoch_progress(at) == (stopped, total), "a stopped run does not go on"
    assert not at.button(key="start").disabled and at.button(key="stop").disabled


WAIT_ANY_MACHINE = 120.0
"""Long enough for a short run on any machine: the test waits for a state, never races it."""


def run_state(at):
    return at.session_state["run:playground"]


def test_a_paused_run_stays_put_and_step_trains_exactly_one_epoch():
    at = press(started_long_run(), "pause")
    assert_clean(at)
    paused, total = epoch_progress(at)
    assert 0 < paused < total and progress_text(at).endswith(" · ⏸ paused")
    for _ in range(3):
        at.run()
        assert epoch_progress(at) == (paused, total), "a paused run went on"
    assert at.button(key="start").label == "▶ Resume" and not at.button(key="start").disabled
    assert at.button(key="pause").disabled and not at.button(key="stop").disabled

    press(at, "step")
    assert epoch_progress(at) == (paused + 1, total)
    assert progress_text(at).endswith(" · ⏸ paused")
    assert cost_series(at)[1].size == paused + 1
    at.run()
    assert epoch_progress(at) == (paused + 1, total)

    press(at, "start", wait=False)  # resume: the run trains on from there
    rerun_until(at, lambda at: epoch_progress(at)[0] > paused + 1)
    resumed, _ = epoch_progress(at)
    assert "paused" not in progress_text(at)
    assert at.button(key="start").disabled and not at.button(key="pause").disabled
    press(at, "step")  # while ticking: hold after exactly one more epoch
    assert epoch_progress(at) == (resumed + 1, total)
    press(at, "stop")
    assert [w.value for w in at.warning] == [f"Stopped by the user after epoch {resumed + 1}."]


def test_step_from_scratch_then_resume_gives_the_same_run_as_start():
    at = press(open_page(query=QUICK), "step")
    assert_clean(at)
    assert epoch_progress(at) == (1, EPOCHS) and progress_text(at).endswith(" · ⏸ paused")
    press(at, "step")
    assert epoch_progress(at) == (2, EPOCHS)
    press(at, "start")
    assert_clean(at)
    assert epoch_progress(at) == (EPOCHS, EPOCHS)
    assert at.button(key="start").label == "▶ Start" and at.button(key="stop").disabled
    expected = Run(core_values(epochs=EPOCHS), make_data(core_values(epochs=EPOCHS)))
    expected.advance()
    np.testing.assert_array_equal(cost_series(at)[1], expected.history.train_cost)
    trained = run_state(at).runs["run"]
    np.testing.assert_array_equal(trained.net.params.flat, expected.net.params.flat)


def test_a_setting_changed_while_paused_marks_the_run_stale_and_ends_it():
    at = press(started_long_run(), "pause")
    set_widget(at, "n", 200)
    assert_clean(at)
    assert any("Settings changed since this run" in info.value for info in at.info)
    assert epoch_progress(at) == (0, 20000), "the new settings' untrained network is shown"
    assert at.button(key="start").label == "▶ Start" and at.button(key="stop").disabled
    assert not run_state(at).running and not run_state(at).paused


def test_at_max_speed_a_run_that_arrives_while_start_waits_is_shown_done_at_once(monkeypatch):
    monkeypatch.setattr(run_panel, "QUICK_RESULT_SECONDS", WAIT_ANY_MACHINE)
    at = open_page(query=QUICK)
    at.session_state[run_panel.SPEED_KEY] = run_panel.MAX_SPEED
    at.button(key="start").click().run()
    assert_clean(at)
    assert not run_state(at).running and epoch_progress(at) == (EPOCHS, EPOCHS)
    assert run_engine().live_jobs(run_state(at).owner) == 0


def test_at_1x_start_never_waits_for_the_run(monkeypatch):
    clock = hold_clock(monkeypatch)
    monkeypatch.setattr(run_panel, "QUICK_RESULT_SECONDS", WAIT_ANY_MACHINE)
    at = press(open_page(query=QUICK), "start", wait=False)
    assert run_state(at).running and epoch_progress(at)[0] < EPOCHS, "played back from 0"
    clock.advance(10.0)
    finish(at)


def test_alpha_changed_mid_run_applies_from_the_epoch_shown_on(monkeypatch):
    clock = hold_clock(monkeypatch)
    at = press(open_page(query=url_params(epochs=100, lr=0.01)), "start", wait=False)
    clock.advance(0.1)  # a frame may go 100 / 1.5 s × 0.1 s = 6.7 epochs: the frame of epoch 6
    rerun_until(at, lambda at: epoch_progress(at) == (6, 100))
    set_widget(at, "lr", 0.1)
    assert_clean(at)
    assert not any("Settings changed" in info.value for info in at.info), "the run went on"
    assert run_state(at).running
    clock.advance(10.0)
    finish(at)
    run = run_state(at).runs["run"]
    assert run.epoch == 100 and run.history.learning_rate == [0.01] * 6 + [0.1] * 94
    values = core_values(epochs=100, lr=0.01)
    expected = Run(values, make_data(values))
    expected.train_until(6)
    expected.apply({"lr": 0.1})
    expected.advance()
    np.testing.assert_array_equal(cost_series(at)[1], expected.history.train_cost)


# -- sessions ------------------------------------------------------------------------------------


def test_two_sessions_do_not_see_each_others_runs():
    circles = open_page(query=QUICK)
    moons = open_page(query=url_params(ds="moons", lr=0.1, epochs=EPOCHS))
    untrained_circles = figure_data(circles, "boundary")

    press(moons, "start")
    assert epoch_progress(moons) == (EPOCHS, EPOCHS)
    circles.run()
    assert epoch_progress(circles) == (0, EPOCHS), "the other session's run is not shown"
    assert not [info.value for info in circles.info if "Settings changed" in info.value]
    assert figure_data(circles, "boundary")["data"] == untrained_circles["data"]

    press(circles, "start")
    moons.run()
    assert epoch_progress(circles) == epoch_progress(moons) == (EPOCHS, EPOCHS)
    assert_same_points(figure_data(circles, "boundary"), core_values())
    assert_same_points(figure_data(moons, "boundary"), core_values(ds="moons"))
    _, circles_cost = cost_series(circles)
    _, moons_cost = cost_series(moons)
    assert not np.allclose(circles_cost, moons_cost)
    assert widget(moons, "ds").value == "moons" and widget(circles, "ds").value == "circles"
    assert math.isclose(widget(moons, "lr").value, 0.1) and widget(circles, "lr").value == 0.01
