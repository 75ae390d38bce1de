"""The figure of ``playground.topics.search.scale_spread``: for each searched hyperparameter, the
share of its draws in each tenth of its ratio axis, drawn uniformly and on the ratio scale, side by
side.

A pure function from ``Spread`` objects to a Plotly figure, in the projector style of
``playground.plotting.style``. Bars near the dotted 10 % line mean an even spread over ratios; a bar
under the dashed ``EVEN_ENOUGH`` line is a stretch of the range the draws barely try.
"""

from __future__ import annotations

from collections.abc import Sequence

import plotly.graph_objects as go
from plotly.subplots import make_subplots

from playground.plotting.style import CLASS_COLORS, FONT_SIZE, horizontal_legend, panels_layout
from playground.topics.search.scale_spread import EVEN_ENOUGH, TENTHS, Spread, axis_name

COLORS = {"linear": CLASS_COLORS[9], "log": CLASS_COLORS[2], "one_minus_log": CLASS_COLORS[0]}
"""Bar colour of each scale, the same in every row."""
ROW_HEIGHT = 260
LEGEND_GAP = 110
"""Room between the last row's plot and the legend under it, in px: two-line tick labels."""


def _short(value: float) -> str:
    """3 significant digits from 10 up (53.6, 100), 2 below (0.00025, 2.1): short tick labels."""
    return f"{value:.3g}" if value >= 10 else f"{value:.2g}"


def _ticks(spread: Spread) -> list[str]:
    """ "50–53.6": the value range of each tenth."""
    edges = spread.edges
    return [f"{_short(a)}–{_short(b)}" for a, b in zip(edges[:-1], edges[1:], strict=True)]


def _two_lines(ticks: list[str]) -> list[str]:
    """Tick labels "a–b" as "a–" over "b": ten of them fit side by side without turning."""
    return [tick.replace("–", "–<br>", 1) for tick in ticks]


def _name(scale: str) -> str:
    return "drawn uniformly (linear)" if scale == "linear" else f"drawn on the {scale} scale"


def spread_bars(spreads: Sequence[tuple[str, Spread]]) -> go.Figure:
    """One row per (symbol, spread): the share of each scale's draws in each tenth, in %.

    Raises
    ------
    ValueError
        If ``spreads`` is empty.
    """
    if not spreads:
        raise ValueError("spreads must hold at least one hyperparameter")
    titles = [
        f"{symbol} {s.low:g} … {s.high:g}: tenths of the {axis_name(s.ratio_scale, symbol)} axis"
        for symbol, s in spreads
    ]
    figure = make_subplots(
        rows=len(spreads), cols=1, subplot_titles=titles, vertical_spacing=0.5 / len(spreads)
    )
    shown: set[str] = set()
    for row, (symbol, s) in enumerate(spreads, start=1):
        ticks = _ticks(s)
        for scale in ("linear", s.ratio_scale):
            figure.add_trace(
                go.Bar(
                    x=ticks,
                    y=100 * s.shares(scale),
                    name=_name(scale),
                    legendgroup=scale,
                    showlegend=scale not in shown,
                    marker={"color": COLORS[scale]},
                    hovertemplate=f"{symbol} in %{{x}}: %{{y:.1f}} % of the draws"
                    f" ({_name(scale)})<extra></extra>",
                ),
                row=row,
                col=1,
            )
            shown.add(scale)
        figure.add_hline(y=100 / TENTHS, line={"dash": "dot", "color": "#000000"}, row=row, col=1)
        figure.add_hline(
            y=100 * EVEN_ENOUGH, line={"dash": "dash", "color": "#777777"}, row=row, col=1
        )
        figure.update_yaxes(title_text="% of draws", row=row, col=1)
        figure.update_xaxes(tickvals=ticks, ticktext=_two_lines(ticks), row=row, col=1)
    draws = spreads[0][1].draws
    layout = panels_layout(  # each row keeps its own axes
        f"{draws} draws on each scale: the share in each tenth of the ratio axis",
        barmode="group",
        height=ROW_HEIGHT * len(spreads) + 230,
        margin={"l": 70, "r": 30, "t": 70, "b": 160},
        legend=horizontal_legend(-LEGEND_GAP / (ROW_HEIGHT * len(spreads)), yanchor="top"),
    )
    figure.update_layout(layout)
    figure.update_annotations(font={"size": FONT_SIZE})
    return figure
