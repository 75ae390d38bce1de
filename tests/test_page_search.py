"""AppTest tests of the hyperparameter-search page: the sampled trials, a search trained group by
group (the same trials as the core), Stop, Zoom in, retraining a trial, and bad input."""

from __future__ import annotations

import numpy as np
import pytest
from pages_helpers import (
    assert_admitted,
    assert_clean,
    errors,
    figure_data,
    open_page,
    page_markdown,
    plotly_charts,
    press,
    rerun_until,
    set_widget,
    url_value,
    widget,
)

from playground.catalog import scene_values
from playground.engine.config import coerce_settings, settings_by_key
from playground.engine.experiment import make_data
from playground.engine.tuning import DASK_ENV
from playground.topics.search import sampling, scale_spread, settings, trials
from playground.ui.controls import all_values

PAGE = "pages/search.py"
TABLE = settings_by_key(*settings.SETTINGS)
QUICK = {"epochs": "10", "trials": "9"}
LECTURE = scene_values("search", "units-on-a-uniform-scale")


def page_values(**changes: object) -> dict:
    return coerce_settings(TABLE, {"epochs": 10, "trials": 9} | changes)


def core_search(**changes: object) -> trials.SearchRun:
    values = page_values(**changes)
    data_keys = {s.key: values[s.key] for s in settings.DATA}
    data = make_data(all_values(data_keys | settings.FIXED_VALUES))
    base = settings.make_base(values, data.X_train.shape[1])
    names = sampling.samplers(values["sampler"])
    return trials.SearchRun(
        settings.make_space(values),
        base,
        data.X_train,
        data.Y_train,
        data.X_dev,
        data.Y_dev,
        names,
        values["trials"],
        values["rseed"],
    )


def progress(at) -> str:
    return at.progress[0].text


def train_to_the_end(at, most: int = 20):
    at = press(at, "start")
    for _ in range(most):
        if at.button(key="start").disabled is False:
            break
        at.run()
    assert_clean(at)
    return at


def panel_points(at, panel: int) -> tuple[np.ndarray, np.ndarray]:
    trace = figure_data(at, "samples")["data"][panel]
    return np.asarray(trace["x"], dtype=float), np.asarray(trace["y"], dtype=float)


def test_the_default_page_shows_the_trials_of_grid_and_random_search():
    at = open_page(PAGE)
    assert_clean(at)
    assert at.title[0].value == "🔎 Hyperparameter search"
    assert progress(at) == "Trained 0 of 50 trials · group 0 of 2"
    run = core_search(epochs=100, trials=25)
    x, y = panel_points(at, 0)
    np.testing.assert_allclose(x, [c["learning_rate"] for c in run.rounds[0].configs])
    np.testing.assert_allclose(y, [1 - c["beta1"] for c in run.rounds[0].configs])
    text = page_markdown(at)
    assert "**grid**: 25 trials try **5 distinct α**" in text
    assert "**random**: 25 trials try **25 distinct α**" in text
    assert set(plotly_charts(at)) == {"samples", "logscale", "spreads"}
    bars = figure_data(at, "logscale")["data"]
    assert sum(bars[0]["y"]) == sum(bars[1]["y"]) == 100
    assert at.button(key="zoom").disabled and at.button(key="stop").disabled


def test_a_widget_change_changes_the_trials_drawn():
    at = open_page(PAGE, QUICK)
    before = panel_points(at, 2)[0]  # the random panel's α
    set_widget(at, "rseed", 5)
    assert_clean(at)
    after = panel_points(at, 2)[0]
    assert not np.allclose(before, after)
    np.testing.assert_allclose(
        after, [c["learning_rate"] for c in core_search(rseed=5).rounds[1].configs]
    )
    set_widget(at, "sampler", "grid")
    assert len(figure_data(at, "samples")["data"]) == 2  # one panel: points and the α strip
    set_widget(at, "l2_on", True)
    assert_clean(at)
    assert widget(at, "l2_lo").value == 0.001 and widget(at, "l2_sc").value == "log"
    assert "**grid**: 8 trials try **2 distinct α** (2 values per axis" in "\n".join(
        block.value for block in at.markdown
    )


def test_start_trains_the_same_trials_as_the_core_then_zoom_in_and_retrain():
    at = train_to_the_end(open_page(PAGE, QUICK))
    assert progress(at).startswith("Trained 18 of 18 trials · group 2 of 2")
    run = core_search()
    run.advance()
    table = at.dataframe[0].value
    expected = run.table()
    assert list(table["trial"]) == expected["trial"]
    np.testing.assert_allclose(table["dev cost"], expected["dev cost"], rtol=1e-9)
    assert {"samples", "scatter", "parallel", "boundary"} <= set(plotly_charts(at))
    scatter = figure_data(at, "scatter")["data"]
    grid_alpha = [t for t in scatter if t["name"] == "grid"][0]
    assert len(grid_alpha["x"]) == 9
    best = run.best()
    assert figure_data(at, "boundary")["layout"]["title"]["text"] == (
        f"Trial #{best.number} retrained alone"
    )
    assert not at.button(key="zoom").disabled

    at = press(at, "zoom")
    for _ in range(10):
        if not at.button(key="start").disabled:
            break
        at.run()
    assert_clean(at)
    assert progress(at).startswith("Trained 27 of 27 trials")
    box = figure_data(at, "rounds")["data"][-1]
    assert box["name"] == "box of zoom 1"
    run.zoom_in()
    assert box["x"][:2] == pytest.approx([run.boxes()[0][0].low, run.boxes()[0][0].high])

    set_widget(at, "trial", "3")
    assert_clean(at)
    assert figure_data(at, "boundary")["layout"]["title"]["text"] == "Trial #3 retrained alone"
    assert any("**Trial #3** (grid)" in m.value for m in at.markdown)


def test_stop_keeps_the_trials_trained_so_far():
    # Every random trial has its own units and batch size: 30 groups of one trial each, each
    # a frame; the page stops at its first frame, while the worker trains on.
    query = {
        "epochs": "2000",
        "trials": "30",
        "sampler": "random",
        "units_on": "true",
        "bs_on": "true",
    }
    at = press(open_page(PAGE, query), "start", wait=False)
    rerun_until(at, lambda at: int(progress(at).split()[1]) > 0)
    assert_clean(at)
    _, done, _, total, *_ = progress(at).split()
    assert 0 < int(done) < int(total)
    at = press(at, "stop")
    assert_clean(at)
    assert at.warning[0].value.startswith(f"Stopped after {done} of {total} trials")
    at.run()
    assert progress(at).startswith(f"Trained {done} of {total} trials")
    assert len(at.dataframe[0].value) == int(done)
    assert not at.button(key="zoom").disabled  # a stopped search can still zoom in


def spread_lines(at) -> list[str]:
    return [
        line for m in at.markdown for line in m.value.splitlines() if "This search draws" in line
    ]


def test_the_lectures_scene_searches_units_and_layers_on_a_uniform_scale():
    at = open_page(PAGE, {"scene": "units-on-a-uniform-scale"})
    assert_clean(at)
    assert (widget(at, "units_lo").value, widget(at, "units_hi").value) == (50, 100)
    assert (widget(at, "layers_lo").value, widget(at, "layers_hi").value) == (2, 4)
    assert widget(at, "units_sc").value == widget(at, "layers_sc").value == "linear"
    assert widget(at, "units_sc").options == widget(at, "lr_sc").options == ["linear", "log"]
    # The trials drawn: whole numbers of units in 50 … 100, as the core samples them.
    run = core_search(**LECTURE)
    units = [c["hidden_units"] for c in run.rounds[0].configs]
    assert min(units) >= 50 and max(units) <= 100
    # The spread of each scale, drawn and stated from the same counts.
    values = page_values(**LECTURE)
    items = scale_spread.page_spreads(values, values["rseed"])
    bars = figure_data(at, "spreads")["data"]
    assert len(bars) == 2 * len(items) == 6
    for row, item in enumerate(items):
        np.testing.assert_allclose(bars[2 * row]["y"], 100 * item.spread.shares("linear"))
    lines = spread_lines(at)
    assert lines == [
        f"- {scale_spread.spread_text(item, values[item.param.code + '_sc'])}" for item in items
    ]
    assert "use the log scale" in lines[0] and "**log** scale" in lines[0]
    for line in lines[1:]:
        assert "either scale works here" in line and "**linear** scale" in line

    set_widget(at, "units_sc", "log")
    assert_clean(at)
    assert "This search draws it on the **log** scale." in spread_lines(at)[1]


def test_a_range_from_zero_says_only_a_linear_scale_fits():
    at = open_page(PAGE, QUICK | {"l2_on": "true", "l2_lo": "0", "l2_sc": "linear"})
    assert_clean(at)
    assert (
        "- **λ 0 … 10**: only the linear scale fits (a log scale cannot start at 0). This search "
        "draws it on the **linear** scale."
    ) in spread_lines(at)
    assert len(figure_data(at, "spreads")["data"]) == 4  # α and β₁ only
    assert widget(at, "beta1_sc").options == ["linear", "one_minus_log"]


def test_bad_query_params_are_adjusted_and_said():
    query = {"trials": "7", "lr_sc": "evil", "sampler": "all", "epochs": "abc", "lr_on": "maybe"}
    at = open_page(PAGE, query | {"zzz": "1"})
    assert_clean(at)
    shown = assert_admitted(at, TABLE, query)
    assert shown == {"trials": 8, "lr_sc": "log", "sampler": "both", "epochs": 100, "lr_on": True}
    assert progress(at) == "Trained 0 of 12 trials · group 0 of 2"  # grid 2 × 2 + random 8


@pytest.mark.parametrize(
    "query, message",
    [
        ({"lr_lo": "1", "lr_hi": "0.001"}, "must not exceed"),
        ({"l2_on": "true", "l2_lo": "0"}, "a log scale needs low > 0"),
        ({"beta_on": "true"}, "has no effect with the adam optimizer"),
        ({"lr_on": "false", "beta1_on": "false"}, "choose at least one hyperparameter"),
        (
            {"trials": "256", "epochs": "2000", "n": "5000", "units": "128", "layers": "4"},
            "units of work",
        ),
    ],
)
def test_settings_the_core_rejects_show_an_error(query, message):
    for key, value in query.items():  # written as the widgets write them in the URL
        assert url_value(key, TABLE[key].coerce(value), TABLE) == value
    at = open_page(PAGE, query)
    assert not at.exception
    assert any(message in text for text in errors(at)), errors(at)
    assert "samples" not in plotly_charts(at)
    assert "logscale" in plotly_charts(at)  # the rest of the page is still there


def test_with_a_dask_scheduler_configured_the_page_offers_it(monkeypatch):
    distributed = pytest.importorskip("dask.distributed")
    with distributed.LocalCluster(
        n_workers=1,
        threads_per_worker=1,
        processes=False,
        protocol="tcp://",  # the run engine's worker processes reach it over TCP
        dashboard_address=None,
    ) as cluster:
        monkeypatch.setenv(DASK_ENV, cluster.scheduler_address)
        at = open_page(PAGE, QUICK | {"backend": "dask"})
        assert_clean(at)
        assert widget(at, "backend").value == "dask"
        at = train_to_the_end(at)
        assert progress(at).startswith("Trained 18 of 18 trials")
        assert any(
            f"the Dask cluster at {cluster.scheduler_address}" in c.value for c in at.caption
        )
    monkeypatch.delenv(DASK_ENV)
    at = open_page(PAGE, QUICK | {"backend": "dask"})
    assert not any(w.key == "backend" for w in at.selectbox)  # not offered without a scheduler
    assert any(c.value.startswith("Backend: batched in this process") for c in at.caption)
