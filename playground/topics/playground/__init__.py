"""The Playground page (pages/playground.py): its scenes (scenes.py); the page trains with every
shared setting and measures with the engine's diagnosis. ``TOPIC`` declares the page to the
catalog."""

from __future__ import annotations

from playground.engine import diagnose
from playground.engine.settings import ALL
from playground.engine.topic import Topic
from playground.topics.playground.scenes import SCENES, TRY_THIS

TOPIC = Topic(
    slug="playground",
    title="Playground",
    icon="🧪",
    teaches="Every knob at once: data, network, regularization, optimizer — watch it train.",
    settings=ALL,
    measure=diagnose.measure,
    scenes=SCENES,
    try_this=TRY_THIS,
)
