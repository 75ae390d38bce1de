"""The batch-normalization page in a real browser: change the activation, train, look."""

from __future__ import annotations

from conftest import PROGRESS, choose, no_exception, open_app, rerun, screenshot, train
from playwright.sync_api import Page, expect


def test_train_with_and_without_batch_norm(page: Page, artifacts) -> None:
    open_app(page, "/batch_norm?epochs=50")
    expect(page.get_by_role("heading", name="Batch normalization")).to_be_visible()
    expect(page.locator(PROGRESS)).to_contain_text("Epoch 0 of 50")
    with rerun(page):
        choose(page, "act", "tanh")
    assert "act=tanh" in page.url, page.url
    train(page, "Epoch 50 of 50")
    expect(page.locator('[data-testid="stException"]')).to_have_count(0)
    expect(page.locator('[data-testid="stAlertContentError"]')).to_have_count(0)
    main = page.get_by_test_id("stMain")
    expect(main).to_contain_text("running averages")
    expect(main).to_contain_text("What the parameters γ[2] and β[2] learned")
    expect(main).to_contain_text("not the optimizer's hyperparameters that share the letter")
    expect(main).to_contain_text("Same data, same initial W, same α = 1")
    cost = page.locator(".st-key-cost .js-plotly-plot")
    expect(cost).to_contain_text("epoch (9 steps on mini-batches of 32)")
    for key in ("cost", "z", "gammabeta", "inference", "sweep"):
        expect(page.locator(f".st-key-{key} .js-plotly-plot .main-svg").first).to_be_visible()
    screenshot(page, artifacts, "batch_norm.png")


def test_the_alpha_3_scene_reads_both_runs(page: Page, artifacts) -> None:
    open_app(page, "/batch_norm?scene=bn-trains-at-large-alpha")
    expect(page.locator(PROGRESS)).to_contain_text("Epoch 0 of 50")
    train(page, "Epoch 50 of 50")
    no_exception(page, no_error_box=True)
    main = page.get_by_test_id("stMain")
    expect(main).to_contain_text("without batch norm the cost ends stuck at ln 2")
    expect(main).to_contain_text("the earlier weights blew up")
    cost = page.locator(".st-key-cost .js-plotly-plot")
    expect(cost).to_contain_text("epoch (9 steps on mini-batches of 32)")
    screenshot(page, artifacts, "batch_norm_alpha3.png")
