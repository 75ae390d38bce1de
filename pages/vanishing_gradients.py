"""Vanishing / exploding gradients: per-layer norms through a deep network; init fixes them."""

import math

import pandas as pd
import streamlit as st

from playground.catalog import TRY_THIS
from playground.topics.vanishing_gradients import figures as plots
from playground.topics.vanishing_gradients import model as depth
from playground.ui import figures, guide, widgets
from playground.ui.cache import cached
from playground.ui.page_setup import enter_app

enter_app()

st.title("🌋 Vanishing / exploding gradients")
guide.what_this_shows(
    "One batch goes forward and back through a deep network: every layer multiplies the signal "
    "and the gradient by about the same factor, so over L layers they explode or vanish like aᴸ."
)

spec = {setting.key: setting for setting in depth.SETTINGS}
values = widgets.read([spec[k] for k in ("depth", "width", "act", "seed")], st.sidebar)
values |= widgets.read([spec["a"]], st.sidebar.expander("1 · W[l] = a·I", expanded=True))
values |= widgets.read(
    [spec["iscale"], spec["grad"]], st.sidebar.expander("2 · Initializations", expanded=True)
)
L, n, a, act, seed = (values[k] for k in ("depth", "width", "a", "act", "seed"))
SUPERSCRIPT = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")


def big(x: float) -> str:
    """1.28·10⁵ instead of 1.28e+05, readable from the back of the room."""
    if not math.isfinite(x) or x == 0 or 1e-3 <= abs(x) < 1e4:
        return f"{x:.3g}"
    exponent = math.floor(math.log10(abs(x)))
    return f"{x / 10**exponent:.3g}·10{str(exponent).translate(SUPERSCRIPT)}"


try:
    identity = cached(depth.identity_network, entries=128)(L, n, a, act, seed)
    inits = cached(depth.compare_inits, entries=128)(L, n, act, values["iscale"], seed)
except ValueError as error:
    st.error(str(error))
    identity = inits = None

if identity is not None:
    st.subheader("1 · W[l] = a·I: every layer multiplies by a")
    chart, words = st.columns([3, 2])
    title = f"W[l] = {a:g}·I, L = {L}, n = {n}, {act}"
    figure = plots.identity_norms(
        identity.activations, identity.grad_b, identity.grad_W, a, title=title
    )
    with chart:
        figures.show(figure, key="identity")
    forward = identity.activations[-1] / identity.activations[1]
    backward = identity.grad_b[0] / identity.grad_b[-2]
    trend = "explode" if a > 1 else "vanish" if a < 1 else "keep their size"
    words.markdown(
        f"**Forward.** A[l] = g(a·A[l−1]). With g(z) = z — and with ReLU once layer 1 has "
        f"zeroed the negative entries — each layer multiplies the signal by a, so "
        f"‖A[{L - 1}]‖ / ‖A[1]‖ = a^(L−2) = {a:g}^{L - 2} = **{big(a ** (L - 2))}** "
        f"(measured: **{big(forward)}**). A linear network computes ŷ = W[L]·a^(L−1)·X.\n\n"
        f"**Backward.** dA[l−1] = W[l]ᵀ dZ[l] multiplies the gradient by a again at every "
        f"layer on its way back: ‖db[1]‖ / ‖db[{L - 1}]‖ = **{big(backward)}** "
        f"(a^(L−2) = {big(a ** (L - 2))}).\n\n"
        f"**Weights.** dW[l] = dZ[l] A[l−1]ᵀ is the product of both, a^(l−1)·a^(L−1−l) = "
        f"a^(L−2) in every layer: ‖dW[1]‖ = **{big(identity.grad_W[0])}**. With a = {a:g} "
        f"the signal and the gradients {trend} exponentially with depth."
    )
    if act not in ("linear", "relu"):
        words.info(
            f"The dashed lines are the linear theory. {act} bends away from it: tanh and "
            "sigmoid squash large z (the forward signal cannot explode) and their slope "
            "g′(z) < 1 shrinks the gradient a little more at every layer."
        )

if inits is not None:
    st.subheader("2 · Random initializations: Var(W) sets the gain per layer")
    pairs = {
        init: (norms.activations, norms.grad_b if values["grad"] == "db" else norms.grad_W)
        for init, norms in inits.items()
    }
    figures.show(plots.init_norms(pairs, values["grad"]), key="inits")
    rows, gains = [], {}
    for init, norms in inits.items():
        gains[init] = (
            depth.gain_per_layer(norms.activations[1:]),
            1 / depth.gain_per_layer(norms.grad_b[:-1]),
        )
        rows.append(
            (
                init,
                f"{depth.weight_variance(init, n, values['iscale']):.3g}",
                f"×{gains[init][0]:.3g}",
                f"×{gains[init][1]:.3g}",
                big(norms.activations[-1]),
                big(norms.grad_W[0]),
            )
        )
    columns = ["init", "Var(w)", "forward, per layer", "backward, per layer"]
    columns += [f"‖A[{L - 1}]‖", "‖dW[1]‖"]
    table, words = st.columns([3, 2])
    table.table(pd.DataFrame(rows, columns=columns).set_index("init"))
    flattest = min(
        gains, key=lambda init: sum(abs(math.log(g)) if g > 0 else 1e9 for g in gains[init])
    )
    forward_gain, backward_gain = gains[flattest]
    words.markdown(
        f"Each layer multiplies the variance of A[l] by about n·Var(w)·c: c = ½ for ReLU "
        f"(half the units are 0), c = 1 for g(z) = z and for tanh near 0. **He**, Var(w) = "
        f"2/n[l−1] = {2 / n:.3g}, makes that 1 for ReLU; **Xavier**, Var(w) = 1/n[l−1] = "
        f"{1 / n:.3g}, for linear and tanh layers (tanh(z) < z still shrinks the signal "
        f"slowly). With equal widths Glorot, "
        f"2/(n[l−1] + n[l]), is Xavier. Here with {act} the flattest is **{flattest}**: "
        f"×{forward_gain:.3g} per layer forward, ×{backward_gain:.3g} backward — and a factor "
        f"g per layer becomes g^{L - 2} over the network."
    )

guide.try_this(TRY_THIS["vanishing_gradients"])
