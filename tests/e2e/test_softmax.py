"""The softmax page in a real browser: switch to Gaussian blobs, train, read the worked example."""

from __future__ import annotations

from conftest import choose, open_app, rerun, screenshot, train
from playwright.sync_api import Page, expect


def test_train_a_softmax_network(page: Page, artifacts) -> None:
    open_app(page, "/softmax?epochs=100&C=4")
    expect(page.get_by_role("heading", name="🎯 Softmax")).to_be_visible()
    with rerun(page):
        choose(page, "ds", "gaussians")
    assert "ds=gaussians" in page.url and "C=4" in page.url, page.url
    train(page, "Epoch 100 of 100")
    expect(page.locator('[data-testid="stException"]')).to_have_count(0)
    expect(page.locator('[data-testid="stAlertContentError"]')).to_have_count(0)
    main = page.get_by_test_id("stMain")
    expect(main).to_contain_text("Worked example: dev point #0")
    expect(main).to_contain_text("The loss keeps only the true class")
    expect(main).to_contain_text("The lecture's example: z^[L] = [5, 2, −1, 3]")
    expect(main).to_contain_text("a = t / Σt = [0.842, 0.042, 0.002, 0.114]")
    expect(main).to_contain_text("Central differences of L")
    for key in ("regions", "cost", "probs", "example", "confusion"):
        expect(page.locator(f".st-key-{key} .js-plotly-plot .main-svg").first).to_be_visible()
    heatmaps = page.locator(".st-key-probs .js-plotly-plot .heatmaplayer image")
    expect(heatmaps).to_have_count(4)  # one probability map per class
    screenshot(page, artifacts, "softmax.png")


def test_two_classes_match_logistic_regression(page: Page, artifacts) -> None:
    open_app(page, "/softmax?epochs=50&C=2")
    train(page, "Epoch 50 of 50")
    expect(page.get_by_test_id("stMain")).to_contain_text("rounding error only")
    expect(page.locator(".st-key-reduction .js-plotly-plot .main-svg").first).to_be_visible()
    screenshot(page, artifacts, "softmax_c2.png")
