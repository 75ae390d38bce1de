"""Hidden-layer activations g(Z) and their derivatives g'(Z), as in the course.

Each entry of ``ACTIVATIONS`` is ``(g, g_prime)`` where ``g(Z) -> A`` and ``g_prime(Z, A)`` returns
g'(Z), so backprop computes dZ = dA * g'(Z).
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

LEAKY_SLOPE = 0.01


def relu(Z: np.ndarray) -> np.ndarray:
    """g(z) = max(0, z)."""
    return np.maximum(Z, 0.0)


def relu_prime(Z: np.ndarray, A: np.ndarray) -> np.ndarray:
    """g'(z) = 1 if z > 0 else 0 (0 at the kink, as in the course), as floats 1.0 / 0.0: dA times
    a float array is the same as dA times a boolean mask, and faster (no cast on the way)."""
    return (Z > 0).astype(np.float64)


def leaky_relu(Z: np.ndarray) -> np.ndarray:
    """g(z) = max(0.01 z, z)."""
    return np.maximum(Z, LEAKY_SLOPE * Z)


def leaky_relu_prime(Z: np.ndarray, A: np.ndarray) -> np.ndarray:
    """g'(z) = 1 if z > 0 else 0.01."""
    return np.where(Z > 0, 1.0, LEAKY_SLOPE)


def tanh(Z: np.ndarray) -> np.ndarray:
    """g(z) = tanh(z)."""
    return np.tanh(Z)


def tanh_prime(Z: np.ndarray, A: np.ndarray) -> np.ndarray:
    """g'(z) = 1 - tanh(z)² = 1 - a²."""
    return 1.0 - A * A


def sigmoid(Z: np.ndarray, out: np.ndarray | None = None) -> np.ndarray:
    """g(z) = 1 / (1 + e^(-z)), computed as (1 + tanh(z/2)) / 2 so it never overflows.

    ``out``: an array to write A into (it may be Z itself, when Z is no longer needed).
    """
    A = np.multiply(Z, 0.5, out=out)
    np.tanh(A, out=A)
    A += 1.0
    A *= 0.5
    return A


def sigmoid_prime(Z: np.ndarray, A: np.ndarray) -> np.ndarray:
    """g'(z) = σ(z)(1 - σ(z)) = a(1 - a)."""
    return A * (1.0 - A)


def linear(Z: np.ndarray) -> np.ndarray:
    """g(z) = z (no non-linearity: a deep linear network, used on the vanishing-gradient page)."""
    return Z


def linear_prime(Z: np.ndarray, A: np.ndarray) -> np.ndarray:
    """g'(z) = 1."""
    return np.ones_like(Z)


Activation = tuple[
    Callable[[np.ndarray], np.ndarray], Callable[[np.ndarray, np.ndarray], np.ndarray]
]

ACTIVATIONS: dict[str, Activation] = {
    "relu": (relu, relu_prime),
    "leaky_relu": (leaky_relu, leaky_relu_prime),
    "tanh": (tanh, tanh_prime),
    "sigmoid": (sigmoid, sigmoid_prime),
    "linear": (linear, linear_prime),
}


def softmax(Z: np.ndarray) -> np.ndarray:
    """a_i = e^(z_i) / Σ_j e^(z_j) per column; z - max(z) first so e^z never overflows."""
    E = np.exp(Z - Z.max(axis=0, keepdims=True))
    E /= E.sum(axis=0, keepdims=True)
    return E
