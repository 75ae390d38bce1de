"""The Pandas vs caviar page (pages/pandas_caviar.py): the babysat model and the caviar models
trained in parallel (model.py), their figures (figures.py) and the scenes (scenes.py). ``TOPIC``
declares the page to the catalog."""

from __future__ import annotations

from playground.engine.topic import Topic
from playground.topics.pandas_caviar import model
from playground.topics.pandas_caviar.scenes import SCENES, TRY_THIS

TOPIC = Topic(
    slug="pandas_caviar",
    title="Pandas vs caviar",
    icon="🐼",
    teaches="Babysit one model, or train many in parallel and keep the best.",
    settings=model.BY_KEY,
    measure=model.measure,
    scenes=SCENES,
    try_this=TRY_THIS,
)
