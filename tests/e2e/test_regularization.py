"""The Regularization page in a real browser: pick dropout, train both runs side by side, read
the result in words and figures, find the settings in the URL; then augmentation from a URL.
(The URL → widgets direction is covered by tests/test_page_regularization.py.)"""

from __future__ import annotations

import re

from conftest import PROGRESS, at_least, choose, no_exception, open_app, rerun, screenshot, train
from playwright.sync_api import Page, expect


def chart(page: Page, key: str):
    plot = page.locator(f".st-key-{key} .js-plotly-plot")
    expect(plot.locator(".main-svg").first).to_be_visible()
    return plot


def start(page: Page, epochs: int) -> None:
    train(page, f"Epoch {epochs} of {epochs}")
    no_exception(page, no_error_box=True)


def test_dropout_side_by_side_and_the_url(page: Page, artifacts) -> None:
    open_app(page, "/regularization?epochs=200")
    no_exception(page, no_error_box=True)
    expect(page.get_by_role("heading", name="Regularization")).to_be_visible()
    expect(page.locator(PROGRESS)).to_contain_text("Epoch 0 of 200")
    main = page.get_by_test_id("stMain")
    expect(main).to_contain_text("Press ▶ Start")

    with rerun(page):  # Start's arguments are the settings of the last run: wait for it
        choose(page, "reg", "dropout")
    for layer in (1, 2, 3):
        expect(page.locator(f".st-key-kp{layer}")).to_be_visible()
    start(page, 200)
    expect(page.locator(PROGRESS)).to_contain_text("Epoch 200 of 200")
    expect(main).to_contain_text(re.compile(r"Dev accuracy went from \d+% to \d+%"))
    expect(main.get_by_role("heading", name="What dropout does")).to_be_visible()
    expect(main).to_contain_text("Dropout, keep_prob 0.6 / 0.6 / 0.6")
    expect(main).to_contain_text("Off at test time: predictions use the whole network")

    for key in ("boundary-none", "boundary-reg"):
        plot = chart(page, key)
        at_least(plot.locator(".contourlayer g.contour"), 1)  # a decision boundary
        at_least(plot.locator(".scatterlayer .point"), 200)  # the train and dev points
    curves = chart(page, "cost").locator(".scatterlayer path.js-line")
    expect(curves).to_have_count(4)  # train and dev cost of both runs
    for path in curves.all():
        expect(path).to_have_attribute("d", re.compile(".{50}"))  # not (nearly) empty
    chart(page, "accuracy")
    expect(chart(page, "dropout").locator(".barlayer .point")).to_have_count(9)  # 3 layers × 3 bars
    screenshot(page, artifacts, "regularization.png")

    url = page.url
    assert "reg=dropout" in url and "epochs=200" in url, url


def test_l2_with_mini_batches_states_the_decay_for_that_batch_size(page: Page, artifacts) -> None:
    open_app(page, "/regularization?bs=8&epochs=50")
    no_exception(page, no_error_box=True)
    main = page.get_by_test_id("stMain")
    expect(main).to_contain_text("(the lecture's; b = 8 of m = 100)")
    expect(main).to_contain_text("takes 13 steps (12 of b = 8, one of 4)")
    expect(main).to_contain_text("these mini-batches act like λ ≈ 521 on the full batch")
    start(page, 50)
    expect(main).to_contain_text("final ‖W‖")
    screenshot(page, artifacts, "regularization_l2_minibatch.png")


def test_augmentation_draws_the_made_up_points(page: Page, artifacts) -> None:
    open_app(page, "/regularization?reg=augmentation&epochs=100")
    no_exception(page, no_error_box=True)
    start(page, 100)
    main = page.get_by_test_id("stMain")
    expect(main).to_contain_text("the regularized run trains on 700 examples")
    expect(main).to_contain_text("Mirror check (x1+x2)")
    made_up = chart(page, "boundary-reg").locator(".scatterlayer .point")
    at_least(made_up, 800)  # 100 train + 100 dev + 600 made-up points
    screenshot(page, artifacts, "regularization_augmentation.png")
