"""Tests for playground.plots_projector: presenter mode restyles a copy, never the data."""

from __future__ import annotations

import copy

import numpy as np
import plotly.graph_objects as go
import plotly.io as pio
import pytest

from playground.plotting import projector
from playground.plotting.panels import panel_titles
from playground.plotting.projector import PRESENT, for_projector
from playground.plotting.style import TEMPLATE


def sample_figure(height: int | None = 450) -> go.Figure:
    """Two panels styled like playground.plots: 16-px text, 20-px title, thin lines."""
    return go.Figure(
        data=[
            go.Scatter(
                x=[1, 2, 3],
                y=[3.0, 1.0, 2.0],
                mode="lines+markers",
                line={"width": 2, "color": "#0072B2"},
                marker={"size": 8},
                name="train",
            ),
            go.Scatter(
                x=[1, 2, 3], y=[1, 2, 3], mode="markers", marker={"size": [4, 6, 8]}, name="dev"
            ),
            go.Scatter(x=[0, 1], y=[0, 1], mode="lines", name="default width"),
            go.Heatmap(z=[[0.0, 1.0], [1.0, 0.0]], xaxis="x2", yaxis="y2"),
        ],
        layout={
            "template": TEMPLATE,
            "font": {"size": 16},
            "title": {"text": "Cost", "font": {"size": 20}},
            "legend": {"font": {"size": 16}},
            "annotations": panel_titles([("left", 0.2), ("right", 0.8)]),
            "xaxis": {"domain": [0, 0.45], "title": {"text": "epoch"}},
            "xaxis2": {"domain": [0.55, 1], "showgrid": False},
            "yaxis2": {"anchor": "x2"},
            "height": height,
        },
    )


def test_fonts_are_scaled_and_black() -> None:
    big = for_projector(sample_figure())
    assert big.layout.font.size == pytest.approx(16 * projector.FONT_SCALE)  # 22.4 px
    assert big.layout.font.size >= projector.MIN_FONT
    assert big.layout.font.color == projector.INK
    assert big.layout.title.font.size == pytest.approx(28)
    assert big.layout.legend.font.size == pytest.approx(22.4)
    assert [a.font.size for a in big.layout.annotations] == pytest.approx([17 * 1.4] * 2)
    assert [a.text for a in big.layout.annotations] == ["left", "right"]


def test_small_default_font_is_raised_to_the_minimum() -> None:
    assert for_projector(go.Figure()).layout.font.size == projector.MIN_FONT  # 12 × 1.4 < 22


def test_lines_thicker_and_markers_bigger() -> None:
    big = for_projector(sample_figure())
    train, dev, plain, _ = big.data
    assert train.line.width == projector.LINE_WIDTH and plain.line.width == projector.LINE_WIDTH
    assert train.line.color == "#0072B2"
    assert train.marker.size == pytest.approx(8 * projector.MARKER_SCALE)  # 10.4 px
    np.testing.assert_allclose(dev.marker.size, [5.2, 7.8, 10.4])


def test_axes_high_contrast_but_the_figure_keeps_its_own_axis_choices() -> None:
    big = for_projector(sample_figure())
    for axis in (big.layout.xaxis, big.layout.yaxis, big.layout.xaxis2, big.layout.yaxis2):
        assert axis.linecolor == projector.INK and axis.showline and axis.automargin
        assert axis.gridcolor == projector.GRID
    assert big.layout.xaxis2.showgrid is False
    assert list(big.layout.xaxis.domain) == [0, 0.45] and big.layout.yaxis2.anchor == "x2"
    assert big.layout.xaxis.title.text == "epoch"
    assert big.layout.template == pio.templates[TEMPLATE]


def test_a_legend_below_the_plot_moves_down_to_clear_the_bigger_axis_labels() -> None:
    figure = sample_figure()
    figure.update_layout(legend={"orientation": "h", "y": -0.1}, margin={"t": 60, "b": 40})
    assert for_projector(figure).layout.legend.y == pytest.approx(-110 / (650 - 60 - 40))
    figure.update_layout(legend={"y": -0.3})  # already far enough
    assert for_projector(figure).layout.legend.y == -0.3
    assert for_projector(sample_figure()).layout.legend.y is None  # not below: untouched


@pytest.mark.parametrize(("height", "expected"), [(450, 650), (None, 650), (960, 960)])
def test_taller_but_never_shorter(height: int | None, expected: int) -> None:
    assert for_projector(sample_figure(height)).layout.height == expected


def test_original_untouched_and_data_identical() -> None:
    figure = sample_figure()
    before = copy.deepcopy(figure.to_plotly_json())
    big = for_projector(figure)
    assert figure.to_plotly_json() == before
    assert big is not figure
    style = ("line", "marker")
    for old, new in zip(before["data"], big.to_plotly_json()["data"], strict=True):
        assert {k: v for k, v in new.items() if k not in style} == {
            k: v for k, v in old.items() if k not in style
        }


def test_present_setting_reads_url_text_and_falls_back() -> None:
    assert PRESENT.key == "present" and PRESENT.default is False
    assert PRESENT.coerce("true") is True and PRESENT.coerce("FALSE") is False
    assert PRESENT.coerce("banana") is False


def test_an_animated_figure_keeps_its_frames() -> None:
    figure = go.Figure(
        data=[go.Scatter(x=[0], y=[0])],
        frames=[go.Frame(name="1", data=[go.Scatter(x=[1], y=[1])])],
        layout={"sliders": [{"steps": [{"label": "1"}]}]},
    )
    big = for_projector(figure)
    assert [frame.name for frame in big.frames] == ["1"] and big.frames[0].data[0].x == (1,)


def test_a_hairline_stays_thin() -> None:
    figure = go.Figure(
        [go.Scatter(y=[1, 2], mode="lines", line={"width": 0.8}), go.Scatter(y=[1, 2])]
    )
    hairline, line = for_projector(figure).data
    assert hairline.line.width == 0.8 and line.line.width == projector.LINE_WIDTH
