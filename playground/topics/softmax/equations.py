"""The softmax layer's equations with one example's numbers filled in, for one class j:

    t_j = e^(z_j),  a_j = t_j / Σ_k t_k,  L(ŷ, y) = −Σ_k y_k log ŷ_k = −log ŷ_c,  dz_j = ŷ_j − y_j

(c the true class). Every number is the example's own (:func:`model.worked_example` of the run's
logits), rounded as shown; the digits grow when ŷ is close to 1, so that 1 − ŷ still reads.
"""

from __future__ import annotations

from dataclasses import dataclass

from playground.engine.config import check_int
from playground.engine.equation_numbers import digits_for, number, rounded
from playground.topics.softmax.model import WorkedExample


@dataclass(frozen=True)
class SoftmaxEquation:
    """The numbers of :attr:`latex` for class ``j`` of one example, as shown (rounded)."""

    j: int
    label: int
    z_j: float
    t_j: float
    sum_t: float
    a_j: float
    y_j: int
    a_label: float
    loss: float
    dz_j: float
    digits: int
    """Significant digits of t, Σt and a (z has two more; L and dz have ``DIGITS``)."""
    latex: str


def softmax_equation(example: WorkedExample, j: int) -> SoftmaxEquation:
    """t_j = e^{z_j}, a_j = t_j/Σt, L = −Σ y log ŷ and dz_j = ŷ_j − y_j with ``example``'s
    numbers for class ``j`` (0 … C − 1)."""
    j = check_int("j", j, 0, example.z.size - 1)
    c = example.label
    digits = max(digits_for(example.a[j], example.dz[j]), digits_for(example.a[c], example.dz[c]))
    z_digits = min(17, digits + 2)
    z_j = rounded(example.z[j], z_digits)
    t_j, sum_t = rounded(example.t[j], digits), rounded(example.t.sum(), digits)
    a_j, a_c = rounded(example.a[j], digits), rounded(example.a[c], digits)
    loss, dz_j = rounded(example.loss), rounded(example.dz[j])
    y_j = int(example.y[j])
    lines = (
        rf"t_{j} &= e^{{z_{j}}} = e^{{{number(z_j, z_digits)}}} = {number(t_j, digits)}",
        rf"a_{j} = \hat y_{j} &= \frac{{t_{j}}}{{\sum_{{k}} t_k}} = "
        rf"\frac{{{number(t_j, digits)}}}{{{number(sum_t, digits)}}} = {number(a_j, digits)}",
        rf"\mathcal{{L}}(\hat y, y) &= -\sum_{{k}} y_k \log \hat y_k = -\log \hat y_{c} = "
        rf"-\log {number(a_c, digits)} = {number(loss)}",
        rf"dz_{j} &= \hat y_{j} - y_{j} = {number(a_j, digits)} - {y_j} = {number(dz_j)}",
    )
    latex = r"\begin{aligned}" + r"\\".join(lines) + r"\end{aligned}"
    return SoftmaxEquation(j, c, z_j, t_j, sum_t, a_j, y_j, a_c, loss, dz_j, digits, latex)
