"""AppTest tests of the batch-normalization page: two runs, their figures, the α sweep."""

from __future__ import annotations

import re

import pytest
from bad_inputs_corpus import hostile_query
from pages_helpers import (
    REJECTED,
    assert_admitted,
    assert_clean,
    epoch_progress,
    errors,
    figure_data,
    open_page,
    plotly_charts,
    press,
    reject_with,
    rejected,
    set_widget,
    widget,
)

from playground.catalog import scene_values
from playground.engine.experiment import make_data
from playground.topics.batch_norm import model as bn
from playground.topics.batch_norm.equations import norm_equation

PAGE = "pages/batch_norm.py"
QUICK = {"epochs": "20", "n": "200"}


@pytest.fixture(scope="module")
def trained():
    return press(open_page(PAGE, QUICK), "start")


def test_renders_the_untrained_runs_and_the_sweep():
    at = open_page(PAGE, QUICK)
    assert_clean(at)
    assert at.title[0].value == "🧮 Batch normalization"
    assert epoch_progress(at) == (0, 20)
    assert "cost" not in plotly_charts(at)  # no empty axes before the first epoch: a box says so
    assert any(i.value.startswith("**Training cost J** — press **▶ Start**") for i in at.info)
    z = figure_data(at, "z")
    assert "hidden layer 2" in z["layout"]["title"]["text"]
    assert {t["name"] for t in z["data"]} == {"z[2] = W a + b", "z[2] before BN", "z̃[2] = γẑ + β"}
    sweep = figure_data(at, "sweep")
    assert list(sweep["data"][0]["x"]) == list(bn.SWEEP_RATES)
    assert "inference" not in {c.key for c in at.get("plotly_chart")}


def test_batch_norms_beta_is_told_apart_from_the_optimizers():
    """β[l] is a learned shift (with γ[l]), not momentum's β or RMSprop's/Adam's β₂."""
    at = open_page(PAGE, QUICK)
    intro = next(m.value for m in at.markdown if "\\tilde z" in m.value)
    assert "not the optimizer's hyperparameters that share the letter" in intro
    assert "momentum's β, RMSprop's and Adam's β₂" in intro
    names = [t["name"] for t in figure_data(at, "gammabeta")["data"]]
    assert names == ["γ (learned scale, starts at 1)", "β (learned shift, starts at 0)"]


def test_start_trains_both_runs_and_shows_inference_mode(trained):
    at = trained
    assert_clean(at)
    assert epoch_progress(at) == (20, 20)
    cost = figure_data(at, "cost")
    assert all(len(t["y"]) == 20 for t in cost["data"])
    titles = [a["text"] for a in figure_data(at, "z")["layout"]["annotations"]]
    assert titles == [f"{n} · epoch {e}" for n in ("no BN", "BN") for e in (0, 1, 5, 20)]
    bars = figure_data(at, "inference")["data"][0]
    assert len(bars["y"]) == 3 and bars["y"][0] >= bars["y"][1]
    gamma = figure_data(at, "gammabeta")["data"][0]
    assert len(gamma["y"]) == 16 and any(abs(g - 1) > 1e-6 for g in gamma["y"])
    assert any("running averages" in m.value for m in at.markdown)


def test_the_scene_at_alpha_3_is_read_from_its_runs_on_a_truthful_epoch_axis():
    at = press(open_page(PAGE, {"scene": "bn-trains-at-large-alpha"}), "start")
    assert_clean(at)
    assert widget(at, "lr").value == 3.0 and widget(at, "bs").value == "32"
    cost = figure_data(at, "cost")
    # 280 training examples in mini-batches of 32: 9 steps per epoch, not one full-batch step.
    assert cost["layout"]["xaxis"]["title"]["text"] == "epoch (9 steps on mini-batches of 32)"
    values = scene_values("batch_norm", "bn-trains-at-large-alpha")
    runs = bn.make_runs(values, make_data(bn.page_values(values)))
    for run in runs.values():
        run.advance()
    words = bn.compare_text(runs["no BN"].history, runs["BN"].history, 3.0)
    assert words in [m.value for m in at.markdown]
    assert "without batch norm the cost ends stuck at ln 2" in words
    assert "so this α no longer throws the deep layers off" in words
    z = bn.z_text(runs["no BN"].snapshots, runs["BN"].snapshots, bn.inspected_layer(values))
    assert z in [m.value for m in at.markdown] and "blew up" in z
    first = next(m.value for m in at.markdown if m.value.startswith("**1. "))
    assert first.startswith("**1. Set α = 3 (gradient descent) and press Start.**")


@pytest.mark.parametrize(("lr", "slug"), [(3.0, "bn-trains-at-large-alpha"), (0.1, "small-alpha")])
def test_try_this_1_sets_the_scenes_whose_claims_are_checked(lr, slug):
    # "Set α = 3 … Then set α = 0.1": the two batch-norm scenes, checked in test_batchnorm.py.
    at = set_widget(open_page(PAGE), "lr", lr)
    for key, value in scene_values("batch_norm", slug).items():
        assert widget(at, key).value == value, key


def test_the_inspected_layer_changes_the_histograms(trained):
    before = figure_data(trained, "z")
    at = set_widget(trained, "zl", 4)
    assert_clean(at)
    after = figure_data(at, "z")
    assert "hidden layer 4" in after["layout"]["title"]["text"]
    assert after["data"][0]["y"] != before["data"][0]["y"]


def test_the_network_depth_changes_the_sweep():
    at = open_page(PAGE, QUICK)
    before = figure_data(at, "sweep")["data"][0]["y"]
    at = set_widget(at, "layers", 2)
    assert_clean(at)
    assert figure_data(at, "sweep")["data"][0]["y"] != before
    assert (
        widget(at, "zl").value == 2
        and "hidden layer 2" in figure_data(at, "z")["layout"]["title"]["text"]
    )


def test_the_sweep_words_are_read_from_the_sweep():
    # With two hidden layers both networks train at every α up to 3: the words used to say
    # anyway that batch norm lets "the same network tolerate larger steps".
    at = open_page(PAGE, {"epochs": "20", "layers": "2"})
    assert_clean(at)
    setup = {key: widget(at, key).value for key in (*bn.DATA_KEYS, *bn.NETWORK_KEYS, "seed")}
    sweep = bn.lr_sweep(setup, make_data(bn.page_values(setup)))
    assert sweep.trains("BN") == sweep.trains("no BN")
    words = bn.sweep_text(sweep)
    assert words in [m.value for m in at.markdown]
    assert "does not widen the range of α that trains" in words
    assert not any("tolerates larger steps" in m.value for m in at.markdown)


def test_the_gap_toggle_trains_batch_8_and_256():
    at = set_widget(open_page(PAGE, {**QUICK, "n": "100"}), "gap", True)
    assert_clean(at)
    assert [t["x"] for t in figure_data(at, "gapbars")["data"]][0] == ["batch 8", "batch 256"]


@pytest.mark.parametrize(
    "query", [{"lr": "7"}, {"opt": "nope", "zl": "99"}, {"width": "5", "layers": "-1"}]
)
def test_bad_query_params_are_adjusted_and_said(query):
    at = open_page(PAGE, {**QUICK, **query})
    assert_clean(at)
    assert assert_admitted(at, bn.BY_KEY, query).keys() == query.keys()


def test_an_error_from_the_core_is_shown_not_raised(monkeypatch):
    message = "layer must be between 1 and 4; got 9"

    monkeypatch.setattr(bn, "make_runs", reject_with(message))
    monkeypatch.setattr(bn, "lr_sweep", rejected)  # computed in a worker, by name
    at = open_page(PAGE, {**QUICK, "dseed": "7"})
    assert not at.exception, [e.value for e in at.exception]
    assert errors(at) == [f"These settings cannot be trained: {message}", REJECTED]


def test_a_hostile_url_whose_two_runs_add_up_past_the_limit_is_refused_not_trained():
    """hostile_query(20) clamps to 1000 epochs of 5000 examples in batches of 32 through five
    4-unit layers: each run alone was within the limit, but the BN run costs 4–6× its examples ×
    weights and the page trains both at once (≈ a minute of CPU, minutes on a busy server)."""
    at = open_page(PAGE, hostile_query(20))
    refused = [text for text in errors(at) if "cannot be trained" in text]
    assert refused and "both runs together" in refused[0], errors(at)
    assert "more than this server allows per run" in refused[0]
    press(at, "start")
    assert not at.exception, [e.value for e in at.exception]
    assert any("more than this server allows per run" in text for text in errors(at))
    assert not at.session_state["run:batch_norm"].runs, "nothing was handed to the engine"


def norm_latex(at) -> str:
    (latex,) = [b.value.strip("$\n") for b in at.latex if r"z_{\text{norm}}" in b.value]
    return latex


def test_the_lectures_equations_show_the_bn_runs_numbers_at_the_picked_epoch_and_unit():
    trained = press(open_page(PAGE, QUICK), "start")
    values = bn.page_values({"epochs": 20, "n": 200})
    run = bn.make_runs(values | {"zl": 2}, make_data(values))["BN"]
    run.advance()  # the same run as the page's, trained here
    assert widget(trained, "eq_epoch").value == 20  # the last recorded epoch
    assert norm_latex(trained) == norm_equation(run.snapshots[-1], 2, 0).latex
    at = set_widget(trained, "eq_epoch", 5)
    assert_clean(at)
    assert norm_latex(at) == norm_equation(run.snapshots[2], 2, 0).latex
    at = set_widget(at, "eq_unit", 3)
    fourth = norm_latex(at)
    assert fourth == norm_equation(run.snapshots[2], 2, 3).latex
    at = set_widget(at, "eq_epoch", 0)
    start = norm_latex(at)
    assert start != fourth and "+ (0) =" in start  # β = 0
    assert re.search(r"= 1\.0+ \\cdot \(", start), start  # γ = 1
