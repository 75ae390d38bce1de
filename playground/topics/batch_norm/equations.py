"""The lecture's batch norm with a run's numbers filled in, for one unit j of the inspected layer
and one example i, at a recorded epoch:

    μ = (1/m) Σ_i z^(i),  σ² = (1/m) Σ_i (z^(i) − μ)²,  z_norm^(i) = (z^(i) − μ)/√(σ² + ε),
    z̃^(i) = γ z_norm^(i) + β.

z comes from the run's snapshot (:class:`model.ZSnapshot`: z^[l] on the m training examples, one
batch) and γ, β are the parameters at that epoch; the result z̃ is the one the network computed.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from playground.engine.config import check_int
from playground.engine.equation_numbers import digits_for, exact, number, rounded
from playground.engine.nn import BN_EPSILON
from playground.topics.batch_norm.model import ZSnapshot


@dataclass(frozen=True)
class NormEquation:
    """The numbers of :attr:`latex` for unit ``unit`` and example ``example``, as shown."""

    epoch: int
    layer: int
    unit: int
    example: int
    m: int
    z_sum: float
    mu: float
    square_sum: float
    variance: float
    z: float
    z_digits: int
    """Significant digits of z and μ (enough for z − μ to keep four)."""
    z_norm: float
    norm_digits: int
    """Significant digits of z_norm, γ and β (enough for γ z_norm + β to keep four)."""
    gamma: float
    beta: float
    z_tilde: float
    latex: str


def norm_equation(snapshot: ZSnapshot, layer: int, unit: int, example: int = 0) -> NormEquation:
    """μ, σ², z_norm and z̃ of unit ``unit`` (0-based) for example ``example`` (0-based) of a
    batch-norm run's snapshot of layer ``layer``."""
    if snapshot.Z_tilde is None or snapshot.gamma is None or snapshot.beta is None:
        raise ValueError("snapshot must come from a batch-norm run (with z̃, γ and β)")
    n, m = snapshot.Z.shape
    unit = check_int("unit", unit, 0, n - 1)
    example = check_int("example", example, 0, m - 1)
    row = snapshot.Z[unit].astype(np.float64)
    mu_exact, variance_exact = float(row.mean()), float(row.var())
    z_exact = float(row[example])
    z_norm_exact = (z_exact - mu_exact) / math.sqrt(variance_exact + BN_EPSILON)
    gamma_exact, beta_exact = float(snapshot.gamma[unit, 0]), float(snapshot.beta[unit, 0])
    z_tilde_exact = float(snapshot.Z_tilde[unit, example])
    zd = digits_for(max(abs(z_exact), abs(mu_exact)), z_exact - mu_exact)
    nd = digits_for(max(abs(gamma_exact * z_norm_exact), abs(beta_exact)), z_tilde_exact)
    z, mu = rounded(z_exact, zd), rounded(mu_exact, zd)
    z_sum, square_sum = rounded(row.sum()), rounded(((row - mu_exact) ** 2).sum())
    variance, z_norm = rounded(variance_exact), rounded(z_norm_exact, nd)
    gamma, beta, z_tilde = rounded(gamma_exact, nd), rounded(beta_exact, nd), rounded(z_tilde_exact)
    i = example + 1
    lines = (
        rf"\mu &= \frac{{1}}{{m}}\sum_{{i}} z^{{(i)}} = \frac{{{number(z_sum)}}}{{{m}}} = "
        rf"{number(mu, zd)}",
        rf"\sigma^2 &= \frac{{1}}{{m}}\sum_{{i}} (z^{{(i)}} - \mu)^2 = "
        rf"\frac{{{number(square_sum)}}}{{{m}}} = {number(variance)}",
        rf"z_{{\text{{norm}}}}^{{({i})}} &= \frac{{z^{{({i})}} - \mu}}{{\sqrt{{\sigma^2 + "
        rf"\varepsilon}}}} = \frac{{{number(z, zd)} - ({number(mu, zd)})}}"
        rf"{{\sqrt{{{number(variance)} + {exact(BN_EPSILON)}}}}} = {number(z_norm, nd)}",
        rf"\tilde z^{{({i})}} &= \gamma\, z_{{\text{{norm}}}}^{{({i})}} + \beta = "
        rf"{number(gamma, nd)} \cdot ({number(z_norm, nd)}) + ({number(beta, nd)}) = "
        rf"{number(z_tilde)}",
    )
    latex = r"\begin{aligned}" + r"\\".join(lines) + r"\end{aligned}"
    return NormEquation(
        snapshot.epoch,
        layer,
        unit,
        example,
        m,
        z_sum,
        mu,
        square_sum,
        variance,
        z,
        zd,
        z_norm,
        nd,
        gamma,
        beta,
        z_tilde,
        latex,
    )
