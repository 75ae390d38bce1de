"""AppTest tests of the pandas-vs-caviar page: the caviar models (the same as the core's), the
babysat model trained a few epochs per tick, α changed mid-run, Pause / Resume / Step, bad
input."""

from __future__ import annotations

import numpy as np
import pytest
from pages_helpers import (
    assert_admitted,
    assert_clean,
    errors,
    figure_data,
    finish,
    hold_clock,
    open_page,
    plotly_charts,
    press,
    rerun_until,
    set_widget,
)
from streamlit.testing.v1 import AppTest

from playground.engine.config import coerce_settings, settings_by_key
from playground.engine.experiment import make_data
from playground.topics.pandas_caviar import model as babysit
from playground.ui.babysit_panel import TICK_SECONDS
from playground.ui.controls import all_values

PAGE = "pages/pandas_caviar.py"
TABLE = settings_by_key(*babysit.SETTINGS)
QUICK = {"epochs": "20", "speed": "5", "models": "8"}


def page_values(**changes: object) -> dict:
    return coerce_settings(TABLE, {"epochs": 20, "speed": 5, "models": 8} | changes)


def core_caviar(**changes: object):
    values = page_values(**changes)
    return babysit.caviar(values, make_data(all_values(babysit.run_values(values))))


def progress(at) -> str:
    return at.progress[0].text


def caviar_lines(at) -> list[dict]:
    return [t for t in figure_data(at, "caviar")["data"] if t.get("mode") == "lines"]


def test_the_page_shows_the_caviar_models_and_an_untrained_panda():
    at = open_page(PAGE, QUICK)
    assert_clean(at)
    assert at.title[0].value == "🐼 Pandas vs caviar"
    assert progress(at) == "Epoch 0 of 20 · α = 0.001"
    assert set(plotly_charts(at)) == {"panda", "caviar"}
    trials = core_caviar()
    best = babysit.best_trial(trials)
    lines = caviar_lines(at)
    assert len(lines) == 8
    assert lines[-1]["name"] == f"best: α = {trials[best].config['learning_rate']:.3g}"
    np.testing.assert_allclose(lines[-1]["y"], trials[best].dev_cost_curve, rtol=1e-12)
    texts = [m.value for m in at.markdown]
    assert any(t.startswith("Not trained yet: it will start with α = 0.001") for t in texts)
    assert any(t.startswith("8 models with α from") for t in texts)
    panda = figure_data(at, "panda")["data"]
    assert [t["name"] for t in panda] == ["caviar's best (dev)", "train", "dev"]
    assert len(panda[1]["x"]) == 0


def test_a_widget_change_changes_the_caviar_figure():
    at = open_page(PAGE, QUICK)
    set_widget(at, "models", 16)
    assert_clean(at)
    assert len(caviar_lines(at)) == 16
    set_widget(at, "lr_hi", 0.01)
    rates = [float(t["name"].split("= ")[-1]) for t in caviar_lines(at)]
    assert max(rates) <= 0.01
    assert "Caviar: 16 models" in figure_data(at, "caviar")["layout"]["title"]["text"]


@pytest.fixture
def still_clock(monkeypatch):
    return hold_clock(monkeypatch)


def shows(text: str):
    """A state to wait for: the progress line says ``text``."""
    return lambda at: progress(at) == text


def test_the_panda_trains_a_few_epochs_per_tick_and_alpha_changes_mid_run(still_clock):
    at = press(open_page(PAGE, QUICK), "start", wait=False)
    assert_clean(at)
    assert progress(at) == "Epoch 0 of 20 · α = 0.001"  # the clock is still: nothing shown yet
    still_clock.advance(TICK_SECONDS)  # 5 epochs a tick
    rerun_until(at, shows("Epoch 5 of 20 · α = 0.001"))
    still_clock.advance(TICK_SECONDS)
    rerun_until(at, shows("Epoch 10 of 20 · α = 0.001"))
    set_widget(at, "lr", 0.03)  # from the epoch shown on, whatever the worker has trained
    assert_clean(at)
    assert progress(at) == "Epoch 10 of 20 · α = 0.03"
    still_clock.advance(TICK_SECONDS)
    rerun_until(at, shows("Epoch 15 of 20 · α = 0.03"))
    figure = figure_data(at, "panda")
    assert [s["x0"] for s in figure["layout"]["shapes"]] == [10]
    assert [a["text"] for a in figure["layout"]["annotations"]] == ["α → 0.03"]
    still_clock.advance(TICK_SECONDS)
    finish(at)
    assert progress(at) == "Epoch 20 of 20 · α = 0.03"
    assert not at.button(key="start").disabled and at.button(key="pause").disabled
    assert any("Your changes of α: epoch 10 → α = 0.03." in m.value for m in at.markdown)
    assert panda(at).run.history.learning_rate == [0.001] * 10 + [0.03] * 10
    dev = np.asarray(figure_data(at, "panda")["data"][2]["y"], dtype=float)
    assert dev.size == 20 and np.isfinite(dev).all()


def panda(at) -> babysit.Panda:
    return at.session_state["panda:pandas_caviar"].panda


def start_and_show_5_epochs(still_clock) -> AppTest:
    at = press(open_page(PAGE, QUICK), "start", wait=False)
    still_clock.advance(TICK_SECONDS)
    return rerun_until(at, shows("Epoch 5 of 20 · α = 0.001"))


def test_pause_keeps_the_panda_and_start_resumes_it(still_clock):
    at = press(start_and_show_5_epochs(still_clock), "pause")
    assert_clean(at)
    assert progress(at) == "Epoch 5 of 20 · α = 0.001 · ⏸ paused"
    for _ in range(3):
        still_clock.advance(TICK_SECONDS)
        at.run()
        assert progress(at) == "Epoch 5 of 20 · α = 0.001 · ⏸ paused", "a paused panda trains"
    assert at.button(key="start").label == "▶ Resume" and at.button(key="pause").disabled
    at = press(at, "start", wait=False)
    still_clock.advance(TICK_SECONDS)
    rerun_until(at, shows("Epoch 10 of 20 · α = 0.001"))
    at = press(at, "reset")
    assert progress(at).startswith("Epoch 0 of 20") and at.button(key="start").label == "▶ Start"


def test_a_paused_panda_takes_a_new_alpha_from_the_next_step_on(still_clock):
    at = press(start_and_show_5_epochs(still_clock), "pause")
    set_widget(at, "lr", 0.03)  # a fragment rerun: α changes, nothing trains
    assert_clean(at)
    assert progress(at) == "Epoch 5 of 20 · α = 0.03 · ⏸ paused"
    at = press(at, "step")
    assert progress(at) == "Epoch 6 of 20 · α = 0.03 · ⏸ paused"
    assert panda(at).run.history.learning_rate == [0.001] * 5 + [0.03]
    assert any("Your changes of α: epoch 5 → α = 0.03." in m.value for m in at.markdown)
    assert [s["x0"] for s in figure_data(at, "panda")["layout"]["shapes"]] == [5]
    at.run()
    assert progress(at) == "Epoch 6 of 20 · α = 0.03 · ⏸ paused"

    reference = babysit.Panda(panda(at).run.values, panda(at).run.data)
    reference.advance(5)
    reference.set_learning_rate(0.03)
    reference.advance(1)
    np.testing.assert_array_equal(panda(at).run.history.dev_cost, reference.run.history.dev_cost)

    at = press(at, "start", wait=False)  # resume: a tick shows 5 more epochs with α = 0.03
    still_clock.advance(TICK_SECONDS)
    rerun_until(at, shows("Epoch 11 of 20 · α = 0.03"))
    assert panda(at).run.history.learning_rate == [0.001] * 5 + [0.03] * 6


def test_step_trains_a_new_panda_one_epoch_at_a_time(still_clock):
    at = press(open_page(PAGE, QUICK), "step")
    assert_clean(at)
    assert progress(at) == "Epoch 1 of 20 · α = 0.001 · ⏸ paused"
    assert at.button(key="start").label == "▶ Resume" and at.button(key="pause").disabled
    at = press(at, "step")
    assert progress(at) == "Epoch 2 of 20 · α = 0.001 · ⏸ paused"
    at = press(at, "start", wait=False)
    still_clock.advance(TICK_SECONDS)
    rerun_until(at, shows("Epoch 7 of 20 · α = 0.001"))
    at = press(at, "step")  # while it trains: hold, after exactly one more epoch
    assert progress(at) == "Epoch 8 of 20 · α = 0.001 · ⏸ paused"


def test_bad_query_params_are_adjusted_and_said():
    query = {"lr": "abc", "models": "7", "speed": "0", "epochs": "21", "opt": "sgd"}
    at = open_page(PAGE, query | {"zzz": "1"})
    assert_clean(at)
    shown = assert_admitted(at, TABLE, query)
    assert shown == {"lr": 0.001, "models": 8, "speed": 1, "epochs": 20, "opt": "adam"}
    assert progress(at) == "Epoch 0 of 20 · α = 0.001"


def test_settings_the_core_rejects_show_an_error():
    at = open_page(PAGE, QUICK | {"lr_lo": "1", "lr_hi": "0.001"})
    assert not at.exception
    assert any("must not exceed" in text for text in errors(at)), errors(at)
    assert not plotly_charts(at)  # no caviar; the untrained panda's curves: a box, not axes
    assert any("press **▶ Start**" in info.value for info in at.info)
    huge = {"epochs": "1000", "units": "64", "layers": "4", "n": "5000", "models": "64"}
    at = open_page(PAGE, huge)
    assert not at.exception
    messages = errors(at)
    assert any(
        "The caviar models cannot be trained" in m and "units of work" in m for m in messages
    )
    assert any("This model cannot be trained" in m for m in messages), messages
