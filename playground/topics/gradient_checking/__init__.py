"""The Gradient checking topic: two-sided differences, ε, and catching planted backprop bugs. Its
page is pages/gradient_checking.py."""

from __future__ import annotations

from playground.engine.topic import Topic
from playground.topics.gradient_checking import model
from playground.topics.gradient_checking.scenes import SCENES, TRY_THIS

TOPIC = Topic(
    slug="gradient_checking",
    title="Gradient checking",
    icon="🩺",
    teaches="Two-sided differences, ε, and catching planted backprop bugs.",
    settings=model.BY_KEY,
    measure=model.measure,
    scenes=SCENES,
    try_this=TRY_THIS,
)
