"""Gradient checking: two-sided differences, the choice of ε, and catching planted backprop bugs."""

import streamlit as st

from playground.catalog import TRY_THIS
from playground.topics.gradient_checking import figures as plots
from playground.topics.gradient_checking import model as gc
from playground.topics.gradient_checking.equations import check_equation, components
from playground.ui import figures, guide, widgets
from playground.ui.cache import cached
from playground.ui.page_setup import enter_app

enter_app()

st.title("🩺 Gradient checking")
guide.what_this_shows(
    "Backprop is easy to get subtly wrong. Compare it with (J(θ + ε) − J(θ − ε)) / 2ε: first "
    "for one number, then for a whole network with a bug you plant — and see which ε to trust."
)

values = {}
for section, keys in (
    ("1 · One parameter", ("fn", "theta")),
    ("2 · A network's backprop", ("bug", "l2", "act", "seed")),
    ("3 · The step ε", ("epsilon",)),
):
    box = st.sidebar.expander(section, expanded=True)
    values |= widgets.read([gc.BY_KEY[key] for key in keys], box)
epsilon = values["epsilon"]
network = (values["bug"], values["l2"], values["act"], values["seed"])

st.header("1 · One parameter: two-sided vs one-sided")
left, right = st.columns([3, 2])
try:
    two, one = cached(gc.derivative_errors)(values["fn"], values["theta"], gc.SWEEP)
    model = gc.error_model(values["fn"], values["theta"])
    words = gc.explain_derivative(values["fn"], values["theta"], epsilon)
except ValueError as error:
    st.error(str(error))
else:
    label = gc.FUNCTIONS[values["fn"]].label
    figure = plots.derivative_errors(
        gc.SWEEP,
        two,
        one,
        model,
        epsilon,
        title=f"Estimating f′(θ) for f(θ) = {label} at θ = {values['theta']:g}",
    )
    with left:
        figures.show(figure, key="derivative")
    right.markdown(words)


def one_component(result) -> None:
    """The lecture's two-sided difference for one θ_i, with the check's own numbers."""
    net = cached(gc.check_network_data)(values["act"], values["seed"])[0]
    found = components(net.params)
    worst = int(abs(result.gradapprox - result.grad).argmax())
    pick, words = st.columns([1, 3], vertical_alignment="center")
    component = pick.selectbox(
        "Component θ_i",
        found,
        index=worst,
        key="eq_component",
        format_func=lambda c: c.label,
        help="Which parameter's two-sided difference the equation shows (first: the one where "
        "backprop and the difference disagree most).",
    )
    words.caption(
        "J(θ ± ε) differ only in the last digits shown: that subtraction is where round-off "
        "enters when ε is tiny (section 3)."
    )
    st.latex(check_equation(result, component).latex)


st.header("2 · A whole network: plant a bug")
left, right = st.columns([3, 2])
try:
    result = cached(gc.check_network)(*network, epsilon)
except ValueError as error:
    st.error(str(error))
else:
    with left:
        figures.show(plots.parameter_differences(result.per_parameter), key="parameters")
    with right:
        st.markdown(
            f"Network [2, 4, 3, 1] ({values['act']}, λ = {values['l2']:g}), "
            f"{gc.CHECK_M} examples, ε = {epsilon:g}. "
            f"Planted: *{gc.PLANTED_BUGS[values['bug']].description}*"
        )
        st.metric("Overall difference", f"{result.difference:.2e}")
        verdict, _, reason = result.verdict.partition(" (")
        st.subheader(f"Verdict: {verdict}")
        st.caption(f"({reason} — the course: < 1e-7 great, ~1e-5 look closer, > 1e-3 a bug)")
        st.markdown(gc.locate_bug(result))
        if gc.PLANTED_BUGS[values["bug"]].needs_l2 and values["l2"] == 0:
            st.warning("With λ = 0 the L2 term is 0, so forgetting it changes nothing: set λ > 0.")
    one_component(result)


st.header("3 · Which ε? Truncation against round-off")
left, right = st.columns([3, 2])
try:
    curves = {"correct backprop": cached(gc.epsilon_sweep)("none", *network[1:], gc.SWEEP)}
    if values["bug"] != "none":
        curves[f"with bug {values['bug']}"] = cached(gc.epsilon_sweep)(*network, gc.SWEEP)
except ValueError as error:
    st.error(str(error))
else:
    with left:
        figures.show(plots.difference_vs_epsilon(gc.SWEEP, curves, epsilon), key="sweep")
    planted = curves.get(f"with bug {values['bug']}")
    right.markdown(gc.explain_sweep(gc.SWEEP, curves["correct backprop"], epsilon, planted))

guide.try_this(TRY_THIS["gradient_checking"])
