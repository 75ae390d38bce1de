"""The loss landscape: the training cost on a plane through the final weights θ* of one run,

    J(a, b) = J(θ* + a d₁ + b d₂),

and the runs' recorded weights projected on it.

The directions are either the first two principal directions of the recorded weights (the plane
through θ* closest to every recorded θ of every run: the right singular vectors of the matrix of
θ − θ*; the paths then lie close to the plane) or two random Gaussian directions normalized
filter-wise, every row of d's W_l scaled to the norm of θ's row and the biases left out (Li et
al. 2018, "Visualizing the loss landscape of neural nets"). The plane is evaluated in one
stacked computation: the R² parameter vectors go through ``BatchedNetwork.forward`` in chunks of
bounded memory, never one Python call per point.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from playground.engine.batched import BatchedNetwork
from playground.engine.config import check_choice, check_int, check_labels, check_matrix
from playground.engine.nn import Network

METHODS = ("pca", "random")
"""How the plane's directions are chosen: principal directions of the paths, or random."""
RESOLUTION = 60
"""Points per axis of the landscape plane (60 × 60 = 3600 networks)."""
MAX_BYTES = 4_000_000
"""Working memory of one chunk of stacked networks, in bytes: far below a 50 MB bound, and
small chunks stay in the CPU cache (2–3× faster here than 50 MB chunks)."""


def stacked_params(thetas: np.ndarray, net: Network) -> dict[str, np.ndarray]:
    """Flat parameter vectors (K, P) as stacked arrays W1 (K, n₁, n₀), b1 (K, n₁, 1), …,
    in the layout of ``net.params`` (its ParamDict order and offsets)."""
    thetas = np.asarray(thetas, dtype=float)
    size = net.params.flat.size
    if thetas.ndim != 2 or thetas.shape[1] != size:
        raise ValueError(f"thetas must have shape (K, {size}); got {thetas.shape}")
    out = {}
    for (key, array), offset in zip(net.params.items(), net.params.offsets, strict=True):
        out[key] = thetas[:, offset : offset + array.size].reshape(-1, *array.shape)
    return out


def _check_net(net: Network) -> None:
    if not isinstance(net, Network):
        raise ValueError(f"net must be a Network; got {type(net).__name__}")
    if net.batch_norm or any(p < 1.0 for p in net.keep_probs):
        raise ValueError("net must have no batch norm and no dropout for the landscape")


def costs_of(
    net: Network, X: np.ndarray, Y: np.ndarray, thetas: np.ndarray, max_bytes: int = MAX_BYTES
) -> np.ndarray:
    """The cross-entropy cost J(θ_k) on (X, Y) of every parameter vector θ_k, shape (K,).

    J(θ) = −(1/m) Σ [y log a + (1 − y) log(1 − a)] with a = A[L] of ``net``'s architecture at θ.
    The K networks go through ``BatchedNetwork.forward`` stacked, in chunks whose activations
    take at most about ``max_bytes`` bytes (≥ 1 MB).
    """
    _check_net(net)
    X = check_matrix("X", X, rows=net.layer_dims[0])
    Y = check_labels("Y", Y, X.shape[1], net.n_classes)
    max_bytes = check_int("max_bytes", max_bytes, 1_000_000, 10**10)
    thetas = np.asarray(thetas, dtype=float)
    batched = BatchedNetwork(
        net.layer_dims, [net.seed], net.hidden_activation, net.output, init="zeros"
    )
    per_model = 8 * X.shape[1] * (3 * sum(net.layer_dims[1:]) + 4)
    chunk = max(1, max_bytes // per_model)
    costs = np.empty(thetas.shape[0])
    for begin in range(0, thetas.shape[0], chunk):
        batched.params = stacked_params(thetas[begin : begin + chunk], net)
        AL = batched.forward(X)
        costs[begin : begin + chunk] = batched.cost_and_accuracy(AL, Y)[0]
    return costs


def costs_of_loop(net: Network, X: np.ndarray, Y: np.ndarray, thetas: np.ndarray) -> np.ndarray:
    """The same costs as :func:`costs_of`, one ``Network.forward`` per θ (the slow reference)."""
    _check_net(net)
    X = check_matrix("X", X, rows=net.layer_dims[0])
    Y = check_labels("Y", Y, X.shape[1], net.n_classes)
    probe = net.copy()
    costs = []
    for theta in np.asarray(thetas, dtype=float):
        probe.params.flat[...] = theta
        costs.append(probe.cost(probe.forward(X), Y))
    return np.asarray(costs)


def plane_points(
    center: np.ndarray, d1: np.ndarray, d2: np.ndarray, alphas: np.ndarray, betas: np.ndarray
) -> np.ndarray:
    """θ = θ* + a d₁ + b d₂ for every (a, b) of the grid: shape (len(betas) · len(alphas), P),
    row i · len(alphas) + j holding (alphas[j], betas[i])."""
    center, d1, d2 = (np.asarray(v, dtype=float).ravel() for v in (center, d1, d2))
    if not center.shape == d1.shape == d2.shape:
        raise ValueError("center, d1 and d2 must be vectors of the same length P")
    aa, bb = np.meshgrid(np.asarray(alphas, dtype=float), np.asarray(betas, dtype=float))
    return center + aa.reshape(-1, 1) * d1 + bb.reshape(-1, 1) * d2


def random_directions(net: Network, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """Two random directions, filter-normalized (Li et al. 2018): d ~ N(0, I), then each row j
    of d's W_l is scaled to ‖row j of W_l‖ (each unit's incoming weights), and d_b = 0."""
    if not isinstance(net, Network):
        raise ValueError(f"net must be a Network; got {type(net).__name__}")
    seed = check_int("seed", seed, 0, 2**32 - 1)
    rng = np.random.RandomState(seed)
    directions = []
    for _ in range(2):
        d = np.zeros(net.params.flat.size)
        for (key, W), offset in zip(net.params.items(), net.params.offsets, strict=True):
            if not key.startswith("W"):
                continue
            rows = rng.randn(*W.shape)
            norms = np.linalg.norm(rows, axis=1, keepdims=True)
            target = np.linalg.norm(W, axis=1, keepdims=True)
            d[offset : offset + W.size] = (rows / np.maximum(norms, 1e-12) * target).ravel()
        directions.append(d)
    return directions[0], directions[1]


def pca_directions(
    thetas: np.ndarray, center: np.ndarray, net: Network | None = None, seed: int = 0
) -> tuple[np.ndarray, np.ndarray, float]:
    """The plane through ``center`` closest to the points ``thetas`` (n, P): d₁, d₂ are the first
    two right singular vectors of M = [θ_i − θ*]_i (unit length, orthogonal), and the explained
    share is (σ₁² + σ₂²) / Σ σ_k², the part of Σ ‖θ_i − θ*‖² lying in the plane.

    When the points span fewer than two directions (e.g. before training), the missing ones are
    filter-normalized random directions of ``net`` (made orthonormal); without ``net`` that is a
    ValueError.
    """
    thetas = np.asarray(thetas, dtype=float)
    center = np.asarray(center, dtype=float).ravel()
    if thetas.ndim != 2 or thetas.shape[1] != center.size:
        raise ValueError(f"thetas must have shape (n, {center.size}); got {thetas.shape}")
    M = thetas - center
    _, sigma, Vt = np.linalg.svd(M, full_matrices=False)
    total = float((sigma**2).sum())
    found = [Vt[k] for k in range(min(2, sigma.size)) if sigma[k] > 1e-9 * max(sigma[0], 1e-300)]
    explained = float((sigma[: len(found)] ** 2).sum() / total) if total > 0 else 0.0
    if len(found) < 2:
        if net is None:
            raise ValueError("thetas span fewer than 2 directions; pass net for random ones")
        for d in random_directions(net, seed):
            for other in found:
                d = d - (d @ other) * other
            norm = np.linalg.norm(d)
            if len(found) < 2 and norm > 1e-12:
                found.append(d / norm)
    return found[0], found[1], explained


def project(thetas: np.ndarray, center: np.ndarray, d1: np.ndarray, d2: np.ndarray) -> np.ndarray:
    """Coordinates (a, b) of each θ's projection on the plane θ* + a d₁ + b d₂: the least-squares
    solution of [d₁ d₂] (a, b)ᵀ = θ − θ* (for orthonormal d's simply a = d₁·(θ − θ*)); (n, 2)."""
    thetas = np.atleast_2d(np.asarray(thetas, dtype=float))
    basis = np.column_stack([np.asarray(d1, dtype=float), np.asarray(d2, dtype=float)])
    if thetas.shape[1] != basis.shape[0]:
        raise ValueError(f"thetas must have {basis.shape[0]} columns; got {thetas.shape}")
    coefficients, *_ = np.linalg.lstsq(basis, (thetas - np.ravel(center)).T, rcond=None)
    return coefficients.T


@dataclass
class Landscape:
    """The cost on a plane and the paths projected on it.

    ``costs[i, j]`` is J(θ* + alphas[j] d₁ + betas[i] d₂); ``paths[name]`` the (a, b) of each
    recorded θ of that run (row 0 = the shared start); ``explained`` the share of the paths'
    squared distance from θ* that lies in the plane (PCA), NaN for random directions.
    """

    alphas: np.ndarray
    betas: np.ndarray
    costs: np.ndarray
    paths: dict[str, np.ndarray]
    center: str
    method: str
    explained: float
    center_cost: float

    @property
    def trained(self) -> bool:
        """Whether the centre run has moved from the shared start: before, θ* is θ₀."""
        return len(self.paths[self.center]) > 1


def _axis(low: float, high: float, resolution: int, margin: float = 0.2) -> np.ndarray:
    low, high = min(low, 0.0), max(high, 0.0)
    span = max(high - low, 1e-3)
    return np.linspace(low - margin * span, high + margin * span, resolution)


def landscape(
    net: Network,
    X: np.ndarray,
    Y: np.ndarray,
    trajectories: dict[str, np.ndarray],
    center: str,
    method: str = "pca",
    resolution: int = RESOLUTION,
    seed: int = 0,
) -> Landscape:
    """The training cost on a plane through θ* (the last θ of ``trajectories[center]``).

    Parameters
    ----------
    net : a network of the runs' architecture (its weights are not used).
    X, Y : the training set, X (n_x, m), Y (1, m).
    trajectories : run name → recorded θ's, shape (n_k, P), the first row the common start.
    center : the run whose final θ* the plane passes through.
    method : "pca" (directions of the recorded θ's, a grid covering every projected path) or
        "random" (filter-normalized random directions, a, b ∈ [−1, 1]). Before any θ moved,
        "pca" falls back to random directions (the result's ``method`` then says "random").
    resolution : points per axis, in [5, 200]: resolution² networks in one stacked evaluation.
    seed : seed of the random directions.
    """
    check_choice("method", method, METHODS)
    resolution = check_int("resolution", resolution, 5, 200)
    if not isinstance(trajectories, dict) or center not in trajectories:
        raise ValueError(f"center must name one of the trajectories; got {center!r}")
    tracks = {name: np.atleast_2d(np.asarray(t, dtype=float)) for name, t in trajectories.items()}
    theta_star = tracks[center][-1]
    if method == "pca":
        d1, d2, explained = pca_directions(np.vstack(list(tracks.values())), theta_star, net, seed)
    else:
        d1, d2 = random_directions(net, seed)
        explained = math.nan
    paths = {name: project(t, theta_star, d1, d2) for name, t in tracks.items()}
    every = np.vstack(list(paths.values()))
    if method == "pca" and explained == 0.0:
        method = "random"  # nothing moved yet (untrained): the directions are random ones
    if method == "pca":
        alphas = _axis(every[:, 0].min(), every[:, 0].max(), resolution)
        betas = _axis(every[:, 1].min(), every[:, 1].max(), resolution)
    else:
        alphas = betas = np.linspace(-1.0, 1.0, resolution)
    costs = costs_of(net, X, Y, plane_points(theta_star, d1, d2, alphas, betas))
    center_cost = float(costs_of(net, X, Y, theta_star[None, :])[0])
    return Landscape(
        alphas=alphas,
        betas=betas,
        costs=costs.reshape(len(betas), len(alphas)),
        paths=paths,
        center=center,
        method=method,
        explained=explained,
        center_cost=center_cost,
    )


def landscape_of_shape(
    layer_dims: tuple[int, ...],
    activation: str,
    X: np.ndarray,
    Y: np.ndarray,
    trajectories: dict[str, np.ndarray],
    center: str,
    method: str,
    resolution: int,
) -> Landscape:
    """:func:`landscape` for the runs' network shape, from arguments a cache can hash: the
    untrained network it makes is only the architecture."""
    net = Network(list(layer_dims), hidden_activation=activation)
    return landscape(net, X, Y, trajectories, center, method, resolution)
