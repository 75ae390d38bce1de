"""Sampling a search space: grid vs random on one budget N, and why α is drawn on a log scale.

With d hyperparameters a grid tries only ⌊N^(1/d)⌋ distinct values of each one, random search
N of each. α between 0.0001 and 1 drawn uniformly puts 90 % of the draws in the top decade
[0.1, 1]; drawn as α = 10^r with r uniform in [−4, 0] (a "log" scale) each decade gets as many.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

from playground.engine.config import check_choice, check_int, check_range, check_seed
from playground.engine.tuning import SEARCHABLE, Range, grid, random_search
from playground.topics.search.settings import SAMPLERS, make_space


def samplers(choice: str) -> tuple[str, ...]:
    """The samplers to run for the setting ``choice``: "both" → ("grid", "random")."""
    check_choice("sampler", choice, SAMPLERS)
    return ("grid", "random") if choice == "both" else (choice,)


def sample(space: Sequence[Range], sampler: str, budget: int, seed: int = 0) -> list[dict]:
    """The trials of ``sampler`` ("grid" or "random") for ``budget`` N.

    A grid has ⌊N^(1/d)⌋ values per axis for d hyperparameters, so it may use fewer than N
    trials; random search draws N points with seed ``seed``.
    """
    check_choice("sampler", sampler, ("grid", "random"))
    if sampler == "grid":
        return grid(space, budget)
    return random_search(space, budget, seed)


def distinct(configs: Sequence[dict], name: str) -> int:
    """How many different values of hyperparameter ``name`` the trials try (to 12 digits)."""
    check_choice("hyperparameter", name, SEARCHABLE)
    return len({float(f"{config[name]:.12g}") for config in configs if name in config})


def log_sampling_demo(
    low: float = 1e-4, high: float = 1.0, n: int = 100, seed: int = 0
) -> tuple[np.ndarray, np.ndarray]:
    """n values of α drawn uniformly on [low, high], and n drawn uniformly on its log scale.

    The second set is α = 10^r with r uniform in [log₁₀ low, log₁₀ high]. Uniform sampling puts
    a share (high − high/10)/(high − low) of the values in the top decade [high/10, high]: 90 %
    for 0.0001 … 1, where the log scale gives every decade the same share.

    Parameters
    ----------
    low, high : float
        The range of α, 0 < low ≤ high ≤ 1e12.
    n : int
        Samples of each kind, in [1, 100 000].
    seed : int
        Seed of ``RandomState`` (first the uniform draws, then the log-scale ones).

    Returns
    -------
    uniform, log : ndarray of shape (n,)
        The two samples.
    """
    low = check_range("low", low, 1e-12, 1e12, inclusive_low=True)
    high = check_range("high", high, low, 1e12)
    n = check_int("n", n, 1, 100_000)
    rng = np.random.RandomState(check_seed("seed", seed))
    uniform = Range("learning_rate", low, high, "linear").values(rng.rand(n))
    log = Range("learning_rate", low, high, "log").values(rng.rand(n))
    return uniform, log


def share_in_top_decade(values: np.ndarray, high: float) -> float:
    """Share of ``values`` in [high/10, high], the top decade of the range."""
    values = np.asarray(values, dtype=float)
    if values.size == 0:
        raise ValueError("values must hold at least one number")
    high = check_range("high", high, 0.0, math.inf, inclusive_low=False)
    return float(np.mean((values >= high / 10) & (values <= high)))


def decade_counts(values: np.ndarray, low: float, high: float) -> tuple[np.ndarray, np.ndarray]:
    """How many ``values`` fall in each decade [10^k, 10^(k+1)) covering [low, high].

    Returns the edges 10^k, …, 10^K (K − k + 1 of them; the last decade includes its top edge)
    and the counts per decade.
    """
    low = check_range("low", low, 0.0, math.inf, inclusive_low=False)
    high = check_range("high", high, low, math.inf)
    first = math.floor(math.log10(low) + 1e-9)
    last = max(math.ceil(math.log10(high) - 1e-9), first + 1)
    edges = 10.0 ** np.arange(first, last + 1)
    values = np.asarray(values, dtype=float).ravel()
    counts = np.histogram(np.clip(values, edges[0], edges[-1]), bins=edges)[0]
    return edges, counts


def measure(values: dict) -> dict[str, object]:
    """What the page shows for its settings before training, by name: for each sampler its
    number of trials, of distinct α, of trials with α in the top decade [high/10, high] of α's
    range and below a hundredth of high ("<sampler>_trials", "<sampler>_distinct_lr",
    "<sampler>_top_decade", "<sampler>_below_001"); and the section "Sampling on the right
    scale"'s shares of 100 samples in [0.1, 1] ("top_uniform", "top_log")."""
    space = make_space(values)
    high = values["lr_hi"]
    shown: dict[str, object] = {}
    for name in samplers(values["sampler"]):
        configs = sample(space, name, values["trials"], values["rseed"])
        rates = np.array([config.get("learning_rate", np.nan) for config in configs])
        shown |= {
            f"{name}_trials": len(configs),
            f"{name}_distinct_lr": distinct(configs, "learning_rate"),
            f"{name}_top_decade": int(np.sum((rates >= high / 10) & (rates <= high))),
            f"{name}_below_001": int(np.sum(rates < high / 100)),
        }
    uniform, log = log_sampling_demo(1e-4, 1.0, 100, 0)
    return shown | {
        "top_uniform": share_in_top_decade(uniform, 1.0),
        "top_log": share_in_top_decade(log, 1.0),
    }
