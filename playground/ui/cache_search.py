"""Cached computations of the hyperparameter-search page (shared by every session)."""

from __future__ import annotations

import plotly.graph_objects as go
import streamlit as st

from playground.engine.train import History
from playground.engine.tuning import Base
from playground.plotting.boundary import decision_boundary
from playground.topics.search import figures as plot
from playground.topics.search import sampling, scale_spread
from playground.topics.search.retrain import retrain
from playground.topics.search.spread_figures import spread_bars
from playground.ui.cache import CACHE, cached_data


@st.cache_data(**CACHE)
def cached_retrain(
    config: dict, index: int, number: int, base: Base, data_values: dict
) -> tuple[History, go.Figure]:
    """Trial ``number`` (index ``index`` in its round) trained again alone on the data of
    ``data_values`` (see ``playground.topics.search.retrain``): its history and decision
    boundary."""
    data = cached_data(data_values, None)
    net, history = retrain(config, index, base, data.X_train, data.Y_train, data.X_dev, data.Y_dev)
    figure = decision_boundary(
        net,
        data.X_train,
        data.Y_train,
        data.X_dev,
        data.Y_dev,
        resolution=120,
        title=f"Trial #{number} retrained alone",
    )
    # In a narrow column the legend below would cover the x₁ axis title: move it further down.
    figure.update_layout(legend={"y": -0.16}, margin={"b": 90})
    return history, figure


@st.cache_data(**CACHE)
def cached_log_demo(low: float, high: float, n: int, seed: int) -> dict:
    """n uniform and n log-uniform samples of α on [low, high]: shares in the top decade and
    the bar chart of the counts per decade."""
    uniform, log = sampling.log_sampling_demo(low, high, n, seed)
    edges, uniform_counts = sampling.decade_counts(uniform, low, high)
    _, log_counts = sampling.decade_counts(log, low, high)
    counts = {
        f"uniform on {low:g} … {high:g}": uniform_counts,
        "uniform on log₁₀ α (log scale)": log_counts,
    }
    return {
        "figure": plot.decade_bars(edges, counts),
        "top_uniform": sampling.share_in_top_decade(uniform, high),
        "top_log": sampling.share_in_top_decade(log, high),
    }


@st.cache_data(**CACHE)
def cached_spreads(range_values: dict, seed: int) -> dict:
    """The spread of each searched hyperparameter's draws (``scale_spread.page_spreads`` of the
    search page's toggles and ranges ``range_values``): the figure (None when no range can be
    spread) and one sentence per hyperparameter."""
    items = scale_spread.page_spreads(range_values, seed)
    drawn = [(item.param.symbol, item.spread) for item in items if item.spread is not None]
    return {
        "figure": spread_bars(drawn) if drawn else None,
        "texts": [
            scale_spread.spread_text(item, range_values[f"{item.param.code}_sc"]) for item in items
        ],
    }
