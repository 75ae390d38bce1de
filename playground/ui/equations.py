"""The lecture's update rules with the run's numbers: pick an optimizer and a weight, scrub the
step, read v_dW = β·v_dW + (1 − β)·dW = … and W := W − α·… with this run's values, and see dW_t,
v_t, s_t and the step taken over the whole run (the two optimizer pages)."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import streamlit as st

from playground.engine.equation_numbers import aligned
from playground.engine.optim import Optimizer, WeightTrace
from playground.engine.optimizer_equations import lines
from playground.engine.racing import LABELS
from playground.plotting.optimizer_trace import weight_trace_figure
from playground.ui import figures

OPTIMIZER_KEY, WEIGHT_KEY, STEP_KEY = "eq_opt", "eq_w", "eq_t"
"""Widget keys (and URL keys) of the optimizer, the weight and the step shown."""
EWMA_PAGE = "pages/ewma.py"


def optimizer_equations(
    names: Sequence[str],
    weights: Sequence[str],
    trace_of: Callable[[str, str], tuple[Optimizer, WeightTrace]],
    symbol_of: Callable[[str], str],
    step_note: Callable[[int], str] = lambda t: "",
    live: bool = False,
) -> None:
    """Draw the section: the optimizer (``names``, racers' names) and the weight (``weights``,
    shown names) to follow, a slider over the recorded updates, the update rule with their
    numbers (``st.latex``) and the figure of the weight over the run.

    ``trace_of(name, weight)`` gives the optimizer that ran and the trace of that weight;
    ``symbol_of(weight)`` its LaTeX symbol (W, w_1); ``step_note(t)`` a note on update t
    ("epoch 3, mini-batch 2"). While ``live`` (runs ticking) only the pickers are drawn.
    """
    _admit(OPTIMIZER_KEY, names)
    _admit(WEIGHT_KEY, weights)
    pick, which = st.columns(2)
    name = pick.selectbox(
        "Optimizer",
        list(names),
        format_func=LABELS.get,
        index=len(names) - 1,
        key=OPTIMIZER_KEY,
        bind="query-params",
        help="Whose update rule to write out with its numbers.",
    )
    weight = which.selectbox(
        "Weight",
        list(weights),
        key=WEIGHT_KEY,
        bind="query-params",
        help="The one weight whose numbers fill the equations and the figure.",
    )
    if live:
        st.caption("⏸ Pause, ⏭ Step or let the runs finish to read the update at any step.")
        return
    optimizer, trace = trace_of(name, weight)
    if not trace.t:
        st.info("No update yet: ▶ Start or ⏭ Step to fill the equations with the run's numbers.")
        return
    count = len(trace)
    step = (
        st.slider(
            "Update t",
            1,
            count,
            count,
            key=STEP_KEY,
            help="Scrub through the updates this run made; the equations show update t.",
        )
        if count > 1
        else 1
    )
    note = step_note(trace.t[step - 1])
    st.markdown(
        f"**{LABELS[name]}, update t = {trace.t[step - 1]}**"
        + (f" ({note})" if note else "")
        + f" — the weight {weight}, written {_plain(symbol_of(weight))} below:"
    )
    st.latex(aligned(lines(optimizer, trace, step, symbol_of(weight))))
    figures.show(weight_trace_figure(trace, trace.t[step - 1], weight), key="eq_trace")
    st.caption(
        "v is the exponentially weighted average of dW, and s that of dW²: the same "
        "v_t = β·v_(t−1) + (1 − β)·θ_t as on the EWMA page, with θ_t = dW_t."
    )
    st.page_link(EWMA_PAGE, label="Exponentially weighted averages", icon="〰️")


def _admit(key: str, options: Sequence[str]) -> None:
    """Forget a value this page does not offer — carried from the other optimizer page in the
    same tab ("w₂" is not a weight of the network) or left by another network shape — so the
    widget starts at its default instead of failing."""
    if key in st.session_state and st.session_state[key] not in options:
        del st.session_state[key]


def ticking(page: str) -> bool:
    """Whether the runs of ``page`` tick now (the run panel keeps its ``RunState`` in the
    session under "run:<page>")."""
    state = st.session_state.get(f"run:{page}")
    return bool(state is not None and state.ticking)


def _plain(symbol: str) -> str:
    return f"${symbol}$"
