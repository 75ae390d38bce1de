"""The Frameworks topic: write only the forward cost; let the derivative be computed for you. Its
page is pages/frameworks.py."""

from __future__ import annotations

from playground.engine.topic import Topic
from playground.topics.frameworks import model
from playground.topics.frameworks.scenes import SCENES, TRY_THIS

TOPIC = Topic(
    slug="frameworks",
    title="Frameworks",
    icon="🧰",
    teaches="Write only the forward cost; let the derivative be computed for you.",
    settings=model.BY_KEY,
    measure=model.measure,
    scenes=SCENES,
    try_this=TRY_THIS,
)
