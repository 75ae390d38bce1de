"""The Train / dev / test sets topic: how to split data as it grows, and what a mismatched dev set
does. Its page is pages/splits.py."""

from __future__ import annotations

from playground.engine.config import settings_by_key
from playground.engine.topic import Topic
from playground.topics.splits import settings
from playground.topics.splits.scenes import SCENES, TRY_THIS

TOPIC = Topic(
    slug="splits",
    title="Train / dev / test sets",
    icon="✂️",
    teaches="How to split data as it grows, and what a mismatched dev set does.",
    settings=settings_by_key(*settings.SETTINGS),
    measure=settings.measure,
    scenes=SCENES,
    try_this=TRY_THIS,
)
