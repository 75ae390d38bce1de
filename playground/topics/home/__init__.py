"""The Home page (pages/home.py): its declaration only; the page shows text and links."""

from __future__ import annotations

from playground.engine.topic import Topic

TOPIC = Topic(
    slug="home",
    title="Home",
    icon="🏠",
    teaches="What this app is and where to go.",
)
