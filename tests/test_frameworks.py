"""Autodiff against hand derivatives and finite differences; the sklearn adapter."""

import math

import numpy as np
import pytest

from playground.engine.data import make_dataset, split
from playground.engine.gradcheck import numerical_derivative
from playground.topics.frameworks.model import (
    COSTS,
    SklearnNetwork,
    Value,
    cost_and_derivative,
    fit_sklearn,
    minimize,
)

EXPRESSIONS = [
    lambda w: w**2 - 10 * w + 25,
    lambda w: (w - 2) ** 4 + w**2 / 2,
    lambda w: (w * 3 + 1).exp() / (w**2 + 1),
    lambda w: (w**2 + 1).log() * w - 4 / (w + 5),
    lambda w: 7 - w * w * w,
]


def evaluate(expression, w: float) -> float:
    value = expression(Value(w))
    return value.data


@pytest.mark.parametrize("index", range(len(EXPRESSIONS)))
@pytest.mark.parametrize("w", [-1.5, 0.3, 2.0])
def test_autodiff_matches_two_sided_differences(index, w):
    expression = EXPRESSIONS[index]
    point = Value(w)
    out = expression(point)
    out.backward()
    approx = numerical_derivative(lambda x: evaluate(expression, x), w, 1e-6)
    assert point.grad == pytest.approx(approx, rel=1e-6, abs=1e-7)


@pytest.mark.parametrize("w", [-3.0, 0.0, 5.0, 11.5])
def test_course_cost_derivative_is_2w_minus_10(w):
    J, dJ, tape = cost_and_derivative("course", w)
    assert pytest.approx((w - 5) ** 2) == J
    assert dJ == pytest.approx(2 * w - 10)
    assert tape[-1].data == pytest.approx(J) and tape[-1].grad == 1.0


def test_a_value_used_twice_accumulates_its_gradient():
    a = Value(3.0)
    out = a * a + a
    out.backward()
    assert a.grad == pytest.approx(2 * 3.0 + 1)
    out.backward()
    assert a.grad == pytest.approx(7.0), "backward resets the tape before accumulating"


def test_bad_arguments_raise():
    with pytest.raises(ValueError, match="power"):
        Value(2.0) ** 0.5
    with pytest.raises(ValueError, match="log"):
        Value(-1.0).log()
    with pytest.raises(ValueError, match="cost"):
        cost_and_derivative("evil", 1.0)
    with pytest.raises(ValueError, match="steps"):
        minimize("course", "gd", 0.1, 0, 0.0)


@pytest.mark.parametrize("name", list(COSTS))
def test_gd_and_adam_reach_each_minimum(name):
    target = COSTS[name].minimum
    gd = minimize(name, "gd", 0.05, 2000, 0.0)
    adam = minimize(name, "adam", 0.1, 2000, 0.0)
    assert gd[-1] == pytest.approx(target, abs=1e-3)
    assert adam[-1] == pytest.approx(target, abs=1e-2)


def test_the_path_uses_the_shared_gd_rule():
    path = minimize("course", "gd", 0.1, 3, 0.0)
    expected = [0.0]
    for _ in range(3):
        expected.append(expected[-1] - 0.1 * (2 * expected[-1] - 10))
    np.testing.assert_allclose(path, expected)


def test_sklearn_adapter_gives_probabilities_in_columns():
    X, Y = make_dataset("moons", 200, 0.2, seed=0)
    parts = split(X, Y, (0.7, 0.3), seed=0)
    result = fit_sklearn(
        parts.X_train,
        parts.Y_train,
        parts.X_dev,
        parts.Y_dev,
        [8],
        "relu",
        0.01,
        50,
        32,
        0.0,
        0,
    )
    assert isinstance(result.net, SklearnNetwork)
    probabilities = result.net.forward(parts.X_dev)
    assert probabilities.shape == (1, parts.X_dev.shape[1])
    predicted = (probabilities > 0.5).astype(int)
    assert np.mean(predicted == parts.Y_dev) == pytest.approx(result.dev_accuracy)
    assert result.net.layer_dims == [2, 8, 1] and result.seconds > 0
    with pytest.raises(ValueError, match="hidden"):
        fit_sklearn(
            parts.X_train, parts.Y_train, parts.X_dev, parts.Y_dev, [], "relu", 0.01, 5, 32, 0.0, 0
        )
    assert math.isfinite(result.train_accuracy)
