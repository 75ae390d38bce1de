"""A vs B: what changed between two trainings of a page, and what came out differently.

A page's finished runs can be pinned as "A"; the next Start trains "B" with the page's current
settings. This module says which settings differ, whether both used the same seeds and data
(otherwise the comparison mixes in a second cause), which run of A goes with which run of B,
and sums the outcome up in a table and a sentence or two. Each side's bias and variance are read
by the same :func:`playground.diagnose.diagnose_run` as the run's own page, so the summary never
disagrees with a run's own diagnosis. Pure: it reads the settings dicts and ``Run`` objects by
duck typing (``history``, ``seconds``, ``errors()``).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from playground.engine.config import Setting
from playground.engine.diagnose import Diagnosis, diagnose_run
from playground.engine.train import StopReason

SEED_KEYS = ("seed", "dseed")
"""Seeds of the initialization / shuffling / dropout and of the data set and its split."""
DATA_KEYS = ("ds", "n", "m", "noise", "C", "dev", "std")
"""Settings that decide the examples a run trains on ("m" is the initialization page's n)."""
MISSING = "—"
"""How a setting one side does not have is shown."""


@dataclass(frozen=True)
class Difference:
    """One setting whose value differs between A and B, both values formatted for display."""

    key: str
    label: str
    a: str
    b: str


def _shown(value: object, setting: Setting | None) -> str:
    return setting.format(value) if setting is not None else str(value)


def settings_diff(a: dict, b: dict, table: dict[str, Setting]) -> list[Difference]:
    """The settings that differ between A's values ``a`` and B's values ``b``, in A's key order
    (then B's new keys). Labels and formats come from ``table``; a key absent on one side is
    shown as ``MISSING``; an unknown key is labelled by itself."""
    differences = []
    for key in [*a, *(key for key in b if key not in a)]:
        if key in a and key in b and a[key] == b[key]:
            continue
        setting = table.get(key)
        label = setting.label if setting is not None else key
        value_a = _shown(a[key], setting) if key in a else MISSING
        value_b = _shown(b[key], setting) if key in b else MISSING
        differences.append(Difference(key, label, value_a, value_b))
    return differences


def seed_and_data_changes(a: dict, b: dict) -> list[str]:
    """The seed and data keys (``SEED_KEYS`` + ``DATA_KEYS``) whose values differ, in that order:
    empty for a like-for-like comparison."""
    keys = SEED_KEYS + DATA_KEYS
    return [key for key in keys if (key in a or key in b) and a.get(key) != b.get(key)]


def run_pairs(names_a: list[str], names_b: list[str]) -> list[tuple[str, str]]:
    """Which run of A is compared with which of B: runs of the same name (A's "he" with B's
    "he"), then the remaining runs in order (so single runs named differently still pair)."""
    left_b = [name for name in names_b if name not in names_a]
    pairs = []
    for name in names_a:
        if name in names_b:
            pairs.append((name, name))
        elif left_b:
            pairs.append((name, left_b.pop(0)))
    return pairs


@dataclass(frozen=True)
class Outcome:
    """What one finished run reached: final accuracies and costs, epochs, why it stopped, time,
    and its bias/variance diagnosis."""

    train_accuracy: float
    dev_accuracy: float
    train_cost: float
    dev_cost: float
    epochs: int
    stopped: StopReason
    seconds: float
    diagnosis: Diagnosis


def outcome(run: Any, bayes_error: float) -> Outcome:
    """The ``Outcome`` of a trained run (costs of its last epoch, accuracies of its network),
    diagnosed against the Bayes-error estimate of its data as its own page does."""
    history = run.history
    train_error, dev_error = run.errors()
    return Outcome(
        train_accuracy=1.0 - train_error,
        dev_accuracy=1.0 - dev_error,
        train_cost=history.train_cost[-1] if history.train_cost else math.nan,
        dev_cost=_last_dev_cost(run),
        epochs=history.last_epoch,
        stopped=history.stopped_reason,
        seconds=run.seconds,
        diagnosis=diagnose_run(run, bayes_error),
    )


def _last_dev_cost(run: Any) -> float:
    """The dev cost after the run's last epoch: as recorded, or — when the run recorded at a
    rate and stopped between records — the dev cost of its network (the same computation)."""
    history = run.history
    if not history.dev_cost:
        return math.nan
    if history.record_epochs[-1] == history.last_epoch or math.isnan(history.dev_cost[-1]):
        return history.dev_cost[-1]
    net, data = run.net, run.data
    return net.cost(net.forward(data.X_dev), data.Y_dev)


def metrics_rows(a: Outcome, b: Outcome) -> list[tuple[str, str, str]]:
    """(measure, A, B) rows for a table: accuracies, costs, epochs run, stop reason, diagnosis,
    seconds."""
    return [
        ("Train accuracy", f"{a.train_accuracy:.1%}", f"{b.train_accuracy:.1%}"),
        ("Dev accuracy", f"{a.dev_accuracy:.1%}", f"{b.dev_accuracy:.1%}"),
        ("Train cost", f"{a.train_cost:.3g}", f"{b.train_cost:.3g}"),
        ("Dev cost", f"{a.dev_cost:.3g}", f"{b.dev_cost:.3g}"),
        ("Epochs run", str(a.epochs), str(b.epochs)),
        ("Stopped", a.stopped.replace("_", " "), b.stopped.replace("_", " ")),
        ("Diagnosis", a.diagnosis.verdict, b.diagnosis.verdict),
        ("Seconds", f"{a.seconds:.1f}", f"{b.seconds:.1f}"),
    ]


def _relative(b: float, a: float, lower: str, higher: str) -> str:
    if math.isclose(a, b, rel_tol=0.01, abs_tol=1e-4):
        return "about the same"
    return lower if b < a else higher


def diagnoses(a: Diagnosis, b: Diagnosis) -> str:
    """Both sides' verdicts with the accuracies they come from, e.g. "Diagnosis — A: fine
    (train 99.6%, dev 95.8% accuracy); B: high bias (train 71.4%, dev 70.0% accuracy), against
    a Bayes error ≈ 2.2%." (each side's Bayes error when they differ)."""
    same = math.isclose(a.bayes_error, b.bayes_error, abs_tol=1e-12)
    parts = []
    for side, d in (("A", a), ("B", b)):
        bayes = "" if same else f", Bayes error ≈ {d.bayes_error:.1%}"
        parts.append(
            f"{side}: {d.verdict} (train {1 - d.train_error:.1%}, dev {1 - d.dev_error:.1%} "
            f"accuracy{bayes})"
        )
    against = f", against a Bayes error ≈ {a.bayes_error:.1%}" if same else ""
    return f"Diagnosis — {'; '.join(parts)}{against}."


def describe(a: Outcome, b: Outcome) -> str:
    """Two or three sentences on what B did differently from A, e.g. "B reached a lower dev cost
    (0.21 vs 0.35) …", then both sides' diagnoses (:func:`diagnoses`)."""
    diverged = StopReason.DIVERGED
    if (b.stopped == diverged) != (a.stopped == diverged):
        which, other, run = ("B", "A", b) if b.stopped == diverged else ("A", "B", a)
        return f"{which} diverged after epoch {run.epochs}; {other} did not."
    dev = math.isfinite(a.dev_cost) and math.isfinite(b.dev_cost)
    split = "dev" if dev else "train"
    cost_a, cost_b = (a.dev_cost, b.dev_cost) if dev else (a.train_cost, b.train_cost)
    change = _relative(cost_b, cost_a, "a lower", "a higher")
    words = f"B reached {change} {split} cost ({cost_b:.3g} vs {cost_a:.3g})"
    accuracy_a, accuracy_b = (
        (a.dev_accuracy, b.dev_accuracy) if dev else (a.train_accuracy, b.train_accuracy)
    )
    if round(accuracy_a, 3) != round(accuracy_b, 3):
        better = "higher" if accuracy_b > accuracy_a else "lower"
        words += f" and a {better} {split} accuracy ({accuracy_b:.1%} vs {accuracy_a:.1%})"
    words += "."
    words += " " + diagnoses(a.diagnosis, b.diagnosis)
    if a.epochs != b.epochs:
        words += f" B ran {b.epochs} epochs, A {a.epochs}."
    return words
