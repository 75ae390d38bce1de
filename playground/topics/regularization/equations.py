"""The lecture's L2 and inverted-dropout equations with the regularized run's numbers filled in,
for one weight (L2) or one unit (dropout) at one step:

    L2:       dW^[l] = (from backprop) + (λ/m) W^[l],   W^[l] := W^[l] − α dW^[l]
              (= (1 − αλ/m) W^[l] − α (from backprop): "weight decay", for gradient descent)
    dropout:  d^[l] = (rand < keep_prob),   a^[l] := a^[l] ⊙ d^[l] / keep_prob

m is the examples of the step's mini-batch (b = m with full batches). The step is the first
mini-batch update of an epoch, replayed (:func:`replay_step`): the run is rebuilt from its
settings, trained to the epoch before, and its optimizer's update is watched during that epoch's
first step — the same training loop, seeds and numbers as the run on the page.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

from playground.engine.blas import one_blas_thread
from playground.engine.config import check_int
from playground.engine.equation_numbers import digits_for, exact, number, rounded
from playground.engine.experiment import Data
from playground.engine.nn import Network
from playground.topics.regularization import techniques


@dataclass(frozen=True)
class Pick:
    """What the equation follows: weight W^[layer]_{row, column}; for dropout, unit ``row`` of
    hidden layer ``layer`` on example ``example`` of the batch (all 0-based)."""

    layer: int
    row: int
    column: int = 0
    example: int = 0


@dataclass(frozen=True)
class RecordedStep:
    """One update of the regularized run, as the engine computed it, for one pick."""

    epoch: int
    batch: int
    """m of the step: the examples of its mini-batch."""
    learning_rate: float
    W: float
    """The weight before the step."""
    dW: float
    """dW of the step: backprop's part + (λ/m) W."""
    W_after: float
    a: float | None = None
    """Dropout: g(z) of the unit on the example, before the mask (None without dropout)."""
    d: float | None = None
    """Dropout: d / keep_prob as the engine stores it (0 or 1/keep_prob)."""
    a_dropped: float | None = None
    """Dropout: a ⊙ d / keep_prob, what the next layer got."""


def replay_step(values: Mapping[str, object], data: Data, epoch: int, pick: Pick) -> RecordedStep:
    """The first update of epoch ``epoch`` of the page's regularized run, for ``pick``.

    ``values`` are the page's settings (technique "L2" or "dropout"); the run trains epochs
    1 … epoch − 1 exactly as on the page, then its optimizer's update is watched.
    """
    if values["reg"] not in ("L2", "dropout"):
        raise ValueError(f"values['reg'] must be 'L2' or 'dropout'; got {values['reg']!r}")
    run = techniques.make_runs(values, data)[values["reg"]]
    epoch = check_int("epoch", epoch, 1, run.epochs)
    net, key = run.net, f"W{pick.layer}"
    check_int("pick.layer", pick.layer, 1, net.L)
    check_int("pick.row", pick.row, 0, net.layer_dims[pick.layer] - 1)
    check_int("pick.column", pick.column, 0, net.layer_dims[pick.layer - 1] - 1)
    with one_blas_thread():
        run.train_until(epoch - 1)
        if run.epoch != epoch - 1:
            raise ValueError(f"the run stopped after epoch {run.epoch}, before epoch {epoch}")
        seen: dict[str, float] = {}
        update = run.optimizer.update

        def watched(params: Mapping[str, np.ndarray], grads: Mapping[str, np.ndarray]) -> None:
            first = not seen
            if first:
                seen.update(_before(net, key, pick, params, grads))
                seen["learning_rate"] = run.optimizer.learning_rate
            update(params, grads)
            if first:
                seen["W_after"] = float(params[key][pick.row, pick.column])

        run.optimizer.update = watched
        run.train_until(epoch)
    return RecordedStep(epoch=epoch, **seen)


def _before(
    net: Network,
    key: str,
    pick: Pick,
    params: Mapping[str, np.ndarray],
    grads: Mapping[str, np.ndarray],
) -> dict[str, float]:
    """What the step starts from: the weight, its gradient and (with dropout) the unit's a."""
    cache = net._cache
    found = {
        "batch": int(cache.AL.shape[1]),
        "W": float(params[key][pick.row, pick.column]),
        "dW": float(grads["d" + key][pick.row, pick.column]),
    }
    if pick.layer < net.L and cache.D[pick.layer] is not None:
        j, i = pick.row, check_int("pick.example", pick.example, 0, found["batch"] - 1)
        found |= {
            "a": float(cache.G[pick.layer][j, i]),
            "d": float(cache.D[pick.layer][j, i]),
            "a_dropped": float(cache.A[pick.layer][j, i]),
        }
    return found


@dataclass(frozen=True)
class L2Equation:
    """The numbers of :attr:`latex`, as shown (rounded)."""

    backprop: float
    lambd: float
    m: int
    W: float
    W_digits: int
    """Significant digits of W before and after (enough for the step to keep four)."""
    dW: float
    learning_rate: float
    W_after: float
    step: float
    """W_after − W: −α dW for gradient descent, the optimizer's step otherwise."""
    latex: str


def _weight(pick: Pick) -> str:
    return rf"W^{{[{pick.layer}]}}_{{{pick.row + 1},{pick.column + 1}}}"


def l2_equation(step: RecordedStep, pick: Pick, lambd: float, optimizer: str) -> L2Equation:
    """dW = backprop + (λ/m) W and the update of the picked weight at ``step``; ``optimizer``
    is the run's ("gd" shows W := W − α dW, any other its own step)."""
    m, w = step.batch, _weight(pick)
    exact_backprop = step.dW - lambd / m * step.W
    change = step.W_after - step.W
    wd = digits_for(step.W, change)
    W, W_after = rounded(step.W, wd), rounded(step.W_after, wd)
    backprop, dW, rate = rounded(exact_backprop), rounded(step.dW), step.learning_rate
    lines = [
        rf"d{w} &= (\text{{from backprop}}) + \frac{{\lambda}}{{m}} {w} = {number(backprop)} + "
        rf"\frac{{{exact(lambd)}}}{{{m}}} \cdot ({number(W, wd)}) = {number(dW)}",
    ]
    if optimizer == "gd":
        lines.append(
            rf"{w} &:= {w} - \alpha\, d{w} = {number(W, wd)} - {exact(rate)} \cdot "
            rf"({number(dW)}) = {number(W_after, wd)}"
        )
    else:
        lines.append(
            rf"{w} &:= {w} + \Delta_{{\text{{{optimizer}}}}} {w} = {number(W, wd)} + "
            rf"({number(change)}) = {number(W_after, wd)}"
        )
    latex = r"\begin{aligned}" + r"\\".join(lines) + r"\end{aligned}"
    return L2Equation(backprop, lambd, m, W, wd, dW, rate, W_after, rounded(change), latex)


@dataclass(frozen=True)
class DropoutEquation:
    """The numbers of :attr:`latex`, as shown (rounded)."""

    keep_prob: float
    kept: bool
    a: float
    a_dropped: float
    latex: str


def dropout_equation(step: RecordedStep, pick: Pick, keep_prob: float) -> DropoutEquation:
    """d = (rand < keep_prob) and a := a ⊙ d / keep_prob for the picked unit and example."""
    if step.a is None or step.d is None or step.a_dropped is None:
        raise ValueError("step must be recorded with dropout on in the picked layer")
    kept = step.d != 0.0
    a, a_dropped = rounded(step.a), rounded(step.a_dropped)
    unit = rf"^{{[{pick.layer}]}}_{{{pick.row + 1}}}"
    lines = (
        rf"d{unit} &= (\text{{rand}} < \text{{keep\_prob}}) = "
        rf"(\text{{rand}} < {exact(keep_prob)}) = {int(kept)}",
        rf"a{unit} &:= \frac{{a{unit} \cdot d{unit}}}{{\text{{keep\_prob}}}} = "
        rf"\frac{{{number(a)} \cdot {int(kept)}}}{{{exact(keep_prob)}}} = {number(a_dropped)}",
    )
    latex = r"\begin{aligned}" + r"\\".join(lines) + r"\end{aligned}"
    return DropoutEquation(keep_prob, kept, a, a_dropped, latex)
