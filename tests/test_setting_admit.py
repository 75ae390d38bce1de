"""``Setting.admit``: the one rule for a value entering a page's widget (from a URL, the same key
on another page, a scene or a restored file) — keep it, move it to the nearest allowed value, or
fall back to the default, and say which with the setting's label, key, the value given and what
is allowed."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest
from bad_inputs_corpus import all_settings, json_values, url_values

from playground.engine.settings import ALL

LAYERS = replace(ALL["layers"], low=1, high=4)
"""Hidden layers as the search and Pandas pages declare them: 1–4 (the Playground allows 0–6)."""
NOISE = ALL["noise"]
"""A float slider: 0–0.5."""
LR = ALL["lr"]
"""A float on a log grid of options: 0.0001, 0.0003, …, 3, 10."""
EPOCHS = ALL["epochs"]
"""An int on a grid of options: 10, 20, 40, 50, 100, …, 20000."""
DATA_SET = ALL["ds"]
STANDARDIZE = ALL["std"]


@pytest.mark.parametrize(
    ("value", "kept"),
    [(6, 4), ("6", 4), (" 6 ", 4), (np.int64(6), 4), (0, 1), ("-3", 1), (4.5, 4)],
)
def test_a_number_outside_the_range_goes_to_the_nearer_end(value, kept):
    admitted, message = LAYERS.admit(value)
    assert admitted == kept and type(admitted) is int
    end = "maximum 4" if kept == 4 else "minimum 1"
    assert message == (
        f"Hidden layers (layers): {str(value).strip()} is "
        f"{'above' if kept == 4 else 'below'} this page's {end}, using {kept}."
    )


def test_the_lead_engineers_example_reads_as_a_sentence():
    assert LAYERS.admit(6) == (
        4,
        "Hidden layers (layers): 6 is above this page's maximum 4, using 4.",
    )


def test_a_float_outside_its_slider_is_clamped():
    assert NOISE.admit("2") == (
        0.5,
        "Noise (noise): 2 is above this page's maximum 0.5, using 0.5.",
    )
    assert NOISE.admit(-0.25) == (
        0.0,
        "Noise (noise): -0.25 is below this page's minimum 0, using 0.",
    )


def test_a_valid_value_is_kept_silently_in_its_canonical_type():
    assert LAYERS.admit(3) == (3, None)
    assert LAYERS.admit("3") == (3, None)
    assert LAYERS.admit("2.0") == (2, None)  # as Streamlit's binding reads ?layers=2.0
    assert NOISE.admit("0.123") == (0.123, None)
    assert LR.admit("0.10") == (0.1, None)
    assert EPOCHS.admit(300.0) == (300, None) and type(EPOCHS.admit(300.0)[0]) is int
    assert DATA_SET.admit(" moons ") == ("moons", None)
    assert STANDARDIZE.admit("FALSE") == (False, None)


def test_a_fraction_for_a_whole_number_keeps_its_integer_part():
    """Streamlit's int slider reads ?layers=2.7 as int(2.7) = 2: the rule and the widget agree."""
    assert LAYERS.admit("2.7") == (2, "Hidden layers (layers): 2.7 is not a whole number, using 2.")


@pytest.mark.parametrize(
    ("setting", "value", "nearest"),
    [
        (LR, "0.05", 0.03),
        (LR, 0.07, 0.1),
        (LR, 0.0002, 0.0003),
        (EPOCHS, 150, 100),
        (EPOCHS, 160, 200),
    ],
)
def test_a_number_between_the_options_goes_to_the_nearest_option(setting, value, nearest):
    admitted, message = setting.admit(value)
    assert admitted == nearest and type(admitted) is type(nearest)
    assert message.startswith(f"{setting.label} ({setting.key}): {value} is not one of ")
    assert message.endswith(f"), using the nearest, {nearest:g}.")


def test_a_long_list_of_options_is_named_by_its_ends():
    _, message = EPOCHS.admit(150)
    assert "(10, 20, 40, …, 20000)" in message
    _, message = replace(EPOCHS, options=(20, 50, 100, 200), default=50).admit(60)
    assert "(20, 50, 100, 200)" in message


def test_a_number_beyond_the_options_goes_to_the_end_option():
    assert LR.admit(50) == (
        10.0,
        "Learning rate α (lr): 50 is above this page's maximum 10, using 10.",
    )
    assert EPOCHS.admit("1e6") == (
        20000,
        "Epochs (epochs): 1e6 is above this page's maximum 20000, using 20000.",
    )


def test_an_unknown_choice_falls_back_to_the_default_and_lists_the_choices():
    admitted, message = DATA_SET.admit("banana")
    assert admitted == "circles"
    assert message == (
        "Data set (ds): 'banana' is not one of this page's choices "
        "(circles, moons, xor, gaussians, spiral), using the default circles."
    )
    assert DATA_SET.admit("MOONS")[0] == "circles", "choices are matched exactly, like the URL"
    assert replace(DATA_SET, options=("moons", "circles", "xor"), default="moons").admit(
        "spiral"
    ) == (
        "moons",
        "Data set (ds): 'spiral' is not one of this page's choices (moons, circles, xor), "
        "using the default moons.",
    )


@pytest.mark.parametrize("value", ["yes", "1", 1, 0.0, None, "TRUE!"])
def test_a_bool_takes_only_true_or_false(value):
    admitted, message = STANDARDIZE.admit(value)
    assert admitted is True  # the default
    assert message.startswith("Standardize inputs (std): ")
    assert message.endswith(" is not true or false, using the default true.")


@pytest.mark.parametrize("value", [True, False, np.bool_(True)])
def test_true_or_false_is_not_a_number(value):
    admitted, message = LAYERS.admit(value)
    assert admitted == 2
    assert message == (
        f"Hidden layers (layers): {str(bool(value)).lower()} is not a number, using the default 2."
    )


@pytest.mark.parametrize(
    "value", ["nan", "NaN", float("nan"), np.float64("nan"), "abc", "", "0x10"]
)
def test_nan_and_text_that_is_no_number_fall_back_to_the_default(value):
    admitted, message = LAYERS.admit(value)
    assert admitted == 2
    assert message.startswith("Hidden layers (layers): ")
    assert message.endswith(" is not a number, using the default 2.")


@pytest.mark.parametrize(
    ("value", "kept"),
    [("inf", 4), (float("inf"), 4), ("-inf", 1), ("1e999", 4), (-float("inf"), 1)],
)
def test_an_infinite_number_is_clamped(value, kept):
    assert LAYERS.admit(value)[0] == kept
    assert LR.admit(value)[0] == (10.0 if kept == 4 else 0.0001)


HUGE = {
    "1e30": 10**30,
    "-1e30": -(10**30),
    "1e400": 10**400,
    "1e5000": 10**5000,
    "'9'*10000": "9" * 10_000,
    "'1'+'0'*5000": "1" + "0" * 5000,
}


@pytest.mark.parametrize("value", HUGE.values(), ids=HUGE.keys())
def test_a_huge_integer_is_clamped_and_shown_short(value):
    admitted, message = LAYERS.admit(value)
    negative = value < 0 if isinstance(value, int) else value.startswith("-")
    assert admitted == (1 if negative else 4)
    assert len(message) < 120, message
    assert NOISE.admit(value)[0] in (0.0, 0.5)


def test_a_huge_integer_is_written_in_scientific_notation():
    _, message = LAYERS.admit(10**5000)
    assert message == "Hidden layers (layers): 1.00e+5000 is above this page's maximum 4, using 4."


def test_a_long_value_is_cut_in_the_message():
    _, message = DATA_SET.admit("x" * 10_000)
    assert "'xxxxxxxx" in message and "…" in message and len(message) < 200


def test_a_repeated_url_parameter_counts_its_last_value_and_says_so():
    assert DATA_SET.admit_url(["moons", "spiral"]) == (
        "spiral",
        "Data set (ds) is given 2 times in the link ('moons', 'spiral'), using the last, spiral.",
    )
    admitted, message = LR.admit_url(["0.1", "0.3", "nan"])
    assert admitted == 0.01
    assert message == (
        "Learning rate α (lr) is given 3 times in the link (0.1, 0.3, 'nan'), using the last. "
        "Learning rate α (lr): 'nan' is not a number, using the default 0.01."
    )
    assert DATA_SET.admit_url(["xor"]) == ("xor", None)
    assert LAYERS.admit_url(["9"]) == LAYERS.admit("9")


@pytest.mark.parametrize("setting", all_settings(), ids=lambda s: f"{s.key}:{s.kind}")
def test_every_hostile_value_of_the_corpus_is_admitted_as_a_valid_value(setting):
    """Whatever the bad-input corpus gives, the widget gets a value its setting accepts; a
    changed value is explained with the setting's label and key, a kept one meant that value."""
    for value in [*url_values(setting), *json_values(setting)]:
        admitted, message = setting.admit(value)
        assert setting.validate(admitted) == admitted, value
        if message is None:  # "2.0" is 2, " moons " is moons
            number = setting.kind in ("int", "float")
            assert (float(value) if number else setting.parse(value)) == admitted, value
        else:
            assert message.startswith(f"{setting.label} ({setting.key})"), message
            assert len(message) < 400, message
