"""The Softmax page (pages/softmax.py): softmax regression for C classes, its worked example and
the 2-class comparison (model.py), their figures (figures.py) and the scenes (scenes.py).
``TOPIC`` declares the page to the catalog."""

from __future__ import annotations

from playground.engine.topic import Topic
from playground.topics.softmax import model
from playground.topics.softmax.scenes import SCENES, TRY_THIS

TOPIC = Topic(
    slug="softmax",
    title="Softmax",
    icon="🎨",
    teaches="C classes: probability maps, the softmax loss and a worked example.",
    settings=model.PAGE_SETTINGS,
    measure=model.measure,
    scenes=SCENES,
    try_this=TRY_THIS,
)
