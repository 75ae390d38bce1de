"""Pin a page's finished runs as "A", train "B" with other settings, and see both side by side.

The run panel draws the pin buttons under Start / Stop / Reset and, once B has trained, the
"A vs B" section after its live fragment (so the comparison never slows the live ticking).
A is a snapshot of the page's values, its data source and its finished ``Run`` objects: Start
builds new runs, so A's stay as they were. A survives Reset; "Unpin A" forgets it.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from playground.engine import compare
from playground.engine import settings as spec
from playground.plotting.compare import compare_boundaries, compare_costs
from playground.ui import figures
from playground.ui.cache import bayes_error_of
from playground.ui.run_state import Pinned, Runs, RunState
from playground.ui.widgets import apply_settings, known_settings


def trained(runs: Runs) -> bool:
    """True when every run is done and trained at least one epoch."""
    return bool(runs) and all(run.done and run.history.last_epoch > 0 for run in runs.values())


def _pin(state: RunState) -> None:
    values, _ = state.source
    state.pinned = Pinned(dict(values), state.source, state.runs)


def _unpin(state: RunState) -> None:
    state.pinned = None


def _use_a_seed_and_data(state: RunState, values: dict) -> None:
    a = state.pinned.values
    changed = {key: a[key] for key in compare.seed_and_data_changes(a, values) if key in a}
    apply_settings(changed, known_settings(spec.ALL))


def _mixed_in(pinned: Pinned, values: dict, source: tuple) -> str:
    """Words for what B changes besides the settings under test ('' when nothing)."""
    table = known_settings(spec.ALL)
    keys = compare.seed_and_data_changes(pinned.values, values)
    parts = [
        f"{d.label} {d.a} → {d.b}"
        for d in compare.settings_diff(
            {k: pinned.values.get(k) for k in keys}, {k: values.get(k) for k in keys}, table
        )
    ]
    if pinned.source[1] != source[1]:
        parts.append("another uploaded file")
    return ", ".join(parts)


def pin_controls(state: RunState, values: dict, source: tuple, current: bool) -> None:
    """The 📌 Pin as A button when the page's runs (``current``: not stale) have trained; while
    A is pinned, a status line, "Use A's seed and data", "✕ Unpin A" and a warning when B's
    seed or data differ from A's."""
    can_pin = current and not state.running and trained(state.runs)
    pinned = state.pinned
    if pinned is None and not can_pin:
        return
    pin, unpin, use_a, status = st.columns([1.3, 1.2, 2.3, 2.2], vertical_alignment="center")
    if can_pin and (pinned is None or pinned.runs is not state.runs):
        pin.button(
            "📌 Pin as A",
            key="ab-pin",
            on_click=_pin,
            args=(state,),
            help="Keep these runs as A: change settings and press Start to train B next to it.",
            width="stretch",
        )
    if pinned is None:
        return
    mixed = _mixed_in(pinned, values, source)
    use_a.button(
        "Use A's seed and data",
        key="ab-use-a",
        on_click=_use_a_seed_and_data,
        args=(state, values),
        disabled=not compare.seed_and_data_changes(pinned.values, values),
        help="Set the seeds and data settings back to A's, so only what you test differs.",
        width="stretch",
    )
    unpin.button("✕ Unpin A", key="ab-unpin", on_click=_unpin, args=(state,), width="stretch")
    status.markdown("**A is pinned**: change settings and press Start to train B.")
    if mixed:
        st.warning(
            f"B's seed or data differ from A's ({mixed}): the comparison mixes in a different "
            "seed/data. Press **Use A's seed and data** for a like-for-like comparison."
        )


def _panel_title(side: str, name: str, several: bool, result: compare.Outcome) -> str:
    run = f" · {name}" if several else ""
    return f"{side}{run} · dev {result.dev_accuracy:.1%}"


def comparison(state: RunState, source: tuple, current: bool) -> None:
    """The A vs B section: settings that differ, outcomes, both boundaries and both cost curves.
    Drawn once B (the page's current runs, trained after A was pinned) is finished."""
    pinned = state.pinned
    b_runs = state.runs
    if pinned is None or b_runs is pinned.runs or not current or not trained(b_runs):
        return
    with st.container(key="ab-compare"):
        st.divider()
        st.subheader("🆚 A vs B")
        _compare(pinned, b_runs, source)


def _compare(pinned: Pinned, b_runs: Runs, source: tuple) -> None:
    pairs = compare.run_pairs(list(pinned.runs), list(b_runs))
    choice = len(pairs) - 1  # pages list their baseline first and the technique last
    if len(pairs) > 1:
        choice = st.selectbox(
            "Run to compare",
            range(len(pairs)),
            index=choice,
            format_func=lambda i: (
                pairs[i][0] if pairs[i][0] == pairs[i][1] else " vs ".join(pairs[i])
            ),
            key="ab-run",
        )
    name_a, name_b = pairs[choice]
    run_a, run_b = pinned.runs[name_a], b_runs[name_b]
    b_values, _ = source
    result_a = compare.outcome(run_a, bayes_error_of(pinned.values, run_a.data))
    result_b = compare.outcome(run_b, bayes_error_of(b_values, run_b.data))
    st.markdown(compare.describe(result_a, result_b))
    mixed = _mixed_in(pinned, b_values, source)
    if mixed:
        st.warning(f"Not only the settings under test changed: {mixed}.")
    _tables(pinned.values, b_values, result_a, result_b)
    several = len(pairs) > 1
    if run_a.data.n_x == 2 and run_b.data.n_x == 2:
        titles = (
            _panel_title("A", name_a, several, result_a),
            _panel_title("B", name_b, several, result_b),
        )
        figure = compare_boundaries(run_a.net, run_a.data, run_b.net, run_b.data, titles, 120)
        figures.show(figure, key="ab-boundary")
    else:
        st.info("The boundaries are drawn for data with 2 features only.")
    figures.show(compare_costs(run_a.history, run_b.history, log_y=True), key="ab-cost")


def _tables(
    a_values: dict, b_values: dict, result_a: compare.Outcome, result_b: compare.Outcome
) -> None:
    differences = compare.settings_diff(a_values, b_values, known_settings(spec.ALL))
    settings, outcomes = figures.panels(["Settings that differ", "Outcome"])
    with settings:
        st.markdown("**Settings that differ**")
        if differences:
            rows = [(d.label, d.a, d.b) for d in differences]
            st.table(pd.DataFrame(rows, columns=["setting", "A", "B"]).set_index("setting"))
        else:
            st.caption("None: B was trained with A's settings.")
    with outcomes:
        st.markdown("**Outcome**")
        rows = compare.metrics_rows(result_a, result_b)
        st.table(pd.DataFrame(rows, columns=["", "A", "B"]).set_index(""))
