"""AppTest tests of "predict, then reveal": a scene's question is answered before ▶ Start, the
answer locks while the run is under way, and the run reveals the answer computed from what it
measured, with the session's tally."""

from __future__ import annotations

import re
from dataclasses import replace

from pages_helpers import assert_clean, finish, open_page, press, rerun_until, widget

from playground.catalog import SCENES, find_scene
from playground.topics.initialization.scenes import FIRST_TO_90

INIT = "pages/initialization.py"
OPTIMIZERS = "pages/optimizers_network.py"
SEARCH = "pages/search.py"
KEY = "predict_initialization"


def reveals(at) -> list[str]:
    """The text of the reveal boxes (right, wrong, unanswered)."""
    boxes = (*at.success, *at.warning, *at.info)
    return [box.value for box in boxes if "run's answer" in box.value]


def tally_of(at) -> str:
    return next(c.value for c in at.caption if "Your predictions" in c.value)


def test_the_run_reveals_its_answer_and_the_tally_counts_it():
    at = open_page(INIT, {"scene": "too-large"})
    assert_clean(at)
    radio = widget(at, KEY)
    assert radio.options == list(FIRST_TO_90.choices) and radio.value is None
    assert "none yet" in tally_of(at)
    radio.set_value("Xavier").run()
    press(at, "start")
    assert_clean(at)
    [text] = reveals(at)
    assert "You predicted **Xavier**" in text and "The run's answer: **He**" in text
    assert re.search(r"He at epoch 4\d\d; Xavier at epoch 5\d\d\.", text), text
    assert "0 of 1 right" in tally_of(at)
    at.run()  # counted once per run, not per rerun
    assert "0 of 1 right" in tally_of(at)

    widget(at, KEY).set_value("He").run()
    press(at, "start")
    [text] = reveals(at)
    assert "You predicted **He**: right" in text
    assert "1 of 2 right" in tally_of(at)
    assert [p.right for p in at.session_state["predictions"]] == [False, True]


def test_the_answer_cannot_change_while_the_run_is_under_way():
    at = open_page(INIT, {"scene": "too-large"})
    widget(at, KEY).set_value("He").run()
    press(at, "step")  # one epoch, then held: the run is under way
    assert widget(at, KEY).disabled and widget(at, KEY).value == "He"
    at.session_state[KEY] = "Xavier"  # what a browser cannot do: the run holds the answer
    at.run()
    assert widget(at, KEY).value == "He" and not reveals(at)
    at.session_state["playback"] = "max"
    at.button(key="start").click().run()  # resume
    finish(at)
    rerun_until(at, lambda at: bool(reveals(at)), "no reveal")
    assert "You predicted **He**: right" in reveals(at)[0]
    assert not widget(at, KEY).disabled


def test_the_answer_is_computed_from_the_run_not_written_in(monkeypatch):
    """The same question on a scene where random × 1 is fastest: the reveal follows the run."""
    scene = find_scene("initialization", "too-large")
    other = replace(scene, values=scene.values | {"iscale": 1.0})
    monkeypatch.setitem(SCENES, "initialization", (other,))
    at = open_page(INIT, {"scene": "too-large"})
    assert widget(at, "iscale").value == 1.0
    widget(at, KEY).set_value("He").run()
    press(at, "start")
    [text] = reveals(at)
    assert "The run's answer: **Random × scale**" in text and "random × scale at epoch 3" in text
    assert "0 of 1 right" in tally_of(at)


def test_the_optimizers_page_asks_with_its_defaults_and_keeps_one_tally_across_pages():
    at = open_page(OPTIMIZERS, {"epochs": "300"})
    assert at.selectbox(key="scene_optimizers_network").value == "same-alpha"
    widget(at, "predict_optimizers_network").set_value("Gradient descent").run()
    press(at, "start")
    assert_clean(at)
    [text] = reveals(at)
    assert "The run's answer: **Adam**" in text
    assert re.search(
        r"gradient descent 0\.5\d\d, momentum 0\.\d+, RMSprop 0\.1\d\d, Adam 0\.1", text
    )
    at.switch_page(INIT).run()
    at.selectbox(key="scene_initialization").select("too-large").run()
    assert "0 of 1 right" in tally_of(at)  # one tally for the session, every page


def test_the_search_reveals_that_random_search_found_the_better_trial():
    at = open_page(SEARCH, {"scene": "grid-wastes-trials"})
    widget(at, "predict_search").set_value("They tie").run()
    press(at, "start")
    assert_clean(at)
    [text] = reveals(at)
    assert "You predicted **They tie**" in text and "The run's answer: **Random search**" in text
    assert "random 98.9%" in text and "grid 90.0%" in text and "ahead by 8.9 points" in text
    said = [m.value for m in at.markdown if m.value.startswith("Best dev accuracy")]
    assert said and "Random search is ahead by 8.9 points" in said[0]


def test_the_regularization_page_reveals_what_l2_did_to_the_dev_accuracy():
    at = open_page("pages/regularization.py", {"scene": "l2-fixes-it"})
    widget(at, "predict_regularization").set_value("It falls").run()
    press(at, "start")
    assert_clean(at)
    [text] = reveals(at)
    assert "The run's answer: **It rises**" in text
    assert re.search(r"train 100%, dev 7\d%\. With it: train 8\d%, dev 8\d%", text), text
