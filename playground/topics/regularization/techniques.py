"""Regularization side by side: the page's techniques and settings, and its two runs — one
network trained twice from the same seed, without and with a technique (L2, L1, dropout, data
augmentation or early stopping).

The two runs share the data, the initial weights W1, b1, … and the shuffling; only the technique
differs, so any difference in the decision boundary, the costs or the weights is its effect
(:mod:`playground.topics.regularization.effects` measures them). Data augmentation trains on
transformed copies of the examples (:mod:`playground.topics.regularization.augment`); early
stopping keeps the weights of the epoch with the lowest dev cost.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from types import MappingProxyType

from playground.engine.blas import one_blas_thread
from playground.engine.config import Setting, check_choice, check_int, settings_by_key
from playground.engine.experiment import Data, Run, make_data, outcome
from playground.engine.settings import ALL, MAX_HIDDEN_LAYERS
from playground.topics.regularization import augment as aug
from playground.topics.regularization.effects import cost_jitter, total_weight_norm

TECHNIQUES = ("L2", "L1", "dropout", "augmentation", "early-stopping")
"""The techniques the second run can use (the URL value of ``reg``)."""
NAMES = MappingProxyType(
    {
        "L2": "L2",
        "L1": "L1",
        "dropout": "dropout",
        "augmentation": "data augmentation",
        "early-stopping": "early stopping",
    }
)
"""Each technique in a sentence."""
BASELINE = "none"
"""Name of the run without regularization."""


DATA_KEYS = ("ds", "noise", "n", "C", "dev", "std", "dseed")
"""The settings :func:`playground.engine.experiment.make_data` reads."""
KEEP_KEYS = tuple(f"kp{l}" for l in range(1, MAX_HIDDEN_LAYERS + 1))

PAGE_DEFAULTS: Mapping[str, object] = MappingProxyType(
    {
        "ds": "xor",
        "noise": 0.2,
        "n": 200,
        "dev": 50,
        "dseed": 3,
        "layers": 3,
        "h1": 64,
        "h2": 64,
        "h3": 64,
        "lr": 0.003,
        "bs": "full",
        "epochs": 500,
    }
)
"""Shared settings whose default differs on this page: 100 noisy XOR points and a big network
(3 × 64 ReLU units) overfit within a few hundred full-batch Adam epochs, each technique's default
visibly lowers the dev error (checked over several init seeds), and both runs train in about a
second."""

SETTINGS = (
    Setting(
        "reg",
        "Technique",
        "L2",
        "choice",
        options=TECHNIQUES,
        help="What the second run adds; the first run (none) uses no regularization. Both start "
        "from the same weights and see the data in the same order.",
    ),
    replace(ALL["l2"], default=3.0),
    replace(ALL["l1"], default=1.0),
    *(replace(ALL[key], default=0.6) for key in KEEP_KEYS),
    replace(
        ALL["es"],
        default=50,
        low=10,
        help="Stop after this many epochs without a lower dev cost, and restore the weights of "
        "the best epoch.",
    ),
    *aug.SETTINGS,
)
"""The page's own knobs: the technique and each technique's strength (defaults that help)."""

SHARED = tuple(
    replace(setting, default=PAGE_DEFAULTS[key]) if key in PAGE_DEFAULTS else setting
    for key, setting in ALL.items()
    if key not in {s.key for s in SETTINGS}
)
"""The shared training settings, with this page's defaults."""

TABLE = settings_by_key(*SHARED, *SETTINGS)
"""Every setting of the page by key: read URL values with ``coerce_settings(TABLE, values)``."""

_OFF = MappingProxyType(
    {"l2": 0.0, "l1": 0.0, "es": 0, "bn": False, **dict.fromkeys(KEEP_KEYS, 1.0)}
)


def settings(*keys: str) -> list[Setting]:
    """The page's settings for ``keys``, in that order (ValueError for an unknown key)."""
    unknown = [key for key in keys if key not in TABLE]
    if unknown:
        raise ValueError(f"keys must be settings of the page; unknown: {', '.join(unknown)}")
    return [TABLE[key] for key in keys]


def technique_keys(technique: str, layers: int) -> tuple[str, ...]:
    """The settings the technique uses: l2, l1, kp1 … kpL, es, or the augmentation knobs."""
    check_choice("technique", technique, TECHNIQUES)
    layers = check_int("layers", layers, 0, MAX_HIDDEN_LAYERS)
    return {
        "L2": ("l2",),
        "L1": ("l1",),
        "dropout": KEEP_KEYS[:layers],
        "augmentation": tuple(s.key for s in aug.SETTINGS),
        "early-stopping": ("es",),
    }[technique]


def _require(values: Mapping[str, object], keys: Sequence[str]) -> None:
    missing = [key for key in keys if key not in values]
    if missing:
        raise ValueError(f"values must hold every setting of the page; missing {missing}")


def run_settings(values: Mapping[str, object]) -> dict[str, dict]:
    """The settings of the two runs: {"none": no regularization, technique: only that one}.

    Both copy ``values`` (same data, network, init seed and shuffling) with λ = λ₁ = 0,
    keep_prob = 1, no early stopping and no batch norm; the second then turns the chosen
    technique (``values["reg"]``) back on. Augmentation changes the training set, not the
    settings (see :func:`make_runs`).
    """
    _require(values, tuple(TABLE))
    technique = values["reg"]
    check_choice("values['reg']", technique, TECHNIQUES)
    base = {**values, **_OFF}
    regular = dict(base)
    for key in technique_keys(technique, values["layers"]):
        regular[key] = values[key]
    return {BASELINE: base, technique: regular}


def run_title(values: Mapping[str, object]) -> str:
    """A short title of the regularized run: the technique and its strength."""
    _require(values, tuple(TABLE))
    technique = values["reg"]
    check_choice("values['reg']", technique, TECHNIQUES)
    if technique == "L2":
        return f"L2, λ = {values['l2']:g}"
    if technique == "L1":
        return f"L1, λ₁ = {values['l1']:g}"
    if technique == "dropout":
        keep = [f"{values[key]:g}" for key in KEEP_KEYS[: values["layers"]]]
        return f"Dropout, keep_prob {' / '.join(keep) or '—'}"
    if technique == "augmentation":
        return f"Augmentation, {values['copies']} copies"
    return f"Early stopping, patience {values['es']}"


def data_values(values: Mapping[str, object]) -> dict:
    """Only the settings that define the data set (to share one cached data set)."""
    _require(values, DATA_KEYS)
    return {key: values[key] for key in DATA_KEYS}


def augmented_data(data: Data, values: Mapping[str, object]) -> Data:
    """The training set with ``copies`` transformed copies of each example (dev set unchanged).

    Calls :func:`playground.topics.regularization.augment.augment` with the page's jitter,
    reflect, rotate and copies and the data seed ``dseed`` (augmentation is part of the data).
    """
    _require(values, ("jitter", "reflect", "rotate", "copies", "dseed"))
    if data.n_x != 2:
        raise ValueError(f"data must have 2 features to augment 2-D points; got {data.n_x}")
    X_aug, Y_aug = aug.augment(
        data.X_train,
        data.Y_train,
        jitter=values["jitter"],
        reflect=values["reflect"],
        rotate_degrees=values["rotate"],
        copies=values["copies"],
        seed=values["dseed"],
    )
    source = f"{data.source} + augmentation"
    return Data(X_aug, Y_aug, data.X_dev, data.Y_dev, data.n_classes, source)


def make_runs(
    values: Mapping[str, object],
    data: Data,
    augmented: Data | None = None,
    run_type: type[Run] = Run,
) -> dict[str, Run]:
    """The two runs by name, untrained: "none" on ``data``, the technique's on ``data`` (or on
    ``augmented``, made by :func:`augmented_data` when not given, for augmentation).

    ``run_type`` is :class:`playground.engine.experiment.Run` or a subclass of it (the UI's adds a
    limit on BLAS threads).
    """
    runs = run_settings(values)
    technique = values["reg"]
    if not (isinstance(run_type, type) and issubclass(run_type, Run)):
        raise ValueError(f"run_type must be Run or a subclass of it; got {run_type!r}")
    if technique == "augmentation" and augmented is None:
        augmented = augmented_data(data, values)
    train_on = {BASELINE: data, technique: augmented if technique == "augmentation" else data}
    return {name: run_type(settings, train_on[name]) for name, settings in runs.items()}


def compared(runs: Mapping[str, Run], technique: str) -> dict[str, object]:
    """What the page shows of its two runs, by name: each run's ``outcome`` (train, dev, cost,
    epochs, status; the unregularized run's prefixed "none_"), whether the two runs are the same
    (``identical``), their final ‖W‖ (``weight_norm``, ``none_weight_norm``), how much each
    cost curve jumps (``jitter``, ``none_jitter``) and the best epoch."""
    none, regular = runs[BASELINE], runs[technique]
    shown = {f"none_{key}": value for key, value in outcome(none).items()} | outcome(regular)
    return shown | {
        "identical": none.history.train_cost == regular.history.train_cost,
        "weight_norm": total_weight_norm(regular.history.weight_norms)[-1],
        "none_weight_norm": total_weight_norm(none.history.weight_norms)[-1],
        "jitter": cost_jitter(regular.history.train_cost),
        "none_jitter": cost_jitter(none.history.train_cost),
        "best_epoch": regular.history.best_epoch,
    }


def measure(values: Mapping[str, object]) -> dict[str, object]:
    """What the page shows for its settings, by name, once both runs trained to the end: the
    runs :func:`compared` and, for a reflection, the mirror check's agreement and baseline."""
    data = make_data(data_values(values))
    runs = make_runs(values, data)
    with one_blas_thread():  # small matrices: as the page trains
        for run in runs.values():
            run.advance()
    check = aug.reflection_check(
        data.X_train, data.Y_train, data.X_dev, data.Y_dev, values["reflect"]
    )
    return compared(runs, values["reg"]) | {
        "mirror_agreement": check.agreement,
        "mirror_baseline": check.baseline,
        "mirror_valid": check.valid,
    }
