"""The page registry: one entry per page, read by app.py (navigation) and the Home page (links)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

PAGES_DIR = Path(__file__).resolve().parents[2] / "pages"


@dataclass(frozen=True)
class PageInfo:
    file: str
    title: str
    icon: str
    url_path: str
    teaches: str

    @property
    def path(self) -> Path:
        return PAGES_DIR / self.file


SECTIONS: dict[str, list[PageInfo]] = {
    "Start": [
        PageInfo("home.py", "Home", "🏠", "home", "What this app is and where to go."),
        PageInfo(
            "playground.py",
            "Playground",
            "🧪",
            "playground",
            "Every knob at once: data, network, regularization, optimizer — watch it train.",
        ),
    ],
    "Week 1 — Practical aspects": [],
    "Week 2 — Optimization": [],
    "Week 3 — Tuning, batch norm, softmax": [],
}
"""Sections in course order; a section with no pages yet is not shown."""


def all_pages() -> list[PageInfo]:
    return [page for pages in SECTIONS.values() for page in pages]
