"""The Normalizing inputs topic: why standardized inputs make the cost round and gradient descent
fast. Its page is pages/normalization.py."""

from __future__ import annotations

from playground.engine.config import settings_by_key
from playground.engine.topic import Topic
from playground.topics.normalization import model
from playground.topics.normalization.scenes import SCENES, TRY_THIS

TOPIC = Topic(
    slug="normalization",
    title="Normalizing inputs",
    icon="📏",
    teaches="Why standardized inputs make the cost round and gradient descent fast.",
    settings=settings_by_key(*model.SETTINGS),
    measure=model.measure,
    scenes=SCENES,
    try_this=TRY_THIS,
)
