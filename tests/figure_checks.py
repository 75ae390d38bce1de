"""Figures built without Plotly's construction-time check (``fast_figure``) are checked here."""

from __future__ import annotations

from types import ModuleType

import plotly.graph_objects as go
import pytest


def check_figure(figure: go.Figure) -> None:
    """Rebuild ``figure`` the slow, validating way: a misspelt or invalid property raises."""
    go.Figure(figure.to_dict())


def check_every_fast_figure(monkeypatch: pytest.MonkeyPatch, module: ModuleType) -> list:
    """From now on every figure ``module`` builds with ``fast_figure`` is also rebuilt the slow,
    validating way (a misspelt property raises); returns the list the figures are added to."""
    built: list = []
    fast = module.fast_figure

    def checked(traces, layout) -> go.Figure:
        figure = fast(traces, layout)
        check_figure(figure)
        built.append(figure)
        return figure

    monkeypatch.setattr(module, "fast_figure", checked)
    return built
