"""Cached computations of the "Optimizers on the network" page (shared by every session)."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go
import streamlit as st

from playground.engine.experiment import Data
from playground.engine.nn import Network
from playground.topics.optimizers_network.figures import cost_race, race_boundaries
from playground.topics.optimizers_network.loss_landscape import Landscape, landscape
from playground.topics.optimizers_network.race import race_data

CACHE = {"max_entries": 64, "ttl": 3600, "show_spinner": False}


@st.cache_data(**CACHE)
def cached_race_data(values: dict) -> Data:
    """The page's training and dev sets (see ``landscape.race_data``)."""
    return race_data(values)


@st.cache_data(**CACHE)
def cached_landscape(
    layer_dims: tuple[int, ...],
    activation: str,
    X: np.ndarray,
    Y: np.ndarray,
    trajectories: dict[str, np.ndarray],
    center: str,
    method: str,
    resolution: int,
) -> Landscape:
    """The cost on the plane through θ* of ``center`` (see ``landscape.landscape``)."""
    net = Network(list(layer_dims), hidden_activation=activation)
    return landscape(net, X, Y, trajectories, center, method, resolution)


@st.cache_resource(max_entries=32, ttl=3600, show_spinner=False)
def cached_run_figures(key: tuple, _runs: dict, subtitles: dict) -> tuple[go.Figure, go.Figure]:
    """The cost curves and the decision boundaries of finished (or untrained) runs.

    ``key`` identifies the runs: their training settings and the epoch each one reached —
    training is deterministic, so equal keys mean equal networks. The figures are kept as
    objects (``st.cache_resource``): ``st.cache_data`` would unpickle a copy each time, and
    unpickling re-validates a figure, costing as much as drawing it. Nothing mutates them.
    """
    data = next(iter(_runs.values())).data
    cost = cost_race({name: run.history for name, run in _runs.items()})
    nets = {name: run.net for name, run in _runs.items()}
    boundaries = race_boundaries(nets, data.X_train, data.Y_train, subtitles)
    return cost, boundaries
