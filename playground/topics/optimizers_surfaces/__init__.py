"""The Optimizers on surfaces topic: gradient descent, momentum, RMSprop and Adam racing across
test functions. Its page is pages/optimizers_surfaces.py."""

from __future__ import annotations

from playground.engine.topic import Topic
from playground.topics.optimizers_surfaces import model
from playground.topics.optimizers_surfaces.scenes import SCENES, TRY_THIS

TOPIC = Topic(
    slug="optimizers_surfaces",
    title="Optimizers on surfaces",
    icon="🗺️",
    teaches="Gradient descent, momentum, RMSprop and Adam racing across test functions.",
    settings=model.BY_KEY,
    settings_for=model.settings_for,
    measure=model.measure,
    scenes=SCENES,
    try_this=TRY_THIS,
)
