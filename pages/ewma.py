"""Exponentially weighted averages: β, the 1/(1 − β) window, the weights and bias correction."""

import streamlit as st

from playground.catalog import TRY_THIS
from playground.engine.config import coerce_settings
from playground.engine.equation_numbers import aligned
from playground.engine.ewma import newest_share
from playground.topics.ewma import figures as plots
from playground.topics.ewma import model as ew
from playground.topics.ewma.equations import ewma_lines
from playground.ui import figures, guide, widgets
from playground.ui.cache import cached
from playground.ui.page_setup import enter_app
from playground.ui.text import plain

enter_app()

PRESETS = (0.5, 0.9, 0.98)


def set_beta(beta: float) -> None:
    """Preset button callback: runs before the β slider is drawn, so the slider shows it."""
    st.session_state["beta"] = beta


st.title("〰️ Exponentially weighted averages")
guide.what_this_shows(
    "v_t = β v_{t−1} + (1 − β) θ_t, with v_0 = 0, averages a noisy series over about the last "
    "1/(1 − β) values — the averaging inside momentum, RMSprop and Adam. Bias correction "
    "v_t / (1 − βᵗ) fixes its slow start."
)

box = st.sidebar.expander("Average", expanded=True)
box.markdown("**Presets** — β =")
for column, beta in zip(box.columns(len(PRESETS)), PRESETS, strict=True):
    column.button(
        f"{beta:g}",
        key="beta_" + f"{beta:g}".replace(".", ""),
        help=f"Set β = {beta:g}: an average over about {1 / (1 - beta):.0f} values.",
        on_click=set_beta,
        args=(beta,),
        width="stretch",
    )
shown = widgets.read([ew.BY_KEY["beta"]], box)
series_box = st.sidebar.expander("Series θ", expanded=True)
shown |= widgets.read([ew.BY_KEY["src"]], series_box)
text = ""
if shown["src"] == "pasted":
    text = series_box.text_area(
        "Your numbers",
        value=ew.EXAMPLE_TEXT,
        key=ew.TEXT_KEY,
        bind="query-params",
        max_chars=ew.MAX_TEXT,
        height=160,
        help=f"Up to {ew.MAX_VALUES:,} numbers separated by commas, spaces or new lines; a "
        "dot for decimals. Press Ctrl+Enter to apply. They are kept in the page's URL.",
    )
else:
    shown |= widgets.read([ew.BY_KEY["days"], ew.BY_KEY["dseed"]], series_box)
values = coerce_settings(ew.BY_KEY, shown)
axis = ("day t", "temperature θ (°C)") if values["src"] == "temperature" else ("t", "θ")


def equation_at_day(result: ew.Smoothed) -> None:
    """The lecture's equations with this series' numbers on the day the slider picks."""
    day = st.slider(
        "Day t in the equations",
        1,
        result.days,
        1,
        key="eq_day",
        bind="query-params",
        help="The day whose numbers fill the equations: early days show the start-up bias.",
    )
    st.latex(aligned(ewma_lines(result, day)))
    st.caption(
        "Without bias correction v_t starts near 0 (v_0 = 0); v̂_t divides by 1 − βᵗ, the "
        "weight of the values seen so far. Momentum's v_dW and Adam's v, s are this average "
        "with θ_t = dW_t (and dW_t²): see them for one weight of a real run on"
    )
    left, right = st.columns(2)
    left.page_link("pages/optimizers_network.py", label="Optimizers on the network", icon="🏁")
    right.page_link("pages/optimizers_surfaces.py", label="Optimizers on surfaces", icon="🗺️")


def draw(result: ew.Smoothed) -> None:
    """The three figures and what they say for this series and β."""
    beta, window, T = result.beta, result.window, result.days
    figures.show(plots.series_figure(result, *axis), key="series")
    equation_at_day(result)
    if beta == 0:
        st.info(
            "**β = 0: v_t = θ_t** — no averaging at all, so no window, no start-up bias and "
            "nothing to correct. Move β up or press a preset."
        )
        return
    share = newest_share(beta, window)
    st.markdown(
        f"**β = {beta:g} averages about the last 1/(1 − β) = {window:.4g} values** (shaded): "
        f"the newest value gets weight 1 − β = {1 - beta:.3g}, and the {window:.4g} newest "
        f"together carry {share:.0%} of v_t's weight. Larger β: a smoother curve that reacts later "
        f"(it lags the data); smaller β: it follows every wiggle. Here v_T = {result.v[-1]:.3g} "
        f"after T = {T} values (θ_T = {result.theta[-1]:.3g})."
    )

    left, right = figures.panels(["Bias correction", "Weights of the past"])
    with left:
        figures.show(plots.early_days_figure(result, *axis), key="early")
        divisor = result.divisor
        at_window = min(T, max(1, round(window)))
        st.markdown(
            f"**Bias correction.** v_0 = 0, so v_1 = (1 − β) θ_1 = {result.v[0]:.3g} while "
            f"θ_1 = {result.theta[0]:.3g}: the first averages are pulled toward 0. Dividing by "
            f"1 − βᵗ — the total weight of the values seen so far — fixes it: "
            f"1 − β¹ = {divisor[0]:.3g} on day 1, 1 − β^{at_window} = {divisor[at_window - 1]:.3g} "
            f"on day {at_window}. As t grows, βᵗ → 0 and the divisor → 1: from day "
            f"**{result.fade_day}** on it changes v_t by less than 1 %, so it only matters early"
            + (" — here that is past the end of the series." if result.fade_day > T else ".")
        )
    with right:
        figures.show(plots.weights_figure(result), key="weights")
        st.markdown(
            f"Unrolled, v_t = Σ_k (1 − β) βᵏ θ_(t−k): each step back multiplies the weight by "
            f"β = {beta:g}. The weight has fallen to 1/e ≈ 0.37 of the newest after "
            f"k = −1/ln β = {result.e_lag:.4g} steps (★), close to 1/(1 − β) = {window:.4g}: the "
            "course's rule of thumb β^(1/(1 − β)) ≈ 1/e. Older values still count, just less and "
            "less — that is the *exponential* in the name."
        )


try:
    smoothed = cached(ew.smoothed)(values, text)
except ValueError as error:
    st.error(plain(f"Could not read your numbers: {error}"))
else:
    draw(smoothed)

guide.try_this(TRY_THIS["ewma"])
