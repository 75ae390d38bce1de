"""The Which hyperparameters matter page (pages/priorities.py): its settings (settings.py), the
one-at-a-time sweeps and their ranking (sweep.py), their headless measurement (measure.py),
what they say in words (texts.py), the figures (figures.py) and the scenes (scenes.py).
``TOPIC`` declares the page to the catalog."""

from __future__ import annotations

from playground.engine.topic import Topic
from playground.topics.priorities import measure, settings
from playground.topics.priorities.scenes import SCENES, TRY_THIS

TOPIC = Topic(
    slug="priorities",
    title="Which hyperparameters matter",
    icon="🥇",
    teaches="Sweep each hyperparameter alone and rank them by how much the dev cost moves.",
    settings=settings.PAGE_SETTINGS,
    measure=measure.measure,
    scenes=SCENES,
    try_this=TRY_THIS,
)
