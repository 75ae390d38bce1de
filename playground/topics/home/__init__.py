"""The Home topic: what this app is and where to go. Its page is pages/home.py."""

from __future__ import annotations

from playground.engine.topic import Topic

TOPIC = Topic(
    slug="home",
    title="Home",
    icon="🏠",
    teaches="What this app is and where to go.",
)
