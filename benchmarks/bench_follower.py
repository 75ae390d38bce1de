"""The pieces of a class follower's page run, each against a reference in the same process.

A student following the teacher runs the new page once per move; a server runs sixty of them at
once, so each piece that every follower pays counts sixty times. For each piece, the app's way
and a reference that does the same work the plain way:

1. An untrained network: ``make_network`` (a copy of the one this process made last for the same
   settings) against making it (``Network(...)``, the settings' defaults). Target: ratio < 0.35.
2. Copying an untrained network (``Network.copy``, field by field; its dropout generator is made
   at its first use) against making it. Target: ratio < 0.35 (0.52 with ``copy.deepcopy``).
3. A curve's line: ``fast_scatter`` against ``go.Scatter`` (Plotly's property-by-property
   check). Target: ratio < 0.2.
4. A four-line figure as ``st.plotly_chart`` sends it (built, ``to_dict``, JSON) with the app's
   template against the same figure with the whole of ``plotly_white``'s layout as its template.
   Target: ratio < 0.9.
5. A student's class status (``member_status``: one query built once) against a bare
   ``SELECT 1`` through the same store. Target: ratio < 3.
6. A four-line figure's JSON (``to_dict`` done) with the engine Plotly picks now (orjson, in
   requirements.txt) against its ``json`` engine, which it used on a machine without orjson.
   Target: ratio < 0.5.
7. A decision boundary's chart that another session sent already: its digest
   (``figure_digest``, then Streamlit replays the message) against sending it (``to_dict``,
   JSON). Target: ratio < 0.3.
8. Dropout's activation means of a network another session measured already
   (``effects.dropout_means``: its digest, then the kept means) against measuring them (50 masked
   forward passes per layer). Target: ratio < 0.05.

Prints a markdown table of the best of several repeats (thread CPU time).
Run: ``python benchmarks/bench_follower.py`` (``--repeats 200`` for a quicker run).
"""

from __future__ import annotations

import argparse
import copy
import sys
import tempfile
from pathlib import Path

import numpy as np
import plotly.graph_objects as go
import plotly.io as pio
import sqlalchemy as sa

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from timing import CPU_CLOCK, best_times  # noqa: E402

from playground.classroom import classes  # noqa: E402
from playground.classroom.store import open_store, reading  # noqa: E402
from playground.engine.config import coerce_settings  # noqa: E402
from playground.engine.experiment import make_network  # noqa: E402
from playground.engine.nn import Network  # noqa: E402
from playground.engine.settings import ALL  # noqa: E402
from playground.plotting.boundary import decision_boundary  # noqa: E402
from playground.plotting.digest import figure_digest  # noqa: E402
from playground.plotting.style import base_layout, fast_figure, fast_scatter  # noqa: E402
from playground.topics.regularization import effects  # noqa: E402

TARGETS = {
    "network": 0.35,
    "copy": 0.35,
    "line": 0.2,
    "figure": 0.9,
    "status": 3.0,
    "json": 0.5,
    "chart": 0.3,
    "dropout": 0.05,
}


def line(k: int) -> dict:
    """The properties of one curve of 200 points (as ``curves.epoch_line`` draws it)."""
    x = np.arange(1, 201, dtype=float)
    return {
        "x": x,
        "y": np.exp(-x / (50 * k)),
        "mode": "lines",
        "name": f"run {k}",
        "line": {"color": "#1f77b4", "width": 3, "dash": "solid"},
        "hovertemplate": f"run {k}<br>epoch %{{x}}<br>J = %{{y:.4g}}<extra></extra>",
    }


def sent(figure: go.Figure) -> str:
    """What ``st.plotly_chart`` does with a figure: ``to_dict``, then the JSON."""
    return pio.to_json(figure.to_dict(), validate=False)


def whole_template_figure(traces: list[dict], layout: dict) -> go.Figure:
    """``fast_figure``'s figure with the whole of ``plotly_white``'s layout as its template."""
    whole = {"layout": pio.templates["plotly_white"].layout.to_plotly_json()}
    return go.Figure(
        data=traces, layout={**layout, "template": copy.deepcopy(whole)}, _validate=False
    )


def pieces() -> dict[str, dict]:
    """Each piece: the app's way and the reference, as zero-argument calls."""
    values = coerce_settings(ALL, {})
    network = make_network(values, 2, 2)
    arguments = {
        "layer_dims": network.layer_dims,
        "hidden_activation": network.hidden_activation,
        "output": network.output,
        "init": network.init,
        "init_scale": network.init_scale,
        "seed": network.seed,
        "keep_probs": network.keep_probs,
        "batch_norm": network.batch_norm,
    }
    traces, layout = [line(k) for k in range(1, 5)], base_layout("Cost", "epoch", "J")
    store = open_store(f"sqlite:///{tempfile.mkdtemp(prefix='bench-follower-')}/playground.db")
    new = classes.create_class(store, page="search")
    member = classes.join_class(store, new.code, "bench")

    def bare_read() -> None:
        with reading(store) as connection:
            connection.execute(sa.text("SELECT 1")).scalar()

    figure = fast_figure(traces, layout).to_dict()
    X = np.random.default_rng(0).normal(size=(2, 200))
    boundary = decision_boundary(network, X, (X[0:1] > 0).astype(int))
    dropping = Network(**arguments | {"layer_dims": [2, 20, 20, 1], "keep_probs": 0.8})
    return {
        "network": {
            "app": lambda: make_network(values, 2, 2),
            "reference": lambda: Network(**arguments),
        },
        "copy": {"app": network.copy, "reference": lambda: Network(**arguments)},
        "line": {
            "app": lambda: fast_scatter(**traces[0]),
            "reference": lambda: go.Scatter(**traces[0]),
        },
        "figure": {
            "app": lambda: sent(fast_figure(traces, layout)),
            "reference": lambda: sent(whole_template_figure(traces, layout)),
        },
        "status": {
            "app": lambda: classes.member_status(store, member.token),
            "reference": bare_read,
        },
        "json": {
            "app": lambda: pio.to_json(figure, validate=False),
            "reference": lambda: pio.to_json(figure, validate=False, engine="json"),
        },
        "chart": {"app": lambda: figure_digest(boundary), "reference": lambda: sent(boundary)},
        "dropout": {
            "app": lambda: effects.dropout_means(dropping, X),
            "reference": lambda: effects._measured_means(dropping, X, effects.DROPOUT_SAMPLES, 0),
        },
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=1000)
    args = parser.parse_args()
    print("| piece | app µs | reference µs | ratio | target |")
    print("|---|---|---|---|---|")
    for name, calls in pieces().items():
        times = best_times(calls, repeats=args.repeats, clock=CPU_CLOCK)
        app, reference = times["app"][0], times["reference"][0]
        ratio = app / reference
        verdict = "met" if ratio < TARGETS[name] else "NOT met"
        print(
            f"| {name} | {app * 1e6:.0f} | {reference * 1e6:.0f} | {ratio:.2f} | "
            f"< {TARGETS[name]} ({verdict}) |"
        )


if __name__ == "__main__":
    main()
