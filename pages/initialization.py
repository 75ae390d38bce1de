"""Initialization: a symmetric start vs random × scale vs Xavier vs He, trained side by side."""

import pandas as pd
import streamlit as st

from playground.catalog import TRY_THIS
from playground.engine.course_data import course_data
from playground.plotting.boundary import boundaries
from playground.plotting.curves import cost_overlay
from playground.topics.initialization import figures as plots
from playground.topics.initialization import model as init
from playground.topics.initialization.equations import DRAWN, variance_equation
from playground.topics.minibatch.model import epoch_axis_title
from playground.ui import figures, guide, question, widgets
from playground.ui.cache import cached
from playground.ui.page_setup import enter_app
from playground.ui.run_panel import run_panel
from playground.ui.run_state import Runs

enter_app()

st.title("🎲 Initialization")
guide.what_this_shows(
    "The same network and data, four ways to draw the first weights: all equal (zeros or a "
    "constant), random × a scale, Xavier and He. Press Start and compare how they learn."
)


values = {}
for section, keys in (
    ("Data", init.DATA_KEYS),
    ("Network", init.NETWORK_KEYS),
    ("Training (batch gradient descent)", init.TRAINING_KEYS),
):
    box = st.sidebar.expander(section, expanded=True)
    values |= widgets.read([init.BY_KEY[key] for key in keys], box)
if init.is_course_preset(values):
    st.sidebar.success("These are the course's settings: compare with your notebook.")


def make_runs(values: dict, csv: None) -> Runs:
    drawn = (values["ds"], values["m"], values["noise"], values["dseed"])
    data = cached(course_data, entries=32)(*drawn)
    return init.make_runs(values, data)


def draw(runs: Runs) -> None:
    summaries = [init.summarize(run) for run in runs.values()]
    titles = {s.init: f"{s.label} · dev {s.dev_accuracy:.0%}" for s in summaries}
    scale = values["iscale"]
    short = {
        s.init: f"{init.init_label(s.init, scale, True)} · dev {s.dev_accuracy:.0%}"
        for s in summaries
    }
    data = next(iter(runs.values())).data
    done = all(run.done for run in runs.values())
    left, right = st.columns([3, 2])
    nets = {name: run.net for name, run in runs.items()}
    epoch = min(s.epoch for s in summaries)
    figure = boundaries(
        nets,
        data.X_train,
        data.Y_train,
        data.X_dev,
        data.Y_dev,
        short,
        resolution=120 if done else 60,
        columns=2,
        title=f"Decision boundaries — epoch {epoch}",
        row_height=300,
    )
    with left:
        figures.show(figure, key="boundaries")
    with right:
        st.subheader(f"Accuracy after epoch {epoch}")
        table = pd.DataFrame(
            {
                "start": [s.init for s in summaries],
                "train": [f"{s.train_accuracy:.1%}" for s in summaries],
                "dev": [f"{s.dev_accuracy:.1%}" for s in summaries],
                "distinct units in layer 1": [f"{s.distinct} of {s.units}" for s in summaries],
            }
        ).set_index("start")
        st.table(table)
        for summary in summaries:
            st.markdown(init.explain(summary))
        course = init.course_comparison(values, summaries)
        if course:
            st.success("Same as the course's notebook:\n\n" + "\n".join(f"- {c}" for c in course))

    left, right = st.columns([3, 2])
    histories = {name: run.history for name, run in runs.items()}
    first = next(iter(runs.values()))
    x_title = epoch_axis_title(first.data.X_train.shape[1], first.values["bs"])
    with left:
        figures.show(cost_overlay(histories, titles, x_title=x_title), key="cost")
    with right:
        st.subheader("Cost: first epoch → last")
        for s in summaries:
            if s.epoch:
                st.markdown(f"- **{s.init}**: J = {s.first_cost:.3g} → {s.last_cost:.3g}")
        st.markdown(init.explain_costs(summaries))

    left, right = st.columns([3, 2])
    units = {name: init.units_over_training(run) for name, run in runs.items()}
    unit_titles = {s.init: f"{s.init} · {s.distinct}/{s.units} distinct" for s in summaries}
    with left:
        figures.show(plots.unit_trajectories(units, unit_titles), key="units")
    with right:
        st.subheader("The symmetry problem")
        st.markdown(init.explain_symmetry(summaries))


def variances(runs: Runs) -> None:
    """The lecture's Var(W^[l]) for the picked start and layer, beside the drawn weights'."""
    st.subheader("The variance each start aims at, and what was drawn")
    start, layer, words = st.columns([1, 1, 3], vertical_alignment="center")
    picked = start.selectbox(
        "Start", DRAWN, index=DRAWN.index("he"), key="eq_init", format_func=init.init_label
    )
    net = runs[picked].initial_net
    l = layer.selectbox("Layer l", range(1, net.L + 1), key="eq_layer")
    equation = variance_equation(net, picked, l, values["iscale"])
    st.latex(equation.latex)
    words.caption(
        f"n^[{l}−1] = {equation.n_prev} inputs per unit: the more inputs z = Σ w·a sums, the "
        f"smaller each weight must be to keep z's scale. The {equation.count} weights drawn for "
        "this run scatter around the rule's variance (fewer weights, more scatter)."
    )


asked = question.ask("initialization", "run:initialization")
shown = run_panel("initialization", values, None, draw, make_runs=make_runs)
if shown:  # outside the live fragment: a pick reruns the page, never a fragment mid-run
    variances(shown)
question.reveal(asked, shown, init.shown)

guide.try_this(TRY_THIS["initialization"])
