"""Normalizing inputs: the cost before and after standardizing, and the dev set's μ and σ."""

import pandas as pd
import streamlit as st

from playground.catalog import TRY_THIS
from playground.topics.normalization import figures as plots
from playground.topics.normalization import model as core
from playground.ui import figures, guide, widgets
from playground.ui.cache import cached
from playground.ui.page_setup import enter_app

enter_app()

st.title("📏 Normalizing inputs")
guide.what_this_shows(
    "Feature x₁ spans [0, ratio] while x₂ spans [0, 1]: the cost becomes a long narrow valley. "
    "Standardizing, x := (x − μ)/σ, makes it round, so gradient descent can take big steps."
)

settings = {setting.key: setting for setting in core.SETTINGS}
descent_box = st.sidebar.expander("Data and gradient descent", expanded=True)
values = widgets.read([settings[k] for k in ("ratio", "lr", "steps")], descent_box)
values |= widgets.read([settings["devshift"]], st.sidebar.expander("Dev set", expanded=True))
ratio, lr, steps = values["ratio"], values["lr"], values["steps"]


def verdict(cost: core.CostMap, descent: core.Descent) -> str:
    """What the cost looks like and what gradient descent did on it, in words."""
    kappa, stretch = cost.condition, cost.condition**0.5
    stretch_text = f"{stretch:,.0f}" if stretch >= 10 else f"{stretch:.1f}"
    shape = (
        f"κ = λ_max/λ_min = **{kappa:,.0f}**: the valley is about {stretch_text}× "
        f"longer than wide. Stable only for α < 2/λ_max = **{cost.max_stable_rate:.2g}**."
    )
    if descent.steps_to_tolerance is not None:
        done = f"J − J(w*) ≤ {core.TOLERANCE:g} after **{descent.steps_to_tolerance} steps**"
        return f"{shape}  \n✅ {done}."
    gap = f"J − J(w*) is still **{descent.final_gap:.3g}** after {steps} steps"
    if lr > cost.max_stable_rate:
        why = f"α = {lr:g} is too big here: every step overshoots across the valley"
        return f"{shape}  \n❌ {why}. {gap}."
    why = f"α = {lr:g} is stable but small: it crawls along the valley floor"
    return f"{shape}  \n🐢 {why}. {gap}."


try:
    problem = cached(core.make_problem)(ratio)
    descents = cached(core.descend_both)(problem, lr, steps)
    dev = cached(core.dev_check)(ratio, values["devshift"])
except ValueError as error:
    st.error(str(error))
    problem = descents = dev = None

if problem is not None and descents is not None:
    st.subheader("1 · The cost J(w₁, w₂), same start, same α")
    st.markdown(
        "Logistic regression ŷ = σ(w₁x₁ + w₂x₂) with **b fixed at 0**: the labels follow "
        "x₂ > x₁/ratio (plus noise), a boundary through the origin before *and* after "
        "standardizing, so b = 0 costs nothing and J is a map over two weights. Both maps use "
        "the same units on both axes; gradient descent starts at w = (0, 0)."
    )
    left, right = figures.panels(["Raw inputs", "Standardized inputs"])
    for column, cost, descent, name, key in (
        (left, problem.raw, descents[0], f"Raw inputs: x₁ in [0, {ratio}]", "raw"),
        (right, problem.standardized, descents[1], "Standardized inputs", "standardized"),
    ):
        stretch = cost.condition**0.5
        valley = f"valley {stretch:,.0f}× longer than wide" if stretch >= 3 else None
        figure = plots.cost_contours(
            cost.xs, cost.ys, cost.J, descent.path, cost.w_star, cost.best_cost, name, valley
        )
        with column:
            figures.show(figure, key=key)
            st.markdown(verdict(cost, descent))
    mu, sigma = problem.mu.ravel(), problem.sigma.ravel()
    st.markdown(
        f"Standardizing used the training set's μ = ({mu[0]:.3g}, {mu[1]:.3g}) and "
        f"σ = ({sigma[0]:.3g}, {sigma[1]:.3g}). On the raw inputs a change of w₁ moves z = w₁x₁ "
        f"+ w₂x₂ about {sigma[0] / sigma[1]:.3g}× more than the same change of w₂, so the "
        "learning rate must be tiny to avoid oscillating across the narrow valley — and then "
        "it crawls along it. After standardizing one α suits both directions."
    )

if dev is not None:
    st.subheader("2 · Dev and test sets use the TRAINING μ and σ")
    table, chart = st.columns([2, 3])
    with table:
        rows = [
            (
                f"x{j + 1}",
                dev.mu_train[j, 0],
                dev.sigma_train[j, 0],
                dev.mu_dev[j, 0],
                dev.sigma_dev[j, 0],
            )
            for j in range(2)
        ]
        columns = ["feature", "μ train", "σ train", "μ dev (own)", "σ dev (own)"]
        st.table(pd.DataFrame(rows, columns=columns).set_index("feature").style.format("{:.3g}"))
        right, wrong = dev.accuracy_train_stats, dev.accuracy_own_stats
        a, b = st.columns(2)
        a.metric("Dev accuracy, training μ σ", f"{right:.0%}")
        b.metric("Dev accuracy, own μ σ", f"{wrong:.0%}", f"{(wrong - right) * 100:+.0f} points")
        shift = values["devshift"]
        where = (
            f"holds only x₁ from the top {1 - shift:.0%} of the range"
            if shift
            else "comes from the same distribution as the training set"
        )
        st.markdown(
            f"The dev set here {where}. With the training μ, σ its points stay where the model "
            "expects them (left). With its own μ, σ they are re-centred and stretched (right): "
            f"**{dev.changed:.0%}** of the dev predictions change, because the model now sees "
            "different inputs. Apply the *same* transformation to every set."
        )
    with chart:
        figures.show(
            plots.dev_standardization(dev.X_dev_train_stats, dev.X_dev_own_stats, dev.Y_dev, dev.w),
            key="dev",
        )

guide.try_this(TRY_THIS["normalization"])
