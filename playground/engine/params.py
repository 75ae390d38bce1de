"""ParamDict: named parameter arrays that share one flat buffer.

The network keeps W1, b1, … (and dW1, db1, …) as views into one contiguous vector ``flat``. Code
that reads ``params["W1"]`` sees an ordinary array; optimizers that see two matching ParamDicts
update the whole flat vector in a handful of NumPy calls instead of a few per layer.
"""

from __future__ import annotations

import math

import numpy as np


class ParamDict(dict):
    """A dict of float64 arrays that are views into one flat vector ``self.flat``.

    Assigning ``d[key] = value`` copies ``value`` into the existing view (same shape required), so
    the flat buffer and the named arrays never drift apart. Keys cannot be added or removed.
    ``mirrors`` names the ParamDict this one is the gradient of ("dW1" ↔ "W1"), if any.
    """

    def __init__(self, shapes: dict[str, tuple[int, ...]], mirrors: ParamDict | None = None):
        super().__init__()
        sizes = [math.prod(shape) for shape in shapes.values()]
        self.flat = np.zeros(sum(sizes))
        self.mirrors = mirrors
        self.offsets = np.cumsum([0, *sizes[:-1]])
        """Where each array starts in ``flat``, in key order."""
        offset = 0
        for (key, shape), size in zip(shapes.items(), sizes, strict=True):
            dict.__setitem__(self, key, self.flat[offset : offset + size].reshape(shape))
            offset += size

    def __setitem__(self, key: str, value: object) -> None:
        if key not in self:
            raise KeyError(f"unknown parameter {key!r}; known: {', '.join(self)}")
        array = np.asarray(value, dtype=np.float64)
        target = dict.__getitem__(self, key)
        if array.shape != target.shape:
            raise ValueError(f"{key} must have shape {target.shape}; got {array.shape}")
        target[...] = array

    def update(self, other=(), **kwargs) -> None:  # type: ignore[override]
        """Copy values into the existing views (see ``__setitem__``)."""
        for key, value in dict(other, **kwargs).items():
            self[key] = value

    def __delitem__(self, key: str) -> None:
        raise TypeError("parameters cannot be removed from a network")

    def pop(self, *args):  # type: ignore[override]
        raise TypeError("parameters cannot be removed from a network")

    def __reduce__(self):
        """Pickle and deep-copy as (shapes, flat values, mirrors), so the views are rebuilt."""
        shapes = {key: value.shape for key, value in self.items()}
        return (_rebuild, (shapes, self.flat.copy(), self.mirrors))

    def clone(self, mirrors: ParamDict | None = None) -> ParamDict:
        """An independent copy of the values with views of its own (the gradient of ``mirrors``)."""
        shapes = {key: value.shape for key, value in self.items()}
        return _rebuild(shapes, self.flat, mirrors)

    def snapshot(self) -> dict[str, np.ndarray]:
        """Return an independent copy as a plain dict of arrays."""
        return {key: value.copy() for key, value in self.items()}


def _rebuild(shapes: dict[str, tuple[int, ...]], flat: np.ndarray, mirrors: ParamDict | None):
    params = ParamDict(shapes, mirrors=mirrors)
    params.flat[...] = flat
    return params
