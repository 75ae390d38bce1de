"""The notation legend (playground.catalog.notation): every symbol the course uses, each with the
widgets that set it — label and URL key as the settings tables declare them, none missing."""

from __future__ import annotations

import re

import pytest

from playground.catalog import TOPICS
from playground.catalog.notation import SYMBOLS, legend_markdown, widgets_of

COURSE = {
    "J": "J",
    "W^{[l]}": "W^{[l]}",
    "b^{[l]}": "b^{[l]}",
    "α": r"\alpha",
    "β": r"\beta",
    "β₁": r"\beta_1",
    "β₂": r"\beta_2",
    "ε": r"\varepsilon",
    "λ": r"\lambda",
    "keep_prob": r"\text{keep\_prob}",
    "γ and batch norm's β": r"\gamma,\ \beta",
    "t": "t",
    "m": "m",
    "n^[l]": "n^{[l]}",
}
"""The symbols the issue names, and their TeX in the legend."""
GLYPHS = {symbol: COURSE[symbol] for symbol in ("α", "β", "β₁", "β₂", "ε", "λ")}
"""A setting whose label shows one of these is a course symbol: it must be listed under it."""
PINNED = {
    "lr": r"\alpha",
    "mom_beta": r"\beta",
    "beta": r"\beta",
    "beta1": r"\beta_1",
    "rms_beta": r"\beta_2",
    "eps": r"\varepsilon",
    "l2": r"\lambda",
    "kp1": r"\text{keep\_prob}",
    "kp": r"\text{keep\_prob}",
    "h1": "n^{[l]}",
    "m": "m",
    "depth": "L",
    "bn": r"\gamma,\ \beta",
    "init": "W^{[l]}",
    "days": "t",
    "cost": "J",
}
"""Settings whose symbol the legend must name (what a learner looks up)."""


def settings() -> dict[str, set[str]]:
    """Every setting key of every topic, with the labels it carries."""
    found: dict[str, set[str]] = {}
    for topic in TOPICS.values():
        for key, setting in topic.page_settings().items():
            found.setdefault(key, set()).add(setting.label)
    return found


def listed() -> dict[str, set[str]]:
    """Each symbol's TeX → the keys the legend lists under it."""
    return {symbol.tex: {w.key for w in widgets_of(symbol)} for symbol in SYMBOLS}


def test_the_legend_has_every_symbol_of_the_course():
    tex = [symbol.tex for symbol in SYMBOLS]
    assert set(COURSE.values()) <= set(tex)
    assert len(tex) == len(set(tex))


def test_every_listed_widget_is_a_setting_with_that_label():
    table = settings()
    for symbol in SYMBOLS:
        for widget in widgets_of(symbol):
            assert widget.key in table, f"{symbol.tex}: no setting {widget.key!r}"
            assert set(widget.labels) == table[widget.key]


@pytest.mark.parametrize("glyph", GLYPHS)
def test_every_setting_labelled_with_a_course_symbol_is_listed_under_it(glyph):
    keys = listed()[GLYPHS[glyph]]
    pattern = re.compile(f"{glyph}(?![₀-₉])" if len(glyph) == 1 else glyph)
    labelled = {k for k, labels in settings().items() if any(pattern.search(x) for x in labels)}
    assert labelled, f"no setting shows {glyph}: the check checks nothing"
    assert labelled <= keys, f"not listed under {glyph}: {sorted(labelled - keys)}"


def test_keep_prob_layer_units_and_momentum_settings_are_listed():
    table = settings()
    for keys, tex in [
        ({k for k, ls in table.items() if any("keep_prob" in x for x in ls)}, r"\text{keep\_prob}"),
        ({k for k in table if re.fullmatch(r"h\d", k)}, "n^{[l]}"),
        ({k for k, ls in table.items() if any("β (momentum)" in x for x in ls)}, r"\beta"),
    ]:
        assert keys and keys <= listed()[tex], (tex, sorted(keys - listed()[tex]))


@pytest.mark.parametrize(("key", "tex"), PINNED.items())
def test_a_learner_finds_the_symbol_of_a_widget(key, tex):
    assert key in listed()[tex]


def test_the_legend_shows_label_and_url_key_in_the_course_notation():
    text = legend_markdown()
    assert r"| $\alpha$ |" in text and "Learning rate α `lr`" in text
    assert r"| $\beta_2$ |" in text and "β₂ (RMSprop) `rms_beta`" in text
    assert r"| $b^{[l]}$ |" in text and "— (no widget)" in text
