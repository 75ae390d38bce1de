"""The Local optima, saddles, plateaus topic: why high-dimensional training meets saddles and
plateaus, not bad minima. Its page is pages/saddles.py."""

from __future__ import annotations

from playground.engine.topic import Topic
from playground.topics.saddles import settings
from playground.topics.saddles.scenes import SCENES, TRY_THIS

TOPIC = Topic(
    slug="saddles",
    title="Local optima, saddles, plateaus",
    icon="🐴",
    teaches="Why high-dimensional training meets saddles and plateaus, not bad minima.",
    settings=settings.BY_KEY,
    measure=settings.measure,
    scenes=SCENES,
    try_this=TRY_THIS,
)
