"""Cached computations of the "Optimizers on surfaces" page (shared by every session).

A race of six 500-step paths takes some tens of milliseconds; cached, a rerun that only changes
the view (3-D toggle, a click elsewhere on the page) costs nothing. The contour figure is kept
with ``st.cache_resource``: ``st.cache_data`` would unpickle a copy for every rerun, and
unpickling a Plotly figure re-validates it, which costs as much as building it (its 100 frames
and slider steps). Nothing mutates a cached figure: ``st.plotly_chart`` reads it with
``to_dict``.
"""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go
import streamlit as st

from playground.engine.surfaces import BiasEffect, adam_bias_effect, race, surface_of
from playground.topics.optimizers_surfaces.figures import race_contour

CACHE = {"max_entries": 256, "ttl": 3600, "show_spinner": False}


@st.cache_data(**CACHE)
def cached_race(values: dict) -> dict[str, np.ndarray]:
    """Every raced optimizer's path for the page's settings (see ``surfaces.race``)."""
    with np.errstate(over="ignore", invalid="ignore"):
        return race(values)


@st.cache_data(**CACHE)
def cached_bias_effect(values: dict) -> BiasEffect:
    """Adam's first steps with and without bias correction (see ``surfaces.adam_bias_effect``)."""
    return adam_bias_effect(values)


@st.cache_resource(max_entries=64, ttl=3600, show_spinner=False)
def cached_contour(values: dict) -> go.Figure:
    """The animated contour of the race; with bias correction off, Adam's corrected path is
    drawn as a grey ghost next to the uncorrected one."""
    paths = cached_race(values)
    ghosts = None if values["bias"] else {"adam": cached_race(values | {"bias": True})["adam"]}
    return race_contour(surface_of(values), paths, ghosts)
