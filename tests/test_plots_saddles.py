"""Figures of the saddle-points page: what they draw, checked against the core."""

from __future__ import annotations

import numpy as np
import pytest

from playground.topics.saddles import figures as plots
from playground.topics.saddles.escaping import COMPARED, escape
from playground.topics.saddles.hessians import hessian_census

RATES = {name: 0.1 for name in COMPARED}


def test_paths_figure_draws_every_path_with_its_escape_ring():
    race = escape("saddle", RATES, 100)
    figure = plots.paths_figure(race)
    assert figure.data[0].type == "contour"
    by_name = {trace.name: trace for trace in figure.data}
    np.testing.assert_array_equal(by_name["Adam"].y, race.runs["adam"].path[:, 1])
    ring = by_name["gradient descent escapes"]
    np.testing.assert_array_equal([ring.x[0], ring.y[0]], race.runs["gd"].path[36])
    assert by_name["saddle point"].marker.symbol == "x"
    assert list(figure.layout.xaxis.range) == [-2.0, 2.0]
    plateau = plots.paths_figure(escape("plateau", RATES, 50))
    assert "minimum" in [trace.name for trace in plateau.data]


def test_cost_figure_zooms_on_the_steps_that_matter():
    race = escape("saddle", RATES, 300)
    figure = plots.cost_figure(race)
    assert plots.shown_steps(race) == 104  # 1.5 × momentum's 69
    assert list(figure.layout.xaxis.range) == [0, 104]
    assert figure.layout.yaxis.range[0] < -2.0 < figure.layout.yaxis.range[0] + 0.5
    assert [shape.y0 for shape in figure.layout.shapes] == [0.0, -0.5]
    plateau = escape("plateau", RATES, 300)
    assert plots.shown_steps(plateau) == 300  # gradient descent never escapes
    bottom = plots.cost_figure(plateau).layout.yaxis.range[0]
    assert -0.3 < bottom < -0.2  # the lowest J, the minimum −0.2, is in view


def test_minima_figure_shows_zero_counts_below_one_over_samples():
    census = hessian_census(range(1, 8), 200, 0)
    figure = plots.minima_figure(census)
    measured, none, coin = figure.data
    found = census.minima > 0
    np.testing.assert_array_equal(measured.x, census.dims[found])
    np.testing.assert_array_equal(none.x, census.dims[~found])
    np.testing.assert_array_equal(none.y, 1 / 200)
    np.testing.assert_array_equal(coin.y, 0.5 ** np.arange(1, 8))
    assert figure.layout.yaxis.type == "log"


def test_downhill_figure_for_one_dimension():
    census = hessian_census([3, 12], 500, 0)
    figure = plots.downhill_figure(census)
    bars, coin = figure.data
    assert len(bars.y) == 13 and sum(bars.y) == pytest.approx(1.0)
    assert sum(coin.y) == pytest.approx(1.0)
    assert len(plots.downhill_figure(census, 3).data[0].y) == 4
    with pytest.raises(ValueError, match="n must be one of"):
        plots.downhill_figure(census, 5)


def test_fonts_are_projector_sized():
    race, census = escape("saddle", RATES, 50), hessian_census([1, 2], 50, 0)
    for figure in (
        plots.paths_figure(race),
        plots.cost_figure(race),
        plots.minima_figure(census),
        plots.downhill_figure(census),
    ):
        assert figure.layout.font.size >= 14 and figure.layout.title.font.size >= 14
        assert all(note.font.size >= 14 for note in figure.layout.annotations)
