"""Exponentially weighted averages: the page's scenes and "try this" experiments, each result they
state a claim checked by running it (tests/test_scene_claims.py)."""

from __future__ import annotations

from playground.engine.claims import Claim
from playground.engine.scenes import Experiment, Scene

SCENES: tuple[Scene, ...] = (
    Scene(
        "smooth-but-late",
        "β = 0.98: smooth but late",
        "A window of {window:.0f} days: a smooth curve that lags the season (it peaks "
        "{peak_lag} days after the warmest day), and a slow start without bias correction.",
        {"beta": 0.98, "src": "temperature"},
        (Claim("window", 50, 1e-9), Claim("peak_lag", 29, 2)),
    ),
    Scene(
        "noisy",
        "β = 0.5: noisy",
        "A window of {window:.0f} days: the average follows every wiggle (it peaks "
        "{peak_lag} days after the warmest day).",
        {"beta": 0.5, "src": "temperature"},
        (Claim("window", 2, 1e-9), Claim("peak_lag", 0, 1)),
    ),
)
"""Presets that set every control of the page for one story of the course."""

TRY_THIS: tuple[Experiment, ...] = (
    Experiment(
        "Press β = 0.5, then β = 0.98.",
        "With 0.5 the average follows every noisy day (window {window_05:.0f}); with 0.98 "
        "it is smooth but shifted right — it lags the season by weeks, peaking {peak_lag} "
        "days after the warmest day (window {window:.0f}).",
        {"beta": 0.98},
        (
            Claim("window", 2, 1e-9, at={"beta": 0.5}, name="window_05"),
            Claim("window", 50, 1e-9),
            Claim("peak_lag", 29, 2),
        ),
    ),
    Experiment(
        "Keep β = 0.98 and look at the first days.",
        "The uncorrected v_t starts near 0 and is still {low_on_day_100:.0%} too low on "
        "day 100; the bias-corrected curve starts on the data. From day {fade_day} on they "
        "differ by < {tolerance:.0%}.",
        {"beta": 0.98},
        (
            Claim("low_on_day_100", 0.13, 0.005),
            Claim("fade_day", 229),
            Claim("tolerance", 0.01),
        ),
    ),
    Experiment(
        "Choose Series → pasted and type 10, 10, 10, 10, 10, 10, 10, 10.",
        "A constant series: the corrected average equals it every day (off by at most "
        "{corrected_gap:.0e}), the uncorrected one is 10 (1 − βᵗ) — the bias is nothing "
        "but the missing weight.",
        {"src": "pasted", "nums": "10, 10, 10, 10, 10, 10, 10, 10"},
        (Claim("corrected_gap", 0.0, 1e-12),),
    ),
)
"""Guided experiments at the end of the page."""
