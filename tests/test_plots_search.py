"""Figures of the search page: points where the trials are, on the right axes, with the boxes,
accuracies and parallel coordinates the data says."""

from __future__ import annotations

import json
import math

import numpy as np
import pytest
from pages_helpers import decode_typed_arrays

from playground.engine.tuning import Range, grid, random_search
from playground.topics.search import figures as plots

LR = Range("learning_rate", 1e-4, 1.0, "log")
BETA1 = Range("beta1", 0.8, 0.999, "one_minus_log")
LAMBD = Range("lambd", 0.0, 1.0)
LABELS = {"learning_rate": "α", "beta1": "β₁", "lambd": "λ"}
GRID = grid([LR, BETA1], 9)
RANDOM = random_search([LR, BETA1], 9, seed=0)


def plain(figure) -> dict:
    return decode_typed_arrays(json.loads(figure.to_json()))


def untrained(configs):
    return configs, np.full(len(configs), np.nan), np.zeros(len(configs), dtype=bool)


def trained(configs, diverged_at=()):
    accuracy = np.linspace(0.5, 1.0, len(configs))
    diverged = np.isin(np.arange(len(configs)), diverged_at)
    return configs, accuracy, diverged


def test_sample_plane_puts_each_trial_where_its_values_are():
    rounds = {"grid": untrained(GRID), "random": trained(RANDOM, diverged_at=[2])}
    figure = plain(plots.sample_plane(rounds, [LR, BETA1], LABELS, {"grid": 3, "random": 9}))
    grid_points, grid_strip, random_points, diverged, random_strip = figure["data"]
    np.testing.assert_allclose(grid_points["x"], [c["learning_rate"] for c in GRID])
    np.testing.assert_allclose(grid_points["y"], [1 - c["beta1"] for c in GRID])  # 1 − β₁
    assert grid_points["marker"]["color"] == plots.UNTRAINED
    assert random_points["marker"]["colorscale"]  # coloured by dev accuracy
    assert np.isnan(random_points["marker"]["color"][2])
    np.testing.assert_allclose(diverged["x"], [RANDOM[2]["learning_rate"]])
    assert len(grid_strip["x"]) == 3 and len(random_strip["x"]) == 9  # the distinct α tried
    titles = [a["text"] for a in figure["layout"]["annotations"]]
    assert titles == ["grid: 9 trials, 3 distinct α", "random: 9 trials, 9 distinct α"]
    axes = figure["layout"]
    assert axes["xaxis3"]["type"] == "log" and axes["xaxis3"]["title"]["text"] == "α (log scale)"
    assert axes["yaxis"]["autorange"] == "reversed" and axes["yaxis"]["type"] == "log"
    # β₁ ticks: the decades of 1 − β₁ in [0.001, 0.2], plus the end 0.2, labelled as β₁.
    assert axes["yaxis"]["ticktext"] == ["0.999", "0.99", "0.9", "0.8"]
    np.testing.assert_allclose(axes["yaxis"]["tickvals"], [0.001, 0.01, 0.1, 0.2])


def test_sample_plane_of_one_hyperparameter_is_a_strip_and_validates():
    rounds = {"random": untrained(random_search([LAMBD], 5, 1))}
    figure = plain(plots.sample_plane(rounds, [LAMBD], LABELS, {"random": 5}))
    assert len(figure["data"]) == 1 and figure["layout"]["xaxis"]["title"]["text"] == "λ"
    with pytest.raises(ValueError, match="rounds must hold at least one round"):
        plots.sample_plane({}, [LR], LABELS, {})
    with pytest.raises(ValueError, match="space must hold at least one Range"):
        plots.sample_plane(rounds, [], LABELS, {"random": 5})


def test_decade_bars_show_the_counts():
    edges = [1e-4, 1e-3, 1e-2, 1e-1, 1.0]
    figure = plain(plots.decade_bars(edges, {"uniform": [0, 1, 9, 90], "log": [25, 25, 26, 24]}))
    uniform, log = figure["data"]
    assert uniform["x"] == ["0.0001 – 0.001", "0.001 – 0.01", "0.01 – 0.1", "0.1 – 1"]
    assert list(uniform["y"]) == [0, 1, 9, 90] and list(log["y"]) == [25, 25, 26, 24]
    assert figure["layout"]["title"]["text"] == "100 samples of α: how many per decade"
    with pytest.raises(ValueError, match="at least two decade edges"):
        plots.decade_bars([1.0], {"uniform": []})
    with pytest.raises(ValueError, match=r"counts\['log'\] must hold 4 values; got 3"):
        plots.decade_bars(edges, {"log": [1, 2, 3]})


def test_zoom_plane_draws_every_box():
    box = (Range("learning_rate", 0.001, 0.1, "log"), Range("beta1", 0.9, 0.99, "one_minus_log"))
    rounds = {"grid": trained(GRID), "zoom 1": trained(random_search(box, 4, 0))}
    figure = plain(plots.zoom_plane(rounds, [LR, BETA1], [box], LABELS))
    names = [t["name"] for t in figure["data"]]
    assert names == ["grid", "zoom 1", "box of zoom 1"]
    outline = figure["data"][2]
    assert outline["x"] == pytest.approx([0.001, 0.1, 0.1, 0.001, 0.001])
    assert outline["y"] == pytest.approx([0.1, 0.1, 0.01, 0.01, 0.1])  # 1 − β₁
    one = plain(plots.zoom_plane({"grid": trained(grid([LR], 3))}, [LR], [(LR,)], LABELS))
    np.testing.assert_allclose(one["data"][0]["y"], [0.5, 0.75, 1.0])  # dev accuracy on y
    assert one["layout"]["yaxis"]["title"]["text"] == "dev accuracy"
    with pytest.raises(ValueError, match="rounds must hold at least one round"):
        plots.zoom_plane({}, [LR], [], LABELS)


def test_accuracy_vs_params_has_one_panel_per_hyperparameter():
    configs = random_search([LR, BETA1, LAMBD, Range("keep_prob", 0.5, 1.0)], 6, 2)
    figure = plain(
        plots.accuracy_vs_params(
            {"random": trained(configs, diverged_at=[0])},
            [LR, BETA1, LAMBD, Range("keep_prob", 0.5, 1.0)],
            LABELS,
        )
    )
    points = [t for t in figure["data"] if t["name"] == "random"]
    assert len(points) == 4
    np.testing.assert_allclose(points[2]["x"], [c["lambd"] for c in configs[1:]])
    np.testing.assert_allclose(points[0]["y"], np.linspace(0.5, 1.0, 6)[1:])
    crosses = [t for t in figure["data"] if t["name"] == "diverged"]
    assert len(crosses) == 5  # one per panel, and one for the legend
    assert figure["layout"]["xaxis"]["type"] == "log" and "xaxis4" in figure["layout"]
    assert figure["layout"]["height"] == 300 + 230 * 2  # 4 panels: 2 rows of up to 3
    with pytest.raises(ValueError, match="space must hold at least one Range"):
        plots.accuracy_vs_params({}, [], LABELS)


def test_parallel_coordinates_use_log_axes_labelled_in_values():
    configs, accuracy, _ = trained(random_search([LR, BETA1, LAMBD], 9, seed=0))
    figure = plain(plots.parallel(configs, accuracy, [LR, BETA1, LAMBD], LABELS))
    alpha, beta, lambd, acc = figure["data"][0]["dimensions"]
    np.testing.assert_allclose(alpha["values"], np.log10([c["learning_rate"] for c in configs]))
    assert alpha["range"] == [-4, 0] and alpha["ticktext"] == [
        "0.0001",
        "0.001",
        "0.01",
        "0.1",
        "1",
    ]
    np.testing.assert_allclose(beta["values"], np.log10([1 - c["beta1"] for c in configs]))
    assert beta["range"] == pytest.approx([math.log10(0.2), -3])  # reversed: β grows upwards
    assert lambd["range"] == [0.0, 1.0] and acc["label"] == "dev accuracy"
    np.testing.assert_allclose(figure["data"][0]["line"]["color"], accuracy)
    with pytest.raises(ValueError, match="accuracy must hold one value per config"):
        plots.parallel(configs, accuracy[:2], [LR], LABELS)
    with pytest.raises(ValueError, match="space must hold at least one Range"):
        plots.parallel(configs, accuracy, [], LABELS)


def test_round_styles_are_fixed_per_round():
    assert plots.round_style("grid") != plots.round_style("random")
    assert plots.round_style("zoom 9") == ("#777777", "circle")
