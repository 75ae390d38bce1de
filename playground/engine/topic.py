"""A topic's declaration: what its page is called and teaches, its settings, scenes and checks.

Each ``playground/topics/<slug>/__init__.py`` declares one ``TOPIC``; the catalog
(:mod:`playground.catalog`) is the sum of these declarations, in course order.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from playground.engine.claims import Measured
from playground.engine.config import Setting
from playground.engine.scenes import Experiment, Scene


@dataclass(frozen=True)
class Topic:
    """One page of the course. ``slug`` is its URL path, its page file ``pages/<slug>.py`` and
    its folder ``playground/topics/<slug>/``. ``settings`` are the controls a scene may set, by
    key; where their defaults depend on other values (the surfaces page's start depends on the
    surface) ``settings_for`` gives them for a set of values instead. ``measure`` computes what
    the page shows for a complete set of settings: what the claims of ``scenes`` and
    ``try_this`` are checked against. ``text_inputs`` are text boxes the page binds to the URL
    outside its settings table (an experiment may type into them)."""

    slug: str
    title: str
    icon: str
    teaches: str
    settings: Mapping[str, Setting] | None = None
    settings_for: Callable[[dict], Mapping[str, Setting]] | None = None
    measure: Callable[[dict], Measured] | None = None
    scenes: tuple[Scene, ...] = ()
    try_this: tuple[Experiment, ...] = ()
    text_inputs: tuple[str, ...] = ()

    @property
    def file(self) -> str:
        """The page's file name in ``pages/``."""
        return f"{self.slug}.py"

    @property
    def url_path(self) -> str:
        """The page's URL path: its file's name, a URL that also works on a fresh server's first
        visit, when Streamlit still maps ``pages/<name>.py`` to ``/<name>``."""
        return self.slug

    @property
    def address(self) -> str:
        """The page's address on the server: "/" for Home, the navigation's default page (which
        Streamlit serves at the root only: "/home" pops its "Page not found"), else "/<slug>"."""
        return "/" if self.slug == "home" else f"/{self.url_path}"

    def page_settings(self, values: Mapping | None = None) -> Mapping[str, Setting]:
        """The settings of the page for ``values`` (its defaults where they depend on them)."""
        if self.settings_for is not None:
            return self.settings_for(dict(values or {}))
        return self.settings or {}
