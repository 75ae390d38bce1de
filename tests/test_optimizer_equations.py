"""The update rules with one weight's numbers (``optimizer_equations``) and the trace behind them
(``Optimizer.watch``): every number shown is the optimizer's own, and substituting the numbers
shown into the lecture's formula gives the value shown, to the precision shown."""

from __future__ import annotations

import math

import numpy as np
import pytest
from equation_checks import check_line

from playground.engine.data import make_dataset
from playground.engine.equation_numbers import read_number
from playground.engine.nn import Network
from playground.engine.optim import Adam, Momentum, make_optimizer
from playground.engine.optimizer_equations import lines
from playground.engine.train import train


def _gd(w, a, g):
    return w - a * g


def _average(b, old, c, new):
    return b * old + c * new


def _average_sq(b, old, c, g):
    return b * old + c * g * g


def _root(w, a, top, s, eps):
    return w - a * top / (math.sqrt(s) + eps)


FORMULAS = {
    "gd": [_gd],
    "momentum": [_average, lambda w, a, v: w - a * v],
    "momentum_sum": [lambda b, old, g: b * old + g, lambda w, a, v: w - a * v],
    "nesterov": [_average, lambda w, a, b, v, c, g: w - a * (b * v + c * g)],
    "adagrad": [lambda old, g: old + g * g, _root],
    "rmsprop": [_average_sq, _root],
    "adam_raw": [_average, _average_sq, _root],
}
"""The lecture's formula of each line, written independently of the code under test."""


def _adam_formulas(t: int) -> list:
    return [
        _average,
        _average_sq,
        lambda v, b1: v / (1 - b1**t),
        lambda s, b2: s / (1 - b2**t),
        _root,
    ]


def _optimizers() -> dict[str, object]:
    return {
        "gd": make_optimizer("gd", 0.05),
        "momentum": make_optimizer("momentum", 0.05, beta=0.9),
        "momentum_sum": Momentum(0.05, form="sum", beta=0.8),
        "nesterov": make_optimizer("nesterov", 0.05, beta=0.9),
        "adagrad": make_optimizer("adagrad", 0.05),
        "rmsprop": make_optimizer("rmsprop", 0.01, beta=0.9),
        "adam": make_optimizer("adam", 0.01),
        "adam_raw": Adam(0.01, bias_correction=False),
    }


def _actual(name: str, trace, i: int, optimizer) -> list[float]:
    """The values each line's result must show: the optimizer's own (v̂, ŝ from its v, s)."""
    v = trace.state.get("v", [None] * len(trace))[i]
    s = trace.state.get("s", [None] * len(trace))[i]
    if name == "gd":
        return [trace.weight[i]]
    if name in ("momentum", "momentum_sum", "nesterov"):
        return [v, trace.weight[i]]
    if name in ("adagrad", "rmsprop"):
        return [s, trace.weight[i]]
    if name == "adam_raw":
        return [v, s, trace.weight[i]]
    t = trace.t[i]
    return [v, s, v / (1 - optimizer.beta1**t), s / (1 - optimizer.beta2**t), trace.weight[i]]


def _train_watched(optimizer, key="W1", index=(0, 1), epochs=4):
    X, Y = make_dataset("moons", 120, noise=0.2, seed=1)
    net = Network([2, 4, 3, 1], seed=2)
    trace = optimizer.watch(key, index)
    train(net, X, Y, optimizer, epochs, batch_size=32, seed=5)
    return net, trace


@pytest.mark.parametrize("name", list(_optimizers()))
def test_the_numbers_shown_reproduce_every_value_the_optimizer_produced(name):
    optimizer = _optimizers()[name]
    net, trace = _train_watched(optimizer)
    assert len(trace) == 4 * 4  # 4 epochs of 120 examples in batches of 32
    assert trace.weight[-1] == net.params["W1"][0, 1]
    for step in (1, 2, 9, len(trace)):
        i = step - 1
        shown = lines(optimizer, trace, step)
        formulas = _adam_formulas(trace.t[i]) if name == "adam" else FORMULAS[name]
        assert len(shown) == len(formulas)
        for line, formula, actual in zip(
            shown, formulas, _actual(name, trace, i, optimizer), strict=True
        ):
            check_line(line, formula, actual)
        update = shown[-1]
        assert update.assign and update.lhs == "W"
        before, half = read_number(update.numbers[0])  # W before the step, the run's own
        assert abs(before - trace.weight_before[i]) <= half


@pytest.mark.parametrize("name", ["gd", "momentum", "rmsprop", "adam"])
def test_watching_a_weight_changes_nothing_in_the_run(name):
    watched, trace = _train_watched(make_optimizer(name, 0.01))
    X, Y = make_dataset("moons", 120, noise=0.2, seed=1)
    plain = Network([2, 4, 3, 1], seed=2)
    train(plain, X, Y, make_optimizer(name, 0.01), 4, batch_size=32, seed=5)
    np.testing.assert_array_equal(watched.params.flat, plain.params.flat)
    assert trace.t == list(range(1, len(trace) + 1))
    assert trace.weight_before[1:] == trace.weight[:-1]
    assert trace.learning_rate == [0.01] * len(trace)


def test_a_trace_follows_the_weight_on_plain_dicts_and_its_state():
    optimizer = make_optimizer("adam", 0.1)
    w = np.array([[1.0, 2.0], [3.0, 4.0]])
    trace = optimizer.watch("w", (1, 0))
    for _ in range(3):
        optimizer.update({"w": w}, {"dw": 2 * w})
    assert trace.weight[-1] == w[1, 0]
    assert trace.state["v"][-1] == optimizer.state["w"]["v"][1, 0]
    assert trace.state_before["v"][0] == 0.0
    assert trace.state_before["s"][1:] == trace.state["s"][:-1]
    assert set(trace.state) == {"v", "s"}  # Adam's scratch buffer is not a state


def test_watching_a_weight_that_does_not_exist_names_it():
    optimizer = make_optimizer("gd", 0.1)
    optimizer.watch("W1", (5, 0))
    with pytest.raises(ValueError, match=r"index \(5, 0\) is not in W1"):
        _train_watched(optimizer, key="W1", index=(5, 0))
    with pytest.raises(ValueError, match="cannot watch 'W9'"):
        _train_watched(make_optimizer("gd", 0.1), key="W9")
    on_a_surface = make_optimizer("gd", 0.1)
    on_a_surface.watch("v", (0,))
    with pytest.raises(ValueError, match="cannot watch 'v'"):  # not silently unrecorded
        on_a_surface.update({"w": np.zeros(2)}, {"dw": np.ones(2)})


def test_a_step_not_recorded_is_refused():
    optimizer = make_optimizer("gd", 0.1)
    _, trace = _train_watched(optimizer, epochs=1)
    with pytest.raises(ValueError, match="step"):
        lines(optimizer, trace, len(trace) + 1)
