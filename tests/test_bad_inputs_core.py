"""The bad-input corpus against the core: every bad CSV and every hostile setting value gets a
readable ValueError (or falls back to the default), never another exception."""

from __future__ import annotations

import math

import numpy as np
import pytest
from bad_inputs_corpus import (
    ACCEPTED,
    CORPUS,
    QUERIES,
    REFUSED,
    all_settings,
    csv_bytes,
    json_values,
    refused,
    url_values,
)

from playground.engine import settings as spec
from playground.engine.data import load_csv_with_names
from playground.engine.experiment import Run, make_data

SETTINGS = all_settings()


def test_every_committed_file_is_in_a_table():
    committed = {path.name for path in CORPUS.glob("*.csv")}
    assert committed == set(REFUSED) | set(ACCEPTED)


@pytest.mark.parametrize(("name", "words"), refused().items(), ids=list(refused()))
def test_a_bad_csv_raises_a_value_error_naming_the_problem(name, words):
    with pytest.raises(ValueError) as raised:
        load_csv_with_names(csv_bytes(name))
    message = str(raised.value)
    assert raised.type is ValueError
    assert message.startswith("file")
    for word in words:
        assert word in message, (word, message)
    assert len(message) < 300, "a message is one readable sentence, not a dump of the file"


@pytest.mark.parametrize(("name", "expected"), ACCEPTED.items(), ids=list(ACCEPTED))
def test_a_valid_but_unusual_csv_is_read_and_trains(name, expected):
    m, class_names = expected
    data = load_csv_with_names(CORPUS / name)
    assert data.X.shape == (2, m)
    assert data.class_names == class_names
    assert sorted(set(data.Y.ravel())) == list(range(len(class_names)))
    values = {key: setting.default for key, setting in spec.ALL.items()} | {"epochs": 5}
    with np.errstate(all="ignore"):  # 1e308 features overflow the standard deviation
        run = Run(values, make_data(values, data))
        run.advance()
    assert run.done and run.history.stopped_reason in ("completed", "diverged")


def setting_id(setting) -> str:
    return f"{setting.key}:{setting.kind}"


def value_id(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 24 else f"{text[:12]}…({len(text)} chars)"


URL_CASES = [(s, v) for s in SETTINGS for v in url_values(s)]
JSON_CASES = [(s, v) for s in SETTINGS for v in json_values(s)]


def assert_refused(setting, value: object) -> None:
    """``coerce`` falls back to the default; ``validate`` raises a ValueError naming the key."""
    assert setting.coerce(value) == setting.default
    with pytest.raises(ValueError, match=f"\\({setting.key}\\)"):
        setting.validate(value)
    try:
        parsed = setting.parse(value)
    except ValueError:
        return  # a URL string that is not even a number: coerce's fallback covers it
    with pytest.raises(ValueError, match=f"\\({setting.key}\\)"):
        setting.validate(parsed)


@pytest.mark.parametrize(
    ("setting", "value"),
    URL_CASES,
    ids=[f"{setting_id(s)}={value_id(v)}" for s, v in URL_CASES],
)
def test_a_hostile_url_value_falls_back_to_the_default(setting, value):
    assert_refused(setting, value)


@pytest.mark.parametrize(
    ("setting", "value"),
    JSON_CASES,
    ids=[f"{setting_id(s)}={value_id(v)}" for s, v in JSON_CASES],
)
def test_a_hostile_file_value_falls_back_to_the_default(setting, value):
    assert_refused(setting, value)


@pytest.mark.parametrize("setting", SETTINGS, ids=setting_id)
def test_a_valid_value_keeps_its_canonical_type(setting):
    """An option given as an equal number of another type (1.0 for 1) comes back as the
    option itself, so the core never gets a float epoch count or a bool learning rate."""
    for option in setting.options:
        if isinstance(option, int | float) and math.isfinite(option):
            same = float(option) if isinstance(option, int) else option
            assert type(setting.validate(same)) is type(option)
    assert type(setting.coerce(setting.format(setting.default))) is type(setting.default)


def test_the_corpus_covers_every_setting_kind_and_presenter_keys():
    assert {s.kind for s in SETTINGS} <= set(QUERIES["by_kind"]) == set(QUERIES["json_by_kind"])
    assert QUERIES["present"] and QUERIES["scene"]
    assert any(len(v) >= 10_000 for v in QUERIES["any_setting"] if isinstance(v, str))
