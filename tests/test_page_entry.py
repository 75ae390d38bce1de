"""AppTest of how a value enters a page's widget: from the URL, or from the widget of the same key
on the page before (Streamlit carries a URL-bound widget's value across pages in one tab). A
value the page's widget cannot take is clamped, moved to the nearest option or replaced by the
page's default — never an exception, never silently — and the URL keeps one value per key."""

from __future__ import annotations

from pages_helpers import PLAYGROUND, notes, open_page, set_widget, widget
from streamlit.testing.v1 import AppTest

SEARCH = "pages/search.py"
PANDAS = "pages/pandas_caviar.py"


def assert_no_exception(at: AppTest) -> None:
    assert not at.exception, [e.value for e in at.exception]


def test_an_out_of_range_url_value_is_clamped_and_said():
    at = open_page(SEARCH, {"layers": "6"})
    assert_no_exception(at)
    assert widget(at, "layers").value == 4
    assert notes(at) == ["Hidden layers (layers): 6 is above this page's maximum 4, using 4."]


def test_a_bad_url_value_falls_back_to_the_default_and_warns():
    at = open_page(PLAYGROUND, {"lr": "abc", "ds": "banana"})
    assert_no_exception(at)
    assert widget(at, "lr").value == 0.01 and widget(at, "ds").value == "circles"
    assert notes(at) == [
        "Data set (ds): 'banana' is not one of this page's choices "
        "(circles, moons, xor, gaussians, spiral), using the default circles.",
        "Learning rate α (lr): 'abc' is not a number, using the default 0.01.",
    ]


def test_a_url_value_between_the_options_goes_to_the_nearest():
    at = open_page(PLAYGROUND, {"lr": "0.05"})
    assert widget(at, "lr").value == 0.03
    assert notes(at) == [
        "Learning rate α (lr): 0.05 is not one of this page's values "
        "(0.0001, 0.0003, 0.001, …, 10), using the nearest, 0.03."
    ]


def test_a_repeated_url_parameter_keeps_the_last_and_leaves_one_in_the_url():
    at = open_page(PLAYGROUND, {"ds": ["moons", "spiral"]})
    assert_no_exception(at)
    assert widget(at, "ds").value == "spiral"
    assert at.query_params["ds"] == "spiral"
    assert notes(at) == [
        "Data set (ds) is given 2 times in the link ('moons', 'spiral'), using the last, spiral."
    ]


CLAMPED_LAYERS = "Hidden layers (layers): 6 is above this page's maximum 4, using 4."


def test_a_note_stays_while_its_field_keeps_the_value_and_the_clamped_value_reaches_the_url():
    """Streamlit drops a URL value its widget refuses on the run that opens the page; the next
    run writes the clamped one back. The note is still true on a run the page makes by itself
    (a finished run or computation), so it stays until the field moves."""
    at = open_page(SEARCH, {"layers": "6"})
    assert "layers" not in at.query_params
    at.run()
    assert_no_exception(at)
    assert notes(at) == [CLAMPED_LAYERS]
    assert widget(at, "layers").value == 4
    assert at.query_params["layers"] == "4"
    set_widget(at, "layers", 3)
    assert notes(at) == []


def test_a_value_from_a_wider_page_is_clamped_on_a_narrower_page():
    """The lead's reproduction: 6 hidden layers on the Playground, then Hyperparameter search
    (1–4 layers) in the same session."""
    at = open_page(PLAYGROUND)
    set_widget(at, "layers", 6)
    at.switch_page(SEARCH).run()
    assert_no_exception(at)
    assert widget(at, "layers").value == 4
    assert notes(at) == [CLAMPED_LAYERS]
    at.run()
    assert notes(at) == [CLAMPED_LAYERS] and widget(at, "layers").value == 4
    at.switch_page(PLAYGROUND).run()
    assert_no_exception(at)
    assert widget(at, "layers").value == 4 and notes(at) == []


def test_a_value_set_in_session_state_enters_a_narrower_page_without_error():
    at = open_page(PLAYGROUND)
    at.session_state["layers"] = 6
    at.switch_page(PANDAS).run()
    assert_no_exception(at)
    assert widget(at, "layers").value == 4
    assert CLAMPED_LAYERS in notes(at)


def test_options_and_choices_of_another_page_are_admitted_by_this_pages_rule():
    """Epochs 15000 and mini-batch size 1 on the Playground; the search page offers neither."""
    at = open_page(PLAYGROUND)
    set_widget(at, "epochs", 15000)
    set_widget(at, "bs", "1")
    at.switch_page(SEARCH).run()
    assert_no_exception(at)
    assert widget(at, "epochs").value == 2000
    assert widget(at, "bs").value == "64"
    assert "Epochs (epochs): 15000 is above this page's maximum 2000, using 2000." in notes(at)
    assert (
        "Mini-batch size (bs): 1 is not one of this page's choices "
        "(8, 16, 32, 64, 128, 256, full), using the default 64."
    ) in notes(at)
