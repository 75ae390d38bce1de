"""Learning-rate decay: α as a function of the epoch, and what a decayed α does to training.

With mini-batches the gradient of each step is noisy, so with a fixed α the parameters keep
bouncing around the minimum instead of settling. Lowering α as training goes on — α₀ at first
for fast progress, smaller steps later — lets them settle. The schedules are those of
``playground.schedules``, with the lecture's epoch_num = 1, 2, … (the epoch being run):

- constant: α = α₀
- inverse_time: α = α₀ / (1 + decay_rate · epoch_num)
- staircase: α = α₀ / (1 + decay_rate · ⌊(epoch_num − 1) / time_interval⌋)
- exponential: α = base^epoch_num · α₀
- inverse_sqrt: α = k / √epoch_num · α₀
- piecewise (manual decay): α = α₀, then the rate set by hand after chosen epochs.

This module parses the manual schedule from text, builds each chosen schedule and its runs, and
measures how much the cost still oscillates at the end of training.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from types import MappingProxyType

import numpy as np

from playground.engine.config import (
    Setting,
    check_choice,
    check_int,
    check_range,
    coerce_settings,
    settings_by_key,
)
from playground.engine.data_settings import TWO_CLASS_DATA
from playground.engine.experiment import Data, Run, make_data
from playground.engine.schedules import SCHEDULES, Schedule, make_piecewise_schedule, make_schedule
from playground.engine.settings import ALL

SCHEDULE_NAMES = tuple(SCHEDULES)
"""Every schedule the page can compare, in the order they are listed and drawn."""

FORMULAS = MappingProxyType(
    {
        "constant": "α = α₀",
        "inverse_time": "α = α₀ / (1 + decay_rate · epoch_num)",
        "staircase": "α = α₀ / (1 + decay_rate · ⌊(epoch_num − 1) / time_interval⌋)",
        "exponential": "α = base^epoch_num · α₀",
        "inverse_sqrt": "α = k / √epoch_num · α₀",
        "piecewise": "α = α₀, then the rates you set after chosen epochs (manual decay)",
    }
)
"""The course's formula of each schedule (epoch_num = 1 for the first epoch)."""

HYPER = MappingProxyType(
    {
        "constant": (),
        "inverse_time": ("decay",),
        "staircase": ("decay", "interval"),
        "exponential": ("base",),
        "inverse_sqrt": ("k",),
        "piecewise": ("pw",),
    }
)
"""The settings each schedule reads besides α₀ ("pw" is the piecewise text)."""

COMPARE = tuple(
    Setting(
        name,
        name,
        name in ("constant", "inverse_time", "exponential", "piecewise"),
        "bool",
        help=FORMULAS[name],
    )
    for name in SCHEDULE_NAMES
)
"""One toggle per schedule: whether it is drawn and trained (key = the schedule's name)."""

RATE = (
    replace(
        ALL["lr"],
        label="Initial learning rate α₀",
        default=1.0,
        help="α₀, where every schedule starts (plain mini-batch gradient descent).",
    ),
    replace(ALL["decay"], default=0.1),
    replace(ALL["interval"], default=20),
    replace(ALL["base"], default=0.95),
    ALL["k"],
)
"""α₀ and the hyperparameters of the schedules (each shown only if a chosen schedule uses it)."""

TRAINING = (
    replace(ALL["bs"], default="8"),
    replace(ALL["epochs"], default=100, options=(20, 40, 50, 100, 200, 300, 500, 1000)),
    ALL["seed"],
)
"""Mini-batch size, epochs and seed of every run."""

SETTINGS = RATE + TRAINING
"""The page's knobs besides the toggles (``COMPARE``) and the piecewise text (``PIECEWISE``)."""

DATA = TWO_CLASS_DATA
"""The data knobs (moons with noise 0.2 by default), shared with the mini-batch page."""
BY_KEY = settings_by_key(*COMPARE, *SETTINGS, *DATA)
"""Every setting of the page by key (the key is its URL parameter; the piecewise text is
``PIECEWISE``, outside this table)."""

FIXED_VALUES = MappingProxyType({"opt": "gd", "C": 2})
"""Settings the page does not offer: plain gradient descent on two classes."""

LECTURE_EXAMPLE = MappingProxyType({"inverse_time": True, "lr": 0.2, "decay": 1.0})
"""The lecture's inverse-time example: α₀ = 0.2, decay_rate = 1 (its table of α per epoch)."""
TABLE_EPOCHS = 4
"""The first epochs whose α the page tabulates, as the lecture's table does."""


@dataclass(frozen=True)
class TextSetting:
    """A free-text setting (a text box bound to the URL): key, label, default, help, length."""

    key: str
    label: str
    default: str
    help: str
    max_chars: int


PIECEWISE = TextSetting(
    "pw",
    "Piecewise: epoch:α, …",
    "50:0.3, 75:0.1",
    "Manual decay: α₀ at first; '50:0.3, 75:0.1' means α = 0.3 after 50 epochs and 0.1 after "
    "75. Epochs are whole numbers that increase; rates are in (0, 100].",
    200,
)
"""The manual schedule, written as text."""

_ITEM = re.compile(r"(\d{1,7})\s*:\s*((?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d{1,3})?)")


def rate_settings(names: Sequence[str]) -> tuple[Setting, ...]:
    """α₀ and the hyperparameters that the schedules ``names`` use, in ``RATE`` order."""
    for name in names:
        check_choice("schedule", name, SCHEDULE_NAMES)
    used = {"lr"} | {key for name in names for key in HYPER[name]}
    return tuple(setting for setting in RATE if setting.key in used)


def parse_piecewise(text: str) -> tuple[tuple[int, ...], tuple[float, ...]]:
    """Read "b₁:r₁, b₂:r₂, …" into boundaries (b₁, b₂, …) and rates (r₁, r₂, …), safely.

    Each item is a whole epoch, a colon and a plain decimal rate (1e-3 style allowed); items
    are separated by commas or semicolons. Nothing is evaluated. An empty text means no change
    (α₀ throughout). The result is validated by ``make_piecewise_schedule``.

    Raises
    ------
    ValueError
        If the text is not a string, longer than ``PIECEWISE.max_chars``, an item does not read
        "epoch:rate", the epochs do not increase or a rate is out of (0, 100].
    """
    if not isinstance(text, str):
        raise ValueError(f"piecewise schedule must be text like '50:0.3, 75:0.1'; got {text!r}")
    if len(text) > PIECEWISE.max_chars:
        raise ValueError(
            f"piecewise schedule must be at most {PIECEWISE.max_chars} characters; got {len(text)}"
        )
    items = [item.strip() for item in re.split(r"[,;]", text)]
    if items == [""]:
        return (), ()
    boundaries, rates = [], []
    for number, item in enumerate(items, start=1):
        match = _ITEM.fullmatch(item)
        if match is None:
            raise ValueError(
                f"piecewise schedule: item {number} ({item!r}) must read epoch:rate, "
                "e.g. 50:0.3 — whole epochs, decimal rates, separated by commas"
            )
        epoch = check_int(
            f"piecewise schedule: epoch of item {number}", int(match.group(1)), 1, 10**6
        )
        if boundaries and epoch <= boundaries[-1]:
            raise ValueError(
                f"piecewise schedule: epochs must increase; item {number} has {epoch} after "
                f"{boundaries[-1]}"
            )
        rate = float(match.group(2))
        check_range(
            f"piecewise schedule: rate of item {number}", rate, 0.0, 100.0, inclusive_low=False
        )
        boundaries.append(epoch)
        rates.append(rate)
    try:
        make_piecewise_schedule(boundaries, [1.0, *rates])
    except ValueError as error:  # pragma: no cover - the checks above catch every case
        raise ValueError(f"piecewise schedule: {error}") from None
    return tuple(boundaries), tuple(rates)


def schedule_for(
    name: str,
    values: Mapping[str, object],
    piecewise: tuple[Sequence[int], Sequence[float]] = ((), ()),
) -> Schedule:
    """The schedule ``name`` with the page's α₀ ("lr"), decay_rate ("decay"), time_interval
    ("interval"), base ("base") and k ("k"); piecewise uses ``piecewise = (boundaries, rates)``
    after α₀.
    """
    check_choice("schedule", name, SCHEDULE_NAMES)
    if name == "piecewise":
        boundaries, rates = piecewise
        return make_piecewise_schedule(list(boundaries), [values["lr"], *rates])
    return make_schedule(
        name, values["lr"], values["decay"], values["interval"], values["base"], values["k"]
    )


def learning_rates(schedule: Schedule, epochs: int) -> np.ndarray:
    """α used in epochs epoch_num = 1 … E: schedule(epoch_num), as the training loop uses it."""
    epochs = check_int("epochs", epochs, 1, 20_000)
    return np.array([schedule(epoch) for epoch in range(1, epochs + 1)], dtype=np.float64)


def rate_table(rates: Mapping[str, np.ndarray], first: int = TABLE_EPOCHS) -> dict[str, list[str]]:
    """Columns of the table of α: "schedule", α in epoch_num = 1 … ``first`` (or fewer if the
    run is shorter), and α in the last epoch E if E > ``first``; α to 3 significant digits.

    ``rates[name]`` is :func:`learning_rates` of that schedule (α of epochs 1 … E).
    """
    first = check_int("first", first, 1, 100)
    if not rates:
        raise ValueError("rates must hold at least one schedule's learning rates")
    epochs = {np.asarray(alpha).size for alpha in rates.values()}
    if len(epochs) != 1 or 0 in epochs:
        raise ValueError("rates must give every schedule the same, non-zero number of epochs")
    (total,) = epochs
    shown = list(range(1, min(first, total) + 1)) + ([total] if total > first else [])
    columns = {"schedule": list(rates)}
    for epoch in shown:
        columns[f"epoch {epoch}"] = [f"{alpha[epoch - 1]:.3g}" for alpha in rates.values()]
    return columns


def chosen(values: Mapping[str, object]) -> tuple[str, ...]:
    """The schedules whose toggle is on, in ``SCHEDULE_NAMES`` order.

    Raises
    ------
    ValueError
        If no schedule is chosen.
    """
    names = tuple(name for name in SCHEDULE_NAMES if values.get(name) is True)
    if not names:
        raise ValueError("choose at least one schedule to compare")
    return names


def decay_runs(
    values: Mapping[str, object],
    data: Data,
    names: Sequence[str],
    piecewise: tuple[Sequence[int], Sequence[float]] = ((), ()),
) -> dict[str, Run]:
    """One ``Run`` per schedule name, identical (settings, data, seed, so the same initial
    weights and mini-batches) except for the learning-rate schedule."""
    if isinstance(names, str) or not names:
        raise ValueError(f"names must be a non-empty list of schedules; got {names!r}")
    runs = {}
    for name in names:
        schedule = schedule_for(name, values, piecewise)
        run = Run({**values, "sched": name}, data)
        run.schedule = schedule
        runs[name] = run
    return runs


def oscillation(costs: Sequence[float], fraction: float = 0.1) -> float:
    """Standard deviation of the last ⌈fraction · n⌉ (at least 2) of n costs; NaN if n < 2.

    Of the mini-batch costs (``History.iteration_cost``) this measures how much the cost still
    jumps at the end of training: with a fixed α the parameters keep bouncing around the
    minimum; with a decayed α only the batch-to-batch difference of the examples remains.
    """
    fraction = check_range("fraction", fraction, 0.0, 1.0, inclusive_low=False)
    values = np.asarray(costs, dtype=np.float64).ravel()
    if values.size < 2:
        return math.nan
    tail = values[-max(2, math.ceil(fraction * values.size)) :]
    return float(np.std(tail))


@dataclass(frozen=True)
class Summary:
    """The end of one run: last α, last epoch cost, the oscillations, dev accuracy."""

    final_rate: float
    final_cost: float
    iteration_std: float
    """std of the mini-batch costs over the last 10 % of iterations."""
    epoch_std: float
    """std of the epoch costs over the last 10 % of epochs."""
    dev_accuracy: float


def summarize(run: Run) -> Summary:
    """The numbers the page reports for a trained run (NaN where nothing was trained yet)."""
    history = run.history
    if not history.epochs:
        return Summary(math.nan, math.nan, math.nan, math.nan, math.nan)
    _, dev_error = run.errors()
    return Summary(
        final_rate=history.learning_rate[-1],
        final_cost=history.train_cost[-1],
        iteration_std=oscillation(history.iteration_cost),
        epoch_std=oscillation(history.train_cost),
        dev_accuracy=1.0 - dev_error,
    )


def measure(values: Mapping[str, object]) -> dict[str, object]:
    """What the page shows for its settings (and the piecewise text under ``PIECEWISE.key``), by
    name, once one run per chosen schedule trained to the end: for each schedule its α at the end
    ("<name>_rate"), how many times smaller than α₀ its α is in epoch_num = 9
    ("<name>_divisor_at_epoch_9": α₀ / α(9)), its final cost, the std of its last 10% of
    mini-batch costs and its dev accuracy ("<name>_cost", "<name>_std", "<name>_dev", as in
    :class:`Summary`)."""
    names = chosen(values)
    text = values.get(PIECEWISE.key, PIECEWISE.default)
    piecewise = parse_piecewise(text) if "piecewise" in names else ((), ())
    settings = coerce_settings(ALL, dict(values) | dict(FIXED_VALUES))  # as the page completes them
    runs = decay_runs(settings, make_data(settings), names, piecewise)
    shown: dict[str, object] = {}
    for name, run in runs.items():
        run.advance()
        summary = summarize(run)
        rates = learning_rates(run.schedule, max(10, settings["epochs"]))
        shown |= {
            f"{name}_rate": summary.final_rate,
            f"{name}_divisor_at_epoch_9": float(settings["lr"] / rates[8]),
            f"{name}_cost": summary.final_cost,
            f"{name}_std": summary.iteration_std,
            f"{name}_dev": summary.dev_accuracy,
        }
    return shown
