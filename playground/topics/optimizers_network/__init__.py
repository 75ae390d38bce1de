"""The Optimizers on the network topic: the same network trained with each optimizer, and its loss
landscape. Its page is pages/optimizers_network.py."""

from __future__ import annotations

from playground.engine.topic import Topic
from playground.topics.optimizers_network import race
from playground.topics.optimizers_network.scenes import SCENES, TRY_THIS

TOPIC = Topic(
    slug="optimizers_network",
    title="Optimizers on the network",
    icon="🏁",
    teaches="The same network trained with each optimizer, and its loss landscape.",
    settings=race.BY_KEY,
    measure=race.measure,
    scenes=SCENES,
    try_this=TRY_THIS,
)
