"""The catalog: every page of the course, as the sum of the topics' declarations.

Each ``playground/topics/<slug>/`` declares its page in ``TOPIC`` (title, settings, scenes,
"try this", measurement); ``SECTIONS`` lists the slugs in course order. app.py builds the
navigation from it, the Home page its links, the scene picker its presets, and the claim tests
what they run.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from pathlib import Path

from playground.engine.claims import Measured
from playground.engine.config import Setting
from playground.engine.scenes import Experiment, Scene, scene_named
from playground.engine.topic import Topic

PAGES_DIR = Path(__file__).resolve().parents[2] / "pages"
"""Where the page files live: ``pages/<slug>.py``."""

SECTIONS: dict[str, tuple[str, ...]] = {
    "Start": ("home", "playground", "classroom"),
    "Week 1 — Practical aspects": (
        "splits",
        "bias_variance",
        "regularization",
        "normalization",
        "vanishing_gradients",
        "initialization",
        "gradient_checking",
    ),
    "Week 2 — Optimization": (
        "minibatch",
        "ewma",
        "optimizers_surfaces",
        "optimizers_network",
        "lr_decay",
        "saddles",
    ),
    "Week 3 — Tuning, batch norm, softmax": (
        "search",
        "priorities",
        "pandas_caviar",
        "batch_norm",
        "softmax",
        "frameworks",
    ),
}
"""The topics' slugs by section, in course order."""

TOPICS: dict[str, Topic] = {
    slug: importlib.import_module(f"playground.topics.{slug}").TOPIC
    for slugs in SECTIONS.values()
    for slug in slugs
}
"""Every topic by slug, in course order."""

SCENES: dict[str, tuple[Scene, ...]] = {
    slug: topic.scenes for slug, topic in TOPICS.items() if topic.scenes
}
"""2–4 scenes per page with controls, by slug."""
TRY_THIS: dict[str, tuple[Experiment, ...]] = {
    slug: topic.try_this for slug, topic in TOPICS.items() if topic.try_this
}
"""The guided experiments at the end of each page, by slug."""
MEASURES: dict[str, Callable[[dict], Measured]] = {
    slug: topic.measure for slug, topic in TOPICS.items() if topic.measure
}
"""What each page shows for a complete set of its settings: what claims are checked against."""
TEXT_INPUTS: dict[str, tuple[str, ...]] = {
    slug: topic.text_inputs for slug, topic in TOPICS.items() if topic.text_inputs
}
"""Text boxes a page binds to the URL outside its settings table, by slug."""


def page_path(topic: Topic) -> Path:
    """The page file of ``topic``."""
    return PAGES_DIR / topic.file


def sections() -> dict[str, list[Topic]]:
    """The sections with the topics whose page exists; empty sections are dropped."""
    existing = {
        section: [TOPICS[slug] for slug in slugs if page_path(TOPICS[slug]).exists()]
        for section, slugs in SECTIONS.items()
    }
    return {section: topics for section, topics in existing.items() if topics}


def menu(section: str) -> str:
    """The top navigation's menu of ``section``: its name's first words (Start, Week 1, …)."""
    return section.split(" — ")[0]


def menu_of(slug: str) -> str:
    """The top navigation's menu that holds the page ``slug``."""
    return next(menu(section) for section, slugs in SECTIONS.items() if slug in slugs)


def all_pages() -> list[Topic]:
    """Every topic whose page exists, in course order."""
    return [topic for topics in sections().values() for topic in topics]


def _topic_with_settings(page: str) -> Topic:
    topic = TOPICS.get(page)
    if topic is None or not topic.page_settings():
        pages = ", ".join(slug for slug, t in TOPICS.items() if t.page_settings())
        raise ValueError(f"page must be one of {pages}; got {page!r}")
    return topic


def page_settings(page: str, values: Mapping | None = None) -> Mapping[str, Setting]:
    """The settings of ``page`` (its defaults where they depend on ``values``)."""
    return _topic_with_settings(page).page_settings(values)


def find_scene(page: str, slug: str) -> Scene:
    """The scene ``slug`` of ``page``; ValueError lists the page's scenes."""
    return scene_named(SCENES.get(page, ()), slug)


def page_values(page: str, values: dict) -> dict[str, object]:
    """Every setting of ``page``: ``values``, and the page's defaults for the rest."""
    table = page_settings(page, values)
    return {key: setting.default for key, setting in table.items()} | values


def scene_values(page: str, slug: str) -> dict[str, object]:
    """Every setting of ``page`` in scene ``slug``: its values, the page's defaults for the rest."""
    return page_values(page, find_scene(page, slug).values)
