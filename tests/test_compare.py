"""Unit tests of the A vs B comparison: settings differences, seed/data checks, run pairing,
the outcome summary and the two comparison figures."""

from __future__ import annotations

import math

import numpy as np
import pytest

from playground.engine import compare
from playground.engine import settings as spec
from playground.engine.config import coerce_settings
from playground.engine.diagnose import diagnose, diagnose_run, estimate_bayes_error
from playground.engine.experiment import Run, make_data
from playground.engine.train import History
from playground.plotting.boundary import decision_boundary
from playground.plotting.compare import compare_boundaries, compare_costs

TINY = {"n": 100, "epochs": 10, "layers": 1, "h1": 4}


def values(**changes: object) -> dict:
    return coerce_settings(spec.ALL, {**TINY, **changes})


def trained(**changes: object) -> Run:
    settings = values(**changes)
    run = Run(settings, make_data(settings))
    run.advance()
    return run


def test_settings_diff_lists_only_changed_keys_with_labels_and_formatted_values():
    a, b = values(lr=0.01, opt="adam"), values(lr=0.1, opt="momentum")
    diff = compare.settings_diff(a, b, spec.ALL)
    assert diff == [
        compare.Difference("opt", "Optimizer", "adam", "momentum"),
        compare.Difference("lr", "Learning rate α", "0.01", "0.1"),
    ]
    assert compare.settings_diff(a, dict(a), spec.ALL) == []


def test_settings_diff_shows_keys_missing_on_one_side_and_unknown_keys_by_name():
    diff = compare.settings_diff({"lr": 0.01, "reg": "L2"}, {"lr": 0.01, "eps": 1e-8}, spec.ALL)
    assert diff == [
        compare.Difference("reg", "reg", "L2", compare.MISSING),
        compare.Difference("eps", "ε", compare.MISSING, "1e-08"),
    ]


def test_seed_and_data_checks():
    a = values()
    assert compare.seed_and_data_changes(a, values(lr=0.1, layers=2)) == []
    assert compare.seed_and_data_changes(a, values(seed=2)) == ["seed"]
    assert compare.seed_and_data_changes(a, values(noise=0.2)) == ["noise"]
    assert compare.seed_and_data_changes(a, values(dseed=3, n=200, lr=0.1)) == ["dseed", "n"]
    # The initialization page calls its example count "m": it is a data key too.
    assert compare.seed_and_data_changes({"m": 300}, {"m": 400}) == ["m"]
    assert compare.seed_and_data_changes({"lr": 1}, {"lr": 2}) == []


def test_run_pairs_by_name_then_in_order():
    assert compare.run_pairs(["zeros", "he"], ["he", "zeros"]) == [("zeros", "zeros"), ("he", "he")]
    assert compare.run_pairs(["none", "L2"], ["none", "dropout"]) == [
        ("none", "none"),
        ("L2", "dropout"),
    ]
    assert compare.run_pairs(["run"], ["other"]) == [("run", "other")]
    assert compare.run_pairs(["a", "b"], ["a"]) == [("a", "a")]


def outcome(bayes: float = 0.03, **fields: object) -> compare.Outcome:
    base = dict(
        train_accuracy=0.9,
        dev_accuracy=0.85,
        train_cost=0.3,
        dev_cost=0.35,
        epochs=100,
        stopped="completed",
        seconds=1.0,
    )
    base |= fields
    base["diagnosis"] = diagnose(1 - base["train_accuracy"], 1 - base["dev_accuracy"], bayes)
    return compare.Outcome(**base)


def test_describe_says_what_b_did_differently():
    a = outcome()
    words = compare.describe(a, outcome(dev_cost=0.21, dev_accuracy=0.93, train_accuracy=0.95))
    assert words.startswith("B reached a lower dev cost (0.21 vs 0.35)")
    assert "a higher dev accuracy (93.0% vs 85.0%)" in words
    assert words.endswith(
        "Diagnosis — A: high bias (train 90.0%, dev 85.0% accuracy); B: fine (train 95.0%, "
        "dev 93.0% accuracy), against a Bayes error ≈ 3.0%."
    )
    assert compare.describe(a, a).startswith("B reached about the same dev cost (0.35 vs 0.35).")
    assert compare.describe(a, outcome(stopped="diverged", epochs=7)) == (
        "B diverged after epoch 7; A did not."
    )
    no_dev = outcome(dev_cost=math.nan)
    words = compare.describe(no_dev, outcome(dev_cost=math.nan, train_cost=0.6, epochs=50))
    assert words.startswith("B reached a higher train cost (0.6 vs 0.3). Diagnosis — A:")
    assert words.endswith(". B ran 50 epochs, A 100.")
    noisier = compare.describe(a, outcome(bayes=0.1))
    assert "A: high bias (train 90.0%, dev 85.0% accuracy, Bayes error ≈ 3.0%)" in noisier
    assert "B: fine (train 90.0%, dev 85.0% accuracy, Bayes error ≈ 10.0%)." in noisier


def test_the_summary_reads_each_side_as_its_own_diagnosis_does():
    # gd at α = 0.1 fits the circles (A); at α = 0.01 it is still far from it after 300 epochs
    # (B). B's gap train − dev is the larger, which the summary used to call "B overfits more"
    # although B's own diagnosis says high bias (and its boundary is nearly straight).
    bayes = estimate_bayes_error("circles", 0.05)
    runs = {}
    for lr in (0.1, 0.01):
        settings = coerce_settings(spec.ALL, {"opt": "gd", "lr": lr})
        runs[lr] = Run(settings, make_data(settings))
        runs[lr].advance()
    a, b = (compare.outcome(runs[lr], bayes) for lr in (0.1, 0.01))
    own = {lr: diagnose_run(run, bayes) for lr, run in runs.items()}
    assert a.diagnosis == own[0.1] and b.diagnosis == own[0.01]
    assert own[0.1].verdict == "fine" and "high bias" in own[0.01].verdict
    words = compare.describe(a, b)
    assert "overfits" not in words
    assert (
        f"Diagnosis — A: fine (train {a.train_accuracy:.1%}, dev {a.dev_accuracy:.1%} accuracy); "
        f"B: {own[0.01].verdict} (train {b.train_accuracy:.1%}, dev {b.dev_accuracy:.1%} "
        f"accuracy), against a Bayes error ≈ {bayes:.1%}."
    ) in words
    assert ("Diagnosis", "fine", own[0.01].verdict) in compare.metrics_rows(a, b)


def test_outcome_and_metrics_rows_of_a_trained_run():
    run = trained()
    result = compare.outcome(run, 0.02)
    train_error, dev_error = run.errors()
    assert result.train_accuracy == 1 - train_error and result.dev_accuracy == 1 - dev_error
    assert result.train_cost == run.history.train_cost[-1] and result.epochs == 10
    assert result.stopped == "completed"
    rows = compare.metrics_rows(result, result)
    assert [row[0] for row in rows] == [
        "Train accuracy",
        "Dev accuracy",
        "Train cost",
        "Dev cost",
        "Epochs run",
        "Stopped",
        "Diagnosis",
        "Seconds",
    ]
    assert rows[4] == ("Epochs run", "10", "10")
    assert result.diagnosis == diagnose_run(run, 0.02)


def history(train: list[float], dev: list[float]) -> History:
    return History(epochs=list(range(1, len(train) + 1)), train_cost=train, dev_cost=dev)


def test_compare_costs_draws_a_dashed_and_b_solid_in_the_same_colours():
    a, b = history([0.7, 0.5, 0.4], [0.8, 0.6, 0.5]), history([0.6, 0.3], [0.7, 0.4])
    figure = compare_costs(a, b)
    by_name = {trace.name: trace for trace in figure.data}
    assert list(by_name) == ["A train", "A dev", "B train", "B dev"]
    for side, source in (("A", a), ("B", b)):
        for split in ("train", "dev"):
            trace = by_name[f"{side} {split}"]
            np.testing.assert_array_equal(trace.x, source.epochs)
            np.testing.assert_array_equal(trace.y, getattr(source, f"{split}_cost"))
            assert trace.line.dash == ("dash" if side == "A" else "solid")
    assert by_name["A train"].line.color == by_name["B train"].line.color
    assert by_name["A dev"].line.color == by_name["B dev"].line.color
    assert by_name["A train"].line.color != by_name["A dev"].line.color


def test_compare_costs_leaves_out_missing_dev_curves_and_checks_lengths():
    nan = float("nan")
    figure = compare_costs(history([0.5], [nan]), history([0.4], [0.6]), log_y=True)
    assert [trace.name for trace in figure.data] == ["A train", "B train", "B dev"]
    assert figure.layout.yaxis.type == "log"
    bad = History(epochs=[1], train_cost=[1.0, 2.0], dev_cost=[0.1])
    with pytest.raises(ValueError, match="A.train_cost"):
        compare_costs(bad, history([0.5], [0.6]))


def test_compare_boundaries_puts_a_left_and_b_right_on_the_same_grid():
    run_a, run_b = trained(), trained(lr=0.3)
    titles = ("A: α 0.01", "B")
    figure = compare_boundaries(run_a.net, run_a.data, run_b.net, run_b.data, titles, 120)
    left = [t for t in figure.data if t.xaxis == "x"]
    right = [t for t in figure.data if t.xaxis == "x2"]
    assert len(left) == len(right) and {t.yaxis for t in right} == {"y2"}
    assert figure.layout.xaxis.domain[1] < figure.layout.xaxis2.domain[0]
    assert figure.layout.xaxis.range == figure.layout.xaxis2.range
    assert figure.layout.yaxis.range == figure.layout.yaxis2.range
    assert [a.text for a in figure.layout.annotations] == ["A: α 0.01", "B"]
    # Each panel's background is what decision_boundary draws for that network on that grid.
    np.testing.assert_array_equal(left[0].x, right[0].x)
    data = run_b.data  # the same data as A's: same seeds and data settings
    reference = decision_boundary(
        run_b.net, data.X_train, data.Y_train, data.X_dev, data.Y_dev, resolution=120
    ).data[0]
    np.testing.assert_array_equal(right[0].x, reference.x)
    np.testing.assert_array_equal(right[0].z, reference.z)
    assert (right[0].zmin, right[0].zmax) == (reference.zmin, reference.zmax) == (0.0, 1.0)
    assert sum(t.showlegend is not False for t in left[1:]) == len(left) - 1
    assert all(t.showlegend is False for t in right[1:])


def test_compare_boundaries_draws_softmax_regions_and_rejects_other_inputs():
    run_a, run_b = trained(ds="spiral", C=3), trained(ds="spiral", C=3, seed=2)
    figure = compare_boundaries(run_a.net, run_a.data, run_b.net, run_b.data)
    assert [type(t).__name__ for t in figure.data if type(t).__name__ == "Heatmap"] == [
        "Heatmap",
        "Heatmap",
    ]
    with pytest.raises(ValueError, match="resolution"):
        compare_boundaries(run_a.net, run_a.data, run_b.net, run_b.data, resolution=5)
