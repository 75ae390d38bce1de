"""Each schedule's α written with the page's numbers at one epoch: the numbers shown give the
α the training loop uses in that epoch."""

from __future__ import annotations

import math

import pytest
from equation_checks import check_line

from playground.topics.lr_decay import model as decay
from playground.topics.lr_decay.equations import rate_line

FORMULAS = {
    "constant": lambda a0: a0,
    "inverse_time": lambda a0, d, e: a0 / (1 + d * e),
    "staircase": lambda a0, d, e, n: a0 / (1 + d * ((round(e) - 1) // round(n))),
    "exponential": lambda base, e, a0: base**e * a0,
    "inverse_sqrt": lambda k, e, a0: k / math.sqrt(e) * a0,
    "piecewise": lambda rate: rate,
}
VALUES = {s.key: s.default for s in decay.SETTINGS} | {"lr": 0.2, "decay": 1.0, "interval": 3}
PIECES = ((5, 50), (0.05, 0.01))


@pytest.mark.parametrize("name", decay.SCHEDULE_NAMES)
@pytest.mark.parametrize("epoch", [1, 3, 4, 7, 60])
def test_the_numbers_shown_give_the_rate_of_that_epoch(name, epoch):
    line = rate_line(name, VALUES, epoch, PIECES)
    alphas = decay.learning_rates(decay.schedule_for(name, VALUES, PIECES), 60)
    check_line(line, FORMULAS[name], alphas[epoch - 1])


def test_the_lecture_table_and_the_piece_in_force():
    assert rate_line("inverse_time", VALUES, 3).result == "0.05000"  # 0.2 / (1 + 1·3)
    assert r"\frac{0.2}{1 + 1\cdot3}" in rate_line("inverse_time", VALUES, 3).filled
    assert "5" in rate_line("piecewise", VALUES, 5, PIECES).formula  # epoch 5 ≤ b₁ = 5: α₀
    assert rate_line("piecewise", VALUES, 5, PIECES).result == "0.2000"
    assert rate_line("piecewise", VALUES, 51, PIECES).result == "0.01000"
