"""The bias-variance page in a real browser: a model change, Start, the diagnosis table, the
four boundaries, the learning curve and the model-size sweep, the URL and a screenshot."""

from __future__ import annotations

from conftest import PROGRESS, at_least, no_exception, open_app, rerun, screenshot, thumb, train
from playwright.sync_api import Page, expect


def test_four_runs_their_diagnosis_and_the_curves(page: Page, artifacts) -> None:
    # A fresh server's first deep link to a page whose url differs from its file name pops
    # "Page not found" (Streamlit's pages/ mode); opening Home first avoids that dialog.
    open_app(page, "/")
    open_app(page, "/bias_variance?epochs=200")
    no_exception(page, no_error_box=True)
    expect(page.get_by_role("heading", name="Bias and variance")).to_be_visible()
    assert thumb(page, "epochs") == "200"
    assert thumb(page, "small") == "2"
    expect(page.locator(PROGRESS)).to_contain_text("Epoch 0 of 200")
    main = page.get_by_test_id("stMain")
    expect(main).to_contain_text("Press ▶ Start to train the four networks")

    with rerun(page):
        page.locator(".st-key-small input[type='range']").press("ArrowRight")
    assert thumb(page, "small") == "3"
    train(page, "Epoch 200 of 200")
    no_exception(page, no_error_box=True)

    table = main.get_by_test_id("stTable")
    expect(table).to_contain_text("avoidable bias")
    expect(table).to_contain_text("Small · λ = 0.7")
    expect(table).to_contain_text("next step")
    expect(main).to_contain_text("Bayes error ≈")
    expect(main).to_contain_text("At m_train =")
    expect(main).to_contain_text("The dev error is lowest")

    boundaries = page.locator(".st-key-boundaries .js-plotly-plot")
    expect(boundaries.locator(".main-svg").first).to_be_visible()
    at_least(boundaries.locator(".contourlayer g.contour"), 4)  # one region map per model
    expect(boundaries).to_contain_text("Small · λ = 0: train")
    bars = page.locator(".st-key-decomposition .js-plotly-plot .barlayer .point")
    expect(bars).to_have_count(16)  # 4 models × (Bayes, avoidable bias, variance, dev error)
    for key in ("learning", "sweep"):
        plot = page.locator(f".st-key-{key} .js-plotly-plot")
        expect(plot.locator(".main-svg").first).to_be_visible()
        lines = plot.locator(".scatterlayer path.js-line")
        at_least(lines, 5)  # train and dev of two models, and the Bayes level
    screenshot(page, artifacts, "bias_variance.png")

    url = page.url
    assert "small=3" in url and "epochs=200" in url, url
