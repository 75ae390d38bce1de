"""Presenter mode in AppTest: the URL toggle, the projector CSS, tabs instead of side-by-side
figures, projector-sized figures and a folded "Try this" box."""

from __future__ import annotations

from pages_helpers import assert_clean, figure_data, open_page, press, set_widget, widget

from playground.plotting import projector
from playground.ui.presenter import STYLE

EWMA = "pages/ewma.py"
PLAYGROUND = "pages/playground.py"


def has_style(at) -> bool:
    return any(element.value.strip() == STYLE.strip() for element in at.get("html"))


def try_this_expanded(at) -> bool:
    (box,) = [e for e in at.expander if e.label.startswith("🧪 Try this")]
    return box.proto.expanded


def test_present_in_the_url_turns_presenter_mode_on():
    at = open_page(EWMA, {"present": "true"})
    assert_clean(at)
    assert widget(at, "present").value is True
    assert has_style(at)
    assert [tab.label for tab in at.tabs] == ["Bias correction", "Weights of the past"]
    layout = figure_data(at, "early")["layout"]
    assert layout["font"]["size"] >= projector.MIN_FONT
    assert layout["height"] >= projector.MIN_HEIGHT
    assert not try_this_expanded(at)


def test_off_by_default_side_by_side_columns_and_laptop_figures():
    at = open_page(EWMA)
    assert_clean(at)
    assert widget(at, "present").value is False
    assert not has_style(at) and not at.tabs
    assert len(at.columns) >= 2
    assert figure_data(at, "early")["layout"]["font"]["size"] < projector.MIN_FONT
    assert try_this_expanded(at)


def test_toggle_is_bound_to_the_url_and_follows_the_visitor_across_pages():
    at = open_page(EWMA)
    assert widget(at, "present").proto.query_param_key == "present"  # the browser writes it
    at = set_widget(at, "present", True)
    assert_clean(at)
    assert has_style(at) and at.tabs
    at = at.switch_page("pages/saddles.py").run()
    assert_clean(at)
    assert widget(at, "present").value is True
    assert [tab.label for tab in at.tabs] == ["Paths", "Cost", "Minima", "Downhill directions"]
    at = set_widget(at, "present", False)
    assert_clean(at)
    assert not has_style(at) and not at.tabs


def test_garbage_value_falls_back_to_off():
    at = open_page(EWMA, {"present": "banana"})
    assert_clean(at)
    assert widget(at, "present").value is False
    assert not has_style(at) and not at.tabs


def test_training_page_in_presenter_mode_shows_one_figure_per_tab():
    at = open_page(PLAYGROUND, {"present": "true", "epochs": "20"})
    at = press(at, "start")
    assert_clean(at)
    assert [tab.label for tab in at.tabs] == ["Decision boundary", "Cost"]
    cost = figure_data(at, "cost")
    assert cost["layout"]["font"]["size"] >= projector.MIN_FONT
    train = next(t for t in cost["data"] if t.get("name") == "train")
    assert train["line"]["width"] >= projector.LINE_WIDTH
    assert len(train["y"]) >= 1


def test_every_run_sends_the_toggles_value_not_only_its_default():
    """The browser can drop a kept widget value as it moves to another page (``resend_value``):
    every run of every page sends the session's presenter mode itself."""
    at = open_page(EWMA, {"present": "true"})
    at = at.switch_page("pages/saddles.py").run()
    assert_clean(at)
    toggle = widget(at, "present").proto
    assert toggle.set_value and toggle.value is True
    at = at.run()
    toggle = widget(at, "present").proto
    assert toggle.set_value and toggle.value is True
    at = set_widget(at, "present", False)
    toggle = widget(at, "present").proto
    assert toggle.set_value and toggle.value is False
