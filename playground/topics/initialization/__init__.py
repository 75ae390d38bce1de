"""The Initialization page (pages/initialization.py): the runs from zeros, random × scale, Xavier
and He starts and how alike their units stay (model.py), their figures (figures.py) and the
scenes (scenes.py). ``TOPIC`` declares the page to the catalog."""

from __future__ import annotations

from playground.engine.topic import Topic
from playground.topics.initialization import model
from playground.topics.initialization.scenes import SCENES, TRY_THIS

TOPIC = Topic(
    slug="initialization",
    title="Initialization",
    icon="🎲",
    teaches="Zeros, random × scale, Xavier and He on the course's circles exercise.",
    settings=model.BY_KEY,
    measure=model.measure,
    scenes=SCENES,
    try_this=TRY_THIS,
)
