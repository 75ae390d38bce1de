"""The lecture's gradient check with the check's own numbers filled in, for one component θ_i:

    dθ_approx[i] = (J(θ + ε e_i) − J(θ − ε e_i)) / 2ε,   dθ[i] from backprop,
    difference = ‖dθ_approx − dθ‖₂ / (‖dθ_approx‖₂ + ‖dθ‖₂).

J(θ ± ε e_i) are the costs :func:`playground.engine.gradcheck.gradient_check` evaluated; they are
shown with as many digits as it takes for their difference to keep four of its own.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

from playground.engine.config import check_int
from playground.engine.equation_numbers import digits_for, exact, number, rounded
from playground.engine.gradcheck import GradCheckResult


@dataclass(frozen=True)
class Component:
    """One entry θ_i of the unrolled parameters: its index i and its name."""

    index: int
    label: str
    """Plain text, 1-based as in the lecture: "W2[3,1]", "b1[2]"."""
    latex: str
    """W^{[2]}_{3,1}."""


def components(params: Mapping[str, np.ndarray]) -> list[Component]:
    """Every θ_i of ``params`` (W1, b1, … in order, each unrolled row by row, as the check
    unrolls them)."""
    found = []
    for key, value in params.items():
        name, layer = key.rstrip("0123456789"), key[len(key.rstrip("0123456789")) :]
        rows, columns = np.shape(value)
        for r in range(rows):
            for c in range(columns):
                at = f"{r + 1},{c + 1}" if name == "W" else f"{r + 1}"
                latex = rf"{name}^{{[{layer}]}}_{{{at}}}"
                found.append(Component(len(found), f"{key}[{at}]", latex))
    return found


@dataclass(frozen=True)
class CheckEquation:
    """The numbers of :attr:`latex` for one component, as shown (rounded)."""

    component: Component
    cost_plus: float
    cost_minus: float
    cost_digits: int
    change: float
    """J(θ + ε e_i) − J(θ − ε e_i)."""
    epsilon: float
    approx: float
    grad: float
    gap_norm: float
    approx_norm: float
    grad_norm: float
    difference: float
    latex: str


def check_equation(result: GradCheckResult, component: Component) -> CheckEquation:
    """The two-sided difference of ``component`` and the check's relative difference."""
    if result.cost_plus is None or result.cost_minus is None or result.epsilon is None:
        raise ValueError("result must come from gradient_check, with the costs it evaluated")
    i = check_int("component.index", component.index, 0, result.grad.size - 1)
    plus, minus, epsilon = result.cost_plus[i], result.cost_minus[i], result.epsilon
    digits = digits_for(max(abs(plus), abs(minus)), plus - minus)
    cost_plus, cost_minus = rounded(plus, digits), rounded(minus, digits)
    change, approx = rounded(plus - minus), rounded(result.gradapprox[i])
    grad = rounded(result.grad[i])
    gap_norm = rounded(np.linalg.norm(result.gradapprox - result.grad))
    approx_norm = rounded(np.linalg.norm(result.gradapprox))
    grad_norm = rounded(np.linalg.norm(result.grad))
    difference = rounded(result.difference)
    theta = component.latex
    lines = (
        rf"d\theta_{{\text{{approx}}}}[{theta}] &= \frac{{J(\theta + \varepsilon e_i) - "
        rf"J(\theta - \varepsilon e_i)}}{{2\varepsilon}} = \frac{{{number(cost_plus, digits)} - "
        rf"{number(cost_minus, digits)}}}{{2 \cdot {exact(epsilon)}}}",
        rf"&= \frac{{{number(change)}}}{{{exact(2 * epsilon)}}} = {number(approx)}",
        rf"d\theta[{theta}] &= {number(grad)} \quad \text{{(backprop)}}",
        r"\frac{\lVert d\theta_{\text{approx}} - d\theta \rVert_2}{\lVert d\theta_{\text{approx}}"
        rf" \rVert_2 + \lVert d\theta \rVert_2}} &= \frac{{{number(gap_norm)}}}"
        rf"{{{number(approx_norm)} + {number(grad_norm)}}} = {number(difference)}",
    )
    latex = r"\begin{aligned}" + r"\\".join(lines) + r"\end{aligned}"
    return CheckEquation(
        component,
        cost_plus,
        cost_minus,
        digits,
        change,
        epsilon,
        approx,
        grad,
        gap_norm,
        approx_norm,
        grad_norm,
        difference,
        latex,
    )
