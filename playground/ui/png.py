"""Server-side PNGs of Plotly figures: one headless Chromium per process, kept alive by kaleido.

Kaleido ≥ 1 draws figures in a Chrome or Chromium it drives through choreographer. Starting a
browser takes seconds, so the first figure pays for it once and every later figure, from any
session, goes to the same browser through kaleido's sync server (a fraction of a second each).
"""

from __future__ import annotations

import os
import shutil
import threading

import plotly.graph_objects as go
import streamlit as st

PNG_OPTIONS = {"format": "png", "width": 1600, "height": 900, "scale": 2}
"""Presentation size (16:9, drawn at twice the pixels: sharp on a projector or in slides), for
Plotly's own camera button and for the server-side export alike."""
BROWSER_NAMES = ("chromium", "chromium-browser", "google-chrome", "chrome")


def browser_path() -> str | None:
    """The browser kaleido will use: ``BROWSER_PATH`` if set (choreographer's own override),
    else the first Chrome or Chromium on ``PATH`` (Debian's ``/usr/bin/chromium``), else None."""
    if os.environ.get("BROWSER_PATH"):
        return os.environ["BROWSER_PATH"]
    return next(filter(None, map(shutil.which, BROWSER_NAMES)), None)


class PngRenderer:
    """Draws figures to PNG bytes in kaleido's one sync server, started on the first figure.

    Kaleido's server answers requests in order through one queue and hands back whichever answer
    is next, so concurrent sessions take turns through a lock.
    """

    def __init__(self, path: str) -> None:
        self.path = path
        self.figures_drawn = 0
        self._lock = threading.Lock()

    def __call__(self, figure: go.Figure) -> bytes:
        import kaleido  # only when asked: importing it is not free and most runs never export

        with self._lock:
            # A no-op once running; mathjax=False: no LaTeX in our figures, and no CDN to reach.
            kaleido.start_sync_server(path=self.path, mathjax=False, silence_warnings=True)
            png = kaleido.calc_fig_sync(figure, opts=dict(PNG_OPTIONS))
            self.figures_drawn += 1
        return png


@st.cache_resource(show_spinner=False)
def png_renderer() -> PngRenderer | None:
    """This process's renderer (shared by every session), or None without a browser."""
    path = browser_path()
    return None if path is None else PngRenderer(path)
