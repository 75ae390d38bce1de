"""Train / dev / test sets: how big each should be as the data grows, and what a dev set from
another distribution does.

Sizes: m examples are cut with fractions (f_train, f_dev, f_test); the dev and test parts get
m_dev = max(1, ⌊f_dev·m⌋) and m_test = max(1, ⌊f_test·m⌋) examples (0 for a zero fraction) and
the training set the rest, exactly as :func:`playground.data.split` cuts real arrays. A dev set
only has to be big enough to tell two models apart: an error rate p measured on m_dev examples
is known to within ±z·√(p(1 − p)/m_dev) (95 % for z = 1.96), so with a million examples 1 % —
10 000 dev examples — is plenty, while with a thousand the classic 60/20/20 is needed.

Mismatch: a network trains on one distribution (a toy data set at a noise level) and is
evaluated on dev/test sets from the same distribution and from a shifted one (the plane rotated
or translated, or noisier data). The course's rule: dev and test sets must come from the same
distribution — the one you care about doing well on. Its example: train on cat pictures from the
web, the target being pictures your users upload. Reading the training distribution as "the web"
and the shifted one as "your users", :func:`setups` compares three ways to choose the dev and
test sets: all from the web (dev and test agree, but neither measures the target), dev from the
web and test from the users (they disagree: tuning aims at the wrong target), and the acceptable
one — train from the web, dev and test both from the users (they agree, up to sampling noise,
and both measure the target).
"""

from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass

import numpy as np

from playground.engine import settings as spec
from playground.engine.config import (
    MAX_CLASSES,
    Setting,
    check_choice,
    check_int,
    check_matrix,
    check_range,
)
from playground.engine.data import (
    MAX_NOISE,
    MULTICLASS_DATASETS,
    Split,
    _check_fractions,
    _part_size,
    make_dataset,
    split,
)
from playground.engine.fitting import Model, error_rate, fit
from playground.engine.nn import Network

MAX_M = 10**9
"""Largest data-set size :func:`split_sizes` counts (sizes only: no arrays are made)."""
SIZES = (100, 200, 500, 1000, 2000, 5000, 10_000, 20_000, 50_000, 100_000, 200_000, 500_000)
SIZES += (1_000_000,)
"""The m offered by the page's log slider, 10² … 10⁶."""
PERCENTS = (0.0, 0.1, 0.2, 0.5, 1.0, 2.0, 5.0, 10.0, 20.0, 25.0, 30.0, 40.0, 50.0)
"""Test percentages offered for the user's own ratio (0: no test set); dev leaves out 0."""
RULES = {"classic 60/20/20": (0.6, 0.2, 0.2), "modern 98/1/1": (0.98, 0.01, 0.01)}
"""The course's two rules of thumb: small data (≤ ~10 000 examples) and big data (~10⁶)."""
Z_95 = 1.96
"""z of a two-sided 95 % confidence interval."""
REFERENCE_ERROR = 0.05
"""The error rate p whose measurement precision the page reports (a 5 % error)."""
PLENTY = 0.005
"""A margin of error at most this (±0.5 points) is "plenty to compare models"."""
TOO_NOISY = 0.02
"""A margin of error above this (±2 points) is too noisy to compare models."""

SHIFTS = ("rotate", "translate", "noise")
"""How the shifted dev/test sets differ from the training distribution."""
SHIFT_AMOUNT = {"rotate": "angle", "translate": "offset", "noise": "dnoise"}
"""The setting key holding the amount of each shift kind."""
SHIFT_SEED_OFFSET = 1000
"""The shifted sample is drawn with seed + 1000: new examples, not the training ones."""
MISMATCH_MODEL = Model((20, 20))
"""The network of the mismatch demo: [2, 20, 20, 1] (softmax output for C > 2)."""
MISMATCH_EPOCHS = 300
"""Full-batch Adam epochs (α = 0.01) of the mismatch demo: about a tenth of a second."""
SET_NAMES = ("train", "dev (same)", "test (same)", "dev (shifted)", "test (shifted)")
"""The sets the mismatch demo measures an error on, in order."""

SETTINGS = (
    Setting(
        "m",
        "Examples m",
        10_000,
        "int",
        options=SIZES,
        help="How many labelled examples you have in all (log scale, 100 to 1 000 000).",
    ),
    Setting(
        "devp",
        "Your dev %",
        5.0,
        options=PERCENTS[1:],
        help="Your own ratio: the share of the m examples held out as the dev set.",
    ),
    Setting(
        "testp",
        "Your test %",
        5.0,
        options=PERCENTS,
        help="Your own ratio: the share held out as the test set (0 = no test set).",
    ),
    dataclasses.replace(spec.ALL["ds"], default="moons", help="The training distribution."),
    spec.ALL["C"],
    dataclasses.replace(spec.ALL["noise"], default=0.1),
    spec.ALL["n"],
    dataclasses.replace(
        spec.ALL["dev"],
        default=20,
        high=30,
        help="Share of the examples held out as the dev set; the test set gets as many.",
    ),
    Setting(
        "shift",
        "Shifted dev/test sets",
        "rotate",
        "choice",
        options=SHIFTS,
        help="How the other distribution differs: the plane rotated about the training mean, "
        "moved along x₁, or drawn with another noise level.",
    ),
    Setting(
        "angle",
        "Rotation (degrees)",
        45,
        "int",
        low=0,
        high=180,
        step=5,
        help="The shifted dev/test points are rotated by this angle about the training mean.",
    ),
    Setting(
        "offset",
        "Translation along x₁",
        0.5,
        low=0.0,
        high=2.0,
        step=0.1,
        help="The shifted dev/test points are moved this far to the right.",
    ),
    Setting(
        "dnoise",
        "Noise of the shifted sets",
        0.3,
        low=0.0,
        high=0.5,
        step=0.01,
        help="The shifted dev/test sets are drawn with this noise instead of the training noise.",
    ),
    spec.ALL["dseed"],
    spec.ALL["seed"],
)
"""The splits page's settings; keys shared with ``playground.settings.ALL`` keep their meaning
(``dev`` is the dev share, and the test set gets the same share)."""


# --------------------------------------------------------------------------------------------
# Split sizes
# --------------------------------------------------------------------------------------------


def split_sizes(m: int, fractions: tuple[float, ...]) -> tuple[int, int, int]:
    """(m_train, m_dev, m_test) of m examples cut with ``fractions`` as ``data.split`` cuts.

    m_dev = max(1, ⌊f_dev·m⌋) if f_dev > 0 else 0, m_test likewise, m_train = m − m_dev − m_test.

    Parameters
    ----------
    m : int
        Examples in [1, MAX_M].
    fractions : tuple of float
        (train, dev, test) or (train, dev), each in [0, 1], train > 0, summing to 1.

    Raises
    ------
    ValueError
        Naming the argument if m or a fraction is out of range, or if no training example is
        left.
    """
    m = check_int("m", m, 1, MAX_M)
    _, dev, test = _check_fractions(fractions)
    m_dev, m_test = _part_size(dev, m), _part_size(test, m)
    m_train = m - m_dev - m_test
    if m_train < 1:
        raise ValueError(f"m must leave at least one training example; got {m} for {fractions}")
    return m_train, m_dev, m_test


def error_margin(m_dev: int, error: float = REFERENCE_ERROR, z: float = Z_95) -> float:
    """Margin of error of an error rate measured on m_dev examples: z·√(p(1 − p)/m_dev).

    An error rate p measured on m_dev examples is a binomial proportion; its standard error
    is √(p(1 − p)/m_dev). With z = 1.96 the true error lies within ± this margin 95 % of the
    time: 10 000 dev examples at p = 5 % give ±0.43 %, 100 give ±4.3 %.

    Raises
    ------
    ValueError
        If m_dev < 1, error is not in [0, 1] or z is not in (0, 10].
    """
    m_dev = check_int("m_dev", m_dev, 1, MAX_M)
    p = check_range("error", error, 0.0, 1.0)
    z = check_range("z", z, 0.0, 10.0, inclusive_low=False)
    return z * math.sqrt(p * (1.0 - p) / m_dev)


@dataclass(frozen=True)
class SplitRow:
    """One ratio applied to m examples: its name, fractions, sizes and the dev set's margin."""

    name: str
    fractions: tuple[float, float, float]
    sizes: tuple[int, int, int]
    """(m_train, m_dev, m_test)."""
    margin: float
    """``error_margin(m_dev)``: how precisely the dev set measures a 5 % error."""


def _percent(value: float) -> str:
    return f"{value:g}"


def user_fractions(dev_percent: float, test_percent: float) -> tuple[float, float, float]:
    """(train, dev, test) fractions from dev and test percentages; train gets the rest.

    Raises
    ------
    ValueError
        If a percentage is not in [0, 100], dev_percent is 0, or together they leave no
        training set (dev % + test % ≥ 100).
    """
    dev = check_range("dev_percent", dev_percent, 0.0, 100.0, inclusive_low=False)
    test = check_range("test_percent", test_percent, 0.0, 100.0)
    if dev + test >= 100.0:
        raise ValueError(
            f"dev_percent + test_percent must stay below 100 so the training set keeps "
            f"examples; got {_percent(dev)} + {_percent(test)} = {_percent(dev + test)}"
        )
    train = 100.0 - dev - test
    return train / 100, dev / 100, test / 100


def split_table(
    m: int, dev_percent: float | None = None, test_percent: float | None = None
) -> tuple[SplitRow, ...]:
    """The classic 60/20/20 and the modern 98/1/1 applied to m examples, then the user's ratio
    if ``dev_percent`` is given, named like "yours 90/5/5" (train/dev/test percentages).

    Raises
    ------
    ValueError
        As :func:`split_sizes` and :func:`user_fractions`.
    """
    ratios = list(RULES.items())
    if dev_percent is not None:
        fractions = user_fractions(dev_percent, 0.0 if test_percent is None else test_percent)
        name = "yours " + "/".join(_percent(round(100 * f, 6)) for f in fractions)
        ratios.append((name, fractions))
    rows = []
    for label, parts in ratios:
        sizes = split_sizes(m, parts)
        rows.append(SplitRow(label, parts, sizes, error_margin(sizes[1])))
    return tuple(rows)


def count_text(n: int) -> str:
    """A count with narrow spaces between thousands, as on a slide: 10 000."""
    return f"{int(n):,}".replace(",", "\u202f")


def _margin_text(margin: float) -> str:
    return f"±{margin:.1%}" if margin >= 0.01 else f"±{margin:.2%}"


def table_columns(rows: tuple[SplitRow, ...]) -> dict[str, list[str]]:
    """Columns of the split table: ratio, train, dev, test (counts as 10 000) and the margin of
    a 5 % error measured on the dev set ("±0.43%")."""
    if not rows or not all(isinstance(row, SplitRow) for row in rows):
        raise ValueError("rows must be a non-empty tuple of SplitRow")
    columns = {"ratio": [row.name for row in rows]}
    for i, part in enumerate(("train", "dev", "test")):
        columns[part] = [count_text(row.sizes[i]) for row in rows]
    columns["5% error ±"] = [_margin_text(row.margin) for row in rows]
    return columns


def _precision(margin: float) -> str:
    if margin <= PLENTY:
        return "plenty to compare models"
    if margin > TOO_NOISY:
        return "too noisy to tell two models apart"
    return "enough for large differences, not for fine ones"


def explain_split(rows: tuple[SplitRow, ...]) -> str:
    """Sentences on what each ratio's dev set can measure, for the rows of :func:`split_table`."""
    if not rows or not all(isinstance(row, SplitRow) for row in rows):
        raise ValueError("rows must be a non-empty tuple of SplitRow")
    m = sum(rows[0].sizes)
    lines = []
    for row in rows:
        m_dev = row.sizes[1]
        share = _percent(round(100 * row.fractions[1], 6))
        noun = "example" if m_dev == 1 else "examples"
        lines.append(
            f"**{row.name}**: {share}% is {count_text(m_dev)} dev {noun} — a 5% error is "
            f"measured to within {_margin_text(row.margin)}: {_precision(row.margin)}."
        )
    classic, modern = rows[0], rows[1]
    if modern.margin <= PLENTY:
        held = classic.sizes[1] + classic.sizes[2]
        verdict = (
            f"With m = {count_text(m)}, the modern split is enough; 60/20/20 would hold "
            f"{count_text(held)} examples back from training for no gain."
        )
    elif modern.margin > TOO_NOISY:
        verdict = (
            f"With only m = {count_text(m)} examples, 1% is too few: keep the classic 60/20/20 "
            "(or 70/30 without a test set)."
        )
    else:
        verdict = f"With m = {count_text(m)}, a dev share between the two rules is a fair choice."
    return "  \n".join([verdict, *lines])


# --------------------------------------------------------------------------------------------
# Mismatched distributions
# --------------------------------------------------------------------------------------------


def shift_points(X: np.ndarray, kind: str, amount: float, center: np.ndarray) -> np.ndarray:
    """Move 2-D points X (2, m) to another distribution.

    ``rotate``: x' = R(θ)(x − c) + c with R(θ) = [[cos θ, −sin θ], [sin θ, cos θ]], θ = amount
    degrees in [0, 360], c = ``center`` (2, 1). ``translate``: x' = x + (amount, 0)ᵀ, amount in
    [0, 10].

    Raises
    ------
    ValueError
        If X is not (2, m), kind is not "rotate" or "translate", or amount / center is out of
        range.
    """
    check_choice("kind", kind, ("rotate", "translate"))
    X = check_matrix("X", X, rows=2)
    center = np.asarray(center, dtype=np.float64)
    if center.shape != (2, 1) or not np.isfinite(center).all():
        raise ValueError(f"center must be a finite array of shape (2, 1); got {center.shape}")
    if kind == "translate":
        offset = check_range("amount", amount, 0.0, 10.0)
        return X + np.array([[offset], [0.0]])
    theta = math.radians(check_range("amount", amount, 0.0, 360.0))
    rotation = np.array([[math.cos(theta), -math.sin(theta)], [math.sin(theta), math.cos(theta)]])
    return rotation @ (X - center) + center


def describe_shift(kind: str, amount: float, noise: float) -> str:
    """How the shifted sets differ, in words: "rotated by 45°", "moved 0.5 along x₁", …."""
    check_choice("kind", kind, SHIFTS)
    if kind == "rotate":
        return f"rotated by {amount:g}° about the training mean"
    if kind == "translate":
        return f"moved {amount:g} to the right along x₁"
    return f"drawn with noise {amount:g} instead of {noise:g}"


@dataclass(frozen=True)
class Mismatch:
    """A training distribution's train/dev/test split and dev/test sets from a shifted one."""

    source: Split
    """Train, dev and test sets drawn from the training distribution."""
    X_dev_shift: np.ndarray
    Y_dev_shift: np.ndarray
    X_test_shift: np.ndarray
    Y_test_shift: np.ndarray
    n_classes: int

    def all_points(self) -> np.ndarray:
        """Every example of every set side by side, shape (n_x, Σ m): the figures' extent."""
        return np.hstack([X for X, _ in self.sets().values()])

    def sets(self) -> dict[str, tuple[np.ndarray, np.ndarray]]:
        """(X, Y) of every set by name, in the order of ``SET_NAMES``."""
        s = self.source
        pairs = (
            (s.X_train, s.Y_train),
            (s.X_dev, s.Y_dev),
            (s.X_test, s.Y_test),
            (self.X_dev_shift, self.Y_dev_shift),
            (self.X_test_shift, self.Y_test_shift),
        )
        return dict(zip(SET_NAMES, pairs, strict=True))


def _fractions(dev_percent: int) -> tuple[float, float, float]:
    dev = check_int("dev_percent", dev_percent, 1, 49) / 100
    return 1.0 - 2 * dev, dev, dev


def source_split(
    name: str, n: int, noise: float, dev_percent: int, seed: int, n_classes: int = 2
) -> Split:
    """The training distribution: ``make_dataset(name, n, noise, seed, n_classes)`` cut into
    train/dev/test with fractions (1 − 2d, d, d), d = dev_percent / 100 in [0.01, 0.49].

    Raises
    ------
    ValueError
        Naming the argument (from :func:`make_dataset` and :func:`split`).
    """
    X, Y = make_dataset(name, n, noise, seed, n_classes)
    return split(X, Y, _fractions(dev_percent), seed=seed)


def make_mismatch(
    name: str,
    n: int,
    noise: float,
    dev_percent: int,
    kind: str,
    amount: float,
    seed: int,
    n_classes: int = 2,
) -> Mismatch:
    """The source split and dev/test sets of the same sizes from a shifted distribution.

    The shifted sets are the dev and test parts of a fresh sample
    ``make_dataset(name, n, noise', seed + 1000, n_classes)`` split like the source, with
    noise' = amount for ``kind="noise"`` (else the training noise), then moved by
    :func:`shift_points` (rotate / translate about the training set's mean μ = (1/m) Σ x^(i)).

    Parameters
    ----------
    name, n, noise, seed, n_classes
        As in :func:`playground.data.make_dataset`.
    dev_percent : int
        Share of dev and of test, in [1, 49].
    kind : str
        One of ``SHIFTS``.
    amount : float
        Degrees for "rotate" (0–360), distance along x₁ for "translate" (0–10), the shifted
        sets' noise for "noise" (0–MAX_NOISE).

    Raises
    ------
    ValueError
        Naming the argument that is out of range.
    """
    check_choice("kind", kind, SHIFTS)
    source = source_split(name, n, noise, dev_percent, seed, n_classes)
    shifted_noise = check_range("amount", amount, 0.0, MAX_NOISE) if kind == "noise" else noise
    check_int("seed", seed, 0, 2**32 - 1 - SHIFT_SEED_OFFSET)
    X, Y = make_dataset(name, n, shifted_noise, seed + SHIFT_SEED_OFFSET, n_classes)
    other = split(X, Y, _fractions(dev_percent), seed=seed + SHIFT_SEED_OFFSET)
    X_dev, X_test = other.X_dev, other.X_test
    if kind != "noise":
        center = source.X_train.mean(axis=1, keepdims=True)
        X_dev = shift_points(X_dev, kind, amount, center)
        X_test = shift_points(X_test, kind, amount, center)
    classes = max(2, int(Y.max()) + 1)
    return Mismatch(source, X_dev, other.Y_dev, X_test, other.Y_test, classes)


def fit_source(source: Split, n_classes: int = 2, seed: int = 1) -> Network:
    """Train the demo network ``MISMATCH_MODEL`` on the source's training set only
    (:func:`playground.curves.fit`: full-batch Adam, α = 0.01, ``MISMATCH_EPOCHS`` epochs)."""
    if not isinstance(source, Split):
        raise ValueError(f"source must be a Split; got {type(source).__name__}")
    n_classes = check_int("n_classes", n_classes, 2, MAX_CLASSES)
    return fit(
        source.X_train, source.Y_train, MISMATCH_MODEL, n_classes, MISMATCH_EPOCHS, seed=seed
    )


def mismatch_errors(net: Network, mismatch: Mismatch) -> dict[str, float]:
    """Error rate (1/m) Σ 1{ŷ ≠ y} of ``net`` on every set of ``mismatch`` (NaN if empty)."""
    if not isinstance(mismatch, Mismatch):
        raise ValueError(f"mismatch must be a Mismatch; got {type(mismatch).__name__}")
    return {name: error_rate(net, X, Y) for name, (X, Y) in mismatch.sets().items()}


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


def explain_mismatch(errors: dict[str, float], shift: str) -> str:
    """What the errors of :func:`mismatch_errors` say, with the course's rule.

    ``shift`` is :func:`describe_shift`'s text.
    """
    missing = [name for name in SET_NAMES if name not in errors]
    if missing:
        raise ValueError(f"errors must hold every set of SET_NAMES; missing {missing}")
    train, dev, dev_shift = errors["train"], errors["dev (same)"], errors["dev (shifted)"]
    test_shift = errors["test (shifted)"]
    jump = dev_shift - dev
    text = (
        f"Train error {train:.1%}; on a dev set from the **same** distribution {dev:.1%}; on a "
        f"dev set {shift} **{dev_shift:.1%}**"
    )
    if jump > 0.02:
        text += (
            f" — {jump * 100:.1f} points worse. The network learned the training distribution; "
            "nothing in the training data showed it the shifted one. If you tuned on the "
            f"same-distribution dev set ({dev:.1%}) and then tested on shifted data "
            f"({test_shift:.1%}), the dev set would have aimed you at the wrong target."
        )
    else:
        text += ": hardly any different, so this shift barely moves the data across the boundary."
    return (
        text + "  \n**The course's rule:** dev and test sets must come from the *same* "
        "distribution — the data you expect to get in the future and care about doing well on."
    )


def measure(values: dict) -> dict[str, object]:
    """What the page shows for its settings, by name: the modern 98/1/1 row's dev-set size and
    margin ("modern_dev", "modern_margin", for a "reference_error" of 5 %), the classic row's
    ("classic_dev"), and the demo network's error on each set of the mismatch ("train_error",
    "dev_error" for the same distribution, "shifted_error")."""
    rows = {row.name: row for row in split_table(values["m"], values["devp"], values["testp"])}
    modern, classic = rows["modern 98/1/1"], rows["classic 60/20/20"]
    C = values["C"] if values["ds"] in MULTICLASS_DATASETS else 2
    source = (values["ds"], values["n"], values["noise"], values["dev"])
    amount = values[SHIFT_AMOUNT[values["shift"]]]
    mismatch = make_mismatch(*source, values["shift"], amount, values["dseed"], C)
    net = fit_source(source_split(*source, values["dseed"], C), C, values["seed"])
    errors = mismatch_errors(net, mismatch)
    return {
        "reference_error": REFERENCE_ERROR,
        "modern_dev": modern.sizes[1],
        "modern_margin": modern.margin,
        "classic_dev": classic.sizes[1],
        "train_error": errors["train"],
        "dev_error": errors["dev (same)"],
        "shifted_error": errors["dev (shifted)"],
    }
