"""The Mini-batch gradient descent page (pages/minibatch.py): batch, mini-batch and SGD runs and
the 2-weight paths on the cost contour (model.py), their figures (figures.py) and the scenes
(scenes.py). ``TOPIC`` declares the page to the catalog."""

from __future__ import annotations

from playground.engine.topic import Topic
from playground.topics.minibatch import model
from playground.topics.minibatch.scenes import SCENES, TRY_THIS

TOPIC = Topic(
    slug="minibatch",
    title="Mini-batch gradient descent",
    icon="🧺",
    teaches="Batch vs mini-batch vs SGD: noisy costs, time per epoch, paths on the contour.",
    settings=model.BY_KEY,
    measure=model.measure,
    scenes=SCENES,
    try_this=TRY_THIS,
)
