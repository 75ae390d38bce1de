"""The Train / dev / test sets page (pages/splits.py): its settings and measure (settings.py),
how big each set should be (set_sizes.py), dev and test sets from a shifted distribution
(mismatched.py), where to take them from (setups.py), the figures (figures.py) and the scenes
(scenes.py). ``TOPIC`` declares the page to the catalog."""

from __future__ import annotations

from playground.engine.topic import Topic
from playground.topics.splits import settings
from playground.topics.splits.scenes import SCENES, TRY_THIS

TOPIC = Topic(
    slug="splits",
    title="Train / dev / test sets",
    icon="✂️",
    teaches="How to split data as it grows, and what a mismatched dev set does.",
    settings=settings.BY_KEY,
    measure=settings.measure,
    scenes=SCENES,
    try_this=TRY_THIS,
)
