"""Optimizers on the network: one run per optimizer, and the loss landscape they crossed.

The course's "Optimization methods" exercise trains the network [2, 5, 2, 1] (LINEAR → RELU →
LINEAR → RELU → LINEAR → SIGMOID, He initialization with seed 3) on 300 moons (noise 0.2, seed
3) with mini-batches of 64, α = 0.0007, and compares gradient descent, momentum (β = 0.9) and
Adam (β₁ = 0.9, β₂ = 0.999, ε = 1e-8). The page trains one :class:`RaceRun` per optimizer from
the same initialization, on the same mini-batches, and records the flat parameter vector θ (W1,
b1, W2, …, in that order) at a few epochs.

The loss landscape is the training cost on a plane through the final weights θ* of one run:

    J(a, b) = J(θ* + a d₁ + b d₂)

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
from dataclasses import dataclass, replace

import numpy as np

from playground.engine.batched import BatchedNetwork
from playground.engine.config import (
    Setting,
    check_choice,
    check_int,
    check_labels,
    check_matrix,
    check_settings,
    coerce_settings,
    settings_by_key,
)
from playground.engine.data import make_dataset
from playground.engine.experiment import Data, RecordingRun, make_network
from playground.engine.nn import Network
from playground.engine.racing import (
    ALL_RACERS,
    LABELS,
    LR_KEYS,
    RACERS,
    describe,
    make_racer,
    racer_settings,
)
from playground.engine.settings import ALL

DATASETS = ("moons", "circles", "xor")
"""Two-class data sets offered (the course uses moons)."""
METHODS = ("pca", "random")
"""How the plane's directions are chosen: principal directions of the paths, or random."""
RESOLUTION = 60
"""Points per axis of the landscape plane (60 × 60 = 3600 networks)."""
MAX_BYTES = 4_000_000
"""Working memory of one chunk of stacked networks, in bytes: far below a 50 MB bound, and
small chunks stay in the CPU cache (2–3× faster here than 50 MB chunks)."""
SNAPSHOTS = 120
"""Most recorded parameter vectors per run (more of them early, where the weights move most)."""
DEV_SEED_OFFSET = 1
DEV_SHARE = 3

COURSE_PRESET = {
    "ds": "moons",
    "noise": 0.2,
    "m": 300,
    "dseed": 3,
    "h1": 5,
    "h2": 2,
    "act": "relu",
    "seed": 3,
    "sseed": 10,
    "bs": "64",
    "epochs": 5000,
    "gd_lr": 0.0007,
    "mom_lr": 0.0007,
    "mom_beta": 0.9,
    "rms_lr": 0.0007,
    "rms_beta": 0.9,
    "adam_lr": 0.0007,
    "beta1": 0.9,
    "beta2": 0.999,
}
"""The course's exercise, setting by setting (RMSprop is an extra racer, not in the notebook)."""
COURSE_RESULTS = {
    5000: {"gd": 0.7167, "momentum": 0.7167, "adam": 0.94},
    10000: {"gd": 0.797, "momentum": 0.797, "adam": 0.94},
}
"""Training accuracy the notebook prints: its current version trains 5 000 epochs, the original
one 10 000 (whose 0.797 / 0.797 / 0.94 are the numbers usually quoted)."""

SETTINGS = (
    replace(
        ALL["ds"],
        default="moons",
        options=DATASETS,
        help="Which 2-D data set to learn (two classes). The course's exercise uses moons.",
    ),
    replace(ALL["noise"], default=0.2),
    Setting(
        "m",
        "Training examples m",
        300,
        "int",
        low=50,
        high=2000,
        step=50,
        help="Examples in the training set; the dev set gets m/3 more (the course: 300, no dev).",
    ),
    replace(
        ALL["dseed"],
        default=3,
        help="Seed of the training set; the dev set uses seed + 1 (the course: 3).",
    ),
    replace(ALL["h1"], default=5),
    replace(ALL["h2"], default=2),
    ALL["act"],
    replace(
        ALL["seed"],
        default=3,
        help="Seeds the He initialization, layer by layer like np.random.seed(3) in the course. "
        "Every optimizer starts from these same weights.",
    ),
    Setting(
        "sseed",
        "Shuffle seed",
        10,
        "int",
        low=0,
        high=100,
        step=1,
        help="Epoch e shuffles the examples with RandomState(seed + e): the course's seed = 10, "
        "incremented before each epoch. Every optimizer sees the same mini-batches.",
    ),
    replace(ALL["bs"], default="64"),
    replace(ALL["epochs"], default=300),
    *racer_settings({name: 0.01 for name in ALL_RACERS}),
    Setting(
        "center",
        "Plane through θ* of",
        "adam",
        "choice",
        options=RACERS,
        help="The landscape is the cost on a plane through this optimizer's final weights θ*.",
    ),
    Setting(
        "plane",
        "Plane directions",
        "pca",
        "choice",
        options=METHODS,
        help="pca: the two directions along which the recorded weights move most (the paths lie "
        "near the plane). random: two random directions, normalized filter-wise (Li et al.).",
    ),
)
"""The page's settings; keys shared with ``settings.ALL`` mean the same thing."""
BY_KEY = settings_by_key(*SETTINGS)
DATA_KEYS = ("ds", "noise", "m", "dseed")
NETWORK_KEYS = ("h1", "h2", "act", "seed")
TRAINING_KEYS = ("bs", "epochs", "sseed")
OPTIMIZER_KEYS = ("gd_lr", "mom_lr", "mom_beta", "rms_lr", "rms_beta", "adam_lr", "beta1", "beta2")
VIEW_KEYS = ("center", "plane")
"""Settings that change only the landscape view, not the training runs."""


def page_values(values: dict) -> dict:
    """Every page setting: valid ``values`` kept, the rest at their defaults (never raises)."""
    return coerce_settings(BY_KEY, values)


def _check_values(values: dict) -> dict:
    """Validate every setting of ``values`` (the view settings may be left out)."""
    return check_settings(BY_KEY, values, optional=VIEW_KEYS)


def training_values(values: dict) -> dict:
    """The settings the runs depend on (everything but the landscape view)."""
    values = _check_values(values)
    return {key: value for key, value in values.items() if key not in VIEW_KEYS}


def is_course_preset(values: dict) -> int | None:
    """The notebook version (5000 or 10000 epochs) whose exercise ``values`` are, else None."""
    values = page_values(values)
    same = all(values[key] == value for key, value in COURSE_PRESET.items() if key != "epochs")
    return values["epochs"] if same and values["epochs"] in COURSE_RESULTS else None


def race_data(values: dict) -> Data:
    """The training set make_dataset(ds, m, noise, dseed) and an independent dev set
    make_dataset(ds, m // 3, noise, dseed + 1), not standardized (as in the course).

    The course's ``np.random.seed(3); make_moons(n_samples=300, noise=.2)`` is exactly the
    training set of the defaults: sklearn draws from the global RandomState seeded with 3, which
    equals RandomState(3).
    """
    values = _check_values(values)
    X_train, Y_train = make_dataset(values["ds"], values["m"], values["noise"], values["dseed"])
    X_dev, Y_dev = make_dataset(
        values["ds"], values["m"] // DEV_SHARE, values["noise"], values["dseed"] + DEV_SEED_OFFSET
    )
    return Data(X_train, Y_train, X_dev, Y_dev, 2, values["ds"])


def run_values(values: dict, name: str) -> dict:
    """The complete training settings (``settings.ALL`` keys) of the run of optimizer ``name``.

    Two hidden layers [n_x, h1, h2, 1] with He initialization, no regularization, a constant
    learning rate. The run's "seed" is the *shuffle* seed (``Run`` shuffles with it); the
    initialization seed is applied by :class:`RaceRun`.
    """
    values = _check_values(values)
    check_choice("name", name, ALL_RACERS)
    chosen = {key: values[key] for key in ("h1", "h2", "act", "bs", "epochs")}
    chosen |= {"layers": 2, "init": "he", "opt": name, "sched": "constant", "std": False}
    chosen |= {"seed": values["sseed"]}
    complete = coerce_settings(ALL, chosen)
    complete["epochs"] = values["epochs"]
    complete["lr"] = values[LR_KEYS[name]]  # the racer's own α (may lie off ALL's grid)
    return complete


def snapshot_epochs(epochs: int, count: int = SNAPSHOTS) -> list[int]:
    """Epochs at which θ is recorded: 0, then about ``count`` of them, half evenly spaced and
    half log-spaced (the weights move most in the first epochs), ending at ``epochs``."""
    epochs = check_int("epochs", epochs, 1, 10**7)
    count = check_int("count", count, 2, 10_000)
    half = max(count // 2, 1)
    linear = np.linspace(0, epochs, half + 1)
    geometric = np.geomspace(1, epochs, half)
    return sorted({0, epochs, *np.round(linear).astype(int), *np.round(geometric).astype(int)})


class RaceRun(RecordingRun):
    """The run of one optimizer: a ``Run`` that starts from the He weights of the page's
    initialization seed, uses the racer's own hyperparameters, and records θ on the way.

    ``theta_epochs[i]`` is an epoch and ``thetas[i]`` a copy of the flat parameter vector θ
    after it (epoch 0 = the initialization, shared by every optimizer).
    """

    def __init__(self, values: dict, data: Data, name: str):
        values = _check_values(values)
        super().__init__(run_values(values, name), data)
        self.name = name
        self.net = make_network(self.values | {"seed": values["seed"]}, data.n_x, data.n_classes)
        self.initial_net = self.net.copy()
        self.optimizer = make_racer(name, values | {"bias": True})
        self.record_at = snapshot_epochs(self.epochs)
        self.theta_epochs: list[int] = []
        self.thetas: list[np.ndarray] = []
        self.record()

    def record(self) -> None:
        self.theta_epochs.append(self.history.last_epoch)
        self.thetas.append(self.net.params.flat.copy())

    def trajectory(self) -> np.ndarray:
        """The recorded θ's, shape (snapshots, P)."""
        return np.stack(self.thetas)


def make_runs(values: dict, data: Data) -> dict[str, RaceRun]:
    """One run per course optimizer (gd, momentum, rmsprop, adam): same data, same start."""
    values = _check_values(values)
    return {name: RaceRun(values, data, name) for name in RACERS}


# ------------------------------------------------------------------------------------------------
# The loss landscape
# ------------------------------------------------------------------------------------------------


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


# ------------------------------------------------------------------------------------------------
# What the runs show, in words
# ------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class RaceResult:
    """One optimizer's run: epochs trained, final training cost, train and dev accuracy."""

    name: str
    epochs: int
    final_cost: float
    train_accuracy: float
    dev_accuracy: float
    epochs_to_half: int | None
    """First epoch whose training cost is at most half the first epoch's (None if never)."""


def result_of(run: RaceRun) -> RaceResult:
    """Read a run's numbers."""
    if not isinstance(run, RaceRun):
        raise ValueError(f"run must be a RaceRun; got {type(run).__name__}")
    costs = np.asarray(run.history.train_cost)
    train_error, dev_error = run.errors()
    half = None
    if costs.size:
        hits = np.flatnonzero(costs <= costs[0] / 2)
        half = int(run.history.epochs[hits[0]]) if hits.size else None
    return RaceResult(
        name=run.name,
        epochs=run.history.last_epoch,
        final_cost=float(costs[-1]) if costs.size else math.nan,
        train_accuracy=1.0 - train_error,
        dev_accuracy=1.0 - dev_error,
        epochs_to_half=half,
    )


def race_report(results: list[RaceResult]) -> list[str]:
    """Markdown sentences: who ends with the lowest cost, how fast each halves its cost."""
    if not results:
        raise ValueError("results must hold at least one RaceResult")
    trained = [r for r in results if r.epochs > 0]
    if not trained:
        return ["Not trained yet: press **▶ Start** to train all four from the same weights."]
    best = min(trained, key=lambda r: r.final_cost)
    lines = [
        f"Lowest training cost after {best.epochs} epochs: **{LABELS[best.name]}**, "
        f"J = {best.final_cost:.3g} (train accuracy {best.train_accuracy:.1%}, dev "
        f"{best.dev_accuracy:.1%})."
    ]
    halves = [
        f"{LABELS[r.name]} {r.epochs_to_half}" if r.epochs_to_half else f"{LABELS[r.name]} not yet"
        for r in trained
    ]
    lines.append("Epochs to halve the first epoch's cost: " + ", ".join(halves) + ".")
    return lines


def result_rows(results: list[RaceResult], values: dict) -> list[dict[str, str]]:
    """One table row per run, as text: hyperparameters, epochs, final cost, accuracies."""
    values = _check_values(values)
    return [
        {
            "optimizer": LABELS[r.name],
            "hyperparameters": describe(r.name, values),
            "epochs": str(r.epochs),
            "final training cost": f"{r.final_cost:.4g}",
            "train accuracy": f"{r.train_accuracy:.1%}",
            "dev accuracy": f"{r.dev_accuracy:.1%}",
        }
        for r in results
    ]


def course_lines(values: dict, results: list[RaceResult]) -> list[str]:
    """For the course's exercise: this page's train accuracy next to the notebook's."""
    version = is_course_preset(values)
    if version is None:
        return []
    lines = []
    for r in results:
        reported = COURSE_RESULTS[version].get(r.name)
        if reported is not None and r.epochs == version:
            lines.append(
                f"{LABELS[r.name]}: {r.train_accuracy:.4g} here, the notebook reports {reported:g}"
            )
    return lines


def landscape_report(result: Landscape) -> str:
    """What the landscape figure shows for this plane, in words."""
    if not isinstance(result, Landscape):
        raise ValueError(f"result must be a Landscape; got {type(result).__name__}")
    center = LABELS[result.center]
    text = (
        f"The plane passes through θ*, the final weights of **{center}** (J = "
        f"{result.center_cost:.3g} there), at a = b = 0. "
    )
    if result.method == "pca":
        text += (
            "Its directions d₁, d₂ are the two along which the recorded weights of all four "
            f"runs moved most: the plane holds **{result.explained:.0%}** of their squared "
            "distance from θ*, so the drawn paths are "
            + ("close to the real ones." if result.explained >= 0.8 else "only rough shadows.")
            + " A path crossing contour lines uphill can still be going down: the rest of its "
            "motion is off the plane."
        )
    else:
        text += (
            "Its directions are random, filter-normalized (Li et al. 2018): a = 1 moves every "
            "unit's incoming weights by their own norm. Random directions show the shape of the "
            "valley around θ*, but the paths mostly move *outside* such a plane, so their "
            "projections say little."
        )
    return text + " Every optimizer starts at the same θ₀ (white circle)."


COURSE_NOTE = (
    "Same data (make_moons(300, noise=0.2) after np.random.seed(3) is RandomState(3)), same He "
    "weights (seed 3, layer by layer) and the very same mini-batches: the notebook sets seed = "
    "10 and adds 1 before each epoch's np.random.permutation, and epoch e here shuffles with "
    "RandomState(10 + e). So the costs match the notebook's printout digit for digit (e.g. "
    "gradient descent 0.702405 after the first epoch). Differences: this page also draws a dev "
    "set (m/3 points, seed 4) the notebook does not have, and races RMSprop as well."
)
"""How the course preset reproduces the notebook, and where it differs."""


def measure(values: dict) -> dict[str, object]:
    """What the page shows for its settings, by name, once the four runs trained to the end:
    for each optimizer (gd, momentum, rmsprop, adam) its final training cost ("<name>_cost"),
    train and dev accuracy ("<name>_train", "<name>_dev") and the first epoch whose cost is at
    most half the first epoch's ("<name>_half", None if never), as in :class:`RaceResult`."""
    shown: dict[str, object] = {}
    for name, run in make_runs(values, race_data(values)).items():
        run.advance()
        result = result_of(run)
        shown |= {
            f"{name}_cost": result.final_cost,
            f"{name}_train": result.train_accuracy,
            f"{name}_dev": result.dev_accuracy,
            f"{name}_half": result.epochs_to_half,
        }
    return shown
