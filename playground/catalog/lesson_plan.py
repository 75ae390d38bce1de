"""The lesson plans: the whole course week by week, and a 50-minute class, one scene at a time.

``week_by_week()`` is every page of the catalog in course order with its scenes, the path a
learner follows; ``LESSON_PLAN`` is one path along it, a 50-minute class in which each step
opens a page with a scene and asks the class a question filled from the scene's claims. The
Home page and docs/lesson-plan.md are written from both.
"""

from __future__ import annotations

from dataclasses import dataclass

from playground.catalog import SCENES, find_scene, sections
from playground.engine.claims import fill
from playground.engine.scenes import HOST, Scene
from playground.engine.topic import Topic


@dataclass(frozen=True)
class Step:
    """One step of the lesson plan: minutes, the page and scene to open, what to ask the class
    (``question``: a template filled from the scene's claims, like its description)."""

    minutes: int
    page: str
    scene: str
    question: str

    @property
    def ask(self) -> str:
        """The question, with the scene's claimed results written in."""
        return fill(self.question, find_scene(self.page, self.scene).claims)

    def url(self, host: str = HOST) -> str:
        return find_scene(self.page, self.scene).url(self.page, host)


LESSON_PLAN: tuple[Step, ...] = (
    Step(
        4,
        "bias_variance",
        "bias-and-variance",
        "Which network has high bias, which high variance? What would you try first for each?",
    ),
    Step(
        4,
        "regularization",
        "overfitting",
        "Train {train:.0%}, dev {dev:.0%}: bias or variance? Name three remedies before we try "
        "them.",
    ),
    Step(
        4,
        "regularization",
        "l2-fixes-it",
        "Why does the training accuracy go down? What will λ = 30 do?",
    ),
    Step(
        4,
        "regularization",
        "dropout-fixes-it",
        "Why is the training cost noisier? Why is dropout switched off at test time?",
    ),
    Step(
        3,
        "regularization",
        "early-stopping",
        "Early stopping and L2 both help: what does early stopping tie together that L2 keeps "
        "apart?",
    ),
    Step(
        4,
        "normalization",
        "raw-vs-standardized",
        "Why does the raw path bounce? How small must α be for it to stop?",
    ),
    Step(
        5,
        "initialization",
        "course-exercise",
        "Press Start: why do the zero-start units never become different? Why does × 10 hurt?",
    ),
    Step(
        4,
        "minibatch",
        "batch-vs-minibatch-vs-sgd",
        "Which run makes the most updates per epoch? Which cost is noisiest, and why?",
    ),
    Step(
        3,
        "ewma",
        "smooth-but-late",
        "About how many days does β = 0.98 average? Why does the uncorrected curve start at 0?",
    ),
    Step(
        4,
        "optimizers_surfaces",
        "ill-conditioned-bowl",
        "Same α: why does gradient descent diverge while momentum arrives?",
    ),
    Step(
        4,
        "lr_decay",
        "constant-vs-decay",
        "Why does a constant α keep the cost jumping at the end? When would you decay by hand?",
    ),
    Step(
        4,
        "search",
        "grid-wastes-trials",
        "How many different α did the grid try? Why does random search win when one "
        "hyperparameter matters most?",
    ),
    Step(
        3,
        "batch_norm",
        "bn-trains-at-large-alpha",
        "Why can the network with batch norm train at α = 3 when the other cannot?",
    ),
)
"""A 50-minute walk through the course, one scene at a time."""


@dataclass(frozen=True)
class Visit:
    """One page on the week-by-week path: the page, and its scenes (each a link that sets the
    page for one story of the course; none on a page without controls)."""

    page: Topic
    scenes: tuple[Scene, ...]


def week_by_week() -> dict[str, tuple[Visit, ...]]:
    """Every page of the catalog but Home, by section (Start, Week 1, Week 2, Week 3) in course
    order, with its scenes: the whole course, of which ``LESSON_PLAN`` is one 50-minute path."""
    plan = {
        section: tuple(
            Visit(topic, SCENES.get(topic.slug, ())) for topic in topics if topic.slug != "home"
        )
        for section, topics in sections().items()
    }
    return {section: visits for section, visits in plan.items() if visits}


def in_the_class(page: str, scene: str) -> Step | None:
    """The step of the 50-minute class that opens ``scene`` on ``page``, if there is one."""
    return next((s for s in LESSON_PLAN if (s.page, s.scene) == (page, scene)), None)


def week_by_week_markdown(host: str = HOST) -> list[str]:
    """``week_by_week()`` as Markdown: one table per section, a row per page with its scene
    links (🎬: a step of the 50-minute class)."""
    lines = []
    for section, visits in week_by_week().items():
        lines += ["", f"### {section}", "", "| page | what it teaches | scenes |", "|---|---|---|"]
        for visit in visits:
            links = [
                f"{'🎬 ' if in_the_class(visit.page.slug, scene.slug) else ''}"
                f"[{scene.name}]({scene.url(visit.page.slug, host)})"
                for scene in visit.scenes
            ]
            page_link = f"[{visit.page.title}]({host}{visit.page.address})"
            lines.append(f"| {page_link} | {visit.page.teaches} | {' · '.join(links) or '—'} |")
    return lines


def lesson_plan_markdown(titles: dict[str, str], host: str = HOST) -> str:
    """docs/lesson-plan.md: ``LESSON_PLAN`` as a table of links, then ``week_by_week()``;
    ``titles`` names the pages."""
    total = sum(step.minutes for step in LESSON_PLAN)
    lines = [
        "# Lesson plans: the course week by week, and a class of "
        f"{total} minutes through the playground",
        "",
        "Each link opens a page with a *scene*: every control set for one story of the course. "
        f"Start the app (`streamlit run app.py`); the links point to `{host}`: replace it with "
        "your server's address. The Home page shows the same plans, and every page offers its "
        "scenes in the 🎬 picker above its title.",
        "",
        "Generated from `playground/catalog/lesson_plan.py` (`LESSON_PLAN`, `week_by_week`) by "
        "`python scripts/lesson_plan.py > docs/lesson-plan.md`; a test checks that this file is up "
        "to date.",
        "",
        f"## A class of {total} minutes",
        "",
        "Open the links one after the other and ask the class the question.",
        "",
        "| start | minutes | open | what to look at | ask the class |",
        "|---|---|---|---|---|",
    ]
    start = 0
    for step in LESSON_PLAN:
        scene = find_scene(step.page, step.scene)
        link = f"[{titles[step.page]}: {scene.name}]({step.url(host)})"
        lines.append(f"| {start} | {step.minutes} | {link} | {scene.description} | {step.ask} |")
        start += step.minutes
    lines += [
        "",
        "## The whole course, week by week",
        "",
        "Every page in course order with its scenes; 🎬 marks the class's steps.",
        *week_by_week_markdown(host),
    ]
    return "\n".join(lines) + "\n"
