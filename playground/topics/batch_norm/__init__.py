"""The Batch normalization topic: normalized hidden layers: faster, steadier training and train vs
test mode. Its page is pages/batch_norm.py."""

from __future__ import annotations

from playground.engine.settings import ALL
from playground.engine.topic import Topic
from playground.topics.batch_norm import model
from playground.topics.batch_norm.scenes import SCENES, TRY_THIS

TOPIC = Topic(
    slug="batch_norm",
    title="Batch normalization",
    icon="🧮",
    teaches="Normalized hidden layers: faster, steadier training and train vs test mode.",
    settings={
        key: model.BY_KEY.get(key) or ALL[key]
        for key in (*model.DATA_KEYS, *model.NETWORK_KEYS, *model.TRAINING_KEYS, *model.VIEW_KEYS)
    },
    measure=model.measure,
    scenes=SCENES,
    try_this=TRY_THIS,
)
