"""The Initialization topic: zeros, random × scale, Xavier and He on the course's circles exercise.
Its page is pages/initialization.py."""

from __future__ import annotations

from playground.engine.topic import Topic
from playground.topics.initialization import model
from playground.topics.initialization.scenes import SCENES, TRY_THIS

TOPIC = Topic(
    slug="initialization",
    title="Initialization",
    icon="🎲",
    teaches="Zeros, random × scale, Xavier and He on the course's circles exercise.",
    settings=model.BY_KEY,
    measure=model.measure,
    scenes=SCENES,
    try_this=TRY_THIS,
)
