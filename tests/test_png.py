"""Server-side PNGs through kaleido: one browser kept alive for every figure (needs Chromium)."""

from __future__ import annotations

import io
import struct
import zipfile

import plotly.graph_objects as go
import psutil
import pytest

from playground.engine.export import figures_zip
from playground.ui.png import PNG_OPTIONS, browser_path, png_renderer

pytestmark = pytest.mark.skipif(browser_path() is None, reason="needs Chrome or Chromium")

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def png_size(png: bytes) -> tuple[int, int]:
    """Width and height from the PNG's IHDR chunk (right after the 8-byte signature)."""
    assert png[:8] == PNG_MAGIC
    assert png[12:16] == b"IHDR"
    return struct.unpack(">II", png[16:24])


def browsers() -> set[int]:
    """Process ids of the browsers this test process started."""
    children = psutil.Process().children(recursive=True)
    return {p.pid for p in children if "chrom" in p.name().lower() and p.is_running()}


def small_figure(n: int) -> go.Figure:
    return go.Figure(go.Scatter(y=list(range(n))), layout={"title": f"{n} points"})


def test_a_figure_is_drawn_at_presentation_size():
    png = png_renderer()(small_figure(3))
    width, height = png_size(png)
    assert (width, height) == (
        PNG_OPTIONS["width"] * PNG_OPTIONS["scale"],
        PNG_OPTIONS["height"] * PNG_OPTIONS["scale"],
    )
    assert len(png) > 10_000  # a drawn figure, not an empty image


def test_later_figures_reuse_the_same_renderer_and_browser():
    renderer = png_renderer()
    renderer(small_figure(2))
    running, drawn = browsers(), renderer.figures_drawn
    assert running, "kaleido's browser should be a child of this process"
    first, second = renderer(small_figure(4)), png_renderer()(small_figure(5))
    assert png_renderer() is renderer
    assert renderer.figures_drawn == drawn + 2
    assert browsers() == running
    assert first != second


def test_the_zip_of_real_figures_holds_pngs():
    figures = {"cost": small_figure(3), "boundary": small_figure(6)}
    with zipfile.ZipFile(io.BytesIO(figures_zip(figures, png_renderer()))) as archive:
        assert archive.namelist() == ["cost.png", "boundary.png"]
        for name in archive.namelist():
            assert archive.read(name).startswith(PNG_MAGIC)
