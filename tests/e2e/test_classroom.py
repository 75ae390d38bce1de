"""A live class in real browsers, through nginx in front of two replicas that share one store.

One teacher (presenter mode, 1280×720) and five students, each a browser context of its own (its
own cookies, so nginx spreads them over the replicas). The teacher starts a class; the students
join by the join link; the teacher moves to a page and a scene and every student's app follows;
the teacher asks the class, the tally counts the answers, the reveal reaches everyone; a class
search gets every student's run onto the presenter screen. Then the replica the teacher is on is
killed: teacher and students reconnect through the proxy to the other one, the class goes on
with its members and results. Every step waits for the state it expects, never for a time.
"""

from __future__ import annotations

import asyncio
import os
import re
import signal
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from conftest import (
    IDLE_TIMEOUT_MS,
    NEXT_FRAMES,
    PROGRESS,
    ROOT,
    RUN_TIMEOUT_MS,
    click_and_go,
    go_to,
    new_context,
    no_exception,
    open_app,
    rerun,
    screenshot,
    wait_idle,
)
from playwright.sync_api import expect
from streamlit_client import StreamlitSession
from test_proxy import logged_routes, route_cookie

from deploy.local import nginx_path, proxy, replicas
from playground.catalog import TOPICS, find_scene, menu_of
from playground.classroom.classes import create_class, join_class, resume_class, set_view
from playground.classroom.store import DATA_DIR_ENV, database_url, open_store
from playground.topics.search.outcome import SAMPLERS, TIE

PRESENTER = {"width": 1280, "height": 720}
STUDENT = {"width": 1000, "height": 700}
NICKNAMES = ("Ana", "<b>x</b>", "Bo", "Cy", "Di")
"""The students' nicknames; the second is HTML, to be shown as typed."""
ANSWERS = (SAMPLERS["random"], SAMPLERS["random"], SAMPLERS["grid"], TIE, SAMPLERS["random"])
"""What each student answers to the poll: 3, 1 and 1 of the three choices."""
FIRST_SCENE = find_scene("search", "grid-wastes-trials")
LAST_SCENE = find_scene("search", "random-on-a-log-scale")
PRESENTER_IMAGE = ROOT / "docs" / "images" / "classroom-presenter.png"
MAX_IMAGE_BYTES = 300_000
UPDATE_DOCS_ENV = "UPDATE_DOCS_IMAGES"
"""Set (to anything) to save the presenter picture as README's ``PRESENTER_IMAGE`` as well."""
COUNT_SOCKETS = """
window.__stSockets = 0;
const CountedWebSocket = window.WebSocket;
window.WebSocket = class extends CountedWebSocket {
  constructor(...args) {
    super(...args);
    this.addEventListener("open", () => { window.__stSockets++; });
  }
};
"""
"""Counts the websockets the page has opened: a reconnect to another replica opens one more."""

pytestmark = pytest.mark.skipif(
    nginx_path() is None, reason="nginx is not installed (scripts/test installs nginx-light)"
)


CLASS_TIMEOUT = 1800
"""Seconds for the whole lesson (six browsers, two replicas), as generous as the page walks."""


@pytest.fixture(scope="module")
def cluster(artifacts, browser, tmp_path_factory):
    """Two replicas sharing one class store (a SQLite file in one data directory, as compose's
    volume) behind nginx; yields (proxy, replicas). Each replica is opened once directly first
    (a fresh server's first session runs in Streamlit's old pages/ mode, see conftest)."""
    data_dir = tmp_path_factory.mktemp("class-data")
    with (
        replicas(2, artifacts / "classroom", data_dir=data_dir) as apps,
        proxy([app.url for app in apps]) as nginx,
    ):
        for app in apps:
            context = new_context(browser, app.url)
            open_app(context.new_page(), "/")
            context.close()
        yield nginx, apps, data_dir


def browser_page(browser, url: str, viewport: dict):
    """A page in a fresh context (its own cookies: its own route and Streamlit session) that
    counts its websockets."""
    context = new_context(browser, url, viewport=viewport)
    context.add_init_script(COUNT_SOCKETS)
    return context.new_page()


def sockets(page) -> int:
    return page.evaluate("() => window.__stSockets || 0")


def main(page):
    return page.get_by_test_id("stMain")


def picker(page, slug: str):
    """The 🎬 scene picker of page ``slug`` (its value is the scene's name)."""
    return page.locator(f".st-key-scene_{slug}").get_by_role("combobox")


def go(page, slug: str) -> None:
    """Open page ``slug`` from the top navigation, in the same tab."""
    go_to(page, menu_of(slug), TOPICS[slug].title)


def pick_scene(page, slug: str, name: str) -> None:
    """Pick the scene ``name`` in the 🎬 picker of page ``slug``."""
    page.locator(f".st-key-scene_{slug}").get_by_role("button", name="Open").click()
    with rerun(page):
        page.get_by_role("option", name=name, exact=True).click()
    expect(picker(page, slug)).to_have_value(name)


def followed(students, slug: str, scene: str | None = None) -> None:
    """Wait until every student's app shows page ``slug`` (with ``scene`` picked)."""
    for student in students:
        expect(main(student).locator("h1")).to_contain_text(TOPICS[slug].title)
        if scene is not None:
            expect(picker(student, slug)).to_have_value(scene)
        expect(student.locator(".st-key-class_bar")).to_contain_text("you follow the teacher")


SCATTER_POINTS = """() => {
  const plot = document.querySelector('.st-key-class_scatter .js-plotly-plot');
  if (!plot || !plot._fullData) return -1;
  return plot._fullData.filter((t) => t.name === 'runs' || t.name === 'diverged')
    .reduce((n, t) => n + t._length, 0);
}"""
"""How many runs the presenter's class-search scatter plots (finished and diverged)."""


def scatter_shows(page, count: int) -> None:
    """Wait until the presenter's class-search scatter plots ``count`` runs."""
    page.wait_for_function(f"n => ({SCATTER_POINTS})() === n", arg=count, polling=100)


def projector(page, top, path: Path) -> Path:
    """What the projector shows (the 1280×720 viewport), scrolled to ``top`` (a locator), as
    the PNG ``path``."""
    top.evaluate(
        "element => { element.style.scrollMarginTop = '90px';"  # below the top navigation
        " element.scrollIntoView({block: 'start'}); }"
    )
    page.evaluate(NEXT_FRAMES)
    page.screenshot(path=str(path))
    return path


def presenter_picture(page, top, bottom, path: Path) -> Path:
    """The presenter screen from ``top`` to ``bottom`` (locators) as the PNG ``path``: the
    viewport is stretched to the whole page for the shot (see conftest's ``screenshot``)."""
    size = page.viewport_size
    height = page.evaluate("() => document.querySelector('[data-testid=\"stMain\"]').scrollHeight")
    page.set_viewport_size({"width": size["width"], "height": height})
    try:
        page.evaluate(NEXT_FRAMES)
        first, last = top.bounding_box(), bottom.bounding_box()
        y = max(first["y"] - 16, 0)
        clip = {"x": 0, "y": y, "width": size["width"], "height": last["y"] + last["height"] - y}
        page.screenshot(path=str(path), clip=clip)
    finally:
        page.set_viewport_size(size)
    return path


def start_class(teacher) -> str:
    """Start a class on the Classroom page; return its code (from the teacher link's URL)."""
    open_app(teacher, "/classroom?present=true")
    with rerun(teacher):
        teacher.get_by_role("button", name="🏫 Start a class").click()
    expect(main(teacher)).to_contain_text("Your teacher link — shown only now")
    match = re.search(r"teach=([0-9A-Z]{8})\.", teacher.url)
    assert match, teacher.url
    with rerun(teacher):  # before the projector shows the page
        teacher.get_by_role("button", name="I have saved it: hide the teacher link").click()
    expect(main(teacher)).not_to_contain_text("teach=")
    return match.group(1)


def join(student, code: str, nickname: str) -> None:
    """Open the join link, give a nickname, press Join."""
    open_app(student, f"/classroom?join={code}")
    expect(student.get_by_role("textbox", name="Class code")).to_have_value(code)
    nickname_box = student.get_by_role("textbox", name="Nickname (optional)")
    nickname_box.fill(nickname)
    with rerun(student):
        nickname_box.press("Enter")
    with rerun(student):
        student.get_by_role("button", name="Join", exact=True).click()
    expect(main(student)).to_contain_text("You are in class")


def replica_of(cluster, page) -> int:
    """Index of the replica that answers ``page``'s browser (from nginx's access log)."""
    nginx, apps, _data_dir = cluster
    (upstream,) = logged_routes(nginx.access_log, route_cookie(page.context))
    return [app.url.removeprefix("http://") for app in apps].index(upstream)


def reconnected(page, opened: int) -> None:
    """Wait until ``page`` has opened a websocket after its first ``opened`` ones and the run
    its new session starts has ended."""
    page.wait_for_function("n => window.__stSockets > n", arg=opened, timeout=IDLE_TIMEOUT_MS)
    page.wait_for_function("() => window.__stFinished >= window.__stRuns", polling=50)
    wait_idle(page)


def headings(client: StreamlitSession) -> list[str]:
    """The page's headings (its title first) as a protocol session has them."""
    return [node.element.heading.body for node in client.elements("heading")]


def class_bar_fragment(client: StreamlitSession) -> str | None:
    """The fragment id of the student's class bar (its caption's), None until it is drawn."""
    for node in client.elements("markdown"):
        if node.element.markdown.body.startswith("🏫 Class") and node.fragment_id:
            return node.fragment_id
    return None


async def stale_timed_rerun(url: str, store, token: str, teacher, version: int) -> list[str]:
    """A student's app on the search page follows the teacher to Initialization; then a rerun
    of its class bar arrives that still names the search page and its URL, as a browser sends
    a fragment's rerun (a timer's tick, a click) during the switch. Returns the headings
    shown after."""
    client = StreamlitSession(url, f"/search?member={token}&follow={version}")
    await client.open()
    try:
        await client.wait(lambda: class_bar_fragment(client) is not None)
        bar = class_bar_fragment(client)
        search_hash, search_query = client.page_hash, client.query
        set_view(store, teacher.code, teacher.teacher_secret, page="initialization")
        await client.wait(lambda: client.page_hash != search_hash and client.idle)
        await client.wait(lambda: TOPICS["initialization"].title in " ".join(headings(client)))
        runs, drawn = client.finished_runs, (client.page_hash, client.query)
        client.page_hash, client.query = search_hash, search_query
        await client.rerun(fragment_id=bar, auto=True)
        client.page_hash, client.query = drawn
        await client.wait(lambda: client.finished_runs > runs and client.idle)
        assert client.page_hash == drawn[0]
        assert not client.errors, client.errors
        return headings(client)
    finally:
        await client.close()


def test_a_fragment_rerun_sent_during_a_page_switch_brings_the_page_back(cluster):
    """Without a browser, the protocol exactly: a stale rerun of the class bar makes the server
    run the drawn page again (before, it ran the fragment alone as a run of the old
    page, and the browser emptied the page: playground/ui/fragment_page.py)."""
    _nginx, apps, data_dir = cluster
    app = next(app for app in apps if app.process.poll() is None)
    store = open_store(database_url({DATA_DIR_ENV: str(data_dir)}))
    teacher = create_class(store, page="search")
    member = join_class(store, teacher.code, "protocol-client")
    version = resume_class(store, teacher.code, teacher.teacher_secret).view.version
    session = stale_timed_rerun(app.url, store, member.token, teacher, version)
    with ThreadPoolExecutor(1) as thread:  # Playwright's own event loop runs in this one
        shown = thread.submit(asyncio.run, session).result()
    assert TOPICS["initialization"].title in shown[0], shown


def picked(client: StreamlitSession) -> str:
    """The slug of the scene Regularization's picker shows ("custom" for custom settings)."""
    names = {find_scene("regularization", s).name: s for s in ("overfitting", "dropout-fixes-it")}
    shown = client.value("scene_regularization")
    return names.get(shown[0], "custom") if shown else ""


def bar_caption(client: StreamlitSession) -> str:
    """The student's class bar as the session shows it ("" until drawn)."""
    bodies = [node.element.markdown.body for node in client.elements("markdown")]
    return next((body for body in bodies if body.startswith("🏫 Class")), "")


async def stale_widget_values(
    url: str, store, token: str, teacher, version: int, full_run: bool
) -> list:
    """A student's app follows the teacher from Regularization's "overfitting" scene to its
    "dropout fixes it" scene; then a request arrives carrying every widget's value from before
    the move, as a browser sends a fragment's rerun (a background section's tick, a poll
    answer) before it has drawn the new scene's widgets — or, ``full_run``, as the run that
    Streamlit makes of such a rerun and the move's own page switch when they meet. Returns the
    scene the picker shows, the URL's scene and the bar's caption after a full run that
    follows."""
    path = f"/regularization?member={token}&follow={version}&scene=overfitting"
    client = StreamlitSession(url, path)
    await client.open()
    try:
        await client.wait(lambda: class_bar_fragment(client) is not None and client.idle)
        assert picked(client) == "overfitting", bar_caption(client)
        before = dict(client.widgets)
        moved = {"page": "regularization", "scene": "dropout-fixes-it"}
        set_view(store, teacher.code, teacher.teacher_secret, **moved)
        await client.wait(lambda: picked(client) == "dropout-fixes-it" and client.idle)
        runs = client.finished_runs + client.finished_fragment_runs
        client.widgets = before
        if full_run:
            await client.rerun()
        else:
            await client.rerun(fragment_id=class_bar_fragment(client), auto=True)
        client.widgets = {}  # the next full run: the session's own values, as a push sends
        await client.wait(
            lambda: client.finished_runs + client.finished_fragment_runs > runs and client.idle
        )
        assert "scene=dropout-fixes-it" in client.query, client.query
        runs = client.finished_runs
        await client.rerun()
        await client.wait(lambda: client.finished_runs > runs and client.idle)
        assert not client.errors, client.errors
        return [picked(client), client.query, bar_caption(client)]
    finally:
        await client.close()


@pytest.mark.parametrize("full_run", [False, True], ids=["fragment-run", "merged-full-run"])
def test_widgets_from_before_a_move_keep_the_teachers_scene(cluster, full_run):
    """Without a browser, the protocol exactly: widget values a request brings from before the
    teacher's move do not undo the scene the student's app moved to, and the student still
    follows (before, the picker's callback applied the old scene and the bar saw the student
    looking around: playground/ui/fragment_runs.py, playground/ui/follow_stamp.py)."""
    _nginx, apps, data_dir = cluster
    app = next(app for app in apps if app.process.poll() is None)
    store = open_store(database_url({DATA_DIR_ENV: str(data_dir)}))
    teacher = create_class(store, page="regularization")
    start = {"page": "regularization", "scene": "overfitting"}
    set_view(store, teacher.code, teacher.teacher_secret, **start)
    member = join_class(store, teacher.code, "protocol-client")
    version = resume_class(store, teacher.code, teacher.teacher_secret).view.version
    session = stale_widget_values(app.url, store, member.token, teacher, version, full_run)
    with ThreadPoolExecutor(1) as thread:  # Playwright's own event loop runs in this one
        scene, query, caption = thread.submit(asyncio.run, session).result()
    assert scene == "dropout-fixes-it", (scene, query)
    assert "scene=dropout-fixes-it" in query, query
    assert "you follow the teacher" in caption, caption


@pytest.mark.timeout(CLASS_TIMEOUT)
def test_a_class_follows_answers_searches_and_survives_a_replica(browser, cluster, artifacts):
    nginx, apps, _data_dir = cluster
    teacher = browser_page(browser, nginx.url, PRESENTER)
    code = start_class(teacher)
    expect(teacher.locator(".st-key-join_code")).to_contain_text(f"{code[:4]}-{code[4:]}")
    students = [browser_page(browser, nginx.url, STUDENT) for _ in NICKNAMES]
    for student, nickname in zip(students, NICKNAMES, strict=True):
        join(student, code, nickname)
    # the HTML nickname is shown as typed, not as bold markup
    expect(main(students[1])).to_contain_text("as <b>x</b>")
    expect(main(students[1]).locator("b", has_text=re.compile("^x$"))).to_have_count(0)
    expect(teacher.get_by_text(f"{len(students)} members")).to_be_visible()
    no_exception(teacher, no_error_box=True)

    # a student's browser cannot take over: the teacher link without its secret is refused
    impostor = students[0].context.new_page()
    open_app(impostor, f"/classroom?teach={code}.not-the-secret")
    expect(main(impostor)).to_contain_text("Only the teacher's link controls this class")
    expect(impostor.get_by_role("button", name="⏹ End class")).to_have_count(0)
    impostor.close()

    # the teacher moves to a page, then a scene: every student's app follows
    go(teacher, "search")
    followed(students, "search")
    pick_scene(teacher, "search", FIRST_SCENE.name)
    followed(students, "search", FIRST_SCENE.name)

    # the teacher asks the class; the students answer; the tally counts them
    with rerun(teacher):
        teacher.get_by_role("button", name="📣 Ask the class").click()
    for student, answer in zip(students, ANSWERS, strict=True):
        poll = student.locator(".st-key-class_poll")
        expect(poll).to_contain_text(FIRST_SCENE.question.text)
        poll.get_by_text(answer, exact=True).click()
        expect(poll.get_by_role("radio", name=answer, exact=True)).to_be_checked()
    expect(main(teacher)).to_contain_text(f"The class answers: {len(students)} of 5")
    for answer, count in Counter(ANSWERS).items():
        expect(teacher.get_by_text(f"{answer}: {count}", exact=True)).to_be_visible()
    question = main(teacher).get_by_text("🔮 Predict, then run")
    projector(teacher, question, artifacts / "classroom_presenter_tally.png")

    # the teacher's run computes the answer; Reveal shows it to everyone
    click_and_go(teacher, "▶ Start")  # the tally's bars are progress bars too: not `train`
    search_progress = teacher.locator(PROGRESS).filter(has_text="trials")
    expect(search_progress).to_contain_text("Trained 32 of 32 trials", timeout=RUN_TIMEOUT_MS)
    expect(teacher.get_by_role("button", name="▶ Start")).to_be_enabled()
    reveal = teacher.get_by_role("button", name="Reveal", exact=True)
    expect(reveal).to_be_enabled()
    reveal.click()
    revealed = teacher.get_by_text("Revealed to the class:")
    expect(revealed).to_be_visible()
    answer = re.search(r"Revealed to the class: (.+?)\.", revealed.inner_text()).group(1)
    assert answer in ANSWERS, answer
    for student, chosen in zip(students, ANSWERS, strict=True):
        poll = student.locator(".st-key-class_poll")
        expect(poll).to_contain_text(f"The run's answer: {answer}.")
        if chosen == answer:
            expect(poll).to_contain_text("You answered it: right ✅")
        else:
            expect(poll).to_contain_text(f"You answered {chosen}.")
    no_exception(teacher, no_error_box=True)
    screenshot(students[2], artifacts, "classroom_student_reveal.png")

    # a class search: every student trains a trial, every run lands on the presenter screen
    go(teacher, "classroom")
    followed(students, "classroom")
    with rerun(teacher):
        teacher.get_by_role("button", name="🔎 Start a class search").click()
    for student in students:
        expect(student.get_by_role("button", name="🔎 Start a class search")).to_have_count(0)
        train_button = student.get_by_role("button", name="▶ Train my trial")
        with rerun(student):
            train_button.click()
    for student in students:
        expect(main(student)).to_contain_text("is on the teacher's screen")
    results = f"{len(students)} results from {len(students)} members"
    expect(main(teacher)).to_contain_text(results)
    scatter_shows(teacher, len(students))
    no_exception(teacher, no_error_box=True)
    screenshot(teacher, artifacts, "classroom_presenter_search.png")
    title = main(teacher).get_by_role("heading", name="Classroom")
    scatter = teacher.locator('.st-key-class_scatter:not([data-retained="true"])')
    picture = presenter_picture(teacher, title, scatter, artifacts / PRESENTER_IMAGE.name)
    assert picture.stat().st_size < MAX_IMAGE_BYTES
    if os.environ.get(UPDATE_DOCS_ENV):
        PRESENTER_IMAGE.write_bytes(picture.read_bytes())

    # the replica the teacher is on dies: everyone on it reconnects to the other one
    dead = replica_of(cluster, teacher)
    on_dead = [page for page in [teacher, *students] if replica_of(cluster, page) == dead]
    opened = {id(page): sockets(page) for page in on_dead}
    os.killpg(apps[dead].process.pid, signal.SIGKILL)
    apps[dead].process.wait()
    for page in on_dead:
        reconnected(page, opened[id(page)])
    expect(main(teacher)).to_contain_text(results)  # read from the store, in a new session
    scatter_shows(teacher, len(students))

    # …and the class goes on: the teacher leads, every student follows
    go(teacher, "search")
    followed(students, "search")
    pick_scene(teacher, "search", LAST_SCENE.name)
    followed(students, "search", LAST_SCENE.name)
    for student in students:
        expect(student.locator(".st-key-class_bar")).to_contain_text("you follow the teacher")
        no_exception(student, no_error_box=True)
    no_exception(teacher, no_error_box=True)
    for page in [teacher, *students]:
        page.context.close()
