"""The bad-input corpus against the app (AppTest): hostile URLs on every page, bad CSV uploads.

Every page opened with a URL whose every setting key holds a hostile value (plus unknown,
repeated, ``present`` and ``scene`` keys) renders its title without an exception, lists each value
it had to adjust (naming the setting and its key), and still answers a click. Every bad CSV
uploaded on the Playground shows one ``st.error`` with the parser's message and the page trains
on the generated data instead.
"""

from __future__ import annotations

import pytest
from bad_inputs_corpus import ACCEPTED, csv_bytes, hostile_query, refused
from pages_helpers import (
    HOME,
    PLAYGROUND,
    epoch_progress,
    errors,
    figure_data,
    finish,
    has_widget,
    marker_points,
    notes,
    open_page,
    press,
    upload,
)
from streamlit.testing.v1 import AppTest

from playground.catalog import all_pages
from playground.engine.data import load_csv_with_names
from playground.engine.topic import Topic
from playground.ui.widgets import DRAWN

ROUNDS = 2
"""Hostile URLs per page; each round gives every key another value of the corpus."""
EPOCHS = 20
QUICK = {"epochs": str(EPOCHS)}

PAGES = all_pages()
CASES = [(page, round_) for page in PAGES for round_ in range(ROUNDS)]


def assert_page_renders(at: AppTest, page: Topic) -> None:
    assert not at.exception, [e.value for e in at.exception]
    titles = [title.value for title in at.title]
    assert titles, "the page drew no title"
    if f"pages/{page.file}" != HOME:
        assert page.title.split(" — ")[0] in titles[0]


def stop_if_running(at: AppTest) -> None:
    """Press ■ Stop if the run is under way (a run at the clamped extremes may train for up to
    the server's per-run work limit), and wait until nothing ticks."""
    if has_widget(at, "stop") and not at.button(key="stop").disabled:
        at.button(key="stop").click().run()
    finish(at)


@pytest.mark.parametrize(
    ("page", "round_"),
    CASES,
    ids=[f"{page.url_path}-url{round_}" for page, round_ in CASES],
)
def test_a_hostile_url_leaves_the_page_usable(page, round_):
    at = open_page(f"pages/{page.file}", hostile_query(round_ + PAGES.index(page)))
    assert_page_renders(at, page)
    adjusted = notes(at)
    # every page but the Classroom has settings of its own (Home: the app's presenter toggle,
    # whose URL value is admitted on Home, the page the test opens first)
    assert adjusted or page.slug == "classroom", "a hostile value was replaced silently"
    drawn = at.session_state[DRAWN]
    for note in adjusted:
        assert any(note.startswith(f"{s.label} ({key})") for key, s in drawn.items()), note
        assert ", using " in note, note
    if has_widget(at, "start"):
        press(at, "start", wait=False)
        assert not at.exception, [e.value for e in at.exception]
        refused = [text for text in errors(at) if "cannot be trained" in text]
        # Clamped extremes may ask for more work than a run may do: the page says so, naming
        # the limit, rather than training for minutes.
        assert all("more than this server allows per run" in text for text in refused), refused
        stop_if_running(at)
    else:
        at.run()
    assert_page_renders(at, page)


@pytest.fixture(scope="module")
def playground_page() -> AppTest:
    """One Playground session that every upload test reuses (short runs)."""
    return open_page(PLAYGROUND, QUICK)


@pytest.mark.parametrize("name", list(refused()), ids=list(refused()))
def test_a_bad_csv_upload_shows_its_message_and_keeps_the_generated_data(playground_page, name):
    content = csv_bytes(name)
    with pytest.raises(ValueError) as parsed:
        load_csv_with_names(content)
    at = upload(playground_page, "csv", name, content)
    assert not at.exception, [e.value for e in at.exception]
    assert errors(at) == [f"Could not use {name}: {parsed.value}"]
    assert marker_points(figure_data(at, "boundary")).shape[1] > 2, "generated data is drawn"


def test_after_a_bad_upload_start_trains_on_the_generated_data(playground_page):
    at = upload(playground_page, "csv", "binary.csv", csv_bytes("binary.csv"))
    press(at, "start")
    assert not at.exception, [e.value for e in at.exception]
    assert epoch_progress(at) == (EPOCHS, EPOCHS)
    at.file_uploader(key="csv").set_value(None).run()
    assert not errors(at), errors(at)


@pytest.mark.filterwarnings("ignore:overflow:RuntimeWarning")  # huge_values.csv's 1e308
@pytest.mark.parametrize("name", list(ACCEPTED), ids=list(ACCEPTED))
def test_a_valid_but_unusual_upload_trains(playground_page, name):
    m, _ = ACCEPTED[name]
    at = upload(playground_page, "csv", name, csv_bytes(name))
    assert not at.exception, [e.value for e in at.exception]
    assert not [text for text in errors(at) if "Could not use" in text], errors(at)
    press(at, "start")
    assert not at.exception, [e.value for e in at.exception]
    assert epoch_progress(at) == (EPOCHS, EPOCHS)
    assert marker_points(figure_data(at, "boundary")).shape[1] == m
