"""Scenes and "try this" experiments: a page's stories as data, every stated result a claim.

A :class:`Scene` is a named preset that sets every control of a page to tell one story of the
course; it is also a URL (``/regularization?scene=dropout-fixes-it``). An :class:`Experiment`
is one "try this": what to do, what to notice, and the page's settings once it is done. Both
write their results into their text from ``claims``, which a test checks by running them (see
:mod:`playground.engine.claims`). Each topic declares its own in ``topics/<slug>/scenes.py``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from playground.engine.claims import Claim, fill

HOST = "http://localhost:8501"
"""Where ``streamlit run app.py`` serves the app; replace it with your server's address."""


@dataclass(frozen=True)
class Scene:
    """A named preset: ``values`` by setting key (= URL key); ``template`` says what to see,
    with each result it states a placeholder filled from ``claims`` (checked by a test that
    runs the scene)."""

    slug: str
    name: str
    template: str
    values: dict
    claims: tuple[Claim, ...] = ()

    @property
    def description(self) -> str:
        """What to see, with the claimed results written in."""
        return fill(self.template, self.claims)

    def url(self, page: str, host: str = HOST) -> str:
        """The link that opens ``page`` with this scene."""
        return f"{host}/{page}?scene={self.slug}"


@dataclass(frozen=True)
class Experiment:
    """One "try this": ``do`` it, then ``notice`` (filled from ``claims``). ``values`` are the
    page's settings once it is done (the page's defaults for the rest); a claim measured at
    another point of the experiment ("… then set λ to 0") names its settings in ``at``."""

    do: str
    template: str
    values: Mapping[str, object] = field(default_factory=dict)
    claims: tuple[Claim, ...] = ()

    def __post_init__(self) -> None:
        object.__setattr__(self, "values", MappingProxyType(dict(self.values)))

    @property
    def notice(self) -> str:
        """What to notice, with the claimed results written in."""
        return fill(self.template, self.claims)


def scene_named(scenes: tuple[Scene, ...], slug: str) -> Scene:
    """The scene ``slug`` among ``scenes``; ValueError lists their slugs."""
    for scene in scenes:
        if scene.slug == slug:
            return scene
    names = ", ".join(scene.slug for scene in scenes) or "none"
    raise ValueError(f"scene must be one of {names}; got {slug!r}")
