"""Tests for the figures of the splits page: the split-size bars and the mismatch figures.

The figures are built without Plotly's construction-time check (``fast_figure``), so every
figure here is also rebuilt the slow, validating way: a misspelt property would raise.
"""

from __future__ import annotations

import math

import numpy as np
import plotly.graph_objects as go
import pytest
from figure_checks import check_figure

from playground.engine.nn import Network
from playground.plotting.style import CLASS_COLORS, DEV_COLOR, TRAIN_COLOR
from playground.topics.splits import figures as ps
from playground.topics.splits import mismatched, set_sizes, setups


def assert_valid_projector_figure(figure: go.Figure) -> None:
    check_figure(figure)
    layout = figure.to_dict()["layout"]
    assert layout["template"]["layout"]["paper_bgcolor"] == "white", "plotly_white"
    assert layout["font"]["size"] >= 14
    for trace in figure.data:
        font = getattr(trace, "textfont", None)
        if font is not None and font.size is not None:
            assert font.size >= 14


def moons_net(seed: int = 0) -> tuple[Network, np.ndarray, np.ndarray]:
    X = np.random.RandomState(seed).randn(2, 40)
    Y = (X[0:1] > 0).astype(int)
    return Network([2, 4, 1], seed=seed), X, Y


# --------------------------------------------------------------------------- split sizes


def test_split_sizes_chart_bars_by_part() -> None:
    figure = ps.split_sizes_chart(set_sizes.split_table(10**6, 5, 0))
    assert_valid_projector_figure(figure)
    assert [t.name for t in figure.data] == ["train", "dev", "test"]
    assert list(figure.data[1].y) == [200_000, 10_000, 50_000]
    assert list(figure.data[2].y) == [200_000, 10_000, None], "no bar for an empty test set"
    assert [t.marker.color for t in figure.data] == [TRAIN_COLOR, DEV_COLOR, CLASS_COLORS[2]]
    assert figure.layout.yaxis.type == "log"
    assert figure.layout.title.text == "Split of m = 1\u202f000\u202f000 examples"


def test_split_sizes_chart_rejects_bad_rows() -> None:
    with pytest.raises(ValueError, match="rows"):
        ps.split_sizes_chart([])
    bad = set_sizes.SplitRow("x", (0.5, 0.5, 0.0), (1, 2), 0.1)
    with pytest.raises(ValueError, match=r"rows\[0\].sizes"):
        ps.split_sizes_chart([bad])


# --------------------------------------------------------------------------- mismatch figures


def test_mismatch_boundary_draws_faint_train_points_and_the_dev_set() -> None:
    net, X, Y = moons_net()
    X_dev, Y_dev = X[:, :10] + 3.0, Y[:, :10]
    extent = np.hstack([X, X_dev])
    figure = ps.mismatch_boundary(net, X, Y, X_dev, Y_dev, extent, "dev (shifted)", "Shifted")
    assert_valid_projector_figure(figure)
    assert figure.data[0].type == "contour" and figure.data[0].showscale is False
    groups = [t.legendgroup for t in figure.data[1:]]
    assert groups.count("train") == 2 and groups.count("dev (shifted)") == 2
    dev_points = sum(len(t.x) for t in figure.data[1:] if t.legendgroup == "dev (shifted)")
    assert dev_points == 10
    assert figure.layout.xaxis.range[1] >= X_dev[0].max(), "the extent covers the shifted set"
    assert figure.layout.yaxis.scaleanchor == "x"


def test_mismatch_errors_chart_colours_the_shifted_sets() -> None:
    errors = dict(zip(mismatched.SET_NAMES, (0.0, 0.02, math.nan, 0.3, 0.25), strict=True))
    figure = ps.mismatch_errors_chart(errors)
    assert_valid_projector_figure(figure)
    bar = figure.data[0]
    assert list(bar.x) == list(mismatched.SET_NAMES)
    assert list(bar.y) == [0.0, 0.02, None, 0.3, 0.25]
    assert list(bar.text) == ["0.0%", "2.0%", "no set", "30.0%", "25.0%"]
    assert list(bar.marker.color) == [TRAIN_COLOR] * 3 + [DEV_COLOR] * 2
    with pytest.raises(ValueError, match="errors"):
        ps.mismatch_errors_chart({})
    with pytest.raises(ValueError, match=r"errors\['train'\]"):
        ps.mismatch_errors_chart({"train": 1.5})


def test_setups_chart_groups_dev_and_test_coloured_by_distribution() -> None:
    errors = dict(zip(mismatched.SET_NAMES, (0.0, 0.02, 0.03, 0.3, 0.28), strict=True))
    results = setups.setups(errors, dict.fromkeys(mismatched.SET_NAMES, 80))
    figure = ps.setups_chart(results)
    assert_valid_projector_figure(figure)
    dev, test = figure.data
    assert list(dev.x) == [s.short for s in setups.SETUPS]
    assert list(dev.y) == [0.02, 0.02, 0.3] and list(test.y) == [0.03, 0.28, 0.28]
    assert list(dev.marker.color) == [TRAIN_COLOR, TRAIN_COLOR, DEV_COLOR]
    assert list(test.marker.color) == [TRAIN_COLOR, DEV_COLOR, DEV_COLOR]
    assert figure.layout.barmode == "group"
    with pytest.raises(ValueError, match="results"):
        ps.setups_chart(())
