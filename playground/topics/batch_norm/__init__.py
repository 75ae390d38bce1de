"""The Batch normalization page (pages/batch_norm.py): the same deep network trained without and
with batch norm (model.py), its figures — z histograms, γ and β, the α sweep, test-time
statistics (figures.py) — and its scenes (scenes.py). ``TOPIC`` declares the page to the catalog."""

from __future__ import annotations

from playground.engine.topic import Topic
from playground.topics.batch_norm import model
from playground.topics.batch_norm.scenes import SCENES, TRY_THIS

TOPIC = Topic(
    slug="batch_norm",
    title="Batch normalization",
    icon="🧮",
    teaches="Normalized hidden layers: faster, steadier training and train vs test mode.",
    settings=model.PAGE_SETTINGS,
    measure=model.measure,
    scenes=SCENES,
    try_this=TRY_THIS,
)
