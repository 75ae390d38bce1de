"""Optimizers on the network: gd, momentum, RMSprop and Adam from the same start, and the
loss landscape they cross (the course's "Optimization methods" exercise is a scene)."""

import pandas as pd
import streamlit as st

from playground.catalog import TRY_THIS
from playground.engine.racing import LABELS
from playground.topics.optimizers_network import loss_landscape, race, texts
from playground.topics.optimizers_network.equations import (
    step_note,
    symbol,
    traced_run,
    weight_names,
)
from playground.topics.optimizers_network.figures import (
    cost_race,
    landscape_figure,
    race_boundaries,
    run_figures,
)
from playground.ui import equations, figures, guide, question
from playground.ui.cache import cached, kept
from playground.ui.page_setup import enter_app
from playground.ui.run_panel import run_panel
from playground.ui.run_state import Runs
from playground.ui.widgets import read

enter_app()

st.title("🏁 Optimizers on the network")
guide.what_this_shows(
    "One network, one start, the same mini-batches — trained with gradient descent, momentum, "
    "RMSprop and Adam. Compare their costs, decision boundaries and paths on the loss landscape."
)


spec = race.BY_KEY
shown = {}
for title, keys, expanded in (
    ("Data", race.DATA_KEYS, False),
    ("Network", race.NETWORK_KEYS, False),
    ("Training", race.TRAINING_KEYS, True),
    ("Optimizers", race.OPTIMIZER_KEYS, True),
    ("Landscape", race.VIEW_KEYS, True),
):
    shown |= read([spec[key] for key in keys], st.sidebar.expander(title, expanded=expanded))
values = race.page_values(shown)
training = race.training_values(values)


def make_runs(chosen: dict, csv: None) -> Runs:
    return race.make_runs(chosen, cached(race.race_data)(chosen))


def draw(runs: Runs) -> None:
    results = [race.result_of(run) for run in runs.values()]
    data = next(iter(runs.values())).data
    titles = {r.name: f"{LABELS[r.name]}: train {r.train_accuracy:.1%}" for r in results}
    epochs = tuple(r.epochs for r in results)
    if all(run.done for run in runs.values()) or not any(epochs):  # finished or untrained
        key = (tuple(sorted(training.items())), epochs)
        cost, boundaries = kept(run_figures, entries=32)(key, runs, titles)
    else:
        cost = cost_race({name: run.history for name, run in runs.items()})
        nets = {name: run.net for name, run in runs.items()}
        boundaries = race_boundaries(nets, data.X_train, data.Y_train, titles)
    curves, words = st.columns([3, 2], gap="medium")
    with curves:
        figures.show(cost, key="cost")
    with words:
        for line in texts.race_report(results):
            st.markdown(f"- {line}")
        course = texts.course_lines(values, results)
        if course:
            st.markdown("**Course check** (train accuracy): " + "; ".join(course) + ".")
            st.caption(texts.COURSE_NOTE)
    st.dataframe(pd.DataFrame(texts.result_rows(results, values)), hide_index=True)
    figures.show(boundaries, key="boundaries")
    first = next(iter(runs.values()))
    result = cached(loss_landscape.landscape_of_shape)(
        tuple(first.net.layer_dims),
        first.net.hidden_activation,
        data.X_train,
        data.Y_train,
        {name: run.trajectory() for name, run in runs.items()},
        values["center"],
        values["plane"],
        loss_landscape.RESOLUTION
        if all(run.done for run in runs.values())
        else loss_landscape.RESOLUTION // 2,
    )
    plane, words = st.columns([3, 2], gap="medium")
    with plane:
        figures.show(landscape_figure(result), key="landscape")
    with words:
        st.markdown(texts.landscape_report(result))
    update_rules(runs)


REPLAYING = "Training this optimizer's run again, watching that weight…"


def update_rules(runs: Runs) -> None:
    """The update rules with the numbers of one weight of the runs shown (paused or done)."""
    st.subheader("The update rules, with this run's numbers")
    first = next(iter(runs.values()))
    m = first.data.X_train.shape[1]
    equations.optimizer_equations(
        list(runs),
        weight_names(first.net),
        lambda name, weight: cached(traced_run, entries=64, spinner=REPLAYING)(
            training, name, runs[name].history.last_epoch, weight
        ),
        symbol,
        lambda t: step_note(training, m, t),
        live=equations.ticking("optimizers_network"),
    )
    st.caption(
        "Each optimizer's run is trained again from its start, the optimizer watching that one "
        "weight: the same updates, so the same numbers."
    )


asked = question.ask("optimizers_network", "run:optimizers_network")
runs = run_panel("optimizers_network", training, None, draw, make_runs=make_runs)
question.reveal(asked, runs, race.shown)

guide.try_this(TRY_THIS["optimizers_network"])
