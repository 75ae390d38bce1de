"""The PyTorch and TensorFlow/Keras listings of the frameworks page: formatted from the page's
settings, they describe the very run the page's own autodiff makes. Each listing's numbers are
read back from its text and fed to its framework's documented update rule (PyTorch's
``torch.optim`` docs; Keras's SGD v = μv − lr·g, w += v), which must retrace the page's path."""

from __future__ import annotations

import math
import re

import numpy as np
import pytest

from playground.topics.frameworks import listings
from playground.topics.frameworks.model import COSTS, cost_and_derivative, minimize

CASES = [
    ("course", "gd", 0.1, 50, 0.0),
    ("course", "momentum", 0.3, 40, -2.5),
    ("quartic", "rmsprop", 0.03, 60, 4.0),
    ("exponential", "adam", 0.5, 30, 1.5),
]


def number(pattern: str, text: str) -> float:
    match = re.search(pattern, text)
    assert match, f"{pattern!r} not in the listing"
    return float(match.group(1))


def torch_path(code: str, cost: str) -> list[float]:
    """The path the PyTorch listing would take, by torch.optim's documented update rules, with
    dJ/dw from the page's autodiff (the cost itself is checked separately)."""
    w, steps = number(r"tensor\(([-\d.e]+),", code), int(number(r"range\((\d+)\)", code))
    lr = number(r"lr=([-\d.e]+)", code)
    m = v = 0.0
    path = [w]
    for t in range(1, steps + 1):
        _, g, _ = cost_and_derivative(cost, w)
        if "Adam(" in code:
            beta1, beta2 = (
                float(b) for b in re.search(r"betas=\(([\d.]+), ([\d.]+)\)", code).groups()
            )
            eps = number(r"eps=([\d.e-]+)", code)
            m, v = beta1 * m + (1 - beta1) * g, beta2 * v + (1 - beta2) * g * g
            w -= lr * (m / (1 - beta1**t)) / (math.sqrt(v / (1 - beta2**t)) + eps)
        elif "RMSprop(" in code:
            alpha, eps = number(r"alpha=([\d.]+)", code), number(r"eps=([\d.e-]+)", code)
            v = alpha * v + (1 - alpha) * g * g
            w -= lr * g / (math.sqrt(v) + eps)
        else:
            mu = number(r"momentum=([\d.]+)", code) if "momentum=" in code else 0.0
            m = g if t == 1 else mu * m + g  # SGD's buffer starts at the first gradient
            w -= lr * m
        path.append(w)
    return path


@pytest.mark.parametrize(("cost", "optimizer", "lr", "steps", "w0"), CASES)
def test_the_pytorch_listing_retraces_the_pages_run(cost, optimizer, lr, steps, w0):
    path = minimize(cost, optimizer, lr, steps, w0)
    code = listings.pytorch(cost, optimizer, lr, steps, path)
    np.testing.assert_allclose(torch_path(code, cost), path, rtol=1e-9, atol=1e-9)
    assert f"ends at w = {path[-1]:.6g}" in code


@pytest.mark.parametrize(("cost", "optimizer", "lr", "steps", "w0"), CASES)
def test_the_keras_listing_has_the_same_numbers(cost, optimizer, lr, steps, w0):
    path = minimize(cost, optimizer, lr, steps, w0)
    torch_code = listings.pytorch(cost, optimizer, lr, steps, path)
    code = listings.keras(cost, optimizer, lr, steps, path)
    assert number(r"Variable\(([-\d.e]+),", code) == w0
    assert int(number(r"range\((\d+)\)", code)) == steps
    assert number(r"learning_rate=([\d.e-]+)", code) == number(r"lr=([\d.e-]+)", torch_code)
    pairs = {"momentum": "momentum", "rho": "alpha", "epsilon": "eps", "beta_1": "betas=\\("}
    for keras_name, torch_name in pairs.items():
        if f"{keras_name}=" in code:
            expected = number(rf"{torch_name}=?([\d.e-]+)", torch_code)
            assert number(rf"{keras_name}=([\d.e-]+)", code) == expected


@pytest.mark.parametrize("prefix", ["torch", "tf"])
def test_the_listed_cost_is_the_pages_cost(prefix):
    write = listings.pytorch if prefix == "torch" else listings.keras
    for name, cost in COSTS.items():
        code = write(name, "gd", 0.1, 1, [0.0, 0.1])
        body = re.search(r"def J\(w\):\n    return (.+)\n", code).group(1)
        J = eval(f"lambda w: {body.replace(prefix + '.exp', 'math.exp')}", {"math": math})
        for w in (-1.0, 0.5, 3.0):
            assert J(w) == pytest.approx(cost.function(w)), name


def test_momentum_is_written_with_the_frameworks_learning_rate_alpha_times_one_minus_beta():
    code = listings.pytorch("course", "momentum", 0.1, 5, minimize("course", "momentum", 0.1, 5, 0))
    assert "lr=0.01, momentum=0.9" in code and "α(1 − β)" in code


def test_a_diverged_run_is_said_so():
    path = minimize("quartic", "gd", 1.0, 100, 10.0)
    assert len(path) < 101
    assert f"diverged at step {len(path)}" in listings.keras("quartic", "gd", 1.0, 100, path)
