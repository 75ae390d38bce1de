"""The Bias and variance page (pages/bias_variance.py): its settings (settings.py), its four
models and their runs (models.py), learning curves and model-size sweeps (curves.py), what they
say in words (texts.py), the figures (figures.py) and the scenes (scenes.py). ``TOPIC`` declares
the page to the catalog."""

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
