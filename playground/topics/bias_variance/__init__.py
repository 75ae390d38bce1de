"""The Bias and variance topic: read train vs dev error, learning curves and model size; the basic
recipe. Its page is pages/bias_variance.py."""

from __future__ import annotations

from playground.engine.topic import Topic
from playground.topics.bias_variance import models, settings
from playground.topics.bias_variance.scenes import SCENES, TRY_THIS

TOPIC = Topic(
    slug="bias_variance",
    title="Bias and variance",
    icon="🎯",
    teaches="Read train vs dev error, learning curves and model size; the basic recipe.",
    settings=settings.PAGE_SETTINGS,
    measure=models.measure,
    scenes=SCENES,
    try_this=TRY_THIS,
)
