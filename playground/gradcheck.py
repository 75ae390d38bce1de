"""Gradient checking: two-sided differences against backpropagation.

Public core API; the code lives in :mod:`playground.engine.gradcheck`."""

from playground.engine.gradcheck import (
    GradCheckResult,
    gradient_check,
    numerical_derivative,
    relative_difference,
)

__all__ = ["GradCheckResult", "gradient_check", "numerical_derivative", "relative_difference"]
