"""The L-layer network: forward and backward propagation, initialization, L2 and dropout.

Public core API; the code lives in :mod:`playground.engine.nn`."""

from playground.engine.nn import (
    Network,
)

__all__ = ["Network"]
