"""The saddles page's settings — the escape race's and the Hessian census's — and what the page
shows for a set of them (:func:`measure`)."""

from __future__ import annotations

import numpy as np

from playground.engine.config import Setting, settings_by_key
from playground.engine.settings import ALL, LOG_RATES, MAX_SEED
from playground.topics.saddles.escaping import STALLS, page_escape
from playground.topics.saddles.hessians import dimension_grid, hessian_census

SETTINGS = (
    Setting(
        "surface",
        "Surface",
        "saddle",
        "choice",
        options=tuple(STALLS),
        help="saddle: J = w₁² − w₂²; monkey_saddle: J = w₁³ − 3w₁w₂²; plateau: a nearly flat "
        "J ≈ 1 around a small basin.",
    ),
    Setting(
        "w2",
        "Start w₂ (distance from the ridge)",
        0.001,
        options=(1e-6, 1e-4, 1e-3, 1e-2, 0.1),
        help="How far from the line w₂ = 0 the runs start. On that line the gradient points at "
        "the saddle point; the closer you start, the longer gradient descent stays near it.",
    ),
    *(
        Setting(
            f"lr_{name}",
            f"α {label}",
            0.1,
            options=LOG_RATES,
            help=f"The learning rate of {label} (each optimizer has its own).",
        )
        for name, label in (
            ("gd", "gradient descent"),
            ("momentum", "momentum (both forms)"),
            ("rmsprop", "RMSprop"),
            ("adam", "Adam"),
        )
    ),
    ALL["beta"],
    ALL["rms_beta"],
    Setting(
        "steps",
        "Steps",
        300,
        "int",
        options=(50, 100, 200, 300, 500, 1000, 2000, 5000),
        help="Updates made by every optimizer.",
    ),
)
"""The escape experiment's settings; "beta" and "rms_beta" mean what they mean in
``settings.ALL``."""


CENSUS_SETTINGS = (
    Setting(
        "nmax",
        "Largest dimension n",
        50,
        "int",
        options=(5, 10, 20, 50, 100),
        help="Random Hessians are drawn for n = 1 … 10, then on a log scale up to this n.",
    ),
    Setting(
        "samples",
        "Random Hessians per n",
        1000,
        "int",
        options=(100, 300, 1000, 3000, 10000, 30000),
        help="How many random symmetric matrices are drawn for each dimension n.",
    ),
    Setting(
        "hseed",
        "Seed",
        0,
        "int",
        low=0,
        high=MAX_SEED,
        step=1,
        help="Seed of the random Hessians (each n draws from its own stream).",
    ),
)
"""The census's settings."""
BY_KEY = settings_by_key(*SETTINGS, *CENSUS_SETTINGS)


def measure(values: dict) -> dict[str, object]:
    """What the page shows for its settings, by name. Section 1: for each racer of ``COMPARED``
    the step it escapes at ("<name>_escaped", None if it does not), its steps stalled, its median
    step while stalled in units of α‖dW‖ (:meth:`Escape.step_ratio`), its final J and the length
    of its last step ("<name>_stalled", "<name>_step_ratio", "<name>_final", "<name>_last_step").
    Section 2: the number of minima among the random Hessians of each dimension n
    ("minima_<n>"), the share of minima divided by the next dimension's ("drop_<n>", when both
    have minima) and the first dimension without any ("none_from")."""
    race = page_escape(values)
    shown: dict[str, object] = {}
    for name, run in race.runs.items():
        shown |= {
            f"{name}_escaped": run.escaped_at,
            f"{name}_stalled": race.steps_stalled(run),
            f"{name}_step_ratio": race.step_ratio(run),
            f"{name}_final": float(run.cost[-1]),
            f"{name}_last_step": float(np.linalg.norm(run.path[-1] - run.path[-2])),
        }
    census = hessian_census(dimension_grid(values["nmax"]), values["samples"], values["hseed"])
    dims, minima = census.dims.tolist(), census.minima.tolist()
    shown |= {f"minima_{n}": int(m) for n, m in zip(dims, minima, strict=True)}
    for (n, m), m_next in zip(zip(dims, minima, strict=True), minima[1:], strict=False):
        if m and m_next:
            shown[f"drop_{n}"] = m / m_next
    shown["none_from"] = next((n for n, m in zip(dims, minima, strict=True) if not m), None)
    return shown
