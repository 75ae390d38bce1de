"""What the priorities page says in words, computed from the same sweeps its figures draw."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from playground.topics.priorities.sweep import KNOBS, TIERS

LECTURE_ORDER = (
    "**The lecture's order**: α first; momentum's β, the hidden units and the mini-batch size "
    "second; the number of layers and learning-rate decay third; Adam's β₁, β₂ and ε almost "
    "never (0.9, 0.999 and 10⁻⁸ nearly always do)."
)
STALE = (
    "**Re-test your intuitions.** This ranking is one data set, one network and one budget of "
    "epochs: change any of them and the places move. Intuitions about hyperparameters go stale "
    "— when the data, the hardware or the model changes, re-run a sweep like this one every "
    "few months instead of trusting last year's order (yours or the lecture's)."
)
NO_MOVE = 0.0005
"""A spread below this is "did not move it" (the table rounds to 4 decimals, the bars to 3)."""


def _times(ratio: float) -> str:
    return f"{ratio:.0f}×" if ratio >= 10 else f"{ratio:.1f}×"


def interpret(ranked: Sequence[Any], data_set: str) -> str:
    """The sentence under the bars: how much more the first hyperparameter moved J_dev than the
    last, and where the lecture's first and last tiers landed."""
    first, last = ranked[0], ranked[-1]
    head = (
        f"On **{data_set}**, {first.knob.label} moved the final dev cost the most "
        f"(spread {first.spread:.3f})"
    )
    if last.spread < NO_MOVE:
        head += f", {last.knob.label} barely at all (spread {last.spread:.4f})."
    else:
        head += (
            f": {_times(first.spread / last.spread)} more than {last.knob.label} "
            f"(spread {last.spread:.4f})."
        )
    places = {sweep.name: place for place, sweep in enumerate(ranked, start=1)}
    never = [k for k in KNOBS if k.tier == 4]
    bottom = [k.symbol for k in never if places[k.name] > len(ranked) - len(never)]
    alpha_place = places["learning_rate"]
    alpha = (
        "α is first, as the lecture says."
        if alpha_place == 1
        else f"α is only {_ordinal(alpha_place)} here — the lecture puts it {TIERS[1]}."
    )
    tail = (
        f"Of Adam's β₁, β₂ and ε (the lecture: {TIERS[4]}), {len(bottom)} of 3 "
        f"{'is' if len(bottom) == 1 else 'are'} among the last three here"
        + (f" ({', '.join(bottom)})." if bottom else ".")
    )
    return f"{head} {alpha} {tail}"


def _ordinal(n: int) -> str:
    return f"{n}{'st' if n == 1 else 'nd' if n == 2 else 'rd' if n == 3 else 'th'}"
