"""Playground: the whole workbench — every knob of the course on one small network."""

import streamlit as st

from playground.catalog import TRY_THIS
from playground.engine.diagnose import diagnose_run
from playground.plotting.boundary import decision_boundary
from playground.plotting.curves import cost_curves
from playground.ui import controls, figures, guide
from playground.ui.cache import bayes_error_of
from playground.ui.page_setup import enter_app
from playground.ui.run_panel import run_panel
from playground.ui.run_state import Runs

enter_app()

st.title("🧪 Playground")
guide.what_this_shows(
    "Pick a data set and a network, choose how to initialize, regularize and optimize it, then "
    "press Start. Watch the decision boundary and the train and dev costs as it learns."
)

data_values, csv = controls.data_controls()
network = controls.network_controls()
shown = data_values | network | controls.regularization_controls(network["layers"])
shown |= controls.optimizer_controls() | controls.training_controls()
values = controls.all_values(shown)


def draw(runs: Runs) -> None:
    run = runs["run"]
    boundary, curves = figures.panels(["Decision boundary", "Cost"])
    data = run.data
    with boundary:
        if data.n_x == 2:
            figure = decision_boundary(
                run.net,
                data.X_train,
                data.Y_train,
                data.X_dev,
                data.Y_dev,
                resolution=120 if not run.done else 160,
                title=f"Decision boundary — epoch {run.history.last_epoch}",
            )
            figures.show(figure, key="boundary")
        else:
            st.info(f"The data has {data.n_x} features: the boundary is drawn for 2 only.")
    with curves:
        log_cost = st.toggle("Log-scale cost", value=True, key="logcost")
        figures.show(cost_curves(run.history, log_y=log_cost), key="cost")
        train_error, dev_error = run.errors()
        left, right = st.columns(2)
        left.metric("Train accuracy", f"{1 - train_error:.1%}")
        right.metric("Dev accuracy", f"{1 - dev_error:.1%}")
    if run.history.last_epoch == 0:
        st.info("Press **▶ Start** to train. The boundary above is the untrained network's.")
        return
    verdict = diagnose_run(run, bayes_error_of(values, data))
    st.subheader(f"Diagnosis: {verdict.verdict}")
    st.markdown(verdict.message)
    st.markdown("**What the course recommends:** " + " · ".join(verdict.recipe))


run_panel("playground", values, csv, draw)

guide.try_this(TRY_THIS["playground"])
