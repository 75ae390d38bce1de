"""Tests for playground.curves: models, fit, learning curves, model-size sweeps, the four runs."""

from __future__ import annotations

import math

import numpy as np
import pytest

from playground.engine import fitting
from playground.engine import settings as spec
from playground.engine.config import MAX_UNITS
from playground.engine.data import make_dataset, split
from playground.engine.diagnose import diagnose
from playground.engine.experiment import Data, Run, make_data
from playground.engine.fitting import Model
from playground.engine.nn import Network
from playground.topics.bias_variance import curves, models, settings, texts
from playground.topics.bias_variance.curves import Curve


@pytest.fixture(scope="module")
def moons() -> Data:
    """The page's default data: noisy moons, 400 examples, 30% dev, standardized."""
    return make_data(settings.data_values(settings.page_values({})))


def small_sets(m: int = 60, seed: int = 0):
    X, Y = make_dataset("moons", m, 0.2, seed)
    parts = split(X, Y, (0.7, 0.3), seed=seed)
    return parts.X_train, parts.Y_train, parts.X_dev, parts.Y_dev


# --------------------------------------------------------------------------- Model, Curve


def test_model_counts_weights_by_hand() -> None:
    # [2, 3, 1]: W1 3×2 + b1 3 + W2 1×3 + b2 1 = 13.
    assert Model((3,)).weights(2, 1) == 13
    # [2, 64, 64, 1]: 64·3 + 64·65 + 1·65 = 4417.
    assert Model((64, 64)).weights(2, 1) == 4417
    # Logistic regression [2, 1]: 3; softmax [2, 4]: 12.
    assert Model(()).weights(2, 1) == 3
    assert Model(()).weights(2, 4) == 12


def test_model_normalizes_and_is_hashable() -> None:
    model = Model([np.int64(4), 2], 1, 1)
    assert model.hidden == (4, 2) and isinstance(model.hidden[0], int)
    assert model.lambd == 1.0 and model.keep_prob == 1.0
    assert {Model((4, 2), 1.0): "a"}[model] == "a"


@pytest.mark.parametrize(
    ("kwargs", "argument"),
    [
        ({"hidden": "64"}, "hidden"),
        ({"hidden": 64}, "hidden"),
        ({"hidden": (0,)}, r"hidden\[0\]"),
        ({"hidden": (2, MAX_UNITS + 1)}, r"hidden\[1\]"),
        ({"hidden": (1,) * 60}, "hidden must list at most"),
        ({"hidden": (2,), "lambd": -0.1}, "lambd"),
        ({"hidden": (2,), "keep_prob": 0.0}, "keep_prob"),
        ({"hidden": (2,), "keep_prob": 1.5}, "keep_prob"),
    ],
)
def test_model_rejects_bad_arguments(kwargs: dict, argument: str) -> None:
    with pytest.raises(ValueError, match=argument):
        Model(**kwargs)


def test_curve_gap_is_dev_minus_train() -> None:
    curve = Curve((10, 20), (0.0, 0.1), (0.3, 0.15))
    np.testing.assert_allclose(curve.gap, (0.3, 0.05))


# --------------------------------------------------------------------------- model_values, fit


def test_model_values_describe_full_batch_adam() -> None:
    values = fitting.model_values(Model((5, 3), 0.7, 0.8), 40, 0.03, 9)
    assert set(spec.ALL) <= set(values)
    assert values["layers"] == 2 and (values["h1"], values["h2"]) == (5, 3)
    assert values["kp1"] == values["kp2"] == 0.8
    assert values["l2"] == 0.7 and values["l1"] == 0.0
    assert (values["opt"], values["bs"], values["sched"]) == ("adam", "full", "constant")
    assert (values["epochs"], values["lr"], values["seed"]) == (40, 0.03, 9)


@pytest.mark.parametrize(
    ("args", "argument"),
    [
        (("model", 10, 0.01, 1), "model"),
        ((Model((2,)), 0, 0.01, 1), "epochs"),
        ((Model((2,)), 10, 0.0, 1), "learning_rate"),
        ((Model((2,)), 10, 0.01, -1), "seed"),
    ],
)
def test_model_values_reject_bad_arguments(args: tuple, argument: str) -> None:
    with pytest.raises(ValueError, match=argument):
        fitting.model_values(*args)


def test_fit_first_adam_step_moves_every_weight_by_alpha_against_its_gradient() -> None:
    # Adam's first step: m̂ = dW, v̂ = dW², so W ← W − α dW/(|dW| + ε) ≈ W − α sign(dW).
    X, Y, _, _ = small_sets()
    model = Model((4,))
    before = Network([2, 4, 1], seed=3)
    before._forward(X, training=True)
    grads = before.backward(Y)
    gradient = {key: grads["d" + key].copy() for key in before.params}
    after = fitting.fit(X, Y, model, epochs=1, learning_rate=0.01, seed=3)
    for key, W in before.params.items():
        g = gradient[key]
        expected = W - 0.01 * g / (np.abs(g) + 1e-8)
        np.testing.assert_allclose(after.params[key], expected, atol=1e-7, err_msg=key)


def test_fit_equals_a_run_of_the_same_settings(moons: Data) -> None:
    model = Model((6, 6), 0.7, 0.9)
    net = fitting.fit(moons.X_train, moons.Y_train, model, 2, 30, 0.01, 4)
    run = Run(fitting.model_values(model, 30, 0.01, 4), moons)
    run.advance()
    np.testing.assert_allclose(net.params.flat, run.net.params.flat, rtol=1e-12)
    assert fitting.error_rate(net, moons.X_dev, moons.Y_dev) == run.errors()[1]


def test_fit_uses_softmax_for_more_classes_and_the_given_class_count() -> None:
    X, Y = make_dataset("spiral", 90, 0.1, 0, n_classes=3)
    net = fitting.fit(X, Y, Model((8,)), epochs=5)
    assert net.output == "softmax" and net.layer_dims == [2, 8, 3]
    only_two = Y[0] < 2
    net = fitting.fit(X[:, only_two], Y[:, only_two], Model((8,)), n_classes=3, epochs=5)
    assert net.layer_dims[-1] == 3


@pytest.mark.parametrize(
    ("kwargs", "argument"),
    [
        ({"X_train": np.ones((2, 0))}, "X_train"),
        ({"Y_train": np.array([[0, 1, 2.5]])}, "Y_train"),
        ({"n_classes": 1}, "n_classes"),
        ({"n_classes": 2, "Y_train": np.array([[0, 1, 2]])}, "n_classes must exceed"),
        ({"epochs": 0}, "epochs"),
    ],
)
def test_fit_rejects_bad_arguments(kwargs: dict, argument: str) -> None:
    arguments = {
        "X_train": np.array([[0.0, 1.0, 2.0], [1.0, 0.0, 1.0]]),
        "Y_train": np.array([[0, 1, 1]]),
        "model": Model((2,)),
    } | kwargs
    with pytest.raises(ValueError, match=argument):
        fitting.fit(**arguments)


def test_error_rate_counts_mistakes_by_hand() -> None:
    net = Network([2, 1], seed=0)
    net.params = {"W1": np.array([[1.0, 0.0]]), "b1": np.zeros((1, 1))}  # ŷ = 1{x₁ > 0}
    X = np.array([[1.0, -1.0, 2.0, -3.0], [0.0, 0.0, 5.0, 5.0]])
    assert fitting.error_rate(net, X, np.array([[1, 0, 1, 0]])) == 0.0
    assert fitting.error_rate(net, X, np.array([[1, 1, 0, 0]])) == 0.5
    assert fitting.error_rate(net, X, np.array([[0, 1, 0, 1]])) == 1.0
    assert math.isnan(fitting.error_rate(net, np.ones((2, 0)), np.ones((1, 0), dtype=int)))


def test_error_rate_rejects_bad_arguments() -> None:
    net = Network([2, 1])
    with pytest.raises(ValueError, match="net"):
        fitting.error_rate("net", np.ones((2, 3)), np.ones((1, 3), dtype=int))
    with pytest.raises(ValueError, match="X_"):
        fitting.error_rate(net, np.ones((3, 3)), np.ones((1, 3), dtype=int))
    with pytest.raises(ValueError, match="Y_"):
        fitting.error_rate(net, np.ones((2, 3)), np.ones((1, 2), dtype=int))


# --------------------------------------------------------------------------- learning curve


def test_learning_curve_sizes_are_log_spaced_by_hand() -> None:
    # m_i = round(10 · 28^(i/7)): 10, 16.1, 25.9, 41.8, 67.0, 108.0, 173.7, 280.
    assert curves.learning_curve_sizes(280) == (10, 16, 26, 42, 67, 108, 174, 280)
    assert curves.learning_curve_sizes(100, count=3) == (10, 32, 100)
    assert curves.learning_curve_sizes(12) == (10, 11, 12)
    assert curves.learning_curve_sizes(5) == (5,)


@pytest.mark.parametrize(
    ("args", "argument"),
    [((0,), "m_train"), ((20_001,), "m_train"), ((100, 1), "count"), ((100, 8, 0), "smallest")],
)
def test_learning_curve_sizes_reject_bad_arguments(args: tuple, argument: str) -> None:
    with pytest.raises(ValueError, match=argument):
        curves.learning_curve_sizes(*args)


def test_learning_curve_trains_on_the_first_m_examples(moons: Data) -> None:
    model = Model((8,))
    curve = curves.learning_curve(
        moons.X_train, moons.Y_train, moons.X_dev, moons.Y_dev, model, (20, 280), epochs=40
    )
    assert curve.x == (20, 280)
    net = fitting.fit(moons.X_train[:, :20], moons.Y_train[:, :20], model, 2, 40)
    assert curve.train_error[0] == fitting.error_rate(
        net, moons.X_train[:, :20], moons.Y_train[:, :20]
    )
    assert curve.dev_error[0] == fitting.error_rate(net, moons.X_dev, moons.Y_dev)


def test_learning_curves_of_the_page_show_variance_and_bias(moons: Data) -> None:
    """The page's defaults: the large net's gap closes with data, the small net plateaus."""
    sets = (moons.X_train, moons.Y_train, moons.X_dev, moons.Y_dev)
    large = curves.learning_curve(*sets, Model((64, 64)), (10, 42, 280))
    small = curves.learning_curve(*sets, Model((2,)), (10, 42, 280))
    assert large.train_error[0] == 0.0 and large.train_error[-1] < 0.02
    assert large.dev_error[0] - large.dev_error[-1] > 0.05, "more data helps the large net"
    assert small.train_error[-1] > 0.08, "the small net underfits its whole training set"
    assert small.dev_error[-1] > large.dev_error[-1]


def test_last_points_of_both_curves_are_the_large_run(moons: Data) -> None:
    sets = (moons.X_train, moons.Y_train, moons.X_dev, moons.Y_dev)
    m_train = moons.X_train.shape[1]
    learning = curves.learning_curve(*sets, Model((16, 16)), (m_train,), epochs=60)
    sweep = curves.model_size_sweep(*sets, (4, 16), epochs=60)
    run = Run(fitting.model_values(Model((16, 16)), 60, 0.01, 1), moons)
    run.advance()
    assert learning.train_error[-1] == sweep.train_error[-1] == run.errors()[0]
    assert learning.dev_error[-1] == sweep.dev_error[-1] == run.errors()[1]


@pytest.mark.parametrize(
    ("kwargs", "argument"),
    [
        ({"sizes": ()}, "sizes"),
        ({"sizes": "10"}, "sizes"),
        ({"sizes": (20, 10)}, "strictly increasing"),
        ({"sizes": (10, 10)}, "strictly increasing"),
        ({"sizes": (0, 10)}, r"sizes\[0\]"),
        ({"sizes": (10, 43)}, r"sizes\[1\]"),
        ({"X_dev": np.ones((3, 5))}, "X_dev"),
        ({"n_classes": 11}, "n_classes"),
        ({"model": Model((512, 512)), "epochs": 20_000}, "more than this server computes"),
    ],
)
def test_learning_curve_rejects_bad_arguments(kwargs: dict, argument: str) -> None:
    X, Y, Xd, Yd = small_sets()
    arguments = {"X_train": X, "Y_train": Y, "X_dev": Xd, "Y_dev": Yd, "model": Model((2,))}
    with pytest.raises(ValueError, match=argument):
        curves.learning_curve(**(arguments | kwargs))


# --------------------------------------------------------------------------- model-size sweep


def test_sweep_units_are_powers_of_two_up_to_the_largest() -> None:
    assert curves.sweep_units(64) == (1, 2, 4, 8, 16, 32, 64)
    assert curves.sweep_units(50) == (1, 2, 4, 8, 16, 32, 50)
    assert curves.sweep_units(1) == (1,)
    for bad in (0, MAX_UNITS + 1):
        with pytest.raises(ValueError, match="largest"):
            curves.sweep_units(bad)


def test_model_size_sweep_goes_from_high_bias_to_a_fitted_training_set(moons: Data) -> None:
    sets = (moons.X_train, moons.Y_train, moons.X_dev, moons.Y_dev)
    curve = curves.model_size_sweep(*sets, (1, 64))
    assert curve.x == (1, 64)
    assert curve.train_error[0] > 0.3, "one unit per layer underfits the moons"
    assert curve.train_error[1] < 0.02
    regularized = curves.model_size_sweep(*sets, (64,), lambd=0.7)
    assert regularized.train_error[0] > curve.train_error[1], "λ keeps it from fitting noise"


@pytest.mark.parametrize(
    ("kwargs", "argument"),
    [
        ({"units": ()}, "units"),
        ({"units": (4, 2)}, "strictly increasing"),
        ({"units": (0, 2)}, r"units\[0\]"),
        ({"layers": 0}, "layers"),
        ({"layers": 7}, "layers"),
        ({"lambd": -1.0}, "lambd"),
        ({"keep_prob": 0.0}, "keep_prob"),
        ({"units": (512,), "epochs": 20_000, "layers": 6}, "more than this server computes"),
    ],
)
def test_model_size_sweep_rejects_bad_arguments(kwargs: dict, argument: str) -> None:
    X, Y, Xd, Yd = small_sets()
    with pytest.raises(ValueError, match=argument):
        curves.model_size_sweep(X, Y, Xd, Yd, **({"units": (1, 2)} | kwargs))


# --------------------------------------------------------------------------- the page's runs


def test_the_four_models_and_their_names() -> None:
    l2 = models.bias_variance_models(2, 64, "l2", 0.7)
    assert l2 == {
        "Small · λ = 0": Model((2,)),
        "Small · λ = 0.7": Model((2,), 0.7),
        "Large · λ = 0": Model((64, 64)),
        "Large · λ = 0.7": Model((64, 64), 0.7),
    }
    dropout = models.bias_variance_models(3, 16, "dropout", keep_prob=0.86)
    assert list(dropout) == [
        "Small · keep_prob = 1",
        "Small · keep_prob = 0.86",
        "Large · keep_prob = 1",
        "Large · keep_prob = 0.86",
    ]
    assert dropout["Large · keep_prob = 0.86"] == Model((16, 16), keep_prob=0.86)


@pytest.mark.parametrize(
    ("args", "argument"),
    [
        ((0, 64), "small"),
        ((2, 0), "big"),
        ((2, 64, "l1"), "reg"),
        ((2, 64, "l2", -1.0), "lambd"),
        ((2, 64, "dropout", 0.7, 0.0), "keep_prob"),
    ],
)
def test_the_four_models_reject_bad_arguments(args: tuple, argument: str) -> None:
    with pytest.raises(ValueError, match=argument):
        models.bias_variance_models(*args)


def test_page_values_fill_defaults_and_data_values_feed_make_data() -> None:
    values = settings.page_values({"noise": 0.3, "bogus": 1, "big": 7})
    assert values["noise"] == 0.3 and values["ds"] == "moons" and values["l2"] == 0.7
    assert values["big"] == 64, "a width not offered falls back to the default"
    assert "bogus" not in values
    data = settings.data_values(values)
    assert set(data) == set(spec.ALL)
    assert (data["ds"], data["noise"], data["n"], data["dev"]) == ("moons", 0.3, 400, 30)
    assert data["std"] is True


def test_learning_curve_models_and_sweeps_follow_the_regularizer() -> None:
    values = settings.page_values({})
    assert models.learning_curve_models(values) == {
        "Small · λ = 0": Model((2,)),
        "Large · λ = 0": Model((64, 64)),
    }
    assert models.size_sweeps(values) == {"λ = 0": (0.0, 1.0), "λ = 0.7": (0.7, 1.0)}
    dropout = settings.page_values({"reg": "dropout", "kp": 0.5})
    assert list(models.learning_curve_models(dropout)) == [
        "Small · keep_prob = 1",
        "Large · keep_prob = 1",
    ]
    assert models.size_sweeps(dropout) == {
        "keep_prob = 1": (0.0, 1.0),
        "keep_prob = 0.5": (0.0, 0.5),
    }


def test_bias_variance_runs_build_the_four_networks(moons: Data) -> None:
    values = settings.page_values({"small": 3, "big": 16, "reg": "dropout", "kp": 0.8})
    runs = models.bias_variance_runs(values, moons)
    assert list(runs) == list(models.page_models(values))
    dims = [run.net.layer_dims for run in runs.values()]
    assert dims == [[2, 3, 1], [2, 3, 1], [2, 16, 16, 1], [2, 16, 16, 1]]
    keep = [run.net.keep_probs for run in runs.values()]
    assert keep == [[1.0], [0.8], [1.0, 1.0], [0.8, 0.8]]
    assert all(run.epochs == 500 and run.values["bs"] == "full" for run in runs.values())


def test_page_settings_keep_the_meaning_of_shared_keys() -> None:
    for setting in settings.SETTINGS:
        shared = spec.ALL.get(setting.key)
        if shared is not None:
            assert setting.label == shared.label, setting.key
            assert setting.kind == shared.kind, setting.key
            assert (setting.low, setting.high) == (shared.low, shared.high), setting.key
            assert set(setting.options) <= set(shared.options), setting.key


# --------------------------------------------------------------------------- words


def test_learning_curve_reading_per_case() -> None:
    variance = Curve((10, 100, 280), (0.0, 0.0, 0.01), (0.2, 0.12, 0.08))
    text = texts.explain_learning_curve(variance, 0.03)
    assert "high variance" in text and "still falling (from 12.0% at m_train = 100)" in text
    assert "More data would likely help" in text
    flat = Curve((10, 280), (0.0, 0.01), (0.1, 0.1))
    assert "curves are still apart" in texts.explain_learning_curve(flat, 0.03)
    bias = Curve((10, 280), (0.05, 0.12), (0.2, 0.14))
    text = texts.explain_learning_curve(bias, 0.03)
    assert "high bias" in text and "More data will not help" in text
    fine = Curve((280,), (0.03,), (0.05,))
    assert "low bias and low variance" in texts.explain_learning_curve(fine, 0.03)


def test_size_sweep_reading_per_case() -> None:
    curve = Curve((1, 2, 4, 64), (0.5, 0.2, 0.03, 0.0), (0.5, 0.22, 0.05, 0.09))
    text = texts.explain_size_sweep(curve, 0.03)
    assert "lowest (5.0%) at 4 units" in text
    assert "Up to 2 units" in text and "high bias" in text
    assert "At 64 units the train error is 0.0% but the dev error 9.0%" in text
    regularized = Curve((1, 64), (0.04, 0.03), (0.05, 0.05))
    text = texts.explain_size_sweep(regularized, 0.03)
    assert "high bias" not in text and "no high variance" in text


@pytest.mark.parametrize("function", [texts.explain_learning_curve, texts.explain_size_sweep])
def test_readings_reject_bad_arguments(function) -> None:
    with pytest.raises(ValueError, match="curve"):
        function(Curve((), (), ()), 0.0)
    with pytest.raises(ValueError, match="bayes_error"):
        function(Curve((1,), (0.0,), (0.0,)), 1.5)
    with pytest.raises(ValueError, match="threshold"):
        function(Curve((1,), (0.0,), (0.0,)), 0.0, threshold=0.0)


def test_curve_work_counts_examples_weights_and_epochs() -> None:
    # 500 epochs × (700 examples × 4417 weights + 8 trainings × 2e5).
    assert curves.curve_work(500, 700 * 4417, 8) == 500 * (700 * 4417 + 8 * 2e5)


def test_page_curves_are_checked_before_any_training(moons: Data) -> None:
    models.check_page_curves(settings.page_values({}), moons)
    models.check_page_curves(settings.page_values({"epochs": 1000}), moons)
    # 3000 epochs × (700 examples × 16 897 weights + 8 × 2e5) = 4.0e10 > 1e10.
    too_long = settings.page_values({"epochs": 3000, "big": 128})
    with pytest.raises(ValueError, match=r"the learning curve needs 4\.\de\+10 units"):
        models.check_page_curves(too_long, moons)


def test_one_thread_runs_train_like_runs(moons: Data) -> None:
    values = settings.page_values({"epochs": 50, "big": 16})
    runs = models.bias_variance_runs(values, moons)
    assert all(isinstance(run, models.OneThreadRun) for run in runs.values())
    name = "Large · λ = 0.7"
    plain = Run(runs[name].values, moons)
    runs[name].advance()
    plain.advance()
    np.testing.assert_allclose(runs[name].net.params.flat, plain.net.params.flat, rtol=1e-12)
    assert runs[name].history.last_epoch == 50


def test_negative_parts_of_the_decomposition_are_explained():
    below_bayes = texts.explain_negative_parts(diagnose(0.0071, 0.0667, 0.0307))
    assert below_bayes.startswith("Train error 0.7% is below the Bayes estimate 3.1%")
    assert "(-2.4%, drawn downwards)" in below_bayes and "variance" not in below_bayes
    easier_dev = texts.explain_negative_parts(diagnose(0.10, 0.08, 0.03))
    assert easier_dev.startswith("Dev error 8.0% is below train error 10.0%")
    assert "(-2.0%, drawn downwards)" in easier_dev
    assert texts.explain_negative_parts(diagnose(0.05, 0.11, 0.03)) == ""
    with pytest.raises(ValueError, match="diagnosis"):
        texts.explain_negative_parts((0.1, 0.2, 0.0))
