"""Pandas vs caviar: a babysat run whose α changes mid-run (continuing from its weights and
optimizer state), the caviar models trained batched, their words and their figures."""

from __future__ import annotations

import copy
import dataclasses
import json

import numpy as np
import pytest
from pages_helpers import decode_typed_arrays

from playground.engine.config import coerce_settings, settings_by_key
from playground.engine.experiment import Run, make_data
from playground.engine.settings import ALL
from playground.engine.train import train
from playground.engine.tuning import Base, Range, Trial, random_search, run_trials
from playground.topics.pandas_caviar import figures as plots
from playground.topics.pandas_caviar import model as babysit
from playground.ui.controls import all_values

TABLE = settings_by_key(*babysit.SETTINGS)


def plain(figure) -> dict:
    """The figure as JSON-like dicts and lists (typed arrays decoded)."""
    return decode_typed_arrays(json.loads(figure.to_json()))


def page_values(**changes: object) -> dict:
    return coerce_settings(TABLE, {"n": 120, "epochs": 20} | changes)


def run_values(**changes: object) -> dict:
    return all_values(babysit.run_values(page_values(**changes)))


@pytest.fixture(scope="module")
def data():
    return make_data(run_values())


# ---------------------------------------------------------------------------------- settings
def test_settings_have_unique_keys_and_reused_keys_mean_the_same():
    keys = [s.key for s in babysit.SETTINGS]
    assert len(keys) == len(set(keys))
    for s in babysit.SETTINGS:
        if s.key in ALL:
            assert s.kind == ALL[s.key].kind
            assert set(s.options) <= set(ALL[s.key].options), s.key
    assert TABLE["lr"].default == 0.001 and TABLE["lr"].options == ALL["lr"].options
    assert {"lr_lo", "lr_hi", "rseed"} <= set(TABLE)  # the same keys as the search page


def test_run_values_give_every_hidden_layer_the_same_units():
    values = run_values(layers=3, units=16)
    assert [values[f"h{l}"] for l in (1, 2, 3)] == [16, 16, 16]
    assert values["sched"] == "constant" and values["lr"] == 0.001


# ------------------------------------------------------------------------------------ panda
def test_a_panda_without_changes_trains_like_one_run(data):
    panda = babysit.Panda(run_values(), data)
    assert panda.changes == [(0, 0.001)] and panda.epoch == 0 and not panda.done
    for _ in range(3):
        panda.advance(7)  # 7 + 7 + 6: the last step stops at the epoch budget
    assert panda.epoch == 20 and panda.done and panda.progress == 1.0
    reference = Run(run_values(), data)
    reference.advance()
    np.testing.assert_array_equal(panda.run.history.train_cost, reference.history.train_cost)
    np.testing.assert_array_equal(panda.run.history.dev_cost, reference.history.dev_cost)
    panda.advance(5)  # done: nothing more
    assert panda.epoch == 20


def test_changing_alpha_continues_from_the_weights_and_the_optimizer_state(data):
    panda = babysit.Panda(run_values(), data)
    panda.advance(8)
    net, optimizer = panda.run.net.copy(), copy.deepcopy(panda.run.optimizer)
    history = copy.deepcopy(panda.run.history)
    assert panda.set_learning_rate(0.03)
    assert panda.changes == [(0, 0.001), (8, 0.03)]
    panda.advance(12)
    # The same by hand: keep Adam's v, s and t, change only α, train the remaining epochs.
    optimizer.learning_rate = 0.03
    values = panda.run.values
    train(
        net,
        data.X_train,
        data.Y_train,
        optimizer,
        12,
        batch_size=int(values["bs"]),
        seed=values["seed"],
        X_dev=data.X_dev,
        Y_dev=data.Y_dev,
        history=history,
    )
    np.testing.assert_array_equal(panda.run.history.dev_cost, history.dev_cost)
    assert panda.run.history.learning_rate == [0.001] * 8 + [0.03] * 12
    assert optimizer.t == panda.run.optimizer.t == 20 * 2  # 84 examples in batches of 64


def test_changes_before_an_epoch_count_once_and_a_return_is_no_change(data):
    panda = babysit.Panda(run_values(), data)
    assert not panda.set_learning_rate(0.001)
    assert panda.set_learning_rate(0.01)  # before training: a new starting α
    assert panda.changes == [(0, 0.01)]
    panda.advance(3)
    panda.set_learning_rate(0.1)
    panda.set_learning_rate(0.3)
    assert panda.changes == [(0, 0.01), (3, 0.3)] and panda.learning_rate == 0.3
    panda.set_learning_rate(0.01)  # back to the α in use before: no change at all
    assert panda.changes == [(0, 0.01)]
    with pytest.raises(ValueError, match="alpha must be in"):
        panda.set_learning_rate(0.0)
    with pytest.raises(ValueError, match="epochs must be between 1 and 20"):
        panda.advance(0)


def test_a_panda_needs_a_constant_rate(data):
    with pytest.raises(ValueError, match="constant learning rate"):
        babysit.Panda(run_values() | {"sched": "inverse_time"}, data)


@pytest.mark.filterwarnings("ignore::RuntimeWarning")
def test_a_diverged_panda_is_done_and_says_so(data):
    panda = babysit.Panda(run_values(opt="gd", lr=10.0, act="leaky_relu"), data)
    panda.set_learning_rate(10.0)
    panda.run.net.params.flat[...] *= 50
    panda.advance(20)
    assert panda.done and panda.run.history.stopped_reason == "diverged"
    assert "**Diverged:**" in babysit.panda_text(panda)


def test_panda_text(data):
    panda = babysit.Panda(run_values(), data)
    assert babysit.panda_text(panda).startswith("Not trained yet: it will start with α = 0.001.")
    panda.advance(4)
    panda.set_learning_rate(0.01)
    panda.advance(2)
    history = panda.run.history
    assert babysit.panda_text(panda) == (
        f"Epoch 6 of 20: dev cost **{history.dev_cost[-1]:.3f}**, dev accuracy "
        f"**{history.dev_accuracy[-1]:.1%}**, with α = 0.01 now. Your changes of α: "
        "epoch 4 → α = 0.01."
    )


# ----------------------------------------------------------------------------------- caviar
def test_caviar_draws_alpha_on_a_log_scale_and_trains_like_run_trials(data):
    configs = babysit.caviar_configs(1e-4, 1.0, 8, seed=5)
    assert configs == random_search([Range("learning_rate", 1e-4, 1.0, "log")], 8, 5)
    values = page_values(models=8, rseed=5)
    base = babysit.caviar_base(values, data.X_train.shape[1])
    assert base == Base(
        optimizer="adam", hidden_units=10, layers=2, batch_size=64, epochs=20, seed=1
    )
    assert babysit.caviar_base(page_values(bs="full"), 84).batch_size == 84
    trials = babysit.caviar(values, data)
    expected = run_trials(configs, base, data.X_train, data.Y_train, data.X_dev, data.Y_dev)
    for a, b in zip(trials, expected, strict=True):
        np.testing.assert_equal(dataclasses.asdict(a), dataclasses.asdict(b))
    curves = babysit.dev_cost_curves(trials)
    assert curves.shape == (8, 20)
    np.testing.assert_array_equal(curves[:, -1], [t.dev_cost for t in trials])


def test_caviar_rejects_an_empty_range_and_too_much_work(data):
    with pytest.raises(ValueError, match="must not exceed"):
        babysit.caviar(page_values(lr_lo=1.0, lr_hi=0.001), data)
    with pytest.raises(ValueError, match="m_train must be at least 1"):
        babysit.caviar_base(page_values(), 0)
    huge = page_values(models=64, epochs=1000, units=64, layers=4)
    with pytest.raises(ValueError, match="units of work"):
        babysit.caviar(huge, make_data(run_values(n=5000)))


def trial(rate: float, cost: float, accuracy: float, diverged: bool = False) -> Trial:
    return Trial({"learning_rate": rate}, cost, cost, accuracy, accuracy, diverged, [cost])


def test_best_trial_learned_and_caviar_text():
    trials = [
        trial(0.001, 0.65, 0.8),
        trial(0.01, 0.2, 0.95),
        trial(0.03, 0.1, 0.95),
        trial(3.0, np.nan, 0.0, True),
    ]
    assert babysit.best_trial(trials) == 2  # tie on accuracy: the lower dev cost
    assert babysit.learned(trials) == 2 and babysit.learned(trials, 0.7) == 3
    with pytest.raises(ValueError, match="level must be in"):
        babysit.learned(trials, 0.0)
    assert babysit.caviar_text(trials, 0.25) == (
        "4 models with α from 0.001 to 3 trained together as one batched computation in 0.2 s. "
        "The best, α = **0.03**, ends with dev cost **0.100** and dev accuracy **95.0%**. "
        "2 of 4 got their dev cost below 0.6; 1 diverged."
    )
    assert babysit.best_trial(trials[3:]) is None
    assert babysit.caviar_text(trials[3:]).endswith(
        "Every one of them diverged: lower the highest α."
    )


# ---------------------------------------------------------------------------------- figures
def test_panda_figure_marks_every_change_of_alpha(data):
    panda = babysit.Panda(run_values(), data)
    panda.advance(5)
    panda.set_learning_rate(0.03)
    panda.advance(5)
    panda.set_learning_rate(0.3)
    panda.advance(2)
    reference = [0.7, 0.5, 0.4]
    figure = plain(plots.panda_curves(panda.run.history, panda.changes, 20, reference))
    names = [t["name"] for t in figure["data"]]
    assert names == ["caviar's best (dev)", "train", "dev"]
    np.testing.assert_array_equal(figure["data"][2]["y"], panda.run.history.dev_cost)
    assert [s["x0"] for s in figure["layout"]["shapes"]] == [5, 10]
    texts = [a["text"] for a in figure["layout"]["annotations"]]
    assert texts == ["α → 0.03", "α → 0.3"]
    assert figure["layout"]["title"]["text"] == "Panda: one model, started with α = 0.001"
    assert figure["layout"]["xaxis"]["range"] == [0, 20 * 1.02]
    empty = plots.panda_curves(babysit.Panda(run_values(), data).run.history, [(0, 0.1)], 20)
    assert empty.layout.yaxis.range == (0.0, 1.0) and len(empty.data) == 2


def test_panda_figure_validates():
    class History:
        epochs, train_cost, dev_cost = [1, 2], [0.5], [0.5, 0.4]

    with pytest.raises(ValueError, match="one train and one dev cost per epoch"):
        plots.panda_curves(History(), [(0, 0.1)], 10)
    with pytest.raises(ValueError, match="epochs must be at least 1"):
        plots.panda_curves(History(), [(0, 0.1)], 0)


def test_caviar_figure_highlights_the_best_and_colours_by_alpha():
    curves = np.array([[0.7, 0.6, 0.5], [0.7, 0.3, 0.1], [0.7, np.inf, np.nan]])
    figure = plain(plots.caviar_curves(curves, [1e-3, 1e-2, 1.0], 1, 1e-4, 1.0))
    lines = [t for t in figure["data"] if t.get("mode") == "lines"]
    assert len(lines) == 3
    best = lines[-1]
    assert best["name"] == "best: α = 0.01" and best["line"]["width"] == 5
    np.testing.assert_array_equal(best["y"], [0.7, 0.3, 0.1])
    assert all(line["opacity"] <= 0.3 and line["line"]["width"] <= 1 for line in lines[:-1])
    assert np.isnan(lines[1]["y"][1])  # inf: a gap in the curve
    colorbar = figure["data"][-1]["marker"]
    assert colorbar["cmin"] == -4 and colorbar["cmax"] == 0
    assert colorbar["colorbar"]["ticktext"] == ["0.0001", "0.001", "0.01", "0.1", "1"]
    # Viridis: α = 1 is the top colour (yellow), α = 0.001 a quarter of the way up.
    assert lines[1]["line"]["color"] == "rgb(253, 231, 37)"
    assert figure["layout"]["yaxis"]["range"] == [0.0, pytest.approx(0.7 * 1.05)]
    with pytest.raises(ValueError, match="curves must have shape"):
        plots.caviar_curves(curves, [0.1], None, 1e-4, 1.0)
