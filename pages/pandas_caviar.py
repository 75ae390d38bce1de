"""Pandas vs caviar: babysit one model and nudge α by hand, or train many and keep the best."""

import time

import streamlit as st

from playground.catalog import TRY_THIS
from playground.engine.config import coerce_settings
from playground.topics.pandas_caviar import figures as plots
from playground.topics.pandas_caviar import model as babysit
from playground.ui import controls, figures, guide, widgets
from playground.ui.babysit_panel import babysit_panel
from playground.ui.cache import cached, cached_data
from playground.ui.memo import remembered, signature
from playground.ui.page_setup import enter_app

enter_app()

st.title("🐼 Pandas vs caviar")
guide.what_this_shows(
    "Two ways to search hyperparameters. Panda: babysit one model, watch its cost and change α "
    "while it trains. Caviar: train many models with different α at once and keep the best."
)

values = widgets.read(babysit.NETWORK, st.sidebar.expander("Both approaches", expanded=True))
values |= widgets.read([babysit.SPEED], st.sidebar.expander("Panda", expanded=True))
values |= widgets.read(babysit.CAVIAR, st.sidebar.expander("Caviar", expanded=True))
values |= widgets.read(babysit.DATA, st.sidebar.expander("Data"))
values = coerce_settings(babysit.BY_KEY, values)
data_values = controls.all_values(
    {s.key: values[s.key] for s in babysit.DATA} | babysit.FIXED_VALUES
)
data = cached_data(data_values, None)
shared = {s.key: values[s.key] for s in babysit.NETWORK + babysit.DATA}


def caviar(inputs: dict, data_values: dict) -> dict:
    """The caviar models trained on the data of ``data_values``: their trials, the seconds it
    took, the best one's index and their dev-cost curves."""
    start = time.perf_counter()
    trials = babysit.caviar(inputs, cached_data(data_values, None))
    seconds = time.perf_counter() - start
    best = babysit.best_trial(trials)
    curves = babysit.dev_cost_curves(trials)
    return {"trials": trials, "seconds": seconds, "best": best, "curves": curves}


panda_column, caviar_column = figures.panels(["🐼 Panda", "🐟 Caviar"], gap="large")
with caviar_column:
    st.subheader("🐟 Caviar: many models at once")
    caviar_keys = [s.key for s in babysit.CAVIAR]
    inputs = shared | {k: values[k] for k in caviar_keys}
    try:
        models = cached(caviar)(inputs, data_values)
        trials, best = models["trials"], models["best"]
        rates, curves = [t.config["learning_rate"] for t in trials], models["curves"]
        figure = remembered(
            "caviar",
            signature(inputs),
            lambda: plots.caviar_curves(curves, rates, best, values["lr_lo"], values["lr_hi"]),
        )
        figures.show(figure, key="caviar")
        st.markdown(babysit.caviar_text(trials, models["seconds"]))
    except ValueError as error:
        st.error(f"The caviar models cannot be trained: {error}")
        trials, best = [], None


def make_panda() -> babysit.Panda:
    run_values = controls.all_values(babysit.run_values(values))
    return babysit.Panda(run_values, data)


def draw(panda: babysit.Panda) -> None:
    reference = trials[best].dev_cost_curve if trials and best is not None else None
    state = (signature(inputs), panda.epoch, tuple(panda.changes))  # what the figure shows
    history, changes, epochs = panda.run.history, panda.changes, panda.epochs
    figure = remembered(
        "panda", state, lambda: plots.panda_curves(history, changes, epochs, reference)
    )
    figures.show(figure, key="panda")
    st.markdown(babysit.panda_text(panda))


with panda_column:
    st.subheader("🐼 Panda: babysit one model")
    babysit_panel("pandas_caviar", shared, make_panda, babysit.LEARNING_RATE, values["speed"], draw)

st.subheader("Which one, when?")
st.markdown(
    "It comes down to **compute vs attention**. The caviar models above cost "
    f"**{values['models']}×** the panda's compute (the same epochs for each of "
    f"{values['models']} models) but none of your time: you read the best one off at the end. "
    "The panda costs one model's compute and your attention all along — the course's choice "
    "for a huge model or data set where only one run fits on your machines. With spare CPUs or "
    "GPUs, spawn the caviar; the batched computation here is why a small model can afford it."
)

guide.try_this(TRY_THIS["pandas_caviar"])
