"""Racing settings: one learning rate and β's per optimizer, built into the shared optimizers."""

import math

import pytest

from playground.engine.optim import Adam, GradientDescent, Momentum, Nesterov, RMSprop
from playground.engine.racing import (
    ALL_RACERS,
    LR_KEYS,
    RATES,
    adam_uncorrected_ratio,
    describe,
    hyperparameters,
    make_racer,
    racer_settings,
)

RATE = dict.fromkeys(ALL_RACERS, 0.01)
VALUES = {
    "gd_lr": 0.1,
    "mom_lr": 0.2,
    "nag_lr": 0.3,
    "ada_lr": 0.5,
    "rms_lr": 0.01,
    "adam_lr": 0.001,
    "mom_beta": 0.8,
    "rms_beta": 0.99,
    "beta1": 0.5,
    "beta2": 0.99,
    "bias": False,
}


def test_rates_are_a_sorted_log_grid_holding_the_course_rate():
    assert list(RATES) == sorted(set(RATES))
    assert 0.0007 in RATES and 0.01 in RATES
    assert RATES[0] == 0.0001 and RATES[-1] == 5.0
    ratios = [b / a for a, b in zip(RATES, RATES[1:], strict=False)]
    assert max(ratios) <= 2.0 + 1e-9  # 1, 2, 3, 5, 7: never more than ×2 apart


def test_racer_settings_take_each_default_rate():
    settings = {s.key: s for s in racer_settings(RATE | {"adam": 0.0007})}
    assert set(LR_KEYS.values()) <= set(settings)
    assert settings["adam_lr"].default == 0.0007
    assert settings["gd_lr"].default == 0.01
    assert settings["beta1"].default == 0.9 and settings["beta2"].default == 0.999
    assert settings["bias"].kind == "bool" and settings["bias"].default is True
    assert settings["mom_beta"].default == 0.9


def test_racer_settings_validate_the_rates():
    with pytest.raises(ValueError, match="rates must give a learning rate for adam"):
        racer_settings({name: 0.01 for name in ALL_RACERS if name != "adam"})
    with pytest.raises(ValueError, match=r"rates\['gd'\]"):
        racer_settings(RATE | {"gd": 0.0123})


def test_make_racer_uses_each_racers_own_hyperparameters():
    gd = make_racer("gd", VALUES)
    assert isinstance(gd, GradientDescent) and gd.learning_rate == 0.1
    momentum = make_racer("momentum", VALUES)
    assert isinstance(momentum, Momentum) and (momentum.learning_rate, momentum.beta) == (0.2, 0.8)
    nesterov = make_racer("nesterov", VALUES)
    assert isinstance(nesterov, Nesterov) and nesterov.beta == 0.8
    rmsprop = make_racer("rmsprop", VALUES)
    assert isinstance(rmsprop, RMSprop) and rmsprop.beta == 0.99
    adam = make_racer("adam", VALUES)
    assert isinstance(adam, Adam)
    assert (adam.learning_rate, adam.beta1, adam.beta2) == (0.001, 0.5, 0.99)
    assert adam.bias_correction is False
    assert make_racer("adam", VALUES | {"bias": True}).bias_correction is True


def test_hyperparameters_and_describe():
    assert hyperparameters("gd", VALUES) == {}
    assert hyperparameters("rmsprop", VALUES) == {"beta": 0.99}
    assert describe("gd", VALUES) == "α = 0.1"
    assert describe("momentum", VALUES) == "α = 0.2, β = 0.8"
    assert describe("rmsprop", VALUES) == f"α = {VALUES['rms_lr']:g}, β₂ = {VALUES['rms_beta']:g}"
    assert describe("adam", VALUES) == "α = 0.001, β₁ = 0.5, β₂ = 0.99, no bias correction"
    assert describe("adam", VALUES | {"bias": True}) == "α = 0.001, β₁ = 0.5, β₂ = 0.99"


@pytest.mark.parametrize("function", [hyperparameters, make_racer, describe])
def test_unknown_racers_are_rejected(function):
    with pytest.raises(ValueError, match="name must be one of"):
        function("sgd", VALUES)


def test_adam_uncorrected_ratio_is_the_bias_of_v_over_the_root_bias_of_s():
    # t = 1: v₁ = (1 − β₁) dW, s₁ = (1 − β₂) dW², so v/√s = 0.1/√0.001 = √10.
    assert adam_uncorrected_ratio(1) == pytest.approx(math.sqrt(10.0))
    assert adam_uncorrected_ratio(10) == pytest.approx((1 - 0.9**10) / math.sqrt(1 - 0.999**10))
    assert adam_uncorrected_ratio(100_000) == pytest.approx(1.0, abs=1e-6)
    # With β₂ = β₁ the square root wins: the uncorrected steps are smaller.
    assert adam_uncorrected_ratio(1, 0.9, 0.9) == pytest.approx(math.sqrt(0.1))


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [({"t": 0}, "t must be"), ({"beta1": 1.0}, "beta1"), ({"beta2": -0.1}, "beta2")],
)
def test_adam_uncorrected_ratio_validates(kwargs, match):
    with pytest.raises(ValueError, match=match):
        adam_uncorrected_ratio(**({"t": 1} | kwargs))
