"""Regularization: one overfitting network trained twice from the same seed, without and with
L2, L1, dropout, data augmentation or early stopping."""

import streamlit as st

from playground.catalog import TRY_THIS
from playground.engine.blas import one_blas_thread
from playground.engine.config import coerce_settings
from playground.engine.data import MULTICLASS_DATASETS
from playground.engine.experiment import OneThreadRun, batch_size
from playground.plotting.boundary import decision_boundary
from playground.topics.regularization import effects, techniques, texts
from playground.topics.regularization import equations as eqs
from playground.topics.regularization import figures as rplots
from playground.topics.regularization.augment import SETTINGS as AUGMENT_SETTINGS
from playground.topics.regularization.augment import reflection_check
from playground.ui import figures, guide, question, widgets
from playground.ui.cache import cached, cached_data
from playground.ui.page_setup import enter_app
from playground.ui.run_panel import run_panel
from playground.ui.run_state import Runs
from playground.ui.step_slider import step_slider

enter_app()

AUGMENT_KEYS = tuple(setting.key for setting in AUGMENT_SETTINGS)

st.title("🧲 Regularization")
guide.what_this_shows(
    "A big network on 100 noisy points overfits. Train it twice from the same seed — without and "
    "with one technique — and see what the technique changes: boundary, costs, weights."
)

boxes = [st.sidebar.expander(name, expanded=True) for name in ("Regularization", "Data")]
boxes += [st.sidebar.expander(name) for name in ("Network", "Training")]
technique_box, data_box, network_box, training_box = boxes
shown = widgets.read(techniques.settings("ds"), data_box)
classes = ["C"] if shown["ds"] in MULTICLASS_DATASETS else []
shown |= widgets.read(techniques.settings("noise", "n", *classes, "dev", "dseed"), data_box)
shown |= widgets.read(techniques.settings("layers"), network_box)
widths = [f"h{l}" for l in range(1, shown["layers"] + 1)]
shown |= widgets.read(techniques.settings(*widths, "act"), network_box)
shown |= widgets.read(techniques.settings("opt", "lr", "bs", "epochs", "seed"), training_box)
shown |= widgets.read(techniques.settings("reg"), technique_box)
technique = shown["reg"]
shown |= widgets.read(
    techniques.settings(*techniques.technique_keys(technique, shown["layers"])), technique_box
)
values = coerce_settings(techniques.TABLE, shown)


def make_runs(values: dict, csv: None) -> Runs:
    data = cached_data(techniques.data_values(values), None)
    extra = None
    if values["reg"] == "augmentation":
        augment = {key: values[key] for key in (*techniques.DATA_KEYS, *AUGMENT_KEYS)}
        extra = cached(techniques.augmented_data)(data, augment)
    return techniques.make_runs(values, data, extra, run_type=OneThreadRun)


def side_by_side(figure, words: str, key: str) -> None:
    left, right = st.columns([3, 2], vertical_alignment="center")
    with left:
        figures.show(figure, key=key)
    right.markdown(words)


def draw(runs: Runs) -> None:
    with one_blas_thread():
        draw_runs(runs)


def draw_runs(runs: Runs) -> None:
    none, regular = runs[techniques.BASELINE], runs[technique]
    data, m = none.data, none.data.X_train.shape[1]
    resolution = 160 if none.done and regular.done else 120
    titles = ("No regularization", techniques.run_title(values))
    for column, run, title, key in zip(
        figures.panels(titles),
        (none, regular),
        titles,
        ("boundary-none", "boundary-reg"),
        strict=True,
    ):
        figure = decision_boundary(
            run.net, data.X_train, data.Y_train, data.X_dev, data.Y_dev, resolution, title
        )
        if run is regular and technique == "augmentation":
            made_up = run.data.X_train[:, m:], run.data.Y_train[:, m:]
            figure = rplots.with_augmented_points(figure, *made_up)
        with column:
            figures.show(figure, key=key)
    trained = none.history.last_epoch > 0
    if trained:
        st.markdown(texts.comparison(technique, none.errors(), regular.errors()))
    else:
        st.info("Press **▶ Start** to train both networks (about a second with the defaults).")
    histories = {name: run.history for name, run in runs.items()}
    cost, accuracy = figures.panels(["Cost", "Accuracy"])
    with cost:
        figures.show(rplots.run_curves(histories, "cost"), key="cost")
    with accuracy:
        figures.show(rplots.run_curves(histories, "accuracy"), key="accuracy")
    st.subheader(f"What {techniques.NAMES[technique]} does")
    if technique == "L2":
        norms = [effects.total_weight_norm(h.weight_norms)[-1:] for h in histories.values()]
        norms = tuple(float(n[0]) for n in norms) if trained else ()
        batch = batch_size(values)
        words = texts.l2_text(
            values["lr"], values["l2"], m, batch, regular.epochs, values["opt"], norms
        )
        side_by_side(rplots.weight_norm_curves(histories), words, "weight-norms")
    elif technique == "L1":
        weights = {name: effects.all_weights(run.net.params) for name, run in runs.items()}
        counts = (effects.sparsity(run.net.params) for run in (none, regular))
        words = texts.l1_text(values["l1"], *counts)
        side_by_side(rplots.magnitude_histogram(weights, effects.NEAR_ZERO), words, "weight-sizes")
    elif technique == "dropout":
        try:
            means = effects.dropout_means(regular.net, data.X_train)
        except ValueError as error:
            st.info(f"Nothing to drop: {error}.")
            return
        jitter = tuple(effects.cost_jitter(h.train_cost) for h in histories.values())
        side_by_side(rplots.activation_means(means), texts.dropout_text(means, jitter), "dropout")
    elif technique == "augmentation":
        reflect = values["reflect"]
        check = None
        if reflect != "none":
            source = cached_data(techniques.data_values(values), None)
            examples = (source.X_train, source.Y_train, source.X_dev, source.Y_dev)
            check = cached(reflection_check)(*examples, reflect)
        st.markdown(texts.augmentation_text(m, regular.data.X_train.shape[1], check))
    else:
        figure = rplots.early_stopping_curves(none.history, regular.history, tuple(runs))
        side_by_side(figure, texts.early_stopping_text(regular, none), "early-stopping")


def lecture_equation(run) -> None:
    """The lecture's L2 or dropout equation for one weight or unit at a step of the run."""
    st.markdown(
        f"**The lecture's equation, with this run's numbers** ({techniques.run_title(values)})"
    )
    if not run.done or run.epoch < 1:
        st.caption("Once the run has trained: pick an epoch and a weight or unit to follow.")
        return
    dims, dropout = run.net.layer_dims, technique == "dropout"
    layers = list(range(1, run.net.L + 1))
    if dropout:
        layers = [l for l in range(1, run.net.L) if values[f"kp{l}"] < 1]
        if not layers:
            st.caption("keep_prob = 1 in every layer: nothing is dropped.")
            return
    step, layer, unit, column = st.columns([3, 1, 1, 1], vertical_alignment="bottom")
    epoch = step_slider(step, "Epoch (its first step)", range(1, run.epoch + 1), "eq_epoch")
    l = layer.selectbox("Layer l", layers, key="eq_layer")
    j = unit.selectbox("Unit j", range(dims[l]), key="eq_unit", format_func=lambda j: str(j + 1))
    if dropout:
        pick = eqs.Pick(l, j)
        column.caption("Example 1 of the batch")
    else:
        k = column.selectbox(
            "Input k", range(dims[l - 1]), key="eq_input", format_func=lambda k: str(k + 1)
        )
        pick = eqs.Pick(l, j, k)
    recorded = cached(eqs.replay_step)(dict(values), run.data, epoch, pick)
    if dropout:
        st.latex(eqs.dropout_equation(recorded, pick, values[f"kp{l}"]).latex)
    else:
        st.latex(eqs.l2_equation(recorded, pick, values["l2"], values["opt"]).latex)
        st.caption(
            f"m = {recorded.batch} examples in the step's batch, α = {recorded.learning_rate:g}."
            + ("" if values["opt"] == "gd" else f" {values['opt']} turns dW into its own step.")
        )


asked = question.ask("regularization", "run:regularization")
runs = run_panel("regularization", values, None, draw, make_runs=make_runs)
if runs and technique in ("L2", "dropout"):  # outside the live fragment: a pick reruns the page
    lecture_equation(runs[technique])
question.reveal(asked, runs, lambda runs: techniques.compared(runs, technique))

guide.try_this(TRY_THIS["regularization"])
