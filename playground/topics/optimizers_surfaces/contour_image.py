"""Filled contours drawn as a PNG image, for a figure whose markers are animated.

An image in the layout, unlike a Contour trace, stays put while plotly.js animates the markers
(a Contour trace vanishes: plotly.js #4491, #4596). The PNG is written here with zlib from the
standard library, so the figures need no imaging package.
"""

from __future__ import annotations

import base64
import struct
import zlib

import numpy as np

from playground.engine.config import check_int

SURFACE_SCALE = [[0.0, "#ffffff"], [0.35, "#e3e9f0"], [1.0, "#9aa9b9"]]
"""Contour fill: white at the bottom of the valley, blue-grey up the walls (paths stay legible)."""
CONTOUR_LEVELS = 24
"""Bands of the filled contours."""


def png_data_uri(rgb: np.ndarray) -> str:
    """Encode an image (height, width, 3) of uint8 as a ``data:image/png;base64,…`` URI.

    A minimal PNG writer (8-bit RGB, no interlace, filter 0 on every row) with zlib from the
    standard library, so the figures need no imaging package.
    """
    rgb = np.asarray(rgb)
    if rgb.ndim != 3 or rgb.shape[2] != 3 or rgb.dtype != np.uint8 or 0 in rgb.shape:
        raise ValueError(f"rgb must be a non-empty uint8 array (height, width, 3); got {rgb.shape}")
    height, width = rgb.shape[:2]

    def chunk(kind: bytes, body: bytes) -> bytes:
        crc = zlib.crc32(kind + body) & 0xFFFFFFFF
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", crc)

    rows = np.concatenate([np.zeros((height, 1), np.uint8), rgb.reshape(height, -1)], axis=1)
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    png = (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows.tobytes(), 6))
        + chunk(b"IEND", b"")
    )
    return "data:image/png;base64," + base64.b64encode(png).decode("ascii")


def _scale_color(t: np.ndarray) -> np.ndarray:
    """RGB (…, 3) floats of ``SURFACE_SCALE`` at positions t in [0, 1]."""
    stops = np.array([stop for stop, _ in SURFACE_SCALE])
    colors = np.array([[int(c[i : i + 2], 16) for i in (1, 3, 5)] for _, c in SURFACE_SCALE])
    return np.stack([np.interp(t, stops, colors[:, k]) for k in range(3)], axis=-1)


def contour_image(z: np.ndarray, levels: int = CONTOUR_LEVELS) -> tuple[str, float, float]:
    """Filled contours of ``z`` (rows from the bottom y up) as a PNG data URI.

    ``z`` is cut into ``levels`` equal bands between its finite min and max; each band gets one
    colour of ``SURFACE_SCALE`` and pixels where the band changes are drawn darker (the contour
    lines). Returns (URI, zmin, zmax). An image in the layout, unlike a Contour trace, stays put
    while plotly.js animates the markers (a Contour trace vanishes: plotly.js #4491, #4596).
    """
    z = np.asarray(z, dtype=float)
    if z.ndim != 2 or min(z.shape) < 2:
        raise ValueError(f"z must be a 2-D grid of at least 2×2 values; got shape {z.shape}")
    levels = check_int("levels", levels, 2, 200)
    finite = z[np.isfinite(z)]
    zmin, zmax = (float(finite.min()), float(finite.max())) if finite.size else (0.0, 1.0)
    span = zmax - zmin if zmax > zmin else 1.0
    t = np.clip(np.nan_to_num((z - zmin) / span, nan=1.0, posinf=1.0, neginf=0.0), 0.0, 1.0)
    band = np.minimum((t * levels).astype(int), levels - 1)
    rgb = _scale_color((band + 0.5) / levels)
    edge = np.zeros(band.shape, dtype=bool)
    edge[:, 1:] |= band[:, 1:] != band[:, :-1]
    edge[1:, :] |= band[1:, :] != band[:-1, :]
    rgb[edge] = 0.7 * rgb[edge] + 0.3 * np.array([60.0, 70.0, 80.0])
    image = np.round(rgb[::-1]).astype(np.uint8)  # PNG rows run from the top
    return png_data_uri(image), zmin, zmax
