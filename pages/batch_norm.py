"""Batch normalization: the same deep network trained without and with batch norm."""

import streamlit as st

from playground.catalog import TRY_THIS
from playground.engine.experiment import Data
from playground.plotting.curves import cost_overlay
from playground.topics.batch_norm import figures as plots
from playground.topics.batch_norm import model as bn
from playground.topics.batch_norm.equations import norm_equation
from playground.topics.minibatch.model import epoch_axis_title
from playground.ui import figures, guide, widgets
from playground.ui.background import background
from playground.ui.cache import cached_data
from playground.ui.page_setup import enter_app
from playground.ui.run_panel import run_panel
from playground.ui.run_state import Runs
from playground.ui.step_slider import step_slider

enter_app()

st.title("🧮 Batch normalization")
guide.what_this_shows(
    "The same deep network, data and seed, trained without and with batch norm: the cost, one "
    "layer's z over training, what γ and β learn, the usable learning rates and test-time μ, σ²."
)

values = {}
for section, keys in (
    ("Data", bn.DATA_KEYS),
    ("Network", bn.NETWORK_KEYS),
    ("Training", bn.TRAINING_KEYS),
    ("What to inspect", bn.VIEW_KEYS),
):
    box = st.sidebar.expander(section, expanded=True)
    values |= widgets.read([bn.PAGE_SETTINGS[key] for key in keys], box)
layer = bn.inspected_layer(values)
st.markdown(
    "In every hidden layer: $\\mu = \\frac{1}{m}\\sum_i z^{(i)}$, $\\sigma^2 = \\frac{1}{m}\\sum_i"
    "(z^{(i)}-\\mu)^2$, $\\hat z^{(i)} = \\frac{z^{(i)}-\\mu}{\\sqrt{\\sigma^2+\\varepsilon}}$, "
    "$\\tilde z^{(i)} = \\gamma\\hat z^{(i)} + \\beta$, then $a = g(\\tilde z)$. Subtracting μ "
    "cancels any bias, so $b^{[l]}$ is dropped and $\\beta^{[l]}$ takes its place; γ and β are "
    "learned by gradient descent like W, so the network picks each unit's spread and centre. "
    "This β is a parameter, one per unit — not the optimizer's hyperparameters that share the "
    "letter (momentum's β, RMSprop's and Adam's β₂)."
)


def bn_data(values: dict) -> Data:
    """The train/dev split of the page's data settings (standardized)."""
    return cached_data(bn.page_values(values), None)


def make_runs(values: dict, csv: None) -> Runs:
    return bn.make_runs(values, bn_data(values))


def draw(runs: Runs) -> None:
    plain, normed = runs["no BN"], runs["BN"]
    trained = normed.history.last_epoch > 0
    left, right = st.columns([3, 2])
    histories = {name: run.history for name, run in runs.items()}
    x_title = epoch_axis_title(plain.data.X_train.shape[1], plain.values["bs"])
    with left:
        figures.show(cost_overlay(histories, title="Training cost J", x_title=x_title), key="cost")
    with right:
        st.subheader("This run")
        if not trained:
            st.info("Press **▶ Start** to train both networks.")
        for name, run in runs.items():
            if run.history.train_cost:
                train_error, dev_error = run.errors()
                st.markdown(
                    f"- **{name}**: J = {run.history.train_cost[0]:.3f} → "
                    f"{run.history.train_cost[-1]:.3f}, train {1 - train_error:.0%}, "
                    f"dev {1 - dev_error:.0%} after {run.history.last_epoch} epochs."
                )
        words = bn.compare_text(plain.history, normed.history, values["lr"])
        if words:
            st.markdown(words)
    snapshots = {name: run.snapshots for name, run in runs.items()}
    figures.show(plots.z_histograms(snapshots, layer), key="z")
    st.markdown(bn.z_text(plain.snapshots, normed.snapshots, layer))
    left, right = st.columns([3, 2])
    gamma, beta = bn.gamma_beta(normed.net, layer)
    with left:
        figures.show(plots.gamma_beta(gamma, beta, layer), key="gammabeta")
    with right:
        st.subheader(f"What the parameters γ[{layer}] and β[{layer}] learned")
        st.markdown(
            f"γ ranges {gamma.min():.2f} … {gamma.max():.2f} (mean {gamma.mean():.2f}) and β "
            f"{beta.min():.2f} … {beta.max():.2f}. They start at 1 and 0 (plain standardization)."
            " γ = √(σ² + ε), β = μ would undo the normalization entirely: the network is free to "
            "choose any mean and variance per unit, e.g. to use more of tanh's non-linear range."
        )
    st.subheader("Train vs inference mode")
    if not trained:
        st.info("After training: test time with running averages vs one mini-batch's μ and σ².")
        return
    memo = (id(normed), normed.history.last_epoch, layer)
    if st.session_state.get("bn_check", (None,))[0] != memo:  # 10 forward passes: once per state
        check = bn.inference_check(normed.net, normed.data, layer, draws=10, seed=values["seed"])
        st.session_state["bn_check"] = (memo, check)
    check = st.session_state["bn_check"][1]
    left, right = st.columns([3, 2])
    with left:
        figures.show(plots.inference_bars(check, bn.SMALL_BATCH), key="inference")
    with right:
        small = check.small_batches
        st.markdown(
            f"At test time there may be one example, so μ and σ² come from exponentially "
            f"weighted running averages kept during training: dev accuracy **{check.running:.0%}**."
            f" With the μ, σ² of a single batch of {bn.SMALL_BATCH} training examples it is "
            f"**{small.mean():.0%}** on average (from {small.min():.0%} to {small.max():.0%}): "
            f"{bn.SMALL_BATCH} examples give a noisy μ (off by {check.mean_gap:.2f} on average in "
            f"layer {layer})."
            f" A batch from class 0 only gives **{check.one_class:.0%}**: its μ is biased, so "
            "every z̃ is shifted the wrong way."
        )


def lecture_equations(run: bn.SnapshotRun, layer: int) -> None:
    """μ, σ², z_norm and z̃ of one unit of the inspected layer, at a recorded epoch of the BN
    run, with the run's numbers (example 1 of the training set, all of it one batch)."""
    st.subheader(f"The lecture's equations, unit by unit (layer {layer}, BN run)")
    step, unit, words = st.columns([2, 1, 2], vertical_alignment="center")
    epochs = [snapshot.epoch for snapshot in run.snapshots]
    epoch = step_slider(step, "After epoch", epochs, key="eq_epoch")
    width = run.snapshots[0].Z.shape[0]
    j = unit.selectbox("Unit j", range(width), key="eq_unit", format_func=lambda j: str(j + 1))
    snapshot = run.snapshots[epochs.index(epoch)]
    equation = norm_equation(snapshot, layer, j)
    words.caption(
        f"z of unit {j + 1} on the m = {equation.m} training examples after epoch {epoch}: "
        "μ and σ² are over them, γ and β are the unit's learned parameters then."
    )
    st.latex(equation.latex)


runs = run_panel("batch_norm", values, None, draw, make_runs=make_runs)
if runs:  # outside the live fragment: a pick reruns the page, never a fragment mid-run
    lecture_equations(runs["BN"], layer)

setup = {key: values[key] for key in (*bn.DATA_KEYS, *bn.NETWORK_KEYS, "seed")}


def draw_sweep(results: dict) -> None:
    sweep = results["sweep"]
    left, right = st.columns([3, 2])
    with left:
        figures.show(plots.lr_sweep(sweep), key="sweep")
    right.markdown(bn.sweep_text(sweep))


def show_sweep() -> None:
    st.subheader("The learning rates that still train")
    try:
        data = bn_data(setup)
    except ValueError as error:
        st.error(str(error))
        return
    calls = {"sweep": (bn.lr_sweep, (setup, data))}
    background("sweep", calls, draw_sweep, "Training the sweep of learning rates")


def draw_gap(results: dict) -> None:
    gap = results["gap"]
    left, right = st.columns([3, 2])
    with left:
        figures.show(plots.batch_gap_bars(gap), key="gapbars")
    gaps = ", ".join(f"batch {s}: {train - dev:+.1%}" for s, (train, dev) in gap.items())
    right.markdown(
        "Each mini-batch's μ and σ² are a noisy estimate, so every z̃ gets a little noise "
        f"(like dropout, but weaker). Train − dev gap: {gaps} ({bn.GAP_EPOCHS} epochs each). "
        "Any difference is slight and can go either way on a given seed: batch norm is not "
        "meant as a regularizer."
    )


def show_gap() -> None:
    st.subheader("A slight regularization effect")
    if not values["gap"]:
        st.caption("Turn on **Compare batch 8 vs 256** (sidebar) to train the BN net twice more.")
        return
    trained = setup | {"opt": values["opt"], "lr": values["lr"]}
    try:
        data = bn_data(trained)
    except ValueError as error:
        st.error(str(error))
        return
    calls = {"gap": (bn.batch_gap, (trained, data))}
    background("gap", calls, draw_gap, "Training the BN net with batches of 8 and of 256")


show_sweep()
show_gap()

guide.try_this(TRY_THIS["batch_norm"])
