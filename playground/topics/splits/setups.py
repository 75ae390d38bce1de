"""Where to take the dev and test sets from when the training data come from elsewhere.

The course's example: train on cat pictures from the web, the target being pictures your users
upload. Reading the training distribution as "the web" and the shifted one of
:mod:`playground.topics.splits.mismatched` as "your users", :func:`setups` compares three ways
to choose the dev and test sets: all from the web (dev and test agree, but neither measures the
target), dev from the web and test from the users (they disagree: tuning aims at the wrong
target), and the acceptable one — train from the web, dev and test both from the users (they
agree, up to sampling noise, and both measure the target).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from playground.engine.config import check_int, check_range
from playground.topics.splits.mismatched import SET_NAMES
from playground.topics.splits.set_sizes import MAX_M, Z_95


@dataclass(frozen=True)
class Setup:
    """Where the dev and the test set come from, given a training set from the web."""

    name: str
    dev: str
    """The set of ``SET_NAMES`` used as the dev set."""
    test: str
    """The set of ``SET_NAMES`` used as the test set."""
    short: str
    """The name on a chart's axis (lines broken with <br>)."""


SETUPS = (
    Setup("all from the web", "dev (same)", "test (same)", "all from<br>the web"),
    Setup(
        "dev from the web, test from your users",
        "dev (same)",
        "test (shifted)",
        "dev: web<br>test: users",
    ),
    Setup(
        "dev and test from your users", "dev (shifted)", "test (shifted)", "dev and test:<br>users"
    ),
)
"""The three choices compared, the last the course's acceptable mismatch: train from the web,
dev and test from the target distribution (your users)."""


@dataclass(frozen=True)
class SetupResult:
    """One setup's dev and test errors and whether dev predicts test."""

    setup: Setup
    dev_error: float
    test_error: float
    margin: float
    """z·√(p(1 − p)(1/m_dev + 1/m_test)), p = the mean of the two errors: how far two samples of
    one distribution of these sizes may differ (95 %)."""

    @property
    def gap(self) -> float:
        """test error − dev error."""
        return self.test_error - self.dev_error

    @property
    def agrees(self) -> bool:
        """|test − dev| within ``margin``: the dev set predicts the test error."""
        return abs(self.gap) <= self.margin

    @property
    def aims_at_target(self) -> bool:
        """The dev set comes from the target distribution (your users)."""
        return "shifted" in self.setup.dev


def setups(errors: dict[str, float], sizes: dict[str, int]) -> tuple[SetupResult, ...]:
    """Each of ``SETUPS`` with its dev and test errors (from :func:`mismatch_errors`) and the
    sampling margin of their difference for the sets' sizes (``sizes[name]`` examples).

    Raises
    ------
    ValueError
        If a set of ``SET_NAMES`` is missing, an error is not in [0, 1] or a size below 1.
    """
    missing = [name for name in SET_NAMES if name not in errors or name not in sizes]
    if missing:
        raise ValueError(f"errors and sizes must hold every set of SET_NAMES; missing {missing}")
    results = []
    for setup in SETUPS:
        dev = check_range(f"errors[{setup.dev!r}]", errors[setup.dev], 0.0, 1.0)
        test = check_range(f"errors[{setup.test!r}]", errors[setup.test], 0.0, 1.0)
        m_dev = check_int(f"sizes[{setup.dev!r}]", sizes[setup.dev], 1, MAX_M)
        m_test = check_int(f"sizes[{setup.test!r}]", sizes[setup.test], 1, MAX_M)
        p = (dev + test) / 2
        margin = Z_95 * math.sqrt(p * (1 - p) * (1 / m_dev + 1 / m_test))
        results.append(SetupResult(setup, dev, test, margin))
    return tuple(results)


def setup_columns(results: tuple[SetupResult, ...]) -> dict[str, list[str]]:
    """Columns of the setups table: setup, dev error, test error, test − dev, whether that is
    within sampling noise, and whether the dev set measures the target."""
    return {
        "dev and test sets": [r.setup.name for r in results],
        "dev error": [f"{r.dev_error:.1%}" for r in results],
        "test error": [f"{r.test_error:.1%}" for r in results],
        "test − dev": [f"{100 * r.gap:+.1f} points".replace("-", "−") for r in results],
        "dev predicts test": [
            f"{'yes' if r.agrees else 'no'} (±{100 * r.margin:.1f})" for r in results
        ],
        "dev measures your users": ["yes" if r.aims_at_target else "no" for r in results],
    }


def explain_setups(results: tuple[SetupResult, ...], train_error: float) -> str:
    """The lesson of :func:`setups`, with its numbers: which choice of dev and test sets is
    acceptable when the training data come from elsewhere (Markdown)."""
    if [r.setup for r in results] != list(SETUPS):
        raise ValueError("results must be setups(...) of SETUPS, in order")
    web, wrong, right = results
    check_range("train_error", train_error, 0.0, 1.0)

    def numbers(r: SetupResult) -> str:
        where = "within" if r.agrees else "beyond"
        return (
            f"dev {r.dev_error:.1%}, test {r.test_error:.1%}: {abs(100 * r.gap):.1f} points "
            f"apart, {where} the ±{100 * r.margin:.1f} by which two samples of one distribution "
            "of these sizes may differ"
        )

    web_verdict = "They agree" if web.agrees else "Even these differ by more than chance"
    wrong_verdict = (
        "Tuning on that dev set aims at the wrong target, and the test set says so only at the end."
        if not wrong.agrees
        else "Here the shift barely matters, so dev happens to predict test — nothing ensures it."
    )
    right_verdict = (
        "Dev predicts test, and both measure what you care about"
        if right.agrees
        else "These two samples differ by more than chance here, yet both measure what you care "
        "about"
    )
    return "\n".join(
        [
            "Say the training distribution is pictures from the web and the shifted one what "
            "your users upload — the target. The network is the same; only where the dev and "
            "test sets come from changes:",
            f"- **{web.setup.name}**: {numbers(web)}. {web_verdict}, but they measure the web: "
            f"on your users the error is {wrong.test_error:.1%}.",
            f"- **{wrong.setup.name}**: {numbers(wrong)}. {wrong_verdict}",
            f"- **{right.setup.name}** (train still from the web): {numbers(right)}. "
            f"{right_verdict}: **acceptable**, even though the training data come from "
            f"elsewhere. The price: the gap from train ({train_error:.1%}) to dev "
            f"({right.dev_error:.1%}) now mixes variance with the mismatch of the distributions.",
        ]
    )
