"""One weight of the race's network, update by update: which weights there are, and the trace
of one of them under one optimizer, replayed.

Training is deterministic (same start, same mini-batches), so the run of optimizer ``name`` up to
epoch E is replayed from its start with the optimizer watching the chosen weight
(``Optimizer.watch``): the trace is the run's own numbers, without recording every weight of
every run while it trains.
"""

from __future__ import annotations

import math
import re

from playground.engine.config import check_choice, check_int
from playground.engine.nn import Network
from playground.engine.optim import Optimizer, WeightTrace
from playground.engine.racing import RACERS
from playground.topics.optimizers_network.race import RaceRun, check_race_values, race_data

_NAME = re.compile(r"^([Wb])(\d+)\[(\d+), (\d+)\]$")


def weight_names(net: Network) -> list[str]:
    """Every weight and bias of ``net`` as the page names it: "W1[0, 1]", "b1[2, 0]", …"""
    names = []
    for key, array in net.params.items():
        names += [f"{key}[{i}, {j}]" for i in range(array.shape[0]) for j in range(array.shape[1])]
    return names


def parse_weight(name: str) -> tuple[str, tuple[int, int]]:
    """ "W1[0, 1]" → ("W1", (0, 1))."""
    match = _NAME.match(name)
    if match is None:
        raise ValueError(f"weight must be named like 'W1[0, 1]' or 'b2[0, 0]'; got {name!r}")
    kind, layer, row, col = match.groups()
    return f"{kind}{layer}", (int(row), int(col))


def symbol(name: str) -> str:
    """The course's LaTeX symbol of a weight: "W1[0, 1]" → W^{[1]}_{0,1} (rows and columns
    counted from 0, as the page names them)."""
    key, (row, col) = parse_weight(name)
    return f"{key[0]}^{{[{key[1:]}]}}_{{{row},{col}}}"


def traced_run(values: dict, name: str, epochs: int, weight: str) -> tuple[Optimizer, WeightTrace]:
    """Optimizer ``name``'s run of the race trained ``epochs`` epochs again from its start,
    watching ``weight``: the optimizer after them and what each update did to the weight."""
    values = check_race_values(values)
    check_choice("name", name, RACERS)
    run = RaceRun(values, race_data(values), name)
    epochs = check_int("epochs", epochs, 0, run.epochs)
    key, index = parse_weight(weight)
    trace = run.optimizer.watch(key, index)
    trace.position(run.net.params)  # a weight the network does not have is refused here
    run.train_until(epochs)
    return run.optimizer, trace


def step_note(values: dict, m: int, t: int) -> str:
    """Which epoch and mini-batch update ``t`` was: "epoch 3, mini-batch 2 of 5"."""
    values = check_race_values(values)
    size = m if values["bs"] == "full" else min(int(values["bs"]), m)
    batches = math.ceil(m / size)
    epoch, batch = divmod(check_int("t", t, 1) - 1, batches)
    return f"epoch {epoch + 1}, mini-batch {batch + 1} of {batches}"
