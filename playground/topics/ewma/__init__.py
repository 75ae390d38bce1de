"""The Exponentially weighted averages topic: β, the 1/(1 − β) window, and why bias correction
matters early. Its page is pages/ewma.py."""

from __future__ import annotations

from playground.engine.topic import Topic
from playground.topics.ewma import model
from playground.topics.ewma.scenes import SCENES, TRY_THIS

TOPIC = Topic(
    slug="ewma",
    title="Exponentially weighted averages",
    icon="〰️",
    teaches="β, the 1/(1 − β) window, and why bias correction matters early.",
    settings=model.BY_KEY,
    measure=model.measure,
    scenes=SCENES,
    try_this=TRY_THIS,
    text_inputs=(model.TEXT_KEY,),
)
