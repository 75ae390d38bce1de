"""The priorities page's core: each sweep's values on its own scale, one-at-a-time sweeps trained
in batches (the same as training each value alone), the ranking by spread, and the sentence
that reads it."""

from __future__ import annotations

import math

import numpy as np
import pytest

from playground.engine.batched import BatchedNetwork, train_batched
from playground.engine.experiment import make_data
from playground.topics.priorities import figures, settings, sweep, texts
from playground.topics.priorities.measure import summary
from playground.topics.priorities.sweep import BY_NAME, Baseline, Sweep

QUICK = Baseline(epochs=15)


@pytest.fixture(scope="module")
def moons():
    data = make_data(settings.data_values(settings.page_values({})))
    return data.X_train, data.Y_train, data.X_dev, data.Y_dev


def test_alpha_and_epsilon_are_evenly_spaced_on_a_log_scale():
    alphas = sweep.knob_values(BY_NAME["learning_rate"], 5)
    np.testing.assert_allclose(alphas, [1e-4, 1e-3, 1e-2, 1e-1, 1.0])
    epsilons = sweep.knob_values(BY_NAME["epsilon"], 3)
    np.testing.assert_allclose(epsilons, [1e-10, 1e-8, 1e-6])


def test_a_beta_is_spaced_as_one_minus_ten_to_the_r():
    betas = np.array(sweep.knob_values(BY_NAME["beta"], 5))
    np.testing.assert_allclose(betas, 1 - 10.0 ** np.array([-1, -1.5, -2, -2.5, -3]))
    r = np.log10(1 - np.array(sweep.knob_values(BY_NAME["beta2"], 4)))
    np.testing.assert_allclose(np.diff(r), [-2 / 3] * 3)


def test_units_layers_and_batch_sizes_are_whole_numbers_and_powers_of_two():
    assert sweep.knob_values(BY_NAME["hidden_units"], 5) == (2, 4, 8, 16, 32)
    assert sweep.knob_values(BY_NAME["layers"], 5) == (1, 2, 3, 4)
    assert sweep.knob_values(BY_NAME["batch_size"], 5) == (16, 32, 64, 128, 256)
    assert sweep.knob_values(BY_NAME["batch_size"], 3) == (16, 64, 256)


def test_a_batched_sweep_equals_each_value_trained_alone(moons):
    swept = sweep.sweep_knob("learning_rate", QUICK, 3, *moons)
    X, Y, X_dev, Y_dev = moons
    for alpha, cost in zip(swept.values, swept.dev_cost, strict=True):
        net = BatchedNetwork([2, 10, 10, 1], [QUICK.seed])
        history = train_batched(
            net, X, Y, "adam", [alpha], QUICK.epochs, batch_size=64,
            hyper={"beta1": [0.9], "beta2": [0.999], "epsilon": [1e-8]},
            seed=QUICK.seed, X_dev=X_dev, Y_dev=Y_dev,
        )  # fmt: skip
        assert cost == pytest.approx(history.dev_cost[-1][0], rel=1e-9)


def test_the_momentum_sweep_trains_momentum_at_its_own_alpha(moons):
    swept = sweep.sweep_knob("beta", QUICK, 3, *moons)
    X, Y, X_dev, Y_dev = moons
    net = BatchedNetwork([2, 10, 10, 1], [QUICK.seed])
    history = train_batched(
        net, X, Y, "momentum", [QUICK.momentum_rate], QUICK.epochs, batch_size=64,
        hyper={"beta": [swept.values[0]]}, seed=QUICK.seed, X_dev=X_dev, Y_dev=Y_dev,
    )  # fmt: skip
    assert swept.dev_cost[0] == pytest.approx(history.dev_cost[-1][0], rel=1e-9)


def test_a_diverged_training_counts_as_the_worst_cost():
    cost = np.array([0.3, np.nan, 0.9, np.inf])
    broken = ~np.isfinite(cost)
    np.testing.assert_array_equal(sweep.diverged_as_worst(cost, broken, 2), [0.3, 0.9, 0.9, 0.9])
    low = np.array([0.3, np.nan])
    np.testing.assert_allclose(sweep.diverged_as_worst(low, np.isnan(low), 3), [0.3, math.log(3)])


def sweeps(**spreads: float) -> dict[str, Sweep]:
    return {
        name: Sweep(name, (0.9, 0.99), (0.5, 0.5 + s), (False, False))
        for name, s in spreads.items()
    }


def test_the_ranking_is_by_spread_ties_in_the_lectures_order():
    ranked = sweep.rank(sweeps(epsilon=0.1, learning_rate=0.05, beta=0.1, layers=0.3))
    assert [s.name for s in ranked] == ["layers", "beta", "epsilon", "learning_rate"]
    numbers = summary(sweeps(epsilon=0.002, learning_rate=0.5, beta=0.1))
    assert numbers["first"] == "α" and numbers["last"] == "ε"
    assert numbers["ratio"] == pytest.approx(250)
    assert numbers["place_beta"] == 2 and numbers["spread_beta"] == pytest.approx(0.1)


def test_the_sentence_states_the_figures_numbers():
    all_nine = {knob.name: 0.1 for knob in sweep.KNOBS} | {"beta1": 0.3, "beta2": 0.2}
    all_nine |= {"learning_rate": 0.5, "epsilon": 0.002}
    ranked = sweep.rank(sweeps(**all_nine))
    sentence = texts.interpret(ranked, "moons")
    assert "learning rate α moved the final dev cost the most (spread 0.500)" in sentence
    assert "250× more than Adam's ε (spread 0.0020)" in sentence
    assert "α is first" in sentence and "1 of 3 is among the last three here (ε)" in sentence
    bars = figures.ranking_bars(ranked)
    assert [bar.x[0] for bar in reversed(bars.data)] == [s.spread for s in ranked]
    second = sweep.rank(sweeps(**all_nine | {"layers": 0.9, "epsilon": 0.0}))
    assert "α is only 2nd here" in texts.interpret(second, "xor")
    assert "barely at all (spread 0.0000)" in texts.interpret(second, "xor")


def test_the_sweep_panels_draw_each_sweeps_costs_on_its_scale_and_one_cost_range():
    data = sweeps(learning_rate=0.5, beta=0.1)
    figure = figures.sweep_panels(list(data.values()))
    alpha, beta = figure.data
    assert list(alpha.y) == [0.5, 1.0] and list(alpha.x) == [0.9, 0.99]
    assert list(beta.x) == pytest.approx([0.1, 0.01])  # 1 − β, labelled with β
    assert list(figure.layout.xaxis2.ticktext) == ["0.9", "0.99"]
    assert figure.layout.xaxis2.autorange == "reversed"
    assert list(figure.layout.yaxis.range) == list(figure.layout.yaxis2.range)
    assert list(figure.layout.yaxis.range) == pytest.approx([0.475, 1.025])


def test_log_axes_are_labelled_at_whole_decades_and_nines_stay_apart():
    decay = figures.tick_values(np.array([0.001, 0.00316, 0.01, 0.0316, 0.1]), log=True)
    assert decay.tolist() == [0.001, 0.01, 0.1]
    units = figures.tick_values(np.array([2.0, 4, 8, 16, 32]), log=True)
    assert units.tolist() == [2, 4, 8, 16, 32]  # no two decades: every swept value
    labels = [figures.tick_label(b, True) for b in (0.99, 0.999, 0.9999, 0.99999)]
    assert labels == ["0.99", "0.999", "0.9999", "0.99999"]  # not "1", "1"


def test_too_much_work_is_refused_naming_the_limit():
    sweep.check_work(Baseline(), 5, 210, 2)
    with pytest.raises(ValueError, match="more than this page computes at once"):
        sweep.check_work(Baseline(batch_size=16), 9, 3500, 2)
