"""Figures built without Plotly's construction-time check (``fast_figure``) are checked here."""

from __future__ import annotations

from types import ModuleType

import plotly.graph_objects as go
import pytest


def check_every_fast_figure(monkeypatch: pytest.MonkeyPatch, module: ModuleType) -> list:
    """From now on every figure ``module`` builds with ``fast_figure`` is also rebuilt the slow,
    validating way (a misspelt property raises); returns the list the figures are added to."""
    built: list = []
    fast = module.fast_figure

    def checked(traces, layout) -> go.Figure:
        figure = fast(traces, layout)
        go.Figure(figure.to_dict())  # raises on any invalid property
        built.append(figure)
        return figure

    monkeypatch.setattr(module, "fast_figure", checked)
    return built
