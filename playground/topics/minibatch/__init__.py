"""The Mini-batch gradient descent topic: batch vs mini-batch vs SGD: noisy costs, time per epoch,
paths on the contour. Its page is pages/minibatch.py."""

from __future__ import annotations

from playground.engine.config import settings_by_key
from playground.engine.topic import Topic
from playground.topics.minibatch import model
from playground.topics.minibatch.scenes import SCENES, TRY_THIS

TOPIC = Topic(
    slug="minibatch",
    title="Mini-batch gradient descent",
    icon="🧺",
    teaches="Batch vs mini-batch vs SGD: noisy costs, time per epoch, paths on the contour.",
    settings=settings_by_key(*model.DATA_SETTINGS, *model.SETTINGS),
    measure=model.measure,
    scenes=SCENES,
    try_this=TRY_THIS,
)
