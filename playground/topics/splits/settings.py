"""The train/dev/test page's settings, and what it shows for a set of them (:func:`measure`)."""

from __future__ import annotations

import dataclasses

from playground.engine import settings as spec
from playground.engine.config import Setting, settings_by_key
from playground.engine.data import MULTICLASS_DATASETS
from playground.topics.splits.mismatched import (
    SHIFT_AMOUNT,
    SHIFTS,
    fit_source,
    make_mismatch,
    mismatch_errors,
    source_split,
)
from playground.topics.splits.set_sizes import PERCENTS, REFERENCE_ERROR, SIZES, split_table

SETTINGS = (
    Setting(
        "m",
        "Examples m",
        10_000,
        "int",
        options=SIZES,
        help="How many labelled examples you have in all (log scale, 100 to 1 000 000).",
    ),
    Setting(
        "devp",
        "Your dev %",
        5.0,
        options=PERCENTS[1:],
        help="Your own ratio: the share of the m examples held out as the dev set.",
    ),
    Setting(
        "testp",
        "Your test %",
        5.0,
        options=PERCENTS,
        help="Your own ratio: the share held out as the test set (0 = no test set).",
    ),
    dataclasses.replace(spec.ALL["ds"], default="moons", help="The training distribution."),
    spec.ALL["C"],
    dataclasses.replace(spec.ALL["noise"], default=0.1),
    spec.ALL["n"],
    dataclasses.replace(
        spec.ALL["dev"],
        default=20,
        high=30,
        help="Share of the examples held out as the dev set; the test set gets as many.",
    ),
    Setting(
        "shift",
        "Shifted dev/test sets",
        "rotate",
        "choice",
        options=SHIFTS,
        help="How the other distribution differs: the plane rotated about the training mean, "
        "moved along x₁, or drawn with another noise level.",
    ),
    Setting(
        "angle",
        "Rotation (degrees)",
        45,
        "int",
        low=0,
        high=180,
        step=5,
        help="The shifted dev/test points are rotated by this angle about the training mean.",
    ),
    Setting(
        "offset",
        "Translation along x₁",
        0.5,
        low=0.0,
        high=2.0,
        step=0.1,
        help="The shifted dev/test points are moved this far to the right.",
    ),
    Setting(
        "dnoise",
        "Noise of the shifted sets",
        0.3,
        low=0.0,
        high=0.5,
        step=0.01,
        help="The shifted dev/test sets are drawn with this noise instead of the training noise.",
    ),
    spec.ALL["dseed"],
    spec.ALL["seed"],
)
"""The splits page's settings; keys shared with ``playground.engine.settings.ALL`` keep their
meaning (``dev`` is the dev share, and the test set gets the same share)."""
BY_KEY = settings_by_key(*SETTINGS)
"""Every setting of the page by key (the key is its URL parameter)."""


def measure(values: dict) -> dict[str, object]:
    """What the page shows for its settings, by name: the modern 98/1/1 row's dev-set size and
    margin ("modern_dev", "modern_margin", for a "reference_error" of 5 %), the classic row's
    ("classic_dev"), and the demo network's error on each set of the mismatch ("train_error",
    "dev_error" for the same distribution, "shifted_error")."""
    rows = {row.name: row for row in split_table(values["m"], values["devp"], values["testp"])}
    modern, classic = rows["modern 98/1/1"], rows["classic 60/20/20"]
    C = values["C"] if values["ds"] in MULTICLASS_DATASETS else 2
    source = (values["ds"], values["n"], values["noise"], values["dev"])
    amount = values[SHIFT_AMOUNT[values["shift"]]]
    mismatch = make_mismatch(*source, values["shift"], amount, values["dseed"], C)
    net = fit_source(source_split(*source, values["dseed"], C), C, values["seed"])
    errors = mismatch_errors(net, mismatch)
    return {
        "reference_error": REFERENCE_ERROR,
        "modern_dev": modern.sizes[1],
        "modern_margin": modern.margin,
        "classic_dev": classic.sizes[1],
        "train_error": errors["train"],
        "dev_error": errors["dev (same)"],
        "shifted_error": errors["dev (shifted)"],
    }
