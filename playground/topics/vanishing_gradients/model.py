"""Vanishing and exploding gradients: how the signal and the gradient change through L layers.

A deep network of width n is run once forward (``forward(X, training=True)``) and once backward
on a batch of m random examples, and the size of what flows through each layer is measured:

* forward, the activations ‖A[l]‖ (A[0] = X);
* backward, the bias gradients ‖db[l]‖ = ‖Σᵢ dZ[l]⁽ⁱ⁾‖, the gradient as it flows back through
  layer l (dZ[l] = W[l+1]ᵀ dZ[l+1] * g'(Z[l]));
* the weight gradients ‖dW[l]‖ = ‖dZ[l] A[l−1]ᵀ‖ the update uses: the product of the two.

With W[l] = a·I and g(z) = z every layer multiplies the signal by a, so A[l] = aˡ X and
ŷ = W[L] a^(L−1) X: for a = 1.5 and L = 50 that is 1.5⁴⁹ ≈ 4·10⁸, for a = 0.5 it is 2·10⁻¹⁵. A
random W[l] with Var(w) = 2/n[l−1] (He) keeps ReLU layers near a gain of 1; Var(w) = 1/n[l−1]
(Xavier) does the same for tanh.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from playground.engine.activations import ACTIVATIONS
from playground.engine.config import (
    MAX_LAYERS,
    Setting,
    check_choice,
    check_int,
    check_range,
    settings_by_key,
)
from playground.engine.nn import INITIALIZATIONS, Network
from playground.engine.settings import ALL

MAX_DEPTH = 50
"""Deepest network offered on the page (the core accepts up to MAX_LAYERS = 60 layers)."""
WIDTHS = (2, 4, 8, 16, 32)
BATCH = 64
"""Examples m in the batch that is pushed through the network."""
COMPARED_INITS = ("random", "xavier", "glorot", "he")
"""Initializations compared side by side (zeros would give zero everywhere: nothing to plot)."""
MIN_SCALE, MAX_SCALE = 0.1, 2.0

SETTINGS = (
    Setting(
        "depth",
        "Layers L",
        30,
        "int",
        low=2,
        high=MAX_DEPTH,
        step=1,
        help="Weight layers L: L − 1 hidden layers of n units, then one sigmoid output unit.",
    ),
    Setting(
        "width",
        "Units per layer n",
        16,
        "int",
        options=WIDTHS,
        help="n[l], the same in every hidden layer (and the number of input features).",
    ),
    Setting(
        "act",
        "Activation",
        "relu",
        "choice",
        options=("linear", "relu", "leaky_relu", "tanh", "sigmoid"),
        help="g(z) of the hidden layers; linear is g(z) = z, the lecture's example.",
    ),
    Setting(
        "a",
        "Identity scale a",
        1.5,
        low=0.5,
        high=1.5,
        step=0.05,
        help="Part 1 sets every W[l] = a·I: each layer multiplies the signal by a.",
    ),
    ALL["iscale"],
    Setting(
        "grad",
        "Gradient shown in part 2",
        "db",
        "choice",
        options=("db", "dW"),
        help="db[l] = Σᵢ dZ[l]: the gradient flowing back through layer l. dW[l] = dZ[l] A[l−1]ᵀ: "
        "what the update uses, the product of the forward and the backward signal.",
    ),
    ALL["seed"],
)
BY_KEY = settings_by_key(*SETTINGS)
"""Every setting of the page by key (the key is its URL parameter)."""


def _norm(array: np.ndarray) -> float:
    """‖array‖_F = √(Σ x²), computed as s·‖x/s‖ with s = max|x| so that x² cannot overflow."""
    biggest = float(np.max(np.abs(array))) if array.size else 0.0
    if biggest == 0.0 or not np.isfinite(biggest):
        return biggest
    scaled = array / biggest
    return biggest * float(np.sqrt(np.vdot(scaled, scaled)))


@dataclass(frozen=True)
class SignalNorms:
    """What one forward and one backward pass through a deep network look like, layer by layer.

    Norms are Frobenius norms over the whole batch; a norm that overflowed is inf, one that
    underflowed (below 1e-308) is 0.
    """

    activations: np.ndarray
    """‖A[l]‖ for l = 0 … L − 1 (A[0] = X), shape (L,)."""
    grad_b: np.ndarray
    """‖db[l]‖ = ‖Σᵢ dZ[l]⁽ⁱ⁾‖ for l = 1 … L, shape (L,)."""
    grad_W: np.ndarray
    """‖dW[l]‖ for l = 1 … L, shape (L,)."""
    output: float
    """‖ŷ − 0.5‖ (how far the sigmoid output is from undecided), over the batch."""

    @property
    def L(self) -> int:
        return int(self.grad_W.size)


def _check_dims(layer_dims: Sequence[int]) -> list[int]:
    if isinstance(layer_dims, (str, bytes)) or not isinstance(layer_dims, Sequence):
        raise ValueError(f"layer_dims must be a list of layer sizes; got {layer_dims!r}")
    if not 3 <= len(layer_dims) <= MAX_LAYERS + 1:
        raise ValueError(
            f"layer_dims must list between 3 and {MAX_LAYERS + 1} sizes (at least one hidden "
            f"layer); got {len(layer_dims)}"
        )
    return list(layer_dims)


def signal_norms(
    layer_dims: Sequence[int],
    activation: str = "linear",
    init: str = "he",
    init_scale: float = 0.01,
    identity_scale: float | None = None,
    seed: int = 0,
    m: int = BATCH,
) -> SignalNorms:
    """Push a batch through a deep network once forward and once back; measure each layer.

    The network is the core ``Network(layer_dims, activation, "sigmoid", init, init_scale,
    seed)``: W[l] = randn(n[l], n[l−1]) × scale (see ``playground.nn.INITIALIZATIONS``), b = 0.
    With ``identity_scale`` = a every hidden layer is W[l] = a·I instead (all hidden layers must
    then be as wide as the input) and the output row is W[L] = (a/√n)(1, …, 1). The batch is
    X ~ N(0, 1) of shape (n[0], m) with random labels y ∈ {0, 1}, both drawn from
    ``RandomState(seed)``.

    Forward: A[l] = g(W[l] A[l−1] + b[l]). Backward: dZ[L] = (A[L] − Y)/m, dW[l] = dZ[l] A[l−1]ᵀ,
    db[l] = Σᵢ dZ[l]⁽ⁱ⁾, dZ[l−1] = W[l]ᵀ dZ[l] * g'(Z[l−1]). With g(z) = z and W[l] = a·I,
    ‖A[l]‖ = aˡ ‖X‖ and ‖db[l]‖ = a^(L−1−l) ‖db[L−1]‖ for l < L.

    Parameters
    ----------
    layer_dims : sequence of int
        [n[0], n[1], …, n[L]] with n[L] = 1 and 2 ≤ L ≤ 60.
    activation : str
        g of the hidden layers, one of ``playground.engine.activations.ACTIVATIONS``.
    init : str
        One of ``playground.nn.INITIALIZATIONS`` (ignored for the hidden layers when
        ``identity_scale`` is given).
    init_scale : float
        The scale of ``init="random"``, in [0, 1000].
    identity_scale : float or None
        a in [0.1, 2], or None for a random initialization.
    seed : int
        Seed of the weights and of the batch, in [0, 2**32 − 1].
    m : int
        Examples in the batch, in [1, 4096].
    """
    dims = _check_dims(layer_dims)
    check_choice("activation", activation, ACTIVATIONS)
    check_choice("init", init, INITIALIZATIONS)
    m = check_int("m", m, 1, 4096)
    net = Network(dims, hidden_activation=activation, init=init, init_scale=init_scale, seed=seed)
    L = net.L
    if identity_scale is not None:
        a = check_range("identity_scale", identity_scale, MIN_SCALE, MAX_SCALE)
        n = dims[0]
        if any(width != n for width in dims[:-1]):
            raise ValueError(
                f"layer_dims must have equal input and hidden widths for W = a·I; got {dims}"
            )
        for l in range(1, L):
            net.params[f"W{l}"] = a * np.eye(n)
        net.params[f"W{L}"] = np.full((1, n), a / np.sqrt(n))
    rng = np.random.RandomState(net.seed)
    X = rng.randn(dims[0], m)
    Y = rng.randint(0, 2, size=(1, m))
    with np.errstate(over="ignore", under="ignore", invalid="ignore"):
        AL = net.forward(X, training=True)
        grads = net.backward(Y)
        # The forward pass's record of A[1], …, A[L−1] (the network keeps it for backprop).
        hidden = net._cache.A[:L]
        return SignalNorms(
            activations=np.array([_norm(A) for A in hidden]),
            grad_b=np.array([_norm(grads[f"db{l}"]) for l in range(1, L + 1)]),
            grad_W=np.array([_norm(grads[f"dW{l}"]) for l in range(1, L + 1)]),
            output=_norm(AL - 0.5),
        )


def deep_dims(depth: int, width: int) -> list[int]:
    """[n, n, …, n, 1]: ``width`` inputs, ``depth`` − 1 hidden layers of ``width``, one output.

    Parameters
    ----------
    depth : int
        L, the number of weight layers, in [2, MAX_DEPTH].
    width : int
        n, in [1, 512].

    Returns
    -------
    list of int
        layer_dims of length L + 1.
    """
    depth = check_int("depth", depth, 2, MAX_DEPTH)
    width = check_int("width", width, 1, 512)
    return [width] * depth + [1]


def identity_network(
    depth: int, width: int, a: float, activation: str = "linear", seed: int = 0
) -> SignalNorms:
    """Part 1: every W[l] = a·I through L layers, so A[l] = aˡ X when g(z) = z.

    Parameters
    ----------
    depth, width : int
        L in [2, MAX_DEPTH] and n in [1, 512] (see :func:`deep_dims`).
    a : float
        The identity scale, in [0.1, 2].
    activation : str
        g of the hidden layers.
    seed : int
        Seed of the batch.

    Returns
    -------
    SignalNorms
        See :func:`signal_norms`.
    """
    a = check_range("a", a, MIN_SCALE, MAX_SCALE)
    dims = deep_dims(depth, width)
    return signal_norms(dims, activation, identity_scale=a, seed=seed)


def compare_inits(
    depth: int,
    width: int,
    activation: str = "relu",
    init_scale: float = 0.01,
    seed: int = 0,
    inits: Sequence[str] = COMPARED_INITS,
) -> dict[str, SignalNorms]:
    """Part 2: the same depth, width, activation, batch and seed under each initialization.

    W[l] = randn(n[l], n[l−1]) × scale with scale = init_scale (random), √(1/n[l−1]) (xavier),
    √(2/(n[l−1] + n[l])) (glorot) or √(2/n[l−1]) (he): Var(w) = scale². The same seed draws
    the same randn for every init, so the curves differ by the scale alone.

    Parameters
    ----------
    depth, width : int
        L in [2, MAX_DEPTH] and n in [1, 512] (see :func:`deep_dims`).
    activation : str
        g of the hidden layers.
    init_scale : float
        The scale of "random", in [0, 1000].
    seed : int
        Seed of the weights and of the batch.
    inits : sequence of str
        Names from ``playground.nn.INITIALIZATIONS``.

    Returns
    -------
    dict of str to SignalNorms
        One entry per init, in the order of ``inits``.
    """
    dims = deep_dims(depth, width)
    for init in inits:
        check_choice("inits", init, INITIALIZATIONS)
    return {
        init: signal_norms(dims, activation, init, init_scale=init_scale, seed=seed)
        for init in inits
    }


def weight_variance(init: str, width: int, init_scale: float = 0.01) -> float:
    """Var(w) = scale² of a hidden W[l] (n × n) for ``init``: e.g. 2/n for he, 1/n for xavier.

    Parameters
    ----------
    init : str
        One of ``playground.nn.INITIALIZATIONS``.
    width : int
        n = n[l−1] = n[l], in [1, 512].
    init_scale : float
        The scale of "random", in [0, 1000].

    Returns
    -------
    float
    """
    check_choice("init", init, INITIALIZATIONS)
    width = check_int("width", width, 1, 512)
    init_scale = check_range("init_scale", init_scale, 0.0, 1000.0)
    return float(INITIALIZATIONS[init](width, width, init_scale)) ** 2


def gain_per_layer(norms: np.ndarray) -> float:
    """The average factor per layer, (last / first)^(1/(k − 1)) over the finite positive norms.

    1 means the signal keeps its size; 0.7 means it loses 30 % per layer.

    Parameters
    ----------
    norms : ndarray of shape (k,)
        Per-layer norms; zeros (underflow), NaN and inf are skipped.

    Returns
    -------
    float
        The factor, or NaN if fewer than two norms are finite and positive.
    """
    values = np.asarray(norms, dtype=np.float64)
    if values.ndim != 1:
        raise ValueError(f"norms must be a 1-D array; got shape {values.shape}")
    index = np.flatnonzero(np.isfinite(values) & (values > 0))
    if index.size < 2:
        return float("nan")
    first, last = index[0], index[-1]
    return float(np.exp(np.log(values[last] / values[first]) / (last - first)))


def measure(values: dict) -> dict[str, object]:
    """What the page shows for its settings, by name. Part 1 (W[l] = a·I): ‖A[L−1]‖/‖A[1]‖
    ("forward") and ‖db[1]‖/‖db[L−1]‖ ("backward"). Part 2: each initialization's gain per
    layer forward ("<init>_forward") and backward ("<init>_backward"), as in the page's table."""
    L, n, act, seed = values["depth"], values["width"], values["act"], values["seed"]
    identity = identity_network(L, n, values["a"], act, seed)
    shown: dict[str, object] = {
        "forward": identity.activations[-1] / identity.activations[1],
        "backward": identity.grad_b[0] / identity.grad_b[-2],
    }
    for init, norms in compare_inits(L, n, act, values["iscale"], seed).items():
        shown[f"{init}_forward"] = gain_per_layer(norms.activations[1:])
        shown[f"{init}_backward"] = 1 / gain_per_layer(norms.grad_b[:-1])
    return shown
