"""Optimizers: one update rule per class, shared by the network, the surfaces and the searches.

``optimizer.update(params, grads)`` changes ``params`` in place; for each key k it reads
``grads["d" + k]``. State (v, s, t) is created on first use. When ``params`` and ``grads`` are a
network's matching ParamDicts, the rule runs once on their flat buffers instead of once per array.

Notes on other libraries: scikit-learn's momentum is v = μv − α dW (no (1 − β) factor: this
module's ``Momentum(form="sum")``), and its Adam folds the bias correction into the learning rate
(ε is then added to √s, not √ŝ).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

import numpy as np

from playground.engine.config import check_choice, check_range

_FLAT = "__flat__"
TRACED_STATE = ("v", "s")
"""The optimizer state a ``WeightTrace`` records: v (the average of dW) and s (of dW²)."""


@dataclass
class WeightTrace:
    """What an optimizer did to one weight, step by step (``Optimizer.watch``).

    ``key`` names the parameter array ("W1", or "w" on a surface) and ``index`` the weight in
    it. Entry i of every list is update t = ``t[i]``: the learning rate α it used, the weight
    before and after it, its gradient dW, and each state of ``TRACED_STATE`` the rule keeps
    (v, s) before and after it (``state_before["v"][i]`` is v_{t−1}, ``state["v"][i]`` is v_t).
    """

    key: str
    index: tuple[int, ...] = ()
    t: list[int] = field(default_factory=list)
    learning_rate: list[float] = field(default_factory=list)
    weight_before: list[float] = field(default_factory=list)
    grad: list[float] = field(default_factory=list)
    weight: list[float] = field(default_factory=list)
    state_before: dict[str, list[float]] = field(default_factory=dict)
    state: dict[str, list[float]] = field(default_factory=dict)

    def __len__(self) -> int:
        return len(self.t)

    def position(self, params: Mapping[str, np.ndarray]) -> int:
        """Where the watched weight sits in ``params[key].ravel()``, or in ``params.flat``."""
        if self.key not in params:
            raise ValueError(f"cannot watch {self.key!r}: the parameters are {', '.join(params)}")
        shape = params[self.key].shape
        if len(self.index) != len(shape) or any(
            not 0 <= i < n for i, n in zip(self.index, shape, strict=True)
        ):
            raise ValueError(f"index {self.index} is not in {self.key} of shape {shape}")
        inside = int(np.ravel_multi_index(self.index, shape)) if shape else 0
        offsets = getattr(params, "offsets", None)
        if offsets is None:
            return inside
        return int(offsets[list(params).index(self.key)]) + inside

    def record(
        self,
        optimizer: Optimizer,
        slot: str,
        param: np.ndarray,
        grad: np.ndarray,
        at: int,
        step: Callable[[], None],
    ) -> None:
        """Run ``step()`` (the update of ``param``, whose flat element ``at`` is the watched
        weight) and append what it did to that weight."""
        before = {name: float(b.flat[at]) for name, b in optimizer.state.get(slot, {}).items()}
        weight_before, g = float(param.flat[at]), float(grad.flat[at])
        step()
        after = optimizer.state.get(slot, {})
        self.t.append(optimizer.t)
        self.learning_rate.append(float(optimizer.learning_rate))
        self.weight_before.append(weight_before)
        self.grad.append(g)
        self.weight.append(float(param.flat[at]))
        for name in TRACED_STATE:
            if name in after:
                self.state_before.setdefault(name, []).append(before.get(name, 0.0))
                self.state.setdefault(name, []).append(float(after[name].flat[at]))


class Optimizer:
    """Base class: ``learning_rate`` α may be changed between steps; ``t`` counts update calls."""

    hyper_ranges: dict[str, tuple[float, float]] = {}

    def __init__(self, learning_rate: float, **hyper: float):
        self.learning_rate = check_range(
            "learning_rate", learning_rate, 0.0, 100.0, inclusive_low=False
        )
        unknown = set(hyper) - set(self.hyper_ranges)
        if unknown:
            allowed = ", ".join(self.hyper_ranges) or "none"
            raise ValueError(f"unknown hyperparameter {sorted(unknown)[0]!r}; allowed: {allowed}")
        for name, (low, high) in self.hyper_ranges.items():
            value = hyper.get(name, DEFAULTS[name])
            setattr(
                self, name, check_range(name, value, low, high, inclusive_high=name == "epsilon")
            )
        self.state: dict[str, dict[str, np.ndarray]] = {}
        self.t = 0
        self.trace: WeightTrace | None = None

    def __repr__(self) -> str:
        settings = [f"learning_rate={self.learning_rate}"]
        settings += [f"{k}={getattr(self, k)}" for k in self.hyper_ranges]
        return f"{type(self).__name__}({', '.join(settings)})"

    def watch(self, key: str, index: tuple[int, ...] = ()) -> WeightTrace:
        """Record, from the next update on, what each update does to the weight
        ``params[key][index]``; returns the ``WeightTrace`` it fills. Unwatched (the default),
        an update costs one attribute test more."""
        self.trace = WeightTrace(key, tuple(int(i) for i in index))
        return self.trace

    def update(self, params: Mapping[str, np.ndarray], grads: Mapping[str, np.ndarray]) -> None:
        """One step on every parameter: param ← param − α · direction(grad)."""
        flat_params = getattr(params, "flat", None)
        if flat_params is not None and getattr(grads, "mirrors", None) is params:
            self.t += 1
            if self.trace is None:
                self.step(_FLAT, flat_params, grads.flat)
            else:
                self._traced_step(_FLAT, flat_params, grads.flat, self.trace.position(params))
            return
        missing = [f"d{key}" for key in params if f"d{key}" not in grads]
        if missing:
            raise ValueError(f"grads is missing {missing[0]!r} for parameter {missing[0][1:]!r}")
        self.t += 1
        at = None if self.trace is None else self.trace.position(params)
        for key, param in params.items():
            if at is not None and key == self.trace.key:
                self._traced_step(key, param, grads["d" + key], at)
            else:
                self.step(key, param, grads["d" + key])

    def _traced_step(self, slot: str, param: np.ndarray, grad: np.ndarray, at: int) -> None:
        self.trace.record(self, slot, param, grad, at, lambda: self.step(slot, param, grad))

    def step(self, key: str, param: np.ndarray, grad: np.ndarray) -> None:
        raise NotImplementedError

    def _buffers(self, key: str, param: np.ndarray, *names: str) -> list[np.ndarray]:
        slot = self.state.get(key)
        if slot is None:
            slot = self.state[key] = {name: np.zeros_like(param) for name in names}
        return [slot[name] for name in names]


class GradientDescent(Optimizer):
    """W -= α dW."""

    def step(self, key: str, param: np.ndarray, grad: np.ndarray) -> None:
        param -= self.learning_rate * grad


MOMENTUM_FORMS = {"average": "v = βv + (1 − β) dW", "sum": "v = βv + dW"}
"""The two ways of writing momentum, by the name ``Momentum(form=…)`` takes."""


class Momentum(Optimizer):
    """Gradient descent with momentum, in one of two forms (``form``):

    - "average" (the course's): v = β v + (1 − β) dW;  W -= α v.
    - "sum": v = β v + dW;  W -= α v — no (1 − β). scikit-learn's momentum (v = μv − α dW,
      W += v) and PyTorch's SGD are this form.

    On a steady gradient dW, v settles at dW in the average form and at dW / (1 − β) in the sum
    form: the same step as gradient descent, or 1/(1 − β) = 10× larger at β = 0.9. The sum form
    with α is the average form with α / (1 − β).
    """

    hyper_ranges = {"beta": (0.0, 1.0)}

    def __init__(self, learning_rate: float, form: str = "average", **hyper: float):
        super().__init__(learning_rate, **hyper)
        check_choice("form", form, MOMENTUM_FORMS)
        self.form = form

    def __repr__(self) -> str:
        return f"{super().__repr__()[:-1]}, form={self.form!r})"

    def step(self, key: str, param: np.ndarray, grad: np.ndarray) -> None:
        (v,) = self._buffers(key, param, "v")
        v *= self.beta
        v += grad if self.form == "sum" else (1.0 - self.beta) * grad
        param -= self.learning_rate * v


class Nesterov(Optimizer):
    """Nesterov momentum, look-ahead form: v = β v + (1 − β) dW;  W -= α (β v + (1 − β) dW)."""

    hyper_ranges = {"beta": (0.0, 1.0)}

    def step(self, key: str, param: np.ndarray, grad: np.ndarray) -> None:
        (v,) = self._buffers(key, param, "v")
        v *= self.beta
        v += (1.0 - self.beta) * grad
        param -= self.learning_rate * (self.beta * v + (1.0 - self.beta) * grad)


class AdaGrad(Optimizer):
    """s = s + dW²;  W -= α dW / (√s + ε)."""

    hyper_ranges = {"epsilon": (0.0, 1.0)}

    def step(self, key: str, param: np.ndarray, grad: np.ndarray) -> None:
        (s,) = self._buffers(key, param, "s")
        s += grad * grad
        param -= self.learning_rate * grad / (np.sqrt(s) + self.epsilon)


class RMSprop(Optimizer):
    """s = β₂ s + (1 − β₂) dW²;  W -= α dW / (√s + ε).

    The lecture calls RMSprop's β β₂ (as in Adam, whose s it is); here it is the ``beta``
    argument, as in the optimizers with one β.
    """

    hyper_ranges = {"beta": (0.0, 1.0), "epsilon": (0.0, 1.0)}

    def step(self, key: str, param: np.ndarray, grad: np.ndarray) -> None:
        (s,) = self._buffers(key, param, "s")
        s *= self.beta
        s += (1.0 - self.beta) * grad * grad
        param -= self.learning_rate * grad / (np.sqrt(s) + self.epsilon)


class Adam(Optimizer):
    """v = β₁ v + (1 − β₁) dW;  s = β₂ s + (1 − β₂) dW²;
    v̂ = v / (1 − β₁ᵗ);  ŝ = s / (1 − β₂ᵗ);  W -= α v̂ / (√ŝ + ε).

    ``bias_correction=False`` uses v and s directly (to show why the correction matters early).
    """

    hyper_ranges = {"beta1": (0.0, 1.0), "beta2": (0.0, 1.0), "epsilon": (0.0, 1.0)}

    def __init__(self, learning_rate: float, bias_correction: bool = True, **hyper: float):
        super().__init__(learning_rate, **hyper)
        self.bias_correction = bool(bias_correction)

    def step(self, key: str, param: np.ndarray, grad: np.ndarray) -> None:
        v, s, work = self._buffers(key, param, "v", "s", "work")
        np.multiply(grad, 1.0 - self.beta1, out=work)
        v *= self.beta1
        v += work
        np.multiply(grad, grad, out=work)
        work *= 1.0 - self.beta2
        s *= self.beta2
        s += work
        correct_v = 1.0 - self.beta1**self.t if self.bias_correction else 1.0
        correct_s = 1.0 - self.beta2**self.t if self.bias_correction else 1.0
        # v̂/(√ŝ + ε) = (√c_s / c_v) · v/(√s + ε√c_s): the same step in five array operations.
        root_s = np.sqrt(correct_s)
        np.sqrt(s, out=work)
        work += self.epsilon * root_s
        np.divide(v, work, out=work)
        work *= self.learning_rate * root_s / correct_v
        param -= work


OPTIMIZERS: dict[str, type[Optimizer]] = {
    "gd": GradientDescent,
    "momentum": Momentum,
    "nesterov": Nesterov,
    "adagrad": AdaGrad,
    "rmsprop": RMSprop,
    "adam": Adam,
}

DEFAULTS = {"beta": 0.9, "beta1": 0.9, "beta2": 0.999, "epsilon": 1e-8}
"""Course defaults: β = 0.9, β₁ = 0.9, β₂ = 0.999, ε = 1e-8."""


def make_optimizer(name: str, learning_rate: float, **hyper: float) -> Optimizer:
    """Build an optimizer by name ("gd", "momentum", "nesterov", "adagrad", "rmsprop", "adam")."""
    check_choice("optimizer", name, OPTIMIZERS)
    return OPTIMIZERS[name](learning_rate, **hyper)
