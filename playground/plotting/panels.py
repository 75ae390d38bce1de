"""Figures of several panels: a grid of axes built by hand, with a title above each panel.

Built by hand rather than with ``make_subplots`` (which costs a few hundred ms per figure and
checks every trace again when it is added): the layout entries are plain dicts.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from playground.engine.config import check_int
from playground.plotting.style import FONT_SIZE

PANEL_TITLE_SIZE = FONT_SIZE + 1
"""Font size of the title above a panel, in px."""


def panel_title(text: str, x: float, y: float = 1.0) -> dict[str, Any]:
    """A panel's title: an annotation centred on paper ``x``, its bottom at paper ``y``."""
    return {
        "text": text,
        "x": x,
        "y": y,
        "xref": "paper",
        "yref": "paper",
        "xanchor": "center",
        "yanchor": "bottom",
        "showarrow": False,
        "font": {"size": PANEL_TITLE_SIZE},
    }


def panel_titles(titles: Iterable[tuple[str, float]]) -> list[dict[str, Any]]:
    """Titles above side-by-side panels: one paper-anchored annotation per (text, x centre)."""
    return [panel_title(text, x) for text, x in titles]


def grid_layout(
    rows: int,
    cols: int,
    titles: Sequence[str] = (),
    gap_x: float = 0.04,
    gap_y: float = 0.2,
    heights: Sequence[float] | None = None,
    **axis: Any,
) -> tuple[dict[str, Any], list[tuple[str, str]]]:
    """Layout entries of a rows × cols grid of panels, and each panel's axis references.

    Panel p (counted row by row from 0) gets axes ``x{p+1}`` and ``y{p+1}`` (``x`` and ``y`` for
    the first) anchored to each other, with domains leaving ``gap_x`` and ``gap_y`` (paper
    units) between panels; ``heights`` are the rows' relative heights (equal by default). Each
    non-empty title is written above its panel; ``axis`` settings go to every axis.

    Returns
    -------
    layout : dict
        ``xaxis``, ``xaxis2``, …, ``yaxis``, … and ``annotations`` (the titles).
    refs : list of (str, str)
        Each panel's ("x2", "y2") references, row by row.
    """
    rows, cols = check_int("rows", rows, 1, 10), check_int("cols", cols, 1, 10)
    heights = list(heights) if heights is not None else [1.0] * rows
    width = (1 - gap_x * (cols - 1)) / cols
    shares = [h / sum(heights) * (1 - gap_y * (rows - 1)) for h in heights]
    layout: dict[str, Any] = {"annotations": []}
    refs = []
    for index in range(rows * cols):
        row, col = divmod(index, cols)
        suffix = "" if index == 0 else str(index + 1)
        x0 = col * (width + gap_x)
        y1 = 1 - sum(shares[:row]) - row * gap_y
        x_domain = [round(x0, 6), round(min(1.0, x0 + width), 6)]
        y_domain = [round(max(0.0, y1 - shares[row]), 6), round(y1, 6)]
        layout[f"xaxis{suffix}"] = {"domain": x_domain, "anchor": f"y{suffix}", **axis}
        layout[f"yaxis{suffix}"] = {"domain": y_domain, "anchor": f"x{suffix}", **axis}
        if index < len(titles) and titles[index]:
            layout["annotations"].append(panel_title(titles[index], x0 + width / 2, y1))
        refs.append((f"x{suffix}", f"y{suffix}"))
    return layout, refs
