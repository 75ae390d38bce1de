"""AppTest tests of the Which hyperparameters matter page: the sweeps computed in the run
engine, ranked in the bars and the table as the core ranks them, the sentence from the same
numbers, a data set that changes them, and too much work refused with the limit named."""

from __future__ import annotations

import pytest
from pages_helpers import assert_clean, errors, figure_data, open_page, set_widget

from playground.engine.experiment import make_data
from playground.topics.priorities import settings, sweep, texts

PAGE = "pages/priorities.py"
QUICK = {"points": "3", "epochs": "20"}


def expected(**changes):
    values = settings.page_values({"points": 3, "epochs": 20} | changes)
    data = make_data(settings.data_values(values))
    sets = (data.X_train, data.Y_train, data.X_dev, data.Y_dev)
    return sweep.rank(sweep.sweep_all(settings.baseline(values), 3, *sets))


def sentence(at) -> str:
    return next(block.value for block in at.markdown if block.value.startswith("On **"))


def test_the_ranking_is_the_cores_and_the_sentence_reads_its_numbers():
    at = open_page(PAGE, QUICK)
    assert_clean(at)
    assert at.title[0].value == "🥇 Which hyperparameters matter"
    ranked = expected()
    bars = figure_data(at, "ranking")["data"]
    assert [bar["y"][0] for bar in reversed(bars)] == [s.knob.label for s in ranked]
    assert [bar["x"][0] for bar in reversed(bars)] == pytest.approx([s.spread for s in ranked])
    assert sentence(at) == texts.interpret(ranked, "moons")
    (table,) = [t.value for t in at.table if "lecture" in t.value.columns]
    assert list(table["hyperparameter"]) == [s.knob.symbol for s in ranked]
    assert list(table["spread"]) == [f"{s.spread:.3f}" for s in ranked]
    assert list(table["lecture"])[:1] == [sweep.TIERS[ranked[0].knob.tier]]
    panels = figure_data(at, "sweeps")["data"]
    by_name = {s.knob.symbol: s for s in ranked}
    for trace in panels:
        assert trace["y"] == pytest.approx(list(by_name[trace["name"]].dev_cost))
    assert any("Re-test your intuitions" in info.value for info in at.info)


def test_another_data_set_gives_another_ranking():
    at = set_widget(open_page(PAGE, QUICK), "ds", "xor")
    assert_clean(at)
    ranked = expected(ds="xor")
    assert sentence(at) == texts.interpret(ranked, "xor")
    bars = figure_data(at, "ranking")["data"]
    assert [bar["x"][0] for bar in reversed(bars)] == pytest.approx([s.spread for s in ranked])


def test_too_much_work_is_refused_naming_the_limit():
    at = open_page(PAGE, {"n": "5000", "bs": "16", "points": "9", "epochs": "300"})
    assert not at.exception
    assert any("more than this page computes at once" in e for e in errors(at)), errors(at)
    assert not [c for c in at.get("plotly_chart") if c.key == "ranking"]
