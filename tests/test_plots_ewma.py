"""Figures of the EWMA page: what they draw, checked against the core and hand numbers."""

from __future__ import annotations

import math

import numpy as np
import pytest

from playground.topics.ewma import figures as plots
from playground.topics.ewma.model import smooth, temperature_series


def names(figure) -> list[str]:
    return [trace.name for trace in figure.data]


def test_zoom_days_runs_a_bit_past_the_fade_day_within_the_series():
    assert plots.zoom_days(smooth(temperature_series(365), 0.9)) == math.ceil(1.15 * 44)
    assert plots.zoom_days(smooth(temperature_series(365), 0.5)) == plots.MIN_ZOOM
    assert plots.zoom_days(smooth(temperature_series(8), 0.9)) == 8


def test_series_figure_shades_the_last_window():
    result = smooth(temperature_series(365), 0.98)
    figure = plots.series_figure(result)
    assert names(figure) == ["θ_t (data)", "v_t / (1 − βᵗ)  bias-corrected", "v_t  no correction"]
    np.testing.assert_allclose(figure.data[2].y, result.v)
    (span,) = figure.layout.shapes
    assert (span.x0, span.x1) == (pytest.approx(365.5 - 50), 365.5)
    assert "1/(1 − β) = 50 days" in figure.layout.annotations[0].text
    long = plots.series_figure(smooth(temperature_series(365), 0.999))
    assert long.layout.shapes[0].x0 == 0.5
    assert "longer than the series" in long.layout.annotations[0].text


def test_early_days_figure_marks_the_window_and_the_fade_day():
    result = smooth(temperature_series(365), 0.9)
    figure = plots.early_days_figure(result)
    assert len(figure.data[1].y) == plots.zoom_days(result)
    assert [shape.x0 for shape in figure.layout.shapes] == [pytest.approx(10), 44]
    assert figure.data[2].fill == "tonexty"  # the start-up bias is the filled gap


def test_weights_figure_marks_the_one_over_e_point():
    result = smooth([1.0, 2.0], 0.9)
    figure = plots.weights_figure(result)
    bars, star = figure.data
    np.testing.assert_allclose(bars.y, 0.1 * 0.9 ** np.arange(31))
    assert star.x[0] == pytest.approx(-1 / math.log(0.9))
    assert star.y[0] == pytest.approx(0.1 / math.e)
    dark = [color == plots.CORRECTED_COLOR for color in bars.marker.color]
    assert dark == [k < 10 for k in range(31)]
    assert len(plots.weights_figure(result, lags=5).data[0].y) == 5


def test_fonts_are_projector_sized():
    result = smooth(temperature_series(100), 0.9)
    for figure in (
        plots.series_figure(result),
        plots.early_days_figure(result),
        plots.weights_figure(result),
    ):
        assert figure.layout.font.size >= 14 and figure.layout.title.font.size >= 14
        assert all(note.font.size >= 14 for note in figure.layout.annotations)
        assert figure.layout.template.layout.paper_bgcolor == "white"
