"""Optimizers: gradient descent, momentum, Nesterov, AdaGrad, RMSprop and Adam.

Public core API; the code lives in :mod:`playground.engine.optim`."""

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

__all__ = [
    "AdaGrad",
    "Adam",
    "GradientDescent",
    "make_optimizer",
    "Momentum",
    "Nesterov",
    "Optimizer",
    "RMSprop",
]
