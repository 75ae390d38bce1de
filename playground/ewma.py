"""Exponentially weighted averages, with and without bias correction.

Public core API; the code lives in :mod:`playground.engine.ewma`."""

from playground.engine.ewma import (
    ewma,
)

__all__ = ["ewma"]
