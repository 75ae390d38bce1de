"""What a deep-learning framework does for you, in miniature.

1. Reverse-mode automatic differentiation for scalars (``Value``, in the spirit of micrograd):
   you write only the forward cost J(w); every operation records itself on a tape, and
   ``backward()`` walks the tape in reverse applying the chain rule — what TensorFlow's
   GradientTape and PyTorch's autograd do for tensors.
2. The same network trained by this project's hand-written NumPy core and by scikit-learn's
   ``MLPClassifier``, side by side.
"""

from __future__ import annotations

import math
import time
import warnings
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from sklearn.exceptions import ConvergenceWarning
from sklearn.neural_network import MLPClassifier

from playground.engine.config import (
    Setting,
    check_choice,
    check_int,
    check_range,
    check_seed,
    settings_by_key,
)
from playground.engine.optim import make_optimizer


class Value:
    """A scalar that remembers how it was computed, so its derivatives can be back-propagated.

    ``c = a * b`` records c's parents (a, b) and a rule that, given dJ/dc, adds
    dJ/da = dJ/dc · b and dJ/db = dJ/dc · a to their ``grad``.
    """

    def __init__(self, data: float, parents: tuple[Value, ...] = (), op: str = "input"):
        self.data = float(data)
        self.grad = 0.0
        self.parents = parents
        self.op = op
        self._backward: Callable[[], None] = lambda: None

    def __repr__(self) -> str:
        return f"Value({self.data:g}, grad={self.grad:g}, op={self.op!r})"

    @staticmethod
    def _lift(other: Value | float) -> Value:
        return other if isinstance(other, Value) else Value(other, op="constant")

    def __add__(self, other: Value | float) -> Value:
        other = Value._lift(other)
        out = Value(self.data + other.data, (self, other), "+")

        def backward() -> None:
            self.grad += out.grad
            other.grad += out.grad

        out._backward = backward
        return out

    def __mul__(self, other: Value | float) -> Value:
        other = Value._lift(other)
        out = Value(self.data * other.data, (self, other), "×")

        def backward() -> None:
            self.grad += other.data * out.grad
            other.grad += self.data * out.grad

        out._backward = backward
        return out

    def __pow__(self, power: int) -> Value:
        if not isinstance(power, int):
            raise ValueError(f"power must be an int; got {power!r}")
        out = Value(self.data**power, (self,), f"^{power}")

        def backward() -> None:
            self.grad += power * self.data ** (power - 1) * out.grad

        out._backward = backward
        return out

    def exp(self) -> Value:
        out = Value(math.exp(self.data), (self,), "exp")

        def backward() -> None:
            self.grad += out.data * out.grad

        out._backward = backward
        return out

    def log(self) -> Value:
        if self.data <= 0:
            raise ValueError(f"log needs a positive argument; got {self.data:g}")
        out = Value(math.log(self.data), (self,), "log")

        def backward() -> None:
            self.grad += out.grad / self.data

        out._backward = backward
        return out

    def __neg__(self) -> Value:
        return self * -1.0

    def __sub__(self, other: Value | float) -> Value:
        return self + (-Value._lift(other))

    def __rsub__(self, other: float) -> Value:
        return Value._lift(other) + (-self)

    __radd__ = __add__
    __rmul__ = __mul__

    def __rtruediv__(self, other: float) -> Value:
        return Value._lift(other) / self

    def __truediv__(self, other: Value | float) -> Value:
        other = Value._lift(other)
        inverse = Value(1.0 / other.data, (other,), "1/x")

        def backward() -> None:
            other.grad += -inverse.grad / other.data**2

        inverse._backward = backward
        return self * inverse

    def tape(self) -> list[Value]:
        """Every node that led to this one, inputs first (a topological order)."""
        order: list[Value] = []
        seen: set[int] = set()

        def visit(node: Value) -> None:
            if id(node) not in seen:
                seen.add(id(node))
                for parent in node.parents:
                    visit(parent)
                order.append(node)

        visit(self)
        return order

    def backward(self) -> None:
        """dJ/dJ = 1, then the chain rule from the last operation back to the inputs."""
        tape = self.tape()
        for node in tape:
            node.grad = 0.0
        self.grad = 1.0
        for node in reversed(tape):
            node._backward()


@dataclass(frozen=True)
class Cost:
    """A cost J(w) written once, as code, and usable with floats or ``Value``s."""

    code: str
    function: Callable
    minimum: float


COSTS = {
    "course": Cost("w**2 - 10*w + 25", lambda w: w**2 - 10 * w + 25, 5.0),
    "quartic": Cost("(w - 2)**4 + w**2 / 2", lambda w: (w - 2) ** 4 + w**2 / 2, 1.3106016),
    "exponential": Cost("exp(w / 2) - 2*w", lambda w: _exp(w / 2) - 2 * w, 2 * math.log(4)),
}
"""The costs on offer: a fixed menu (user text is never evaluated)."""


def _exp(w):
    return w.exp() if isinstance(w, Value) else math.exp(w)


def cost_and_derivative(name: str, w: float) -> tuple[float, float, list[Value]]:
    """J(w), dJ/dw by reverse-mode autodiff, and the tape that computed them."""
    check_choice("cost", name, COSTS)
    w = check_range("w", w, -1e3, 1e3)
    weight = Value(w, op="w")
    J = COSTS[name].function(weight)
    J.backward()
    return J.data, weight.grad, J.tape()


def minimize(name: str, optimizer: str, learning_rate: float, steps: int, w0: float) -> np.ndarray:
    """w_0 … w_steps: each step gets dJ/dw by autodiff and hands it to the shared optimizer."""
    check_choice("cost", name, COSTS)
    steps = check_int("steps", steps, 1, 2000)
    optimizer_ = make_optimizer(optimizer, learning_rate)
    w = np.array([check_range("w0", w0, -50.0, 50.0)])
    path = [w[0]]
    for _ in range(steps):
        _, dw, _ = cost_and_derivative(name, float(np.clip(w[0], -1e3, 1e3)))
        optimizer_.update({"w": w}, {"dw": np.array([dw])})
        if not np.isfinite(w).all() or abs(w[0]) > 1e3:
            break
        path.append(w[0])
    return np.array(path)


SETTINGS = (
    Setting(
        "cost",
        "Cost J(w)",
        "course",
        "choice",
        options=tuple(COSTS),
        help="The forward cost you write; its derivative is computed for you.",
    ),
    Setting(
        "jopt",
        "Optimizer",
        "gd",
        "choice",
        options=("gd", "momentum", "rmsprop", "adam"),
        help="The update rule, the same classes the network trains with.",
    ),
    Setting(
        "jlr",
        "Learning rate α",
        0.1,
        options=(0.001, 0.01, 0.03, 0.1, 0.3, 0.5, 1.0),
        help="Step size for this one-weight problem.",
    ),
    Setting("steps", "Steps", 50, "int", low=1, high=500, step=1, help="Update steps."),
    Setting("w0", "Start w₀", 0.0, low=-10.0, high=15.0, step=0.5, help="Where w starts."),
)
BY_KEY = settings_by_key(*SETTINGS)


SKLEARN_ACTIVATIONS = {"relu": "relu", "tanh": "tanh", "sigmoid": "logistic"}
"""The core's hidden activations that MLPClassifier also has (core name → sklearn name)."""


class SklearnNetwork:
    """A fitted ``MLPClassifier`` seen through the core's network interface (for plots)."""

    def __init__(self, model: MLPClassifier, n_x: int, n_classes: int):
        self.model = model
        self.output = "sigmoid" if n_classes == 2 else "softmax"
        self.layer_dims = [n_x, *model.hidden_layer_sizes, 1 if n_classes == 2 else n_classes]

    def forward(self, X: np.ndarray, training: bool = False) -> np.ndarray:
        """Probabilities with examples in columns: (1, m) P(y = 1), or (C, m)."""
        probabilities = self.model.predict_proba(X.T).T
        return probabilities[1:] if self.output == "sigmoid" else probabilities


@dataclass
class Comparison:
    """Dev accuracy and wall time of one model."""

    name: str
    net: object
    dev_accuracy: float
    train_accuracy: float
    seconds: float


def fit_sklearn(
    X: np.ndarray,
    Y: np.ndarray,
    X_dev: np.ndarray,
    Y_dev: np.ndarray,
    hidden: list[int],
    activation: str,
    learning_rate: float,
    epochs: int,
    batch_size: int | None,
    lambd: float,
    seed: int,
) -> Comparison:
    """scikit-learn's MLPClassifier with the core's settings: Adam, L2 alpha = λ (its penalty is
    alpha/(2·n_samples)·‖W‖², the core's λ/(2m)), no early stopping, every epoch run; its
    ``random_state`` is ``seed``, in [0, 2³² − 1]."""
    check_choice("activation", activation, SKLEARN_ACTIVATIONS)
    seed = check_seed("seed", seed)
    if not hidden:
        raise ValueError("hidden must list at least one hidden layer for MLPClassifier")
    model = MLPClassifier(
        hidden_layer_sizes=tuple(hidden),
        activation=activation,
        solver="adam",
        alpha=lambd,
        batch_size=batch_size or X.shape[1],
        learning_rate_init=learning_rate,
        max_iter=epochs,
        shuffle=True,
        tol=0.0,
        n_iter_no_change=epochs + 1,
        early_stopping=False,
        random_state=seed,
    )
    start = time.perf_counter()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        model.fit(X.T, Y.ravel())
    seconds = time.perf_counter() - start
    n_classes = int(max(Y.max(), Y_dev.max())) + 1
    return Comparison(
        "scikit-learn MLPClassifier",
        SklearnNetwork(model, X.shape[0], n_classes),
        float(model.score(X_dev.T, Y_dev.ravel())),
        float(model.score(X.T, Y.ravel())),
        seconds,
    )


def measure(values: dict) -> dict[str, object]:
    """What part 1 of the page shows for its settings, by name: where w ends ("w_end"), the
    cost's minimum ("minimum"), the lengths of the first and last step ("first_step",
    "last_step") and dJ/dw at the end ("slope_end")."""
    path = minimize(values["cost"], values["jopt"], values["jlr"], values["steps"], values["w0"])
    _, slope, _ = cost_and_derivative(values["cost"], float(path[-1]))
    return {
        "w_end": float(path[-1]),
        "minimum": COSTS[values["cost"]].minimum,
        "first_step": float(abs(path[1] - path[0])),
        "last_step": float(abs(path[-1] - path[-2])),
        "slope_end": slope,
    }
