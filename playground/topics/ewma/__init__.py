"""The Exponentially weighted averages topic: β, the 1/(1 − β) window, and why bias correction
matters early. Its page is pages/ewma.py."""

from __future__ import annotations

from playground.engine import ewma
from playground.engine.topic import Topic
from playground.topics.ewma.scenes import SCENES, TRY_THIS

TOPIC = Topic(
    slug="ewma",
    title="Exponentially weighted averages",
    icon="〰️",
    teaches="β, the 1/(1 − β) window, and why bias correction matters early.",
    settings=ewma.BY_KEY,
    measure=ewma.measure,
    scenes=SCENES,
    try_this=TRY_THIS,
    text_inputs=(ewma.TEXT_KEY,),
)
