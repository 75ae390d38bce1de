"""The app in a real browser: Home, a training run, Pause / Step / Stop, URL round trips and
bad query params."""

from __future__ import annotations

import re

from conftest import (
    PROGRESS,
    at_least,
    choose,
    click_and_go,
    epoch,
    no_exception,
    open_app,
    pause,
    paused_at,
    press,
    rerun,
    rerun_app,
    screenshot,
    train,
    wait_idle,
)
from playwright.sync_api import Page, expect

PLAYGROUND_TITLE = re.compile(r"Playground$")


def selectbox(page: Page, key: str):
    return page.locator(f".st-key-{key} [role='combobox']")


def shown_value(page: Page, key: str) -> str:
    """What the widget of setting ``key`` shows, whatever its kind.

    Selectbox: its text; slider or select slider: the label on its thumb; number box: its text.
    """
    widget = page.locator(f".st-key-{key}")
    expect(widget).to_have_count(1)
    for selector in ("[role='combobox']", "[data-testid='stNumberInputField']"):
        if widget.locator(selector).count():
            return widget.locator(selector).input_value()
    return widget.get_by_test_id("stSliderThumbValue").inner_text().strip()


def test_home_links_to_the_playground(page: Page, artifacts) -> None:
    open_app(page, "/")
    no_exception(page)
    expect(page.get_by_role("heading", name="Deep-learning tuning playground")).to_be_visible()

    page.get_by_test_id("stTopNav").get_by_text("Start", exact=True).click()
    items = page.get_by_test_id("stTopNavPopoverBody").get_by_role("menuitem")
    expect(items.nth(0)).to_contain_text("Home")
    expect(items.nth(1)).to_contain_text("Playground")
    page.keyboard.press("Escape")
    expect(page.get_by_test_id("stTopNavPopoverBody")).to_be_hidden()

    link = page.get_by_test_id("stMain").get_by_role("link", name="Playground", exact=True)
    expect(link).to_be_visible()
    screenshot(page, artifacts, "home.png")

    with rerun(page):
        link.click()
    page.wait_for_url(re.compile(r"/playground(\?|$)"))
    expect(page.get_by_role("heading", name=PLAYGROUND_TITLE)).to_be_visible()
    expect(page.get_by_role("button", name="▶ Start")).to_be_visible()
    no_exception(page)


def test_playground_trains_and_keeps_its_settings_in_the_url(page: Page, new_page, artifacts):
    open_app(page, "/playground?epochs=100")
    no_exception(page)
    expect(page.get_by_role("heading", name=PLAYGROUND_TITLE)).to_be_visible()
    assert shown_value(page, "epochs") == "100"
    expect(page.locator(PROGRESS)).to_contain_text("Epoch 0 of 100")

    with rerun(page):
        choose(page, "ds", "moons")
    assert shown_value(page, "ds") == "moons"
    with rerun(page):
        page.locator(".st-key-lr input[type='range']").press("ArrowRight")
    assert shown_value(page, "lr") == "0.03"

    train(page, "Epoch 100 of 100")
    no_exception(page)

    main = page.get_by_test_id("stMain")
    labels = main.get_by_test_id("stMetricLabel")
    expect(labels).to_contain_text(["Train accuracy", "Dev accuracy"])
    for value in main.get_by_test_id("stMetricValue").all_inner_texts():
        assert re.fullmatch(r"\d+\.\d%", value.strip()), value
    expect(main.get_by_role("heading", name="Diagnosis:")).to_be_visible()
    expect(main).to_contain_text("What the course recommends:")

    boundary = page.locator(".st-key-boundary .js-plotly-plot")
    expect(boundary.locator(".main-svg").first).to_be_visible()
    expect(boundary.locator(".gtitle")).to_contain_text("Decision boundary — epoch 100")
    at_least(boundary.locator(".contourlayer g.contour"), 1)
    at_least(boundary.locator(".scatterlayer .point"), 100)
    cost = page.locator(".st-key-cost .js-plotly-plot")
    expect(cost.locator(".main-svg").first).to_be_visible()
    curves = cost.locator(".scatterlayer path.js-line")
    at_least(curves, 2)  # train and dev
    for path in curves.all():
        expect(path).to_have_attribute("d", re.compile(".{50}"))  # not (nearly) empty
    screenshot(page, artifacts, "playground.png")

    url = page.url
    assert "ds=moons" in url and "lr=0.03" in url and "epochs=100" in url, url

    fresh = new_page()
    open_app(fresh, url)
    no_exception(fresh)
    assert shown_value(fresh, "ds") == "moons"
    assert shown_value(fresh, "lr") == "0.03"
    assert shown_value(fresh, "epochs") == "100"
    expect(fresh.locator(PROGRESS)).to_contain_text("Epoch 0 of 100")


def test_pause_holds_a_long_run_step_adds_one_epoch_and_stop_ends_it(page: Page, artifacts):
    open_app(page, "/playground?epochs=500&bs=1&n=1500")
    no_exception(page)
    assert shown_value(page, "epochs") == "500"
    assert shown_value(page, "bs") == "1"
    assert shown_value(page, "n") == "1500"
    start = page.get_by_role("button", name="▶ Start")
    pause_button = page.get_by_role("button", name="⏸ Pause")
    stop = page.get_by_role("button", name="■ Stop")
    expect(stop).to_be_disabled()
    expect(pause_button).to_be_disabled()

    click_and_go(page, "▶ Start")
    expect(pause_button).to_be_enabled()
    expect(start).to_be_disabled()
    held = pause(page)  # a fragment tick may be running: Pause is handled right after it
    expect(page.get_by_role("button", name="▶ Resume")).to_be_enabled()
    expect(pause_button).to_be_disabled()
    expect(stop).to_be_enabled()
    rerun_app(page)
    assert epoch(page) == held, "a paused run went on"

    press(page, "⏭ Step")
    expect(page.locator(PROGRESS)).to_contain_text(f"Epoch {held + 1} of 500")
    assert paused_at(page) == held + 1
    page.mouse.move(700, 5)
    screenshot(page, artifacts, "playground_paused.png")

    click_and_go(page, "▶ Resume")
    expect(page.locator(PROGRESS)).not_to_contain_text(re.compile(rf"Epoch {held + 1} of|paused"))
    stop.click()  # while it ticks (see conftest.pause)
    expect(page.get_by_text("Stopped by the user")).to_be_visible()
    wait_idle(page)
    expect(start).to_be_enabled()
    expect(stop).to_be_disabled()
    stopped_at = epoch(page)
    expect(page.get_by_text(f"Stopped by the user after epoch {stopped_at}.")).to_be_visible()
    assert held + 1 < stopped_at < 500
    rerun_app(page)
    assert epoch(page) == stopped_at, "training went on after Stop"
    no_exception(page)
    screenshot(page, artifacts, "playground_stopped.png")


def test_bad_query_params_fall_back_to_defaults(page: Page) -> None:
    open_app(page, "/playground?lr=abc&n=999999&ds=evil&zzz=1")
    no_exception(page)
    expect(page.get_by_role("heading", name=PLAYGROUND_TITLE)).to_be_visible()
    assert shown_value(page, "ds") == "circles"
    assert shown_value(page, "lr") == "0.01"
    assert shown_value(page, "n") == "5000"  # the nearest allowed value, and said:
    expect(page.get_by_test_id("stAlertContentInfo").first).to_contain_text(
        "Examples (n): 999999 is above this page's maximum 5000, using 5000."
    )
    assert shown_value(page, "epochs") == "300"
    expect(page.locator(PROGRESS)).to_contain_text("Epoch 0 of 300")
    for bad in ("lr=abc", "n=999999", "ds=evil"):
        assert bad not in page.url, f"{bad} kept in {page.url}"
