"""A class search end to end through the real store (SQLite in tmp_path): the teacher starts it,
20 students train their assignments and submit, the presenter's summary and figures are built
from what the store returns — and the claims of the class search hold."""

from __future__ import annotations

import math

import numpy as np
import pytest

from playground.classroom.classes import create_class, join_class, member_view
from playground.classroom.results import start_search, submit_result, teacher_results
from playground.classroom.store import make_engine, migrate
from playground.engine.claims import failures
from playground.topics.search.class_search.figures import cost_scatter, knob_coordinates
from playground.topics.search.class_search.space import assign, read_space, space_for_scene
from playground.topics.search.class_search.summary import (
    CLAIMS,
    CLASS_SIZE,
    measure,
    sentence,
    story,
)
from playground.topics.search.class_search.training import from_result, train_assignment


@pytest.fixture
def engine(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'data' / 'playground.db'}")
    migrate(engine)
    yield engine
    engine.dispose()


def test_twenty_students_make_one_random_search_on_the_presenter_screen(engine):
    new = create_class(engine, page="search")
    start_search(engine, new.code, new.teacher_secret, space=space_for_scene().as_json())
    members = [join_class(engine, new.code, f"laptop {i}") for i in range(CLASS_SIZE)]
    assert [m.member_id for m in members] == list(range(1, CLASS_SIZE + 1))
    for member in members:  # each student's app: read the round's space, train, report
        space = read_space(member_view(engine, member.token).search_space)
        run = train_assignment(space, assign(space, member.member_id))
        submit_result(engine, member.token, **run.submission())

    space = read_space(member_view(engine, members[0].token).search_space)
    runs = [from_result(r) for r in teacher_results(engine, new.code, new.teacher_secret)]
    measured = measure(runs, space)
    assert not failures(CLAIMS, measured), failures(CLAIMS, measured)
    assert "{" not in story() and "20 values of α" in story()

    figure = cost_scatter(runs, space)
    points = next(t for t in figure.data if t.name == "runs")
    assert len(points.x) == CLASS_SIZE and figure.layout.xaxis.type == "log"
    # the sentence's numbers are the figure's: α per decade and the best run's dev cost
    per_decade = np.histogram(np.asarray(points.x), bins=measured["edges"])[0]
    assert per_decade.tolist() == measured["per_decade"]
    star = next(t for t in figure.data if t.name.startswith("best"))
    assert star.y[0] == min(points.y) == measured["best_cost"]
    assert f"J_dev = {measured['best_cost']:.3g}" in star.name
    assert f"dev cost {measured['best_cost']:.3g}" in sentence(measured)
    lines = knob_coordinates(runs, space).data[0]
    assert [d.label for d in lines.dimensions] == ["α", "β₁", "dev cost"]
    assert all(len(d.values) == CLASS_SIZE for d in lines.dimensions)


def test_a_diverged_student_run_lands_in_the_store_and_on_the_figure(engine):
    new = create_class(engine, page="search")
    space = read_space(
        {
            "knobs": [{"name": "learning_rate", "low": 1.0, "high": 10.0, "scale": "log"}],
            "settings": {"opt": "gd", "l2": 10.0, "bs": "8", "epochs": 20, "ds": "moons"},
        }
    )
    start_search(engine, new.code, new.teacher_secret, space=space.as_json())
    ana = join_class(engine, new.code, "ana", nickname="Ana")
    submit_result(engine, ana.token, **train_assignment(space, {"learning_rate": 3.0}).submission())
    (stored,) = teacher_results(engine, new.code, new.teacher_secret)
    assert stored.diverged and from_result(stored).diverged
    figure = cost_scatter([from_result(stored)], space)
    assert [t.name for t in figure.data] == ["diverged"]
    assert "Every run diverged" in sentence(measure([from_result(stored)], space))
    assert not math.isfinite(stored.dev_cost)
