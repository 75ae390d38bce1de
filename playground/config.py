"""Limits and argument checks shared by the core and the UI.

Every public function of the core validates its arguments with the helpers below, so a bad value
raises a ``ValueError`` that names the argument and the allowed values. The limits keep one
request on a shared server small: the UI reuses them as widget bounds.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from numbers import Integral, Real

import numpy as np

MAX_SAMPLES = 20_000
"""Most examples in one data set (generated or uploaded CSV rows)."""
MAX_FEATURES = 20
"""Most input features n_x."""
MAX_CLASSES = 10
"""Most classes C for softmax."""
MAX_LAYERS = 60
"""Most weight layers L (hidden layers + output); deep enough for the vanishing-gradient page."""
MAX_UNITS = 512
"""Most units n_l in one layer."""
MAX_EPOCHS = 20_000
"""Most epochs in one training run (the course's initialization exercise uses 15 000)."""
MAX_CSV_BYTES = 5 * 1024 * 1024
"""Largest CSV upload read, in bytes (matches server.maxUploadSize in .streamlit/config.toml)."""


def check_choice(name: str, value: object, choices: Iterable[object]) -> None:
    """Raise ValueError unless ``value`` is one of ``choices``."""
    allowed = list(choices)
    if value not in allowed:
        listed = ", ".join(repr(c) for c in allowed)
        raise ValueError(f"{name} must be one of {listed}; got {value!r}")


def check_int(name: str, value: object, low: int, high: int | None = None) -> int:
    """Return ``value`` as int, or raise ValueError unless it is an integer in [low, high]."""
    if isinstance(value, bool) or not isinstance(value, Integral):
        raise ValueError(f"{name} must be an integer; got {value!r}")
    value = int(value)
    if value < low or (high is not None and value > high):
        bound = f"between {low} and {high}" if high is not None else f"at least {low}"
        raise ValueError(f"{name} must be {bound}; got {value}")
    return value


def check_range(
    name: str,
    value: object,
    low: float,
    high: float,
    *,
    inclusive_low: bool = True,
    inclusive_high: bool = True,
) -> float:
    """Return ``value`` as float, or raise ValueError unless it is a finite number in the range."""
    if isinstance(value, bool) or not isinstance(value, Real):
        raise ValueError(f"{name} must be a number; got {value!r}")
    value = float(value)
    too_low = value < low if inclusive_low else value <= low
    too_high = value > high if inclusive_high else value >= high
    if not math.isfinite(value) or too_low or too_high:
        left = "[" if inclusive_low else "("
        right = "]" if inclusive_high else ")"
        raise ValueError(f"{name} must be in {left}{low}, {high}{right}; got {value}")
    return value


def check_matrix(name: str, value: object, rows: int | None = None) -> np.ndarray:
    """Return ``value`` as a finite float64 2-D array, optionally with a fixed number of rows."""
    array = np.asarray(value, dtype=np.float64) if not isinstance(value, np.ndarray) else value
    if array.ndim != 2:
        raise ValueError(f"{name} must be a 2-D array of shape (n, m); got shape {array.shape}")
    if rows is not None and array.shape[0] != rows:
        raise ValueError(f"{name} must have {rows} rows; got shape {array.shape}")
    if array.shape[1] == 0:
        raise ValueError(f"{name} must hold at least one example (column); got shape {array.shape}")
    if array.dtype != np.float64:
        array = array.astype(np.float64)
    if not np.isfinite(array).all():
        raise ValueError(f"{name} must hold finite numbers only (no NaN or inf)")
    return array


def check_labels(name: str, value: object, m: int, n_classes: int) -> np.ndarray:
    """Return ``value`` as an int array of shape (1, m) with labels in 0..n_classes-1."""
    labels = np.asarray(value)
    if labels.shape != (1, m):
        raise ValueError(f"{name} must have shape (1, {m}); got shape {labels.shape}")
    if labels.dtype.kind == "f":
        if not np.all(np.isfinite(labels)) or not np.all(labels == np.round(labels)):
            raise ValueError(f"{name} must hold integer labels 0..{n_classes - 1}")
        labels = labels.astype(np.int64)
    elif labels.dtype.kind not in "iub":
        raise ValueError(f"{name} must hold integer labels 0..{n_classes - 1}")
    if labels.size and (labels.min() < 0 or labels.max() >= n_classes):
        raise ValueError(f"{name} must hold labels in 0..{n_classes - 1}")
    return labels.astype(np.int64, copy=False)
