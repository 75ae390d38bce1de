"""Bias and variance: four runs read with the basic recipe, a learning curve, a model-size sweep."""

import streamlit as st

from playground.catalog import TRY_THIS
from playground.engine.data import MULTICLASS_DATASETS
from playground.engine.diagnose import diagnose_run, diagnosis_table
from playground.plotting.boundary import boundaries
from playground.topics.bias_variance import curves, models, settings, texts
from playground.topics.bias_variance import figures as plots
from playground.ui import figures, guide
from playground.ui.background import background
from playground.ui.cache import bayes_error_of, cached_data
from playground.ui.page_setup import enter_app
from playground.ui.run_panel import run_panel
from playground.ui.run_state import Runs
from playground.ui.widgets import read

enter_app()
SPEC = settings.PAGE_SETTINGS

st.title("🎯 Bias and variance")
guide.what_this_shows(
    "A small and a large network, each with and without regularization: compare train and dev "
    "errors with the Bayes error, then see what more data or more units would do."
)

box = st.sidebar.expander("Data", expanded=True)
shown = read([SPEC["ds"]], box)
multi = ["C"] if shown["ds"] in MULTICLASS_DATASETS else []
shown |= read([SPEC[key] for key in (*multi, "noise", "n", "dev", "dseed")], box)
box = st.sidebar.expander("Models", expanded=True)
shown |= read([SPEC[key] for key in ("small", "big", "reg")], box)
shown |= read([SPEC["l2" if shown["reg"] == "l2" else "kp"]], box)
box = st.sidebar.expander("Training", expanded=True)
values = settings.page_values(shown | read([SPEC[key] for key in ("epochs", "lr", "seed")], box))
data_values = settings.data_values(values)
data = cached_data(data_values, None)
bayes = bayes_error_of(values, data)
fit = (values["epochs"], values["lr"], values["seed"])
examples = (data.X_train, data.Y_train, data.X_dev, data.Y_dev)


def make_runs(values: dict, csv: None) -> Runs:
    return models.bias_variance_runs(values, cached_data(settings.data_values(values), None))


def draw(runs: Runs) -> None:
    errors = {name: run.errors() for name, run in runs.items()}
    titles = {name: f"{name}: train {t:.0%} · dev {d:.0%}" for name, (t, d) in errors.items()}
    nets = {name: run.net for name, run in runs.items()}
    trained_on = next(iter(runs.values())).data
    points = (trained_on.X_train, trained_on.Y_train, trained_on.X_dev, trained_on.Y_dev)
    figure = boundaries(nets, *points, titles, resolution=72, columns=2, title="")
    figures.show(figure, key="boundaries")
    if min(run.history.last_epoch for run in runs.values()) == 0:
        st.info("Press **▶ Start** to train the four networks: the boundaries above are untrained.")
        return
    verdicts = {name: diagnose_run(run, bayes) for name, run in runs.items()}
    st.table(diagnosis_table(verdicts))
    chart, words = st.columns([3, 2])
    with chart:
        figures.show(plots.error_decomposition(verdicts), key="decomposition")
    with words:
        st.markdown(
            f"**Bayes error ≈ {bayes:.1%}**: a k-NN estimate of the best any classifier can do "
            f"on {values['ds']} at noise {values['noise']:g}."
        )
        for name, verdict in verdicts.items():
            note = texts.explain_negative_parts(verdict)
            st.markdown(f"**{name} — {verdict.verdict}.** {verdict.message} {note}".strip())


run_panel("bias_variance", values, None, draw, make_runs=make_runs)

st.header("Would more data help? Would more units?")
st.markdown(
    "Each point is a fresh network, trained on the first m_train examples (left) or with n "
    "units per layer (right). A train–dev **gap** that narrows as m_train grows is high "
    "variance: more data helps. Train and dev meeting on a **plateau** above the Bayes error is "
    "high bias: more data does not help, a bigger network does."
)
learning_models = models.learning_curve_models(values)
sweeps = models.size_sweeps(values)
units = curves.sweep_units(values["big"])
calls = {
    f"learning:{name}": (curves.learning_curve, (*examples, model, None, data.n_classes, *fit))
    for name, model in learning_models.items()
} | {
    f"size:{name}": (
        curves.model_size_sweep,
        (*examples, units, 2, lambd, keep_prob, data.n_classes, *fit),
    )
    for name, (lambd, keep_prob) in sweeps.items()
}


def draw_curves(results: dict) -> None:
    learning = {name: results[f"learning:{name}"] for name in learning_models}
    sizes = {name: results[f"size:{name}"] for name in sweeps}
    left, right = figures.panels(["Learning curve", "Model size"])
    with left:
        title = "Learning curve: error vs training-set size"
        figure = plots.error_curves(learning, bayes, title, "training-set size m_train")
        figures.show(figure, key="learning")
        for name, curve in learning.items():
            st.markdown(f"**{name}.** {texts.explain_learning_curve(curve, bayes)}")
    with right:
        title = "Model size: error vs hidden units (2 layers)"
        figure = plots.error_curves(sizes, bayes, title, "hidden units per layer", log_base=2)
        figures.show(figure, key="sweep")
        for name, curve in sizes.items():
            st.markdown(f"**{name}.** {texts.explain_size_sweep(curve, bayes)}")


try:
    models.check_page_curves(values, data)
except ValueError as error:
    st.error(f"The curves cannot be computed: {error}")
else:
    waiting = f"Training {len(calls)} curves (each point is one short training)"
    background("curves", calls, draw_curves, waiting)

guide.try_this(TRY_THIS["bias_variance"])
