"""Local optima, saddles, plateaus: escaping them, and why high dimensions are full of saddles."""

import pandas as pd
import streamlit as st

from playground.catalog import TRY_THIS
from playground.engine.config import coerce_settings
from playground.topics.saddles import escaping, hessians, settings, texts
from playground.topics.saddles import figures as plots
from playground.ui import figures, guide, widgets
from playground.ui.cache import cached
from playground.ui.page_setup import enter_app

enter_app()

st.title("🐴 Local optima, saddles, plateaus")
guide.what_this_shows(
    "Where the gradient is zero in high dimensions you are almost always at a saddle, not a bad "
    "local minimum. What slows training are saddles and plateaus, where the gradient is tiny."
)

box = st.sidebar.expander("Surface", expanded=True)
shown = widgets.read([settings.BY_KEY["surface"]], box)
if shown["surface"] in escaping.RIDGE_SURFACES:
    shown |= widgets.read([settings.BY_KEY["w2"]], box)
shown |= widgets.read([settings.BY_KEY["steps"]], box)
optimizers = [settings.BY_KEY[key] for key in dict.fromkeys(escaping.RATE_KEYS.values())]
optimizers += [settings.BY_KEY["beta"], settings.BY_KEY["rms_beta"]]
shown |= widgets.read(optimizers, st.sidebar.expander("Optimizers", True))
shown |= widgets.read(settings.CENSUS_SETTINGS, st.sidebar.expander("Random Hessians", True))
values = coerce_settings(settings.BY_KEY, shown)

st.subheader("1. Escaping a saddle point or a plateau")
try:
    race = cached(escaping.page_escape, entries=32)(values)
except ValueError as error:
    st.error(str(error))
else:
    left, right = figures.panels(["Paths", "Cost"], [11, 10])
    with left:
        figures.show(plots.paths_figure(race), key="paths")
    with right:
        figures.show(plots.cost_figure(race), key="cost")
    table = pd.DataFrame(race.summary()).set_index("optimizer")
    table["α"] = table["α"].map("{:g}".format)
    for column in ("first step ‖w₁ − w₀‖", "step ÷ α‖dW‖ while stalled"):
        table[column] = table[column].map("{:.3g}".format)
    table["steps to escape"] = [
        f"not in {race.steps}" if run.escaped_at is None else str(run.escaped_at)
        for run in race.runs.values()
    ]
    st.table(table)
    level = race.stall.level
    line = f"{level - race.margin:g}".replace("-", "−")
    escaped = "; ".join(
        f"**{escaping.LABELS[name]}** "
        + (f"after {run.escaped_at} steps" if run.escaped_at is not None else "not yet")
        for name, run in race.runs.items()
    )
    st.markdown(
        f"From w₀ = ({race.start[0]:g}, {race.start[1]:g}), a run **escapes** at the first step "
        f"where J < {level:g} − {race.margin:g} = {line}: clearly below "
        f"{race.stall.what}; *steps stalled* counts the steps with J within ±{race.margin:g} "
        f"of it. In {race.steps} steps: {escaped}. *step ÷ α‖dW‖* is the median step while "
        "stalled, in units of the step gradient descent would take from the same point.\n\n"
        + texts.MECHANISMS[values["surface"]]
        + "\n\n"
        + texts.momentum_text(race, values["beta"])
        + "\n\n"
        + texts.normalized_text(race)
    )

st.subheader("2. Why high dimensions mean saddles, not bad local minima")
try:
    census = cached(hessians.hessian_census, entries=16, spinner="Diagonalizing random Hessians…")(
        hessians.dimension_grid(values["nmax"]), values["samples"], values["hseed"]
    )
except ValueError as error:
    st.error(str(error))
else:
    left, right = figures.panels(["Minima", "Downhill directions"])
    with left:
        figures.show(plots.minima_figure(census), key="minima")
    with right:
        figures.show(plots.downhill_figure(census), key="downhill")
    found = {int(n): int(m) for n, m in zip(census.dims, census.minima, strict=True) if m}
    counts = ", ".join(f"n = {n}: {m}" for n, m in found.items())
    missing = [int(n) for n in census.dims if int(n) not in found]
    n_max = int(census.dims[-1])
    st.markdown(
        "Where the gradient is zero, the Hessian's eigenvalues (the curvatures along its main "
        "directions) decide: all > 0 is a minimum, all < 0 a maximum, mixed signs a saddle. Here "
        f"{census.samples:,} random symmetric matrices A = (G + Gᵀ)/√(2n) per dimension stand "
        f"in for Hessians. Minima among them — {counts or 'none'}"
        + (f"; none at all from n = {missing[0]} on." if missing else ".")
        + " If each eigenvalue's sign were a coin flip, the share would be 2⁻ⁿ (dashed): "
        f"{0.5**n_max:.0e} at n = {n_max}. Random eigenvalues even repel each other, so the "
        "measured share falls *faster* than the coin flips. On the right, at "
        f"n = {n_max} a typical sample has about half of its directions going downhill "
        f"({census.mean_downhill[-1]:.0%} on average), more tightly than coin flips would: "
        "a saddle. A network has millions of parameters: if its critical points were anything "
        "like random, nearly all would be saddles — the course's point that bad local optima "
        "are not the problem in high dimensions; saddles and plateaus are."
    )

guide.try_this(TRY_THIS["saddles"])
