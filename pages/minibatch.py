"""Mini-batch gradient descent: batch vs mini-batch vs SGD on the same data, seed and α."""

import numpy as np
import streamlit as st

from playground.catalog import TRY_THIS
from playground.topics.minibatch import figures as plots
from playground.topics.minibatch import model as mb
from playground.ui import controls, figures, guide, widgets
from playground.ui.background import background
from playground.ui.cache import cached_data
from playground.ui.page_setup import enter_app
from playground.ui.run_panel import run_panel
from playground.ui.run_state import Runs

enter_app()

st.title("🧺 Mini-batch gradient descent")
guide.what_this_shows(
    "Batch gradient descent (all m examples per step), a mini-batch size you choose and SGD (one "
    "example per step) train the same network from the same start with the same α. Compare "
    "their costs, the measured time per epoch and the path of two weights."
)

shown = widgets.read(mb.DATA_SETTINGS, st.sidebar.expander("Data", expanded=True))
box = st.sidebar.expander("Mini-batch gradient descent", expanded=True)
values = controls.all_values(shown | widgets.read(mb.SETTINGS, box) | mb.FIXED_VALUES)
batches = mb.compared_batches(values["bs"])
colors = [plots.batch_color(bs) for bs in batches]


def make_runs(values: dict, csv: None) -> Runs:
    return mb.compare_runs(values, cached_data(values, csv))


def draw(runs: Runs) -> None:
    m = next(iter(runs.values())).data.X_train.shape[1]
    per_epoch = [mb.iterations_per_epoch(m, bs) for bs in batches]
    histories = [run.history for run in runs.values()]
    counts = ", ".join(
        f"{name}: ⌈{m}/{mb.effective_batch(m, bs)}⌉ = {k:,}"
        for name, bs, k in zip(runs, batches, per_epoch, strict=True)
    )
    st.markdown(f"**Updates per epoch = ⌈m / batch size⌉** with m = {m} examples — {counts}.")
    if all(history.last_epoch == 0 for history in histories):
        st.info("Press **▶ Start** to train these runs side by side.")
        return
    figure = plots.iteration_cost_panels(
        list(runs),
        [h.iteration_cost for h in histories],
        [h.train_cost for h in histories],
        per_epoch,
        colors,
    )
    figures.show(figure, key="iteration_cost")
    lines = []
    for (name, run), k in zip(runs.items(), per_epoch, strict=True):
        last = mb.last_epoch_costs(run.history.iteration_cost, k)
        if not run.history.epochs or not last.size:
            lines.append(f"- **{name}**: no epoch finished.")
            continue
        lines.append(
            f"- **{name}**: epoch cost {run.history.train_cost[-1]:.3f} after "
            f"{run.history.last_epoch} epochs; its last epoch's mini-batch costs span "
            f"{last.min():.3g} … {last.max():.3g} (std {last.std():.3g})."
        )
    st.markdown(
        "\n".join(lines) + "\n\nEach mini-batch cost J{t} is measured on that batch only: the "
        "smaller the batch, the noisier J{t}, although the epoch cost (black) still falls."
    )
    left, right = st.columns([3, 2])
    seconds = [mb.seconds_per_epoch(run) for run in runs.values()]
    with left:
        figures.show(plots.epoch_time_bars(list(runs), seconds, per_epoch, colors), key="time")
    names = list(runs)
    slow, fast = int(np.nanargmax(seconds)), int(np.nanargmin(seconds))
    each = "\n".join(
        f"- **{name}**: {1000 * s:.3g} ms — {k:,} update{'s' * (k > 1)}, "
        f"{1e6 * s / m:.3g} µs per example"
        for name, s, k in zip(names, seconds, per_epoch, strict=True)
    )
    right.markdown(
        f"**Measured** time per epoch on this server (with one dev-set evaluation):\n{each}\n\n"
        "Every epoch goes through the same m examples; what differs is how many one vectorized "
        f"step handles. An epoch of {names[slow]} takes {seconds[slow] / seconds[fast]:.0f}× "
        f"one of {names[fast]}: SGD gives up vectorization. Batch gradient descent is fastest "
        "per epoch but makes a single step. Mini-batches (64 – 512 in practice) get vectorized "
        "steps *and* many updates per epoch — the practical sweet spot."
    )


run_panel("minibatch", values, None, draw, make_runs=make_runs)

st.subheader("The path of two weights on the cost surface")


def draw_paths(results: dict) -> None:
    paths = results["paths"]
    left, right = st.columns([3, 2])
    with left:
        figure = plots.weight_paths(
            paths.w1, paths.w2, paths.J, paths.paths, paths.minimum, colors=colors
        )
        figures.show(figure, key="paths")
    steps = "; ".join(
        f"**{name}** made {path.shape[0] - 1:,} steps to J = {paths.final_cost[name]:.4f}, "
        f"{np.linalg.norm(mb.last_finite(path) - paths.minimum):.2f} from w*"
        for name, path in paths.paths.items()
    )
    capped = f" (the first ones: at most {mb.PATH_MAX_UPDATES:,} SGD steps are drawn)"
    where = "★" if paths.minimum_in_view else "outside the view (separable data)"
    right.markdown(
        "A logistic regression with two weights, ŷ = σ(w₁x₁ + w₂x₂), trained on the same data "
        "with each batch size, so J(w₁, w₂) is exact: the grey contours are the full-batch cost. "
        f"In {paths.epochs} epochs{capped if paths.epochs < values['epochs'] else ''} from "
        f"w = (0, 0) with α = {values['lr']:g}: {steps}. The minimum J(w*) = "
        f"{paths.minimum_cost:.4f} is at w* = ({paths.minimum[0]:.2f}, {paths.minimum[1]:.2f}) "
        f"{where}.\n\nBatch gradient descent follows the true gradient: a smooth path, one step "
        "per epoch. SGD follows the gradient of one example, which only roughly points downhill: "
        "it zig-zags and, with a fixed α, keeps wandering around w* instead of settling. The "
        "mini-batch averages its examples' gradients: less zig-zag, still many steps."
    )


try:
    data = cached_data(values, None)
except ValueError as error:
    st.error(str(error))
else:
    walk = (batches, values["lr"], values["epochs"], values["seed"])
    calls = {"paths": (mb.contour_paths, (data.X_train, data.Y_train, *walk))}
    background("paths", calls, draw_paths, "Walking the cost surface with each batch size")

guide.try_this(TRY_THIS["minibatch"])
