"""AppTest: the "⬇ Export and restore" expander of the training pages (playground page)."""

from __future__ import annotations

from pathlib import Path

from pages_helpers import assert_clean, errors, open_page, press, widget
from streamlit.testing.v1 import AppTest

from playground.engine import settings
from playground.engine.config import coerce_settings
from playground.engine.experiment import Run, make_data
from playground.engine.export import history_json
from playground.ui.png import browser_path

QUICK = {"epochs": "20"}
DOWNLOADS = ("export_csv", "export_json", "export_npz")
BAD_JSON = Path(__file__).parent / "data" / "bad_inputs" / "json"


def download_keys(at: AppTest) -> set[str]:
    return {button.key for button in at.download_button}


def restore(at: AppTest, name: str, content: bytes) -> AppTest:
    uploader = at.file_uploader(key="restore_settings")
    return uploader.set_value((name, content, "application/json")).run()


def test_downloads_appear_once_the_run_has_trained():
    at = open_page(query=QUICK)
    assert_clean(at)
    assert not download_keys(at)
    assert [e for e in at.expander if e.label == "⬇ Export and restore"]
    press(at, "start")
    assert_clean(at)
    keys = download_keys(at)
    assert set(DOWNLOADS) <= keys
    assert ("export_figures" in keys) == (browser_path() is not None)
    labels = {button.key: button.label for button in at.download_button}
    assert labels["export_csv"] == "History (.csv)"
    assert labels["export_npz"] == "Parameters (.npz)"


def test_the_zip_holds_the_figures_of_this_page_only():
    at = open_page(query=QUICK)
    press(at, "start")
    assert set(at.session_state["_export_figures"]) == {"boundary", "cost"}
    at.switch_page("pages/ewma.py").run()  # a page with figures and no runs
    assert_clean(at)
    at.switch_page("pages/playground.py").run()
    assert "export_csv" in download_keys(at)
    assert set(at.session_state["_export_figures"]) == {"boundary", "cost"}


def test_restoring_a_json_export_sets_the_widgets():
    values = coerce_settings(settings.ALL, {"epochs": 20, "lr": 0.3, "opt": "gd", "n": 200})
    run = Run(values, make_data(values))
    exported = history_json("playground", values, {"run": run}).encode()
    at = open_page(query=QUICK)
    assert widget(at, "lr").value != 0.3
    restore(at, "playground-history.json", exported)
    assert_clean(at)
    assert widget(at, "lr").value == 0.3
    assert widget(at, "opt").value == "gd"
    assert widget(at, "n").value == 200
    success = [s.value for s in at.success]
    assert success == [f"Restored {len(values)} settings from playground-history.json."]
    assert not at.warning


def test_invalid_and_unknown_settings_are_listed_and_the_rest_restored():
    at = open_page(query=QUICK)
    restore(at, "invalid_values.json", (BAD_JSON / "invalid_values.json").read_bytes())
    assert widget(at, "lr").value == settings.ALL["lr"].default
    (warning,) = [w.value for w in at.warning]
    assert "Learning rate α (lr) must be one of" in warning
    assert "'unknown_knob' is not a setting of this app" in warning
    assert [s.value for s in at.success] == ["Restored 1 settings from invalid_values.json."]


def test_a_file_that_is_not_json_shows_why_and_changes_nothing():
    at = open_page(query=QUICK)
    before = widget(at, "lr").value
    restore(at, "notes.json", (BAD_JSON / "not_json.json").read_bytes())
    assert not at.exception
    (error,) = errors(at)
    assert error.startswith("Could not restore settings from notes.json: ")
    assert "not valid JSON" in error
    assert widget(at, "lr").value == before
