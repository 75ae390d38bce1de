"""The Regularization topic: l2, L1, dropout, data augmentation and early stopping, side by side.
Its page is pages/regularization.py."""

from __future__ import annotations

from playground.engine.topic import Topic
from playground.topics.regularization import techniques
from playground.topics.regularization.scenes import SCENES, TRY_THIS

TOPIC = Topic(
    slug="regularization",
    title="Regularization",
    icon="🧲",
    teaches="L2, L1, dropout, data augmentation and early stopping, side by side.",
    settings=techniques.TABLE,
    measure=techniques.measure,
    scenes=SCENES,
    try_this=TRY_THIS,
)
