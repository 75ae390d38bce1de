"""The app in a real browser: Home, a training run, Stop, URL round trips and bad query params."""

from __future__ import annotations

import re
import time

from conftest import choose, no_exception, open_app, rerun, screenshot, wait_idle
from playwright.sync_api import Page, expect

PROGRESS = '[data-testid="stProgress"]'
EPOCH = re.compile(r"Epoch (\d+) of (\d+)")
PLAYGROUND_TITLE = re.compile(r"Playground$")


def epoch(page: Page) -> int:
    match = EPOCH.search(page.locator(PROGRESS).inner_text())
    assert match, page.locator(PROGRESS).inner_text()
    return int(match.group(1))


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

    start = page.locator('[data-testid="stSidebarNavItems"] > div').filter(
        has=page.get_by_test_id("stNavSectionHeader").get_by_text("Start", exact=True)
    )
    expect(start).to_have_count(1)
    links = start.get_by_test_id("stSidebarNavLink")
    expect(links.nth(0)).to_contain_text("Home")
    expect(links.nth(1)).to_contain_text("Playground")

    link = page.get_by_test_id("stMain").get_by_role("link", name=re.compile("Playground —"))
    expect(link).to_be_visible()
    screenshot(page, artifacts, "home.png")

    link.click()
    page.wait_for_url(re.compile(r"/playground(\?|$)"))
    wait_idle(page)
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

    with rerun(page):
        page.get_by_role("button", name="▶ Start").click()
    expect(page.locator(PROGRESS)).to_contain_text("Epoch 100 of 100", timeout=60_000)
    wait_idle(page)
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
    assert boundary.locator(".contourlayer g.contour").count() >= 1, "no contour layer"
    assert boundary.locator(".scatterlayer .point").count() >= 100, "too few data points"
    cost = page.locator(".st-key-cost .js-plotly-plot")
    expect(cost.locator(".main-svg").first).to_be_visible()
    curves = cost.locator(".scatterlayer path.js-line")
    assert curves.count() >= 2, "expected the train and dev cost curves"
    for path in curves.all():
        assert len(path.get_attribute("d") or "") > 50, "a cost curve is (nearly) empty"
    screenshot(page, artifacts, "playground.png")

    url = page.url
    assert "ds=moons" in url and "lr=0.03" in url and "epochs=100" in url, url

    fresh = new_page()
    fresh.goto(url)
    wait_idle(fresh)
    no_exception(fresh)
    assert shown_value(fresh, "ds") == "moons"
    assert shown_value(fresh, "lr") == "0.03"
    assert shown_value(fresh, "epochs") == "100"
    expect(fresh.locator(PROGRESS)).to_contain_text("Epoch 0 of 100")


def test_stop_halts_a_long_run(page: Page, artifacts) -> None:
    open_app(page, "/playground?epochs=20000&bs=1&n=2000")
    no_exception(page)
    assert shown_value(page, "epochs") == "20000"
    assert shown_value(page, "bs") == "1"
    assert shown_value(page, "n") == "2000"
    start = page.get_by_role("button", name="▶ Start")
    stop = page.get_by_role("button", name="■ Stop")
    expect(stop).to_be_disabled()

    start.click()
    expect(stop).to_be_enabled()
    expect(start).to_be_disabled()
    time.sleep(2)
    expect(page.locator(PROGRESS)).not_to_contain_text("Epoch 0 of")
    assert 0 < epoch(page) < 20000

    stop.click()  # a fragment tick may be running: Stop is handled right after it
    expect(page.get_by_text("Stopped by the user")).to_be_visible(timeout=30_000)
    wait_idle(page)
    expect(start).to_be_enabled()
    expect(stop).to_be_disabled()
    stopped_at = epoch(page)
    time.sleep(1.5)
    assert epoch(page) == stopped_at, "training went on after Stop"
    assert 0 < stopped_at < 20000
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
