"""The gradient-checking page: the two-sided and one-sided differences on a 1-D example
(``FUNCTIONS``, ``derivative_errors``), a tiny network with bugs to plant (``PLANTED_BUGS``,
``check_network``, ``locate_bug``), ε sweeps of both (``epsilon_sweep``), the page's ``SETTINGS``
and what it measures. The check itself is the engine's (:mod:`playground.engine.gradcheck`).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, replace

import numpy as np

from playground.engine.config import (
    Setting,
    check_choice,
    check_int,
    check_range,
    settings_by_key,
)
from playground.engine.data import make_dataset
from playground.engine.gradcheck import (
    GREAT,
    SUSPICIOUS,
    GradCheckResult,
    gradient_check,
    numerical_derivative,
    verdict,
)
from playground.engine.nn import Network
from playground.engine.settings import ALL

MACHINE_EPSILON = float(np.finfo(np.float64).eps)
"""u = 2⁻⁵² ≈ 2.2e-16: the relative rounding error of one float64 operation."""


@dataclass(frozen=True)
class Function1D:
    """f(θ) and its first three derivatives, for the 1-D example."""

    label: str
    f: Callable[[float], float]
    d1: Callable[[float], float]
    d2: Callable[[float], float]
    d3: Callable[[float], float]
    low: float = -math.inf
    """f is defined for θ > low only."""


FUNCTIONS = {
    "cube": Function1D("θ³", lambda t: t**3, lambda t: 3 * t**2, lambda t: 6 * t, lambda t: 6.0),
    "exp": Function1D("e^θ", math.exp, math.exp, math.exp, math.exp),
    "sin": Function1D("sin θ", math.sin, math.cos, lambda t: -math.sin(t), lambda t: -math.cos(t)),
    "log": Function1D(
        "ln θ", math.log, lambda t: 1 / t, lambda t: -1 / t**2, lambda t: 2 / t**3, low=0.0
    ),
}
"""The 1-D examples: the course's J(θ) = θ³, and e^θ, sin θ, ln θ."""

EPSILONS = tuple(10.0**-k for k in range(1, 13))
"""The ε choices of the page: 1e-1, 1e-2, …, 1e-12."""
SWEEP = tuple(float(10.0 ** (-k / 2)) for k in range(2, 25))
"""ε of the sweeps, every half decade from 1e-1 to 1e-12."""
CHECK_DIMS = (2, 4, 3, 1)
"""The checked network: [n_x, n1, n2, n_y], 31 parameters (a full check takes milliseconds)."""
CHECK_M = 20
"""Examples of the checked network (circles with noise 0.1)."""
DROPOUT_KEEP = 0.8
"""keep_prob of the checked network's hidden layers (the check turns dropout off)."""


def _double_dW2(net: Network, Y: np.ndarray, lambd: float, l1: float) -> dict[str, np.ndarray]:
    grads = net.backward(Y, lambd, l1)
    grads["dW2"] *= 2.0
    return grads


def _flip_db1(net: Network, Y: np.ndarray, lambd: float, l1: float) -> dict[str, np.ndarray]:
    grads = net.backward(Y, lambd, l1)
    grads["db1"] *= -1.0
    return grads


def _sum_db1(net: Network, Y: np.ndarray, lambd: float, l1: float) -> dict[str, np.ndarray]:
    grads = net.backward(Y, lambd, l1)
    grads["db1"] *= Y.shape[1]
    return grads


def _forget_l2(net: Network, Y: np.ndarray, lambd: float, l1: float) -> dict[str, np.ndarray]:
    return net.backward(Y, 0.0, l1)


@dataclass(frozen=True)
class PlantedBug:
    """A mistake to plant in backprop: a replacement ``backward`` and/or dropout left on."""

    description: str
    backward: Callable[[Network, np.ndarray, float, float], dict[str, np.ndarray]] | None = None
    keep_dropout: bool = False
    needs_l2: bool = False
    """The bug only changes anything when λ > 0."""


PLANTED_BUGS = {
    "none": PlantedBug("No bug: the network's own backprop."),
    "dW2_x2": PlantedBug(
        "dW2 is multiplied by 2: a wrong factor in layer 2's weight gradient.", _double_dW2
    ),
    "db1_sign": PlantedBug("db1 has its sign flipped: db1 = −Σ dZ1.", _flip_db1),
    "db1_sum": PlantedBug(
        "db1 misses the 1/m: dZ1 is summed, not averaged, over the examples.", _sum_db1
    ),
    "no_l2": PlantedBug(
        "Backprop forgets the L2 term: dW = dZ A_prevᵀ without + (λ/m) W.",
        _forget_l2,
        needs_l2=True,
    ),
    "dropout_on": PlantedBug(
        f"Dropout (keep_prob {DROPOUT_KEEP}) is left on during the check: every J(θ ± ε) "
        "draws new masks.",
        keep_dropout=True,
    ),
}
"""The bugs of the page's menu, by name."""


def _epsilon_setting() -> Setting:
    return Setting(
        "epsilon",
        "ε of the check",
        1e-7,
        options=EPSILONS,
        help="The step of (J(θ + ε) − J(θ − ε)) / 2ε. The course uses 1e-7.",
    )


SETTINGS = (
    Setting(
        "fn",
        "Function f(θ)",
        "cube",
        "choice",
        options=tuple(FUNCTIONS),
        help="cube: θ³ (the course's example), exp: e^θ, sin: sin θ, log: ln θ (θ > 0.1 only).",
    ),
    Setting(
        "theta", "Point θ", 1.0, low=-2.0, high=2.0, step=0.1, help="Where f'(θ) is estimated."
    ),
    Setting(
        "bug",
        "Plant a bug",
        "none",
        "choice",
        options=tuple(PLANTED_BUGS),
        help="none · dW2_x2: dW2 × 2 · db1_sign: db1 sign flipped · db1_sum: db1 without 1/m · "
        "no_l2: backprop forgets (λ/m) W · dropout_on: dropout left on during the check.",
    ),
    replace(ALL["l2"], help="λ of the L2 term λ/(2m)·Σ‖W‖² in J (and (λ/m) W in every dW)."),
    ALL["act"],
    replace(ALL["seed"], help="Seeds the network's weights, its 20 examples and dropout masks."),
    _epsilon_setting(),
)
"""The gradient-checking page's settings. Keys shared with ``settings.ALL`` mean the same."""
BY_KEY = settings_by_key(*SETTINGS)


def _function(fn: str, theta: float, epsilon_max: float) -> tuple[Function1D, float]:
    check_choice("fn", fn, FUNCTIONS)
    function = FUNCTIONS[fn]
    theta = check_range("theta", theta, -100.0, 100.0)
    if theta - epsilon_max <= function.low:
        raise ValueError(
            f"theta must be greater than {function.low + epsilon_max:g} for {function.label} "
            f"(f(θ − ε) is evaluated for ε up to {epsilon_max:g}); got {theta:g}"
        )
    return function, theta


def _check_epsilons(epsilons: object) -> np.ndarray:
    values = np.asarray(epsilons, dtype=np.float64)
    if values.ndim != 1 or values.size == 0:
        raise ValueError("epsilons must be a non-empty 1-D sequence")
    for i, value in enumerate(values):
        check_range(f"epsilons[{i}]", float(value), 0.0, 1.0, inclusive_low=False)
    return values


def derivative_errors(
    fn: str, theta: float, epsilons: object = SWEEP
) -> tuple[np.ndarray, np.ndarray]:
    """|estimate − f'(θ)| of the two-sided and the one-sided difference, for each ε.

    Two-sided: (f(θ + ε) − f(θ − ε)) / 2ε = f'(θ) + f'''(θ) ε²/6 + …, error O(ε²).
    One-sided: (f(θ + ε) − f(θ)) / ε = f'(θ) + f''(θ) ε/2 + …, error O(ε).
    Both also carry a round-off error ≈ u·|f(θ)|/ε that grows as ε shrinks (u ≈ 2.2e-16).
    """
    epsilons = _check_epsilons(epsilons)
    function, theta = _function(fn, theta, float(epsilons.max()))
    exact = function.d1(theta)
    two = [abs(numerical_derivative(function.f, theta, e) - exact) for e in epsilons]
    one = [abs(numerical_derivative(function.f, theta, e, False) - exact) for e in epsilons]
    return np.array(two), np.array(one)


def error_model(fn: str, theta: float, epsilons: object = SWEEP) -> dict[str, np.ndarray]:
    """The leading error terms at θ: "two-sided" |f'''(θ)|/6 · ε², "one-sided" |f''(θ)|/2 · ε
    and "round-off" u·(|f(θ)| + |θ f'(θ)|)/ε (rounding f and θ ± ε). A zero term is left out."""
    epsilons = _check_epsilons(epsilons)
    function, theta = _function(fn, theta, float(epsilons.max()))
    model = {
        "two-sided": abs(function.d3(theta)) / 6 * epsilons**2,
        "one-sided": abs(function.d2(theta)) / 2 * epsilons,
        "round-off": MACHINE_EPSILON
        * (abs(function.f(theta)) + abs(theta * function.d1(theta)))
        / epsilons,
    }
    return {name: values for name, values in model.items() if values.any()}


def best_epsilon(epsilons: object, errors: object) -> tuple[float, float]:
    """(ε, error) where the finite errors are smallest; (nan, nan) if none is finite."""
    epsilons = _check_epsilons(epsilons)
    errors = np.asarray(errors, dtype=np.float64)
    if errors.shape != epsilons.shape:
        raise ValueError(f"errors must have shape {epsilons.shape}; got {errors.shape}")
    finite = np.where(np.isfinite(errors), errors, np.inf)
    if not np.isfinite(finite).any():
        return math.nan, math.nan
    i = int(np.argmin(finite))
    return float(epsilons[i]), float(errors[i])


def log_slope(epsilons: object, errors: object) -> float:
    """The least-squares slope of log10(error) against log10(ε): 2 for O(ε²), 1 for O(ε),
    −1 for round-off. Zero or non-finite errors are skipped; nan if fewer than 2 are left."""
    epsilons = _check_epsilons(epsilons)
    errors = np.asarray(errors, dtype=np.float64)
    if errors.shape != epsilons.shape:
        raise ValueError(f"errors must have shape {epsilons.shape}; got {errors.shape}")
    keep = np.isfinite(errors) & (errors > 0)
    if keep.sum() < 2:
        return math.nan
    return float(np.polyfit(np.log10(epsilons[keep]), np.log10(errors[keep]), 1)[0])


def check_network_data(activation: str, seed: int) -> tuple[Network, np.ndarray, np.ndarray]:
    """The checked network [2, 4, 3, 1] and its 20 examples (circles, noise 0.1), from ``seed``.

    He-initialized W, dropout keep_prob 0.8 in the hidden layers, and small random biases
    b[l] ~ 0.1·randn from RandomState(seed + 1): with b = 0 an example whose units are all off
    gives Z = b = 0 exactly, the ReLU kink, where a finite difference is meaningless.
    """
    check_choice("activation", activation, ALL["act"].options)
    seed = check_int("seed", seed, 0, 2**32 - 2)
    X, Y = make_dataset("circles", CHECK_M, 0.1, seed)
    net = Network(CHECK_DIMS, activation, seed=seed, keep_probs=DROPOUT_KEEP)
    rng = np.random.RandomState(seed + 1)
    for l in range(1, net.L + 1):
        net.params[f"b{l}"] = 0.1 * rng.randn(*net.params[f"b{l}"].shape)
    return net, X, Y


def check_network(
    bug: str = "none",
    lambd: float = 0.0,
    activation: str = "relu",
    seed: int = 1,
    epsilon: float = 1e-7,
) -> GradCheckResult:
    """Gradient check of the tiny network with the bug ``bug`` (a key of ``PLANTED_BUGS``)
    planted: difference = ‖grad − gradapprox‖₂ / (‖grad‖₂ + ‖gradapprox‖₂), overall and per
    parameter, J including λ/(2m)·Σ‖W‖²."""
    check_choice("bug", bug, PLANTED_BUGS)
    planted = PLANTED_BUGS[bug]
    net, X, Y = check_network_data(activation, seed)
    return gradient_check(
        net,
        X,
        Y,
        lambd=lambd,
        epsilon=epsilon,
        backward=planted.backward,
        keep_dropout=planted.keep_dropout,
    )


def epsilon_sweep(
    bug: str = "none",
    lambd: float = 0.0,
    activation: str = "relu",
    seed: int = 1,
    epsilons: object = SWEEP,
) -> np.ndarray:
    """The overall difference of ``check_network`` for each ε: truncation error ∝ ε² for
    large ε, round-off ∝ 1/ε for tiny ε, and a floor set by a bug if one is planted."""
    epsilons = _check_epsilons(epsilons)
    return np.array(
        [check_network(bug, lambd, activation, seed, float(e)).difference for e in epsilons]
    )


def gradient_name(key: str) -> str:
    """The gradient of parameter ``key``: "W2" → "dW2"."""
    if not isinstance(key, str) or not key:
        raise ValueError(f"key must be a parameter name such as 'W2'; got {key!r}")
    return "d" + key


def _layer(key: str) -> str:
    return "".join(ch for ch in key if ch.isdigit())


def locate_bug(result: GradCheckResult) -> str:
    """Read the per-parameter differences in words: which gradients are off and where to look."""
    if not isinstance(result, GradCheckResult):
        raise ValueError(f"result must be a GradCheckResult; got {type(result).__name__}")
    per = result.per_parameter
    off = [k for k, d in per.items() if not d < SUSPICIOUS]
    names = [gradient_name(k) for k in off]
    worst = max(per, key=lambda k: per[k] if math.isfinite(per[k]) else math.inf)
    if result.difference < GREAT:
        return (
            f"Backprop is right: the overall difference {result.difference:.1e} is below 1e-7. "
            f"The largest per-parameter difference is {gradient_name(worst)}'s, "
            f"{per[worst]:.1e} (a gradient close to 0 has a noisier relative difference)."
        )
    if not off:
        grey = [k for k, d in per.items() if not d < GREAT]
        listed = ", ".join(f"{gradient_name(k)} ({per[k]:.1e})" for k in grey)
        return (
            f"No gradient is clearly wrong, but {listed} {'is' if len(grey) == 1 else 'are'} in "
            "the grey zone: a ReLU kink inside [θ − ε, θ + ε], an ε too large or too small, or "
            "tiny gradients can do this. Try another ε or seed before hunting for a bug."
        )
    if len(off) == len(per):
        return (
            "Every gradient is off: the bug is in something all of them share — the cost J "
            "itself (is dropout still on during the check?) or dZ of the output layer."
        )
    if len(off) == 1:
        key = off[0]
        kind = "weight" if key.startswith("W") else "bias"
        return (
            f"{names[0]} is off ({per[key]:.2g}) while every other gradient agrees: the bug is "
            f"in layer {_layer(key)}'s {kind} gradient."
        )
    if all(k.startswith("W") for k in off) and not any(
        k.startswith("b") and not per[k] < SUSPICIOUS for k in per
    ):
        return (
            f"{', '.join(names)} are off but every db is right: the bug touches the weight "
            "gradients only — look at the regularization term (λ/m)·W in backprop."
        )
    layers = sorted({_layer(k) for k in off})
    return (
        f"{', '.join(names)} are off: look at the backward step of layer"
        f"{'s' if len(layers) > 1 else ''} {', '.join(layers)}."
    )


def _at(epsilons: np.ndarray, values: np.ndarray, epsilon: float) -> float:
    """The value at the ε of ``epsilons`` closest to ``epsilon`` (on a log scale)."""
    return float(values[int(np.argmin(np.abs(np.log10(epsilons) - math.log10(epsilon))))])


def explain_derivative(fn: str, theta: float, epsilon: float) -> str:
    """Words (Markdown) on the 1-D example at the chosen ε: errors, slopes, best ε."""
    function, theta = _function(fn, theta, max(SWEEP))
    epsilon = check_range("epsilon", epsilon, 0.0, 1.0, inclusive_low=False)
    (two,), (one,) = derivative_errors(fn, theta, [epsilon])
    sweep = np.array(SWEEP)
    two_all, one_all = derivative_errors(fn, theta, sweep)
    large = slice(0, 5)  # ε from 1e-1 to 1e-3: truncation dominates
    slope_two, slope_one = (
        log_slope(sweep[large], two_all[large]),
        log_slope(sweep[large], one_all[large]),
    )
    best_two, best_one = best_epsilon(sweep, two_all)[0], best_epsilon(sweep, one_all)[0]
    text = [
        f"f(θ) = {function.label}, so f′({theta:g}) = {function.d1(theta):.6g}. At ε = "
        f"{epsilon:g} the two-sided estimate is off by **{two:.1e}**, the one-sided by "
        f"**{one:.1e}**" + (f" — {one / two:,.0f}× worse." if two > 0 and one > two else ".")
    ]
    text.append(
        f"For large ε the errors fall with slope **{slope_two:.1f}** (two-sided: O(ε²), ε ten "
        f"times smaller → error a hundred times smaller) and **{slope_one:.1f}** (one-sided: "
        "O(ε), only ten times smaller)."
    )
    if function.d2(theta) == 0:
        text.append("Here f″(θ) = 0, so the one-sided formula's O(ε) term vanishes too.")
    text.append(
        f"Below ε ≈ {best_two:.0e} (two-sided) and {best_one:.0e} (one-sided) **round-off** "
        "takes over (shaded): f(θ + ε) and f(θ − ε) share almost all their digits, the "
        "subtraction loses them, and dividing by a tiny ε blows the loss up like 1/ε."
    )
    return "\n\n".join(text)


def explain_sweep(
    epsilons: object,
    correct: object,
    epsilon: float,
    planted: object | None = None,
) -> str:
    """Words (Markdown) on the network's difference-vs-ε curves (``correct`` without a bug,
    ``planted`` with the page's bug, if any) at the chosen ε."""
    eps = _check_epsilons(epsilons)
    correct = np.asarray(correct, dtype=np.float64)
    if correct.shape != eps.shape:
        raise ValueError(f"correct must have shape {eps.shape}; got {correct.shape}")
    epsilon = check_range("epsilon", epsilon, 0.0, 1.0, inclusive_low=False)
    best, lowest = best_epsilon(eps, correct)
    at = _at(eps, correct, epsilon)
    text = [
        f"With correct backprop the difference is smallest, **{lowest:.1e}**, at ε ≈ "
        f"{best:.0e}; at your ε = {epsilon:g} it is **{at:.1e}**: {verdict(at)}.",
        f"Larger ε: truncation error (∝ ε², and θ ± ε may cross a ReLU kink) — "
        f"{correct[0]:.1e} at ε = {eps[0]:g}. Smaller ε: round-off (∝ 1/ε) — even correct "
        f"backprop reads {correct[-1]:.1e} at ε = {eps[-1]:g}.",
    ]
    if planted is not None:
        planted = np.asarray(planted, dtype=np.float64)
        if planted.shape != eps.shape:
            raise ValueError(f"planted must have shape {eps.shape}; got {planted.shape}")
        floor = float(np.nanmin(planted))
        if np.allclose(planted, correct, rtol=1e-6, atol=0.0):
            text.append(
                "The planted bug changes nothing here: both curves coincide. A bug in a term "
                "that is 0 (such as the L2 term with λ = 0) cannot be caught."
            )
        elif floor < SUSPICIOUS:
            text.append(
                f"With the bug planted the difference gets as low as {floor:.1e}: at some ε this "
                "bug could pass unnoticed."
            )
        else:
            text.append(
                f"With the bug planted the difference stays at or above **{floor:.1e}** for "
                "every ε: no choice of ε hides a real bug."
            )
    return "\n\n".join(text)


def measure(values: dict) -> dict[str, object]:
    """What the page shows for its settings, by name. Section 1: the log-log slopes of the
    two- and one-sided errors for large ε ("slope_two", "slope_one") and the ε where each is
    smallest ("best_two", "best_one"). Section 2: the check's overall "difference", whether it
    "passed", each gradient's difference ("dW1", "db1", …) and the gradients above 1e-3
    ("lit", comma-separated). Section 3: the ε where correct backprop's difference is smallest
    ("best_network")."""
    sweep = np.array(SWEEP)
    two, one = derivative_errors(values["fn"], values["theta"], sweep)
    large = slice(0, 5)  # ε from 1e-1 to 1e-3, as explain_derivative reads them
    network = (values["l2"], values["act"], values["seed"])
    result = check_network(values["bug"], *network, values["epsilon"])
    gradients = {gradient_name(key): d for key, d in result.per_parameter.items()}
    return gradients | {
        "slope_two": log_slope(sweep[large], two[large]),
        "slope_one": log_slope(sweep[large], one[large]),
        "best_two": best_epsilon(sweep, two)[0],
        "best_one": best_epsilon(sweep, one)[0],
        "difference": result.difference,
        "passed": result.passed,
        "lit": ", ".join(name for name, d in gradients.items() if d > SUSPICIOUS),
        "best_network": best_epsilon(sweep, epsilon_sweep("none", *network))[0],
    }
