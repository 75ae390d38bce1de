"""The class search's space as plain data, and the hyperparameters each member trains with.

The space is what the teacher's search page describes — the searched knobs with their ranges and
scales, the settings every run shares, a seed — as a JSON-ready dict that the class store keeps
(``playground.classroom.results.start_search``'s ``space``)::

    {"knobs": [{"name": "learning_rate", "low": 0.0001, "high": 1.0, "scale": "log"}, …],
     "settings": {"ds": "spiral", "epochs": 10, "opt": "adam", …},
     "seed": 0}

Member k draws u ∈ [0, 1)^d from its own stream (numpy's ``default_rng((seed, k))``) and takes
each knob's value at u along the knob's scale: α = 10^r with r uniform in [log₁₀ low, log₁₀ high]
on a "log" scale, β = 1 − 10^r on "one_minus_log". So a member who reconnects gets the same
assignment, and the members together are one random search — N members try N values of α, where
a grid of N runs tries ⌊N^(1/d)⌋.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from playground.engine.config import (
    check_choice,
    check_int,
    check_range,
    check_seed,
    check_settings,
    coerce_settings,
)
from playground.engine.scenes import scene_named
from playground.engine.search_space import BY_NAME, LABELS
from playground.engine.tuning import SEARCHABLE, Range, check_space
from playground.topics.search import settings
from playground.topics.search.scenes import SCENES

BASE_KEYS = (
    *(s.key for s in settings.NETWORK),
    "epochs",
    *settings.FIXED,
    *(s.key for s in settings.DATA),
)
"""The search page's settings every run of a class search shares (network, epochs, the fixed
hyperparameters, the data set)."""
BASE = {key: settings.BY_KEY[key] for key in BASE_KEYS}
MAX_KNOBS = 6
"""Most knobs a class search varies."""
MAX_MEMBER = 2**62
"""Member numbers are the store's member ids: any int in [0, MAX_MEMBER]."""
DEFAULT_SCENE = "grid-wastes-trials"
"""The search page's scene whose space a class search uses unless the teacher's page gives one."""


@dataclass(frozen=True)
class ClassSpace:
    """A validated class-search space: the searched ``knobs`` (``Range`` each), the search
    page's shared ``settings`` (every key of ``BASE``) and the ``seed`` of the draws."""

    knobs: tuple[Range, ...]
    settings: Mapping[str, object]
    seed: int

    def as_json(self) -> dict:
        """The space as the store keeps it (see the module's docstring)."""
        knobs = [
            {"name": r.name, "low": _plain(r, r.low), "high": _plain(r, r.high), "scale": r.scale}
            for r in self.knobs
        ]
        return {"knobs": knobs, "settings": dict(self.settings), "seed": self.seed}

    def knob(self, name: str) -> Range:
        """The knob ``name`` (ValueError names the knobs of the space)."""
        for r in self.knobs:
            if r.name == name:
                return r
        raise ValueError(f"knob must be one of {', '.join(self.names)}; got {name!r}")

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(r.name for r in self.knobs)

    def __repr__(self) -> str:
        knobs = ", ".join(f"{label(r.name)} {r.low:g}…{r.high:g} ({r.scale})" for r in self.knobs)
        return f"ClassSpace({knobs}; seed {self.seed})"


def label(name: str) -> str:
    """How knob ``name`` is written on axes and in sentences: α, β₁, λ, …"""
    return LABELS.get(name, name)


def _plain(r: Range, value: float) -> float | int:
    return int(value) if r.integer else float(value)


def space_from_settings(values: Mapping[str, object]) -> ClassSpace:
    """The class search of the search page's settings ``values`` (read as its URL parameters
    are: a missing or invalid one takes the page's default), e.g. the teacher's view: the knobs
    its toggles search, on their ranges and scales, the settings its runs share and its sampling
    seed ("rseed").

    Raises
    ------
    ValueError
        As ``settings.make_space`` does: no knob searched, an empty range, an unused β.
    """
    values = coerce_settings(settings.BY_KEY, dict(values))
    ranges = settings.make_space(values)
    shared = {key: values[key] for key in BASE_KEYS}
    knobs = [{"name": r.name, "low": r.low, "high": r.high, "scale": r.scale} for r in ranges]
    return read_space({"knobs": knobs, "settings": shared, "seed": values["rseed"]})


def space_for_scene(slug: str = DEFAULT_SCENE) -> ClassSpace:
    """The class search of the search page's scene ``slug`` (its settings, the page's defaults
    for the rest)."""
    scene = scene_named(SCENES, slug)
    return space_from_settings(scene.values)


def read_space(space: object) -> ClassSpace:
    """The class search ``space`` (a dict as in the module's docstring, e.g. read back from the
    store), validated: 1 to ``MAX_KNOBS`` searchable knobs within their limits, the shared
    settings of the search page (missing ones take the page's defaults), a seed.

    Raises
    ------
    ValueError
        Naming the field and what it allows.
    """
    if not isinstance(space, Mapping):
        raise ValueError(f"space must be a dict; got {type(space).__name__}")
    knobs = space.get("knobs")
    if not isinstance(knobs, Sequence) or isinstance(knobs, str):
        raise ValueError("space knobs must be a list of {name, low, high, scale}")
    check_int("number of knobs", len(knobs), 1, MAX_KNOBS)
    ranges = []
    for knob in knobs:
        if not isinstance(knob, Mapping) or set(knob) != {"name", "low", "high", "scale"}:
            raise ValueError(f"each knob must be a dict of name, low, high, scale; got {knob!r}")
        name = knob["name"]
        check_choice("knob name", name, SEARCHABLE)
        low, high = SEARCHABLE[name]
        ends = [check_range(f"{name} {end}", knob[end], low, high) for end in ("low", "high")]
        ranges.append(Range(name, *ends, knob["scale"], BY_NAME[name].integer))
    shared = space.get("settings", {})
    if not isinstance(shared, Mapping):
        raise ValueError("space settings must be a dict of the search page's settings")
    unknown = sorted(set(shared) - set(BASE))
    if unknown:
        allowed = ", ".join(BASE)
        raise ValueError(f"space settings may hold only {allowed}; got {', '.join(unknown)}")
    checked = check_settings(BASE, dict(shared), optional=BASE_KEYS)
    seed = check_seed("space seed", space.get("seed", 0))
    return ClassSpace(tuple(check_space(ranges)), checked, seed)


def assign(space: ClassSpace, member: int) -> dict[str, float | int]:
    """The hyperparameters member ``member`` trains with: u = ``default_rng((seed, member))``
    .random(d), and knob i's value at u_i along its scale (``Range.values``): α = 10^r with r
    uniform in [log₁₀ low, log₁₀ high] on a log scale, β = 1 − 10^r on "one_minus_log".

    The same member always gets the same values; different members draw independently, as the
    trials of a random search do.
    """
    member = check_int("member", member, 0, MAX_MEMBER)
    u = np.random.default_rng((space.seed, member)).random(len(space.knobs))
    return {r.name: _value(r, u_i) for r, u_i in zip(space.knobs, u, strict=True)}


def _value(r: Range, u: float) -> float | int:
    value = r.values(np.array(u)).item()
    return int(value) if r.integer else float(value)


def check_chosen(space: ClassSpace, chosen: Mapping[str, object]) -> dict[str, float | int]:
    """A setting a student chose instead of their assignment: one value per knob of ``space``,
    each within its knob's range.

    Raises
    ------
    ValueError
        Naming the knob (its symbol and name) and its allowed range, or the knobs missing or
        not searched.
    """
    if not isinstance(chosen, Mapping):
        raise ValueError(f"the chosen setting must be a dict of {', '.join(space.names)}")
    missing = [name for name in space.names if name not in chosen]
    extra = sorted(set(chosen) - set(space.names))
    if missing or extra:
        raise ValueError(
            f"choose a value for each knob of the class search: {', '.join(space.names)}"
            + (f"; {', '.join(extra)} is not searched" if extra else "")
        )
    values: dict[str, float | int] = {}
    for r in space.knobs:
        name = f"{label(r.name)} ({r.name})"
        value = check_range(name, chosen[r.name], r.low, r.high)
        if r.integer:
            if not value.is_integer():
                raise ValueError(f"{name} must be a whole number in [{r.low:g}, {r.high:g}]")
            value = int(value)
        values[r.name] = value
    return values
