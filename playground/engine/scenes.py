"""Scenes and "try this" experiments: a page's stories as data, every stated result a claim.

A :class:`Scene` is a named preset that sets every control of a page to tell one story of the
course; it is also a URL (``/regularization?scene=dropout-fixes-it``). An :class:`Experiment`
is one "try this": what to do, what to notice, and the page's settings once it is done. Both
write their results into their text from ``claims``, which a test checks by running them (see
:mod:`playground.engine.claims`). Each topic declares its own in ``topics/<slug>/scenes.py``.

A scene may ask a :class:`Question` before its run ("Which initialization reaches 90 % dev
accuracy first?"): the learner picks a choice before ▶ Start, and once the run is over the page
reveals the choice the run bears out, computed from what it measured (never written in), and why,
with the run's numbers. What the learner answered is a :class:`Prediction`: plain data, for a
tally in the session or a class's answers.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from types import MappingProxyType

from playground.engine.claims import Claim, Measured, fill

HOST = "http://localhost:8501"
"""Where ``streamlit run app.py`` serves the app; replace it with your server's address."""


@dataclass(frozen=True)
class Question:
    """A prediction asked before a run: ``text`` with ``choices``.

    ``answer(measured)`` is the choice a run bears out and ``why(measured)`` a sentence saying
    why with the run's numbers, both computed from what the page measured of the run (any run
    of the page's settings, not only the scene's). ``expected`` is the answer the scene's own run
    gives and ``claims`` the numbers it stands on: a test runs the scene and checks them, the
    page never shows them.
    """

    slug: str
    text: str
    choices: tuple[str, ...]
    answer: Callable[[Measured], str]
    why: Callable[[Measured], str]
    expected: str
    claims: tuple[Claim, ...] = ()

    def __post_init__(self) -> None:
        if len(set(self.choices)) < 2 or len(set(self.choices)) != len(self.choices):
            raise ValueError(f"question {self.slug}: choices must be two or more distinct labels")
        if self.expected not in self.choices:
            raise ValueError(f"question {self.slug}: expected must be one of {self.choices}")

    def reveal(self, measured: Measured) -> tuple[str, str]:
        """The choice the run bears out and why, from what was measured of it."""
        answer = self.answer(measured)
        if answer not in self.choices:
            raise ValueError(f"question {self.slug}: answer {answer!r} is not one of its choices")
        return answer, self.why(measured)


@dataclass(frozen=True)
class Prediction:
    """One learner's answer to one question, and what the run showed: plain, serializable data
    (``as_dict`` → JSON) for the session's tally or a class's answers. ``choice`` is None when
    the learner started the run without answering."""

    page: str
    scene: str
    question: str
    choice: str | None
    answer: str
    why: str

    @property
    def answered(self) -> bool:
        return self.choice is not None

    @property
    def right(self) -> bool:
        return self.choice == self.answer

    def as_dict(self) -> dict[str, str | None]:
        return asdict(self)


def tally(predictions: Sequence[Prediction]) -> tuple[int, int]:
    """(right, asked): the answered predictions that the runs bore out, and all answered."""
    answered = [p for p in predictions if p.answered]
    return sum(p.right for p in answered), len(answered)


@dataclass(frozen=True)
class Scene:
    """A named preset: ``values`` by setting key (= URL key); ``template`` says what to see,
    with each result it states a placeholder filled from ``claims`` (checked by a test that
    runs the scene). ``question``, if any, is asked before the scene's run."""

    slug: str
    name: str
    template: str
    values: dict
    claims: tuple[Claim, ...] = ()
    question: Question | None = None

    @property
    def description(self) -> str:
        """What to see, with the claimed results written in."""
        return fill(self.template, self.claims)

    def url(self, page: str, host: str = HOST) -> str:
        """The link that opens ``page`` with this scene."""
        return f"{host}/{page}?scene={self.slug}"


@dataclass(frozen=True)
class Experiment:
    """One "try this": ``do`` it, then ``notice`` (filled from ``claims``). ``values`` are the
    page's settings once it is done (the page's defaults for the rest); a claim measured at
    another point of the experiment ("… then set λ to 0") names its settings in ``at``."""

    do: str
    template: str
    values: Mapping[str, object] = field(default_factory=dict)
    claims: tuple[Claim, ...] = ()

    def __post_init__(self) -> None:
        object.__setattr__(self, "values", MappingProxyType(dict(self.values)))

    @property
    def notice(self) -> str:
        """What to notice, with the claimed results written in."""
        return fill(self.template, self.claims)


def scene_named(scenes: tuple[Scene, ...], slug: str) -> Scene:
    """The scene ``slug`` among ``scenes``; ValueError lists their slugs."""
    for scene in scenes:
        if scene.slug == slug:
            return scene
    names = ", ".join(scene.slug for scene in scenes) or "none"
    raise ValueError(f"scene must be one of {names}; got {slug!r}")
