"""K networks of one architecture trained together as one stacked NumPy computation.

Every W_l is stored as an array of shape (K, n_l, n_{l-1}) and every b_l as (K, n_l, 1); the K
models share the data and its mini-batch order but each has its own initialization seed (which
also seeds its own dropout masks) and its own learning rate α_k, L2 λ_k, keep_prob_k and
optimizer β's (arrays of shape (K, 1, 1) that broadcast through the very same optimizer classes
the single network uses). A search over hyperparameters then pays Python's per-step overhead
once for K models instead of K times.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import numpy as np

from playground.engine.activations import ACTIVATIONS
from playground.engine.config import (
    check_int,
    check_labels,
    check_matrix,
    check_range,
    check_seed,
    seed_after,
)
from playground.engine.nn import PROB_CLIP, Network
from playground.engine.optim import Optimizer, make_optimizer

MAX_MODELS = 256


def _column(
    name: str, values: Sequence[float], k: int, low: float, high: float, **kw
) -> np.ndarray:
    """Per-model hyperparameters as a (K, 1, 1) array, each checked against [low, high]."""
    values = list(values)
    if len(values) != k:
        raise ValueError(f"{name} must hold one value per model ({k}); got {len(values)}")
    checked = [check_range(f"{name}[{i}]", v, low, high, **kw) for i, v in enumerate(values)]
    return np.asarray(checked, dtype=float).reshape(k, 1, 1)


@dataclass
class BatchedHistory:
    """Per-epoch train/dev cost and accuracy of each model: arrays of shape (epochs, K)."""

    train_cost: list[np.ndarray] = field(default_factory=list)
    dev_cost: list[np.ndarray] = field(default_factory=list)
    train_accuracy: list[np.ndarray] = field(default_factory=list)
    dev_accuracy: list[np.ndarray] = field(default_factory=list)
    diverged_at: np.ndarray | None = None
    """Epoch at which each model's cost stopped being finite (0 = never)."""
    cancelled: bool = False

    def as_arrays(self) -> dict[str, np.ndarray]:
        return {
            name: np.array(getattr(self, name))
            for name in ("train_cost", "dev_cost", "train_accuracy", "dev_accuracy")
        }


class BatchedNetwork:
    """K copies of ``Network(layer_dims, hidden_activation, output, init, seed=seeds[k])``.

    Model k starts from exactly the weights ``Network(..., seed=seeds[k])`` draws and draws its
    dropout masks from its own ``RandomState(seeds[k])``, as that network does, so a batched run
    can be checked model by model against the single network, and a model trains the same
    whichever models share its batch.
    """

    def __init__(
        self,
        layer_dims: Sequence[int],
        seeds: Sequence[int],
        hidden_activation: str = "relu",
        output: str = "sigmoid",
        init: str = "he",
        keep_probs: Sequence[float] | None = None,
    ):
        self.K = check_int("number of models", len(seeds), 1, MAX_MODELS)
        nets = [
            Network(layer_dims, hidden_activation, output, init, seed=int(seed)) for seed in seeds
        ]
        self.layer_dims, self.L, self.output = nets[0].layer_dims, nets[0].L, output
        stacked = {key: np.stack([net.params[key] for net in nets]) for key in nets[0].params}
        sizes = [value[0].size for value in stacked.values()]
        self.theta = np.empty((self.K, sum(sizes)))
        """Every model's parameters in one row: W1, b1, … flattened, so one optimizer step
        (with per-model hyperparameters of shape (K, 1)) updates all of them."""
        self.grad = np.zeros_like(self.theta)
        self.params: dict[str, np.ndarray] = {}
        self._grad_views: dict[str, np.ndarray] = {}
        offset = 0
        for (key, value), size in zip(stacked.items(), sizes, strict=True):
            columns = slice(offset, offset + size)
            self.params[key] = self.theta[:, columns].reshape(value.shape)
            self.params[key][...] = value
            self._grad_views["d" + key] = self.grad[:, columns].reshape(value.shape)
            offset += size
        self.keep = _column(
            "keep_probs",
            [1.0] * self.K if keep_probs is None else keep_probs,
            self.K,
            0.0,
            1.0,
            inclusive_low=False,
        )
        self._g, self._g_prime = ACTIVATIONS[hidden_activation]
        self._rngs = [np.random.RandomState(int(seed)) for seed in seeds]
        self._cache: dict = {}

    @property
    def n_classes(self) -> int:
        return 2 if self.output == "sigmoid" else self.layer_dims[-1]

    def forward(self, X: np.ndarray, training: bool = False) -> np.ndarray:
        """A_L of every model, shape (K, n_L, m); inverted dropout per model when training."""
        A, cache = X, {"A": [X], "Z": [None], "G": [None], "D": [None]}
        use_dropout = training and bool((self.keep < 1.0).any())
        for l in range(1, self.L):
            Z = (
                _stacked_times_shared(self.params[f"W{l}"], A)
                if l == 1
                else self.params[f"W{l}"] @ A
            )
            Z += self.params[f"b{l}"]
            G = self._g(Z)
            D = None
            if use_dropout:
                D = self._dropout_masks(G.shape[1:])
                A = G * D
            else:
                A = G
            for name, value in (("A", A), ("Z", Z), ("G", G), ("D", D)):
                cache[name].append(value)
        ZL = self.params[f"W{self.L}"] @ A + self.params[f"b{self.L}"]
        if self.output == "sigmoid":
            AL = 0.5 * (1.0 + np.tanh(0.5 * ZL))
        else:
            E = np.exp(ZL - ZL.max(axis=1, keepdims=True))
            AL = E / E.sum(axis=1, keepdims=True)
        if training:
            cache["AL"] = AL
            self._cache = cache
        return AL

    def _dropout_masks(self, shape: tuple[int, int]) -> np.ndarray:
        """D of shape (K, n, m): D[k] = (rand(n, m) < keep_k) / keep_k from model k's own
        generator, or 1 where keep_k = 1 (no draw, as ``Network`` draws none)."""
        D = np.ones((self.K, *shape))
        for k in np.flatnonzero(self.keep.ravel() < 1.0):
            keep = self.keep[k, 0, 0]
            D[k] = (self._rngs[k].rand(*shape) < keep) / keep
        return D

    def cost_and_accuracy(self, AL: np.ndarray, Y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Cross-entropy (without penalty) and accuracy of each model: two arrays of shape (K,)."""
        m = Y.shape[1]
        if self.output == "sigmoid":
            hit = Y == 1
            p_true = np.where(hit, AL[:, 0, :], 1.0 - AL[:, 0, :])
            correct = ((AL[:, 0, :] > 0.5) == hit).sum(axis=1)
        else:
            p_true = AL[:, Y[0], np.arange(m)]
            correct = (AL.argmax(axis=1) == Y[0]).sum(axis=1)
        cost = -np.log(np.maximum(p_true, PROB_CLIP)).mean(axis=1)
        return cost, correct / m

    def penalty(self, lambd: np.ndarray, m: int) -> np.ndarray:
        """λ_k/(2m) Σ_l ‖W_l‖²_F for each model, shape (K,)."""
        squares = sum((self.params[f"W{l}"] ** 2).sum(axis=(1, 2)) for l in range(1, self.L + 1))
        return lambd.ravel() / (2 * m) * squares

    def backward(self, Y: np.ndarray, lambd: np.ndarray) -> dict[str, np.ndarray]:
        """dW_l = dZ_l A_{l-1}ᵀ + (λ_k/m) W_l, db_l = Σ dZ_l, for every model at once."""
        cache = self._cache
        AL = cache["AL"]
        m = AL.shape[2]
        if self.output == "sigmoid":
            dZ = (AL - Y) / m
        else:
            dZ = AL.copy()
            dZ[:, Y[0], np.arange(m)] -= 1.0
            dZ /= m
        grads = {}
        for l in range(self.L, 0, -1):
            W = self.params[f"W{l}"]
            if l == 1:  # A0 = X is shared by every model: one (K·n1, m) × (m, n0) product
                dW = (dZ.reshape(-1, m) @ cache["A"][0].T).reshape(W.shape)
            else:
                dW = dZ @ np.swapaxes(cache["A"][l - 1], -1, -2)
            dW += (lambd / m) * W
            grads[f"dW{l}"] = dW
            grads[f"db{l}"] = dZ.sum(axis=2, keepdims=True)
            if l > 1:
                dA = np.swapaxes(W, 1, 2) @ dZ
                if cache["D"][l - 1] is not None:
                    dA *= cache["D"][l - 1]
                dZ = dA * self._g_prime(cache["Z"][l - 1], cache["G"][l - 1])
        return grads

    def model(self, k: int, like: Network) -> Network:
        """Model k as a single ``Network`` (a copy of ``like`` given model k's weights)."""
        net = like.copy()
        net.params = {key: value[k] for key, value in self.params.items()}
        return net


def _stacked_times_shared(W: np.ndarray, X: np.ndarray) -> np.ndarray:
    """W_k X for every model k as one matrix product: (K·n, n0) × (n0, m) → (K, n, m)."""
    K, n, n0 = W.shape
    return (W.reshape(K * n, n0) @ X).reshape(K, n, X.shape[1])


def train_batched(
    net: BatchedNetwork,
    X: np.ndarray,
    Y: np.ndarray,
    optimizer: str,
    learning_rates: Sequence[float],
    epochs: int,
    batch_size: int | None = None,
    lambdas: Sequence[float] | None = None,
    hyper: dict[str, Sequence[float]] | None = None,
    decay_rates: Sequence[float] | None = None,
    seed: int = 0,
    X_dev: np.ndarray | None = None,
    Y_dev: np.ndarray | None = None,
    callback: Callable[[int, BatchedHistory], bool | None] | None = None,
) -> BatchedHistory:
    """Mini-batch training of all K models at once, with the course's update rules.

    Shuffling is ``RandomState(seed + epoch).permutation(m)`` (mod 2³²) as in ``train``; model k
    uses α_k / (1 + decay_k · epoch_num) in epoch_num = 1, 2, … (inverse-time decay; decay 0 =
    constant), λ_k and the optimizer hyperparameters ``hyper[name][k]`` (e.g.
    {"beta1": [...], "beta2": [...]}).
    A model whose train or dev cost, or a weight, turns NaN/inf is frozen (its α set to 0) and
    reported in ``diverged_at``, the same rule ``train`` uses to stop a single run as diverged.
    """
    X = check_matrix("X", X, rows=net.layer_dims[0])
    Y = check_labels("Y", Y, X.shape[1], net.n_classes)
    has_dev = X_dev is not None
    if has_dev:
        X_dev = check_matrix("X_dev", X_dev, rows=net.layer_dims[0])
        Y_dev = check_labels("Y_dev", Y_dev, X_dev.shape[1], net.n_classes)
    K, m = net.K, X.shape[1]
    epochs = check_int("epochs", epochs, 1, 20_000)
    seed = check_seed("seed", seed)
    batch = m if batch_size is None else min(check_int("batch_size", batch_size, 1), m)
    alpha0 = _column("learning_rates", learning_rates, K, 0.0, 100.0, inclusive_low=False)
    lambd = _column("lambdas", lambdas if lambdas is not None else [0.0] * K, K, 0.0, 1e6)
    decay = _column(
        "decay_rates", decay_rates if decay_rates is not None else [0.0] * K, K, 0.0, 1000.0
    )
    opt = _stacked_optimizer(optimizer, hyper or {}, K)
    history = BatchedHistory(diverged_at=np.zeros(K, dtype=int))
    alive = np.ones((K, 1, 1))  # 0 once a model diverged: its α stays 0 (frozen)
    shuffler = np.random.RandomState()
    for epoch in range(1, epochs + 1):
        opt.learning_rate = (alpha0 / (1.0 + decay * epoch) * alive).reshape(K, 1)
        if batch < m:
            shuffler.seed(seed_after(seed, epoch))
            order = shuffler.permutation(m)
            X_epoch, Y_epoch = X.take(order, axis=1), Y.take(order, axis=1)
        else:
            X_epoch, Y_epoch = X, Y
        with np.errstate(invalid="ignore", over="ignore", divide="ignore"):
            train_cost, train_accuracy = _run_epoch(net, opt, X_epoch, Y_epoch, batch, lambd)
            if has_dev:
                dev_cost, dev_accuracy = net.cost_and_accuracy(net.forward(X_dev), Y_dev)
            else:
                dev_cost, dev_accuracy = np.full(K, np.nan), np.full(K, np.nan)
        finite = np.isfinite(train_cost) & (np.isfinite(dev_cost) | (not has_dev))
        broken = ~(finite & _finite_weights(net)) & (history.diverged_at == 0)
        history.diverged_at[broken] = epoch
        alive[broken] = 0.0
        history.train_cost.append(train_cost)
        history.train_accuracy.append(train_accuracy)
        history.dev_cost.append(dev_cost)
        history.dev_accuracy.append(dev_accuracy)
        if callback is not None and callback(epoch, history) is False:
            history.cancelled = True
            break
    return history


def _stacked_optimizer(name: str, hyper: dict[str, Sequence[float]], k: int) -> Optimizer:
    """The optimizer ``name`` with each hyperparameter of ``hyper`` a (K, 1) column, one value
    per model, checked against the optimizer's ranges (its α is set every epoch)."""
    opt = make_optimizer(name, 0.1)
    for key, values in hyper.items():
        if key not in opt.hyper_ranges:
            raise ValueError(f"{name} has no hyperparameter {key!r}")
        low, high = opt.hyper_ranges[key]
        column = _column(key, values, k, low, high, inclusive_high=key == "epsilon")
        setattr(opt, key, column.reshape(k, 1))
    return opt


def _run_epoch(
    net: BatchedNetwork,
    opt: Optimizer,
    X: np.ndarray,
    Y: np.ndarray,
    batch: int,
    lambd: np.ndarray,
) -> tuple[np.ndarray, np.ndarray]:
    """One pass over the (shuffled) examples in mini-batches of ``batch``: every model takes one
    optimizer step per batch on J_k = cross-entropy + λ_k/(2b) Σ‖W‖². Returns each model's
    mean cost (measured before each batch's step, weighted by batch size) and accuracy."""
    m = X.shape[1]
    total, correct = np.zeros(net.K), np.zeros(net.K)
    for begin in range(0, m, batch):
        X_batch, Y_batch = X[:, begin : begin + batch], Y[:, begin : begin + batch]
        size = X_batch.shape[1]
        cost, accuracy = net.cost_and_accuracy(net.forward(X_batch, training=True), Y_batch)
        total += (cost + net.penalty(lambd, size)) * size
        correct += accuracy * size
        for key, value in net.backward(Y_batch, lambd).items():
            net._grad_views[key][...] = value
        opt.t += 1
        opt.step("theta", net.theta, net.grad)
    return total / m, correct / m


def _finite_weights(net: BatchedNetwork) -> np.ndarray:
    """For each model, whether every weight and bias is finite: shape (K,)."""
    finite = np.ones(net.K, dtype=bool)
    for value in net.params.values():
        finite &= np.isfinite(value).all(axis=(1, 2))
    return finite
