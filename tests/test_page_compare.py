"""AppTest tests of the A vs B comparison of the training pages: pin A, change a setting, train
B, read the comparison; "Use A's seed and data" and "Unpin A"; A survives Reset. Runs are tiny
(20 epochs, 100 examples) through the query parameters."""

from __future__ import annotations

import pytest
from pages_helpers import (
    PLAYGROUND,
    assert_clean,
    has_widget,
    open_page,
    plotly_charts,
    press,
    set_widget,
    url_params,
    widget,
)

AB_CHARTS = {"ab-boundary", "ab-cost"}


def tables(at) -> list:
    return [table.value for table in at.table]


def differences(at) -> dict[str, tuple[str, str]]:
    """The "Settings that differ" table: label → (A, B)."""
    table = next(t for t in tables(at) if list(t.columns) == ["A", "B"] and t.index.name)
    return {label: (row["A"], row["B"]) for label, row in table.iterrows()}


def markdown(at) -> str:
    return "\n".join(block.value for block in at.markdown)


def pinned_with_lr(path: str, query: dict[str, str], lr: float):
    """Start, pin A, set the learning rate to ``lr``, Start again: the page showing A vs B."""
    at = press(open_page(path, query), "start")
    assert_clean(at)
    assert not has_widget(at, "ab-unpin")
    at = press(at, "ab-pin")
    assert "A is pinned" in markdown(at)
    assert not has_widget(at, "ab-pin")  # these runs are A already
    assert not AB_CHARTS & set(plotly_charts(at))
    at = set_widget(at, "lr", lr)
    assert widget(at, "ab-use-a").disabled  # same seed and data as A
    assert not AB_CHARTS & set(plotly_charts(at))  # B not trained yet
    at = press(at, "start")
    assert_clean(at)
    return at


def test_playground_compares_a_and_b_and_unpins():
    at = pinned_with_lr(PLAYGROUND, url_params(epochs=20, n=100), 0.3)
    assert "🆚 A vs B" in [header.value for header in at.subheader]
    assert differences(at) == {"Learning rate α": ("0.01", "0.3")}
    assert set(plotly_charts(at)) >= AB_CHARTS
    assert any(text.startswith("B reached") for text in (m.value for m in at.markdown))
    outcome = next(t for t in tables(at) if "Epochs run" in t.index)
    assert list(outcome.loc["Epochs run"]) == ["20", "20"]
    assert not at.warning
    at = press(at, "ab-unpin")
    assert_clean(at)
    assert not AB_CHARTS & set(plotly_charts(at))
    assert not has_widget(at, "ab-unpin") and has_widget(at, "ab-pin")


def test_the_summary_agrees_with_each_runs_own_diagnosis():
    # Pin gd at α = 0.1 as A, train B at α = 0.01: B's own diagnosis says high bias; the
    # summary used to read only the train − dev gap and say "B overfits more".
    at = pinned_with_lr(PLAYGROUND, url_params(opt="gd", lr=0.1), 0.01)
    own_b = next(s.value for s in at.subheader if s.value.startswith("Diagnosis: "))
    assert "high bias" in own_b
    summary = next(m.value for m in at.markdown if m.value.startswith("B reached"))
    assert "overfits" not in summary
    assert "Diagnosis — A: fine (train " in summary
    assert f"; B: {own_b.removeprefix('Diagnosis: ')} (train " in summary
    outcome = next(t for t in tables(at) if "Diagnosis" in t.index)
    assert list(outcome.loc["Diagnosis"]) == ["fine", own_b.removeprefix("Diagnosis: ")]


def test_a_different_seed_is_flagged_and_use_a_seed_and_data_restores_it():
    at = press(open_page(PLAYGROUND, url_params(epochs=20, n=100, seed=4)), "start")
    at = press(at, "ab-pin")
    at = set_widget(at, "seed", 9)
    at = set_widget(at, "noise", 0.2)
    assert any("Seed 4 → 9" in w.value and "Noise 0.05 → 0.2" in w.value for w in at.warning)
    at = press(at, "ab-use-a")
    assert_clean(at)
    assert widget(at, "seed").value == 4 and widget(at, "noise").value == 0.05
    assert not at.warning and widget(at, "ab-use-a").disabled


def test_a_survives_reset():
    at = press(press(open_page(PLAYGROUND, url_params(epochs=20, n=100)), "start"), "ab-pin")
    at = press(at, "reset")
    assert_clean(at)
    assert has_widget(at, "ab-unpin") and "A is pinned" in markdown(at)
    at = press(set_widget(at, "lr", 0.1), "start")
    assert differences(at) == {"Learning rate α": ("0.01", "0.1")}


@pytest.mark.parametrize(
    ("path", "query", "lr", "label"),
    [
        ("pages/regularization.py", {"epochs": "20"}, 0.3, "Learning rate α"),
        ("pages/initialization.py", {"epochs": "20"}, 0.3, "Learning rate α"),
        ("pages/softmax.py", {"epochs": "20", "n": "100"}, 0.3, "Learning rate α"),
    ],
)
def test_other_training_pages_compare_too(path, query, lr, label):
    at = pinned_with_lr(path, query, lr)
    assert label in differences(at)
    assert set(plotly_charts(at)) >= AB_CHARTS
