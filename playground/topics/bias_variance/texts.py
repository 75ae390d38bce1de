"""Reading the bias-variance page's curves and error decomposition in words, as the course does.

The course reads a model through three errors (all fractions in [0, 1]): the Bayes error
(estimated from the data's noise, see :mod:`playground.engine.diagnose`); the train error,
train − Bayes being the *avoidable bias*; and the dev error, dev − train being the *variance*.
"""

from __future__ import annotations

import numpy as np

from playground.engine.config import check_range
from playground.engine.diagnose import Diagnosis
from playground.topics.bias_variance.curves import Curve


def _pct(value: float) -> str:
    return f"{value:.1%}"


def explain_learning_curve(curve: Curve, bayes_error: float, threshold: float = 0.05) -> str:
    """One or two sentences reading a learning curve as the course does.

    At the largest m_train: a gap dev − train above ``threshold`` is high variance (more data
    helps, more so if the dev error is still falling); otherwise train − Bayes above
    ``threshold`` is high bias (a plateau: more data does not help); otherwise both are close
    to the Bayes error.
    """
    if not isinstance(curve, Curve) or not curve.x:
        raise ValueError("curve must be a non-empty Curve")
    bayes = check_range("bayes_error", bayes_error, 0.0, 1.0)
    limit = check_range("threshold", threshold, 0.0, 1.0, inclusive_low=False)
    m, train, dev = curve.x[-1], curve.train_error[-1], curve.dev_error[-1]
    start = f"At m_train = {m}: train {_pct(train)}, dev {_pct(dev)}"
    if dev - train > limit:
        falling = len(curve.x) > 1 and curve.dev_error[-2] - dev > 0
        trend = (
            f"and the dev error was still falling (from {_pct(curve.dev_error[-2])} at "
            f"m_train = {curve.x[-2]})"
            if falling
            else "and the curves are still apart"
        )
        return (
            f"{start}: a gap of {_pct(dev - train)} — high variance, {trend}. "
            "More data would likely help (so would regularization)."
        )
    if train - bayes > limit:
        return (
            f"{start}: both on a plateau far above the Bayes error ≈ {_pct(bayes)} — high bias. "
            "More data will not help; a bigger network will."
        )
    return f"{start}: both close to the Bayes error ≈ {_pct(bayes)} — low bias and low variance."


def explain_size_sweep(curve: Curve, bayes_error: float, threshold: float = 0.05) -> str:
    """Sentences reading a model-size sweep: the best width, where bias and variance are high."""
    if not isinstance(curve, Curve) or not curve.x:
        raise ValueError("curve must be a non-empty Curve")
    bayes = check_range("bayes_error", bayes_error, 0.0, 1.0)
    limit = check_range("threshold", threshold, 0.0, 1.0, inclusive_low=False)
    best = int(np.argmin(curve.dev_error))
    parts = [f"The dev error is lowest ({_pct(curve.dev_error[best])}) at {curve.x[best]} units."]
    biased = [n for n, t in zip(curve.x, curve.train_error, strict=True) if t - bayes > limit]
    if biased:
        parts.append(
            f"Up to {max(biased)} units the train error stays more than {_pct(limit)} above the "
            f"Bayes error ≈ {_pct(bayes)}: high bias, the network is too small."
        )
    n, train, dev = curve.x[-1], curve.train_error[-1], curve.dev_error[-1]
    if dev - train > limit:
        parts.append(
            f"At {n} units the train error is {_pct(train)} but the dev error {_pct(dev)}: "
            "high variance — regularize, or get more data."
        )
    else:
        parts.append(
            f"At {n} units the dev error ({_pct(dev)}) stays within {_pct(limit)} of the train "
            f"error ({_pct(train)}): no high variance — with enough data or regularization, a "
            "bigger network does not hurt."
        )
    return " ".join(parts)


def explain_negative_parts(diagnosis: Diagnosis) -> str:
    """Sentences for a negative part of "Where the dev error comes from" ('' when none).

    The parts Bayes + (train − Bayes) + (dev − train) always add up to the dev error, so a
    train error below the Bayes estimate is a negative avoidable bias, and a dev error below
    the train error a negative variance. Neither is possible on average: each says the
    estimate or the small sample is noisy.
    """
    if not isinstance(diagnosis, Diagnosis):
        raise ValueError(f"diagnosis must be a Diagnosis; got {type(diagnosis).__name__}")
    d = diagnosis
    parts = []
    if d.avoidable_bias < 0:
        parts.append(
            f"Train error {_pct(d.train_error)} is below the Bayes estimate "
            f"{_pct(d.bayes_error)}, so the avoidable bias is negative "
            f"({d.avoidable_bias:+.1%}, drawn downwards): no classifier beats the Bayes error on "
            "new data, so the network has fitted noise of these training points, or the k-NN "
            "estimate is rough."
        )
    if d.variance < 0:
        parts.append(
            f"Dev error {_pct(d.dev_error)} is below train error {_pct(d.train_error)}, so the "
            f"variance is negative ({d.variance:+.1%}, drawn downwards): this dev set happened "
            "to be easier — a small dev set gives a noisy error."
        )
    return " ".join(parts)
