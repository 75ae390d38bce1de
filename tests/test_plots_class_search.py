"""The class search's presenter figures: dev cost against α and parallel coordinates, for no
result, one, and a full class of 60 with diverged runs, as drawn and in presenter mode."""

from __future__ import annotations

import math

import numpy as np
import plotly.graph_objects as go
import pytest

from playground.plotting.projector import MIN_HEIGHT, for_projector
from playground.topics.search.class_search.figures import (
    EMPTY,
    HEADROOM,
    cost_scatter,
    knob_coordinates,
    nice_ticks,
)
from playground.topics.search.class_search.space import assign, read_space, space_for_scene
from playground.topics.search.class_search.training import ClassRun

SPACE = space_for_scene()


def class_of(n: int) -> list[ClassRun]:
    """n runs on their assignments, dev cost a bowl in log₁₀ α (lowest at α = 0.03); runs 4
    and 9 diverged (+∞ and NaN, as a store or an old client may send them)."""
    runs = []
    for k in range(n):
        hyper = assign(SPACE, k)
        cost = 0.2 + 0.3 * (math.log10(hyper["learning_rate"]) + 1.5) ** 2
        if k in (4, 9):
            cost = math.inf if k == 4 else math.nan
        runs.append(ClassRun(hyper, cost, 1 - cost / 3, 10, f"student {k}"))
    return runs


def checked(figure: go.Figure) -> go.Figure:
    """The figure, once its presenter version (1280 × 720 projector) is drawn full height."""
    big = for_projector(figure)
    assert big.layout.height >= MIN_HEIGHT
    return figure


def test_a_class_of_60_shows_every_run_the_best_starred_and_the_diverged_as_such():
    runs = class_of(60)
    figure = checked(cost_scatter(runs, SPACE))
    by_name = {t.name: t for t in figure.data}
    points, broken = by_name["runs"], by_name["diverged"]
    assert len(points.x) == 58 and len(broken.x) == 2
    assert figure.layout.xaxis.type == "log" and figure.layout.xaxis.title.text == "α (log scale)"
    assert figure.layout.xaxis.range == pytest.approx([-4.16, 0.16])  # α 0.0001 … 1, padded
    finite = [r.dev_cost for r in runs if math.isfinite(r.dev_cost)]
    assert broken.y == pytest.approx([HEADROOM * max(finite)] * 2)
    assert figure.layout.shapes[0].y0 == pytest.approx(HEADROOM * max(finite))
    best = min((r for r in runs if math.isfinite(r.dev_cost)), key=lambda r: r.dev_cost)
    star = next(t for t in figure.data if t.name.startswith("best: "))
    assert star.marker.symbol == "star"
    assert (star.x[0], star.y[0]) == (best.hyperparameters["learning_rate"], best.dev_cost)
    assert star.name == (
        f"best: α = {best.hyperparameters['learning_rate']:.3g}, "
        f"β₁ = {best.hyperparameters['beta1']:.3g}, J_dev = {best.dev_cost:.3g}"
    )
    label = figure.layout.annotations[0]
    assert label.text == "best" and label.x == pytest.approx(
        math.log10(best.hyperparameters["learning_rate"])
    )
    # beside the star at its height, toward the middle, no background: never over the others
    assert label.ay == 0 and label.bgcolor is None
    middle = (math.log10(1e-4) + math.log10(1.0)) / 2
    assert label.ax == (-60 if label.x > middle else 60)
    # colour: β₁ on its own scale, log₁₀(1 − β₁), labelled in β₁
    assert points.marker.color == pytest.approx(
        [math.log10(1 - r.hyperparameters["beta1"]) for r in runs if math.isfinite(r.dev_cost)]
    )
    assert points.marker.colorbar.title.text == "β₁" and "0.99" in points.marker.colorbar.ticktext


def test_the_parallel_coordinates_hold_every_knob_and_mark_diverged_runs():
    runs = class_of(60)
    trace = checked(knob_coordinates(runs, SPACE)).data[0]
    alpha, beta1, cost = trace.dimensions
    assert (alpha.label, beta1.label, cost.label) == ("α", "β₁", "dev cost")
    assert alpha.values == pytest.approx(
        [math.log10(r.hyperparameters["learning_rate"]) for r in runs]
    )
    assert cost.ticktext[-1] == "diverged" and cost.tickvals[-1] == cost.range[1]
    assert cost.values[4] == cost.values[9] == cost.range[1]
    assert np.isfinite(np.asarray(cost.values)).all()
    assert trace.rangefont.color == "rgba(0, 0, 0, 0)"  # no unrounded range ends over the ticks


def test_the_best_runs_are_the_darkest_lines_and_the_worst_are_not_pale_yellow():
    trace = knob_coordinates(class_of(60), SPACE).data[0]
    scale = [color for _, color in trace.line.colorscale]
    assert trace.line.cmin == 0.0  # dev cost 0 takes the scale's first colour
    brightness = [sum(int(c[i : i + 2], 16) for i in (1, 3, 5)) for c in scale]
    assert brightness == sorted(brightness) and brightness[0] < 200
    assert brightness[-1] < 450  # Viridis's own end, #fde725, is 521


def test_no_result_yet_draws_empty_axes_with_a_note():
    for figure in (cost_scatter([], SPACE), knob_coordinates([], SPACE)):
        figure = checked(figure)
        assert not figure.data and figure.layout.annotations[0].text == EMPTY
        assert figure.layout.title.text.startswith("Class search: 0 runs")


def test_one_result_is_the_best_run():
    (run,) = class_of(1)
    figure = checked(cost_scatter([run], SPACE))
    assert [t.name.split(":")[0] for t in figure.data] == ["runs", "best"]
    assert figure.layout.title.text.startswith("Class search: 1 run,")
    assert len(checked(knob_coordinates([run], SPACE)).data[0].dimensions[0].values) == 1


def test_a_nickname_is_escaped_in_the_hover_text():
    run = ClassRun({"learning_rate": 0.01, "beta1": 0.9}, 0.5, 0.8, 10, "<b>Bo</b>")
    (points, _star) = cost_scatter([run], SPACE).data
    assert "&lt;b&gt;Bo&lt;/b&gt;" in points.text[0] and "<b>" not in points.text[0]


def test_alpha_drawn_uniformly_is_still_plotted_on_a_log_axis_over_its_whole_range():
    space = space_for_scene("random-on-a-log-scale")
    runs = [ClassRun(assign(space, k), 0.5, 0.8, 10) for k in range(25)]
    figure = checked(cost_scatter(runs, space))
    assert figure.layout.xaxis.type == "log"
    assert figure.layout.xaxis.range == pytest.approx([-4.16, 0.16])
    assert figure.data[0].marker.color == "#0072B2"  # one knob: one colour


def test_a_beta_first_knob_is_drawn_as_one_minus_beta_on_a_reversed_log_axis():
    space = read_space(
        {"knobs": [{"name": "beta", "low": 0.9, "high": 0.999, "scale": "one_minus_log"}]}
    )
    runs = [ClassRun({"beta": 0.99}, 0.4, 0.9, 10)]
    figure = checked(cost_scatter(runs, space))
    assert figure.data[0].x[0] == pytest.approx(0.01)
    assert figure.layout.xaxis.range[0] > figure.layout.xaxis.range[1]  # β grows to the right
    assert figure.layout.annotations[0].x == pytest.approx(-2)


def test_nice_ticks_step_by_one_two_or_five():
    assert nice_ticks(2.1).tolist() == pytest.approx([0, 0.5, 1, 1.5, 2])
    assert nice_ticks(0.07).tolist() == pytest.approx([0, 0.02, 0.04, 0.06])
    assert nice_ticks(10).tolist() == pytest.approx([0, 2, 4, 6, 8, 10])


def test_a_knob_fixed_at_one_value_keeps_room_around_it():
    space = read_space(
        {"knobs": [{"name": "learning_rate", "low": 0.01, "high": 0.01, "scale": "log"}]}
    )
    figure = checked(cost_scatter([ClassRun({"learning_rate": 0.01}, 0.4, 0.9, 10)], space))
    assert figure.layout.xaxis.range == pytest.approx([-2.5, -1.5])


@pytest.mark.parametrize(("alpha", "side"), [(0.0003, 1), (0.5, -1)])
def test_the_best_label_sits_beside_its_star_toward_the_middle(alpha, side):
    """The best run costs least, so the others are above it: the label goes beside the star,
    on the side of the plot's middle (it would leave the plot at the edge)."""
    hyper = assign(SPACE, 0) | {"learning_rate": alpha}
    other = assign(SPACE, 1) | {"learning_rate": alpha * 1.1}
    runs = [ClassRun(hyper, 0.3, 0.9, 10, "a"), ClassRun(other, 0.6, 0.8, 10, "b")]
    label = cost_scatter(runs, SPACE).layout.annotations[0]
    assert label.x == pytest.approx(math.log10(alpha)) and label.y == 0.3
    assert label.ay == 0 and label.ax == side * 60 and label.bgcolor is None
