"""How each optimizer is drawn, the same on every figure of the optimizer pages: a colour (Okabe-
Ito), a line dash and a marker symbol, so that paths and curves read without colour too."""

from __future__ import annotations

from playground.plotting.style import CLASS_COLORS

OPTIMIZER_COLORS = {
    "gd": CLASS_COLORS[0],  # blue
    "momentum": CLASS_COLORS[1],  # vermillion
    "rmsprop": CLASS_COLORS[2],  # bluish green
    "adam": CLASS_COLORS[3],  # reddish purple
    "nesterov": CLASS_COLORS[4],  # orange
    "adagrad": CLASS_COLORS[9],  # black
}
"""One colour per optimizer (keys: ``playground.engine.racing.ALL_RACERS``)."""
OPTIMIZER_DASHES = {
    "gd": "solid",
    "momentum": "dash",
    "rmsprop": "dot",
    "adam": "solid",
    "nesterov": "longdash",
    "adagrad": "dashdot",
}
"""One line dash per optimizer."""
OPTIMIZER_SYMBOLS = {
    "gd": "circle",
    "momentum": "square",
    "rmsprop": "diamond",
    "adam": "star",
    "nesterov": "triangle-up",
    "adagrad": "x",
}
"""One marker symbol per optimizer (where a path ends, where it is at an animation step)."""
