"""Export and restore in a real browser: download the history CSV and the figures zip, restore
settings from a JSON file."""

from __future__ import annotations

import io
import json
import zipfile

import pandas as pd
from conftest import (
    RUN_TIMEOUT_MS,
    no_exception,
    open_app,
    rerun,
    screenshot,
    thumb,
    train,
    wait_idle,
)
from playwright.sync_api import Page, expect

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def download(page: Page, label: str) -> tuple[str, bytes]:
    """Click the download button ``label``; return the file's suggested name and contents. The
    figures' archive is drawn to PNG on the click: wait as long as a run may take."""
    with page.expect_download(timeout=RUN_TIMEOUT_MS) as info:
        page.get_by_role("button", name=label).click()
    file = info.value
    with open(file.path(), "rb") as saved:
        return file.suggested_filename, saved.read()


def test_export_the_history_and_figures_then_restore_settings(page: Page, artifacts):
    open_app(page, "/playground?epochs=20")
    no_exception(page)
    train(page, "Epoch 20 of 20")
    page.get_by_text("⬇ Export and restore").click()

    name, csv = download(page, "History (.csv)")
    assert name == "playground-history.csv"
    table = pd.read_csv(io.BytesIO(csv), comment="#")
    assert table["epoch"].tolist() == list(range(1, 21))
    assert csv.startswith(b"# app: ")

    name, archive = download(page, "All figures (.zip)")
    assert name == "playground-figures.zip"
    with zipfile.ZipFile(io.BytesIO(archive)) as figures:
        assert sorted(figures.namelist()) == ["boundary.png", "cost.png"]
        for png in figures.namelist():
            assert figures.read(png).startswith(PNG_MAGIC)

    panel = page.get_by_test_id("stExpander").filter(has_text="Export and restore")
    panel.screenshot(path=str(artifacts / "export_panel.png"))
    assert thumb(page, "lr") != "0.3"
    settings = {"lr": 0.3, "opt": "gd", "unknown_knob": 1}
    with rerun(page):
        page.locator(".st-key-restore_settings input[type='file']").set_input_files(
            files=[
                {
                    "name": "shared.json",
                    "mimeType": "application/json",
                    "buffer": json.dumps(settings).encode(),
                }
            ]
        )
    wait_idle(page)
    no_exception(page, no_error_box=True)
    expect(page.get_by_text("Restored 2 settings from shared.json.")).to_be_visible()
    expect(page.get_by_text("'unknown_knob' is not a setting of this app")).to_be_visible()
    assert thumb(page, "lr") == "0.3"
    expect(page.locator(".st-key-opt [role='combobox']")).to_have_value("gd")
    screenshot(page, artifacts, "export.png")
