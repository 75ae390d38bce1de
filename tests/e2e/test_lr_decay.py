"""The learning-rate decay page in a real browser: choose schedules, type a manual one, train."""

from __future__ import annotations

import re
from urllib.parse import unquote_plus

from conftest import at_least, no_exception, open_app, rerun, screenshot, train
from playwright.sync_api import Page, expect

TITLE = re.compile("Learning-rate decay$")


def piecewise_box(page: Page):
    return page.locator(".st-key-pw input")


def legend(page: Page, key: str):
    return page.locator(f".st-key-{key} .js-plotly-plot .legendtext")


def test_lr_decay_compares_schedules_keeps_them_in_the_url_and_rejects_bad_text(
    page: Page, artifacts
):
    open_app(page, "/")  # see test_minibatch.py: avoid a fresh server's "Page not found"
    open_app(page, "/lr_decay?epochs=20")
    no_exception(page)
    expect(page.get_by_role("heading", name=TITLE)).to_be_visible()
    expect(legend(page, "schedules")).to_have_text(
        ["constant", "inverse_time", "exponential", "piecewise"]
    )

    with rerun(page):
        page.locator(".st-key-staircase label").click()
    expect(legend(page, "schedules")).to_contain_text(["staircase"])
    expect(page.locator(".st-key-interval")).to_be_visible()

    with rerun(page):
        piecewise_box(page).fill("5:0.3, 10:0.03")
        piecewise_box(page).press("Enter")
    expect(piecewise_box(page)).to_have_value("5:0.3, 10:0.03")

    train(page, "Epoch 20 of 20")
    no_exception(page)

    main = page.get_by_test_id("stMain")
    expect(main.get_by_role("table").last).to_contain_text("std J{t}, last 10%")
    expect(main).to_contain_text("Over the last 10% of the mini-batches")
    for key in ("schedules", "cost", "boundaries"):
        figure = page.locator(f".st-key-{key} .js-plotly-plot")
        expect(figure.locator(".main-svg").first).to_be_visible()
    expect(page.locator(".st-key-cost .scatterlayer path.js-line")).to_have_count(5)
    at_least(page.locator(".st-key-boundaries .contourlayer g.contour"), 5)

    url = unquote_plus(page.url)
    assert "staircase=true" in url and "pw=5:0.3, 10:0.03" in url, url
    screenshot(page, artifacts, "lr_decay.png")

    with rerun(page):
        piecewise_box(page).fill("50:0.3, oops")
        piecewise_box(page).press("Enter")
    expect(page.get_by_test_id("stAlertContentError")).to_contain_text(
        "item 2 ('oops') must read epoch:rate"
    )
    expect(legend(page, "schedules")).to_have_text(
        ["constant", "inverse_time", "staircase", "exponential"]
    )
    no_exception(page)

    with rerun(page):
        page.get_by_role("button", name="📖 Lecture: α₀ = 0.2").click()
    rates = main.get_by_role("table").first
    expect(rates).to_contain_text("epoch 1")
    expect(rates.get_by_role("row", name=re.compile("^inverse_time"))).to_contain_text(
        re.compile(r"inverse_time\s*0\.1\s*0\.0667\s*0\.05\s*0\.04")
    )
    expect(main).to_contain_text("epoch_num = 1 is the first pass over the data")
    no_exception(page)
    screenshot(page, artifacts, "lr_decay_lecture.png")
