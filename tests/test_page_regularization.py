"""AppTest tests of the Regularization page: two runs from the same seed, one per technique, the
figures hold the core's numbers, widgets change them, bad URLs fall back, rejected settings show
st.error. Runs get tiny epoch budgets (20–40 epochs) through the query parameters."""

from __future__ import annotations

import numpy as np
import pytest
from pages_helpers import (
    assert_admitted,
    assert_clean,
    epoch_progress,
    errors,
    figure_data,
    marker_points,
    open_page,
    plotly_charts,
    press,
    set_widget,
    trace,
    url_params,
    widget,
)

from playground.engine.blas import one_blas_thread
from playground.engine.config import coerce_settings
from playground.engine.experiment import make_data
from playground.topics.regularization import effects, techniques, texts
from playground.topics.regularization import equations as eqs

PAGE = "pages/regularization.py"
EPOCHS = 20
CHARTS = {"boundary-none", "boundary-reg", "cost", "accuracy"}
TECHNIQUE_CHART = {
    "L2": "weight-norms",
    "L1": "weight-sizes",
    "dropout": "dropout",
    "augmentation": None,
    "early-stopping": "early-stopping",
}


def query(**values: object) -> dict[str, str]:
    return url_params(techniques.TABLE, **{"epochs": EPOCHS, **values})


def expected_runs(**values: object) -> dict:
    """The two runs the core trains for these settings (with one BLAS thread, as the page)."""
    page = coerce_settings(techniques.TABLE, {"epochs": EPOCHS, **values})
    runs = techniques.make_runs(page, make_data(techniques.data_values(page)))
    with one_blas_thread():
        for run in runs.values():
            run.advance()
    return runs


def markdown(at) -> str:
    return "\n".join(block.value for block in at.markdown)


def test_opens_with_two_identical_untrained_networks():
    at = open_page(PAGE, query())
    assert_clean(at)
    assert at.title[0].value == "🧲 Regularization"
    assert epoch_progress(at) == (0, EPOCHS)
    assert set(plotly_charts(at)) == {"boundary-none", "boundary-reg"}  # curves: a ▶ Start box
    none, l2 = figure_data(at, "boundary-none"), figure_data(at, "boundary-reg")
    assert none["layout"]["title"]["text"] == "No regularization"
    assert l2["layout"]["title"]["text"] == "L2, λ = 3"
    # Same seed: both networks start from the same weights, so they predict the same.
    np.testing.assert_array_equal(none["data"][0]["z"], l2["data"][0]["z"])
    assert marker_points(none, "train").shape == (2, 100)
    assert any("Press **▶ Start**" in info.value for info in at.info)
    assert widget(at, "reg").value == "L2" and widget(at, "l2").value == 3.0
    assert widget(at, "ds").value == "xor" and widget(at, "n").value == 200
    assert "1 - 0.003 \\times 3 / 100$ = **0.99991**" in markdown(at)


def test_l2_with_mini_batches_states_the_decay_per_step_and_per_epoch_for_that_batch():
    """The penalty is λ/(2b) per mini-batch of b: the text must use b, not the training set m."""
    at = open_page(PAGE, query(bs="8"))
    assert_clean(at)
    assert texts.l2_text(0.003, 3.0, 100, 8, EPOCHS, "adam", ()) in markdown(at)
    assert "1 - 0.003 \\times 3 / 8$ = **0.998875** per step" in markdown(at)
    set_widget(at, "bs", "full")
    assert texts.l2_text(0.003, 3.0, 100, None, EPOCHS, "adam", ()) in markdown(at)


def test_start_trains_both_runs_and_explains_the_result_in_words():
    at = press(open_page(PAGE, query()), "start")
    assert_clean(at)
    assert epoch_progress(at) == (EPOCHS, EPOCHS)
    runs = expected_runs()
    cost = figure_data(at, "cost")
    for name, run in runs.items():
        np.testing.assert_allclose(trace(cost, f"{name} · train")["y"], run.history.train_cost)
        np.testing.assert_allclose(trace(cost, f"{name} · dev")["y"], run.history.dev_cost)
    accuracy = figure_data(at, "accuracy")
    np.testing.assert_allclose(trace(accuracy, "L2 · dev")["y"], runs["L2"].history.dev_accuracy)
    sentence = texts.comparison("L2", runs["none"].errors(), runs["L2"].errors())
    assert sentence in markdown(at)
    norms = figure_data(at, "weight-norms")
    expected = effects.total_weight_norm(runs["L2"].history.weight_norms)
    np.testing.assert_allclose(trace(norms, "L2")["y"], expected)
    assert trace(norms, "L2")["y"][-1] < trace(norms, "none")["y"][-1]
    assert "final ‖W‖" in markdown(at)


def test_a_stronger_lambda_changes_the_regularized_curves_only():
    at = press(open_page(PAGE, query()), "start")
    before = figure_data(at, "cost")
    set_widget(at, "l2", 30.0)
    assert any("Settings changed" in info.value for info in at.info)
    assert figure_data(at, "boundary-reg")["layout"]["title"]["text"] == "L2, λ = 30"
    press(at, "start")
    assert_clean(at)
    after = figure_data(at, "cost")
    assert trace(after, "none · dev")["y"] == trace(before, "none · dev")["y"]
    assert not np.allclose(trace(after, "L2 · dev")["y"], trace(before, "L2 · dev")["y"])


def test_l2_at_lambda_0_does_not_claim_smaller_weights():
    # λ = 0: both runs are the same training (both norms 27.8 at the page's 300 epochs), yet
    # the words said "small weights make a smoother boundary".
    at = press(open_page(PAGE, query(reg="L2", l2=0.0)), "start")
    assert_clean(at)
    runs = expected_runs(reg="L2", l2=0.0)
    norms = [effects.total_weight_norm(run.history.weight_norms)[-1] for run in runs.values()]
    assert norms[0] == norms[1]
    words = markdown(at)
    assert f"final ‖W‖ **{norms[0]:.3g}** without regularization, **{norms[1]:.3g}** with L2" in (
        words
    )
    assert "smoother boundary" not in words
    assert "λ = 0 adds no penalty, so both runs are the same training." in words


def test_fewer_examples_change_the_points_of_both_boundaries():
    at = set_widget(open_page(PAGE, query()), "n", 100)
    assert_clean(at)
    for key in ("boundary-none", "boundary-reg"):
        assert marker_points(figure_data(at, key), "train").shape == (2, 50)


@pytest.mark.parametrize("technique", techniques.TECHNIQUES)
def test_each_technique_trains_and_shows_its_own_figure_and_words(technique):
    extra = {"es": 10, "epochs": 40} if technique == "early-stopping" else {}
    at = press(open_page(PAGE, query(reg=technique, **extra)), "start")
    assert_clean(at)
    chart = TECHNIQUE_CHART[technique]
    assert set(plotly_charts(at)) == CHARTS | ({chart} if chart else set())
    assert f"What {techniques.NAMES[technique]} does" in [s.value for s in at.subheader]
    runs = expected_runs(reg=technique, **extra)
    text = markdown(at)
    assert texts.comparison(technique, runs["none"].errors(), runs[technique].errors()) in text
    regular = runs[technique]
    if technique == "L1":
        counts = [effects.sparsity(run.net.params) for run in runs.values()]
        assert texts.l1_text(1.0, *counts) in text
        assert len(figure_data(at, chart)["data"]) == 2
    elif technique == "dropout":
        bars = figure_data(at, chart)["data"]
        test_mode, inverted, unscaled = (np.array(bar["y"]) for bar in bars)
        np.testing.assert_allclose(inverted, test_mode, rtol=0.05)
        np.testing.assert_allclose(unscaled, 0.6 * inverted, rtol=1e-9)
        assert "(the dotted blue curve in the cost chart)" in text
    elif technique == "augmentation":
        boundary = figure_data(at, "boundary-reg")
        assert marker_points(boundary, "augmented").shape == (2, 600)
        np.testing.assert_allclose(
            marker_points(boundary, "augmented"),
            np.hstack(
                [
                    regular.data.X_train[:, 100:][:, regular.data.Y_train[0, 100:] == k]
                    for k in (0, 1)
                ]
            ),
        )
        assert "Mirror check (x1+x2)" in text and "a valid augmentation" in text
    elif technique == "early-stopping":
        history = regular.history
        assert history.stopped_reason == "early_stopping"
        assert texts.early_stopping_text(regular, runs["none"]) in text
        best = trace(figure_data(at, chart), f"best epoch {history.best_epoch} (weights kept)")
        assert best["x"] == [history.best_epoch]
        assert [s.value for s in at.success] == [
            f"early-stopping: Early stopping worked: {history.message}"
        ]
        assert not at.warning


def test_an_invalid_reflection_is_called_out():
    at = open_page(PAGE, query(reg="augmentation", reflect="x1"))
    assert_clean(at)
    assert "**The flip changes the label**" in markdown(at)


BAD_QUERIES = [
    {"reg": "<script>", "l2": "abc", "ds": "evil", "n": "-5", "epochs": "inf", "seed": "-1"},
    {"reg": "L1", "l1": "-1", "layers": "99", "dseed": "x", "lr": "0.25"},
    {"reg": "dropout", "kp1": "0", "kp2": "2", "kp3": "nan"},
    {"reg": "early-stopping", "es": "5"},
    {"reg": "augmentation", "jitter": "9", "reflect": "diagonal", "rotate": "inf", "copies": "0"},
]


@pytest.mark.parametrize(
    "bad", BAD_QUERIES, ids=lambda q: "&".join(f"{k}={v}" for k, v in q.items())
)
def test_bad_query_params_are_adjusted_and_said(bad):
    at = open_page(PAGE, bad)
    assert_clean(at)
    technique = widget(at, "reg").value
    assert technique == (bad["reg"] if bad.get("reg") in techniques.TECHNIQUES else "L2")
    shown = assert_admitted(at, techniques.TABLE, bad)
    assert shown.keys() == bad.keys()
    assert epoch_progress(at) == (0, shown.get("epochs", techniques.TABLE["epochs"].default))


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"reg": "augmentation", "n": 5000, "copies": 10}, "copies must keep m (1 + copies)"),
        ({"epochs": 20000, "n": 5000, "layers": 6, **{f"h{l}": 64 for l in range(4, 7)}}, "more"),
    ],
)
def test_settings_the_core_rejects_show_an_error_not_an_exception(values, message):
    at = open_page(PAGE, url_params(techniques.TABLE, **values))
    assert not at.exception, [e.value for e in at.exception]
    assert len(errors(at)) == 1 and errors(at)[0].startswith("These settings cannot be trained: ")
    assert message in errors(at)[0]
    assert not at.get("plotly_chart")
    press(at, "start")
    assert not at.exception
    assert len(errors(at)) == 1


def equation_latex(at) -> str:
    (latex,) = [b.value.strip("$\n") for b in at.latex]
    return latex


def test_the_l2_equation_shows_the_runs_update_for_the_picked_step_and_weight():
    at = press(open_page(PAGE, query(reg="L2", opt="gd", lr=0.03)), "start")
    assert_clean(at)
    page = coerce_settings(techniques.TABLE, {"epochs": EPOCHS, "opt": "gd", "lr": 0.03})
    data = make_data(techniques.data_values(page))

    def expected(epoch: int, pick: eqs.Pick) -> str:
        step = eqs.replay_step(page, data, epoch, pick)
        return eqs.l2_equation(step, pick, page["l2"], "gd").latex

    assert widget(at, "eq_epoch").value == EPOCHS  # the last step first
    assert equation_latex(at) == expected(EPOCHS, eqs.Pick(1, 0, 0))
    assert r"\frac{\lambda}{m}" in equation_latex(at) and r"- \alpha\, d" in equation_latex(at)
    at = set_widget(at, "eq_epoch", 3)
    third = equation_latex(at)
    assert third == expected(3, eqs.Pick(1, 0, 0))
    at = set_widget(at, "eq_layer", 2)
    at = set_widget(at, "eq_unit", 5)
    at = set_widget(at, "eq_input", 7)
    assert widget(at, "eq_epoch").value == 3  # scrubbed: it stays
    assert equation_latex(at) == expected(3, eqs.Pick(2, 5, 7)) != third
    assert "W^{[2]}_{6,8}" in equation_latex(at)


def test_the_dropout_equation_shows_the_runs_mask_for_the_picked_unit():
    at = press(open_page(PAGE, query(reg="dropout")), "start")
    assert_clean(at)
    page = coerce_settings(techniques.TABLE, {"epochs": EPOCHS, "reg": "dropout"})
    data = make_data(techniques.data_values(page))
    latexes = set()
    for unit in range(4):
        at = set_widget(at, "eq_unit", unit)
        pick = eqs.Pick(1, unit)
        step = eqs.replay_step(page, data, EPOCHS, pick)
        latex = equation_latex(at)
        assert latex == eqs.dropout_equation(step, pick, page["kp1"]).latex
        latexes.add(latex)
    assert len(latexes) == 4 and r"\text{keep\_prob}" in latex
