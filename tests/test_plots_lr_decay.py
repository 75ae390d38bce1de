"""Figures of the learning-rate decay page: traces, styles, panels and argument checks."""

from __future__ import annotations

import numpy as np
import pytest
from figure_checks import check_every_fast_figure

from playground.topics.lr_decay import figures as plots


@pytest.fixture(autouse=True)
def checked_figures(monkeypatch):
    """Every figure built with ``fast_figure`` here is valid Plotly (``figure_checks``)."""
    return check_every_fast_figure(monkeypatch, plots)


def test_every_schedule_has_its_own_style_and_constant_is_dashed_black():
    styles = [plots.schedule_style(name) for name in plots.SCHEDULE_STYLES]
    assert len(set(styles)) == len(styles)
    assert plots.schedule_style("constant") == ("#000000", "dash")
    assert plots.schedule_style("cosine") == ("#777777", "solid")


def test_schedule_curves_are_alpha_per_epoch_with_constant_drawn_on_top():
    rates = {"constant": [1.0, 1.0, 1.0], "exponential": [1.0, 0.5, 0.25]}
    figure = plots.schedule_curves(rates)
    assert [t.name for t in figure.data] == ["exponential", "constant"]
    assert [t.legendrank for t in figure.data] == [1, 0]
    np.testing.assert_allclose(figure.data[0].x, [1, 2, 3])
    np.testing.assert_allclose(figure.data[0].y, [1.0, 0.5, 0.25])
    assert figure.layout.yaxis.type == "log"
    assert figure.layout.yaxis.title.text == "α (log scale)"
    assert plots.schedule_curves(rates, log_y=False).layout.yaxis.type is None


def test_cost_by_schedule_draws_the_epoch_costs_with_nan_as_gaps():
    figure = plots.cost_by_schedule({"piecewise": [0.7, np.inf, 0.3]})
    assert np.isnan(figure.data[0].y[1]) and figure.data[0].y[2] == 0.3
    assert figure.layout.yaxis.type == "log" and figure.layout.xaxis.title.text == "epoch"


def test_curves_need_at_least_one_series():
    for function in (plots.schedule_curves, plots.cost_by_schedule):
        with pytest.raises(ValueError, match="at least one named curve"):
            function({})
