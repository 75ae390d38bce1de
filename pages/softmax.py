"""Softmax: C classes, their probability maps, the softmax loss and one worked example."""

import numpy as np
import pandas as pd
import streamlit as st

from playground.catalog import TRY_THIS
from playground.engine.settings import ALL
from playground.plotting.boundary import decision_boundary
from playground.plotting.curves import cost_curves
from playground.topics.softmax import figures as splots
from playground.topics.softmax import model as sm
from playground.topics.softmax.equations import softmax_equation
from playground.ui import figures, guide, widgets
from playground.ui.cache import cached_data
from playground.ui.page_setup import enter_app
from playground.ui.run_panel import run_panel
from playground.ui.run_state import Runs

enter_app()

st.title("🎯 Softmax")
guide.what_this_shows(
    "A network with a C-way softmax output: the probability of each class over the plane, the "
    "hardmax regions, the loss, a confusion matrix and one example worked through by hand."
)

box = st.sidebar.expander("Data", expanded=True)
shown = widgets.read([sm.BY_KEY["ds"]] + [ALL[k] for k in sm.DATA_KEYS[1:]], box)
box = st.sidebar.expander("Network", expanded=True)
shown |= widgets.read([ALL["layers"]], box)
widths = [f"h{l}" for l in range(1, shown["layers"] + 1)]
shown |= widgets.read([ALL[k] for k in (*widths, "act")], box)
box = st.sidebar.expander("Training (Adam)", expanded=True)
shown |= widgets.read([ALL[k] for k in sm.TRAINING_KEYS], box)
point = widgets.read(sm.SETTINGS[1:], st.sidebar.expander("Worked example", expanded=True))["pt"]
values = sm.page_values(shown)


def lecture_example() -> None:
    """The lecture's z^[L] = [5, 2, −1, 3] through t = e^z and a = t / Σt, computed."""
    lecture = sm.worked_example(sm.LECTURE_Z, 0)
    z = ", ".join(f"{v:g}" for v in lecture.z).replace("-", "−")
    st.subheader(f"The lecture's example: z^[L] = [{z}]")
    left, right = st.columns([3, 2])
    left.dataframe(
        pd.DataFrame(
            {"z_j": lecture.z, "t_j = e^z_j": lecture.t, "a_j = t_j / Σt": lecture.a},
            index=pd.Index([f"j = {j}" for j in range(lecture.z.size)], name="class"),
        ).style.format("{:.4g}"),
        key="lecture",
    )
    shares = ", ".join(f"{a:.3f}" for a in lecture.a)
    hardmax = ", ".join("1" if j == lecture.predicted else "0" for j in range(lecture.z.size))
    right.markdown(
        f"t = e^z = [{', '.join(f'{t:.1f}' for t in lecture.t)}] and Σt = "
        f"{lecture.t.sum():.1f}, so a = t / Σt = [{shares}]: class {lecture.predicted} takes "
        f"{lecture.a[lecture.predicted]:.1%} because e^z turns the gaps between the z_j into "
        f"ratios — softmax, as opposed to the hardmax [{hardmax}]."
    )


def make_runs(values: dict, csv: None) -> Runs:
    return {"run": sm.SoftmaxRun(values, cached_data(values, None))}


def draw(runs: Runs) -> None:
    """The run's regions and loss, its probability maps, the lecture's example, one dev point
    worked through, the confusion matrix and the C = 2 reduction to a sigmoid."""
    run = runs["run"]
    dev = run.data.X_dev
    index = min(point, dev.shape[1] - 1)
    x, label = dev[:, index : index + 1], int(run.data.Y_dev[0, index])
    regions_and_loss(run, x, index)
    probability_maps(run)
    lecture_example()
    worked_example(run, x, index, label)
    confusion(run)
    two_classes(run)


def regions_and_loss(run: sm.SoftmaxRun, x: np.ndarray, index: int) -> None:
    """Hardmax regions (with the worked dev point) beside the softmax loss J."""
    data, net, C = run.data, run.net, run.data.n_classes
    train_error, dev_error = run.errors()
    left, right = figures.panels(["Hardmax regions", "Softmax loss"])
    with left:
        regions = decision_boundary(
            net,
            data.X_train,
            data.Y_train,
            data.X_dev,
            data.Y_dev,
            resolution=splots.REGION_RESOLUTION,
            title=f"Hardmax regions — epoch {run.history.last_epoch}",
        )
        figures.show(splots.mark_point(regions, x, f"dev point #{index}"), key="regions")
    with right:
        figures.show(cost_curves(run.history, title="Softmax loss J"), key="cost")
        st.markdown(
            f"J = −(1/m) Σ_i Σ_j y_j log a_j over {C} classes. Chance level is log C = "
            f"{np.log(C):.2f}. Train accuracy **{1 - train_error:.0%}**, dev "
            f"**{1 - dev_error:.0%}** after {run.history.last_epoch} epochs."
        )


def probability_maps(run: sm.SoftmaxRun) -> None:
    """One map a_k per output unit: they add up to 1 in every point."""
    data = run.data
    figures.show(splots.probability_maps(run.net, data.X_train, data.Y_train), key="probs")
    st.markdown(
        f"Each map is one output unit a_k. In every point the {data.n_classes} maps add up to 1; "
        "the region of class k (left) is where its map is the darkest of all — the hardmax."
    )


def worked_example(run: sm.SoftmaxRun, x: np.ndarray, index: int, label: int) -> None:
    """Dev point #index through z, t = e^z, a = t / Σt, L = −log a_label and dz = a − y,
    checked against finite differences."""
    example = sm.worked_example(sm.logits(run.net, x)[:, 0], label)
    st.subheader(f"Worked example: dev point #{index}, true class {label}")
    by_differences = sm.finite_difference_dz(example.z, label)
    table = pd.DataFrame(
        {
            "z_j = z^[L]_j": example.z,
            "t_j = e^z_j": example.t,
            "a_j = t_j / Σt": example.a,
            "y_j": example.y.astype(int),
            "−y_j log a_j": -example.y * np.log(np.maximum(example.a, 1e-15)),
            "dz_j = a_j − y_j": example.dz,
            "∂L/∂z_j, finite differences": by_differences,
        },
        index=pd.Index([f"j = {j}" for j in range(run.data.n_classes)], name="class"),
    )
    st.dataframe(table.style.format("{:.4g}"), key="worked")
    lecture_equation(example, run.data.n_classes)
    left, right = st.columns([3, 2])
    with left:
        figures.show(splots.worked_example(example), key="example")
    with right:
        st.markdown(
            f"x = ({x[0, 0]:.2f}, {x[1, 0]:.2f}). The output layer gives z^[L] = W^[L] a^[L−1] + "
            f"b^[L]; t = e^z makes every entry positive, Σt = {example.t.sum():.4g}, and "
            f"a = t / Σt turns them into probabilities that add up to 1. The loss keeps only the "
            f"true class: L = −log a_{label} = −log {example.a[label]:.4f} = **{example.loss:.4g}**"
            f". The network predicts class **{example.predicted}** "
            + ("✅" if example.predicted == label else "❌ (a mistake)")
            + ".\n\nBackprop starts from $dz^{[L]} = \\hat y - y$ = a − y: "
            f"{example.a[label]:.6g} − 1 = {example.dz[label]:.3g} for the true class, a_j for "
            "the others — it pushes the true class's z up and every other z down. Central "
            f"differences of L (step {sm.FD_STEP:g}, without the formula) agree to within "
            f"**{np.max(np.abs(by_differences - example.dz)):.1e}**."
        )


def lecture_equation(example: sm.WorkedExample, n_classes: int) -> None:
    """The lecture's softmax, loss and dz equations with this example's numbers for class j."""
    left, right = st.columns([1, 3], vertical_alignment="center")
    j = left.selectbox(
        "Class j",
        range(n_classes),
        index=example.label,
        key="eq_class",
        help="Whose t_j, a_j and dz_j the equations show (the loss uses the true class).",
    )
    right.latex(softmax_equation(example, j).latex)


def confusion(run: sm.SoftmaxRun) -> None:
    """The dev set's confusion matrix and its most common mistake."""
    data = run.data
    left, right = st.columns([2, 3])
    counts = sm.confusion_matrix(data.Y_dev, run.net.predict(data.X_dev), data.n_classes)
    with left:
        figures.show(splots.confusion(counts), key="confusion")
    with right:
        off = counts - np.diag(np.diag(counts))
        i, j = np.unravel_index(off.argmax(), off.shape)
        worst = f"the most common mistake is true {i} → predicted {j} ({off[i, j]}×)"
        st.markdown(
            f"Row i counts the dev examples of class i, column j what the network predicted. "
            f"{np.trace(counts)} of {counts.sum()} are on the diagonal (correct); "
            + (worst if off.max() else "there are no mistakes")
            + "."
        )


def two_classes(run: sm.SoftmaxRun) -> None:
    """C = 2: a₁ = σ(z₁ − z₀), so a sigmoid network with w = w₁ − w₀ draws the same map."""
    st.subheader("C = 2: softmax is logistic regression")
    if run.data.n_classes != 2:
        st.info("Set **Classes** to 2 (sidebar) to compare a 2-output softmax with a sigmoid.")
        return
    net = run.net
    twin = sm.sigmoid_equivalent(net)
    figure, gap = splots.reduction_maps(net, twin, run.data.X_train)
    check = sm.two_class_reduction(net, run.data.X_dev)
    figures.show(figure, key="reduction")
    st.markdown(
        f"a₁ = e^z₁ / (e^z₀ + e^z₁) = 1 / (1 + e^−(z₁−z₀)) = σ(z₁ − z₀). A sigmoid network with "
        f"the same hidden layers and w = w₁ − w₀, b = b₁ − b₀ draws the same map: the largest "
        f"difference is {gap:.1e} on the grid and {check.sigmoid_net_gap:.1e} on the dev set "
        f"(σ(z₁ − z₀) vs a₁: {check.sigma_gap:.1e}) — rounding error only."
    )


run_panel("softmax", values, None, draw, make_runs=make_runs)

guide.try_this(TRY_THIS["softmax"])
