"""Tests for playground.plots_gradcheck: error vs ε, per-parameter bars, difference vs ε."""

from __future__ import annotations

import numpy as np
import pytest

from playground.topics.gradient_checking import figures as plots

EPS = [1e-1, 1e-2, 1e-3]


def test_derivative_errors_figure():
    model = {"two-sided": [1e-2, 1e-4, 1e-6], "round-off": [1e-15, 1e-14, 1e-13]}
    fig = plots.derivative_errors(EPS, [1e-2, 1e-4, 0.0], [1e-1, 1e-2, 1e-3], model, 1e-2)
    two, one, slope2, round_off = fig.data
    assert two.name.startswith("two-sided") and one.name.startswith("one-sided")
    np.testing.assert_array_equal(np.asarray(two.y, dtype=float), [1e-2, 1e-4, np.nan])  # 0: gap
    assert slope2.name.startswith("slope 2") and round_off.name.startswith("slope −1")
    assert slope2.line.dash == "dash" and round_off.line.dash == "dot"
    assert fig.layout.xaxis.type == fig.layout.yaxis.type == "log"
    shade, marker = fig.layout.shapes
    assert (shade.type, shade.x0, shade.x1) == ("rect", 1e-3, 1e-2)  # ε below the best two-sided
    assert (marker.type, marker.x0) == ("line", 1e-2)
    assert [a.text for a in fig.layout.annotations] == ["round-off grows →", "ε = 0.01"]
    assert fig.layout.xaxis.autorange == "reversed"  # like the ε slider: large ε on the left
    plain = plots.derivative_errors(EPS, [1.0, 1.0, 1.0], [1.0, 1.0, 1.0])
    assert len(plain.data) == 2 and len(plain.layout.shapes) == 1


def test_derivative_errors_rejects_bad_arguments():
    with pytest.raises(ValueError, match="^epsilons must be"):
        plots.derivative_errors([0.1, -1.0], [1, 1], [1, 1])
    with pytest.raises(ValueError, match=r"^one_sided must hold one value per ε \(3\)"):
        plots.derivative_errors(EPS, [1, 1, 1], [1, 1])
    with pytest.raises(ValueError, match="^model keys must be among"):
        plots.derivative_errors(EPS, [1, 1, 1], [1, 1, 1], {"slope 3": [1, 1, 1]})
    with pytest.raises(ValueError, match="^epsilon must be in"):
        plots.derivative_errors(EPS, [1, 1, 1], [1, 1, 1], epsilon=2.0)


def test_parameter_differences_bars_zones_and_lines():
    per = {"W1": 1e-9, "b1": 0.0, "W2": 3e-6, "b2": 0.4, "W3": np.nan}
    fig = plots.parameter_differences(per)
    (bars,) = fig.data
    assert list(bars.x) == ["dW1", "db1", "dW2", "db2", "dW3"]
    np.testing.assert_array_equal(bars.y, [1e-9, plots.FLOOR, 3e-6, 0.4, 1.0])
    np.testing.assert_array_equal(bars.customdata[:4], [1e-9, 0.0, 3e-6, 0.4])
    zones = plots.ZONE_COLORS
    assert list(bars.marker.color) == [
        zones["great"],
        zones["great"],
        zones["closer"],
        zones["bug"],
        zones["bug"],  # NaN is not < 1e-3
    ]
    assert [s.y0 for s in fig.layout.shapes] == [1e-7, 1e-5, 1e-3]
    assert fig.layout.yaxis.type == "log"
    with pytest.raises(ValueError, match="^per_parameter must map"):
        plots.parameter_differences({})


def test_difference_vs_epsilon_figure():
    fig = plots.difference_vs_epsilon(
        EPS, {"correct": [1e-3, 1e-6, 1e-9], "bug": [0.3, 0.3, 0.3]}, 1e-2
    )
    assert [t.name for t in fig.data] == ["correct", "bug"]
    assert fig.data[0].line.color != fig.data[1].line.color
    assert [s.y0 for s in fig.layout.shapes[:3]] == [1e-7, 1e-5, 1e-3]
    assert fig.layout.shapes[3].x0 == 1e-2
    low, high = fig.layout.yaxis.range
    assert low <= np.log10(1e-9) and high >= np.log10(0.3)
    with pytest.raises(ValueError, match="^curves must map"):
        plots.difference_vs_epsilon(EPS, {})
    with pytest.raises(ValueError, match="^values must hold one value per ε"):
        plots.difference_vs_epsilon(EPS, {"a": [1.0]})
    with pytest.raises(ValueError, match="^epsilon must be in"):
        plots.difference_vs_epsilon(EPS, {"a": [1.0, 1.0, 1.0]}, 0.0)
