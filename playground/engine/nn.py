"""A small fully-connected network in the course's notation.

X has shape (n_x, m); parameters are W1, b1, …, WL, bL (and gamma_l, beta_l with batch norm);
gradients dW1, db1, …. Hidden layers use one activation g; the output layer is a sigmoid (binary,
Y holds 0/1) or a softmax (C classes, Y holds labels 0..C-1).
"""

from __future__ import annotations

import copy
import hashlib
from collections.abc import Sequence

import numpy as np

from playground.engine.activations import ACTIVATIONS, sigmoid, softmax
from playground.engine.config import (
    MAX_LAYERS,
    MAX_UNITS,
    check_choice,
    check_int,
    check_labels,
    check_matrix,
    check_range,
)
from playground.engine.params import ParamDict

OUTPUTS = ("sigmoid", "softmax")
PROB_CLIP = 1e-15
"""The probability of the true class is clipped below at 1e-15 in the cost, so log never sees 0
(a saturated wrong prediction costs −log 1e-15 ≈ 34.5, not infinity)."""
BN_EPSILON = 1e-5
BN_MOMENTUM = 0.9
"""Running mean/variance: μ_run = 0.9 μ_run + 0.1 μ_batch (an exponentially weighted average)."""


def _scale_zeros(n_prev: int, n: int, init_scale: float) -> float:
    return 0.0


def _scale_random(n_prev: int, n: int, init_scale: float) -> float:
    return init_scale


def _scale_xavier(n_prev: int, n: int, init_scale: float) -> float:
    return np.sqrt(1.0 / n_prev)


def _scale_glorot(n_prev: int, n: int, init_scale: float) -> float:
    return np.sqrt(2.0 / (n_prev + n))


def _scale_he(n_prev: int, n: int, init_scale: float) -> float:
    return np.sqrt(2.0 / n_prev)


INITIALIZATIONS = {
    "zeros": _scale_zeros,
    "random": _scale_random,
    "xavier": _scale_xavier,
    "glorot": _scale_glorot,
    "he": _scale_he,
}
"""W_l = randn(n_l, n_{l-1}) × scale: zeros 0, random init_scale, xavier √(1/n_{l-1}),
glorot √(2/(n_{l-1}+n_l)), he √(2/n_{l-1})."""


def _param_shapes(layer_dims: list[int], batch_norm: bool) -> dict[str, tuple[int, int]]:
    shapes: dict[str, tuple[int, int]] = {}
    L = len(layer_dims) - 1
    for l in range(1, L + 1):
        n, n_prev = layer_dims[l], layer_dims[l - 1]
        shapes[f"W{l}"] = (n, n_prev)
        if batch_norm and l < L:
            shapes[f"gamma{l}"] = (n, 1)
            shapes[f"beta{l}"] = (n, 1)
        else:
            shapes[f"b{l}"] = (n, 1)
    return shapes


def _check_layer_dims(layer_dims: Sequence[int], output: str) -> list[int]:
    if isinstance(layer_dims, (str, bytes)) or not isinstance(layer_dims, Sequence):
        raise ValueError(f"layer_dims must be a list of layer sizes; got {layer_dims!r}")
    dims = [check_int(f"layer_dims[{i}]", n, 1, MAX_UNITS) for i, n in enumerate(layer_dims)]
    if not 2 <= len(dims) <= MAX_LAYERS + 1:
        raise ValueError(
            f"layer_dims must list between 2 and {MAX_LAYERS + 1} sizes; got {len(dims)}"
        )
    if output == "sigmoid" and dims[-1] != 1:
        raise ValueError(f"layer_dims[-1] must be 1 for a sigmoid output; got {dims[-1]}")
    if output == "softmax" and dims[-1] < 2:
        raise ValueError(
            f"layer_dims[-1] must be the number of classes (≥ 2) for softmax; got {dims[-1]}"
        )
    return dims


def _check_keep_probs(keep_probs: object, n_hidden: int) -> list[float]:
    if keep_probs is None:
        return [1.0] * n_hidden
    if isinstance(keep_probs, (int, float)) and not isinstance(keep_probs, bool):
        keep_probs = [keep_probs] * n_hidden
    probs = list(keep_probs)  # type: ignore[call-overload]
    if len(probs) != n_hidden:
        raise ValueError(
            f"keep_probs must hold one value per hidden layer ({n_hidden}); got {len(probs)}"
        )
    return [
        check_range(f"keep_probs[{i}]", p, 0.0, 1.0, inclusive_low=False)
        for i, p in enumerate(probs)
    ]


class _Cache:
    """What backprop needs from the last training forward pass, indexed by layer l."""

    __slots__ = ("A", "Z", "G", "D", "BN", "AL")

    def __init__(self, L: int, X: np.ndarray):
        self.A: list = [X] + [None] * L
        self.Z: list = [None] * (L + 1)
        self.G: list = [None] * (L + 1)
        self.D: list = [None] * (L + 1)
        self.BN: list = [None] * (L + 1)
        self.AL: np.ndarray | None = None


class Network:
    """L-layer network: [LINEAR → (BATCHNORM) → g → (DROPOUT)] × (L-1) → LINEAR → sigmoid/softmax.

    Parameters
    ----------
    layer_dims : sizes [n_x, n_1, …, n_L]; n_L = 1 for sigmoid, C for softmax.
    hidden_activation : one of ``ACTIVATIONS`` (relu, leaky_relu, tanh, sigmoid, linear).
    output : "sigmoid" or "softmax".
    init : one of ``INITIALIZATIONS``; init_scale is the factor for "random".
    seed : seeds ``RandomState(seed)`` for the weights (drawn layer by layer, as the course's
        notebooks do) and, separately, the dropout masks.
    keep_probs : inverted-dropout keep probability per hidden layer (or one number for all).
    batch_norm : normalize Z of each hidden layer: Z̃ = γ Ẑ + β with Ẑ = (Z − μ)/√(σ² + ε); such
        layers have no b (β plays its role).
    """

    def __init__(
        self,
        layer_dims: Sequence[int],
        hidden_activation: str = "relu",
        output: str = "sigmoid",
        init: str = "he",
        init_scale: float = 0.01,
        seed: int = 0,
        keep_probs: Sequence[float] | float | None = None,
        batch_norm: bool = False,
    ):
        check_choice("hidden_activation", hidden_activation, ACTIVATIONS)
        check_choice("output", output, OUTPUTS)
        check_choice("init", init, INITIALIZATIONS)
        self.init_scale = check_range("init_scale", init_scale, 0.0, 1000.0)
        self.seed = check_int("seed", seed, 0, 2**32 - 1)
        self.layer_dims = _check_layer_dims(layer_dims, output)
        self.L = len(self.layer_dims) - 1
        self.keep_probs = _check_keep_probs(keep_probs, self.L - 1)
        self.hidden_activation = hidden_activation
        self.output = output
        self.init = init
        self.batch_norm = bool(batch_norm)
        shapes = _param_shapes(self.layer_dims, self.batch_norm)
        self._params = ParamDict(shapes)
        self._grads = ParamDict({"d" + k: s for k, s in shapes.items()}, mirrors=self._params)
        self.running_mean = {l: np.zeros((self.layer_dims[l], 1)) for l in range(1, self.L)}
        self.running_var = {l: np.ones((self.layer_dims[l], 1)) for l in range(1, self.L)}
        self._g, self._g_prime = ACTIVATIONS[hidden_activation]
        self._dropout_state: np.random.RandomState | None = None  # made at its first use
        self._cache: _Cache | None = None
        self._bind_views()
        self._initialize()

    @property
    def dropout_rng(self) -> np.random.RandomState:
        """The generator of the dropout masks D, seeded with ``seed`` at its first use: a
        network that never drops out never makes one, nor does copying it copy one."""
        if self._dropout_state is None:
            self._dropout_state = np.random.RandomState(self.seed)
        return self._dropout_state

    @dropout_rng.setter
    def dropout_rng(self, rng: np.random.RandomState) -> None:
        self._dropout_state = rng

    def _bind_views(self) -> None:
        """Per-layer lists of the W, b, dW, db views, so the hot loops skip dict look-ups."""
        layers = range(1, self.L + 1)
        self._W = [None] + [self._params[f"W{l}"] for l in layers]
        self._b = [None] + [self._params.get(f"b{l}") for l in layers]
        self._dW = [None] + [self._grads[f"dW{l}"] for l in layers]
        self._db = [None] + [self._grads.get(f"db{l}") for l in layers]
        self._W_segments = np.array([list(self._params).index(f"W{l}") for l in layers])

    def __getstate__(self) -> dict:
        state = self.__dict__.copy()
        for name in ("_W", "_b", "_dW", "_db", "_cache"):
            del state[name]
        return state

    def __setstate__(self, state: dict) -> None:
        self.__dict__.update(state)
        self._cache = None
        self._bind_views()

    def _initialize(self) -> None:
        rng = np.random.RandomState(self.seed)
        scale_of = INITIALIZATIONS[self.init]
        for l in range(1, self.L + 1):
            n, n_prev = self.layer_dims[l], self.layer_dims[l - 1]
            if self.init != "zeros":
                self._params[f"W{l}"] = rng.randn(n, n_prev) * scale_of(n_prev, n, self.init_scale)
            if self.batch_norm and l < self.L:
                self._params[f"gamma{l}"] = np.ones((n, 1))

    def __repr__(self) -> str:
        extras = [f"{self.init} init"]
        if any(p < 1 for p in self.keep_probs):
            extras.append(f"dropout keep_probs={self.keep_probs}")
        if self.batch_norm:
            extras.append("batch norm")
        arrow = f"{self.hidden_activation}→{self.output}"
        return f"Network {self.layer_dims} {arrow}, {', '.join(extras)}"

    @property
    def params(self) -> ParamDict:
        """W1, b1, … as a dict of arrays; assigning ``net.params[k] = v`` copies v in place."""
        return self._params

    @params.setter
    def params(self, values: dict[str, np.ndarray]) -> None:
        missing = set(self._params) - set(values)
        if missing:
            raise ValueError(f"params is missing {', '.join(sorted(missing))}")
        self._params.update(values)

    @property
    def n_classes(self) -> int:
        """C: 2 for a sigmoid output, n_L for softmax."""
        return 2 if self.output == "sigmoid" else self.layer_dims[-1]

    def copy(self) -> Network:
        """An independent deep copy (weights, running statistics and dropout RNG state).

        Built field by field: five times faster than ``copy.deepcopy``, and a page copies a
        network for every run it shows (``tests/test_nn.py`` checks it against ``deepcopy``)."""
        state = self.__getstate__()
        state["layer_dims"] = list(self.layer_dims)
        state["keep_probs"] = list(self.keep_probs)
        state["_params"] = self._params.clone()
        state["_grads"] = self._grads.clone(mirrors=state["_params"])
        state["running_mean"] = {l: mu.copy() for l, mu in self.running_mean.items()}
        state["running_var"] = {l: var.copy() for l, var in self.running_var.items()}
        if self._dropout_state is not None:
            state["_dropout_state"] = copy.deepcopy(self._dropout_state)
        twin = object.__new__(Network)
        twin.__setstate__(state)
        return twin

    def inference_digest(self) -> str:
        """A digest of everything ``forward(X, training=False)`` depends on besides X: the layer
        sizes, the activations, batch norm, the parameters and the running μ and σ². Two
        networks with the same digest predict the same everywhere."""
        digest = hashlib.blake2b(digest_size=16)
        shape = (self.layer_dims, self.hidden_activation, self.output, self.batch_norm)
        digest.update(repr(shape).encode())
        digest.update(self._params.flat.tobytes())
        if self.batch_norm:
            for layer in range(1, self.L):
                digest.update(self.running_mean[layer].tobytes())
                digest.update(self.running_var[layer].tobytes())
        return digest.hexdigest()

    # ----------------------------------------------------------------------------- forward
    def forward(self, X: np.ndarray, training: bool = False) -> np.ndarray:
        """Forward propagation; returns AL, shape (1, m) for sigmoid or (C, m) for softmax.

        With ``training=True`` dropout is applied, batch norm uses the mini-batch's μ and σ² (and
        updates the running averages), and the cache for ``backward`` is kept.
        """
        X = check_matrix("X", X, rows=self.layer_dims[0])
        return self._forward(X, training)

    def _forward(self, X: np.ndarray, training: bool, dropout: bool = True) -> np.ndarray:
        """Forward pass without argument checks (the training loop's hot path)."""
        g, L = self._g, self.L
        cache = _Cache(L, X) if training else None
        A = X
        for l in range(1, L):
            Z = np.dot(self._W[l], A)
            if self.batch_norm:
                Z = self._batch_norm(l, Z, cache)
            else:
                Z += self._b[l]
            A = G = g(Z)
            keep = self.keep_probs[l - 1]
            if cache is not None:
                cache.Z[l], cache.G[l], cache.D[l] = Z, G, None
                if dropout and keep < 1.0:
                    D = self.dropout_rng.rand(*G.shape) < keep
                    cache.D[l] = D = D / keep
                    A = G * D
                cache.A[l] = A
        ZL = np.dot(self._W[L], A)
        ZL += self._b[L]
        AL = sigmoid(ZL, out=ZL) if self.output == "sigmoid" else softmax(ZL)
        if cache is not None:
            cache.AL = AL
            self._cache = cache
        return AL

    def _batch_norm(self, l: int, Z: np.ndarray, cache: _Cache | None) -> np.ndarray:
        """Z̃ = γ (Z − μ)/√(σ² + ε) + β, with batch μ, σ² when training, running ones otherwise."""
        gamma, beta = self._params[f"gamma{l}"], self._params[f"beta{l}"]
        if cache is None:
            Z_hat = (Z - self.running_mean[l]) / np.sqrt(self.running_var[l] + BN_EPSILON)
            return gamma * Z_hat + beta
        mu = Z.mean(axis=1, keepdims=True)
        Zc = Z - mu
        var = (Zc * Zc).mean(axis=1, keepdims=True)
        inv_std = 1.0 / np.sqrt(var + BN_EPSILON)
        Z_hat = Zc * inv_std
        self.running_mean[l] = BN_MOMENTUM * self.running_mean[l] + (1 - BN_MOMENTUM) * mu
        self.running_var[l] = BN_MOMENTUM * self.running_var[l] + (1 - BN_MOMENTUM) * var
        cache.BN[l] = (Z_hat, inv_std)
        return gamma * Z_hat + beta

    # ----------------------------------------------------------------------------- cost
    def cost(self, AL: np.ndarray, Y: np.ndarray, lambd: float = 0.0, l1: float = 0.0) -> float:
        """J = -(1/m) Σ [y log a + (1-y) log(1-a)]  (softmax: -(1/m) Σ Σ_k y_k log a_k)
        + λ/(2m) Σ_l ‖W_l‖²_F + λ₁/(2m) Σ_l ‖W_l‖₁, m = the examples in AL: in training a
        mini-batch's b, the lecture's J{t} = (1/b) Σ L + λ/(2b) Σ ‖W‖².

        The probability of the true class is clipped below at 1e-15, so a saturated network has a
        large but finite cost.
        """
        AL = check_matrix("AL", AL, rows=self.layer_dims[-1])
        Y = check_labels("Y", Y, AL.shape[1], self.n_classes)
        lambd = check_range("lambd", lambd, 0.0, 1e6)
        l1 = check_range("l1", l1, 0.0, 1e6)
        return self._cross_entropy(AL, Y) + self._penalty(lambd, l1, Y.shape[1])

    def _cross_entropy(self, AL: np.ndarray, Y: np.ndarray) -> float:
        return self._cost_and_correct(AL, Y, count=False)[0]

    def _cost_and_correct(
        self, AL: np.ndarray, Y: np.ndarray, count: bool = True
    ) -> tuple[float, int | None]:
        """Mean cross-entropy of AL against labels Y, and how many labels AL predicts right
        (None unless ``count``: the count is skipped when nobody reads it)."""
        m = Y.shape[1]
        correct = None
        if self.output == "sigmoid":
            hit = Y == 1
            if count:
                correct = int(np.count_nonzero((AL > 0.5) == hit))
            p_true = np.where(hit, AL, 1.0 - AL)
        else:
            if count:
                correct = int(np.count_nonzero(AL.argmax(axis=0) == Y[0]))
            p_true = AL[Y[0], np.arange(m)]
        np.maximum(p_true, PROB_CLIP, out=p_true)
        np.log(p_true, out=p_true)
        return -float(np.add.reduce(p_true, axis=None)) / m, correct

    def _penalty(self, lambd: float, l1: float, m: int) -> float:
        total = 0.0
        for W in self._W[1:]:
            W = W.ravel()
            if lambd:
                total += lambd / (2 * m) * float(W @ W)
            if l1:
                total += l1 / (2 * m) * float(np.abs(W).sum())
        return total

    # ----------------------------------------------------------------------------- backward
    def backward(self, Y: np.ndarray, lambd: float = 0.0, l1: float = 0.0) -> ParamDict:
        """Backpropagation through the cache of the last ``forward(X, training=True)``.

        dZ_L = (A_L − Y)/m (sigmoid or softmax with cross-entropy), dW_l = dZ_l A_{l-1}ᵀ
        + (λ/m) W_l + (λ₁/(2m)) sign(W_l), db_l = Σ_i dZ_l, dA_{l-1} = W_lᵀ dZ_l (× D/keep_prob
        with dropout), dZ_l = dA_l * g'(Z_l). Returns dW1, db1, … (dgamma_l, dbeta_l with batch
        norm). The returned dict is reused: the next backward overwrites it (copy to keep it).
        """
        if self._cache is None:
            raise ValueError("backward needs a forward(X, training=True) first")
        m = self._cache.AL.shape[1]
        Y = check_labels("Y", Y, m, self.n_classes)
        lambd = check_range("lambd", lambd, 0.0, 1e6)
        l1 = check_range("l1", l1, 0.0, 1e6)
        return self._backward(Y, lambd, l1)

    def _backward(self, Y: np.ndarray, lambd: float, l1: float) -> ParamDict:
        """Backward pass without argument checks (the training loop's hot path)."""
        cache = self._cache
        AL = cache.AL
        m = AL.shape[1]
        if self.output == "sigmoid":
            dZ = AL - Y
        else:
            dZ = AL.copy()
            dZ[Y[0], np.arange(m)] -= 1.0
        dZ *= 1.0 / m
        for l in range(self.L, 0, -1):
            W, dW = self._W[l], self._dW[l]
            np.dot(dZ, cache.A[l - 1].T, out=dW)
            if lambd:
                dW += (lambd / m) * W
            if l1:
                dW += (l1 / (2 * m)) * np.sign(W)
            if self._db[l] is not None:
                np.add.reduce(dZ, axis=1, keepdims=True, out=self._db[l])
            if l == 1:
                break
            dA = np.dot(W.T, dZ)
            if cache.D[l - 1] is not None:
                dA *= cache.D[l - 1]
            dA *= self._g_prime(cache.Z[l - 1], cache.G[l - 1])
            dZ = self._batch_norm_backward(l - 1, dA) if self.batch_norm else dA
        return self._grads

    def _batch_norm_backward(self, l: int, dZ_tilde: np.ndarray) -> np.ndarray:
        """dγ = Σ dZ̃ Ẑ, dβ = Σ dZ̃, dZ = (1/σ)(dẐ − mean(dẐ) − Ẑ mean(dẐ Ẑ)) with dẐ = γ dZ̃."""
        Z_hat, inv_std = self._cache.BN[l]
        np.sum(dZ_tilde * Z_hat, axis=1, keepdims=True, out=self._grads[f"dgamma{l}"])
        np.sum(dZ_tilde, axis=1, keepdims=True, out=self._grads[f"dbeta{l}"])
        dZ_hat = dZ_tilde * self._params[f"gamma{l}"]
        centred = dZ_hat - dZ_hat.mean(axis=1, keepdims=True)
        centred -= Z_hat * (dZ_hat * Z_hat).mean(axis=1, keepdims=True)
        return centred * inv_std

    def layer_norms(self) -> tuple[np.ndarray, np.ndarray]:
        """‖W_l‖_F and ‖dW_l‖_F (of the last backward) for l = 1 … L, in a few NumPy calls.

        Both are NaN if any parameter (W, b, γ or β) is NaN or infinite (``_finite``).
        """
        weight_sums = self._square_sums()
        if not self._finite(weight_sums):
            return np.full(self.L, np.nan), np.full(self.L, np.nan)
        grads = self._grads.flat
        grad_sums = np.add.reduceat(grads * grads, self._params.offsets)
        return np.sqrt(weight_sums[self._W_segments]), np.sqrt(grad_sums[self._W_segments])

    def _square_sums(self) -> np.ndarray:
        """Σ θ² of each parameter array (W1, b1, …), in ``params`` order."""
        weights = self._params.flat
        return np.add.reduceat(weights * weights, self._params.offsets)

    def _finite(self, square_sums: np.ndarray | None = None) -> bool:
        """True while every parameter array's Σ θ² is finite: no parameter is NaN or ∞ (nor so
        large that its square overflows). ``square_sums``: ``_square_sums()`` if known.

        Without them, a finite θᵀθ over all parameters (one BLAS call) settles it in the usual
        case; only a NaN, an ∞ or an overflow of the whole sum needs the sums per array.
        """
        if square_sums is None:
            flat = self._params.flat
            if np.dot(flat, flat) < np.inf:
                return True
            square_sums = self._square_sums()
        return bool(np.maximum.reduce(square_sums) < np.inf)  # NaN or ∞ fails (sums are ≥ 0)

    # ----------------------------------------------------------------------------- predict
    def predict(self, X: np.ndarray) -> np.ndarray:
        """Labels, shape (1, m): 1{a > 0.5} for sigmoid, argmax_k a_k for softmax."""
        return self.labels_from(self.forward(X))

    def labels_from(self, AL: np.ndarray) -> np.ndarray:
        """Turn output probabilities AL into labels (1, m)."""
        if self.output == "sigmoid":
            return (AL > 0.5).astype(np.int64)
        return AL.argmax(axis=0)[np.newaxis, :]
