"""Predict, then reveal, in a real browser: answer a scene's question, train, read the reveal."""

from __future__ import annotations

from conftest import no_exception, open_app, rerun, screenshot, train
from playwright.sync_api import Page, expect


def test_the_question_is_answered_before_start_and_revealed_after(page: Page, artifacts) -> None:
    open_app(page, "/initialization?scene=too-large")
    no_exception(page, no_error_box=True)
    box = page.locator(".st-key-predict_initialization")
    expect(box).to_contain_text("Which start reaches 90% dev accuracy first?")
    screenshot(page, artifacts, "question_asked.png")
    with rerun(page):
        box.get_by_text("Xavier", exact=True).click()
    expect(box.get_by_role("radio", name="Xavier", exact=True)).to_be_checked()
    train(page, "Epoch 1000 of 1000")
    main = page.get_by_test_id("stMain")
    expect(main).to_contain_text("You predicted Xavier")
    expect(main).to_contain_text("The run's answer: He")
    expect(main).to_contain_text("Your predictions: 0 of 1 right.")
    he = box.get_by_role("radio", name="He", exact=True)
    expect(he).to_be_enabled()  # unlocked for the next run
    no_exception(page, no_error_box=True)
    screenshot(page, artifacts, "question_revealed.png")
