"""Data settings that several pages share: the same keys as ``settings.ALL``, with the defaults
those pages agree on (noisy moons, two classes)."""

from __future__ import annotations

from dataclasses import replace
from types import MappingProxyType

from playground.engine.settings import ALL

TRIAL_DATA = (
    replace(ALL["ds"], default="moons"),
    replace(ALL["noise"], default=0.2),
    replace(ALL["n"], default=300),
    ALL["dseed"],
)
"""The data set the trials of the search and the pandas-vs-caviar pages learn: 300 moons with
noise 0.2 by default, split and standardized as ``TRIAL_DATA_FIXED`` says."""

TRIAL_DATA_FIXED = MappingProxyType({"dev": 30, "std": True})
"""The data settings those pages do not offer: 70% train, 30% dev, standardized inputs."""

TWO_CLASS_DATA = (
    replace(
        ALL["ds"],
        default="moons",
        options=("moons", "circles", "xor"),
        help="Which 2-D data set (two classes) every run and the contour use.",
    ),
    replace(ALL["noise"], default=0.2),
    ALL["n"],
    ALL["dev"],
    ALL["std"],
    ALL["dseed"],
)
"""The data knobs of the mini-batch and learning-rate-decay pages: a 2-D two-class data set,
moons with noise 0.2 by default."""
