"""Showing text a user supplied (a file name, a cell, a typed number) exactly as written."""

from __future__ import annotations

import re

_MARKDOWN = re.compile(r"([\\`*_{}\[\]()<>#+\-.!|$~:])")


def plain(text: object) -> str:
    """``text`` with every Markdown character escaped: Streamlit's alerts render Markdown, so a
    cell such as ``*a*``, ``$x$`` or ``![img](http://…)`` must not turn into italics, maths or an
    image fetched from elsewhere."""
    return _MARKDOWN.sub(r"\\\1", str(text))
