"""Plotly figures of optimizers racing across a 2-D surface J(w₁, w₂): contour and 3-D view.

The contour figure is built to stay small: the contour and every full path are drawn once as
static traces, and the animation frames move only one "current position" marker per optimizer
(never the contour), at most ``surfaces.MAX_FRAMES`` frames. An invisible grid of points lies on
the contour so a click anywhere selects a point (Streamlit's ``on_select`` reports it), which the
page uses as the new start.

Styling follows ``playground.plots``: ``plotly_white``, fonts ≥ 14 px, Okabe-Ito colours, and
each optimizer also has its own line dash and marker symbol so the paths read without colour.
"""

from __future__ import annotations

import base64
import math
import struct
import zlib
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import plotly.graph_objects as go

from playground.engine.config import check_int
from playground.engine.racing import ALL_RACERS, LABELS
from playground.engine.surfaces import Surface, drawable, frame_steps
from playground.plotting.base import CLASS_COLORS, FONT_SIZE, _layout

OPTIMIZER_COLORS = {
    "gd": CLASS_COLORS[0],  # blue
    "momentum": CLASS_COLORS[1],  # vermillion
    "rmsprop": CLASS_COLORS[2],  # bluish green
    "adam": CLASS_COLORS[3],  # reddish purple
    "nesterov": CLASS_COLORS[4],  # orange
    "adagrad": CLASS_COLORS[9],  # black
}
"""One Okabe-Ito colour per optimizer, the same on every figure of both optimizer pages."""
OPTIMIZER_DASHES = {
    "gd": "solid",
    "momentum": "dash",
    "rmsprop": "dot",
    "adam": "solid",
    "nesterov": "longdash",
    "adagrad": "dashdot",
}
OPTIMIZER_SYMBOLS = {
    "gd": "circle",
    "momentum": "square",
    "rmsprop": "diamond",
    "adam": "star",
    "nesterov": "triangle-up",
    "adagrad": "x",
}
SURFACE_SCALE = [[0.0, "#ffffff"], [0.35, "#e3e9f0"], [1.0, "#9aa9b9"]]
"""Contour fill: white at the bottom of the valley, blue-grey up the walls (paths stay legible)."""
CONTOUR_LEVELS = 24
"""Bands of the filled contours."""
CLICK_GRID = 41
"""Points per axis of the invisible click grid over the contour."""
GHOST_COLOR = "#7f7f7f"


def _check_paths(paths: Mapping[str, np.ndarray]) -> dict[str, np.ndarray]:
    if not isinstance(paths, Mapping) or not paths:
        raise ValueError("paths must be a non-empty mapping of optimizer name → (steps + 1, 2)")
    checked = {}
    lengths = set()
    for name, path in paths.items():
        if name not in ALL_RACERS:
            raise ValueError(f"paths keys must be optimizer names {ALL_RACERS}; got {name!r}")
        array = np.asarray(path, dtype=float)
        if array.ndim != 2 or array.shape[1] != 2 or array.shape[0] < 2:
            raise ValueError(f"paths[{name!r}] must have shape (steps + 1, 2); got {array.shape}")
        checked[name] = array
        lengths.add(array.shape[0])
    if len(lengths) != 1:
        raise ValueError("paths must all have the same number of steps")
    return checked


def surface_levels(surface: Surface, J: np.ndarray) -> tuple[np.ndarray, dict[str, Any], str]:
    """The heights to colour, a colour bar and the hover name of J.

    With known minima the contour shows log₁₀(J − J* + δ), with J* the lowest minimum and δ a
    millionth of the range seen: a valley spanning decades gets evenly spaced rings. Without
    minima (the saddles, unbounded below) it shows J itself.
    """
    J = np.asarray(J, dtype=float)
    if not surface.minima:
        return J, {"title": {"text": "J", "side": "right"}}, "J"
    best = min(float(surface(*m)) for m in surface.minima)
    finite = J[np.isfinite(J)]
    span = float(finite.max() - best) if finite.size else 1.0
    delta = max(span, 1e-12) * 1e-6
    z = np.log10(np.maximum(J - best, 0.0) + delta)
    low, high = math.floor(np.nanmin(z)), math.ceil(np.nanmax(z))
    stride = max(1, math.ceil((high - low) / 6))
    ticks = list(range(low, high + 1, stride))
    bar = {
        "title": {"text": "J − J*", "side": "right"},
        "tickvals": ticks,
        "ticktext": [f"1e{t}" if t not in (0, 1) else ("1", "10")[t] for t in ticks],
    }
    return z, bar, "log₁₀(J − J*)"


def _view(surface: Surface, start: np.ndarray) -> tuple[list[float], list[float]]:
    """Axis ranges: the view box, widened to show the start if it lies outside."""
    x_low, x_high, y_low, y_high = surface.bounds
    pad_x, pad_y = 0.03 * (x_high - x_low), 0.03 * (y_high - y_low)
    return (
        [min(x_low, start[0] - pad_x), max(x_high, start[0] + pad_x)],
        [min(y_low, start[1] - pad_y), max(y_high, start[1] + pad_y)],
    )


def _hover(name: str) -> str:
    return f"{LABELS[name]}<br>w = (%{{x:.3f}}, %{{y:.3f}})<extra></extra>"


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


def race_contour(
    surface: Surface,
    paths: Mapping[str, np.ndarray],
    ghosts: Mapping[str, np.ndarray] | None = None,
    resolution: int = 300,
    max_frames: int = 100,
    title: str | None = None,
) -> go.Figure:
    """Contour of J with every optimizer's path, animated by a play button and a step slider.

    Parameters
    ----------
    surface : the surface J(w₁, w₂); its view box sets the axes (widened to show the start).
    paths : optimizer name → positions w_0 … w_steps, shape (steps + 1, 2); NaN after a
        divergence. All paths share the start w_0.
    ghosts : optional name → path drawn as a thin grey dashed line for comparison (e.g. Adam
        with bias correction while the raced Adam runs without).
    resolution : pixels per axis of the filled-contour image, in [20, 600] (J is evaluated on
        that grid in one batched call).
    max_frames : most animation frames, in [2, 500].
    title : figure title (defaults to the surface's formula).

    Returns
    -------
    go.Figure
        The filled contours are a layout image (``layout.images[0]``, name "J"). Traces: the
        colour bar's carrier (name "J", no points), the click grid (name "click target",
        invisible), one line per path (name = the optimizer's label), the ghosts, the start,
        the minima, then "position at this step": one marker per optimizer, the only trace the
        frames move. Frame k is named after its step; the slider starts on the last frame, so
        the still figure shows where each optimizer ended.
    """
    paths = _check_paths(paths)
    resolution = check_int("resolution", resolution, 20, 600)
    max_frames = check_int("max_frames", max_frames, 2, 500)
    names = list(paths)
    start = next(iter(paths.values()))[0]
    steps = next(iter(paths.values())).shape[0] - 1
    x_range, y_range = _view(surface, start)
    xx, yy = np.meshgrid(
        np.linspace(x_range[0], x_range[1], resolution),
        np.linspace(y_range[0], y_range[1], resolution),
    )
    with np.errstate(over="ignore", invalid="ignore"):
        z, bar, z_name = surface_levels(surface, surface(xx, yy))
    source, zmin, zmax = contour_image(z)
    traces: list[Any] = [
        go.Scatter(
            x=[None],
            y=[None],
            mode="markers",
            marker={
                "color": [zmin],
                "cmin": zmin,
                "cmax": zmax,
                "colorscale": SURFACE_SCALE,
                "showscale": True,
                "colorbar": {**bar, "thickness": 14, "len": 0.8},
            },
            name="J",
            showlegend=False,
            hoverinfo="skip",
        )
    ]
    gx, gy = np.meshgrid(
        np.linspace(x_range[0], x_range[1], CLICK_GRID),
        np.linspace(y_range[0], y_range[1], CLICK_GRID),
    )
    with np.errstate(over="ignore", invalid="ignore"):
        grid_J = surface(gx, gy).ravel()
    traces.append(
        go.Scatter(
            x=gx.ravel(),
            y=gy.ravel(),
            customdata=grid_J,
            mode="markers",
            marker={"size": 12, "opacity": 0, "color": "#000000"},
            selected={"marker": {"opacity": 0}},
            unselected={"marker": {"opacity": 0}},
            name="click target",
            showlegend=False,
            hovertemplate="click: start here<br>w = (%{x:.2f}, %{y:.2f})<br>J = %{customdata:.4g}"
            "<extra></extra>",
        )
    )
    for name, path in paths.items():
        shown = drawable(path, surface)
        traces.append(
            go.Scatter(
                x=shown[:, 0],
                y=shown[:, 1],
                mode="lines",
                name=LABELS[name],
                legendgroup=name,
                line={
                    "color": OPTIMIZER_COLORS[name],
                    "width": 3,
                    "dash": OPTIMIZER_DASHES[name],
                },
                hovertemplate=_hover(name),
            )
        )
    for name, path in (ghosts or {}).items():
        shown = drawable(np.asarray(path, dtype=float), surface)
        traces.append(
            go.Scatter(
                x=shown[:, 0],
                y=shown[:, 1],
                mode="lines",
                name=f"{LABELS.get(name, name)} (bias-corrected)",
                line={"color": GHOST_COLOR, "width": 2, "dash": "dot"},
                hovertemplate=f"{LABELS.get(name, name)} with bias correction<br>"
                "w = (%{x:.3f}, %{y:.3f})<extra></extra>",
            )
        )
    traces.append(
        go.Scatter(
            x=[start[0]],
            y=[start[1]],
            mode="markers",
            name="start w₀",
            marker={
                "symbol": "circle-open",
                "size": 16,
                "color": "#000000",
                "line": {"width": 3},
            },
            hovertemplate="start w₀ = (%{x:.2f}, %{y:.2f})<extra></extra>",
        )
    )
    if surface.minima:
        minima = np.asarray(surface.minima)
        traces.append(
            go.Scatter(
                x=minima[:, 0],
                y=minima[:, 1],
                mode="markers",
                name="minimum",
                marker={
                    "symbol": "star-diamond",
                    "size": 18,
                    "color": "#ffffff",
                    "line": {"color": "#000000", "width": 2},
                },
                hovertemplate="minimum (%{x:.3f}, %{y:.3f})<extra></extra>",
            )
        )
    frames_at = frame_steps(steps, max_frames)
    drawn = np.stack([drawable(paths[name], surface) for name in names])  # (optimizers, steps+1, 2)

    def positions(step: int) -> tuple[list, list]:
        """x and y of every optimizer at ``step`` as plain lists (fast to validate), NaN → None."""
        points = drawn[:, step, :]
        return (
            [None if math.isnan(v) else float(v) for v in points[:, 0]],
            [None if math.isnan(v) else float(v) for v in points[:, 1]],
        )

    last_x, last_y = positions(int(frames_at[-1]))
    traces.append(
        go.Scatter(
            x=last_x,
            y=last_y,
            text=[LABELS[name] for name in names],
            mode="markers",
            marker={
                "symbol": [OPTIMIZER_SYMBOLS[name] for name in names],
                "size": 16,
                "color": [OPTIMIZER_COLORS[name] for name in names],
                "line": {"color": "#ffffff", "width": 1.5},
            },
            name="position at this step",
            showlegend=False,
            hovertemplate="%{text}<br>w = (%{x:.3f}, %{y:.3f})<extra></extra>",
        )
    )
    marker_trace = len(traces) - 1
    frames = []
    for step in frames_at:
        x, y = positions(int(step))
        frames.append(
            {
                "name": str(step),
                "data": [{"type": "scatter", "x": x, "y": y}],
                "traces": [marker_trace],
            }
        )
    animate = {"mode": "immediate", "transition": {"duration": 0}}
    slider = {
        "active": len(frames_at) - 1,
        "currentvalue": {"prefix": "step ", "xanchor": "right", "font": {"size": FONT_SIZE}},
        "pad": {"t": 50, "b": 10},
        "len": 0.8,
        "x": 0.2,
        "y": 0,
        "font": {"size": 14},
        "steps": [
            {
                "label": str(step),
                "method": "animate",
                "args": [[str(step)], {**animate, "frame": {"duration": 0, "redraw": False}}],
            }
            for step in frames_at
        ],
    }
    play = {
        "type": "buttons",
        "direction": "left",
        "showactive": False,
        "x": 0.0,
        "y": 0,
        "xanchor": "left",
        "yanchor": "top",
        "pad": {"t": 60, "r": 10},
        "font": {"size": FONT_SIZE},
        "buttons": [
            {
                "label": "▶ Play",
                "method": "animate",
                "args": [
                    None,
                    {**animate, "frame": {"duration": 60, "redraw": False}, "fromcurrent": False},
                ],
            },
            {
                "label": "❚❚",
                "method": "animate",
                "args": [[None], {**animate, "frame": {"duration": 0, "redraw": False}}],
            },
        ],
    }
    aspect = (y_range[1] - y_range[0]) / (x_range[1] - x_range[0])
    layout = _layout(
        title or surface.formula,
        "w₁",
        "w₂",
        height=int(min(max(270 + 480 * aspect, 460), 780)),
        margin={"l": 60, "r": 20, "t": 140, "b": 40},
        legend={
            "font": {"size": FONT_SIZE},
            "orientation": "h",
            "x": 0.5,
            "xanchor": "center",
            "y": 1.02,
            "yanchor": "bottom",
        },
        hovermode="closest",
        sliders=[slider],
        updatemenus=[play],
    )
    layout["title"].update(y=0.98, yanchor="top")
    layout["uirevision"] = surface.name  # a zoom survives a new start or rate on this surface
    layout["images"] = [
        {
            "source": source,
            "name": "J",
            "xref": "x",
            "yref": "y",
            "x": x_range[0],
            "y": y_range[1],
            "sizex": x_range[1] - x_range[0],
            "sizey": y_range[1] - y_range[0],
            "sizing": "stretch",
            "xanchor": "left",
            "yanchor": "top",
            "layer": "below",
        }
    ]
    layout["xaxis"].update(range=x_range, constrain="domain", showgrid=False, zeroline=False)
    layout["yaxis"].update(
        range=y_range,
        scaleanchor="x",
        scaleratio=1,
        constrain="domain",
        showgrid=False,
        zeroline=False,
    )
    return go.Figure(data=traces, layout=layout, frames=frames)


def race_surface_3d(
    surface: Surface,
    paths: Mapping[str, np.ndarray],
    resolution: int = 60,
    title: str | None = None,
) -> go.Figure:
    """J as a 3-D surface over the view box with each path riding on it.

    The height is the same as the contour's colour (log₁₀(J − J* + δ) with minima, else J); the
    path points outside the view box are left out.

    Parameters
    ----------
    surface : the surface J(w₁, w₂).
    paths : optimizer name → positions, shape (steps + 1, 2).
    resolution : grid points per axis, in [10, 200].
    title : figure title.

    Returns
    -------
    go.Figure
        Trace 0 the ``Surface``, then one ``Scatter3d`` line per path (named by label).
    """
    paths = _check_paths(paths)
    resolution = check_int("resolution", resolution, 10, 200)
    xs, ys, J = surface.grid(resolution)
    with np.errstate(over="ignore", invalid="ignore"):
        z, bar, z_name = surface_levels(surface, J)
    traces: list[Any] = [
        go.Surface(
            x=xs,
            y=ys,
            z=z.astype(np.float32),
            colorscale=SURFACE_SCALE,
            showscale=False,
            opacity=0.92,
            name="J",
            hovertemplate=f"w = (%{{x:.2f}}, %{{y:.2f}})<br>{z_name} = %{{z:.3g}}<extra></extra>",
        )
    ]
    x_low, x_high, y_low, y_high = surface.bounds
    for name, path in paths.items():
        inside = (
            np.isfinite(path).all(axis=1)
            & (path[:, 0] >= x_low)
            & (path[:, 0] <= x_high)
            & (path[:, 1] >= y_low)
            & (path[:, 1] <= y_high)
        )
        shown = np.where(inside[:, None], path, np.nan)
        height = _heights_like_grid(surface, J, shown)
        traces.append(
            go.Scatter3d(
                x=shown[:, 0],
                y=shown[:, 1],
                z=height,
                mode="lines",
                name=LABELS[name],
                line={"color": OPTIMIZER_COLORS[name], "width": 7},
                hovertemplate=_hover(name),
            )
        )
    layout = _layout(title or f"{surface.formula} in 3-D", "w₁", "w₂", height=620)
    del layout["xaxis"], layout["yaxis"]
    width, depth = x_high - x_low, y_high - y_low
    axis = {"nticks": 5, "tickfont": {"size": 14}}
    layout["scene"] = {
        "xaxis": {**axis, "title": {"text": "w₁"}},
        "yaxis": {**axis, "title": {"text": "w₂"}},
        "zaxis": {**axis, "title": {"text": z_name}},
        "aspectmode": "manual",
        "aspectratio": {"x": 1.0, "y": depth / width, "z": 0.55},
        "camera": {"eye": {"x": -1.25, "y": -1.45, "z": 0.95}},
    }
    layout["margin"] = {"l": 0, "r": 0, "t": 60, "b": 0}
    layout["legend"] = {"font": {"size": FONT_SIZE}, "orientation": "h", "y": 0.0}
    return go.Figure(data=traces, layout=layout)


def _heights_like_grid(surface: Surface, J: np.ndarray, points: np.ndarray) -> np.ndarray:
    """The contour's heights at ``points``: log₁₀(J − J* + δ) with the δ the grid ``J`` used
    (see surface_levels), or J itself on a surface without minima."""
    if not surface.minima:
        with np.errstate(over="ignore", invalid="ignore"):
            return surface(points[:, 0], points[:, 1])
    best = min(float(surface(*m)) for m in surface.minima)
    finite = J[np.isfinite(J)]
    delta = max(float(finite.max() - best), 1e-12) * 1e-6
    with np.errstate(over="ignore", invalid="ignore"):
        values = surface(points[:, 0], points[:, 1])
        return np.log10(np.maximum(values - best, 0.0) + delta)


def race_colors(names: Sequence[str]) -> dict[str, str]:
    """The colour of each optimizer name (for tables and text next to the figures)."""
    unknown = [name for name in names if name not in OPTIMIZER_COLORS]
    if unknown:
        raise ValueError(f"names must be optimizer names {ALL_RACERS}; got {unknown[0]!r}")
    return {name: OPTIMIZER_COLORS[name] for name in names}
