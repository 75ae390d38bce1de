"""Plotly figures of optimizers racing across a 2-D surface J(w₁, w₂): contour and 3-D view.

The contour figure is built to stay small: the contour and every full path are drawn once as
static traces, and the animation frames move only one "current position" marker per optimizer
(never the contour), at most ``surfaces.MAX_FRAMES`` frames. An invisible grid of points lies on
the contour so a click anywhere selects a point (Streamlit's ``on_select`` reports it), which the
page uses as the new start.

Styling follows ``playground.plotting.style``: ``plotly_white``, fonts ≥ 14 px, Okabe-Ito colours,
and each optimizer also has its own line dash and marker symbol so the paths read without colour.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

import numpy as np
import plotly.graph_objects as go

from playground.engine.config import check_int
from playground.engine.racing import ALL_RACERS, LABELS
from playground.engine.surfaces import Surface, drawable, frame_steps
from playground.plotting.axes import equal_aspect
from playground.plotting.markers import minimum_marker
from playground.plotting.optimizer_styles import (
    OPTIMIZER_COLORS,
    OPTIMIZER_DASHES,
    OPTIMIZER_SYMBOLS,
)
from playground.plotting.style import FONT_SIZE, base_layout, horizontal_legend, panels_layout
from playground.topics.optimizers_surfaces.contour_image import SURFACE_SCALE, contour_image

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
        return J, {"title": {"text": "J", "side": "top"}}, "J"
    best = min(float(surface(*m)) for m in surface.minima)
    finite = J[np.isfinite(J)]
    span = float(finite.max() - best) if finite.size else 1.0
    delta = max(span, 1e-12) * 1e-6
    z = np.log10(np.maximum(J - best, 0.0) + delta)
    low, high = math.floor(np.nanmin(z)), math.ceil(np.nanmax(z))
    stride = max(1, math.ceil((high - low) / 6))
    ticks = list(range(low, high + 1, stride))
    bar = {
        "title": {"text": "J − J*", "side": "top"},
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
    first = next(iter(paths.values()))
    start, steps = first[0], first.shape[0] - 1
    x_range, y_range = _view(surface, start)
    image, colorbar = _filled_contours(surface, x_range, y_range, resolution)
    frames_at = frame_steps(steps, max_frames)
    drawn = {name: drawable(path, surface) for name, path in paths.items()}
    traces: list[Any] = [
        colorbar,
        _click_targets(surface, x_range, y_range),
        *(_path_line(name, path) for name, path in drawn.items()),
        *(
            _ghost_line(name, drawable(np.asarray(path, dtype=float), surface))
            for name, path in (ghosts or {}).items()
        ),
        _start_ring(start),
    ]
    if surface.minima:
        minima = np.asarray(surface.minima)
        hover = "minimum (%{x:.3f}, %{y:.3f})<extra></extra>"
        traces.append(minimum_marker(minima[:, 0], minima[:, 1], hover=hover))
    traces.append(_positions(drawn, int(frames_at[-1])))
    frames = [
        {
            "name": str(step),
            "data": [_positions(drawn, int(step), moved_only=True)],
            "traces": [len(traces) - 1],
        }
        for step in frames_at
    ]
    layout = _race_layout(title or surface.formula, x_range, y_range, frames_at)
    layout["uirevision"] = surface.name  # a zoom survives a new start or rate on this surface
    layout["images"] = [image]
    return go.Figure(data=traces, layout=layout, frames=frames)


def _filled_contours(
    surface: Surface, x_range: list[float], y_range: list[float], resolution: int
) -> tuple[dict[str, Any], go.Scatter]:
    """The filled contours of J over the view as a layout image (see ``contour_image``), and an
    empty trace carrying their colour bar."""
    xx, yy = np.meshgrid(
        np.linspace(x_range[0], x_range[1], resolution),
        np.linspace(y_range[0], y_range[1], resolution),
    )
    with np.errstate(over="ignore", invalid="ignore"):
        z, bar, _ = surface_levels(surface, surface(xx, yy))
    source, zmin, zmax = contour_image(z)
    image = {
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
    carrier = go.Scatter(
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
    return image, carrier


def _click_targets(surface: Surface, x_range: list[float], y_range: list[float]) -> go.Scatter:
    """An invisible grid of points over the view: a click anywhere selects one (the new start)."""
    gx, gy = np.meshgrid(
        np.linspace(x_range[0], x_range[1], CLICK_GRID),
        np.linspace(y_range[0], y_range[1], CLICK_GRID),
    )
    with np.errstate(over="ignore", invalid="ignore"):
        grid_J = surface(gx, gy).ravel()
    return go.Scatter(
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


def _path_line(name: str, shown: np.ndarray) -> go.Scatter:
    """One optimizer's whole path, in its colour and dash."""
    return go.Scatter(
        x=shown[:, 0],
        y=shown[:, 1],
        mode="lines",
        name=LABELS[name],
        legendgroup=name,
        line={"color": OPTIMIZER_COLORS[name], "width": 3, "dash": OPTIMIZER_DASHES[name]},
        hovertemplate=_hover(name),
    )


def _ghost_line(name: str, shown: np.ndarray) -> go.Scatter:
    """A path drawn for comparison only: thin, grey and dotted."""
    label = LABELS.get(name, name)
    return go.Scatter(
        x=shown[:, 0],
        y=shown[:, 1],
        mode="lines",
        name=f"{label} (bias-corrected)",
        line={"color": GHOST_COLOR, "width": 2, "dash": "dot"},
        hovertemplate=f"{label} with bias correction<br>w = (%{{x:.3f}}, %{{y:.3f}})"
        "<extra></extra>",
    )


def _start_ring(start: np.ndarray) -> go.Scatter:
    """The common start w₀, an open ring (the position markers sit on it at step 0)."""
    return go.Scatter(
        x=[start[0]],
        y=[start[1]],
        mode="markers",
        name="start w₀",
        marker={"symbol": "circle-open", "size": 16, "color": "#000000", "line": {"width": 3}},
        hovertemplate="start w₀ = (%{x:.2f}, %{y:.2f})<extra></extra>",
    )


def _positions(drawn: Mapping[str, np.ndarray], step: int, moved_only: bool = False) -> dict:
    """Every optimizer's position at ``step`` as one markers trace (NaN → a gap): the trace the
    animation frames move. With ``moved_only``, just the type and the points (a frame's data)."""
    points = np.stack([path[step] for path in drawn.values()])
    x = [None if math.isnan(v) else float(v) for v in points[:, 0]]
    y = [None if math.isnan(v) else float(v) for v in points[:, 1]]
    if moved_only:
        return {"type": "scatter", "x": x, "y": y}
    return {
        "type": "scatter",
        "x": x,
        "y": y,
        "text": [LABELS[name] for name in drawn],
        "mode": "markers",
        "marker": {
            "symbol": [OPTIMIZER_SYMBOLS[name] for name in drawn],
            "size": 16,
            "color": [OPTIMIZER_COLORS[name] for name in drawn],
            "line": {"color": "#ffffff", "width": 1.5},
        },
        "name": "position at this step",
        "showlegend": False,
        "hovertemplate": "%{text}<br>w = (%{x:.3f}, %{y:.3f})<extra></extra>",
    }


RACE_WIDTH = 1000
"""About the width of the race's plot on a laptop, in px: the figure spans the page's width."""


def race_height(aspect: float) -> int:
    """The race figure's height for a view ``aspect`` = (w₂ span) / (w₁ span) times wider: the
    plot about ``RACE_WIDTH`` px wide (equal units on both axes) plus the title, legend and
    slider, between 560 and 840 px (a tall view is narrower instead of taller than a screen)."""
    return int(min(max(200 + RACE_WIDTH * aspect, 560), 840))


def minimum_zoom(
    surface: Surface, paths: Mapping[str, np.ndarray], resolution: int = 160
) -> go.Figure | None:
    """The last half of every path around the lowest minimum, magnified: where the paths of
    the race figure pile up on each other.

    The box is square around the minimum, as wide as the farthest of the paths' second halves
    (at least 1/200, at most 1/4 of the view box): who settles, who circles, who overshoots.
    None without minima (the saddles) or when no path comes near one.
    """
    paths = _check_paths(paths)
    if not surface.minima:
        return None
    best = min(surface.minima, key=lambda m: float(surface(*m)))
    x_low, x_high, y_low, y_high = surface.bounds
    view = max(x_high - x_low, y_high - y_low)
    tails = np.concatenate([path[path.shape[0] // 2 :] for path in paths.values()])
    tails = tails[np.isfinite(tails).all(axis=1)]
    if not tails.size:
        return None
    reach = np.abs(tails - np.asarray(best)).max(axis=1)
    near = reach[reach <= view / 4]
    if not near.size:
        return None
    half = max(float(near.max()) * 1.15, view / 200)
    x_range = [best[0] - half, best[0] + half]
    y_range = [best[1] - half, best[1] + half]
    image, _ = _filled_contours(surface, x_range, y_range, resolution)
    traces: list[Any] = [
        *(_path_line(name, path).update(line_width=2) for name, path in paths.items()),
        minimum_marker([best[0]], [best[1]], hover="minimum (%{x:.4f}, %{y:.4f})<extra></extra>"),
        _positions(paths, next(iter(paths.values())).shape[0] - 1),
    ]
    layout = base_layout(
        f"Zoom on the minimum: ±{half:.2g} around w*",
        "w₁",
        "w₂",
        height=460,
        margin={"l": 70, "r": 20, "t": 60, "b": 50},
        showlegend=False,
        hovermode="closest",
    )
    layout["images"] = [image]
    layout = equal_aspect(layout, x_range, y_range, showgrid=False, zeroline=False)
    return go.Figure(data=traces, layout=layout)


def _race_layout(
    title: str, x_range: list[float], y_range: list[float], frames_at: np.ndarray
) -> dict[str, Any]:
    """The contour's layout: equal-aspect axes over the view, its height following the view's
    aspect, the legend above, a step slider and a play button below."""
    slider, play = _animation_controls(frames_at)
    aspect = (y_range[1] - y_range[0]) / (x_range[1] - x_range[0])
    layout = base_layout(
        title,
        "w₁",
        "w₂",
        height=race_height(aspect),
        margin={"l": 60, "r": 20, "t": 120, "b": 40},
        legend=horizontal_legend(1.02, yanchor="bottom"),
        hovermode="closest",
        sliders=[slider],
        updatemenus=[play],
    )
    layout["title"].update(y=0.98, yanchor="top")
    return equal_aspect(layout, x_range, y_range, showgrid=False, zeroline=False)


def _animation_controls(frames_at: np.ndarray) -> tuple[dict[str, Any], dict[str, Any]]:
    """A slider over the frames (starting on the last, where each optimizer ended) and a
    ▶ Play / ❚❚ button pair."""
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
    play_args = {**animate, "frame": {"duration": 60, "redraw": False}, "fromcurrent": False}
    pause_args = {**animate, "frame": {"duration": 0, "redraw": False}}
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
            {"label": "▶ Play", "method": "animate", "args": [None, play_args]},
            {"label": "❚❚", "method": "animate", "args": [[None], pause_args]},
        ],
    }
    return slider, play


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
    layout = panels_layout(title or f"{surface.formula} in 3-D", height=620)
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
    layout["legend"] = horizontal_legend(0.0, x=0.0, xanchor="left", yanchor="auto")
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
