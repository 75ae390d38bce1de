"""Optimizers: each update rule recomputed by hand from its formula and compared step by step.

In the style of scikit-learn's test_stochastic_optimizers.py: the expected values below are
written out from the formulas in the course (not read from playground.optim), so a change to an
update rule, a default hyperparameter or the bias correction shows up as a mismatch.
"""

from __future__ import annotations

import numpy as np
import pytest

from playground.engine.optim import (
    AdaGrad,
    Adam,
    GradientDescent,
    Momentum,
    Nesterov,
    Optimizer,
    RMSprop,
    make_optimizer,
)
from playground.engine.params import ParamDict

NAMES = ["gd", "momentum", "nesterov", "adagrad", "rmsprop", "adam"]
SHAPES = {"W1": (3, 2), "b1": (3, 1)}
N_STEPS = 3

# The course defaults, written out literally (not imported) so the test checks them.
DEFAULT_HYPER = {
    "gd": {},
    "momentum": {"beta": 0.9},
    "nesterov": {"beta": 0.9},
    "adagrad": {"epsilon": 1e-8},
    "rmsprop": {"beta": 0.9, "epsilon": 1e-8},
    "adam": {"beta1": 0.9, "beta2": 0.999, "epsilon": 1e-8},
}
CUSTOM_HYPER = {
    "gd": {},
    "momentum": {"beta": 0.5},
    "nesterov": {"beta": 0.7},
    "adagrad": {"epsilon": 1e-3},
    "rmsprop": {"beta": 0.8, "epsilon": 1e-4},
    "adam": {"beta1": 0.8, "beta2": 0.95, "epsilon": 1e-3},
}


def make_params(seed: int = 0) -> dict[str, np.ndarray]:
    rng = np.random.default_rng(seed)
    return {key: rng.standard_normal(shape) for key, shape in SHAPES.items()}


def make_grads(n_steps: int = N_STEPS, seed: int = 1) -> list[dict[str, np.ndarray]]:
    """``n_steps`` different gradient dicts dW1, db1."""
    rng = np.random.default_rng(seed)
    return [
        {"d" + key: rng.standard_normal(shape) for key, shape in SHAPES.items()}
        for _ in range(n_steps)
    ]


def copy_dict(d: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    return {key: value.copy() for key, value in d.items()}


def by_hand(
    name: str,
    params: dict[str, np.ndarray],
    grads_seq: list[dict[str, np.ndarray]],
    learning_rates: list[float],
    hyper: dict[str, float],
    bias_correction: bool = True,
) -> list[dict[str, np.ndarray]]:
    """The parameters after each step, recomputed from the formulas with fresh arrays."""
    W = copy_dict(params)
    v = {key: np.zeros_like(value) for key, value in W.items()}
    s = {key: np.zeros_like(value) for key, value in W.items()}
    after = []
    for t, (grads, lr) in enumerate(zip(grads_seq, learning_rates, strict=True), start=1):
        for key in W:
            dW = grads["d" + key]
            if name == "gd":
                W[key] = W[key] - lr * dW
            elif name == "momentum":
                beta = hyper["beta"]
                v[key] = beta * v[key] + (1 - beta) * dW
                W[key] = W[key] - lr * v[key]
            elif name == "nesterov":
                # Docstring: v = β v + (1 − β) dW;  W -= α (β v + (1 − β) dW), with the new v.
                beta = hyper["beta"]
                v[key] = beta * v[key] + (1 - beta) * dW
                W[key] = W[key] - lr * (beta * v[key] + (1 - beta) * dW)
            elif name == "adagrad":
                s[key] = s[key] + dW**2
                W[key] = W[key] - lr * dW / (np.sqrt(s[key]) + hyper["epsilon"])
            elif name == "rmsprop":
                beta = hyper["beta"]
                s[key] = beta * s[key] + (1 - beta) * dW**2
                W[key] = W[key] - lr * dW / (np.sqrt(s[key]) + hyper["epsilon"])
            elif name == "adam":
                beta1, beta2 = hyper["beta1"], hyper["beta2"]
                v[key] = beta1 * v[key] + (1 - beta1) * dW
                s[key] = beta2 * s[key] + (1 - beta2) * dW**2
                if bias_correction:
                    v_hat = v[key] / (1 - beta1**t)
                    s_hat = s[key] / (1 - beta2**t)
                else:
                    v_hat, s_hat = v[key], s[key]
                W[key] = W[key] - lr * v_hat / (np.sqrt(s_hat) + hyper["epsilon"])
            else:  # pragma: no cover - a typo in NAMES
                raise AssertionError(name)
        after.append(copy_dict(W))
    return after


def assert_params_close(actual, expected, rtol=1e-12):
    assert set(actual) == set(expected)
    for key in expected:
        np.testing.assert_allclose(actual[key], expected[key], rtol=rtol, atol=0, err_msg=key)


# ----------------------------------------------------------------------------- the update rules
@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize(
    ("learning_rate", "hyper_set"), [(0.1, "default"), (0.05, "custom")], ids=["default", "custom"]
)
def test_first_three_steps_match_the_formula(name, learning_rate, hyper_set):
    hyper = DEFAULT_HYPER[name] if hyper_set == "default" else CUSTOM_HYPER[name]
    params = make_params()
    grads_seq = make_grads()
    expected = by_hand(name, params, grads_seq, [learning_rate] * N_STEPS, hyper)

    # Defaults are exercised by passing nothing; custom values by passing them by name.
    optimizer = make_optimizer(name, learning_rate, **({} if hyper_set == "default" else hyper))
    for key, value in hyper.items():
        assert getattr(optimizer, key) == value
    before = copy_dict(params)
    for t, grads in enumerate(grads_seq, start=1):
        optimizer.update(params, grads)
        assert optimizer.t == t
        assert_params_close(params, expected[t - 1])
    # The steps did something (the comparison above is not between two unchanged arrays).
    for key in params:
        assert not np.allclose(params[key], before[key])


def test_default_hyperparameters_are_the_course_values():
    assert Momentum(0.1).beta == 0.9
    assert Nesterov(0.1).beta == 0.9
    assert AdaGrad(0.1).epsilon == 1e-8
    rms = RMSprop(0.1)
    assert (rms.beta, rms.epsilon) == (0.9, 1e-8)
    adam = Adam(0.1)
    assert (adam.beta1, adam.beta2, adam.epsilon) == (0.9, 0.999, 1e-8)
    assert adam.bias_correction is True


@pytest.mark.parametrize(
    ("name", "cls"),
    [
        ("gd", GradientDescent),
        ("momentum", Momentum),
        ("nesterov", Nesterov),
        ("adagrad", AdaGrad),
        ("rmsprop", RMSprop),
        ("adam", Adam),
    ],
)
def test_make_optimizer_builds_the_named_class(name, cls):
    optimizer = make_optimizer(name, 0.01)
    assert type(optimizer) is cls
    assert optimizer.learning_rate == 0.01
    assert repr(optimizer).startswith(f"{cls.__name__}(learning_rate=0.01")


def test_nesterov_differs_from_momentum():
    params_m, params_n = make_params(), make_params()
    momentum, nesterov = make_optimizer("momentum", 0.1), make_optimizer("nesterov", 0.1)
    for grads in make_grads():
        momentum.update(params_m, grads)
        nesterov.update(params_n, grads)
    assert not np.allclose(params_m["W1"], params_n["W1"])


# ------------------------------------------------------------------------- momentum's two forms
@pytest.mark.parametrize("beta", [0.9, 0.5])
def test_momentum_sum_form_drops_the_one_minus_beta(beta):
    """form="sum": v = βv + dW; W -= α v (scikit-learn's and PyTorch's momentum)."""
    params, grads_seq = make_params(), make_grads()
    W, v = copy_dict(params), {key: np.zeros_like(value) for key, value in params.items()}
    optimizer = make_optimizer("momentum", 0.1, beta=beta, form="sum")
    assert optimizer.form == "sum" and "form='sum'" in repr(optimizer)
    for grads in grads_seq:
        for key in W:
            v[key] = beta * v[key] + grads["d" + key]
            W[key] = W[key] - 0.1 * v[key]
        optimizer.update(params, grads)
        assert_params_close(params, W)


def test_momentum_sum_form_is_the_average_form_with_alpha_over_one_minus_beta():
    summed, averaged = make_params(), make_params()
    sum_form = Momentum(0.02, form="sum", beta=0.9)
    average_form = Momentum(0.02 / (1 - 0.9), beta=0.9)
    assert average_form.form == "average"
    for grads in make_grads(20):
        sum_form.update(summed, grads)
        average_form.update(averaged, grads)
    assert_params_close(summed, averaged, rtol=1e-10)


@pytest.mark.parametrize(("form", "factor"), [("average", 1.0), ("sum", 10.0)])
def test_on_a_steady_gradient_the_sum_form_steps_1_over_1_minus_beta_farther(form, factor):
    w, dw = {"w": np.zeros(1)}, {"dw": np.ones(1)}
    optimizer = Momentum(0.01, form=form, beta=0.9)
    for _ in range(300):
        before = w["w"].copy()
        optimizer.update(w, dw)
    assert (before - w["w"])[0] == pytest.approx(factor * 0.01 * 1.0)


def test_an_unknown_momentum_form_is_refused():
    with pytest.raises(ValueError, match="form must be one of 'average', 'sum'; got 'nesterov'"):
        make_optimizer("momentum", 0.1, form="nesterov")


# ------------------------------------------------------------------------- Adam's bias correction
@pytest.mark.parametrize("hyper", [{}, {"beta1": 0.8, "beta2": 0.95, "epsilon": 1e-3}])
def test_adam_without_bias_correction_matches_the_uncorrected_formula(hyper):
    full_hyper = {**DEFAULT_HYPER["adam"], **hyper}
    params = make_params()
    grads_seq = make_grads()
    expected = by_hand("adam", params, grads_seq, [0.1] * N_STEPS, full_hyper, False)
    corrected = by_hand("adam", params, grads_seq, [0.1] * N_STEPS, full_hyper, True)

    optimizer = make_optimizer("adam", 0.1, bias_correction=False, **hyper)
    assert optimizer.bias_correction is False
    for t, grads in enumerate(grads_seq, start=1):
        optimizer.update(params, grads)
        assert_params_close(params, expected[t - 1])
        assert not np.allclose(params["W1"], corrected[t - 1]["W1"])


def test_adam_first_step_moves_each_coordinate_by_learning_rate_times_sign():
    # Gradients over six orders of magnitude: the corrected first step ignores the scale.
    params = {"W1": np.zeros((3, 2)), "b1": np.zeros((3, 1))}
    grads = {
        "dW1": np.array([[1e-3, -2.0], [50.0, -1e3], [0.3, -0.07]]),
        "db1": np.array([[-4.0], [1e2], [-1e-2]]),
    }
    learning_rate = 0.01
    make_optimizer("adam", learning_rate).update(params, grads)
    for key in params:
        np.testing.assert_allclose(
            params[key], -learning_rate * np.sign(grads["d" + key]), rtol=2e-5
        )  # |dW| / (|dW| + ε) with |dW| ≥ 1e-3 and ε = 1e-8

    # Without the correction the first step is α (1 − β₁)/√(1 − β₂) · sign(dW) ≈ 3.16 α (up to
    # ε, which now weighs against √(1 − β₂)|dW| instead of |dW|).
    uncorrected = {"W1": np.zeros((3, 2)), "b1": np.zeros((3, 1))}
    make_optimizer("adam", learning_rate, bias_correction=False).update(uncorrected, grads)
    factor = (1 - 0.9) / np.sqrt(1 - 0.999)
    for key in uncorrected:
        np.testing.assert_allclose(
            uncorrected[key], -learning_rate * factor * np.sign(grads["d" + key]), rtol=1e-3
        )


def test_adam_step_counter_counts_update_calls_not_arrays():
    optimizer = make_optimizer("adam", 0.1)
    params = make_params()
    for grads in make_grads():
        optimizer.update(params, grads)
    # Two arrays per call, three calls: t is 3, and the bias correction used t = 1, 2, 3.
    assert optimizer.t == 3


# ----------------------------------------------------------------------------- flat fast path
def to_param_dicts(params, grads=None):
    """A ParamDict holding ``params`` and a gradient ParamDict that mirrors it."""
    flat_params = ParamDict(SHAPES)
    flat_params.update(params)
    flat_grads = ParamDict({"d" + key: shape for key, shape in SHAPES.items()}, mirrors=flat_params)
    if grads is not None:
        flat_grads.update(grads)
    return flat_params, flat_grads


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("hyper_set", ["default", "custom"])
def test_flat_fast_path_equals_the_per_key_path(name, hyper_set, monkeypatch):
    hyper = {} if hyper_set == "default" else CUSTOM_HYPER[name]
    plain = make_params()
    flat_params, flat_grads = to_param_dicts(plain)
    per_key = make_optimizer(name, 0.05, **hyper)
    fast = make_optimizer(name, 0.05, **hyper)

    # Record what the fast optimizer's step sees, to prove the flat path is the one taken.
    seen = []
    original_step = fast.step

    def spy(key, param, grad):
        seen.append((key, param, grad))
        return original_step(key, param, grad)

    monkeypatch.setattr(fast, "step", spy)

    for grads in make_grads():
        flat_grads.update(grads)
        fast.update(flat_params, flat_grads)
        per_key.update(plain, grads)
        for key in plain:
            np.testing.assert_array_equal(flat_params[key], plain[key], err_msg=key)

    assert len(seen) == N_STEPS  # one step per update, on the whole flat vector
    for _, param, grad in seen:
        assert param is flat_params.flat
        assert grad is flat_grads.flat
    # The named views still agree with the flat buffer.
    np.testing.assert_array_equal(
        flat_params.flat, np.concatenate([plain[key].ravel() for key in SHAPES])
    )
    if name != "gd":
        assert set(per_key.state) == set(SHAPES)
        assert len(fast.state) == 1


@pytest.mark.parametrize("name", NAMES)
def test_param_dicts_that_do_not_mirror_each_other_take_the_per_key_path(name):
    plain = make_params()
    params_a, _ = to_param_dicts(plain)
    params_b, _ = to_param_dicts(plain)
    # Gradients in a ParamDict that mirrors a different ParamDict, and in one mirroring nothing.
    other, grads_of_other = to_param_dicts(plain)
    unmirrored = ParamDict({"d" + key: shape for key, shape in SHAPES.items()})
    per_key, mirror_other, no_mirror = (make_optimizer(name, 0.05) for _ in range(3))
    for grads in make_grads():
        grads_of_other.update(grads)
        unmirrored.update(grads)
        per_key.update(plain, grads)
        mirror_other.update(params_a, grads_of_other)
        no_mirror.update(params_b, unmirrored)
        for key in plain:
            np.testing.assert_array_equal(params_a[key], plain[key], err_msg=key)
            np.testing.assert_array_equal(params_b[key], plain[key], err_msg=key)
    if name != "gd":
        assert set(mirror_other.state) == set(SHAPES)
        assert set(no_mirror.state) == set(SHAPES)
    # The ParamDict the gradients mirror was not the one updated.
    np.testing.assert_array_equal(other["W1"], make_params()["W1"])


# ----------------------------------------------------------------------------- state and α
@pytest.mark.parametrize("name", NAMES)
def test_learning_rate_change_between_steps_takes_effect(name):
    learning_rates = [0.1, 0.01, 0.3]
    params = make_params()
    grads_seq = make_grads()
    expected = by_hand(name, params, grads_seq, learning_rates, DEFAULT_HYPER[name])
    constant = by_hand(name, params, grads_seq, [0.1] * N_STEPS, DEFAULT_HYPER[name])
    optimizer = make_optimizer(name, learning_rates[0])
    for t, (grads, lr) in enumerate(zip(grads_seq, learning_rates, strict=True), start=1):
        optimizer.learning_rate = lr
        optimizer.update(params, grads)
        assert_params_close(params, expected[t - 1])
    assert not np.allclose(params["W1"], constant[-1]["W1"])


@pytest.mark.parametrize(
    ("name", "buffers"),
    [
        ("gd", set()),
        ("momentum", {"v"}),
        ("nesterov", {"v"}),
        ("adagrad", {"s"}),
        ("rmsprop", {"s"}),
        ("adam", {"v", "s"}),
    ],
)
def test_state_is_created_on_first_use(name, buffers):
    optimizer = make_optimizer(name, 0.1)
    assert optimizer.state == {}
    assert optimizer.t == 0
    params = make_params()
    optimizer.update(params, make_grads(1)[0])
    if not buffers:
        assert optimizer.state == {}
        return
    assert set(optimizer.state) == set(SHAPES)
    for key, shape in SHAPES.items():
        assert buffers <= set(optimizer.state[key])
        for buffer in buffers:
            assert optimizer.state[key][buffer].shape == shape
            assert not np.shares_memory(optimizer.state[key][buffer], params[key])


def test_state_is_per_optimizer_instance():
    first, second = make_optimizer("momentum", 0.1), make_optimizer("momentum", 0.1)
    first.update(make_params(), make_grads(1)[0])
    assert second.state == {}
    assert second.t == 0


@pytest.mark.parametrize("name", NAMES)
def test_missing_gradient_raises_naming_the_key(name):
    grads = make_grads(1)[0]
    del grads["db1"]
    with pytest.raises(ValueError, match="'db1'") as info:
        make_optimizer(name, 0.1).update(make_params(), grads)
    assert "b1" in str(info.value)


def test_base_class_step_is_abstract():
    with pytest.raises(NotImplementedError):
        Optimizer(0.1).update(make_params(), make_grads(1)[0])


# ----------------------------------------------------------------------------- argument checks
def test_unknown_name_lists_the_allowed_names():
    with pytest.raises(ValueError, match="optimizer") as info:
        make_optimizer("sgd", 0.1)
    message = str(info.value)
    assert "'sgd'" in message
    for name in NAMES:
        assert repr(name) in message


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("learning_rate", [0.0, -0.1, 1e3, float("inf"), float("nan")])
def test_learning_rate_out_of_range_raises(name, learning_rate):
    with pytest.raises(ValueError, match="learning_rate"):
        make_optimizer(name, learning_rate)


@pytest.mark.parametrize("learning_rate", ["0.1", None, True])
def test_learning_rate_must_be_a_number(learning_rate):
    with pytest.raises(ValueError, match="learning_rate"):
        make_optimizer("gd", learning_rate)


def test_learning_rate_accepts_numpy_scalars_and_ints():
    assert make_optimizer("gd", np.float64(0.5)).learning_rate == 0.5
    assert make_optimizer("gd", 1).learning_rate == 1.0


@pytest.mark.parametrize(
    ("name", "hyper_name"),
    [
        ("momentum", "beta"),
        ("nesterov", "beta"),
        ("rmsprop", "beta"),
        ("adam", "beta1"),
        ("adam", "beta2"),
    ],
)
@pytest.mark.parametrize("value", [1.0, 1.5, -0.1, -1e-12, float("nan")])
def test_beta_outside_zero_one_raises(name, hyper_name, value):
    with pytest.raises(ValueError, match=hyper_name):
        make_optimizer(name, 0.1, **{hyper_name: value})


@pytest.mark.parametrize("name", ["momentum", "nesterov"])
def test_beta_zero_is_allowed_and_momentum_then_equals_gd(name):
    optimizer = make_optimizer(name, 0.1, beta=0.0)
    assert optimizer.beta == 0.0
    params, reference = make_params(), make_params()
    for grads in make_grads():
        optimizer.update(params, grads)
        for key in reference:
            reference[key] -= 0.1 * grads["d" + key]
    assert_params_close(params, reference)


@pytest.mark.parametrize("name", ["adagrad", "rmsprop", "adam"])
@pytest.mark.parametrize("value", [-1e-8, 1.5])
def test_epsilon_out_of_range_raises(name, value):
    with pytest.raises(ValueError, match="epsilon"):
        make_optimizer(name, 0.1, epsilon=value)


@pytest.mark.parametrize(
    ("name", "bad", "allowed"),
    [
        ("gd", "beta", "none"),
        ("momentum", "beta1", "beta"),
        ("adagrad", "beta", "epsilon"),
        ("adam", "betta", "beta1"),
        ("rmsprop", "momentum", "epsilon"),
    ],
)
def test_unknown_hyperparameter_raises(name, bad, allowed):
    with pytest.raises(ValueError, match="unknown hyperparameter") as info:
        make_optimizer(name, 0.1, **{bad: 0.5})
    assert repr(bad) in str(info.value)
    assert allowed in str(info.value)


# ----------------------------------------------------------------------------- behaviour
def test_momentum_converges_on_a_one_dimensional_quadratic():
    """J(w) = (w − 5)², dJ/dw = 2 (w − 5)."""
    params = {"w": np.array([0.0])}
    optimizer = make_optimizer("momentum", 0.1)
    for _ in range(500):
        optimizer.update(params, {"dw": 2 * (params["w"] - 5.0)})
    np.testing.assert_allclose(params["w"], [5.0], atol=1e-6)


def _quadratic_loss_after(name, learning_rate, n_steps):
    """J(x, y) = ½ (x² + 100 y²) from (1, 1): an elongated bowl, as in the course's pictures."""
    curvature = np.array([1.0, 100.0])
    params = {"w": np.array([1.0, 1.0])}
    optimizer = make_optimizer(name, learning_rate)
    with np.errstate(over="ignore", invalid="ignore"):
        for _ in range(n_steps):
            optimizer.update(params, {"dw": curvature * params["w"]})
        return float(0.5 * np.sum(curvature * params["w"] ** 2))


def test_momentum_damps_oscillations_on_an_elongated_bowl():
    # At α = 0.1 gradient descent overshoots along y (|1 − 100α| = 9 > 1) and diverges;
    # momentum averages the alternating y-gradients away and converges.
    start = 0.5 * 101.0
    assert _quadratic_loss_after("gd", 0.1, 20) > start
    assert _quadratic_loss_after("momentum", 0.1, 200) < 1e-6
    # Even gradient descent at its best stable rate (α just under 2/100) ends far higher.
    assert _quadratic_loss_after("gd", 0.019, 200) > 100 * _quadratic_loss_after(
        "momentum", 0.1, 200
    )
