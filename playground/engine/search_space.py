"""The searchable hyperparameters as page settings: what the search and pandas-vs-caviar pages
draw trials from, the base every trial of theirs shares (:func:`trial_base`) and how their
trials are ranked (:func:`trial_rank`).

Each :class:`Param` is one hyperparameter of ``playground.engine.tuning.SEARCHABLE`` as a page
offers it: its URL prefix, symbol, the bounds offered and its default range and scale.
``RANGES`` holds its low, high and scale settings (keys "<code>_lo", "<code>_hi", "<code>_sc"):
a range on a "log" scale is drawn as value = 10^r, on "one_minus_log" as β = 1 − 10^r, r uniform.
"""

from __future__ import annotations

from dataclasses import dataclass

from playground.engine.config import Setting, check_int
from playground.engine.tuning import Base, Range, Trial

RATES = (1e-5, 3e-5, 1e-4, 3e-4, 1e-3, 3e-3, 0.01, 0.03, 0.1, 0.3, 1.0, 3.0, 10.0)
BETAS = (0.0, 0.5, 0.8, 0.9, 0.95, 0.98, 0.99, 0.995, 0.999, 0.9999)
BETA2S = (0.9, 0.99, 0.995, 0.999, 0.9995, 0.9999, 0.99999)
LAMBDAS = (0.0, 1e-4, 3e-4, 1e-3, 3e-3, 0.01, 0.03, 0.1, 0.3, 1.0, 3.0, 10.0, 30.0, 100.0)
KEEP_PROBS = (0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 1.0)
UNITS = (1, 2, 4, 8, 16, 32, 50, 64, 100, 128)
"""Powers of two, and the lecture's range of hidden units, 50 … 100."""
BATCHES = (1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024)
DECAYS = (0.0, 1e-4, 1e-3, 0.01, 0.03, 0.1, 0.3, 1.0, 3.0, 10.0)
BETA_SCALES = ("linear", "one_minus_log")
"""The scales offered for a β: a log scale of β itself would crowd the draws near 0."""


@dataclass(frozen=True)
class Param:
    """One hyperparameter a page can search: its URL prefix, its name in ``SEARCHABLE``,
    how it is shown, the bounds offered and the default range and scale."""

    code: str
    name: str
    label: str
    symbol: str
    options: tuple
    low: float
    high: float
    scale: str
    integer: bool = False
    optimizers: tuple[str, ...] = ()
    """The optimizers that use it (empty: all of them)."""
    scales: tuple[str, ...] = ("linear", "log")
    """The scales that make sense for it: linear, and its ratio scale last — "log" (value =
    10^r), or "one_minus_log" (β = 1 − 10^r) for a β, whose interesting values crowd near 1."""

    @property
    def ratio_scale(self) -> str:
        """The scale that spreads draws evenly over ratios: "log", or "one_minus_log" for a β."""
        return self.scales[-1]

    def to_range(self, low: float, high: float, scale: str) -> Range:
        """The ``Range`` searched for this hyperparameter (validated by ``Range``)."""
        return Range(self.name, low, high, scale, self.integer)


PARAMS = {
    p.code: p
    for p in (
        Param("lr", "learning_rate", "Learning rate α", "α", RATES, 1e-4, 1.0, "log"),
        Param(
            "beta",
            "beta",
            "β (momentum) or β₂ (RMSprop)",
            "β",
            BETAS,
            0.9,
            0.999,
            "one_minus_log",
            optimizers=("momentum", "nesterov", "rmsprop"),
            scales=BETA_SCALES,
        ),
        Param(
            "beta1",
            "beta1",
            "β₁ (Adam)",
            "β₁",
            BETAS,
            0.8,
            0.999,
            "one_minus_log",
            optimizers=("adam",),
            scales=BETA_SCALES,
        ),
        Param(
            "beta2",
            "beta2",
            "β₂ (Adam)",
            "β₂",
            BETA2S,
            0.99,
            0.9999,
            "one_minus_log",
            optimizers=("adam",),
            scales=BETA_SCALES,
        ),
        Param("l2", "lambd", "L2 λ", "λ", LAMBDAS, 1e-3, 10.0, "log"),
        Param("kp", "keep_prob", "keep_prob", "keep_prob", KEEP_PROBS, 0.5, 1.0, "linear"),
        Param("units", "hidden_units", "Hidden units", "hidden units", UNITS, 2, 32, "log", True),
        Param(
            "layers", "layers", "Hidden layers", "hidden layers", (1, 2, 3, 4), 1, 4, "linear", True
        ),
        Param("bs", "batch_size", "Mini-batch size", "batch size", BATCHES, 16, 256, "log", True),
        Param("decay", "decay_rate", "Decay rate", "decay", DECAYS, 1e-3, 1.0, "log"),
    )
}
"""The searchable hyperparameters by URL prefix, in the order the search page lists them."""

BY_NAME = {p.name: p for p in PARAMS.values()}
"""The same, by their name in ``playground.engine.tuning.SEARCHABLE``."""
LABELS = {p.name: p.symbol for p in PARAMS.values()}
"""How each hyperparameter is named on axes and in tables (α, β₁, λ, …)."""

SCALE_HELP = {
    "linear": "linear: uniform between low and high",
    "log": "log: r uniform in [log₁₀ low, log₁₀ high], value = 10^r",
    "one_minus_log": "one_minus_log: r uniform in [log₁₀(1 − high), log₁₀(1 − low)], β = 1 − 10^r",
}
"""What each scale draws, for the help of a scale setting."""


def _bound(p: Param, end: str) -> Setting:
    default = p.low if end == "lo" else p.high
    word = "Lowest" if end == "lo" else "Highest"
    return Setting(
        f"{p.code}_{end}",
        f"{word} {p.symbol}",
        default,
        "int" if p.integer else "float",
        options=p.options,
        help=f"{word} value of {p.label} the search may try.",
    )


def _scale(p: Param) -> Setting:
    drawn = "; ".join(SCALE_HELP[scale] for scale in p.scales)
    return Setting(
        f"{p.code}_sc",
        f"Scale of {p.symbol}",
        p.scale,
        "choice",
        options=p.scales,
        help=f"{drawn}. Which one fits depends on the range: see 'The scale of each searched "
        "hyperparameter' at the bottom of the page.",
    )


RANGES = {p.code: (_bound(p, "lo"), _bound(p, "hi"), _scale(p)) for p in PARAMS.values()}
"""Low, high and scale of each hyperparameter: keys "<code>_lo", "<code>_hi", "<code>_sc"."""

SAMPLING_SEED = Setting(
    "rseed",
    "Sampling seed",
    0,
    "int",
    low=0,
    high=100,
    step=1,
    help="Seeds the random search's draws (a new seed, a new set of random trials).",
)
"""The seed of a random search's draws."""


HIDDEN_UNITS = Setting(
    "units",
    "Hidden units per layer",
    10,
    "int",
    options=(1, 2, 4, 8, 10, 16, 32, 64, 128),
    help="n^[l] of every hidden layer.",
)
"""The width of every hidden layer of a page's trials (``units`` of :func:`trial_base`)."""


def trial_base(values: dict, m_train: int, **fixed: float) -> Base:
    """What every trial of a page shares: the network (``layers`` hidden layers of ``units``,
    activation ``act``), optimizer ``opt``, mini-batch size ``bs`` ("full" = ``m_train``, one
    batch per epoch), ``epochs`` and initialization ``seed`` — and the ``fixed`` values of the
    hyperparameters a page does not search (by their name in ``Base``)."""
    m_train = check_int("m_train", m_train, 1)
    batch = values["bs"]
    return Base(
        optimizer=values["opt"],
        hidden_units=values["units"],
        layers=values["layers"],
        batch_size=m_train if batch == "full" else int(batch),
        activation=values["act"],
        epochs=values["epochs"],
        seed=values["seed"],
        **fixed,
    )


def trial_rank(trial: Trial) -> tuple[float, float]:
    """How trials are ranked, best first: by the highest dev accuracy, ties by the lowest dev
    cost (the sort key: ``min(trials, key=trial_rank)`` is the best)."""
    return -trial.dev_accuracy, trial.dev_cost
