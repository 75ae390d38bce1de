"""The Local optima, saddles, plateaus page (pages/saddles.py): its settings and measure
(settings.py), optimizers escaping a stall (escaping.py), the random-Hessian census
(hessians.py), what they say in words (texts.py), the figures (figures.py) and the scenes
(scenes.py). ``TOPIC`` declares the page to the catalog."""

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
