"""Each schedule's α written with this page's numbers at one epoch, e.g.

    α = α₀ / (1 + decay_rate · epoch_num) = 0.2 / (1 + 1·3) = 0.05000

The value written is the schedule's own (``schedule_for(name, …)(epoch_num)``), the α the
training loop uses in that epoch.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from playground.engine.config import check_choice, check_int
from playground.engine.equation_numbers import Line, exact, number
from playground.topics.lr_decay.model import SCHEDULE_NAMES, schedule_for


def _piecewise(values: Mapping[str, object], piecewise, epoch: int) -> tuple[str, str, tuple]:
    """The piece of the manual schedule ``epoch`` falls in: its condition, rate and numbers."""
    boundaries, rates = piecewise
    a0 = exact(values["lr"])
    done = [k for k, b in enumerate(boundaries) if b < epoch]
    if not done:
        if not boundaries:
            return r"\alpha_0", a0, (a0,)
        b1 = str(boundaries[0])
        return rf"\alpha_0 \quad (\text{{epoch\_num}} = {epoch} \le {b1})", a0, (a0,)
    k = done[-1]
    rate, b = exact(rates[k]), str(boundaries[k])
    return rf"r_{{{k + 1}}} \quad (\text{{epoch\_num}} = {epoch} > {b})", rate, (rate,)


def rate_line(
    name: str,
    values: Mapping[str, object],
    epoch: int,
    piecewise: tuple[Sequence[int], Sequence[float]] = ((), ()),
) -> Line:
    """α of schedule ``name`` in epoch_num = ``epoch`` with the page's ``values`` (α₀ "lr",
    "decay", "interval", "base", "k"; the piecewise schedule's ``(boundaries, rates)``)."""
    check_choice("schedule", name, SCHEDULE_NAMES)
    epoch = check_int("epoch", epoch, 1, 10**6)
    alpha = schedule_for(name, values, piecewise)(epoch)
    lhs = rf"\text{{{name.replace('_', ' ')}:}}\ \alpha"
    a0, e = exact(values["lr"]), str(epoch)
    d, n = exact(values["decay"]), str(values["interval"])
    base, k = exact(values["base"]), exact(values["k"])
    if name == "constant":
        formula, filled, numbers = r"\alpha_0", a0, (a0,)
    elif name == "inverse_time":
        formula = r"\frac{\alpha_0}{1 + \text{decay\_rate}\cdot\text{epoch\_num}}"
        filled, numbers = rf"\frac{{{a0}}}{{1 + {d}\cdot{e}}}", (a0, d, e)
    elif name == "staircase":
        formula = (
            r"\frac{\alpha_0}{1 + \text{decay\_rate}\cdot"
            r"\lfloor(\text{epoch\_num}-1)/\text{time\_interval}\rfloor}"
        )
        filled = rf"\frac{{{a0}}}{{1 + {d}\cdot\lfloor({e}-1)/{n}\rfloor}}"
        numbers = (a0, d, e, n)
    elif name == "exponential":
        formula = r"\text{base}^{\text{epoch\_num}}\cdot\alpha_0"
        filled, numbers = rf"{base}^{{{e}}}\cdot{a0}", (base, e, a0)
    elif name == "inverse_sqrt":
        formula = r"\frac{k}{\sqrt{\text{epoch\_num}}}\cdot\alpha_0"
        filled, numbers = rf"\frac{{{k}}}{{\sqrt{{{e}}}}}\cdot{a0}", (k, e, a0)
    else:
        formula, filled, numbers = _piecewise(values, piecewise, epoch)
    return Line(lhs, formula, filled, numbers, number(alpha), settings=numbers)
