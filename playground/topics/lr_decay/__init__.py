"""The Learning-rate decay page (pages/lr_decay.py): the schedules of α, their runs and how much
the cost still oscillates (model.py), their figures (figures.py) and the scenes (scenes.py).
``TOPIC`` declares the page to the catalog."""

from __future__ import annotations

from playground.engine.topic import Topic
from playground.topics.lr_decay import model
from playground.topics.lr_decay.scenes import SCENES, TRY_THIS

TOPIC = Topic(
    slug="lr_decay",
    title="Learning-rate decay",
    icon="📉",
    teaches="Schedules for α, and why a decayed rate settles where a fixed one oscillates.",
    settings=model.BY_KEY,
    measure=model.measure,
    scenes=SCENES,
    try_this=TRY_THIS,
    text_inputs=(model.PIECEWISE.key,),
)
