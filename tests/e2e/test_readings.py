"""Sentences that read a result, in a real browser: the Playground's default run is "starting to
overfit" (its dev cost climbs), an early stop is a green success naming the restored epoch, and
L2 at λ = 0 does not claim smaller weights. Every run is short enough to train in one go on
Start, so nothing races the test."""

from __future__ import annotations

from conftest import (
    PROGRESS,
    RUN_TIMEOUT_MS,
    at_max_speed,
    no_exception,
    open_app,
    rerun,
    screenshot,
    wait_idle,
)
from playwright.sync_api import Locator, Page, expect


def train(page: Page, done: Locator, text: str) -> None:
    """Press Start (at the "max" playback speed) and wait until ``done`` shows ``text`` (the
    state after training)."""
    at_max_speed(page)
    with rerun(page):
        page.get_by_role("button", name="▶ Start").click()
    expect(done).to_contain_text(text, timeout=RUN_TIMEOUT_MS)
    wait_idle(page)
    no_exception(page, no_error_box=True)


def test_the_diagnosis_and_an_early_stop_read_the_history(page: Page, artifacts) -> None:
    open_app(page, "/playground")
    train(page, page.locator(PROGRESS), "Epoch 300 of 300")
    main = page.get_by_test_id("stMain")
    expect(main.get_by_role("heading", name="Diagnosis: starting to overfit")).to_be_visible()
    expect(main).to_contain_text("The dev cost has climbed from")
    screenshot(page, artifacts, "playground_overfitting.png")

    open_app(page, "/playground?es=20")
    success = page.locator('[data-testid="stAlertContentSuccess"]')
    train(page, success, "Early stopping worked: Dev cost has not improved for 20 epochs")
    expect(success).to_contain_text("restored the weights of epoch")
    expect(page.locator('[data-testid="stAlertContentWarning"]')).to_have_count(0)
    screenshot(page, artifacts, "playground_early_stop.png")


def test_l2_at_lambda_0_reads_the_two_equal_norms(page: Page, artifacts) -> None:
    open_app(page, "/")
    open_app(page, "/regularization?reg=L2&l2=0")
    train(page, page.locator(PROGRESS), "Epoch 500 of 500")
    main = page.get_by_test_id("stMain")
    expect(main).to_contain_text("λ = 0 adds no penalty, so both runs are the same training.")
    expect(main).not_to_contain_text("smoother boundary")
    screenshot(page, artifacts, "regularization_l2_lambda0.png")
