"""Several optimizers side by side, each with its own hyperparameters: their page settings.

The two Week-2 optimizer pages ("Optimizers on surfaces" and "Optimizers on the network") race
gradient descent, momentum, RMSprop and Adam (and optionally Nesterov momentum and AdaGrad)
against each other. Each racer has its own learning rate α, and the β's of its update rule, in
the course's notation (``playground.optim`` holds the rules themselves):

* gd:        W := W − α dW
* momentum:  v = β v + (1 − β) dW;  W := W − α v
* nesterov:  v = β v + (1 − β) dW;  W := W − α (β v + (1 − β) dW)
* adagrad:   s = s + dW²;  W := W − α dW / (√s + ε)
* rmsprop:   s = β s + (1 − β) dW²;  W := W − α dW / (√s + ε)
* adam:      v = β₁ v + (1 − β₁) dW;  s = β₂ s + (1 − β₂) dW²;  v̂ = v / (1 − β₁ᵗ);
  ŝ = s / (1 − β₂ᵗ);  W := W − α v̂ / (√ŝ + ε)

Both pages declare the same URL keys for these knobs (``gd_lr``, ``mom_lr``, ``mom_beta``, …),
so a key means the same thing on either page; only the default rates differ per page.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

from playground.engine.config import Setting, check_choice, check_int, check_range
from playground.engine.optim import DEFAULTS, Optimizer, make_optimizer

RACERS = ("gd", "momentum", "rmsprop", "adam")
"""The four optimizers of the course's lectures, always raced."""
EXTRAS = ("nesterov", "adagrad")
"""Optional extra racers (not in the course's lectures)."""
ALL_RACERS = (*RACERS, *EXTRAS)

LABELS = {
    "gd": "gradient descent",
    "momentum": "momentum",
    "nesterov": "Nesterov",
    "adagrad": "AdaGrad",
    "rmsprop": "RMSprop",
    "adam": "Adam",
}
"""How each racer is named in text and legends."""

RATES = tuple(
    round(mantissa * 10.0**exponent, 6) for exponent in range(-4, 0) for mantissa in (1, 2, 3, 5, 7)
) + (1.0, 2.0, 3.0, 5.0)
"""Learning rates offered: 1, 2, 3, 5, 7 per decade from 0.0001 to 5 (the course's α = 0.0007
is one of them)."""

LR_KEYS = {
    "gd": "gd_lr",
    "momentum": "mom_lr",
    "nesterov": "nag_lr",
    "adagrad": "ada_lr",
    "rmsprop": "rms_lr",
    "adam": "adam_lr",
}
"""URL key of each racer's learning rate."""
HYPER_KEYS = {
    "gd": (),
    "momentum": ("mom_beta",),
    "nesterov": ("mom_beta",),
    "adagrad": (),
    "rmsprop": ("rms_beta",),
    "adam": ("beta1", "beta2", "bias"),
}
"""URL keys of the other hyperparameters each racer reads (Nesterov shares momentum's β)."""

_BETAS = (0.0, 0.5, 0.8, 0.9, 0.95, 0.98, 0.99, 0.999)


def _rate(name: str, default: float) -> Setting:
    return Setting(
        LR_KEYS[name],
        f"α {LABELS[name]}",
        default,
        options=RATES,
        help=f"Learning rate α of {LABELS[name]} (log scale).",
    )


def racer_settings(rates: Mapping[str, float]) -> tuple[Setting, ...]:
    """The racers' settings, with ``rates[name]`` as the default α of each racer.

    Parameters
    ----------
    rates : mapping of every name in ``ALL_RACERS`` to a default learning rate in ``RATES``.

    Returns
    -------
    tuple of Setting
        Learning rates, momentum's β, RMSprop's β₂, Adam's β₁, β₂ and bias correction.
    """
    missing = [name for name in ALL_RACERS if name not in rates]
    if missing:
        raise ValueError(f"rates must give a learning rate for {', '.join(missing)}")
    for name in ALL_RACERS:
        check_choice(f"rates[{name!r}]", rates[name], RATES)
    return (
        _rate("gd", rates["gd"]),
        _rate("momentum", rates["momentum"]),
        Setting(
            "mom_beta",
            "β momentum",
            DEFAULTS["beta"],
            options=_BETAS,
            help="v = β v + (1 − β) dW averages about 1/(1 − β) gradients (also Nesterov's β).",
        ),
        _rate("rmsprop", rates["rmsprop"]),
        Setting(
            "rms_beta",
            "β₂ RMSprop",
            0.9,
            options=_BETAS,
            help="RMSprop's β₂ (the lecture's name for it): s = β₂ s + (1 − β₂) dW², the average "
            "of squared gradients RMSprop divides by.",
        ),
        _rate("adam", rates["adam"]),
        Setting(
            "beta1",
            "β₁ Adam",
            DEFAULTS["beta1"],
            options=(0.0, 0.5, 0.8, 0.9, 0.95, 0.99),
            help="Adam's momentum term v (course default 0.9).",
        ),
        Setting(
            "beta2",
            "β₂ Adam",
            DEFAULTS["beta2"],
            options=(0.9, 0.99, 0.999, 0.9999),
            help="Adam's RMSprop term s (course default 0.999).",
        ),
        Setting(
            "bias",
            "Adam bias correction",
            True,
            "bool",
            help="Divide v by 1 − β₁ᵗ and s by 1 − β₂ᵗ (the course's v̂ and ŝ). Off: use v and s.",
        ),
        _rate("nesterov", rates["nesterov"]),
        _rate("adagrad", rates["adagrad"]),
    )


def hyperparameters(name: str, values: Mapping[str, object]) -> dict[str, object]:
    """The keyword arguments of ``make_optimizer(name, α, **kw)`` from a page's ``values``."""
    check_choice("name", name, ALL_RACERS)
    if name in ("momentum", "nesterov"):
        return {"beta": values["mom_beta"]}
    if name == "rmsprop":
        return {"beta": values["rms_beta"]}
    if name == "adam":
        return {
            "beta1": values["beta1"],
            "beta2": values["beta2"],
            "bias_correction": values.get("bias", True),
        }
    return {}


def make_racer(name: str, values: Mapping[str, object]) -> Optimizer:
    """A fresh optimizer ``name`` with the learning rate and β's a page's ``values`` give it.

    Raises ValueError (from ``make_optimizer``) for an unknown name or a value out of range.
    """
    check_choice("name", name, ALL_RACERS)
    return make_optimizer(name, values[LR_KEYS[name]], **hyperparameters(name, values))


def describe(name: str, values: Mapping[str, object]) -> str:
    """The racer's hyperparameters in the course's notation, e.g. "α = 0.01, β = 0.9" (RMSprop's
    β is the lecture's β₂: "α = 0.01, β₂ = 0.9")."""
    check_choice("name", name, ALL_RACERS)
    parts = [f"α = {values[LR_KEYS[name]]:g}"]
    hyper = hyperparameters(name, values)
    if "beta" in hyper:
        parts.append(f"{'β₂' if name == 'rmsprop' else 'β'} = {hyper['beta']:g}")
    if name == "adam":
        parts += [f"β₁ = {hyper['beta1']:g}", f"β₂ = {hyper['beta2']:g}"]
        if not hyper["bias_correction"]:
            parts.append("no bias correction")
    return ", ".join(parts)


def adam_uncorrected_ratio(t: int, beta1: float = 0.9, beta2: float = 0.999) -> float:
    """How much larger Adam's step t is without bias correction, for a constant gradient.

    With dW constant and ε → 0: v_t = (1 − β₁ᵗ) dW and s_t = (1 − β₂ᵗ) dW², so the uncorrected
    step α v_t / √s_t is (1 − β₁ᵗ) / √(1 − β₂ᵗ) times the corrected step α v̂_t / √ŝ_t = α.
    With β₁ = 0.9, β₂ = 0.999 the ratio is 0.1 / √0.001 ≈ 3.16 at t = 1: the uncorrected first
    steps are *larger*, since s is biased towards 0 more than v is. It is below 1 when β₂ ≤ β₁.
    """
    t = check_int("t", t, 1, 10**9)
    beta1 = check_range("beta1", beta1, 0.0, 1.0, inclusive_high=False)
    beta2 = check_range("beta2", beta2, 0.0, 1.0, inclusive_high=False)
    return (1.0 - beta1**t) / math.sqrt(1.0 - beta2**t)
