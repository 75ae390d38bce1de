"""A server sends each distinct chart once: a second session drawing the same figures (a class
opening one scene) gets Streamlit's replay of the first one's message, which carries exactly
the JSON of its own figure."""

from __future__ import annotations

import plotly.io as pio
import pytest
import streamlit as st
from pages_helpers import assert_clean, open_page, set_widget
from streamlit.testing.v1 import AppTest

from playground.ui.export_panel import FIGURES

SCENES = [
    ("pages/regularization.py", "dropout-fixes-it"),
    ("pages/optimizers_network.py", "same-alpha"),
    ("pages/minibatch.py", "sgd-too-fast"),
]


def sent_specs(at) -> dict[str, str]:
    return {chart.key: chart.proto.spec for chart in at.get("plotly_chart")}


def own_figures_json(at) -> dict[str, str]:
    """Each chart's JSON as ``st.plotly_chart`` would send this session's own figure."""
    figures = at.session_state[FIGURES]
    return {key: pio.to_json(figure.to_dict(), validate=False) for key, figure in figures.items()}


@pytest.fixture
def plotly_chart_calls(monkeypatch) -> list[str]:
    calls: list[str] = []
    original = st.plotly_chart

    def counted(figure, *args, **kwargs):
        calls.append(kwargs.get("key"))
        return original(figure, *args, **kwargs)

    monkeypatch.setattr(st, "plotly_chart", counted)
    return calls


@pytest.mark.parametrize(("page", "scene"), SCENES)
def test_a_second_session_replays_the_charts_with_its_own_figures_json(
    page, scene, plotly_chart_calls
) -> None:
    first = open_page(page, {"scene": scene})
    assert_clean(first)
    plotly_chart_calls.clear()
    second = open_page(page, {"scene": scene})
    assert_clean(second)
    specs = sent_specs(second)
    assert specs and plotly_chart_calls == []
    assert specs == own_figures_json(second) == sent_specs(first)


def test_a_changed_figure_is_sent_afresh(plotly_chart_calls) -> None:
    at = open_page("pages/regularization.py", {"scene": "dropout-fixes-it"})
    before = sent_specs(at)
    plotly_chart_calls.clear()
    set_widget(at, "seed", 7)
    assert_clean(at)
    after = sent_specs(at)
    assert after["boundary-none"] != before["boundary-none"]
    assert "boundary-none" in plotly_chart_calls
    assert after == own_figures_json(at)


def frames_and_a_shared_chart() -> None:
    import plotly.graph_objects as go

    from playground.ui import figures

    figure = go.Figure(go.Scatter(x=[0.0, 1.0], y=[1.0, 2.0]))
    with figures.live_frame():
        figures.show(figure, key="frame")
    figures.show(figure, key="shared")


def test_a_live_frame_is_sent_as_it_is_and_not_kept(plotly_chart_calls) -> None:
    for _ in range(2):  # two sessions
        at = AppTest.from_function(frames_and_a_shared_chart, default_timeout=60)
        at.run()
        assert_clean(at)
        assert set(sent_specs(at)) == {"frame", "shared"}
    assert plotly_chart_calls == ["frame", "shared", "frame"]
