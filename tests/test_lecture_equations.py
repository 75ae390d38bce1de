"""The lecture's equations filled in with a run's numbers: the arithmetic redone on the numbers
shown gives the result shown, and that result is what the engine computed (to the digits shown)."""

from __future__ import annotations

import math

import numpy as np
import pytest
from equation_checks import assert_as_shown

from playground.engine.config import coerce_settings
from playground.engine.course_data import course_data
from playground.engine.equation_numbers import digits_for, exact, number, rounded
from playground.engine.experiment import make_data
from playground.engine.nn import INITIALIZATIONS
from playground.topics.batch_norm import model as bn
from playground.topics.batch_norm.equations import norm_equation
from playground.topics.gradient_checking import model as gc
from playground.topics.gradient_checking.equations import check_equation, components
from playground.topics.initialization import model as init
from playground.topics.initialization.equations import DRAWN, variance_equation
from playground.topics.regularization import techniques as reg
from playground.topics.regularization.equations import (
    Pick,
    dropout_equation,
    l2_equation,
    replay_step,
)
from playground.topics.softmax import model as sm
from playground.topics.softmax.equations import softmax_equation


def test_numbers_are_written_as_rounded():
    assert number(-0.314159) == "-0.3142" and number(0.5) == "0.5000"
    assert number(3.14159e-5) == r"3.142\times10^{-5}" and exact(1e-7) == "10^{-7}"
    assert rounded(-0.314159) == -0.3142 and rounded(0.123456789, 6) == 0.123457
    assert number(0.99999, digits_for(0.99999, 1e-5)) == "0.99999000"
    assert digits_for(0.99999, 1e-5) == 8  # 0.99999000 − 1 keeps 4 digits of −1.000e-5
    assert digits_for(0.5, 0.0) == 4


# -- softmax ------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def softmax_run():
    values = sm.page_values({"epochs": 30, "C": 3})
    run = sm.SoftmaxRun(values, make_data(values))
    run.advance()
    return run


@pytest.mark.parametrize("point", [0, 1, 7])
def test_softmax_equation_reproduces_itself_and_the_network(softmax_run, point):
    data, net = softmax_run.data, softmax_run.net
    x, label = data.X_dev[:, point : point + 1], int(data.Y_dev[0, point])
    example = sm.worked_example(sm.logits(net, x)[:, 0], label)
    AL = net.forward(x)[:, 0]  # the engine's softmax output
    by_differences = sm.finite_difference_dz(example.z, label)
    for j in range(data.n_classes):
        eq = softmax_equation(example, j)
        d = eq.digits
        assert_as_shown(math.exp(eq.z_j), eq.t_j, d)
        assert_as_shown(eq.t_j / eq.sum_t, eq.a_j, d)
        assert_as_shown(-math.log(eq.a_label), eq.loss)
        assert_as_shown(eq.a_j - eq.y_j, eq.dz_j)
        assert eq.a_j == rounded(AL[j], d) and eq.a_label == rounded(AL[label], d)
        assert eq.loss == rounded(net.cost(AL[:, None], np.array([[label]])))
        assert eq.dz_j == rounded(AL[j] - (j == label))
        assert abs(by_differences[j] - (AL[j] - (j == label))) < 1e-6  # without the formula
        for value in (eq.t_j, eq.sum_t, eq.a_j, eq.a_label):
            assert number(value, d) in eq.latex
        assert number(eq.loss) in eq.latex and number(eq.dz_j) in eq.latex


# -- initialization -----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def init_runs():
    values = init.page_values({"epochs": 5})
    data = course_data(values["ds"], values["m"], values["noise"], values["dseed"])
    return values, init.make_runs(values, data)


@pytest.mark.parametrize("start", DRAWN)
def test_variance_equation_is_the_lectures_rule_and_the_drawn_weights(init_runs, start):
    values, runs = init_runs
    net = runs[start].initial_net
    for layer in range(1, net.L + 1):
        eq = variance_equation(net, start, layer, values["iscale"])
        W = net.params[f"W{layer}"]
        assert (eq.n, eq.n_prev) == W.shape == (net.layer_dims[layer], net.layer_dims[layer - 1])
        engine_scale = INITIALIZATIONS[start](eq.n_prev, eq.n, values["iscale"])
        assert eq.target == rounded(engine_scale**2) and eq.scale == rounded(engine_scale)
        if start != "random":
            assert_as_shown(eq.numerator / eq.n_prev, eq.target)
        assert_as_shown(eq.scale**2, eq.target)
        assert_as_shown(eq.square_sum / eq.count, eq.measured)
        assert eq.measured == rounded(np.var(W)) and eq.count == W.size
        for value in (eq.scale, eq.target, eq.square_sum, eq.measured):
            assert number(value) in eq.latex
        assert f"\\mathrm{{randn}}({eq.n}, {eq.n_prev})" in eq.latex


# -- gradient checking --------------------------------------------------------------------------


@pytest.mark.parametrize("bug", list(gc.PLANTED_BUGS))
def test_check_equation_reproduces_the_checks_differences(bug):
    result = gc.check_network(bug, 0.7, "tanh", 1, 1e-6)
    net, X, Y = gc.check_network_data("tanh", 1)
    found = components(net.params)
    assert [c.label for c in found[:3]] == ["W1[1,1]", "W1[1,2]", "W1[2,1]"]
    assert len(found) == result.grad.size and found[-1].label == "b3[1]"
    for component in (found[0], found[9], found[-1]):
        i = component.index
        eq = check_equation(result, component)
        assert_as_shown(eq.cost_plus - eq.cost_minus, eq.change)
        assert_as_shown(eq.change / (2 * eq.epsilon), eq.approx)
        assert_as_shown(eq.gap_norm / (eq.approx_norm + eq.grad_norm), eq.difference)
        assert eq.approx == rounded(result.gradapprox[i]) and eq.grad == rounded(result.grad[i])
        assert eq.difference == rounded(result.difference) and eq.epsilon == 1e-6
        if bug == "none":  # no dropout: J(θ ± ε e_i) again, by hand
            for sign, cost in ((1, eq.cost_plus), (-1, eq.cost_minus)):
                moved = net.copy()
                moved.params.flat[i] += sign * 1e-6
                J = moved.cost(moved.forward(X), Y, lambd=0.7)
                assert cost == rounded(J, eq.cost_digits)
        for value in (eq.change, eq.approx, eq.grad, eq.difference):
            assert number(value) in eq.latex
        assert number(eq.cost_plus, eq.cost_digits) in eq.latex and component.latex in eq.latex


# -- batch norm ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def bn_run():
    values = bn.page_values({"epochs": 20, "layers": 3, "width": 8})
    run = bn.make_runs(values | {"zl": 2}, make_data(values))["BN"]
    run.advance()
    return run


def test_norm_equation_reproduces_itself_and_the_networks_z_tilde(bn_run):
    assert [s.epoch for s in bn_run.snapshots] == [0, 1, 5, 20]
    last = bn_run.snapshots[-1]
    np.testing.assert_array_equal(last.gamma, bn_run.net.params["gamma2"])
    assert not np.array_equal(last.gamma, bn_run.snapshots[0].gamma)  # γ learned
    for snapshot in bn_run.snapshots:
        for unit, example in ((0, 0), (3, 5), (7, 119)):
            eq = norm_equation(snapshot, 2, unit, example)
            assert_as_shown(eq.z_sum / eq.m, eq.mu)
            assert_as_shown(eq.square_sum / eq.m, eq.variance)
            assert_as_shown((eq.z - eq.mu) / math.sqrt(eq.variance + 1e-5), eq.z_norm)
            assert_as_shown(eq.gamma * eq.z_norm + eq.beta, eq.z_tilde)
            engine = snapshot.Z_tilde[unit, example]
            assert eq.z_tilde == rounded(engine) and eq.m == bn_run.data.X_train.shape[1]
            assert eq.z == rounded(snapshot.Z[unit, example], eq.z_digits)
            row = snapshot.Z[unit]
            by_formula = (row[example] - row.mean()) / np.sqrt(row.var() + 1e-5)
            gamma, beta = snapshot.gamma[unit, 0], snapshot.beta[unit, 0]
            assert abs(gamma * by_formula + beta - engine) < 1e-9  # the engine's z̃ is this one
            for value in (eq.z_sum, eq.square_sum, eq.variance, eq.z_tilde):
                assert number(value) in eq.latex


# -- regularization: L2 and inverted dropout ------------------------------------------------------


def regularization_values(**changes):
    small = {"epochs": 12, "h1": 8, "h2": 8, "h3": 8, "n": 120}
    return coerce_settings(reg.TABLE, small | changes)


@pytest.mark.parametrize("opt, bs", [("gd", "full"), ("adam", "full"), ("momentum", "32")])
def test_l2_equation_is_the_runs_own_update(opt, bs):
    values = regularization_values(reg="L2", opt=opt, bs=bs, lr=0.03)
    data = make_data(reg.data_values(values))
    run = reg.make_runs(values, data)["L2"]
    for epoch in (1, 5, 12):
        pick = Pick(2, 3, 1)
        step = replay_step(values, data, epoch, pick)
        assert step.batch == (32 if bs == "32" else data.X_train.shape[1])
        eq = l2_equation(step, pick, values["l2"], opt)
        assert_as_shown(eq.backprop + eq.lambd / eq.m * eq.W, eq.dW)
        if opt == "gd":
            assert_as_shown(eq.W - eq.learning_rate * eq.dW, eq.W_after)  # W := W − α dW
            decay = (1 - eq.learning_rate * eq.lambd / eq.m) * eq.W
            assert_as_shown(decay - eq.learning_rate * eq.backprop, eq.W_after)  # weight decay
        assert_as_shown(eq.W + eq.step, eq.W_after)
        if opt != "gd":  # the optimizer's step: Δ with a subscript of its own (KaTeX knows no
            # \DeltaW, and W^{[2]}_{4,2}_{adam} is a double subscript it refuses to draw)
            assert rf"+ \Delta_{{\text{{{opt}}}}} W^{{[2]}}_{{4,2}} = " in eq.latex, eq.latex
        # the engine's own numbers: its run, trained to the epoch, holds W_after (full batch:
        # one step per epoch); backprop's part is a backward pass without λ on the same batch
        run.train_until(epoch)
        if bs == "full":
            assert step.W_after == run.net.params["W2"][3, 1]
        probe = reg.make_runs(values, data)["L2"]
        probe.train_until(epoch - 1)
        assert probe.net.params["W2"][3, 1] == step.W
        if bs == "full":
            probe.net._forward(data.X_train, training=True)
            plain = probe.net._backward(data.Y_train.astype(float), 0.0, 0.0)["dW2"][3, 1]
            assert eq.backprop == rounded(plain)
        for value in (eq.backprop, eq.dW):
            assert number(value) in eq.latex
        assert number(eq.W_after, eq.W_digits) in eq.latex


def test_dropout_equation_is_the_runs_own_mask():
    values = regularization_values(reg="dropout", kp2=0.5)
    data = make_data(reg.data_values(values))
    masks = set()
    for epoch, unit, example in ((1, 0, 0), (3, 5, 7), (9, 2, 40), (9, 3, 41), (9, 4, 42)):
        pick = Pick(2, unit, example=example)
        step = replay_step(values, data, epoch, pick)
        eq = dropout_equation(step, pick, values["kp2"])
        assert step.d in (0.0, 1 / 0.5) and eq.kept == (step.d > 0)
        assert_as_shown(eq.a * eq.kept / eq.keep_prob, eq.a_dropped)
        assert eq.a_dropped == rounded(step.a * step.d) and eq.a == rounded(step.a)
        assert f"= {int(eq.kept)}" in eq.latex and number(eq.a) in eq.latex
        masks.add(eq.kept)
    assert masks == {True, False}  # keep_prob 0.5: some units kept, some dropped
