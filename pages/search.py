"""Hyperparameter search: grid vs random, the right scale, coarse to fine, and the best trial."""

import os

import plotly.graph_objects as go
import streamlit as st

from playground.catalog import TRY_THIS
from playground.engine import search_space
from playground.engine.config import coerce_settings
from playground.engine.train import History
from playground.engine.tuning import DASK_ENV, Base
from playground.plotting.boundary import decision_boundary
from playground.topics.search import figures as plot
from playground.topics.search import outcome, sampling, scale_spread, settings, texts, trials
from playground.topics.search.retrain import retrain
from playground.topics.search.scale_spread import EVEN_ENOUGH, TENTHS
from playground.topics.search.spread_figures import spread_bars
from playground.ui import controls, figures, guide, question, widgets
from playground.ui.cache import cached, cached_data
from playground.ui.classroom_search import remember_search_settings
from playground.ui.memo import remembered, signature
from playground.ui.page_setup import enter_app
from playground.ui.search_panel import pick_widget, search_panel

enter_app()

st.title("🔎 Hyperparameter search")
guide.what_this_shows(
    "Choose which hyperparameters to search and their ranges, then train every trial — those "
    "sharing an architecture as one batched computation. Compare grid and random search on "
    "the same budget, zoom in on the best region, and retrain the best trial on its own."
)

box = st.sidebar.expander("Search space", expanded=True)
values = {}
for toggle, code in zip(settings.TOGGLES, search_space.PARAMS, strict=True):
    values |= widgets.read([toggle], box)
    if values[toggle.key]:
        values |= widgets.read(search_space.RANGES[code], box)
budget = st.sidebar.expander("Budget", expanded=True)
values |= widgets.read(settings.BUDGET, budget)
dask_address = os.environ.get(DASK_ENV)  # a Dask cluster is offered only when configured
if dask_address:
    values |= widgets.read([settings.BACKEND], budget)
fixed = st.sidebar.expander("Fixed settings (when not searched)")
values |= widgets.read(settings.NETWORK, fixed)
values |= widgets.read(settings.fixed_settings(values["opt"], settings.searched(values)), fixed)
values |= widgets.read(settings.DATA, st.sidebar.expander("Data"))
values = coerce_settings(settings.BY_KEY, values)
remember_search_settings(values)  # a teacher's next class search searches this space
data_values = controls.all_values(
    {s.key: values[s.key] for s in settings.DATA} | settings.FIXED_VALUES
)
data = cached_data(data_values, None)
examples = (data.X_train, data.Y_train, data.X_dev, data.Y_dev)


def make_search() -> trials.SearchRun:
    space = settings.make_space(values)
    base = settings.make_base(values, data.X_train.shape[1])
    names = sampling.samplers(values["sampler"])
    X, Y, X_dev, Y_dev = data.X_train, data.Y_train, data.X_dev, data.Y_dev
    backend = values["backend"] if dask_address else "batched"
    budget, seed = values["trials"], values["rseed"]
    return trials.SearchRun(
        space, base, X, Y, X_dev, Y_dev, names, budget, seed, backend, dask_address
    )


def retrained(config: dict, index: int, number: int, base: Base) -> tuple[History, go.Figure]:
    """Trial ``number`` (index ``index`` in its round) trained again alone on the page's data
    (``retrain``): its history and decision boundary."""
    net, history = cached(retrain)(config, index, base, *examples)
    figure = decision_boundary(
        net, *examples, resolution=120, title=f"Trial #{number} retrained alone"
    )
    # In a narrow column the legend below would cover the x₁ axis title: move it further down.
    figure.update_layout(legend={"y": -0.16}, margin={"b": 90})
    return history, figure


def log_demo(low: float, high: float, n: int, seed: int) -> dict:
    """n uniform and n log-uniform samples of α on [low, high]: shares in the top decade and
    the bar chart of the counts per decade."""
    uniform, log = cached(sampling.log_sampling_demo)(low, high, n, seed)
    edges, uniform_counts = sampling.decade_counts(uniform, low, high)
    _, log_counts = sampling.decade_counts(log, low, high)
    counts = {
        f"uniform on {low:g} … {high:g}": uniform_counts,
        "uniform on log₁₀ α (log scale)": log_counts,
    }
    return {
        "figure": plot.decade_bars(edges, counts),
        "top_uniform": sampling.share_in_top_decade(uniform, high),
        "top_log": sampling.share_in_top_decade(log, high),
    }


def spreads_of(range_values: dict, seed: int) -> dict:
    """The spread of each searched hyperparameter's draws (``scale_spread.page_spreads`` of the
    toggles and ranges ``range_values``): the figure (None when no range can be spread) and one
    sentence per hyperparameter."""
    items = cached(scale_spread.page_spreads)(range_values, seed)
    drawn = [(item.param.symbol, item.spread) for item in items if item.spread is not None]
    return {
        "figure": spread_bars(drawn) if drawn else None,
        "texts": [
            scale_spread.spread_text(item, range_values[f"{item.param.code}_sc"]) for item in items
        ],
    }


def draw(run: trials.SearchRun, running: bool) -> None:
    state = (signature(values), len(run.rounds), run.trials_done)  # what the figures show

    def show(name: str, build) -> None:
        figures.show(remembered(name, state, build), key=name)

    first = [r.name for r in run.rounds[: run.first_pass]]
    points = {name: run.points(name) for name in first}
    distinct = {name: sampling.distinct(points[name][0], run.space[0].name) for name in first}
    show("samples", lambda: plot.sample_plane(points, run.space, search_space.LABELS, distinct))
    st.markdown("\n".join(f"- {texts.sampler_text(run, name)}" for name in first))
    if run.trials_done == 0:
        st.info("Press **▶ Start** to train every trial. The points above are the trials.")
        return
    if first == ["grid", "random"] and all(r.done for r in run.rounds[: run.first_pass]):
        st.markdown(outcome.compare_text(outcome.shown(run)))
    rounds = {r.name: run.points(r.name) for r in run.rounds}
    if run.zooms:
        show("rounds", lambda: plot.zoom_plane(rounds, run.space, run.boxes(), search_space.LABELS))
        last = run.rounds[-1]
        st.markdown(
            f"{texts.sampler_text(run, last.name)} Its box: {texts.describe_box(last.space)}, "
            f"around the {trials.ZOOM_TOP} best trials of the round before."
        )
    show("scatter", lambda: plot.accuracy_vs_params(rounds, run.space, search_space.LABELS))
    rows = run.rows()
    configs = [row.trial.config for row in rows]
    accuracy = [row.trial.dev_accuracy for row in rows]
    show("parallel", lambda: plot.parallel(configs, accuracy, run.space, search_space.LABELS))
    st.caption("Drag along an axis to keep only the trials there; the table sorts by any column.")
    percent = st.column_config.NumberColumn(format="percent")
    columns = {"dev accuracy": percent, "train accuracy": percent}
    st.dataframe(run.table(), key="table", hide_index=True, height=280, column_config=columns)
    best = run.best()
    if running or best is None:
        return
    st.subheader("Retrain one trial on its own")
    numbers = ["best"] + [str(row.number) for row in rows]
    left, right = st.columns([2, 3])
    with left:
        chosen = pick_widget(settings.PICK, numbers)
        row = best if chosen == "best" else run.row(int(chosen))
        trial = (row.trial.config, row.index, row.number, run.base, data_values)
        history, figure = remembered("retrain", trial, lambda: retrained(*trial[:4]), keep=8)
        st.markdown(texts.retrain_text(row, history))
    with right:
        figures.show(figure, key="boundary")


asked = question.ask("search", "search:hyperparameter-search")
search = search_panel("hyperparameter-search", values, make_search, draw)
question.reveal(asked, search, outcome.shown)

st.subheader("Sampling on the right scale")
demo = remembered("logscale", None, lambda: log_demo(1e-4, 1.0, 100, 0))
left, right = st.columns([3, 2])
with left:
    figures.show(demo["figure"], key="logscale")
right.markdown(
    f"Drawing α uniformly between 0.0001 and 1 puts **{demo['top_uniform']:.0%}** of 100 "
    f"samples in [0.1, 1] and almost none below 0.01. On a log scale (α = 10^r, r uniform in "
    f"[−4, 0]) each decade gets about a quarter: here **{demo['top_log']:.0%}** in [0.1, 1].\n\n"
    "For β (momentum, Adam) the same idea applies to 1 − β: the scale *one_minus_log* draws "
    "β = 1 − 10^r, so 0.9 … 0.99 and 0.99 … 0.999 get as many trials — β near 1 is where a "
    "small change matters (1/(1 − β) jumps from 1000 to 2000 between 0.999 and 0.9995)."
)

st.markdown("#### The scale of each searched hyperparameter")
ranges = {s.key: values[s.key] for s in settings.TOGGLES}
ranges |= {s.key: values[s.key] for s in settings.range_settings(settings.searched(values))}
spreads = remembered(
    "spreads", (signature(ranges), values["rseed"]), lambda: spreads_of(ranges, values["rseed"])
)
if spreads["figure"] is not None:
    figures.show(spreads["figure"], key="spreads")
st.markdown("\n".join(f"- {text}" for text in spreads["texts"]))
st.caption(
    f"Each range's ratio axis (log₁₀ of the value, or of 1 − β) cut into {TENTHS} equal parts: "
    f"a ratio scale gives each about {1 / TENTHS:.0%} of its draws (dotted line), uniform draws "
    f"give each its width's share of the range (dashed line: {EVEN_ENOUGH:.0%}). The lecture's "
    "case — hidden units 50 … 100 and layers 2 … 4 drawn uniformly, α on a log scale — is the "
    "scene *Units and layers on a uniform scale*. Draws are shown before whole-number "
    "hyperparameters are rounded."
)

guide.try_this(TRY_THIS["search"])
