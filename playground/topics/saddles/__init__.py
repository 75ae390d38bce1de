"""The Local optima, saddles, plateaus topic: why high-dimensional training meets saddles and
plateaus, not bad minima. Its page is pages/saddles.py."""

from __future__ import annotations

from playground.engine.topic import Topic
from playground.topics.saddles import model
from playground.topics.saddles.scenes import SCENES, TRY_THIS

TOPIC = Topic(
    slug="saddles",
    title="Local optima, saddles, plateaus",
    icon="🐴",
    teaches="Why high-dimensional training meets saddles and plateaus, not bad minima.",
    settings=model.BY_KEY,
    measure=model.measure,
    scenes=SCENES,
    try_this=TRY_THIS,
)
