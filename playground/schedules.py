"""Learning-rate schedules α(t): constant, inverse-time, staircase, exponential, 1/√t, piecewise.

Public core API; the code lives in :mod:`playground.engine.schedules`."""

from playground.engine.schedules import (
    constant,
    exponential,
    inverse_sqrt,
    inverse_time,
    make_piecewise_schedule,
    make_schedule,
    piecewise,
    staircase,
)

__all__ = [
    "constant",
    "exponential",
    "inverse_sqrt",
    "inverse_time",
    "make_piecewise_schedule",
    "make_schedule",
    "piecewise",
    "staircase",
]
