"""The Hyperparameter search topic: grid vs random, log scales and coarse-to-fine, trained as one
batched run. Its page is pages/search.py."""

from __future__ import annotations

from playground.engine.config import settings_by_key
from playground.engine.topic import Topic
from playground.topics.search import scale_spread, settings
from playground.topics.search.scenes import SCENES, TRY_THIS

TOPIC = Topic(
    slug="search",
    title="Hyperparameter search",
    icon="🔎",
    teaches="Grid vs random, log scales and coarse-to-fine, trained as one batched run.",
    settings=settings_by_key(*settings.SETTINGS),
    measure=scale_spread.measure,
    scenes=SCENES,
    try_this=TRY_THIS,
)
