"""The class search's model: the space as data, each member's assignment on the right scale,
one member's run, the summary's numbers and sentence."""

from __future__ import annotations

import json
import math

import numpy as np
import pytest

from playground.engine.config import coerce_settings
from playground.engine.experiment import Run, make_data
from playground.engine.settings import ALL
from playground.topics.search import settings
from playground.topics.search.class_search.space import (
    MAX_KNOBS,
    assign,
    check_chosen,
    read_space,
    space_for_scene,
    space_from_settings,
)
from playground.topics.search.class_search.summary import (
    best_run,
    grid_values,
    measure,
    sentence,
)
from playground.topics.search.class_search.training import (
    ClassRun,
    from_result,
    playground_values,
    train_assignment,
)
from playground.topics.search.retrain import retrain

MEMBERS = 2000
"""Members drawn for the distribution tests: each decade's count is 500 ± 19 (one sd)."""


def knob(name, low, high, scale):
    return {"name": name, "low": low, "high": high, "scale": scale}


def test_alpha_is_log_uniform_each_decade_gets_a_quarter_of_the_members():
    space = space_for_scene()
    alphas = np.array([assign(space, k)["learning_rate"] for k in range(MEMBERS)])
    counts = np.histogram(np.log10(alphas), bins=[-4, -3, -2, -1, 0])[0]
    assert counts.sum() == MEMBERS
    assert np.all(np.abs(counts - MEMBERS / 4) < 60), counts  # 3 sd of a binomial(2000, 1/4)
    # β₁ = 1 − 10^r, r uniform in [log₁₀ 0.001, log₁₀ 0.2]: half the members below r's middle
    r = np.log10(1 - np.array([assign(space, k)["beta1"] for k in range(MEMBERS)]))
    assert r.min() >= math.log10(0.001) - 1e-12 and r.max() <= math.log10(0.2) + 1e-12
    middle = (math.log10(0.001) + math.log10(0.2)) / 2
    assert abs(np.mean(r < middle) - 0.5) < 0.035


def test_on_a_linear_scale_nine_in_ten_members_land_in_the_top_decade():
    space = space_for_scene("random-on-a-log-scale")
    assert space.knobs[0].scale == "linear"
    alphas = np.array([assign(space, k)["learning_rate"] for k in range(MEMBERS)])
    assert np.mean(alphas >= 0.1) == pytest.approx((1 - 0.1) / (1 - 1e-4), abs=0.02)


def test_a_member_gets_the_same_assignment_after_the_space_went_through_the_store():
    space = space_for_scene()
    stored = read_space(json.loads(json.dumps(space.as_json())))
    assert stored == space
    assert [assign(stored, k) for k in (1, 7, 10**12)] == [assign(space, k) for k in (1, 7, 10**12)]
    other_seed = read_space(space.as_json() | {"seed": 1})
    assert assign(other_seed, 7) != assign(space, 7)


def test_members_cover_the_space_like_a_random_search_not_a_grid():
    space = space_for_scene()
    points = [assign(space, k) for k in range(1, 17)]
    for name in ("learning_rate", "beta1"):
        assert len({p[name] for p in points}) == 16  # a 4 × 4 grid tries 4 of each
    assert grid_values(16, 2) == 4


def test_an_integer_knob_is_assigned_whole_numbers_in_its_range():
    space = read_space({"knobs": [knob("hidden_units", 2, 32, "log")]})
    units = [assign(space, k)["hidden_units"] for k in range(200)]
    assert all(isinstance(u, int) and 2 <= u <= 32 for u in units)
    assert len(set(units)) > 10


@pytest.mark.parametrize(
    ("chosen", "message"),
    [
        ({"learning_rate": 5.0, "beta1": 0.9}, r"α \(learning_rate\) must be in \[0.0001, 1.0\]"),
        ({"learning_rate": 0.1, "beta1": 0.5}, r"β₁ \(beta1\) must be in \[0.8, 0.999\]"),
        ({"learning_rate": "fast", "beta1": 0.9}, r"α \(learning_rate\) must be a number"),
        ({"learning_rate": 0.1}, "choose a value for each knob of the class search"),
        ({"learning_rate": 0.1, "beta1": 0.9, "lambd": 1}, "lambd is not searched"),
    ],
)
def test_a_chosen_setting_outside_the_space_names_the_knob_and_its_range(chosen, message):
    space = space_for_scene()
    with pytest.raises(ValueError, match=message):
        check_chosen(space, chosen)
    with pytest.raises(ValueError, match=message):
        train_assignment(space, chosen)


def test_a_whole_number_knob_refuses_a_fraction():
    space = read_space({"knobs": [knob("layers", 1, 4, "linear")]})
    assert check_chosen(space, {"layers": 3.0}) == {"layers": 3}
    with pytest.raises(ValueError, match=r"hidden layers \(layers\) must be a whole number"):
        check_chosen(space, {"layers": 2.5})


@pytest.mark.parametrize(
    ("space", "message"),
    [
        ([], "space must be a dict"),
        ({"knobs": []}, "number of knobs must be between 1 and 6; got 0"),
        ({"knobs": [knob("learning_rate", 1e-4, 1, "log")] * (MAX_KNOBS + 1)}, "number of knobs"),
        ({"knobs": [knob("momentum", 0.1, 1, "log")]}, "knob name must be one of"),
        ({"knobs": [knob("learning_rate", 1e-4, 100, "log")]}, r"learning_rate high must be in"),
        ({"knobs": [knob("learning_rate", 1, 0.1, "log")]}, "low .* must not exceed high"),
        ({"knobs": [knob("learning_rate", 0, 1, "log")]}, r"learning_rate low must be in \[1e-05"),
        ({"knobs": [knob("lambd", 0, 1, "log")]}, "a log scale needs low > 0"),
        ({"knobs": [{"name": "learning_rate"}]}, "each knob must be a dict of name, low, high"),
        (
            {"knobs": [knob("learning_rate", 1e-4, 1, "log")] * 2},
            "each hyperparameter may appear only once",
        ),
        (
            {"knobs": [knob("learning_rate", 1e-4, 1, "log")], "settings": {"sampler": "grid"}},
            "space settings may hold only opt, act, seed, epochs",
        ),
        (
            {"knobs": [knob("learning_rate", 1e-4, 1, "log")], "settings": {"epochs": 7}},
            r"Epochs \(epochs\) must be one of",
        ),
        ({"knobs": [knob("learning_rate", 1e-4, 1, "log")], "seed": -1}, "space seed must be"),
    ],
)
def test_a_bad_space_is_refused_naming_the_field(space, message):
    with pytest.raises(ValueError, match=message):
        read_space(space)


def test_a_run_trains_as_the_same_trial_trained_alone_would():
    space = space_for_scene()
    config = assign(space, 3)
    run = train_assignment(space, config)
    assert (run.hyperparameters, run.epochs, run.diverged) == (config, 10, False)
    assert train_assignment(space, config) == run  # every member starts from the same weights
    # the single network of the search page's "retrain" (Network + train) agrees
    values = dict(space.settings)
    data = make_data(coerce_settings(ALL, values | dict(settings.FIXED_VALUES)))
    base = settings.make_base(values, data.X_train.shape[1])
    _, history = retrain(config, 0, base, data.X_train, data.Y_train, data.X_dev, data.Y_dev)
    assert run.dev_cost == pytest.approx(history.dev_cost[-1], rel=1e-6)
    assert run.dev_accuracy == pytest.approx(history.dev_accuracy[-1])


def test_a_diverged_run_is_an_infinite_cost_the_store_accepts():
    space = read_space(
        {
            "knobs": [knob("learning_rate", 1.0, 10.0, "log")],
            "settings": {"opt": "gd", "l2": 10.0, "bs": "8", "epochs": 20, "ds": "moons"},
        }
    )
    run = train_assignment(space, {"learning_rate": 3.0})
    assert run.diverged and run.dev_cost == math.inf and math.isnan(run.dev_accuracy)
    sent = run.submission()
    assert sent == {"hyperparameters": {"learning_rate": 3.0}, "dev_cost": math.inf,
                    "metrics": {"epochs": 20}}  # fmt: skip
    assert "diverged" in repr(run)


class Stored:
    """A result as the store returns it (``playground.classroom.results.Result``'s fields)."""

    def __init__(self, hyperparameters, dev_cost, metrics, nickname=None):
        self.hyperparameters, self.dev_cost = hyperparameters, dev_cost
        self.metrics, self.nickname = metrics, nickname


def test_a_stored_result_reads_back_as_the_run_that_was_sent():
    run = ClassRun({"learning_rate": 0.01, "beta1": 0.9}, 0.4, 0.85, 10)
    sent = run.submission()
    back = from_result(Stored(sent["hyperparameters"], sent["dev_cost"], sent["metrics"], "Ana"))
    assert back == run and back.nickname == "Ana"
    assert from_result(Stored({}, math.nan, {})).diverged


def runs_of(costs, alphas):
    return [
        ClassRun({"learning_rate": a, "beta1": 0.9}, c, math.nan if math.isinf(c) else 1 - c, 10)
        for a, c in zip(alphas, costs, strict=True)
    ]


def test_the_summary_counts_values_decades_and_the_best_run_from_the_results():
    space = space_for_scene()
    alphas = [0.0002, 0.0005, 0.003, 0.05, 0.2, 0.2]
    runs = runs_of([2.0, 1.9, 1.2, 0.3, math.inf, 0.5], alphas)
    measured = measure(runs, space)
    assert measured["runs"] == 6 and measured["diverged"] == 1
    assert (measured["distinct"], measured["grid_distinct"]) == (5, 2)  # ⌊√6⌋ = 2
    assert measured["per_decade"] == [2, 1, 1, 2] and measured["decades_tried"] == 4
    assert measured["best_cost"] == 0.3 and measured["best"]["learning_rate"] == 0.05
    assert (measured["low_decade_cost"], measured["low_decade"]) == (0.3, (0.01, 0.1))
    assert (measured["high_decade_cost"], measured["high_decade"]) == (1.9, (0.0001, 0.001))
    text = sentence(measured)
    for part in (
        "6 runs tried 5 values of α; a grid of 6 runs over the same knobs tries 2.",
        "0.0001–0.001: 2, 0.001–0.01: 1, 0.01–0.1: 1, 0.1–1: 2 (4 of 4 decades tried)",
        "ranges from 0.3 (α in 0.01–0.1) to 1.9 (α in 0.0001–0.001)",
        "Best run: α = 0.05, β₁ = 0.9 — dev cost 0.3, dev accuracy 70.0%.",
        "1 of 6 runs diverged.",
    ):
        assert part in text


def test_the_summary_of_no_run_one_run_and_only_diverged_runs():
    space = space_for_scene()
    assert sentence(measure([], space)).startswith("No results yet")
    one = measure(runs_of([0.4], [0.01]), space)
    assert sentence(one).startswith("1 run tried 1 value of α; a grid of 1 run")
    assert "ranges from" not in sentence(one)
    broken = runs_of([math.inf, math.inf], [0.5, 0.9])
    assert best_run(broken) is None
    assert "Every run diverged. 2 of 2 runs diverged." in sentence(measure(broken, space))


def test_the_best_run_breaks_a_tie_in_dev_cost_by_dev_accuracy():
    runs = [
        ClassRun({"learning_rate": 0.1}, 0.3, 0.8, 10),
        ClassRun({"learning_rate": 0.2}, 0.3, 0.9, 10),
    ]
    assert best_run(runs) is runs[1]


@pytest.mark.parametrize(
    ("knobs", "shared", "chosen"),
    [
        (None, {}, {"learning_rate": 0.01, "beta1": 0.9}),
        (
            [knob("beta", 0.8, 0.99, "one_minus_log"), knob("decay_rate", 1e-3, 1, "log")],
            {"opt": "momentum", "lr": 0.1, "ds": "moons", "epochs": 20},
            {"beta": 0.95, "decay_rate": 0.01},
        ),
        (
            [knob("lambd", 1e-3, 1, "log"), knob("hidden_units", 2, 32, "log")],
            {"opt": "rmsprop", "beta": 0.99, "bs": "full", "layers": 1},
            {"lambd": 0.03, "hidden_units": 16},
        ),
    ],
)
def test_a_run_trains_the_same_on_the_playground_page_with_its_values(knobs, shared, chosen):
    base = space_for_scene()
    space = base if knobs is None else read_space({"knobs": knobs, "settings": shared})
    run = train_assignment(space, chosen)
    values = playground_values(run, space)
    page = {key: ALL[key].validate(value) for key, value in values.items()}  # all allowed
    page = coerce_settings(ALL, page)
    again = Run(page, make_data(page))
    again.advance()
    assert again.history.dev_cost[-1] == pytest.approx(run.dev_cost, rel=1e-9)
    assert again.history.dev_accuracy[-1] == pytest.approx(run.dev_accuracy)


def test_an_off_grid_value_is_admitted_to_the_playgrounds_nearest_one():
    run = ClassRun({"learning_rate": 0.1307, "beta1": 0.99}, 0.33, 0.91, 10)
    lr = playground_values(run, space_for_scene())["lr"]
    assert ALL["lr"].admit(lr)[0] == 0.1


def test_the_teachers_search_page_settings_are_the_class_space():
    space = space_from_settings({"lr_on": True, "beta1_on": False, "l2_on": True, "rseed": 7})
    assert [(r.name, r.low, r.high, r.scale) for r in space.knobs] == [
        ("learning_rate", 1e-4, 1.0, "log"), ("lambd", 1e-3, 10.0, "log")
    ]  # fmt: skip
    assert space.seed == 7 and space.settings["ds"] == "moons" and space.settings["epochs"] == 100
    with pytest.raises(ValueError, match="choose at least one hyperparameter to search"):
        space_from_settings({"lr_on": False, "beta1_on": False})
