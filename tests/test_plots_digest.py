"""The figure digest: equal for two figures exactly when Plotly sends the same JSON for them."""

from __future__ import annotations

from datetime import date

import numpy as np
import plotly.graph_objects as go
import plotly.io as pio

from playground.engine.config import coerce_settings
from playground.engine.experiment import make_network
from playground.engine.settings import ALL
from playground.plotting.boundary import decision_boundary
from playground.plotting.digest import figure_digest
from playground.plotting.projector import for_projector
from playground.plotting.style import base_layout, fast_figure


def sent(figure: go.Figure) -> str:
    """What ``st.plotly_chart`` sends for ``figure``."""
    return pio.to_json(figure.to_dict(), validate=False)


def curve(y: object, **layout: object) -> go.Figure:
    traces = [{"type": "scatter", "x": np.arange(3.0), "y": y, "mode": "lines"}]
    return fast_figure(traces, {**base_layout("Cost", "epoch", "J"), **layout})


def boundary(seed: int) -> go.Figure:
    values = coerce_settings(ALL, {"seed": seed})
    network = make_network(values, 2, 2)
    X = np.random.default_rng(0).normal(size=(2, 30))
    Y = (X[0:1] > 0).astype(int)
    return decision_boundary(network, X, Y, title="Boundary")


def test_the_same_figure_built_twice_has_one_digest() -> None:
    assert figure_digest(boundary(1)) == figure_digest(boundary(1))
    assert figure_digest(curve([1.0, 2.0, 3.0])) == figure_digest(curve([1.0, 2.0, 3.0]))


VARIANTS = {
    "one number": curve(np.array([1.0, 2.0, 3.5])),
    "an int array": curve(np.array([1, 2, 3])),
    "a float32 array": curve(np.array([1.0, 2.0, 3.0], dtype=np.float32)),
    "a list": curve([1.0, 2.0, 3.0]),
    "ints in a list": curve([1, 2, 3]),
    "True for 1": curve([True, 2, 3]),
    "a title": curve(np.array([1.0, 2.0, 3.0]), title={"text": "Dev cost"}),
    "a height": curve(np.array([1.0, 2.0, 3.0]), height=400),
    "a width": curve(np.array([1.0, 2.0, 3.0]), width=400),
    "the array's shape": fast_figure(
        [{"type": "heatmap", "z": np.arange(6.0).reshape(2, 3)}], base_layout("Z", "a", "b")
    ),
    "the array's other shape": fast_figure(
        [{"type": "heatmap", "z": np.arange(6.0).reshape(3, 2)}], base_layout("Z", "a", "b")
    ),
    "another seed's boundary": boundary(2),
    "a boundary": boundary(1),
    "the projector's boundary": for_projector(boundary(1)),
    "a validated figure": go.Figure(go.Scatter(x=[0, 1, 2], y=[1.0, 2.0, 3.0])),
}


def test_figures_sent_differently_have_different_digests() -> None:
    by_digest: dict[str, str] = {}
    for name, figure in VARIANTS.items():
        digest = figure_digest(figure)
        assert digest is not None, name
        assert digest not in by_digest, f"{name} and {by_digest.get(digest)}"
        by_digest[digest] = name
    assert len({sent(figure) for figure in VARIANTS.values()}) == len(VARIANTS)


def test_the_layout_in_another_order_is_sent_and_digested_alike() -> None:
    first = curve(np.array([1.0, 2.0, 3.0]), height=400, width=600)
    second = curve(np.array([1.0, 2.0, 3.0]), width=600, height=400)
    assert sent(first) == sent(second)
    assert figure_digest(first) == figure_digest(second)


def test_a_figure_whose_values_it_cannot_read_or_with_frames_has_no_digest() -> None:
    dated = fast_figure([{"type": "scatter", "x": [date(2026, 1, 1)], "y": [1.0]}], {})
    assert figure_digest(dated) is None
    animated = go.Figure(data=[go.Scatter(x=[0], y=[0])], frames=[go.Frame(data=[])])
    assert figure_digest(animated) is None


def test_an_object_array_is_read_by_its_items() -> None:
    first = curve(np.array([1.0, "a", None], dtype=object))
    second = curve(np.array([1.0, "b", None], dtype=object))
    assert figure_digest(first) is not None
    assert figure_digest(first) != figure_digest(second)
