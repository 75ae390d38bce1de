"""Train / dev / test sets: split sizes as data grows, and dev sets from another distribution."""

import streamlit as st

from playground.catalog import TRY_THIS
from playground.engine.data import MULTICLASS_DATASETS
from playground.topics.splits import figures as plots
from playground.topics.splits import mismatched, set_sizes, settings, setups
from playground.ui import figures, guide
from playground.ui.cache import cached
from playground.ui.page_setup import enter_app
from playground.ui.text import plain
from playground.ui.widgets import read

enter_app()
SPEC = settings.BY_KEY

st.title("✂️ Train / dev / test sets")
guide.what_this_shows(
    "How to cut your data as it grows — a dev set only has to be big enough to compare models — "
    "and what goes wrong when the dev and test sets come from another distribution."
)

box = st.sidebar.expander("Split sizes", expanded=True)
sizes = read([SPEC[key] for key in ("m", "devp", "testp")], box)
box = st.sidebar.expander("Mismatched dev/test sets", expanded=True)
demo = read([SPEC["ds"]], box)
classes = ["C"] if demo["ds"] in MULTICLASS_DATASETS else []
demo |= read([SPEC[key] for key in (*classes, "noise", "n", "dev", "shift")], box)
amount_key = mismatched.SHIFT_AMOUNT[demo["shift"]]
demo |= read([SPEC[key] for key in (amount_key, "dseed", "seed")], box)

st.header("1. How big should the dev and test sets be?")
try:
    rows = set_sizes.split_table(sizes["m"], sizes["devp"], sizes["testp"])
except ValueError as error:
    st.error(plain(f"Your ratio cannot be used: {error}"))
    rows = set_sizes.split_table(sizes["m"])
words, chart = st.columns([9, 11])
with words:
    st.table(set_sizes.table_columns(rows))
    st.markdown(set_sizes.explain_split(rows))
with chart:
    figures.show(plots.split_sizes_chart(rows), key="sizes")

st.header("2. Dev and test sets from another distribution")
C = demo.get("C", 2)
amount = demo[amount_key]
source = (demo["ds"], demo["n"], demo["noise"], demo["dev"])
try:
    mismatch = cached(mismatched.make_mismatch)(*source, demo["shift"], amount, demo["dseed"], C)
    net = cached(mismatched.fit_source)(mismatch.source, C, demo["seed"])
except ValueError as error:
    st.error(f"These settings cannot be used: {error}")
else:
    shift = mismatched.describe_shift(demo["shift"], amount, demo["noise"])
    errors = mismatched.mismatch_errors(net, mismatch)
    st.markdown(
        f"A network [2, {', '.join(map(str, mismatched.MISMATCH_MODEL.hidden))}, 1] trains on "
        f"**{demo['ds']}** with noise "
        f"{demo['noise']:g} ({mismatch.source.X_train.shape[1]} examples). It is measured on a "
        f"dev set from the same distribution, and on one {shift}."
    )
    extent = mismatch.all_points()
    sets = mismatch.sets()
    panels = figures.panels(["Same distribution", "Shifted"])
    shown = (("dev (same)", "Same distribution", "same"), ("dev (shifted)", "Shifted", "shifted"))
    for panel, (name, label, key) in zip(panels, shown, strict=True):
        figure = plots.mismatch_boundary(
            net,
            *sets["train"],
            *sets[name],
            extent,
            name,
            f"{label}: dev error {errors[name]:.1%}",
        )
        with panel:
            figures.show(figure, key=key)
    chart, words = st.columns([3, 2])
    with chart:
        figures.show(plots.mismatch_errors_chart(errors), key="errors")
    words.markdown(mismatched.explain_mismatch(errors, shift))
    st.subheader("Train from the web, dev and test from your users: acceptable")
    sizes = {name: X.shape[1] for name, (X, _) in sets.items()}
    results = setups.setups(errors, sizes)
    st.table(setups.setup_columns(results))
    chart, words = st.columns([3, 2])
    with chart:
        figures.show(plots.setups_chart(results), key="setups")
    words.markdown(setups.explain_setups(results, errors["train"]))

guide.try_this(TRY_THIS["splits"])
