"""The Optimizers on the network page (pages/optimizers_network.py): its settings and one run per
optimizer (race.py), the loss landscape the runs crossed (loss_landscape.py), what they say in
words (texts.py), the figures (figures.py) and the scenes (scenes.py). ``TOPIC`` declares the
page to the catalog."""

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
