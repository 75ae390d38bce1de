"""The page's minimization of J(w) as it is written in PyTorch and in TensorFlow/Keras: code to
read (never run here: neither framework is a dependency), formatted from the very settings —
cost, optimizer, α, steps, w₀ — of the run the page's own autodiff makes.

Each optimizer is written with the course's hyperparameters (``playground.engine.optim.DEFAULTS``).
Momentum is the one whose form differs: PyTorch's and Keras's SGD keep v = βv + dW (no (1 − β)),
so the course's v = βv + (1 − β)dW, W -= αv is their SGD with learning rate α(1 − β).
"""

from __future__ import annotations

from collections.abc import Sequence

from playground.engine.optim import DEFAULTS
from playground.topics.frameworks.model import COSTS

BETA, BETA1, BETA2, EPSILON = (DEFAULTS[k] for k in ("beta", "beta1", "beta2", "epsilon"))


MOMENTUM_NOTE = "# SGD's v = βv + dw with lr = α(1 − β) is the course's v = βv + (1 − β)dw\n"
"""The comment above a momentum optimizer: why its learning rate is α(1 − β)."""


LINE = 64
"""Longest line of a listing: two listings side by side fit without scrolling."""


def momentum_rate(learning_rate: float, beta: float = BETA) -> float:
    """The frameworks' SGD learning rate of the course's momentum: α(1 − β)."""
    return learning_rate * (1 - beta)


def _torch_optimizer(optimizer: str, lr: float) -> str:
    if optimizer == "gd":
        return f"torch.optim.SGD([w], lr={lr:g})"
    if optimizer == "momentum":
        return f"{MOMENTUM_NOTE}torch.optim.SGD([w], lr={momentum_rate(lr):g}, momentum={BETA:g})"
    if optimizer == "rmsprop":
        return f"torch.optim.RMSprop([w], lr={lr:g}, alpha={BETA:g}, eps={EPSILON:g})"
    return f"torch.optim.Adam([w], lr={lr:g}, betas=({BETA1:g}, {BETA2:g}), eps={EPSILON:g})"


def _keras_optimizer(optimizer: str, lr: float) -> str:
    keras = "tf.keras.optimizers"
    if optimizer == "gd":
        return f"{keras}.SGD(learning_rate={lr:g})"
    if optimizer == "momentum":
        return f"{MOMENTUM_NOTE}{keras}.SGD(learning_rate={momentum_rate(lr):g}, momentum={BETA:g})"
    if optimizer == "rmsprop":
        return f"{keras}.RMSprop(learning_rate={lr:g}, rho={BETA:g}, epsilon={EPSILON:g})"
    return (
        f"{keras}.Adam(learning_rate={lr:g}, beta_1={BETA1:g}, beta_2={BETA2:g}, "
        f"epsilon={EPSILON:g})"
    )


def _assign(expression: str) -> str:
    """``optimizer = …``, after the expression's comment line if it has one; its arguments on
    a line of their own when it is longer than ``LINE``."""
    comment, _, call = expression.rpartition("\n")
    line = f"optimizer = {call}"
    if len(line) > LINE:
        name, _, arguments = call.partition("(")
        line = f"optimizer = {name}(\n    {arguments[:-1]}\n)"
    return f"{comment}\n" * bool(comment) + line


def _outcome(path: Sequence[float], steps: int) -> str:
    """The comment on the last line: where this page's own run of the same steps ended."""
    if len(path) - 1 < steps:
        return f"this page's autodiff diverged at step {len(path)} (|w| > 1000)"
    return f"this page's autodiff ends at w = {path[-1]:.6g}"


def pytorch(
    cost: str, optimizer: str, learning_rate: float, steps: int, path: Sequence[float]
) -> str:
    """The run whose path (w₀ … w_steps) the page's autodiff made, in PyTorch: autograd records
    J(w) and ``backward()`` fills ``w.grad``."""
    code = COSTS[cost].code.replace("exp(", "torch.exp(")
    return f"""import torch

w = torch.tensor({float(path[0])!r}, dtype=torch.float64, requires_grad=True)
{_assign(_torch_optimizer(optimizer, learning_rate))}


def J(w):
    return {code}


for step in range({steps}):
    optimizer.zero_grad()
    cost = J(w)
    cost.backward()  # dJ/dw into w.grad
    optimizer.step()

# {_outcome(path, steps)}
print(w.item())
"""


def keras(
    cost: str, optimizer: str, learning_rate: float, steps: int, path: Sequence[float]
) -> str:
    """The run whose path the page's autodiff made, in TensorFlow/Keras: a ``GradientTape``
    records J(w), ``tape.gradient`` walks it back."""
    code = COSTS[cost].code.replace("exp(", "tf.exp(")
    return f"""import tensorflow as tf

w = tf.Variable({float(path[0])!r}, dtype=tf.float64)
{_assign(_keras_optimizer(optimizer, learning_rate))}


def J(w):
    return {code}


for step in range({steps}):
    with tf.GradientTape() as tape:
        cost = J(w)
    grads = tape.gradient(cost, [w])  # dJ/dw
    optimizer.apply_gradients(zip(grads, [w]))

# {_outcome(path, steps)}
print(w.numpy())
"""
