"""What the regularization page says about its two runs, in words: what the technique did to
the errors, and how each technique works, with this run's numbers."""

from __future__ import annotations

import math

from playground.engine.config import check_choice, check_int, check_range
from playground.engine.experiment import Run
from playground.engine.train import StopReason
from playground.topics.regularization import augment as aug
from playground.topics.regularization.effects import (
    DropoutMeans,
    Sparsity,
    batch_sizes,
    effective_lambda,
    weight_decay_factor,
    weight_decay_per_epoch,
)
from playground.topics.regularization.techniques import NAMES, TECHNIQUES

SAME = 0.02
"""Dev accuracies closer than 2 points count as the same in :func:`comparison`."""
SAME_NORM = 0.01
"""Final weight norms within 1 % of each other count as the same in :func:`l2_result`."""


def _pct(fraction: float) -> str:
    return f"{fraction:.0%}"


def comparison(technique: str, baseline: tuple[float, float], regular: tuple[float, float]) -> str:
    """What the technique did to the (train error, dev error) of the baseline run, in words.

    A change of dev accuracy below ``SAME`` (2 points) is called "about the same".
    """
    check_choice("technique", technique, TECHNIQUES)
    train0, dev0 = (check_range(f"baseline[{i}]", e, 0.0, 1.0) for i, e in enumerate(baseline))
    train1, dev1 = (check_range(f"regular[{i}]", e, 0.0, 1.0) for i, e in enumerate(regular))
    acc0, acc1 = 1 - dev0, 1 - dev1
    gap0, gap1 = (dev0 - train0) * 100, (dev1 - train1) * 100
    head = f"**Dev accuracy went from {_pct(acc0)} to {_pct(acc1)}** with {NAMES[technique]}"
    if acc1 - acc0 >= SAME:
        verdict = "the regularized network overfits less."
    elif acc0 - acc1 >= SAME and train1 - train0 >= SAME:
        verdict = (
            "worse: this much regularization makes the network underfit "
            f"(train accuracy {_pct(1 - train0)} → {_pct(1 - train1)})."
        )
    elif acc0 - acc1 >= SAME:
        verdict = "worse on the dev set."
    else:
        verdict = "about the same on the dev set."
    if gap0 < 5 and acc1 - acc0 < SAME:
        verdict += (
            f" Without regularization the network hardly overfits (train − dev gap {gap0:.0f} "
            "points): there is little for regularization to fix"
        )
        verdict += (
            f", and train accuracy is only {_pct(1 - train0)}: it underfits (high bias), so a "
            "bigger network or longer training comes first."
            if train0 > 0.1
            else "."
        )
    return (
        f"{head}: {verdict} The gap between train and dev accuracy went from {gap0:.0f} to "
        f"{gap1:.0f} points (train accuracy {_pct(1 - train0)} → {_pct(1 - train1)})."
    )


def _bullets(*items: str) -> str:
    return "\n".join(f"- {item}" for item in items if item)


def _epoch_decay(learning_rate: float, lambd: float, m: int, batch: int | None) -> str:
    """Weight decay per epoch, and as an effective full-batch λ when the batches are smaller."""
    sizes = batch_sizes(m, batch)
    per_epoch = weight_decay_per_epoch(learning_rate, lambd, m, batch)
    if not 0 < per_epoch < 1:
        return ""
    steps = "1 step" if len(sizes) == 1 else f"{len(sizes)} steps"
    if len(sizes) > 1 and sizes[-1] != sizes[0]:
        steps += f" ({len(sizes) - 1} of b = {sizes[0]}, one of {sizes[-1]})"
    text = f" An epoch of m = {m} examples takes {steps}: W × **{per_epoch:.6g}** per epoch."
    if len(sizes) > 1:
        full = weight_decay_factor(learning_rate, lambd, m)
        effective = effective_lambda(learning_rate, lambd, m, batch)
        text += (
            f" Full-batch gradient descent would decay W by only {full:.6g} per epoch: these "
            f"mini-batches act like λ ≈ **{effective:.3g}** on the full batch, "
            f"{effective / lambd:.3g}× the λ = {lambd:g} you set — the smaller the batch, the "
            "stronger the same λ."
        )
    return text


def l2_text(
    learning_rate: float,
    lambd: float,
    m: int,
    batch: int | None,
    epochs: int,
    optimizer: str,
    norms: tuple,
) -> str:
    """The penalty per mini-batch, the weight-decay factor 1 − αλ/b per step and per epoch for
    this run's batch size b (None = full batch, b = m) and both runs' final ‖W‖.

    ``epochs`` is the run's number of epochs; ``norms`` the final ‖W‖ of the unregularized and
    the L2 run (empty before training). Returns Markdown bullets.
    """
    b = batch_sizes(m, batch)[0]
    factor = weight_decay_factor(learning_rate, lambd, b)
    epochs = check_int("epochs", epochs, 0)
    decay = (
        "**Weight decay**: gradient descent becomes "
        "$W := (1 - \\frac{\\alpha\\lambda}{b})\\,W - \\alpha\\, dW_{\\text{backprop}}$; here "
        f"$1 - \\alpha\\lambda/b = 1 - {learning_rate:g} \\times {lambd:g} / {b}$ = "
        f"**{factor:.6g}** per step."
    ) + _epoch_decay(learning_rate, lambd, m, batch)
    per_epoch = weight_decay_per_epoch(learning_rate, lambd, m, batch)
    if epochs and 0 < per_epoch < 1:
        decay += f" Over {epochs} epochs that alone scales W by {per_epoch**epochs:.3g}."
    if optimizer != "gd":
        decay += (
            f" With {optimizer} the $\\frac{{\\lambda}}{{b}}W$ term is rescaled with the rest of "
            "dW, so the decay is not exactly this factor — the penalty still keeps W small."
        )
    return _bullets(
        "**Penalty**: each mini-batch of b examples has the cost $J^{\\{t\\}} = \\frac{1}{b}"
        "\\sum_i L + \\frac{\\lambda}{2b}\\sum_l \\|W^{[l]}\\|_F^2$ (the lecture's; "
        f"b = {b}" + (" = m, the full batch" if b == m else f" of m = {m}") + "), so backprop "
        "adds $\\frac{\\lambda}{b}W^{[l]}$ to $dW^{[l]}$. The dotted blue training cost "
        "includes it: it starts high and falls as the weights shrink.",
        decay,
        l2_result(lambd, norms),
    )


def l2_result(lambd: float, norms: tuple) -> str:
    """What the penalty did to the final ‖W‖ = sqrt(Σ_l ‖W^[l]‖²_F) of the two runs, read from
    ``norms`` (without, with L2; '' before training): the same (λ = 0, or too small to matter,
    within ``SAME_NORM``), smaller (so a smoother boundary) or, against the odds, larger."""
    lambd = check_range("lambd", lambd, 0.0, 1e6)
    if len(norms) != 2 or not all(math.isfinite(n) for n in norms):
        return ""
    plain, decayed = norms
    head = (
        f"**Result**: final ‖W‖ **{plain:.3g}** without regularization, **{decayed:.3g}** with L2"
    )
    if lambd == 0:
        return head + ": λ = 0 adds no penalty, so both runs are the same training."
    if math.isclose(plain, decayed, rel_tol=SAME_NORM):
        return head + f": about the same — λ = {lambd:g} is too small to shrink the weights."
    if decayed < plain:
        return (
            head + f": the penalty kept the weights {plain / decayed:.2g}× smaller, and small "
            "weights make a smoother boundary."
        )
    return head + f": larger — λ = {lambd:g} did not shrink the weights in this run."


def l1_text(lambd1: float, baseline: Sparsity, regular: Sparsity) -> str:
    """The penalty, and how many near-zero weights each run has (Markdown bullets)."""
    lambd1 = check_range("lambd1", lambd1, 0.0, 1e6)
    exact = "none" if regular.exact_zero == 0 else f"{regular.exact_zero:,}"
    return _bullets(
        "**Penalty**: each mini-batch of b examples adds $\\frac{\\lambda_1}{2b}\\sum |w|$ to "
        "its cost; the (sub)gradient $\\frac{\\lambda_1}{2b}\\operatorname{sign}(w)$ pulls every "
        "weight towards 0 by the same amount, however small it already is. A step of fixed size "
        "jumps over 0 rather than landing on it, so weights end *near* zero, not at it.",
        f"**Sparsity**: weights with |w| < {regular.threshold:g} (left of the dashed line): "
        f"**{baseline.near_zero:,} of {baseline.total:,} ({baseline.fraction:.1%})** without "
        f"regularization, **{regular.near_zero:,} ({regular.fraction:.1%})** with L1 "
        f"λ₁ = {lambd1:g}"
        + (": a sparse network" if regular.fraction > 0.5 else "")
        + f"; exactly 0: {exact}.",
    )


def dropout_text(means: DropoutMeans, jitter: tuple[float, float]) -> str:
    """Expected activations with and without ÷ keep_prob, and how much noisier the cost is."""
    layers = "; ".join(
        f"a[{l}] {t:.3g} → {i:.3g} → {u:.3g}"
        for l, (t, i, u) in enumerate(
            zip(means.test, means.inverted, means.unscaled, strict=True), start=1
        )
    )
    noisier = ""
    if all(math.isfinite(j) for j in jitter):
        noisier = (
            f"**Noisier cost**: the training cost moves {jitter[1]:.3f} per epoch on average vs "
            f"{jitter[0]:.3f} without (the dotted blue curve in the cost chart): every epoch "
            "trains a different thinned network."
        )
    return _bullets(
        "**Inverted dropout**: keep each hidden unit with probability keep_prob, "
        "$d^{[l]} = (\\text{rand} < \\text{keep\\_prob})$, and divide by it: "
        "$a^{[l]} := a^{[l]} \\odot d^{[l]} / \\text{keep\\_prob}$.",
        "**Same mean as at test time**: mean activation, test mode → dropout → dropout without "
        f"÷ keep_prob: {layers}. Without the division the mean shrinks to keep_prob × the test "
        "value, and the network would meet bigger activations at test time than in training.",
        "**Off at test time**: predictions use the whole network (training=False).",
        noisier,
    )


def augmentation_text(m: int, m_augmented: int, check: aug.ReflectionCheck | None) -> str:
    """How many examples were made up, and whether the reflection keeps the labels."""
    m = check_int("m", m, 1)
    m_augmented = check_int("m_augmented", m_augmented, m)
    mirror = ""
    if check is not None and check.reflect != "none":
        mirror = (
            f"**Mirror check ({check.reflect})**: {check.agreement:.0%} of mirrored training "
            f"points land among their own class (5-NN vote); fresh dev points do "
            f"{check.baseline:.0%}. "
        ) + (
            "The flip keeps the label: a valid augmentation, like mirroring a photo of a cat."
            if check.valid
            else "**The flip changes the label** — like flipping a “b” into a “d”: not valid "
            "for this data set, it teaches the network wrong labels."
        )
    return _bullets(
        f"**More data for free**: the regularized run trains on **{m_augmented:,} examples**, "
        f"the {m:,} real ones (solid) and {m_augmented - m:,} made-up copies (faded): each "
        "mirrored (half of them), rotated a little and jittered — the 2-D version of flipping, "
        "rotating and distorting images.",
        mirror,
    )


def early_stopping_text(stopped: Run, full: Run) -> str:
    """Best epoch, stopping epoch and the restored weights' dev accuracy vs the full run's."""
    history = stopped.history
    if not history.epochs:
        return ""
    patience = stopped.values["es"]
    best = history.best_epoch
    dev_stopped = 1 - stopped.errors()[1]
    dev_full = 1 - full.errors()[1]
    if history.stopped_reason == StopReason.EARLY_STOPPING:
        stop = (
            f"**Stop**: after {patience} more epochs without a lower dev cost, training stopped "
            f"at epoch {history.last_epoch} (dashed line) and **restored the weights of epoch "
            f"{best}**."
        )
    else:
        stop = (
            f"**No stop**: the dev cost never went {patience} epochs without improving, so the "
            "run trained to the end and kept its last weights."
        )
    return _bullets(
        f"**Best epoch**: the dev cost was lowest at **epoch {best}** (star).",
        stop,
        f"**Result**: dev accuracy {_pct(dev_stopped)} with these weights, {_pct(dev_full)} "
        f"after all {full.history.last_epoch} epochs without early stopping.",
        "**The catch** (from the course): early stopping mixes two jobs — lowering J and not "
        "overfitting — by stopping the optimization; L2 keeps them apart (orthogonalization).",
    )
