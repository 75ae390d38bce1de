"""The Regularization page (pages/regularization.py): its techniques, settings and two runs
(techniques.py), what each technique does to the weights (effects.py), data augmentation
(augment.py), what the runs say in words (texts.py), the figures (figures.py) and the scenes
(scenes.py). ``TOPIC`` declares the page to the catalog."""

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
