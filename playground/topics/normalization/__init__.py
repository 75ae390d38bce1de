"""The Normalizing inputs page (pages/normalization.py): the cost contours of raw and
standardized inputs, gradient descent on both and the dev-set check (model.py), their figures
(figures.py) and the scenes (scenes.py). ``TOPIC`` declares the page to the catalog."""

from __future__ import annotations

from playground.engine.topic import Topic
from playground.topics.normalization import model
from playground.topics.normalization.scenes import SCENES, TRY_THIS

TOPIC = Topic(
    slug="normalization",
    title="Normalizing inputs",
    icon="📏",
    teaches="Why standardized inputs make the cost round and gradient descent fast.",
    settings=model.BY_KEY,
    measure=model.measure,
    scenes=SCENES,
    try_this=TRY_THIS,
)
