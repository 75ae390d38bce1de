"""The training loop: epochs of mini-batch updates, early stopping, and the run's history.

Public core API; the code lives in :mod:`playground.engine.train`."""

from playground.engine.train import (
    History,
    train,
)

__all__ = ["History", "train"]
