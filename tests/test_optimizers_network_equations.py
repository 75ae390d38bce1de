"""The weights of the race's network by name, and a run replayed watching one of them."""

from __future__ import annotations

import pytest

from playground.topics.optimizers_network import equations, race


def test_every_weight_is_named_and_read_back():
    values = race.page_values({"h1": 3, "h2": 2})
    net = race.RaceRun(values, race.race_data(values), "gd").net
    names = equations.weight_names(net)
    assert len(names) == 2 * 3 + 3 + 3 * 2 + 2 + 2 * 1 + 1
    assert names[0] == "W1[0, 0]" and names[-1] == "b3[0, 0]"
    assert equations.parse_weight("W2[1, 0]") == ("W2", (1, 0))
    assert equations.symbol("b1[2, 0]") == "b^{[1]}_{2,0}"
    with pytest.raises(ValueError, match="named like"):
        equations.parse_weight("W1[0,1]; import os")


def test_a_replay_is_the_run_and_a_missing_weight_is_refused():
    values = race.training_values(race.page_values({"epochs": 3}))
    run = race.RaceRun(values, race.race_data(values), "momentum")
    run.train_until(2)
    optimizer, trace = equations.traced_run(values, "momentum", 2, "W3[0, 1]")
    assert trace.weight[-1] == run.net.params["W3"][0, 1]
    assert optimizer.t == len(trace) == 2 * 5
    with pytest.raises(ValueError, match=r"not in W3"):
        equations.traced_run(values, "momentum", 2, "W3[4, 0]")


def test_an_update_is_placed_in_its_epoch_and_mini_batch():
    values = race.training_values(race.page_values({}))  # 300 examples, batches of 64
    assert equations.step_note(values, 300, 1) == "epoch 1, mini-batch 1 of 5"
    assert equations.step_note(values, 300, 12) == "epoch 3, mini-batch 2 of 5"
