"""Optimizers on surfaces: gradient descent, momentum, RMSprop and Adam racing across J(w₁, w₂).

The start is two URL-bound sliders (w1, w2). Clicking the contour also sets it: the chart is drawn
with ``on_select`` (points mode) on an invisible grid of points, and the callback copies the
clicked point into the sliders' session state before they are drawn again, so a click is a URL
too. That is why this one chart uses ``st.plotly_chart`` with ``figures.CONFIG`` instead of
``figures.show`` (which has no ``on_select``).
"""

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from playground.catalog import TRY_THIS
from playground.engine.config import settings_by_key
from playground.engine.surfaces import summarize
from playground.topics.optimizers_surfaces import model as surfaces
from playground.topics.optimizers_surfaces.figures import (
    minimum_zoom,
    race_contour,
    race_surface_3d,
)
from playground.ui import equations, figures, guide
from playground.ui.cache import cached, kept
from playground.ui.page_setup import enter_app
from playground.ui.widgets import read

enter_app()

st.title("🗺️ Optimizers on surfaces")
guide.what_this_shows(
    "Gradient descent, momentum, RMSprop and Adam start from the same point of a test function "
    "J(w₁, w₂), each with its own α and β's. Press ▶ Play to watch them race; click the contour "
    "to start somewhere else."
)

SEEN = "optimizers_surfaces:surface"
OPTIMIZER_KEYS = ("gd_lr", "mom_lr", "mom_beta", "rms_lr", "rms_beta", "adam_lr", "beta1")


def start_here() -> None:
    """on_select callback: the clicked point (rounded to the sliders' grid) becomes the start."""
    points = (st.session_state.get("paths") or {}).get("selection", {}).get("points", [])
    if points and points[0].get("x") is not None and points[0].get("y") is not None:
        for key, value in (("w1", points[0]["x"]), ("w2", points[0]["y"])):
            clipped = min(max(float(value), -surfaces.START_LIMIT), surfaces.START_LIMIT)
            st.session_state[key] = round(clipped, 2)


box = st.sidebar.expander("Surface", expanded=True)
chosen = read([surfaces.BY_KEY["surface"]], box)["surface"]
spec = settings_by_key(*surfaces.page_settings(chosen))
if st.session_state.get(SEEN, chosen) != chosen:  # a new surface: its start and rates
    for key in surfaces.RESET_KEYS:
        st.session_state[key] = spec[key].default
st.session_state[SEEN] = chosen
shown = {"surface": chosen} | read([spec["kappa"]] if chosen == "elongated" else [], box)
shown |= read([spec[key] for key in ("w1", "w2", "steps", "tol")], box)
racers = st.sidebar.expander("Optimizers", expanded=True)
shown |= read([spec[key] for key in (*OPTIMIZER_KEYS, "beta2", "bias", "more")], racers)
shown |= read([spec["nag_lr"], spec["ada_lr"]] if shown["more"] else [], racers)
shown |= read([spec["view3d"]], st.sidebar)
values = surfaces.page_values(shown)

try:
    surface = surfaces.surface_of(values)
    paths = cached(surfaces.race, entries=256)(values)
    bias = cached(surfaces.adam_bias_effect, entries=256)(values)
except ValueError as error:
    st.error(str(error))
    st.stop()
summaries = [summarize(name, p, surface, values["tol"]) for name, p in paths.items()]


def contour(values: dict) -> go.Figure:
    """The animated contour of the race; with bias correction off, Adam's corrected path is
    drawn as a grey ghost next to the uncorrected one."""
    race = cached(surfaces.race, entries=256)
    ghosts = None if values["bias"] else {"adam": race(values | {"bias": True})["adam"]}
    return race_contour(surfaces.surface_of(values), race(values), ghosts)


def zoom_on_minimum(values: dict) -> go.Figure | None:
    """Where the race's paths end, magnified (None without a minimum they come near)."""
    return minimum_zoom(surfaces.surface_of(values), cached(surfaces.race, entries=256)(values))


race = kept(contour)(values)
st.plotly_chart(  # the page's lesson: the whole width, enlarged again in presenter mode
    figures.sized(race),
    key="paths",
    on_select=start_here,
    selection_mode="points",
    theme=None,
    config=figures.CONFIG,
)
st.caption(
    "Click anywhere on the contour to start there (or move the *Start* sliders). The "
    "markers show each optimizer at the slider's step; ▶ Play animates all of them."
)
words, zoom = st.columns([1, 1], gap="medium")
with zoom:
    magnified = kept(zoom_on_minimum)(values)
    if magnified is not None:
        figures.show(magnified, key="zoom")
with words:
    st.markdown(f"**{surface.formula}**  \n{surface.about}")
    several = len(surface.minima) > 1
    for line in surfaces.race_report(summaries, values["tol"], several_minima=several):
        st.markdown(f"- {line}")
    note = surfaces.gd_rate_note(surface, values["gd_lr"])
    if note:
        st.markdown(note)
    st.markdown(surfaces.bias_report(bias, values))
    if not values["bias"]:
        st.caption("The grey dotted line is Adam *with* bias correction, for comparison.")

st.subheader("The race in numbers")
st.dataframe(pd.DataFrame(surfaces.race_rows(summaries, values)), hide_index=True)
if values["view3d"]:
    figures.show(race_surface_3d(surface, paths), key="surface3d")

st.subheader("The update rules, with this race's numbers")
equations.optimizer_equations(
    surfaces.racers_of(values),
    list(surfaces.COORDINATES),
    lambda name, weight: cached(surfaces.traced_race, entries=64)(values, name, weight),
    lambda weight: {"w₁": "w_1", "w₂": "w_2"}[weight],
)

guide.try_this(TRY_THIS["optimizers_surfaces"])
