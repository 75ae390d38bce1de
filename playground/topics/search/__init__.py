"""The Hyperparameter search page (pages/search.py): its settings (settings.py), grid and random
sampling (sampling.py), the search trained round by round (trials.py), a trial retrained alone
(retrain.py), the spread of draws on each scale (scale_spread.py), what they say in words
(texts.py), the figures (figures.py, spread_figures.py) and the scenes (scenes.py). ``TOPIC``
declares the page to the catalog. ``class_search`` is the same search run by a whole class, one
trial per student's app (the Classroom page draws it)."""

from __future__ import annotations

from playground.engine.topic import Topic
from playground.topics.search import outcome, settings
from playground.topics.search.scenes import SCENES, TRY_THIS

TOPIC = Topic(
    slug="search",
    title="Hyperparameter search",
    icon="🔎",
    teaches="Grid vs random, log scales and coarse-to-fine, trained as one batched run.",
    settings=settings.BY_KEY,
    measure=outcome.measure,
    scenes=SCENES,
    try_this=TRY_THIS,
)
