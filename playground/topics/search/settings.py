"""The search page's settings, and the search space and shared base of every trial they describe.

Each searchable hyperparameter (``playground.engine.search_space.PARAMS``) has a toggle "<code>_on";
when on, its range settings ("<code>_lo", "<code>_hi", "<code>_sc") say where and on which
scale it is drawn, when off its fixed value (``FIXED``) is used by every trial.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from playground.engine.config import Setting, check_choice, settings_by_key
from playground.engine.data_settings import TRIAL_DATA, TRIAL_DATA_FIXED
from playground.engine.search_space import (
    HIDDEN_UNITS,
    PARAMS,
    RANGES,
    SAMPLING_SEED,
    Param,
    trial_base,
)
from playground.engine.settings import ALL
from playground.engine.tuning import DASK_ENV, MAX_TRIALS, Base, Range, check_space

SAMPLERS = ("both", "random", "grid")
"""The sampler setting: both side by side on the same budget, or one of them."""
BACKENDS = ("batched", "dask")
"""Where a search trains: batched NumPy in this process, or on a Dask cluster."""
TRIALS = (4, 8, 9, 16, 25, 27, 32, 36, 49, 64, 81, 100, 125, 128, 144, 196, 216, 256)
"""Budgets offered: squares and cubes fill a 2-D or 3-D grid exactly."""


def _toggle(p: Param) -> Setting:
    return Setting(
        f"{p.code}_on",
        p.label,
        p.code in ("lr", "beta1"),
        "bool",
        help=f"Search over {p.label} (off: every trial uses the fixed value below).",
    )


TOGGLES = tuple(_toggle(p) for p in PARAMS.values())
"""Which hyperparameters vary: one toggle per parameter, key "<code>_on"."""

BUDGET = (
    Setting(
        "sampler",
        "Sampler",
        "both",
        "choice",
        options=SAMPLERS,
        help="grid: ⌊N^(1/d)⌋ evenly spaced values per hyperparameter. random: N points drawn "
        "on each range's scale. both: the two side by side on the same budget.",
    ),
    Setting(
        "trials",
        "Trials (budget N)",
        25,
        "int",
        options=TRIALS,
        help=f"Trials per sampler (at most {MAX_TRIALS}).",
    ),
    replace(
        ALL["epochs"],
        default=100,
        options=(10, 20, 50, 100, 200, 300, 500, 1000, 2000),
        help="Epochs every trial trains for.",
    ),
    SAMPLING_SEED,
)
"""The sampler, the budget N, the epochs per trial and the random draws' seed."""


BACKEND = Setting(
    "backend",
    "Backend",
    "batched",
    "choice",
    options=BACKENDS,
    help="batched: each group of trials sharing an architecture is one NumPy computation in "
    "this process, trained group by group with progress. dask: each round is sent to the Dask "
    f"cluster named by ${DASK_ENV}, whose workers train its groups in parallel.",
)
"""Offered only when a Dask scheduler is configured (``$PLAYGROUND_DASK_ADDRESS``)."""

FIXED = {
    "lr": ALL["lr"],
    "beta": ALL["beta"],
    "beta1": ALL["beta1"],
    "beta2": ALL["beta2"],
    "l2": ALL["l2"],
    "kp": Setting(
        "kp",
        "keep_prob",
        1.0,
        low=0.1,
        high=1.0,
        step=0.05,
        help="Inverted dropout: every hidden unit is kept with this chance (1 = no dropout).",
    ),
    "units": HIDDEN_UNITS,
    "layers": replace(ALL["layers"], low=1, high=4, help="Hidden layers of every trial."),
    "bs": replace(ALL["bs"], default="64", options=("8", "16", "32", "64", "128", "256", "full")),
    "decay": replace(
        ALL["decay"],
        default=0.0,
        options=(0.0, *ALL["decay"].options),
        help="α = α₀ / (1 + decay_rate · epoch_num), epoch_num = 1, 2, …; 0 keeps α constant.",
    ),
}
"""The value of each hyperparameter when it is not searched (same keys as the training pages)."""

NETWORK = (ALL["opt"], ALL["act"], ALL["seed"])
"""Optimizer, activation and initialization seed of every trial."""

DATA = TRIAL_DATA
"""The data set the trials learn (70% train, 30% dev, standardized), shared with the
pandas-vs-caviar page."""

FIXED_VALUES = TRIAL_DATA_FIXED
"""Data settings the page does not offer."""

PICK = Setting(
    "trial",
    "Retrain trial",
    "best",
    "choice",
    options=("best",),
    help="Train this trial again alone, as one network, and draw its decision boundary "
    "(best = the highest dev accuracy; ties go to the lowest dev cost).",
)
"""Which trial to retrain: "best" or a trial number (the numbers exist once trials are done)."""

SETTINGS = (
    TOGGLES
    + tuple(s for trio in RANGES.values() for s in trio)
    + BUDGET
    + (BACKEND,)
    + tuple(FIXED.values())
    + NETWORK
    + DATA
)
"""Every setting of the search page (keys are URL parameters)."""
BY_KEY = settings_by_key(*SETTINGS)
"""Every setting of the page by key (the key is its URL parameter)."""


def searched(values: dict) -> list[Param]:
    """The hyperparameters whose toggle is on, in ``PARAMS`` order."""
    return [p for p in PARAMS.values() if values.get(f"{p.code}_on")]


def range_settings(params: Sequence[Param]) -> tuple[Setting, ...]:
    """Low, high and scale settings of the searched ``params``."""
    return tuple(s for p in params for s in RANGES[p.code])


def fixed_settings(optimizer: str, params: Sequence[Param]) -> tuple[Setting, ...]:
    """The fixed-value settings of the parameters not searched that ``optimizer`` uses."""
    check_choice("optimizer", optimizer, ALL["opt"].options)
    chosen = {p.code for p in params}
    return tuple(
        FIXED[p.code]
        for p in PARAMS.values()
        if p.code not in chosen and (not p.optimizers or optimizer in p.optimizers)
    )


def make_space(values: dict) -> list[Range]:
    """The search space the settings describe: one ``Range`` per searched hyperparameter.

    Raises
    ------
    ValueError
        If no hyperparameter is searched, a range is empty or does not fit its scale (low >
        high, a log scale from 0, a β scale reaching 1), or the optimizer ignores a searched β.
    """
    params = searched(values)
    if not params:
        raise ValueError("choose at least one hyperparameter to search (sidebar: Search space)")
    space = []
    for p in params:
        unused = p.optimizers and values["opt"] not in p.optimizers
        if unused:
            users = ", ".join(p.optimizers)
            raise ValueError(
                f"{p.label} has no effect with the {values['opt']} optimizer (it is used by "
                f"{users}): switch it off or change the optimizer"
            )
        low, high = values[f"{p.code}_lo"], values[f"{p.code}_hi"]
        space.append(p.to_range(low, high, values[f"{p.code}_sc"]))
    return check_space(space)


def make_base(values: dict, m_train: int) -> Base:
    """What every trial shares: the fixed values, the optimizer, activation, epochs and seed.

    A mini-batch size of "full" becomes ``m_train`` (one batch per epoch).
    """
    return trial_base(
        values,
        m_train,
        learning_rate=values["lr"],
        lambd=values["l2"],
        beta=values["beta"],
        beta1=values["beta1"],
        beta2=values["beta2"],
        keep_prob=values["kp"],
        decay_rate=values["decay"],
    )
