"""The lecture's update rules with one weight's numbers at one step, from a ``WeightTrace``.

For momentum at step t, with the weight W = W1[0, 1]:

    v_dW = β v_dW + (1 − β) dW = 0.9·(−0.3100) + 0.1·0.8400 = −0.1950
    W := W − α v_dW = 0.512347 − 0.01·(−0.1950) = 0.514297

Every number is the run's own: dW, v, s and W before and after the step are what the optimizer
recorded (``Optimizer.watch``); v̂ and ŝ are computed from them as the rule says. Both optimizer
pages (on surfaces and on the network) draw these lines.
"""

from __future__ import annotations

from dataclasses import replace

from playground.engine.config import check_int
from playground.engine.equation_numbers import (
    Line,
    decimals_for,
    exact,
    factor,
    fixed,
    number,
)
from playground.engine.optim import (
    AdaGrad,
    Adam,
    GradientDescent,
    Momentum,
    Nesterov,
    Optimizer,
    RMSprop,
    WeightTrace,
)


class _Symbols:
    """The course's symbols for the watched weight ``weight`` (W, or w_1 on a surface)."""

    def __init__(self, weight: str):
        self.W = weight
        self.dW = f"d{weight}"
        self.dW2 = f"{{d{weight}}}^2"  # braced: dW^{[1]}_{0,0} already has a superscript
        self.v = f"v_{{d{weight}}}"
        self.s = f"s_{{d{weight}}}"


def _weight_line(
    sym: _Symbols, trace: WeightTrace, i: int, formula: str, filled: str, numbers: tuple[str, ...]
) -> Line:
    """W := W − α·(direction), with W before and after to the decimals that show the step."""
    before, after = trace.weight_before[i], trace.weight[i]
    decimals = decimals_for(before, after - before)
    w0, w1 = fixed(before, decimals), fixed(after, decimals)
    return Line(sym.W, formula, f"{w0} - {filled}", (w0, *numbers), w1, assign=True)


def lines(optimizer: Optimizer, trace: WeightTrace, step: int, weight: str = "W") -> list[Line]:
    """The update rule of ``optimizer`` with the numbers of update ``step`` (1 = the first
    recorded) of the weight ``trace`` watched, written ``weight`` in the equations.

    Raises ValueError if ``step`` was not recorded or the optimizer has no equations here.
    """
    step = check_int("step", step, 1, max(len(trace), 1))
    if not trace.t:
        raise ValueError("the trace recorded no step yet")
    i = step - 1
    sym = _Symbols(weight)
    a, g = exact(trace.learning_rate[i]), number(trace.grad[i])
    if type(optimizer) is GradientDescent:
        shown = [
            _weight_line(
                sym, trace, i, rf"{sym.W} - \alpha\, {sym.dW}", rf"{a}\cdot{factor(g)}", (a, g)
            )
        ]
    elif isinstance(optimizer, Momentum | Nesterov):
        shown = _momentum(optimizer, trace, i, sym, a, g)
    elif isinstance(optimizer, AdaGrad | RMSprop):
        shown = _rmsprop(optimizer, trace, i, sym, a, g)
    elif isinstance(optimizer, Adam):
        shown = _adam(optimizer, trace, i, sym, a, g)
    else:
        raise ValueError(f"no equations for {type(optimizer).__name__}")
    settings = {a} | {exact(value) for value in _settings(optimizer)}
    return [
        replace(line, settings=tuple(n for n in line.numbers if n in settings)) for line in shown
    ]


def _settings(optimizer: Optimizer) -> list[float]:
    """The optimizer's β's, 1 − β's and ε, the numbers it was set with."""
    values = []
    for name in ("beta", "beta1", "beta2", "epsilon"):
        if hasattr(optimizer, name):
            value = getattr(optimizer, name)
            values += [value, 1.0 - value]
    return values


def _momentum(
    opt: Momentum | Nesterov, trace: WeightTrace, i: int, sym: _Symbols, a: str, g: str
) -> list[Line]:
    b, one_minus = exact(opt.beta), exact(1.0 - opt.beta)
    old, v = number(trace.state_before["v"][i]), number(trace.state["v"][i])
    if getattr(opt, "form", "average") == "sum":
        first = Line(
            sym.v,
            rf"\beta {sym.v} + {sym.dW}",
            rf"{b}\cdot{factor(old)} + {factor(g)}",
            (b, old, g),
            v,
        )
    else:
        first = Line(
            sym.v,
            rf"\beta {sym.v} + (1-\beta)\, {sym.dW}",
            rf"{b}\cdot{factor(old)} + {one_minus}\cdot{factor(g)}",
            (b, old, one_minus, g),
            v,
        )
    if isinstance(opt, Nesterov):
        update = _weight_line(
            sym,
            trace,
            i,
            rf"{sym.W} - \alpha\,(\beta {sym.v} + (1-\beta)\, {sym.dW})",
            rf"{a}\cdot({b}\cdot{factor(v)} + {one_minus}\cdot{factor(g)})",
            (a, b, v, one_minus, g),
        )
    else:
        update = _weight_line(
            sym, trace, i, rf"{sym.W} - \alpha\, {sym.v}", rf"{a}\cdot{factor(v)}", (a, v)
        )
    return [first, update]


def _root_step(sym: _Symbols, top: str, bottom: str) -> str:
    return rf"{sym.W} - \alpha\, \frac{{{top}}}{{\sqrt{{{bottom}}} + \varepsilon}}"


def _rmsprop(
    opt: AdaGrad | RMSprop, trace: WeightTrace, i: int, sym: _Symbols, a: str, g: str
) -> list[Line]:
    s_old, s = number(trace.state_before["s"][i]), number(trace.state["s"][i])
    if isinstance(opt, AdaGrad):
        first = Line(sym.s, rf"{sym.s} + {sym.dW2}", rf"{s_old} + {factor(g)}^2", (s_old, g), s)
    else:
        b, one_minus = exact(opt.beta), exact(1.0 - opt.beta)
        first = Line(
            sym.s,
            rf"\beta_2 {sym.s} + (1-\beta_2)\, {sym.dW2}",
            rf"{b}\cdot{s_old} + {one_minus}\cdot{factor(g)}^2",
            (b, s_old, one_minus, g),
            s,
        )
    eps = exact(opt.epsilon)
    update = _weight_line(
        sym,
        trace,
        i,
        _root_step(sym, sym.dW, sym.s),
        rf"{a}\cdot\frac{{{g}}}{{\sqrt{{{s}}} + {eps}}}",
        (a, g, s, eps),
    )
    return [first, update]


def _adam(opt: Adam, trace: WeightTrace, i: int, sym: _Symbols, a: str, g: str) -> list[Line]:
    t = trace.t[i]
    b1, c1, b2, c2 = exact(opt.beta1), exact(1 - opt.beta1), exact(opt.beta2), exact(1 - opt.beta2)
    v_old, v = number(trace.state_before["v"][i]), number(trace.state["v"][i])
    s_old, s = number(trace.state_before["s"][i]), number(trace.state["s"][i])
    out = [
        Line(
            sym.v,
            rf"\beta_1 {sym.v} + (1-\beta_1)\, {sym.dW}",
            rf"{b1}\cdot{factor(v_old)} + {c1}\cdot{factor(g)}",
            (b1, v_old, c1, g),
            v,
        ),
        Line(
            sym.s,
            rf"\beta_2 {sym.s} + (1-\beta_2)\, {sym.dW2}",
            rf"{b2}\cdot{s_old} + {c2}\cdot{factor(g)}^2",
            (b2, s_old, c2, g),
            s,
        ),
    ]
    eps = exact(opt.epsilon)
    if not opt.bias_correction:
        out.append(
            _weight_line(
                sym,
                trace,
                i,
                _root_step(sym, sym.v, sym.s),
                rf"{a}\cdot\frac{{{v}}}{{\sqrt{{{s}}} + {eps}}}",
                (a, v, s, eps),
            )
        )
        return out
    v_hat_value = trace.state["v"][i] / (1.0 - opt.beta1**t)
    s_hat_value = trace.state["s"][i] / (1.0 - opt.beta2**t)
    v_hat, s_hat = number(v_hat_value), number(s_hat_value)
    v_sym, s_sym = rf"\hat v_{{{sym.dW}}}", rf"\hat s_{{{sym.dW}}}"
    out += [
        Line(
            v_sym,
            rf"\frac{{{sym.v}}}{{1-\beta_1^{{t}}}}",
            rf"\frac{{{v}}}{{1-{b1}^{{{t}}}}}",
            (v, b1),
            v_hat,
        ),
        Line(
            s_sym,
            rf"\frac{{{sym.s}}}{{1-\beta_2^{{t}}}}",
            rf"\frac{{{s}}}{{1-{b2}^{{{t}}}}}",
            (s, b2),
            s_hat,
        ),
        _weight_line(
            sym,
            trace,
            i,
            _root_step(sym, v_sym, s_sym),
            rf"{a}\cdot\frac{{{v_hat}}}{{\sqrt{{{s_hat}}} + {eps}}}",
            (a, v_hat, s_hat, eps),
        ),
    ]
    return out
