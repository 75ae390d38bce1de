"""AppTest of the frameworks page: autodiff minimization and the core vs scikit-learn."""

import pytest
from pages_helpers import (
    assert_clean,
    errors,
    figure_data,
    has_widget,
    open_page,
    press,
    set_widget,
    widget,
)

from playground.engine import experiment
from playground.topics.frameworks import listings
from playground.topics.frameworks.model import COSTS, minimize

PAGE = "pages/frameworks.py"
QUICK = {"epochs": "50", "n": "200"}


def test_renders_with_both_parts_and_the_course_cost():
    at = open_page(PAGE, QUICK)
    assert_clean(at)
    figure = figure_data(at, "minimize")
    steps = [t for t in figure["data"] if t.get("name") == "w"][0]
    expected = minimize("course", "gd", 0.1, 50, 0.0)
    assert steps["y"] == pytest.approx(list(expected))
    (minimum,) = [a for a in figure["layout"]["annotations"] if a["text"].startswith("w* =")]
    assert minimum["text"] == "w* = 5"  # beside the plot, in the margin: never on the path
    assert minimum["xref"] == "x2 domain" and minimum["x"] >= 1 and minimum["xanchor"] == "left"
    labels = [m.label for m in at.metric]
    assert labels.count("Dev accuracy") == 2 and labels.count("Wall time") == 2
    assert any("2w − 10" in m.value for m in at.markdown)
    # A string under a module-level constant of a page is drawn by Streamlit's magic.
    assert not any("Session key" in m.value or "How this core" in m.value for m in at.markdown)


def test_changing_the_cost_and_optimizer_changes_the_path():
    at = open_page(PAGE, QUICK)
    set_widget(at, "cost", "exponential")
    set_widget(at, "jopt", "adam")
    assert_clean(at)
    steps = [t for t in figure_data(at, "minimize")["data"] if t.get("name") == "w"][0]
    expected = minimize("exponential", "adam", 0.1, 50, 0.0)
    assert steps["y"] == pytest.approx(list(expected))
    assert COSTS["exponential"].code in at.code[0].value


def test_a_long_comparison_waits_for_compare_and_then_trains_both(monkeypatch):
    """Past QUICK_WORK the page does not train on arrival (a link cannot make it compute for
    minutes); ▶ Compare trains both, and a changed setting asks again. The threshold is lowered
    so that the comparison past it still trains in moments on a busy machine."""
    monkeypatch.setattr(experiment, "QUICK_WORK", 1e5)
    at = open_page(PAGE, {"epochs": "100", "n": "400", "h1": "8", "h2": "8"})
    assert_clean(at)
    assert not [m for m in at.metric if m.label == "Dev accuracy"]
    assert any("press **▶ Compare**" in info.value for info in at.info)
    press(at, "compare")
    assert_clean(at)
    assert [m.label for m in at.metric].count("Dev accuracy") == 2
    assert not has_widget(at, "compare")
    set_widget(at, "seed", 2)
    assert has_widget(at, "compare")


def test_an_activation_scikit_learn_lacks_shows_a_note_not_an_error():
    at = open_page(PAGE, QUICK | {"act": "leaky_relu"})
    assert_clean(at)
    assert any("MLPClassifier" in info.value for info in at.info)
    assert widget(at, "act").value == "leaky_relu"


@pytest.mark.parametrize(
    "query", [{"cost": "__import__('os')"}, {"jlr": "abc"}, {"steps": "1e9"}, {"w0": "nan"}]
)
def test_bad_query_params_fall_back(query):
    at = open_page(PAGE, QUICK | query)
    assert not at.exception and not errors(at)
    assert widget(at, "cost").value in COSTS


def test_the_pytorch_and_keras_listings_are_the_pages_run():
    at = open_page(PAGE, QUICK | {"jopt": "momentum", "jlr": "0.3", "steps": "40", "w0": "-2.5"})
    assert_clean(at)
    path = minimize("course", "momentum", 0.3, 40, -2.5)
    steps = [t for t in figure_data(at, "minimize")["data"] if t.get("name") == "w"][0]
    assert steps["y"] == pytest.approx(list(path))
    codes = [block.value for block in at.code]
    assert listings.pytorch("course", "momentum", 0.3, 40, path).strip() in codes
    assert listings.keras("course", "momentum", 0.3, 40, path).strip() in codes
    torch_code = next(code for code in codes if code.startswith("import torch"))
    assert "torch.tensor(-2.5," in torch_code and "range(40)" in torch_code
    assert "lr=0.03, momentum=0.9" in torch_code
    assert f"ends at w = {path[-1]:.6g}" in torch_code

    set_widget(at, "jopt", "adam")
    keras_code = next(
        block.value for block in at.code if block.value.startswith("import tensorflow")
    )
    assert "Adam(\n    learning_rate=0.3, beta_1=0.9, beta_2=0.999" in keras_code
    adam_path = minimize("course", "adam", 0.3, 40, -2.5)
    assert f"ends at w = {adam_path[-1]:.6g}" in keras_code
