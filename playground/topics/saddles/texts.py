"""Why the saddles page's optimizers escape when they do, in words: the mechanism of each stall,
and the steps momentum, RMSprop and Adam took while stalled."""

from __future__ import annotations

import math

from playground.engine.config import check_range
from playground.topics.saddles.escaping import LABELS, Escape

MECHANISMS = {
    "saddle": "J = w₁² − w₂² curves up along w₁ and down along w₂. Gradient descent first slides "
    "toward the saddle point; to leave it must grow w₂, whose gradient −2w₂ is tiny near the "
    "ridge. It multiplies w₂ by (1 + 2α) per step, so every 10× closer start costs the same "
    "number of extra steps.",
    "monkey_saddle": "J = w₁³ − 3w₁w₂² has three valleys meeting at a flat point (0, 0) where "
    "even the curvature is zero: the gradient 3w₁² fades as gradient descent gets closer, so its "
    "steps shrink with it, while a velocity v still carries the larger gradients of earlier "
    "steps.",
    "plateau": "Far from the basin J ≈ 1 is nearly flat, so gradient descent's step α·dW is tiny.",
}
"""Why each surface stalls gradient descent (the mechanism; the page adds the measured steps)."""


def _ratio(value: float) -> str:
    return f"{value:.3g}×" if math.isfinite(value) else "— (it never stalled)"


def _versus(race: Escape, name: str) -> str:
    """When racer ``name`` escaped, compared with gradient descent's escape."""
    mine, theirs = race.runs[name].escaped_at, race.runs["gd"].escaped_at
    if mine is None:
        tail = "nor did gradient descent" if theirs is None else f"gradient descent: {theirs}"
        return f"not in {race.steps} steps ({tail})"
    if theirs is None:
        return f"after {mine} steps, gradient descent not in {race.steps}"
    order = "sooner than" if mine < theirs else "later than" if mine > theirs else "as soon as"
    return f"after {mine} steps, {order} gradient descent ({theirs})"


def momentum_text(race: Escape, beta: float) -> str:
    """Why momentum with (1 − β) is no faster than gradient descent and without it is, with the
    step ratios (:meth:`Escape.step_ratio`) and escapes of ``race`` (Markdown).

    ``race`` must hold the runs "gd", "momentum" and "momentum_sum" made with this ``beta``.
    """
    beta = check_range("beta", beta, 0.0, 1.0, inclusive_high=False)
    missing = [name for name in ("gd", "momentum", "momentum_sum") if name not in race.runs]
    if missing:
        raise ValueError(
            f"race must hold the runs gd, momentum and momentum_sum; missing {missing}"
        )
    factor = 1.0 / (1.0 - beta)
    average, summed = (race.step_ratio(race.runs[n]) for n in ("momentum", "momentum_sum"))
    return (
        "**Two ways to write momentum.** The course's v = βv + (1 − β)dW *averages* the "
        "gradients: on a steady gradient v settles at dW — gradient descent's own step — and "
        f"it starts smaller (v₁ = (1 − β)dW = {1 - beta:g}·dW). Without the (1 − β), "
        "v = βv + dW *sums* them: v settles at dW/(1 − β) "
        f"= {factor:.3g}·dW, a {factor:.3g}× larger step at the same α (it is the course's form "
        "with α/(1 − β)). That larger step is what the notes mean when they say momentum helps "
        "on plateaus and saddles; scikit-learn's and PyTorch's momentum are written this way. "
        f"Measured here while stalled, a step was on median {_ratio(average)} gradient "
        f"descent's α‖dW‖ with (1 − β) and {_ratio(summed)} without. v = βv + (1 − β)dW "
        f"escaped {_versus(race, 'momentum')}; v = βv + dW {_versus(race, 'momentum_sum')}."
    )


def normalized_text(race: Escape) -> str:
    """How far RMSprop and Adam stepped while stalled, and when they escaped (Markdown)."""
    shown = [name for name in ("rmsprop", "adam") if name in race.runs]
    if not shown or "gd" not in race.runs:
        return ""
    measured = "; ".join(
        f"{LABELS[name]} {_ratio(race.step_ratio(race.runs[name]))} gradient descent's α‖dW‖, "
        f"escaped {_versus(race, name)}"
        for name in shown
    )
    return (
        "RMSprop and Adam divide each coordinate's gradient by its own recent size √s, so a "
        f"tiny gradient still gives a step of about α. While stalled: {measured}."
    )


# --------------------------------------------------------------------------------------------
# 2. Random Hessians: minima become rare as n grows
