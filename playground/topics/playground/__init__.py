"""The Playground topic: every knob at once: data, network, regularization, optimizer — watch it
train. Its page is pages/playground.py."""

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
