"""Learning-rate decay: the schedules for α, and why a decayed α settles where a fixed one won't."""

import streamlit as st

from playground.catalog import TRY_THIS
from playground.engine.config import settings_by_key
from playground.engine.equation_numbers import aligned
from playground.plotting.boundary import boundaries
from playground.topics.lr_decay import figures as plots
from playground.topics.lr_decay import model as decay
from playground.topics.lr_decay.equations import rate_line
from playground.ui import controls, figures, guide, widgets
from playground.ui.cache import cached_data
from playground.ui.page_setup import enter_app
from playground.ui.run_panel import run_panel
from playground.ui.run_state import Runs
from playground.ui.text import plain

enter_app()

st.title("📉 Learning-rate decay")
guide.what_this_shows(
    "With mini-batches every step is noisy, so a fixed α keeps the parameters bouncing around the "
    "minimum. Lower α as training goes on and they settle: compare the schedules, then train "
    "the same network (same start, same mini-batches) with each."
)

toggles = widgets.read(decay.COMPARE, st.sidebar.expander("Schedules to compare", expanded=True))
names = [name for name in decay.SCHEDULE_NAMES if toggles[name]]
box = st.sidebar.expander("Learning rate", expanded=True)
shown = widgets.read(decay.rate_settings(names), box)
text = decay.PIECEWISE.default
if "piecewise" in names:
    spec = decay.PIECEWISE
    text = box.text_input(
        spec.label, spec.default, spec.max_chars, key=spec.key, help=spec.help, bind="query-params"
    )
shown |= widgets.read(decay.TRAINING, st.sidebar.expander("Training", expanded=True))
shown |= widgets.read(decay.DATA, st.sidebar.expander("Data"))
defaults = {setting.key: setting.default for setting in decay.SETTINGS}
values = controls.all_values(defaults | shown | decay.FIXED_VALUES) | toggles | {"pw": text}

piecewise = ((), ())
if "piecewise" in names:
    try:
        piecewise = decay.parse_piecewise(text)
    except ValueError as error:
        st.error(plain(f"{error}. The piecewise schedule is left out until the text is fixed."))
        names.remove("piecewise")

if not names:
    st.error("Choose at least one schedule to compare (sidebar: Schedules to compare).")
    st.stop()

epochs = values["epochs"]
rates = {
    name: decay.learning_rates(decay.schedule_for(name, values, piecewise), epochs)
    for name in names
}
left, right = st.columns([3, 2])
with left:
    figures.show(plots.schedule_curves(rates), key="schedules")
with right:
    st.markdown(
        "**α in each epoch.** As in the lecture, epoch_num = 1 is the first pass over the data, "
        "so inverse-time decay runs even its first epoch at α₀ / (1 + decay_rate):\n\n"
        + "\n".join(f"- **{name}**: {decay.FORMULAS[name]}" for name in rates)
    )
    st.table(decay.rate_table(rates))
    example = decay.LECTURE_EXAMPLE
    st.button(
        f"📖 Lecture: α₀ = {example['lr']:g}, decay_rate = {example['decay']:g}",
        key="lecture",
        on_click=widgets.apply_settings,
        args=(example, settings_by_key(*decay.COMPARE, *decay.SETTINGS)),
        help="Sets α₀ and the decay rate of the lecture's table and turns inverse_time on.",
    )
    st.markdown(
        "A good schedule starts large (fast progress while far from the minimum) and ends "
        "small (short steps that let the noisy mini-batch updates settle)."
    )

epoch = st.slider(
    "epoch_num in the equations",
    1,
    epochs,
    min(3, epochs),
    key="eq_epoch",
    bind="query-params",
    help="The epoch whose α each schedule's equation works out (1 = the first pass).",
)
st.latex(aligned([rate_line(name, values, epoch, piecewise) for name in rates]))


def make_runs(values: dict, csv: None) -> Runs:
    return decay.decay_runs(values, cached_data(controls.all_values(values), csv), names, piecewise)


def draw(runs: Runs) -> None:
    data = next(iter(runs.values())).data
    summaries = {name: decay.summarize(run) for name, run in runs.items()}
    trained = next(iter(runs.values())).history.last_epoch > 0
    if not trained:
        st.info("Press **▶ Start** to train one network per schedule, from the same start.")
    else:
        left, right = st.columns([3, 2])
        with left:
            costs = {name: run.history.train_cost for name, run in runs.items()}
            figures.show(plots.cost_by_schedule(costs), key="cost")
        with right:
            st.table(
                {
                    "schedule": list(summaries),
                    "α at the end": [f"{s.final_rate:.3g}" for s in summaries.values()],
                    "cost J": [f"{s.final_cost:.4f}" for s in summaries.values()],
                    "std J{t}, last 10%": [f"{s.iteration_std:.3f}" for s in summaries.values()],
                    "dev accuracy": [f"{s.dev_accuracy:.1%}" for s in summaries.values()],
                }
            )
            noisy = max(summaries, key=lambda name: summaries[name].iteration_std)
            calm = min(summaries, key=lambda name: summaries[name].iteration_std)
            st.markdown(
                f"Over the last 10% of the mini-batches the cost J{{t}} still spreads by "
                f"**{summaries[noisy].iteration_std:.3f}** (std) with **{noisy}** but only "
                f"**{summaries[calm].iteration_std:.3f}** with **{calm}**. Part of that spread "
                "is just that mini-batches differ (it stays even with α → 0); the rest is the "
                "weights bouncing around the minimum because α is too large to settle."
            )
    titles = {
        name: name if not trained else f"{name} — dev {s.dev_accuracy:.1%}"
        for name, s in summaries.items()
    }
    nets = {name: run.net for name, run in runs.items()}
    figure = boundaries(
        nets,
        data.X_train,
        data.Y_train,
        titles=titles,
        resolution=70,
        title="Decision boundaries at the end",
    )
    figures.show(figure, key="boundaries")


run_panel("lr_decay", values, None, draw, make_runs=make_runs)

guide.try_this(TRY_THIS["lr_decay"])
