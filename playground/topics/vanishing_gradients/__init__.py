"""The Vanishing / exploding gradients page (pages/vanishing_gradients.py): the signal and
gradient norms through the layers of a deep network (model.py), their figures (figures.py) and
the scenes (scenes.py). ``TOPIC`` declares the page to the catalog."""

from __future__ import annotations

from playground.engine.topic import Topic
from playground.topics.vanishing_gradients import model
from playground.topics.vanishing_gradients.scenes import SCENES, TRY_THIS

TOPIC = Topic(
    slug="vanishing_gradients",
    title="Vanishing / exploding gradients",
    icon="🌋",
    teaches="Signal and gradient norms through deep networks, and how init fixes them.",
    settings=model.BY_KEY,
    measure=model.measure,
    scenes=SCENES,
    try_this=TRY_THIS,
)
