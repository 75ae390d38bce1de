"""Random Hessians: at a critical point (dJ = 0) the Hessian H decides — all eigenvalues > 0 is a
minimum, all < 0 a maximum, mixed signs a saddle.

Random symmetric "Hessians" from the Gaussian orthogonal ensemble, A = (G + Gᵀ) / √(2n) with
G_ij ~ N(0, 1), are almost never minima once n grows: if each eigenvalue's sign were a coin flip
the chance would be 2^(−n); the eigenvalues of a random matrix repel each other, and it falls
even faster. So high-dimensional training meets saddles, not bad local minima.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np

from playground.engine.blas import one_blas_thread
from playground.engine.config import check_int

MAX_DIM = 100
"""Largest dimension n of a random Hessian."""
MAX_MATRICES = 30_000
"""Most random matrices per dimension."""
MAX_EIG_WORK = 3e9
"""Most work in one census, counted as samples × Σ n³ (≈ a second or two of eigvalsh)."""
CHUNK_ENTRIES = 1_000_000
"""Matrices are drawn and diagonalized in stacks of about this many entries (8 MB)."""


def dimension_grid(n_max: int, points: int = 20) -> np.ndarray:
    """n = 1 … min(10, n_max), then about ``points`` − 10 log-spaced dimensions up to n_max.

    Parameters
    ----------
    n_max : int
        Largest dimension, in [1, MAX_DIM].
    points : int, default 20
        About how many dimensions in all, in [10, 100].
    """
    n_max = check_int("n_max", n_max, 1, MAX_DIM)
    points = check_int("points", points, 10, 100)
    small = np.arange(1, min(10, n_max) + 1)
    if n_max <= 10:
        return small
    large = np.round(np.geomspace(10, n_max, points - 9)).astype(np.int64)
    return np.unique(np.concatenate([small, large]))


def _check_dims(dims: Iterable[int]) -> np.ndarray:
    values = list(dims) if not isinstance(dims, np.ndarray) else dims.tolist()
    if not values:
        raise ValueError("dims must list at least one dimension n")
    checked = [check_int(f"dims[{i}]", n, 1, MAX_DIM) for i, n in enumerate(values)]
    if len(set(checked)) != len(checked):
        raise ValueError("dims must not repeat a dimension")
    return np.array(checked, dtype=np.int64)


def census_work(dims: Iterable[int], samples: int) -> float:
    """samples × Σ n³ over ``dims``: the unit of ``MAX_EIG_WORK``."""
    return float(samples) * float(np.sum(_check_dims(dims).astype(np.float64) ** 3))


def random_hessians(n: int, samples: int, rng: np.random.Generator) -> np.ndarray:
    """``samples`` GOE matrices A = (G + Gᵀ) / √(2n), G_ij ~ N(0, 1); shape (samples, n, n).

    Off the diagonal A_ij ~ N(0, 1/n), on it A_ii ~ N(0, 2/n): the eigenvalues fill the
    semicircle on [−2, 2] as n grows.
    """
    n = check_int("n", n, 1, MAX_DIM)
    samples = check_int("samples", samples, 1, MAX_MATRICES)
    G = rng.standard_normal((samples, n, n))
    G += G.transpose(0, 2, 1)
    G /= math.sqrt(2.0 * n)
    return G


@dataclass(frozen=True)
class HessianCensus:
    """How many random Hessians of each dimension have k negative eigenvalues.

    ``index_counts[i][k]`` counts the samples of dimension ``dims[i]`` with exactly k negative
    eigenvalues (k downhill directions): k = 0 is a minimum, k = n a maximum, else a saddle.
    """

    dims: np.ndarray
    samples: int
    seed: int
    index_counts: tuple[np.ndarray, ...]

    @property
    def minima(self) -> np.ndarray:
        """Samples with all eigenvalues > 0, per dimension."""
        return np.array([counts[0] for counts in self.index_counts])

    @property
    def fraction_minima(self) -> np.ndarray:
        """minima / samples per dimension."""
        return self.minima / self.samples

    @property
    def maxima(self) -> np.ndarray:
        """Samples with all eigenvalues < 0, per dimension."""
        return np.array([counts[-1] for counts in self.index_counts])

    @property
    def mean_downhill(self) -> np.ndarray:
        """Mean share k / n of downhill directions, per dimension (≈ ½ by symmetry)."""
        return np.array(
            [counts @ np.arange(n + 1) / (self.samples * n) for n, counts in self._pairs()]
        )

    def _pairs(self) -> list[tuple[int, np.ndarray]]:
        return list(zip(self.dims.tolist(), self.index_counts, strict=True))


def hessian_census(dims: Iterable[int], samples: int, seed: int = 0) -> HessianCensus:
    """Draw ``samples`` random Hessians per dimension and count their negative eigenvalues.

    For each n in ``dims`` the matrices come from their own stream
    ``np.random.default_rng([seed, n])`` (so a dimension's result does not depend on the
    others asked for) and are diagonalized in stacks by one ``np.linalg.eigvalsh`` call each.
    BLAS is held to one thread meanwhile: on small matrices its threads only add overhead.

    Parameters
    ----------
    dims : Iterable[int]
        Distinct dimensions n, each in [1, MAX_DIM].
    samples : int
        Matrices per dimension, in [1, MAX_MATRICES].
    seed : int, default 0
        In [0, 2³² − 1].

    Raises
    ------
    ValueError
        If an argument is out of range, or samples × Σ n³ exceeds ``MAX_EIG_WORK``.
    """
    dims = _check_dims(dims)
    samples = check_int("samples", samples, 1, MAX_MATRICES)
    seed = check_int("seed", seed, 0, 2**32 - 1)
    work = census_work(dims, samples)
    if work > MAX_EIG_WORK:
        raise ValueError(
            f"samples × Σ n³ = {work:.2g} is more than this server allows ({MAX_EIG_WORK:.0g}): "
            "draw fewer random Hessians per n or lower the largest dimension"
        )
    counts = []
    with one_blas_thread():
        for n in dims.tolist():
            rng = np.random.default_rng([seed, n])
            negative = np.zeros(n + 1, dtype=np.int64)
            stack = max(1, CHUNK_ENTRIES // (n * n))
            for first in range(0, samples, stack):
                eigenvalues = np.linalg.eigvalsh(
                    random_hessians(n, min(stack, samples - first), rng)
                )
                negative += np.bincount((eigenvalues < 0).sum(axis=1), minlength=n + 1)
            counts.append(negative)
    return HessianCensus(dims, samples, seed, tuple(counts))


def coin_flip_minima(dims: Iterable[int]) -> np.ndarray:
    """2^(−n): the chance of a minimum if each eigenvalue's sign were an independent coin flip."""
    return 0.5 ** _check_dims(dims).astype(np.float64)


def coin_flip_index(n: int) -> np.ndarray:
    """Binomial(n, ½): P(k negative eigenvalues) = C(n, k) / 2ⁿ for k = 0 … n, for coin flips."""
    n = check_int("n", n, 1, MAX_DIM)
    return np.array([math.comb(n, k) for k in range(n + 1)], dtype=np.float64) / 2.0**n
