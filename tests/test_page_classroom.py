"""AppTest tests of the live classroom: a teacher's session and students' sessions, each its own
AppTest, share one class through a real SQLite store in tmp_path (``$PLAYGROUND_DATABASE_URL``),
the way replicas of the app share it. The student's app follows the teacher's page and scene,
answers the teacher's poll, and sees the answer the teacher's run computed."""

from __future__ import annotations

import re

import pytest
from pages_helpers import (
    assert_clean,
    errors,
    open_page,
    press,
    rerun_until,
    shown,
    widget,
)

from playground.catalog import scene_values
from playground.classroom.classes import View
from playground.classroom.codes import format_code
from playground.classroom.store import DATA_DIR_ENV, URL_ENV, open_store
from playground.topics.initialization.scenes import FIRST_TO_90
from playground.ui import classroom
from playground.ui.classroom_poll import has_question

CLASSROOM = "pages/classroom.py"
INIT = "pages/initialization.py"
INIT_PAGE = "initialization"


@pytest.fixture
def store_url(tmp_path, monkeypatch) -> str:
    """Every session of the test uses one SQLite file in tmp_path."""
    url = f"sqlite:///{tmp_path / 'class.db'}"
    monkeypatch.setenv(URL_ENV, url)
    return url


def texts(at) -> str:
    """Everything the page says in markdown, captions, code and alerts, as shown."""
    blocks = [*at.markdown, *at.caption, *at.code, *at.success, *at.info, *at.warning, *at.error]
    return "\n".join(shown(str(block.value)) for block in blocks)


def start_class(query: dict | None = None):
    """A teacher's session that has started a class on the Classroom page."""
    teacher = open_page(CLASSROOM, query)
    teacher.button(key="class_start").click().run()
    assert_clean(teacher)
    return teacher


def code_of(teacher) -> str:
    return teacher.session_state[classroom.TEACHER_KEY].code


def browsing(at):
    """Let ``at``'s next runs stay on the page its app last switched to, as a browser does (an
    AppTest goes back to the page its own ``switch_page`` named)."""
    at._page_hash = None
    return at


def lead(teacher, scene: str, page: str = INIT):
    """The teacher opens a scene's link (as from the lesson plan) with the teacher link's key.

    (A second pick in the 🎬 picker is not used here: in an AppTest, whose every run starts in
    Streamlit's pages/ mode and reruns, the picked scene's values do not survive that rerun.)"""
    link = {"teach": teacher.query_params["teach"], "scene": scene}
    teacher.query_params.clear()
    teacher.query_params.update(link)
    teacher.switch_page(page).run()
    assert_clean(teacher)
    assert widget(teacher, f"scene_{INIT_PAGE}").value == scene
    return teacher


def join(code: str, nickname: str = ""):
    """A student's session that opened the join link and pressed Join."""
    student = browsing(open_page(CLASSROOM, {"join": code}))
    if nickname:
        student.text_input(key="class_nickname").set_value(nickname)
    student.button(key="class_join").click().run()
    return student


def test_a_teacher_starts_a_class_with_its_code_link_qr_and_secret_link(store_url):
    teacher = start_class()
    held = teacher.session_state[classroom.TEACHER_KEY]
    said = texts(teacher)
    assert format_code(held.code) in said
    codes = [block.value for block in teacher.code]
    assert f"http://localhost:8501/classroom?join={held.code}" in codes
    assert f"http://localhost:8501/classroom?teach={held.code}.{held.secret}" in codes
    assert "shown only now" in said and "keep it secret" in said
    [qr] = teacher.get("image")  # the QR code of the join link
    assert [img.caption for img in qr.proto.imgs] == ["Scan to join"]
    assert teacher.query_params["teach"] == f"{held.code}.{held.secret}"
    # the class is in the store the URL setting names, open for the default 4 hours
    info = classroom.resume_class(open_store(store_url), held.code, held.secret)
    assert info.expires_at - info.created_at == pytest.approx(4 * 3600)
    teacher.button(key="class_hide_link").click().run()
    assert f"teach={held.code}" not in "".join(block.value for block in teacher.code)


def test_the_links_use_the_address_the_browser_sees_behind_a_proxy(store_url):
    teacher = open_page(CLASSROOM)
    teacher.context["url"] = "https://school.example/play/classroom"  # st.context.url
    teacher.button(key="class_start").click().run()
    code = code_of(teacher)
    codes = [block.value for block in teacher.code]
    assert f"https://school.example/play/classroom?join={code}" in codes


def test_a_student_joins_by_the_link_and_follows_the_teacher_to_a_page_and_scene(store_url):
    teacher = start_class()
    code = code_of(teacher)
    student = join(code, "<b>Ana</b> & co")
    assert_clean(student)
    member = student.session_state[classroom.MEMBER_KEY]
    assert member.code == code and member.following
    assert student.query_params["member"] == member.token
    assert "join" not in student.query_params
    said = texts(student)
    assert f"Class **{format_code(code)}** · you follow the teacher" in said
    assert "<b>Ana</b> & co" in said  # shown as typed, escaped (not bold)
    assert not [m for m in student.markdown if "<b>" in m.value and "\\<b\\>" not in m.value]

    lead(teacher, "constant-start")
    rerun_until(student, lambda at: at.session_state[classroom.MEMBER_KEY].page == INIT_PAGE)
    assert_clean(student)
    expected = scene_values("initialization", "constant-start")
    assert widget(student, "sym").value == expected["sym"] == "constant"
    assert widget(student, "scene_initialization").value == "constant-start"
    assert student.query_params["follow"] == str(member.version)
    assert "you follow the teacher" in texts(student)

    # the student changes a setting: they look around on their own, the teacher's move waits
    widget(student, "sym").set_value("zeros").run()
    assert not student.session_state[classroom.MEMBER_KEY].following
    assert "follow" not in student.query_params
    lead(teacher, "too-large")
    student.run()
    assert widget(student, "sym").value == "zeros"
    # "↩ Follow the teacher" applies the teacher's view again
    student.button(key="class_follow").click().run()
    assert widget(student, "iscale").value == scene_values("initialization", "too-large")["iscale"]
    assert widget(student, "scene_initialization").value == "too-large"
    assert student.session_state[classroom.MEMBER_KEY].following


def test_a_reconnected_session_stays_in_the_class_by_its_url(store_url):
    """A replica dies: the browser reconnects elsewhere, a fresh session with the same URL."""
    teacher = start_class()
    student = join(code_of(teacher))
    rerun_until(student, lambda at: at.session_state[classroom.MEMBER_KEY].version > 0)
    lead(teacher, "constant-start")
    rerun_until(student, lambda at: at.session_state[classroom.MEMBER_KEY].page == INIT_PAGE)
    url = {key: student.query_params[key] for key in student.query_params}
    assert set(url) >= {"member", "follow", "scene"}

    again = browsing(open_page(INIT, url))
    assert_clean(again)
    member = again.session_state[classroom.MEMBER_KEY]
    assert member.following and member.code == code_of(teacher)
    assert widget(again, "sym").value == "constant"
    # the teacher's link resumes the class in a fresh session too, where the teacher was
    resumed = open_page(INIT, {key: teacher.query_params[key] for key in teacher.query_params})
    assert_clean(resumed)
    assert resumed.session_state[classroom.TEACHER_KEY].code == code_of(teacher)
    assert "You lead class" in texts(resumed)
    # …and moving on from it moves the reconnected student
    lead(resumed, "too-large")
    rerun_until(again, lambda at: widget(at, "scene_initialization").value == "too-large")


@pytest.mark.parametrize(
    "code, message",
    [
        ("<script>x</script>", "join code must be 8 characters"),
        ("ABC", "got 'ABC'"),
        ("ZZZZ-ZZZZ", "No class has the code 'ZZZZ-ZZZZ'"),
    ],
)
def test_a_wrong_code_says_what_is_wrong_with_it(store_url, code, message):
    student = join(code)
    assert not student.exception
    assert any(message in text for text in errors(student)), errors(student)
    assert classroom.MEMBER_KEY not in student.session_state


def test_hostile_nicknames_and_links_get_a_message_never_a_traceback(store_url):
    teacher = start_class()
    code = code_of(teacher)
    student = join(code, "Ana\x07")  # what a forged websocket message could send
    assert any("nickname must be 1 to 40 printable characters" in e for e in errors(student))
    assert classroom.MEMBER_KEY not in student.session_state
    student = join(code, "x" * 100)  # the box takes at most 40 characters
    assert student.session_state[classroom.MEMBER_KEY].nickname == "x" * 40
    stranger = open_page("pages/home.py", {"member": "forged-token"})
    assert not stranger.exception
    assert "join again with the class code" in texts(stranger)
    assert "member" not in stranger.query_params
    impostor = open_page("pages/home.py", {"teach": f"{code}.not-the-secret"})
    assert not impostor.exception
    assert "Only the teacher's link controls this class" in texts(impostor)
    assert classroom.TEACHER_KEY not in impostor.session_state


def test_an_ended_class_tells_its_students(store_url):
    teacher = start_class()
    code = code_of(teacher)
    student = join(code)
    teacher.button(key="class_end").click().run()
    assert "you ended it" in texts(teacher)
    assert "teach" not in teacher.query_params
    rerun_until(student, lambda at: classroom.MEMBER_KEY not in at.session_state)
    assert "was ended by its teacher" in texts(student)
    late = join(code)
    assert any("was ended by its teacher" in e for e in errors(late))


def test_joins_beyond_the_rate_limit_are_refused_naming_the_limit(store_url):
    teacher = start_class()
    student = browsing(open_page(CLASSROOM, {"join": code_of(teacher)}))
    refused = []
    for _ in range(21):  # 10 per window: refused by the 11th, or the 21st across a window's end
        student.text_input(key="class_code").set_value(code_of(teacher))
        student.button(key="class_join").click().run()
        refused = [e for e in errors(student) if "Too many joins" in e]
        if refused:
            break
        assert_clean(student)
        student.button(key="class_leave").click().run()
    assert refused and "the limit is 10 per 60 s for each session" in refused[0]


def test_a_poll_is_opened_answered_tallied_and_revealed_across_sessions(store_url):
    teacher = start_class()
    students = [join(code_of(teacher), f"s{i}") for i in range(2)]
    lead(teacher, "too-large")
    for student in students:
        rerun_until(student, lambda at: at.session_state[classroom.MEMBER_KEY].page == INIT_PAGE)
    teacher.button(key="class_ask").click().run()
    assert "The class answers: 0 of 2" in texts(teacher)
    assert teacher.button(key="class_reveal").disabled  # no run yet: nothing to reveal

    for student, choice in zip(students, ["Xavier", "He"], strict=True):
        student.run()  # the class bar's next read shows the teacher's question
        radio = next(r for r in student.radio if r.key.startswith("class_poll_"))
        assert radio.options == list(FIRST_TO_90.choices) and radio.value is None
        radio.set_value(choice).run()
        assert_clean(student)
    teacher.run()
    bars = {bar.text: bar.value for bar in teacher.get("progress")}
    assert "The class answers: 2 of 2" in texts(teacher)
    assert bars["Xavier: 1"] == bars["He: 1"] == 50  # percent of the answers
    assert "s0" not in texts(teacher) and "s1" not in texts(teacher)  # counts, never names

    press(teacher, "start")  # the teacher's run computes the answer
    made = teacher.session_state["predictions"][-1]
    teacher.run()
    teacher.button(key="class_reveal").click().run()
    assert f"Revealed to the class: **{made.answer}**" in "\n".join(
        s.value for s in teacher.success
    )
    for student, choice in zip(students, ["Xavier", "He"], strict=True):
        student.run()
        said = texts(student)
        assert f"The run's answer: **{made.answer}**" in said
        assert ("right ✅" in said) == (choice == made.answer)
        assert re.search(rf"{made.answer}: 1", said)


def test_a_following_student_answers_the_scenes_question_in_the_class_bar_only(store_url):
    teacher = start_class()
    student = join(code_of(teacher))
    lead(teacher, "too-large")
    rerun_until(student, lambda at: at.session_state[classroom.MEMBER_KEY].page == INIT_PAGE)
    student.run()
    assert not [r for r in student.radio if r.key == f"predict_{INIT_PAGE}"]
    assert "answer it in the class bar above" in texts(student)
    teacher.button(key="class_ask").click().run()
    student.run()
    assert [r for r in student.radio if r.key.startswith("class_poll_")]  # the one place
    assert [r for r in teacher.radio if r.key == f"predict_{INIT_PAGE}"]  # the teacher's own box
    student.session_state[classroom.MEMBER_KEY].following = False  # looking around on their own
    student.run()
    assert [r for r in student.radio if r.key == f"predict_{INIT_PAGE}"]


def test_a_learner_outside_any_class_never_opens_the_store(tmp_path, monkeypatch):
    monkeypatch.delenv(URL_ENV, raising=False)
    monkeypatch.setenv(DATA_DIR_ENV, str(tmp_path / "data"))
    at = open_page(INIT)
    assert_clean(at)
    at = open_page(CLASSROOM)
    assert_clean(at)
    assert not (tmp_path / "data").exists()


@pytest.mark.parametrize(
    ("page", "scene", "asks"),
    [
        (INIT_PAGE, "too-large", True),
        ("splits", "big-data-split", False),  # a scene without a question
        (INIT_PAGE, None, False),  # the page, no scene
        ("no-such-page", "too-large", False),
    ],
)
def test_only_a_scene_with_a_question_can_have_a_class_poll(page, scene, asks):
    view = View(page, scene, {}, version=1, search_round=0, search_space=None)
    assert has_question(view) is asks
