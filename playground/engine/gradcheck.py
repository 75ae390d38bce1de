"""Gradient checking: compare backprop's gradient with two-sided finite differences.

gradapprox_i = (J(θ + ε e_i) − J(θ − ε e_i)) / 2ε for every parameter θ_i (all of W1, b1, …, WL,
bL unrolled into one vector θ), then difference = ‖grad − gradapprox‖₂ / (‖grad‖₂ +
‖gradapprox‖₂): < 1e-7 great, around 1e-5 look closer, > 1e-3 almost certainly a bug.

The gradient-checking page's 1-D examples, planted bugs and ε sweeps live in
:mod:`playground.topics.gradient_checking.model`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from playground.engine.config import check_labels, check_matrix, check_range
from playground.engine.nn import Network

GREAT = 1e-7
"""difference < 1e-7: the gradient is right."""
SUSPICIOUS = 1e-3
"""difference > 1e-3: almost certainly a bug; in between (around 1e-5) look closer."""


def numerical_derivative(
    f: Callable[[float], float], x: float, epsilon: float, two_sided: bool = True
) -> float:
    """Two-sided: (f(x + ε) − f(x − ε)) / 2ε, error O(ε²).

    One-sided: (f(x + ε) − f(x)) / ε, error O(ε).
    """
    epsilon = check_range("epsilon", epsilon, 0.0, 1.0, inclusive_low=False)
    if two_sided:
        return (f(x + epsilon) - f(x - epsilon)) / (2.0 * epsilon)
    return (f(x + epsilon) - f(x)) / epsilon


def verdict(difference: float) -> str:
    """The course's reading of a gradient-check difference."""
    if not difference < SUSPICIOUS:
        return "likely a bug (difference > 1e-3)"
    if difference < GREAT:
        return "great (difference < 1e-7)"
    return "look closer (difference between 1e-7 and 1e-3)"


@dataclass
class GradCheckResult:
    """difference = ‖grad − gradapprox‖₂ / (‖grad‖₂ + ‖gradapprox‖₂), overall and per parameter."""

    difference: float
    per_parameter: dict[str, float]
    grad: np.ndarray
    gradapprox: np.ndarray
    keys: list[str]
    cost_plus: np.ndarray | None = None
    """J(θ + ε e_i) for every i: gradapprox = (cost_plus − cost_minus) / 2ε."""
    cost_minus: np.ndarray | None = None
    """J(θ − ε e_i) for every i."""
    epsilon: float | None = None
    """The ε of the differences."""

    @property
    def verdict(self) -> str:
        return verdict(self.difference)

    @property
    def passed(self) -> bool:
        return self.difference < GREAT


def relative_difference(grad: np.ndarray, gradapprox: np.ndarray) -> float:
    """‖grad − gradapprox‖₂ / (‖grad‖₂ + ‖gradapprox‖₂), 0 when both are 0."""
    denominator = np.linalg.norm(grad) + np.linalg.norm(gradapprox)
    return float(np.linalg.norm(grad - gradapprox) / denominator) if denominator else 0.0


def gradient_check(
    net: Network,
    X: np.ndarray,
    Y: np.ndarray,
    lambd: float = 0.0,
    epsilon: float = 1e-7,
    l1: float = 0.0,
    backward: Callable[[Network, np.ndarray, float, float], dict[str, np.ndarray]] | None = None,
    keep_dropout: bool = False,
) -> GradCheckResult:
    """Check ``backward`` against gradapprox_i = (J(θ + ε e_i) − J(θ − ε e_i)) / 2ε for every θ_i.

    J includes the regularization terms. Dropout is turned off while checking (its random masks
    change J between evaluations) unless ``keep_dropout``; batch norm uses the batch's statistics
    and its running averages are left as they were. ``backward(net, Y, lambd, l1)`` replaces the
    network's own backprop, to plant a bug and watch the check catch it.
    """
    X = check_matrix("X", X, rows=net.layer_dims[0])
    Y = check_labels("Y", Y, X.shape[1], net.n_classes)
    lambd = check_range("lambd", lambd, 0.0, 1e6)
    l1 = check_range("l1", l1, 0.0, 1e6)
    epsilon = check_range("epsilon", epsilon, 0.0, 1.0, inclusive_low=False)
    running = (dict(net.running_mean), dict(net.running_var))

    def cost(theta_flat: np.ndarray) -> float:
        net.params.flat[...] = theta_flat
        AL = net._forward(X, training=True, dropout=keep_dropout)
        return net._cross_entropy(AL, Y) + net._penalty(lambd, l1, X.shape[1])

    theta = net.params.flat.copy()
    try:
        cost(theta)
        grads = net._backward(Y, lambd, l1) if backward is None else backward(net, Y, lambd, l1)
        grad = np.concatenate([np.ravel(grads["d" + k]) for k in net.params])
        cost_plus, cost_minus = np.empty_like(theta), np.empty_like(theta)
        for i in range(theta.size):
            plus, minus = theta.copy(), theta.copy()
            plus[i] += epsilon
            minus[i] -= epsilon
            cost_plus[i], cost_minus[i] = cost(plus), cost(minus)
        gradapprox = (cost_plus - cost_minus) / (2.0 * epsilon)
    finally:
        net.params.flat[...] = theta
        net.running_mean, net.running_var = running
    per_parameter = {}
    offset = 0
    for key, value in net.params.items():
        part = slice(offset, offset + value.size)
        per_parameter[key] = relative_difference(grad[part], gradapprox[part])
        offset += value.size
    return GradCheckResult(
        difference=relative_difference(grad, gradapprox),
        per_parameter=per_parameter,
        grad=grad,
        gradapprox=gradapprox,
        keys=list(net.params),
        cost_plus=cost_plus,
        cost_minus=cost_minus,
        epsilon=epsilon,
    )
