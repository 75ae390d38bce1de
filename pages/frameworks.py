"""Frameworks: write only the forward cost, let the derivative be computed — then compare this
core with scikit-learn on the same network."""

import time

import pandas as pd
import streamlit as st

from playground.catalog import TRY_THIS
from playground.engine.config import coerce_settings
from playground.engine.experiment import QUICK_WORK, Run, batch_size, hidden_layers, run_work
from playground.plotting.boundary import decision_boundary
from playground.topics.frameworks import figures as plots_frameworks
from playground.topics.frameworks import model as fw
from playground.ui import controls, figures, guide, widgets
from playground.ui.cache import cached, cached_data
from playground.ui.page_setup import enter_app

enter_app()

st.title("🧰 Frameworks")
guide.what_this_shows(
    "A framework asks you for the forward computation only: it records every operation and "
    "computes the derivatives for you (automatic differentiation). Below, a 30-line autodiff "
    "minimizes J(w); then the same network is trained by this app's NumPy core and by scikit-learn."
)

st.header("1 · Minimize J(w) without writing dJ/dw")
box = st.sidebar.expander("J(w) and its optimizer", expanded=True)
one = coerce_settings(fw.BY_KEY, widgets.read(fw.SETTINGS, box))
cost = fw.COSTS[one["cost"]]
path = cached(fw.minimize, entries=32)(
    one["cost"], one["jopt"], one["jlr"], one["steps"], one["w0"]
)
J0, dJ0, tape = fw.cost_and_derivative(one["cost"], float(path[0]))
code, numbers = st.columns([1, 1])
with code:
    st.markdown("**All you write:**")
    st.code(f"def J(w):\n    return {cost.code}", language="python")
    st.markdown(
        "Running it on a `Value` records a **tape** of operations; `J.backward()` walks it in "
        "reverse and applies the chain rule — TensorFlow's `GradientTape` and PyTorch's "
        "`autograd` do exactly this for tensors."
    )
with numbers:
    st.markdown(f"**The tape at w = {path[0]:g}** (inputs first):")
    st.dataframe(
        pd.DataFrame([{"operation": n.op, "value": n.data, "dJ/d(node)": n.grad} for n in tape]),
        hide_index=True,
        height=min(38 * (len(tape) + 1), 360),
    )
figures.show(plots_frameworks.minimization(cost, path, one["jopt"]), key="minimize")
_, dJ_end, _ = fw.cost_and_derivative(one["cost"], float(path[-1]))
st.markdown(
    f"At w₀ = {path[0]:g}: J = {J0:.4g} and autodiff gives dJ/dw = **{dJ0:.6g}**. After "
    f"{len(path) - 1} {one['jopt']} steps w = **{path[-1]:.5g}** (the minimum is at "
    f"w = {cost.minimum:.5g}), where dJ/dw = {dJ_end:.2g}. For the course's J = (w − 5)² the "
    "derivative is 2w − 10: the tape reproduces it without anyone writing it down."
)

st.header("2 · The same network: this core vs scikit-learn")
data_values, _ = controls.data_controls(upload=False)
network = controls.network_controls()
shown = data_values | network | controls.training_controls()
values = controls.all_values(shown | {"opt": "adam"})

COMPARE_ASKED = "frameworks:compare"
"""Session key of the settings whose long comparison the learner asked for."""
CORE = {"opt": "adam", "sched": "constant", "es": 0}
"""How this core trains for the comparison: Adam at a constant α, as MLPClassifier does."""


def comparison_work(values: dict) -> float:
    """epochs × examples × weights of one of the two trainings (ValueError past ``MAX_WORK``)."""
    run = Run(values | CORE, cached_data(values, None))
    return run_work(run.epochs, run.data.X_train.shape[1], run.net, batch_size(run.values))


def ask_comparison(values: dict) -> None:
    """The ▶ Compare button: train the comparison of these settings, however long it takes."""
    st.session_state[COMPARE_ASKED] = values


def trained_both(values: dict) -> tuple[fw.Comparison, fw.Comparison]:
    """The page's network trained by this core (Adam) and by scikit-learn's MLPClassifier."""
    data = cached_data(values, None)
    run = Run(values | CORE, data)
    start = time.perf_counter()
    run.advance()
    seconds = time.perf_counter() - start
    train_error, dev_error = run.errors()
    core = fw.Comparison("this NumPy core", run.net, 1 - dev_error, 1 - train_error, seconds)
    sklearn = fw.fit_sklearn(
        data.X_train,
        data.Y_train,
        data.X_dev,
        data.Y_dev,
        hidden_layers(values),
        values["act"],
        values["lr"],
        values["epochs"],
        batch_size(values),
        values["l2"],
        values["seed"],
    )
    return core, sklearn


def compare(values: dict) -> None:
    """Both trainings side by side; a long one waits for the learner's ▶ Compare."""
    if values["act"] not in fw.SKLEARN_ACTIVATIONS or values["layers"] == 0:
        st.info(
            "scikit-learn's MLPClassifier has relu, tanh and logistic (sigmoid) hidden layers and "
            "needs at least one: pick one of those to compare."
        )
        return
    try:
        work = comparison_work(values)
        if work > QUICK_WORK and st.session_state.get(COMPARE_ASKED) != values:
            st.info(
                f"Training this network twice ({values['epochs']} epochs, {work:.2g} "
                "epochs × examples × weights each) takes a while: press **▶ Compare** to run it."
            )
            st.button("▶ Compare", key="compare", on_click=ask_comparison, args=(values,))
            return
        core, sklearn = cached(trained_both, entries=32)(values)
    except ValueError as error:
        st.error(str(error))
        return
    left, right = figures.panels([core.name, sklearn.name])
    data = cached_data(values, None)
    for column, result, key in ((left, core, "core"), (right, sklearn, "sklearn")):
        with column:
            figure = decision_boundary(
                result.net,
                data.X_train,
                data.Y_train,
                data.X_dev,
                data.Y_dev,
                resolution=120,
                title=result.name,
            )
            figures.show(figure, key=f"boundary_{key}")
            a, b, c = st.columns(3)
            a.metric("Dev accuracy", f"{result.dev_accuracy:.1%}")
            b.metric("Train accuracy", f"{result.train_accuracy:.1%}")
            c.metric("Wall time", f"{result.seconds:.2f} s")
    ratio = sklearn.seconds / core.seconds if core.seconds else float("nan")
    dims = [data.n_x, *hidden_layers(values), 1 if data.n_classes == 2 else data.n_classes]
    st.markdown(
        f"Same data, same layers {dims}, "
        f"Adam α = {values['lr']:g}, {values['epochs']} epochs of mini-batches of "
        f"{values['bs']}: dev accuracy {core.dev_accuracy:.1%} here vs "
        f"{sklearn.dev_accuracy:.1%} for scikit-learn, which took {ratio:.1f}× as long. The "
        "maths is the same; the weights differ because each draws its own initialization "
        "and shuffles differently. A framework adds autodiff, tested optimizers and GPUs; "
        "writing it yourself is how you learn what they do."
    )


compare(values)

guide.try_this(TRY_THIS["frameworks"])
