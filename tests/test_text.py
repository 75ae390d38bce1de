"""User text shown in an alert reads exactly as typed."""

from pages_helpers import shown
from streamlit.testing.v1 import AppTest

from playground.ui.text import plain

TRICKY = [
    "*a* and _b_",
    "$x^2$ costs",
    "![img](http://example.com/x.png)",
    "<script>alert(1)</script>",
    ":red[alarm] :smile:",
    "back\\slash `code` # title",
]


def test_plain_escapes_every_markdown_character_and_reads_back() -> None:
    for text in TRICKY:
        escaped = plain(text)
        assert shown(escaped) == text


def test_plain_puts_a_backslash_before_each_markup_character() -> None:
    assert plain("*a*") == r"\*a\*"
    assert plain("$x$") == r"\$x\$"
    assert plain("![i](u)") == r"\!\[i\]\(u\)"
    assert plain("a\\b") == r"a\\b"


def test_an_alert_of_plain_text_renders_no_markup() -> None:
    def script() -> None:
        import streamlit as st

        from playground.ui.text import plain

        st.error(plain("![img](http://example.com/x.png) *a* $x$"))

    at = AppTest.from_function(script).run()
    assert not at.exception
    assert shown(at.error[0].value) == "![img](http://example.com/x.png) *a* $x$"
