"""AppTest tests of the learning-rate decay page: schedules, runs, and the piecewise text box."""

from __future__ import annotations

import numpy as np
import pytest
from pages_helpers import (
    assert_admitted,
    assert_clean,
    epoch_progress,
    errors,
    figure_data,
    has_widget,
    open_page,
    plotly_charts,
    press,
    set_widget,
    trace,
    url_params,
    widget,
)

from playground.engine import settings as spec
from playground.engine.config import coerce_settings, settings_by_key
from playground.engine.experiment import make_data
from playground.topics.lr_decay import model as decay

PAGE = "pages/lr_decay.py"
TABLE = settings_by_key(*decay.DATA, *decay.SETTINGS, *decay.COMPARE)
EPOCHS = 20
EPOCH_NUM = np.arange(1, EPOCHS + 1)
"""The lecture's epoch_num of epochs 1 … EPOCHS."""
QUICK = {"epochs": str(EPOCHS)}
DEFAULT_NAMES = ["constant", "inverse_time", "exponential", "piecewise"]


def page_values(**values: object) -> dict:
    defaults = {key: setting.default for key, setting in TABLE.items()}
    return coerce_settings(spec.ALL, defaults | values | decay.FIXED_VALUES)


def curve(at, key: str, name: str) -> np.ndarray:
    return np.asarray(trace(figure_data(at, key), name)["y"], dtype=float)


def names_in(at, key: str) -> list[str]:
    return sorted(t["name"] for t in figure_data(at, key)["data"])


def test_the_page_draws_the_chosen_schedules_before_training():
    at = open_page(PAGE, QUICK)
    assert_clean(at)
    assert at.title[0].value == "📉 Learning-rate decay"
    assert epoch_progress(at) == (0, EPOCHS)
    assert names_in(at, "schedules") == sorted(DEFAULT_NAMES)
    np.testing.assert_allclose(curve(at, "schedules", "constant"), [1.0] * EPOCHS)
    np.testing.assert_allclose(
        curve(at, "schedules", "inverse_time"), 1.0 / (1 + 0.1 * EPOCH_NUM), rtol=1e-12
    )
    np.testing.assert_allclose(curve(at, "schedules", "exponential"), 0.95**EPOCH_NUM, rtol=1e-12)
    np.testing.assert_allclose(curve(at, "schedules", "piecewise"), [1.0] * EPOCHS)  # 50:…
    assert widget(at, "pw").value == "50:0.3, 75:0.1"
    assert not has_widget(at, "interval"), "no chosen schedule uses the staircase interval"
    assert "cost" not in plotly_charts(at)
    boundaries = figure_data(at, "boundaries")
    assert sum(t["type"] == "contour" for t in boundaries["data"]) == 4


def test_toggling_staircase_adds_it_and_its_interval_changes_its_curve():
    at = open_page(PAGE, QUICK)
    set_widget(at, "staircase", True)
    assert_clean(at)
    assert "staircase" in names_in(at, "schedules")
    expected = 1.0 / (1 + 0.1 * (np.arange(EPOCHS) // 20))
    np.testing.assert_allclose(curve(at, "schedules", "staircase"), expected)
    set_widget(at, "interval", 10)
    expected = 1.0 / (1 + 0.1 * (np.arange(EPOCHS) // 10))
    np.testing.assert_allclose(curve(at, "schedules", "staircase"), expected)


def test_the_decay_rate_changes_the_inverse_time_curve():
    at = open_page(PAGE, QUICK)
    before = curve(at, "schedules", "inverse_time")
    set_widget(at, "decay", 1.0)
    after = curve(at, "schedules", "inverse_time")
    assert not np.allclose(before, after)
    np.testing.assert_allclose(after, 1.0 / (1 + EPOCH_NUM), rtol=1e-12)


def test_the_lecture_example_button_shows_the_lectures_table():
    """The lecture: α₀ = 0.2, decay_rate = 1 gives α = 0.1, 0.067, 0.05, 0.04 in epochs 1–4."""
    at = open_page(PAGE, QUICK | {"inverse_time": "false"})
    press(at, "lecture")
    assert_clean(at)
    assert widget(at, "lr").value == 0.2 and widget(at, "decay").value == 1.0
    assert widget(at, "inverse_time").value is True
    table = at.table[0].value.set_index("schedule")
    lecture = [0.1, 0.067, 0.05, 0.04]
    shown = [float(table.loc["inverse_time", f"epoch {e}"]) for e in (1, 2, 3, 4)]
    np.testing.assert_allclose(shown, lecture, atol=0.0005)
    assert float(table.loc["constant", "epoch 1"]) == 0.2
    assert any("epoch_num = 1 is the first pass over the data" in m.value for m in at.markdown)


def test_k_zero_in_the_url_is_refused_so_inverse_sqrt_still_trains():
    """k = 0 would give α = 0 for the whole run: the page never takes it."""
    at = open_page(PAGE, QUICK | {"inverse_sqrt": "true", "k": "0"})
    assert_clean(at)
    k = assert_admitted(at, spec.ALL, {"k": "0"})["k"]
    assert k == min(spec.ALL["k"].options) > 0
    assert curve(at, "schedules", "inverse_sqrt")[0] == k


def test_inverse_sqrt_reads_k_and_starts_at_alpha0():
    at = open_page(PAGE, QUICK | {"inverse_sqrt": "true"})
    assert_clean(at)
    assert widget(at, "k").value == 1.0
    np.testing.assert_allclose(curve(at, "schedules", "inverse_sqrt"), 1 / np.sqrt(EPOCH_NUM))
    set_widget(at, "k", 2.0)
    np.testing.assert_allclose(curve(at, "schedules", "inverse_sqrt"), 2 / np.sqrt(EPOCH_NUM))


def test_start_trains_one_run_per_schedule_like_the_core():
    at = press(open_page(PAGE, QUICK), "start")
    assert_clean(at)
    assert epoch_progress(at) == (EPOCHS, EPOCHS)
    values = page_values(epochs=EPOCHS)
    runs = decay.decay_runs(values, make_data(values), DEFAULT_NAMES, ((50, 75), (0.3, 0.1)))
    table = at.table[-1].value
    assert list(table["schedule"]) == DEFAULT_NAMES
    for row, (name, run) in enumerate(runs.items()):
        run.advance()
        np.testing.assert_allclose(curve(at, "cost", name), run.history.train_cost, rtol=1e-9)
        summary = decay.summarize(run)
        assert table["std J{t}, last 10%"][row] == f"{summary.iteration_std:.3f}"
        assert table["α at the end"][row] == f"{summary.final_rate:.3g}"
    titles = [a["text"] for a in figure_data(at, "boundaries")["layout"]["annotations"]]
    assert titles[0].startswith("constant — dev ")


def test_typing_a_manual_schedule_changes_its_curve():
    at = open_page(PAGE, QUICK)
    at.text_input(key="pw").input("5:0.5, 10:0.05").run()
    assert_clean(at)
    expected = [1.0] * 5 + [0.5] * 5 + [0.05] * 10
    np.testing.assert_allclose(curve(at, "schedules", "piecewise"), expected)


@pytest.mark.parametrize("text", ["oops", "10:0.5, 5:0.1", "__import__('os').system('ls'):1"])
def test_bad_piecewise_text_shows_an_error_and_keeps_the_other_schedules(text):
    at = open_page(PAGE, QUICK)
    at.text_input(key="pw").input(text).run()
    assert not at.exception, [e.value for e in at.exception]
    [message] = errors(at)
    assert (
        message.startswith("piecewise schedule") and "left out until the text is fixed" in message
    )
    assert names_in(at, "schedules") == sorted(DEFAULT_NAMES[:3])


def test_the_other_schedules_still_train_while_the_text_is_bad():
    at = open_page(PAGE, QUICK | {"pw": "10:0"})
    assert errors(at) and "rate of item 1 must be in" in errors(at)[0]
    press(at, "start")
    assert not at.exception
    assert epoch_progress(at) == (EPOCHS, EPOCHS)
    assert names_in(at, "cost") == sorted(DEFAULT_NAMES[:3])


def test_a_bad_piecewise_text_in_the_url_shows_an_error_too():
    at = open_page(PAGE, QUICK | {"pw": "<script>alert(1)</script>"})
    assert not at.exception
    assert len(errors(at)) == 1 and "must read epoch:rate" in errors(at)[0]


def test_no_schedule_chosen_shows_an_error():
    query = QUICK | {name: "false" for name in DEFAULT_NAMES}
    at = open_page(PAGE, query)
    assert not at.exception
    assert errors(at) == [
        "Choose at least one schedule to compare (sidebar: Schedules to compare)."
    ]
    assert not plotly_charts(at)


BAD_QUERIES = [
    {
        "lr": "abc",
        "decay": "-1",
        "base": "2",
        "bs": "7",
        "epochs": "1e9",
        "constant": "maybe",
        "seed": "inf",
        "ds": "gaussians",
        "n": "<b>",
    },
    {"lr": "0.25", "decay": "nan", "bs": "", "epochs": "10", "seed": "-1", "noise": "9"},
]


@pytest.mark.parametrize("query", BAD_QUERIES, ids=["garbage", "off-grid"])
def test_bad_query_params_are_adjusted_and_said(query):
    at = open_page(PAGE, query)
    assert_clean(at)
    assert assert_admitted(at, TABLE, query).keys() == query.keys()
    assert names_in(at, "schedules") == sorted(DEFAULT_NAMES)


def test_url_values_open_the_page_with_those_settings():
    query = url_params(TABLE, staircase=True, interval=10, lr=0.3, epochs=EPOCHS)
    at = open_page(PAGE, query | {"pw": "3:0.1"})
    assert_clean(at)
    assert widget(at, "staircase").value is True and widget(at, "interval").value == 10
    np.testing.assert_allclose(curve(at, "schedules", "piecewise"), [0.3] * 3 + [0.1] * 17)
    expected = 0.3 / (1 + 0.1 * (np.arange(EPOCHS) // 10))
    np.testing.assert_allclose(curve(at, "schedules", "staircase"), expected)


def test_the_equations_give_each_schedule_alpha_at_the_chosen_epoch():
    at = open_page(PAGE, QUICK)
    assert_clean(at)
    (first,) = [element.value for element in at.get("latex")]
    values = coerce_settings(decay.BY_KEY, {"epochs": EPOCHS})
    shown_names = [name for name in decay.SCHEDULE_NAMES if values[name]]
    for name in shown_names:
        alphas = decay.learning_rates(decay.schedule_for(name, values), EPOCHS)
        assert rf"\text{{{name.replace('_', ' ')}:}}" in first
        assert f"{alphas[2]:#.4g}" in first  # epoch_num = 3 by default
    set_widget(at, "eq_epoch", EPOCHS)
    (last,) = [element.value for element in at.get("latex")]
    assert last != first and rf"0.1\cdot{EPOCHS}" in last
    set_widget(at, "lr", 0.3)  # another α₀: other numbers at the same epoch
    (other,) = [element.value for element in at.get("latex")]
    assert other != last and r"\frac{0.3}{1 + 0.1" in other
    assert_clean(at)
