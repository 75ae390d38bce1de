"""Exponentially weighted (moving) averages, the idea behind momentum, RMSprop and Adam.

v_0 = 0, v_t = β v_{t−1} + (1 − β) θ_t averages roughly the last 1/(1 − β) values θ; the
bias-corrected v_t / (1 − β^t) removes the pull toward 0 of the first days. The helpers below
feed the "Exponentially weighted averages" page: a temperature-like series, pasted numbers,
the window, the weights and the day from which bias correction stops mattering.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, replace

import numpy as np

from playground.engine.config import Setting, check_int, check_range, settings_by_key
from playground.engine.settings import ALL


def ewma(values: np.ndarray, beta: float, bias_correction: bool = False) -> np.ndarray:
    """Exponentially weighted average: v_0 = 0, v_t = β v_{t-1} + (1 − β) θ_t.

    With ``bias_correction`` returns v_t / (1 − β^t), which removes the start-up bias toward 0.
    The average covers roughly the last 1/(1 − β) values.
    """
    beta = check_range("beta", beta, 0.0, 1.0, inclusive_high=False)
    theta = np.asarray(values, dtype=np.float64)
    if theta.ndim != 1:
        raise ValueError(f"values must be a 1-D sequence of numbers; got shape {theta.shape}")
    if not np.isfinite(theta).all():
        raise ValueError("values must hold finite numbers only (no NaN or inf)")
    v = np.empty_like(theta)
    running = 0.0
    for t, value in enumerate(theta):
        running = beta * running + (1.0 - beta) * value
        v[t] = running
    if bias_correction:
        v /= 1.0 - beta ** np.arange(1, theta.size + 1)
    return v


def ewma_weights(beta: float, n: int) -> np.ndarray:
    """Weight of the value k steps back in v_t: (1 − β) β^k, for k = 0 … n-1."""
    beta = check_range("beta", beta, 0.0, 1.0, inclusive_high=False)
    n = check_int("n", n, 0, 100_000)
    return (1.0 - beta) * beta ** np.arange(n)


# --------------------------------------------------------------------------------------------
# The page: a series to average, the window, the weights and the start-up bias
# --------------------------------------------------------------------------------------------

MAX_DAYS = 2000
"""Longest generated temperature series, in days."""
MAX_VALUES = 1000
"""Most numbers a user may paste (they live in the URL)."""
MAX_TEXT = 20_000
"""Longest pasted text, in characters."""
MAX_LAGS = 3000
"""Most past values whose weights are listed (k = 0 … MAX_LAGS − 1)."""
BIAS_TOLERANCE = 0.01
"""Bias correction "stops mattering" once it changes v_t by less than this fraction (1 %)."""
SOURCES = ("temperature", "pasted")
"""Where the series comes from: a seeded temperature-like year, or numbers the user pastes."""
EXAMPLE_TEXT = "4, 6, 5, 8, 7, 9, 12, 10, 13, 15, 14, 17, 16, 19, 18, 21, 20, 22, 19, 23"
"""Shown in the text area when the user picks "pasted"."""
_NUMBER = re.compile(r"[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?")
_SEPARATORS = re.compile(r"[\s,;]+")

SETTINGS = (
    replace(
        ALL["beta"],
        label="β",
        help="v_t = β v_{t−1} + (1 − β) θ_t averages about the last 1/(1 − β) values. The same "
        "β as momentum's (RMSprop's average of dW² has its own, β₂).",
    ),
    Setting(
        "src",
        "Series",
        "temperature",
        "choice",
        options=SOURCES,
        help="A noisy temperature-like year (the course's example), or your own numbers.",
    ),
    Setting(
        "days",
        "Days",
        365,
        "int",
        low=30,
        high=730,
        step=5,
        help="Length of the temperature series θ_1 … θ_T, one value a day.",
    ),
    replace(ALL["dseed"], help="Seed of the day-to-day noise of the temperatures."),
)
"""The page's settings; "beta" and "dseed" mean what they mean in ``settings.ALL``."""
BY_KEY = settings_by_key(*SETTINGS)


def temperature_series(days: int = 365, seed: int = 0) -> np.ndarray:
    """A noisy temperature-like series θ_1 … θ_T in °C, like the course's London year.

    θ_t = 11 − 7 cos(2π (t − 15) / 365) + ε_t,  ε_t ~ N(0, 3²) i.i.d.,  t = 1 … T:
    coldest (4 °C) in mid-January, warmest (18 °C) in mid-July, with day-to-day noise.

    Parameters
    ----------
    days : int, default 365
        T, the number of days, in [1, MAX_DAYS].
    seed : int, default 0
        Seed of the noise ``np.random.RandomState(seed)``, in [0, 2³² − 1].

    Returns
    -------
    np.ndarray
        θ of shape (T,), float64.

    Raises
    ------
    ValueError
        If ``days`` or ``seed`` is not an integer in its range.
    """
    days = check_int("days", days, 1, MAX_DAYS)
    seed = check_int("seed", seed, 0, 2**32 - 1)
    t = np.arange(1, days + 1)
    season = 11.0 - 7.0 * np.cos(2.0 * np.pi * (t - 15) / 365.0)
    return season + np.random.RandomState(seed).normal(0.0, 3.0, days)


def parse_series(text: str, max_values: int = MAX_VALUES) -> np.ndarray:
    """Read pasted numbers θ_1 … θ_T: separated by commas, semicolons, spaces or new lines.

    Numbers are written with a dot for decimals and an optional exponent ("12", "-3.5",
    "1e3"); nothing else is accepted (no "nan", "inf" or thousands separators).

    Parameters
    ----------
    text : str
        The pasted text, at most ``MAX_TEXT`` characters.
    max_values : int, default MAX_VALUES
        Most numbers accepted, in [2, MAX_VALUES].

    Returns
    -------
    np.ndarray
        θ of shape (T,), float64, with 2 ≤ T ≤ ``max_values``.

    Raises
    ------
    ValueError
        With a message for the user: not a string, too long, no numbers, a token that is not a
        number (named with its position), a number too large for float64, fewer than 2 or
        more than ``max_values`` numbers.
    """
    max_values = check_int("max_values", max_values, 2, MAX_VALUES)
    if not isinstance(text, str):
        raise ValueError(f"text must be a string; got {type(text).__name__}")
    if len(text) > MAX_TEXT:
        raise ValueError(f"text must be at most {MAX_TEXT:,} characters; got {len(text):,}")
    tokens = [token for token in _SEPARATORS.split(text) if token]
    if not tokens:
        raise ValueError("no numbers found: paste numbers separated by commas, spaces or lines")
    if len(tokens) > max_values:
        raise ValueError(f"at most {max_values:,} numbers are allowed; got {len(tokens):,}")
    for position, token in enumerate(tokens, start=1):
        if not _NUMBER.fullmatch(token):
            shown = token if len(token) <= 20 else token[:20] + "…"
            raise ValueError(
                f"value {position} ({shown!r}) is not a number: use digits with a dot for "
                "decimals (e.g. 12.5), separated by commas, spaces or new lines"
            )
    values = np.array([float(token) for token in tokens])
    if not np.isfinite(values).all():
        position = int(np.flatnonzero(~np.isfinite(values))[0]) + 1
        raise ValueError(f"value {position} ({tokens[position - 1]!r}) is too large")
    if values.size < 2:
        raise ValueError(f"at least 2 numbers are needed to average; got {values.size}")
    return values


def window(beta: float) -> float:
    """The number of values v_t roughly averages over: 1 / (1 − β) (β = 0.9 → 10)."""
    beta = check_range("beta", beta, 0.0, 1.0, inclusive_high=False)
    return 1.0 / (1.0 - beta)


def one_over_e_lag(beta: float) -> float:
    """k_e = −1 / ln β, where the weight (1 − β) β^k has fallen to 1/e of the newest one.

    Since β^(1/(1 − β)) ≈ 1/e (the course's 0.9¹⁰ ≈ 0.35 ≈ 1/e), k_e ≈ 1/(1 − β) − ½.
    For β = 0 only the newest value counts and k_e = 0.
    """
    beta = check_range("beta", beta, 0.0, 1.0, inclusive_high=False)
    return 0.0 if beta == 0.0 else -1.0 / math.log(beta)


def newest_share(beta: float, k: float) -> float:
    """Share of v_t's weight carried by the ``k`` newest values: Σ_{j<k} (1 − β) β^j = 1 − β^k.

    With k = 1/(1 − β) this is 1 − β^(1/(1 − β)) ≈ 1 − 1/e ≈ 63 %.
    """
    beta = check_range("beta", beta, 0.0, 1.0, inclusive_high=False)
    k = check_range("k", k, 0.0, 1e9)
    return 1.0 - beta**k


def bias_fades_after(beta: float, tolerance: float = BIAS_TOLERANCE) -> int:
    """First day t at which bias correction changes v_t by less than ``tolerance``.

    The corrected value is v_t / (1 − β^t): it differs from v_t by the factor 1/(1 − β^t),
    which is within ``tolerance`` of 1 once β^t ≤ tolerance / (1 + tolerance) — from
    t = ⌈ln(tolerance / (1 + tolerance)) / ln β⌉ on (β = 0.9 and 1 %: day 44).

    Parameters
    ----------
    beta : float
        β in [0, 1).
    tolerance : float, default 0.01
        Relative change of v_t still counted as "matters", in (0, 1).

    Returns
    -------
    int
        The day t ≥ 1.
    """
    beta = check_range("beta", beta, 0.0, 1.0, inclusive_high=False)
    tolerance = check_range(
        "tolerance", tolerance, 0.0, 1.0, inclusive_low=False, inclusive_high=False
    )
    if beta == 0.0:
        return 1
    # The tiny slack keeps exact powers (β^t exactly at the bound) from rounding up a day.
    days = math.log(tolerance / (1.0 + tolerance)) / math.log(beta)
    return max(1, math.ceil(days - 1e-9))


@dataclass(frozen=True)
class Smoothed:
    """A series θ_1 … θ_T and its exponentially weighted averages for one β.

    ``v[t − 1]`` is v_t = β v_{t−1} + (1 − β) θ_t (v_0 = 0) and ``v_hat[t − 1]`` its
    bias-corrected value v_t / (1 − β^t).
    """

    theta: np.ndarray
    beta: float
    v: np.ndarray
    v_hat: np.ndarray

    @property
    def days(self) -> int:
        """T, the number of values."""
        return int(self.theta.size)

    @property
    def window(self) -> float:
        """1 / (1 − β)."""
        return window(self.beta)

    @property
    def e_lag(self) -> float:
        """k_e = −1 / ln β, where a past value's weight is 1/e of the newest's."""
        return one_over_e_lag(self.beta)

    @property
    def fade_day(self) -> int:
        """First day on which bias correction changes v_t by less than 1 %."""
        return bias_fades_after(self.beta)

    @property
    def divisor(self) -> np.ndarray:
        """1 − β^t for t = 1 … T: what bias correction divides v_t by."""
        return 1.0 - self.beta ** np.arange(1, self.days + 1)

    def weights(self, lags: int | None = None) -> np.ndarray:
        """(1 − β) β^k for k = 0 … lags − 1 (default: ⌈3 / (1 − β)⌉ + 1, at most MAX_LAGS)."""
        if lags is None:
            lags = min(MAX_LAGS, math.ceil(3.0 * self.window - 1e-9) + 1)
        return ewma_weights(self.beta, check_int("lags", lags, 1, MAX_LAGS))


def smooth(values: np.ndarray, beta: float) -> Smoothed:
    """v_t with and without bias correction for the series ``values`` (1-D, finite, T ≥ 1)."""
    v = ewma(values, beta)
    theta = np.asarray(values, dtype=np.float64)
    if theta.size == 0:
        raise ValueError("values must hold at least one number")
    beta = float(beta)
    return Smoothed(theta.copy(), beta, v, v / (1.0 - beta ** np.arange(1, theta.size + 1)))


TEXT_KEY = "nums"
"""The page's text box of pasted numbers (bound to the URL beside the settings)."""


def measure(values: dict) -> dict[str, object]:
    """What the page shows for its settings (and the pasted text under ``TEXT_KEY``), by name:
    the window 1/(1 − β), the day from which bias correction changes v_t by less than
    "tolerance", how much too low v_t is on day 100 ("low_on_day_100" = β¹⁰⁰), how many days
    after the series' highest value the corrected average peaks ("peak_lag"), and the largest
    gap between the corrected average and the series ("corrected_gap")."""
    if values["src"] == "pasted":
        theta = parse_series(values.get(TEXT_KEY, EXAMPLE_TEXT))
    else:
        theta = temperature_series(values["days"], values["dseed"])
    result = smooth(theta, values["beta"])
    return {
        "window": result.window,
        "fade_day": result.fade_day,
        "tolerance": BIAS_TOLERANCE,
        "low_on_day_100": 1.0 - result.v[99] / result.v_hat[99] if result.days >= 100 else None,
        "peak_lag": int(np.argmax(result.v_hat)) - int(np.argmax(theta)),
        "corrected_gap": float(np.max(np.abs(result.v_hat - theta))),
    }
