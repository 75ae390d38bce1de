"""Which hyperparameters matter: sweep each one alone from a baseline and rank them by how much
the dev cost moves, beside the lecture's order."""

import streamlit as st

from playground.catalog import TRY_THIS
from playground.topics.priorities import figures as plots
from playground.topics.priorities import settings, sweep, texts
from playground.ui import figures, guide
from playground.ui.background import background
from playground.ui.cache import cached_data
from playground.ui.page_setup import enter_app
from playground.ui.widgets import read

enter_app()
SPEC = settings.PAGE_SETTINGS

st.title("🥇 Which hyperparameters matter")
guide.what_this_shows(
    "From one baseline network, change a single hyperparameter at a time over its sensible "
    "range and train: the ones that move the dev cost most are the ones to tune first."
)

shown = read([SPEC[s.key] for s in settings.BASELINE], st.sidebar.expander("Baseline", True))
shown |= read([SPEC["points"]], st.sidebar.expander("Sweeps", expanded=True))
shown |= read([SPEC[s.key] for s in settings.DATA], st.sidebar.expander("Data", expanded=True))
values = settings.page_values(shown)
data = cached_data(settings.data_values(values), None)
baseline = settings.baseline(values)
examples = (data.X_train, data.Y_train, data.X_dev, data.Y_dev)

st.markdown(texts.LECTURE_ORDER)
with st.expander("The values each sweep tries (each on its own scale)"):
    st.markdown(
        "α and ε on a log scale (10^r, r evenly spaced), each β as 1 − 10^r (β = 0.9 … 0.999 "
        "spaced like 1 − β = 0.1 … 0.001), hidden units and layers as whole numbers, the "
        "mini-batch size as powers of 2. Every other hyperparameter stays at the baseline: "
        "Adam with β₁ = 0.9, β₂ = 0.999, ε = 1e-8 and no decay."
    )
    st.table(
        {
            knob.label: ", ".join(f"{v:g}" for v in sweep.knob_values(knob, values["points"]))
            for knob in sweep.KNOBS
        }
    )

calls = {
    knob.name: (sweep.sweep_knob, (knob.name, baseline, values["points"], *examples))
    for knob in sweep.KNOBS
}


def draw(results: dict) -> None:
    ranked = sweep.rank(results)
    bars, table = st.columns([3, 2])
    with bars:
        figures.show(plots.ranking_bars(ranked), key="ranking")
    with table.container(key="lecture"):
        st.markdown("**Your ranking beside the lecture's**")
        st.table(plots.lecture_rows(ranked))
    st.markdown(texts.interpret(ranked, data.source))
    st.info(texts.STALE)
    ordered = [results[knob.name] for knob in sweep.KNOBS]
    figures.show(plots.sweep_panels(ordered), key="sweeps")


n_x, m_train = data.X_train.shape
n_out = 1 if data.n_classes == 2 else data.n_classes
try:
    sweep.check_work(baseline, values["points"], m_train, n_x, n_out)
except ValueError as error:
    st.error(f"The sweeps cannot be computed: {error}")
else:
    waiting = f"Training {len(calls)} sweeps of {values['points']} values each"
    background("sweeps", calls, draw, waiting)

guide.try_this(TRY_THIS["priorities"])
