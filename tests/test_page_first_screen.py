"""AppTest of what every page shows on arrival: the row above its title (🎬 scenes, 📖 Notation,
🎦 Presenter mode) with the notation legend, and, before the first run, no empty figure (axes
with nothing on them, such as a cost plot whose log axis spans 0.1–10 000 by default): the page
shows the untrained network, or says what ▶ Start will draw there."""

from __future__ import annotations

import json
import math

import pytest
from pages_helpers import assert_clean, decode_typed_arrays, open_page

from playground.catalog import SCENES, all_pages
from playground.catalog.notation import legend_markdown
from playground.ui.page_bar import NOTATION_KEY

DATA = ("x", "y", "z", "values", "r")
"""The arrays of a trace that hold what it draws."""


def numbers(value: object) -> list[float]:
    """Every finite number in ``value`` (nested lists of numbers, None for gaps)."""
    if isinstance(value, list):
        return [n for item in value for n in numbers(item)]
    if isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value):
        return [float(value)]
    return []


def draws_something(trace: dict) -> bool:
    """Whether a trace has a number to draw."""
    return any(numbers(trace.get(axis)) for axis in DATA)


@pytest.mark.parametrize("page", [page.file for page in all_pages()])
def test_every_page_opens_with_its_bar_and_no_empty_figure(page):
    at = open_page(f"pages/{page}")
    assert_clean(at)
    assert legend_markdown() not in [markdown.value for markdown in at.markdown]  # until opened
    assert at.toggle(key="present").label == "🎦 Presenter mode"
    slug = page.removesuffix(".py")
    if slug in SCENES:
        assert at.selectbox(key=f"scene_{slug}").label == "🎬 Scene"
    empty = []
    for chart in at.get("plotly_chart"):
        figure = decode_typed_arrays(json.loads(chart.proto.spec))
        if not any(draws_something(trace) for trace in figure["data"]):
            empty.append(chart.key or figure["layout"].get("title", {}).get("text"))
    assert not empty, f"{page}: empty figures before any run: {empty}"


def popover_markdown(node) -> list[str]:
    """The markdown inside the popovers under ``node`` of an AppTest tree."""
    found = []
    for child in getattr(node, "children", {}).values():
        if getattr(child, "type", None) == "popover":
            found += [block.value for block in child.markdown]
        else:
            found += popover_markdown(child)
    return found


@pytest.mark.parametrize("page", ["playground.py", "regularization.py"])
def test_opening_the_notation_shows_the_legend_in_it(page):
    at = open_page(f"pages/{page}")
    assert legend_markdown() not in popover_markdown(at.main)
    at.session_state[NOTATION_KEY] = True  # what the browser sends when 📖 Notation opens
    at.run()
    assert_clean(at)
    assert legend_markdown() in popover_markdown(at.main)
