"""The Frameworks page (pages/frameworks.py): reverse-mode autodiff in miniature and the same
network trained by the NumPy core and by scikit-learn (model.py), their figures (figures.py) and
the scenes (scenes.py). ``TOPIC`` declares the page to the catalog."""

from __future__ import annotations

from playground.engine.topic import Topic
from playground.topics.frameworks import model
from playground.topics.frameworks.scenes import SCENES, TRY_THIS

TOPIC = Topic(
    slug="frameworks",
    title="Frameworks",
    icon="🧰",
    teaches="Write only the forward cost; let the derivative be computed for you.",
    settings=model.BY_KEY,
    measure=model.measure,
    scenes=SCENES,
    try_this=TRY_THIS,
)
