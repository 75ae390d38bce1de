"""The bad-input corpus in a real browser: bad CSV uploads and hostile URLs on every page.

One browser page does all the uploads (each replaces the last) and then one training run; a
second one visits every page once with a URL full of hostile values, which the page lists as
adjusted. Each input is checked and counted; the test fails at the end listing every input that
did not pass.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlencode

import pytest
from bad_inputs_corpus import csv_bytes, hostile_query, refused
from conftest import no_exception, open_app, screenshot, train
from playwright.sync_api import Page, expect

from playground.catalog import all_pages

UPLOADER = '.st-key-csv input[type="file"]'
ERROR = '[data-testid="stAlertContentError"]'
NOTES = '[data-testid="stAlertContentInfo"]:has-text("adjusted to fit this page")'
TOO_BIG = "too_big.csv"
"""Over Streamlit's own server.maxUploadSize: the uploader refuses it before the app sees it."""
EPOCHS = 20
WALK_TIMEOUT = 1800
"""Seconds for the visit of every page with a hostile URL, as generous as the other walks."""
LONGEST = 100
"""Longest value in the all-keys URL; one 10 kB value is tried on its own."""


def check_upload(page: Page, name: str, path: Path) -> None:
    """Upload ``path`` as ``name``: a readable error names the file, no exception box."""
    if name == TOO_BIG:
        page.locator(UPLOADER).set_input_files(str(path))
        expect(page.get_by_text("File must be 5.0MB or smaller")).to_be_visible()
    else:
        page.locator(UPLOADER).set_input_files(str(path))
        expect(page.locator(ERROR)).to_contain_text(f"Could not use {name}: file")
        expect(page.locator(ERROR)).to_have_count(1)
    no_exception(page)


def test_every_bad_upload_shows_a_message_and_start_still_trains(page: Page, artifacts, tmp_path):
    open_app(page, f"/playground?epochs={EPOCHS}")
    failed = {}
    for name in refused():
        path = tmp_path / name
        path.write_bytes(csv_bytes(name))
        try:
            check_upload(page, name, path)
        except AssertionError as error:
            failed[name] = str(error).splitlines()[0]
        if name == "formula_injection.csv":
            screenshot(page, artifacts, "bad_upload_error.png")
    tried = len(refused())
    print(f"browser uploads: {tried} tried, {tried - len(failed)} passed")
    assert not failed, failed

    train(page, f"Epoch {EPOCHS} of {EPOCHS}")
    no_exception(page)


@pytest.mark.timeout(WALK_TIMEOUT)
def test_every_page_survives_a_hostile_url(page: Page):
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    failed = {}
    pages = all_pages()
    for index, info in enumerate(pages):
        query = urlencode(hostile_query(index, longest=LONGEST), doseq=True)
        assert len(query) < 15_000
        try:
            open_app(page, f"{info.address}?{query}")
            no_exception(page)
            heading = page.locator("h1").first
            expect(heading).to_be_visible()
            if info.file != "home.py":
                expect(heading).to_contain_text(info.title.split(" — ")[0])
            expect(page.locator(NOTES)).to_contain_text("using")
        except AssertionError as error:
            failed[info.url_path] = str(error).splitlines()[0]
    open_app(page, "/playground?lr=" + "9" * 10_000 + "&scene=" + "x" * 3_000)
    no_exception(page)
    expect(page.locator("h1").first).to_contain_text("Playground")
    print(f"browser hostile URLs: {len(pages)} tried, {len(pages) - len(failed)} passed")
    assert not failed, failed
    assert not dialogs, f"a query value ran as script: {dialogs}"
