"""The mini-batch page in a real browser: change the batch size, train, read the result."""

from __future__ import annotations

import re

from conftest import at_least, no_exception, open_app, rerun, screenshot, train
from playwright.sync_api import Page, expect

TITLE = re.compile("Mini-batch gradient descent$")


def selectbox(page: Page, key: str):
    return page.locator(f".st-key-{key} [role='combobox']")


def test_minibatch_trains_three_batch_sizes_and_keeps_the_size_in_the_url(page: Page, artifacts):
    # A fresh server's very first deep link to a page whose URL differs from its file name
    # ("minibatch" vs minibatch.py) pops Streamlit's "Page not found" dialog once: open Home
    # first so this test does not depend on running first.
    open_app(page, "/")
    open_app(page, "/minibatch?epochs=10")
    no_exception(page)
    expect(page.get_by_role("heading", name=TITLE)).to_be_visible()
    expect(selectbox(page, "bs")).to_have_value("32")
    paths = page.locator(".st-key-paths .js-plotly-plot")
    expect(paths.locator(".main-svg").first).to_be_visible()
    at_least(paths.locator(".contourlayer g.contour"), 1)  # the cost contours

    selectbox(page, "bs").scroll_into_view_if_needed()  # low in the sidebar: bring it up first
    with rerun(page):
        selectbox(page, "bs").click()
        page.get_by_role("option", name="64", exact=True).click()
    expect(selectbox(page, "bs")).to_have_value("64")
    expect(page.get_by_text("⌈280/64⌉ = 5")).to_be_visible()
    expect(paths.locator(".legendtext", has_text="mini-batch 64")).to_have_count(1)

    train(page, "Epoch 10 of 10")
    no_exception(page)

    main = page.get_by_test_id("stMain")
    expect(main).to_contain_text("Measured time per epoch")
    expect(main).to_contain_text("mini-batch 64")
    cost = page.locator(".st-key-iteration_cost .js-plotly-plot")
    expect(cost.locator(".main-svg").first).to_be_visible()
    at_least(cost.locator(".scatterlayer path.js-line"), 6)  # 3 panels × 2 lines
    bars = page.locator(".st-key-time .js-plotly-plot")
    expect(bars.locator(".main-svg").first).to_be_visible()
    expect(bars.locator(".barlayer .point")).to_have_count(3)

    assert "bs=64" in page.url and "epochs=10" in page.url, page.url
    screenshot(page, artifacts, "minibatch.png")
