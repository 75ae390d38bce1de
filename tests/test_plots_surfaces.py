"""Figures of the surfaces race: small animated contour (frames move only markers), 3-D view."""

import base64
import struct
import zlib

import numpy as np
import pytest

from playground.engine.surfaces import make_surface
from playground.plotting.optimizer_styles import OPTIMIZER_COLORS
from playground.plotting.style import FONT_SIZE
from playground.topics.optimizers_surfaces.contour_image import contour_image, png_data_uri
from playground.topics.optimizers_surfaces.figures import (
    minimum_zoom,
    race_contour,
    race_height,
    race_surface_3d,
    surface_levels,
)
from playground.topics.optimizers_surfaces.model import page_values, race, surface_of


def decode_png(uri: str) -> tuple[int, int, np.ndarray]:
    raw = base64.b64decode(uri.split(",", 1)[1])
    assert raw[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", raw[16:24])
    start = raw.index(b"IDAT") + 4
    length = struct.unpack(">I", raw[start - 8 : start - 4])[0]
    rows = np.frombuffer(zlib.decompress(raw[start : start + length]), np.uint8)
    rows = rows.reshape(height, 1 + 3 * width)
    assert not rows[:, 0].any()  # filter 0 on every row
    return width, height, rows[:, 1:].reshape(height, width, 3)


def test_png_data_uri_round_trips_the_pixels():
    image = np.arange(2 * 3 * 3, dtype=np.uint8).reshape(2, 3, 3)
    width, height, pixels = decode_png(png_data_uri(image))
    assert (width, height) == (3, 2)
    np.testing.assert_array_equal(pixels, image)
    with pytest.raises(ValueError, match="rgb must be"):
        png_data_uri(np.zeros((2, 2, 3)))  # float, not uint8


def test_contour_image_paints_bands_bottom_row_last():
    z = np.tile(np.linspace(0.0, 1.0, 50), (40, 1))  # J grows with x
    uri, zmin, zmax = contour_image(z, levels=5)
    width, height, pixels = decode_png(uri)
    assert (width, height, zmin, zmax) == (50, 40, 0.0, 1.0)
    assert tuple(pixels[0, 0]) == (255, 255, 255) or pixels[0, 0].mean() > 240  # low J: light
    assert pixels[0, -1].mean() < pixels[0, 0].mean()  # high J: darker
    assert len({tuple(p) for p in pixels[0]}) <= 2 * 5  # 5 bands (+ their edge pixels)
    with pytest.raises(ValueError, match="z must be"):
        contour_image(np.zeros(4))
    with pytest.raises(ValueError, match="levels"):
        contour_image(z, levels=1)


def test_surface_levels_are_log_with_minima_and_raw_without():
    surface = make_surface("elongated", condition=10.0)
    xs, ys, J = surface.grid(21)
    z, bar, name = surface_levels(surface, J)
    assert name == "log₁₀(J − J*)" and bar["title"]["text"] == "J − J*"
    assert z.max() == pytest.approx(np.log10(J.max() + J.max() * 1e-6))
    saddle = make_surface("saddle")
    z, bar, name = surface_levels(saddle, saddle.grid(11)[2])
    assert name == "J" and z.min() == pytest.approx(-4.0)


@pytest.fixture(scope="module")
def figure():
    values = page_values({"steps": 500, "more": True})
    return race_contour(surface_of(values), race(values)), values


def test_race_contour_draws_every_path_once_and_animates_only_the_markers(figure):
    fig, values = figure
    names = [trace.name for trace in fig.data]
    for label in ("gradient descent", "momentum", "RMSprop", "Adam", "Nesterov", "AdaGrad"):
        assert names.count(label) == 1
    assert {"click target", "start w₀", "minimum", "position at this step"} <= set(names)
    assert not [t for t in fig.data if t.type in ("contour", "heatmap")]  # the fill is an image
    assert fig.layout.images[0].source.startswith("data:image/png;base64,")
    markers = names.index("position at this step")
    assert len(fig.frames) == 100
    for frame in fig.frames:
        assert frame.traces == (markers,) and len(frame.data) == 1
        assert frame.data[0].type == "scatter" and len(frame.data[0].x) == 6
    last = fig.frames[-1]
    assert last.name == "500"
    path = race(values)["adam"]
    assert last.data[0].x[3] == pytest.approx(path[500, 0])
    assert fig.layout.sliders[0].active == 99


def test_race_contour_stays_small_and_readable(figure):
    fig, _ = figure
    assert len(fig.to_json()) < 1_000_000
    assert fig.layout.font.size >= 14 and fig.layout.title.font.size >= 14
    assert fig.layout.xaxis.title.text == "w₁" and fig.layout.yaxis.scaleanchor == "x"
    path_colors = {t.name: t.line.color for t in fig.data if t.mode == "lines" and t.line.color}
    assert path_colors["Adam"] == OPTIMIZER_COLORS["adam"]


def test_the_race_is_big_and_its_colour_bar_title_sits_above_the_ticks(figure):
    fig, _ = figure
    assert fig.layout.height >= 560  # the elongated bowl: a plot about RACE_WIDTH px wide
    assert fig.data[0].marker.colorbar.title.side == "top"
    assert race_height(0.4) == 600 and race_height(0.1) == 560 and race_height(2.0) == 840


def test_the_zoom_magnifies_where_the_paths_end():
    values = page_values({})
    surface, paths = surface_of(values), race(values)
    zoom = minimum_zoom(surface, paths)
    (w1, w2), half = surface.minima[0], zoom.layout.xaxis.range[1] - surface.minima[0][0]
    assert zoom.layout.xaxis.range[0] == pytest.approx(w1 - half)
    assert zoom.layout.yaxis.range == (pytest.approx(w2 - half), pytest.approx(w2 + half))
    ends = np.array([path[-1] for path in paths.values()])
    assert np.abs(ends - (w1, w2)).max() < half < (surface.bounds[1] - surface.bounds[0]) / 8
    tails = np.concatenate([path[150:] for path in paths.values()])
    assert np.abs(tails - (w1, w2)).max() <= half  # every second half is inside the box
    assert [t.name for t in zoom.data][:4] == ["gradient descent", "momentum", "RMSprop", "Adam"]
    assert zoom.layout.images[0].source.startswith("data:image/png;base64,")
    saddle = page_values({"surface": "saddle"})
    assert minimum_zoom(surface_of(saddle), race(saddle)) is None  # no minimum to zoom on


def test_race_contour_widens_the_view_to_a_start_outside_the_box():
    surface = make_surface("rosenbrock")  # box x ∈ [−2, 2]
    paths = {"gd": np.array([[5.0, 0.0], [4.9, 0.1]])}
    fig = race_contour(surface, paths, resolution=20)
    assert fig.layout.xaxis.range[1] > 5.0


def test_race_contour_draws_ghosts_and_marks_divergence_as_gaps():
    surface = make_surface("elongated", condition=100.0)
    diverged = np.array([[1.0, 1.0], [2.0, -50.0], [np.nan, np.nan]])
    fig = race_contour(surface, {"gd": diverged}, ghosts={"adam": diverged[:2]}, resolution=20)
    names = [t.name for t in fig.data]
    assert "Adam (bias-corrected)" in names
    assert fig.frames[-1].data[0].x == (None,)


@pytest.mark.parametrize(
    ("paths", "match"),
    [
        ({}, "non-empty mapping"),
        ({"sgd": np.zeros((3, 2))}, "optimizer name"),
        ({"gd": np.zeros((3, 3))}, "shape"),
        ({"gd": np.zeros((3, 2)), "adam": np.zeros((4, 2))}, "same number of steps"),
    ],
)
def test_race_contour_validates_paths(paths, match):
    with pytest.raises(ValueError, match=match):
        race_contour(make_surface("saddle"), paths, resolution=20)


def test_race_contour_validates_sizes():
    paths = {"gd": np.zeros((3, 2))}
    with pytest.raises(ValueError, match="resolution"):
        race_contour(make_surface("saddle"), paths, resolution=5)
    with pytest.raises(ValueError, match="max_frames"):
        race_contour(make_surface("saddle"), paths, max_frames=1)


def test_race_surface_3d_rides_the_paths_on_the_surface():
    values = page_values({"surface": "himmelblau", "steps": 50})
    surface = surface_of(values)
    fig = race_surface_3d(surface, race(values), resolution=30)
    assert fig.data[0].type == "surface" and np.asarray(fig.data[0].z).shape == (30, 30)
    lines = [t for t in fig.data if t.type == "scatter3d"]
    assert [t.name for t in lines] == ["gradient descent", "momentum", "RMSprop", "Adam"]
    assert fig.layout.scene.zaxis.title.text == "log₁₀(J − J*)"
    assert fig.layout.font.size == FONT_SIZE
    with pytest.raises(ValueError, match="resolution"):
        race_surface_3d(surface, race(values), resolution=500)
