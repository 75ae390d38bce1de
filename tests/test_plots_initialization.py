"""Tests for the figures of the initialization page: the layer-1 units of each start."""

from __future__ import annotations

import numpy as np
import pytest

from playground.plotting.style import FONT_SIZE
from playground.topics.initialization import figures as plots


def test_unit_trajectories_join_each_runs_units_with_gaps():
    epochs = np.array([0, 5, 10])
    same = np.zeros((3, 4, 3))  # 4 identical units
    moving = np.arange(36, dtype=float).reshape(3, 4, 3)
    fig = plots.unit_trajectories(
        {"zeros": (epochs, same), "he": (epochs, moving)}, {"zeros": "Z", "he": "H"}
    )
    zeros, he = fig.data
    assert (zeros.xaxis, he.xaxis) == ("x", "x2")
    x = np.asarray(he.x, dtype=float)
    y = np.asarray(he.y, dtype=float)
    assert x.size == y.size == 4 * (3 + 1)
    np.testing.assert_array_equal(x[:4], [0, 5, 10, np.nan])
    np.testing.assert_array_equal(y[:3], moving[:, 0, 0])  # unit 1's W1[1, 1]
    np.testing.assert_array_equal(y[4:7], moving[:, 1, 0])  # unit 2's
    assert list(he.customdata[:4]) == [1, 1, 1, 1] and he.customdata[-1] == 4
    assert fig.layout.yaxis.title.text == "W1[j, 1]" and fig.layout.xaxis.title.text == "epoch"
    bias = plots.unit_trajectories({"he": (epochs, moving)}, {"he": "H"}, input_index=2)
    np.testing.assert_array_equal(np.asarray(bias.data[0].y, dtype=float)[:3], moving[:, 0, 2])
    assert bias.layout.yaxis.title.text == "b1[j]"
    assert fig.layout.annotations[0].font.size >= FONT_SIZE


def test_unit_trajectories_rejects_bad_arguments():
    epochs, weights = np.array([0, 1]), np.zeros((2, 3, 3))
    with pytest.raises(ValueError, match="^units must map"):
        plots.unit_trajectories({}, {})
    with pytest.raises(ValueError, match="^titles must have"):
        plots.unit_trajectories({"a": (epochs, weights)}, {})
    with pytest.raises(ValueError, match=r"^units\['a'\] must be epochs"):
        plots.unit_trajectories({"a": (epochs, weights[0])}, {"a": "A"})
    with pytest.raises(ValueError, match="^input_index "):
        plots.unit_trajectories({"a": (epochs, weights)}, {"a": "A"}, input_index=3)
