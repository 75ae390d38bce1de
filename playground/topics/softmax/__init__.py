"""The Softmax topic: c classes: probability maps, the softmax loss and a worked example. Its page
is pages/softmax.py."""

from __future__ import annotations

from playground.engine.settings import ALL
from playground.engine.topic import Topic
from playground.topics.softmax import model
from playground.topics.softmax.scenes import SCENES, TRY_THIS

TOPIC = Topic(
    slug="softmax",
    title="Softmax",
    icon="🎨",
    teaches="C classes: probability maps, the softmax loss and a worked example.",
    settings={
        key: ALL[key] for key in (*model.DATA_KEYS[1:], *model.NETWORK_KEYS, *model.TRAINING_KEYS)
    }
    | model.BY_KEY,
    measure=model.measure,
    scenes=SCENES,
    try_this=TRY_THIS,
)
