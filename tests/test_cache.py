"""The app's cache helper (playground/ui/cache.py): a model function called through ``cached``
is computed once per arguments and every caller gets its own copy; figures through ``kept``
are the same object for every caller."""

from __future__ import annotations

import logging

import pytest

from playground.engine.experiment import make_data
from playground.ui import cache


@pytest.fixture(autouse=True)
def quiet():
    """Outside a Streamlit server the caches warn that they use memory storage: they do."""
    logger = logging.getLogger("streamlit.runtime.caching.cache_data_api")
    level = logger.level
    logger.setLevel(logging.ERROR)
    yield
    logger.setLevel(level)


def test_a_model_function_is_computed_once_per_arguments_and_each_caller_gets_a_copy():
    calls = []

    def model(x: int) -> list[int]:
        calls.append(x)
        return [x, x]

    wrapped = cache.cached(model)
    wrapped.clear()
    first, second = wrapped(3), wrapped(3)
    assert first == second == [3, 3] and first is not second
    assert calls == [3]
    assert wrapped(4) == [4, 4] and calls == [3, 4]
    wrapped.clear()


def test_a_figure_is_kept_as_the_same_object():
    def draw(x: int) -> dict:
        return {"x": x}

    wrapped = cache.kept(draw)
    wrapped.clear()
    assert wrapped(1) is wrapped(1)
    wrapped.clear()


def test_a_package_function_is_wrapped_once_per_policy_a_page_function_every_time():
    assert cache.cached(make_data) is cache.cached(make_data)
    assert cache.cached(make_data, entries=32) is not cache.cached(make_data)

    def page_function(x: int) -> int:
        return x

    assert cache.cached(page_function) is not cache.cached(page_function)
