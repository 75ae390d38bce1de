"""AppTest tests of the class search across sessions: the teacher starts a round on the
Classroom page over the search page's settings the teacher last showed, each student's session
trains its own trial in the run engine's workers and submits it once, and the presenter screen
plots every result with the sentence computed from the same runs. One SQLite file in tmp_path
holds the class, as it does for the replicas of the app."""

from __future__ import annotations

import math
from urllib.parse import parse_qsl, urlsplit

import pytest
from pages_helpers import (
    PLAYGROUND,
    assert_clean,
    computed,
    errors,
    figure_data,
    has_widget,
    open_page,
    rerun_until,
    widget,
)
from test_page_classroom import CLASSROOM, browsing, code_of, join, start_class, texts

from playground.classroom.classes import member_status, resume_class
from playground.classroom.results import member_results, teacher_results
from playground.classroom.store import URL_ENV, open_store
from playground.topics.search.class_search.space import assign, read_space, space_for_scene
from playground.topics.search.class_search.summary import measure, sentence
from playground.topics.search.class_search.training import ClassRun, from_result
from playground.ui import classroom
from playground.ui.classroom_bar import SEARCH_LINK
from playground.ui.classroom_search import TRAIN_KEY, best_link

SEARCH = "pages/search.py"
TEACHER_SETTINGS = {"scene": "grid-wastes-trials", "epochs": "10", "trials": "4"}
"""What the teacher's search page shows: the space of the class search (10 epochs a run)."""


@pytest.fixture
def store_url(tmp_path, monkeypatch) -> str:
    url = f"sqlite:///{tmp_path / 'class.db'}"
    monkeypatch.setenv(URL_ENV, url)
    return url


def show_search_page(teacher):
    """The teacher opens the search page with ``TEACHER_SETTINGS``, then comes back to the
    Classroom page (the presenter screen)."""
    link = {"teach": teacher.query_params["teach"]} | TEACHER_SETTINGS
    teacher.query_params.clear()
    teacher.query_params.update(link)
    computed(teacher.switch_page(SEARCH).run())
    assert_clean(teacher)
    teacher.switch_page(CLASSROOM).run()
    return teacher


def start_search(teacher):
    teacher.button(key="class_search_start").click().run()
    assert_clean(teacher)
    return teacher


def searching(at) -> bool:
    return has_widget(at, "class_search_train")


def trained(at) -> bool:
    return any("Your run (" in block.value for block in at.success)


def train(student):
    student.button(key="class_search_train").click().run()
    return rerun_until(student, trained, "no result shown")


def url_of(at) -> dict:
    return {key: at.query_params[key] for key in at.query_params}


def test_a_class_search_from_start_to_the_presenters_scatter(store_url):
    store = open_store(store_url)
    teacher = start_search(show_search_page(start_class()))
    held = teacher.session_state[classroom.TEACHER_KEY]
    view = resume_class(store, held.code, held.secret).view
    assert view.search_round == 1
    space = read_space(view.search_space)
    assert space.settings["epochs"] == 10  # the teacher's search-page settings
    assert [r.name for r in space.knobs] == ["learning_rate", "beta1"]
    assert "**0** results from 0 members" in texts(teacher)

    students = [browsing(join(code_of(teacher), f"s{i}")) for i in range(3)]
    assigned = []
    for student in students:
        rerun_until(student, searching, "no trial shown")
        token = student.session_state[classroom.MEMBER_KEY].token
        mine = assign(space, member_status(store, token).member_id)
        assigned.append(mine)
        assert f"α = {mine['learning_rate']:.3g}, β₁ = {mine['beta1']:.3g}" in texts(student)
        for r in space.knobs:  # on the knob's scale: within its range
            assert r.low <= mine[r.name] <= r.high
    assert len({a["learning_rate"] for a in assigned}) == 3  # distinct trials

    for student in students:
        train(student)
        assert_clean(student)
    mine = [member_results(store, s.session_state[classroom.MEMBER_KEY].token) for s in students]
    assert [sum(r.mine for r in results) for results in mine] == [1, 1, 1]
    sent = [next(r for r in results if r.mine) for results in mine]
    assert [r.hyperparameters for r in sent] == pytest.approx(assigned)
    costs = sorted(r.dev_cost for r in sent)
    for student, result in zip(students, sent, strict=True):
        student.run()  # each student's rank among the round's three results
        assert f"rank **{costs.index(result.dev_cost) + 1} of 3**" in texts(student)

    teacher.run()
    assert_clean(teacher)
    runs = [from_result(r) for r in teacher_results(store, held.code, held.secret)]
    scatter = figure_data(teacher, "class_scatter")
    points = [x for t in scatter["data"] if t.get("name") in ("runs", "diverged") for x in t["x"]]
    assert sorted(points) == pytest.approx(sorted(r.hyperparameters["learning_rate"] for r in runs))
    lines = figure_data(teacher, "class_knobs")["data"][0]["dimensions"]
    assert len(lines[0]["values"]) == 3
    assert "**3** results from 3 members" in texts(teacher)
    said = sentence(measure(runs, space))
    assert said.startswith("3 runs tried 3 values of α")
    assert said in [block.value for block in teacher.markdown]
    [best] = [b for b in teacher.get("link_button")]
    assert "/playground?" in best.proto.url and "lr=" in best.proto.url


def test_a_bad_own_value_is_named_and_a_reconnect_never_submits_twice(store_url):
    store = open_store(store_url)
    teacher = start_search(start_class())
    held = teacher.session_state[classroom.TEACHER_KEY]
    space = read_space(resume_class(store, held.code, held.secret).view.search_space)
    student = browsing(join(code_of(teacher)))
    rerun_until(student, searching, "no trial shown")
    # on another page, the class bar links to the trial
    student.switch_page("pages/ewma.py").run()
    assert SEARCH_LINK in [link.proto.label for link in student.get("page_link")]
    student.switch_page(CLASSROOM).run()
    assert SEARCH_LINK not in [link.proto.label for link in student.get("page_link")]
    student.toggle(key="class_search_own").set_value(True).run()
    student.number_input(key="class_search_own_learning_rate").set_value(50.0).run()
    r = space.knob("learning_rate")
    assert any(
        f"α (learning_rate) must be in [{r.low}, {r.high}]; got 50.0" in e for e in errors(student)
    ), errors(student)
    assert not searching(student) and not student.exception
    student.number_input(key="class_search_own_learning_rate").set_value(0.01).run()
    assert searching(student)

    # a second tab of the same student (or a reconnect) presses Train too: one result is kept
    token = student.session_state[classroom.MEMBER_KEY].token
    again = browsing(open_page(CLASSROOM, url_of(student)))
    rerun_until(again, searching, "no trial shown in the second tab")
    student.button(key="class_search_train").click().run()
    again.button(key="class_search_train").click().run()
    rerun_until(student, trained, "no result shown")
    rerun_until(again, trained, "no result shown in the second tab")
    [kept] = member_results(store, token)  # whichever tab finished first; the other one not
    member_id = member_status(store, token).member_id
    assert kept.hyperparameters["learning_rate"] in (
        0.01,
        assign(space, member_id)["learning_rate"],
    )
    assert texts(student).count("Your run (") == texts(again).count("Your run (") == 1
    assert TRAIN_KEY not in again.session_state

    # a reconnect after the result was sent shows it and offers no training
    back = browsing(open_page(CLASSROOM, url_of(student)))
    assert_clean(back)
    assert trained(back) and not searching(back)
    assert "rank **1 of 1**" in texts(back)
    assert math.isfinite(member_results(store, token)[0].dev_cost)
    assert len(member_results(store, token)) == 1


def test_the_best_runs_link_opens_the_playground_with_its_settings(store_url):
    space = space_for_scene()
    run = ClassRun({"learning_rate": 0.0353, "beta1": 0.952}, 0.4, 0.9, 10)
    link = urlsplit(best_link(run, space))
    assert link.path == "/playground"
    at = open_page(PLAYGROUND, dict(parse_qsl(link.query)))
    assert not at.exception
    assert widget(at, "lr").value == 0.03  # α admitted to the page's nearest value, and said
    assert widget(at, "beta1").value == 0.95
    assert widget(at, "epochs").value == space.settings["epochs"] == 10


def test_a_trial_trained_while_the_student_is_on_another_page_is_sent_from_there(store_url):
    """The student presses Train, then leaves the Classroom page (e.g. following the teacher)
    before the run is over: the class bar sends the result from the other page."""
    store = open_store(store_url)
    teacher = start_search(show_search_page(start_class()))
    student = browsing(join(code_of(teacher), "away"))
    rerun_until(student, searching, "no trial shown")
    token = student.session_state[classroom.MEMBER_KEY].token
    student.button(key="class_search_train").click().run()
    student.switch_page("pages/ewma.py").run()
    assert_clean(student)

    def sent(at) -> bool:
        return any(result.mine for result in member_results(store, token))

    rerun_until(browsing(student), sent, "the trial was not sent from the other page")
    assert_clean(student)
    assert TRAIN_KEY not in student.session_state
    assert [r.mine for r in member_results(store, token)] == [True]
    student.switch_page(CLASSROOM).run()
    assert trained(student)  # back on the Classroom page: the result and its rank
