"""The "Exponentially weighted averages" page: a series to average (a temperature-like year or
pasted numbers), its settings, the smoothed series and what the page measures.

The averages themselves — v_t = β v_{t−1} + (1 − β) θ_t, its window, weights and start-up bias —
are the engine's (:mod:`playground.engine.ewma`).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, replace

import numpy as np

from playground.engine.config import Setting, check_int, settings_by_key
from playground.engine.ewma import (
    BIAS_TOLERANCE,
    bias_fades_after,
    ewma,
    ewma_weights,
    one_over_e_lag,
    window,
)
from playground.engine.settings import ALL

MAX_DAYS = 2000
"""Longest generated temperature series, in days."""
MAX_VALUES = 1000
"""Most numbers a user may paste (they live in the URL)."""
MAX_TEXT = 20_000
"""Longest pasted text, in characters."""
MAX_LAGS = 3000
"""Most past values whose weights are listed (k = 0 … MAX_LAGS − 1)."""
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


def smoothed(values: dict, text: str) -> Smoothed:
    """The page's series averaged with β = ``values["beta"]``: the temperatures of
    ``values["days"]`` and ``values["dseed"]``, or ``text`` parsed when ``values["src"]`` is
    "pasted" (ValueError, with a message for the user, for text that is not a list of numbers)."""
    if values["src"] == "pasted":
        theta = parse_series(text)
    else:
        theta = temperature_series(values["days"], values["dseed"])
    return smooth(theta, values["beta"])


TEXT_KEY = "nums"
"""The page's text box of pasted numbers (bound to the URL beside the settings)."""


def measure(values: dict) -> dict[str, object]:
    """What the page shows for its settings (and the pasted text under ``TEXT_KEY``), by name:
    the window 1/(1 − β), the day from which bias correction changes v_t by less than
    "tolerance", how much too low v_t is on day 100 ("low_on_day_100" = β¹⁰⁰), how many days
    after the series' highest value the corrected average peaks ("peak_lag"), and the largest
    gap between the corrected average and the series ("corrected_gap")."""
    result = smoothed(values, values.get(TEXT_KEY, EXAMPLE_TEXT))
    theta = result.theta
    return {
        "window": result.window,
        "fade_day": result.fade_day,
        "tolerance": BIAS_TOLERANCE,
        "low_on_day_100": 1.0 - result.v[99] / result.v_hat[99] if result.days >= 100 else None,
        "peak_lag": int(np.argmax(result.v_hat)) - int(np.argmax(theta)),
        "corrected_gap": float(np.max(np.abs(result.v_hat - theta))),
    }
