"""Tests of playground.regularization: the two runs, weight decay, sparsity, dropout's expected
activations, the page's defaults (each technique helps) and the sentences, against hand
computations."""

from __future__ import annotations

import math

import numpy as np
import pytest

from playground.engine import blas
from playground.engine import settings as spec
from playground.engine.config import coerce_settings
from playground.engine.experiment import Data, make_data
from playground.engine.nn import Network
from playground.engine.optim import GradientDescent
from playground.engine.train import train
from playground.topics.regularization import effects, techniques, texts
from playground.topics.regularization.augment import ReflectionCheck

DEFAULTS = coerce_settings(techniques.TABLE, {})


@pytest.fixture(autouse=True, scope="module")
def one_blas_thread():
    """As the page does: multi-threaded BLAS on a busy machine can make the 700-point augmented
    run take tens of seconds instead of about one."""
    with blas.one_blas_thread():
        yield


def values(**changes: object) -> dict:
    return {**DEFAULTS, **changes}


def trained(**changes: object) -> dict:
    page = values(**changes)
    runs = techniques.make_runs(page, make_data(techniques.data_values(page)))
    for run in runs.values():
        run.advance()
    return runs


# -- settings -----------------------------------------------------------------------------------


def test_the_table_has_every_shared_setting_with_the_same_meaning():
    for key, shared in spec.ALL.items():
        page = techniques.TABLE[key]
        assert (page.label, page.kind, page.options) == (shared.label, shared.kind, shared.options)
        if key != "es":
            assert (page.low, page.high, page.step) == (shared.low, shared.high, shared.step)
    assert techniques.TABLE["es"].low == 10, "patience 0 (off) is pointless on this page"
    assert set(techniques.TABLE) - set(spec.ALL) == {"reg", "jitter", "reflect", "rotate", "copies"}


def test_the_page_defaults_are_a_small_noisy_data_set_and_a_big_network():
    assert {key: DEFAULTS[key] for key in techniques.PAGE_DEFAULTS} == techniques.PAGE_DEFAULTS
    data = make_data(techniques.data_values(DEFAULTS))
    assert data.X_train.shape == (2, 100) and data.X_dev.shape == (2, 100)
    assert [DEFAULTS[f"h{l}"] for l in range(1, DEFAULTS["layers"] + 1)] == [64, 64, 64]
    assert (DEFAULTS["reg"], DEFAULTS["l2"], DEFAULTS["l1"]) == ("L2", 3.0, 1.0)
    assert (DEFAULTS["kp1"], DEFAULTS["es"], DEFAULTS["copies"]) == (0.6, 50, 6)


def test_no_int_setting_is_a_number_box():
    for setting in techniques.TABLE.values():
        if setting.kind == "int":
            assert setting.options or None not in (setting.low, setting.high, setting.step)


def test_settings_and_technique_keys():
    assert [s.key for s in techniques.settings("reg", "l2", "n")] == ["reg", "l2", "n"]
    assert techniques.settings("n")[0].default == 200
    with pytest.raises(ValueError, match="keys must be settings of the page; unknown: lr2"):
        techniques.settings("lr", "lr2")
    assert techniques.technique_keys("L2", 3) == ("l2",)
    assert techniques.technique_keys("L1", 3) == ("l1",)
    assert techniques.technique_keys("dropout", 2) == ("kp1", "kp2")
    assert techniques.technique_keys("dropout", 0) == ()
    assert techniques.technique_keys("augmentation", 1) == ("jitter", "reflect", "rotate", "copies")
    assert techniques.technique_keys("early-stopping", 3) == ("es",)
    with pytest.raises(ValueError, match="technique must be one of 'L2', 'L1'"):
        techniques.technique_keys("L3", 3)
    with pytest.raises(ValueError, match="layers must be between 0 and 6"):
        techniques.technique_keys("L2", 7)


# -- the two runs -------------------------------------------------------------------------------

OFF = {"l2": 0.0, "l1": 0.0, "es": 0, "bn": False, **dict.fromkeys(techniques.KEEP_KEYS, 1.0)}


@pytest.mark.parametrize(
    ("technique", "on"),
    [
        ("L2", {"l2": 3.0}),
        ("L1", {"l1": 1.0}),
        ("dropout", {"kp1": 0.6, "kp2": 0.6, "kp3": 0.6}),
        ("augmentation", {}),
        ("early-stopping", {"es": 50}),
    ],
)
def test_run_settings_differ_only_by_the_technique(technique, on):
    page = values(reg=technique, bn=True)
    runs = techniques.run_settings(page)
    assert list(runs) == ["none", technique]
    none, regular = runs["none"], runs[technique]
    assert {key: none[key] for key in OFF} == OFF
    assert {key: regular[key] for key in OFF} == {**OFF, **on}
    for key in ("ds", "n", "dseed", "seed", "lr", "opt", "bs", "epochs", "layers", "h1"):
        assert none[key] == regular[key] == page[key]


def test_run_settings_need_every_setting_and_a_known_technique():
    with pytest.raises(ValueError, match="values must hold every setting of the page; missing"):
        techniques.run_settings({"reg": "L2"})
    with pytest.raises(ValueError, match=r"values\['reg'\] must be one of"):
        techniques.run_settings(values(reg="ridge"))


def test_both_runs_start_from_the_same_weights_on_the_same_data():
    for technique in techniques.TECHNIQUES:
        page = values(reg=technique)
        data = make_data(techniques.data_values(page))
        runs = techniques.make_runs(page, data)
        none, regular = runs["none"], runs[technique]
        np.testing.assert_array_equal(none.net.params.flat, regular.net.params.flat)
        assert none.data is data
        np.testing.assert_array_equal(regular.data.X_dev, data.X_dev)
        m = 100 * (1 + page["copies"]) if technique == "augmentation" else 100
        assert regular.data.X_train.shape == (2, m), technique
        np.testing.assert_array_equal(regular.data.X_train[:, :100], data.X_train)


def test_augmented_data_uses_the_page_knobs_and_the_data_seed():
    page = values(copies=2, jitter=0.0, rotate=0, reflect="none")
    data = make_data(techniques.data_values(page))
    augmented = techniques.augmented_data(data, page)
    np.testing.assert_array_equal(augmented.X_train, np.tile(data.X_train, 3))
    np.testing.assert_array_equal(augmented.Y_train, np.tile(data.Y_train, 3))
    assert augmented.source == "xor + augmentation"
    three = Data(np.zeros((3, 4)), np.zeros((1, 4), int), np.zeros((3, 2)), np.zeros((1, 2)), 2, "")
    with pytest.raises(ValueError, match="data must have 2 features to augment 2-D points; got 3"):
        techniques.augmented_data(three, page)
    with pytest.raises(ValueError, match="missing"):
        techniques.augmented_data(data, {"jitter": 0.1})


def test_data_values_keep_only_what_defines_the_data():
    assert techniques.data_values(DEFAULTS) == {
        "ds": "xor",
        "noise": 0.2,
        "n": 200,
        "C": 3,
        "dev": 50,
        "std": True,
        "dseed": 3,
    }
    with pytest.raises(ValueError, match="missing"):
        techniques.data_values({"ds": "xor"})


@pytest.mark.parametrize("technique", techniques.TECHNIQUES)
def test_each_default_technique_visibly_lowers_the_dev_error(technique):
    """The page's promise: on its default data each technique's default helps (by ≥ 5 points)."""
    runs = trained(reg=technique)
    _, dev_none = runs["none"].errors()
    train_reg, dev_reg = runs[technique].errors()
    assert runs["none"].errors()[0] == 0.0, "without regularization the network fits every point"
    assert dev_none - dev_reg >= 0.05, (technique, dev_none, dev_reg)
    assert dev_reg - train_reg < dev_none, "the train–dev gap shrinks"


def test_run_title_names_the_technique_and_its_strength():
    assert techniques.run_title(values()) == "L2, λ = 3"
    assert techniques.run_title(values(reg="L1", l1=0.3)) == "L1, λ₁ = 0.3"
    assert (
        techniques.run_title(values(reg="dropout", kp2=0.8)) == "Dropout, keep_prob 0.6 / 0.8 / 0.6"
    )
    assert techniques.run_title(values(reg="dropout", layers=0)) == "Dropout, keep_prob —"
    assert techniques.run_title(values(reg="augmentation")) == "Augmentation, 6 copies"
    assert techniques.run_title(values(reg="early-stopping")) == "Early stopping, patience 50"


# -- L2 -----------------------------------------------------------------------------------------


def test_weight_decay_factor_is_one_minus_alpha_lambda_over_b():
    assert effects.weight_decay_factor(0.1, 0.7, 100) == pytest.approx(1 - 0.1 * 0.7 / 100)
    assert effects.weight_decay_factor(0.003, 3.0, 100) == pytest.approx(0.99991)
    assert effects.weight_decay_factor(0.5, 0.0, 10) == 1.0
    assert effects.weight_decay_factor(1.0, 30.0, 10) == pytest.approx(-2.0)


def test_a_gradient_step_with_l2_is_weight_decay_then_the_plain_step():
    """W − α(dW_backprop + (λ/b) W) = (1 − αλ/b) W − α dW_backprop on a batch of b, with the
    core's backward (here one batch of all 8 examples)."""
    rng = np.random.RandomState(0)
    X, Y = rng.randn(2, 8), rng.randint(0, 2, (1, 8))
    alpha, lambd, m = 0.5, 2.0, 8
    net = Network([2, 4, 1], seed=3)
    plain_net = net.copy()
    net.forward(X, training=True)
    GradientDescent(alpha).update(net.params, net.backward(Y, lambd=lambd))
    plain_net.forward(X, training=True)
    plain = {k: v.copy() for k, v in plain_net.backward(Y).items()}
    factor = effects.weight_decay_factor(alpha, lambd, m)
    for l in (1, 2):
        W0 = plain_net.params[f"W{l}"]
        expected = factor * W0 - alpha * plain[f"dW{l}"]
        np.testing.assert_allclose(net.params[f"W{l}"], expected, rtol=1e-12)
        np.testing.assert_allclose(net.params[f"b{l}"], -alpha * plain[f"db{l}"], rtol=1e-12)


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        ((0.0, 1.0, 10), r"learning_rate must be in \(0.0, 100.0\]"),
        ((0.1, -1.0, 10), r"lambd must be in \[0.0, 1000000.0\]"),
        ((0.1, 1.0, 0), "batch must be at least 1"),
        ((0.1, 1.0, 2.5), "batch must be an integer"),
    ],
)
def test_weight_decay_factor_rejects_bad_arguments(arguments, message):
    with pytest.raises(ValueError, match=message):
        effects.weight_decay_factor(*arguments)


def test_training_charges_each_mini_batch_lambda_over_2b_as_the_lecture_does():
    """J{t} = (1/b) Σ L + λ/(2b) Σ‖W‖² with b the mini-batch, not the training set's m."""
    rng = np.random.RandomState(1)
    X, Y = rng.randn(2, 12), rng.randint(0, 2, (1, 12))
    lambd, b = 2.0, 4
    net = Network([2, 3, 1], seed=2)
    start = net.copy()
    history = train(net, X, Y, GradientDescent(0.5), 1, batch_size=b, lambd=lambd, seed=5)
    order = np.random.RandomState(5 + 1).permutation(12)[:b]
    AL = start.forward(X[:, order], training=True)
    squares = sum(float(np.sum(start.params[f"W{l}"] ** 2)) for l in (1, 2))
    expected = start.cost(AL, Y[:, order]) + lambd / (2 * b) * squares
    assert history.iteration_cost[0] == pytest.approx(expected, rel=1e-12)


def test_the_l1_and_l2_help_say_what_the_maths_does():
    assert "exactly zero" not in spec.ALL["l1"].help and "near zero" in spec.ALL["l1"].help
    assert "λ₁/(2b)" in spec.ALL["l1"].help
    assert "λ/(2b)" in spec.ALL["l2"].help and "(1 − αλ/b) W" in spec.ALL["l2"].help
    assert "αλ/m" not in spec.ALL["l2"].help


def test_l1_brings_weights_near_zero_not_onto_it():
    """Subgradient steps of fixed size αλ₁/(2b) jump over 0: many |w| < 1e-3, none exactly 0."""
    values = coerce_settings(techniques.TABLE, {"reg": "L1", "epochs": 200})
    runs = techniques.make_runs(values, make_data(techniques.data_values(values)))
    with blas.one_blas_thread():
        runs["L1"].advance()
    counted = effects.sparsity(runs["L1"].net.params)
    assert counted.fraction > 0.5 and counted.exact_zero == 0


def test_batch_sizes_are_the_training_loops():
    assert effects.batch_sizes(100, 8) == [8] * 12 + [4]
    assert effects.batch_sizes(96, 8) == [8] * 12
    assert effects.batch_sizes(100, None) == [100] == effects.batch_sizes(100, 512)
    with pytest.raises(ValueError, match="batch must be at least 1"):
        effects.batch_sizes(100, 0)


def test_weight_decay_per_epoch_and_the_effective_lambda_grow_as_batches_shrink():
    per_epoch = effects.weight_decay_per_epoch(0.003, 3.0, 100, 8)
    assert per_epoch == pytest.approx((1 - 0.009 / 8) ** 12 * (1 - 0.009 / 4), rel=1e-14)
    assert effects.weight_decay_per_epoch(0.003, 3.0, 100, None) == pytest.approx(0.99991)
    assert effects.effective_lambda(0.003, 3.0, 100, None) == pytest.approx(3.0)
    effective = effects.effective_lambda(0.003, 3.0, 100, 8)
    assert effective == pytest.approx(100 * (1 - per_epoch) / 0.003)
    assert 150 < effective / 3.0 < 200  # about (m/b)² = 156, more for the short last batch
    sizes = [effects.effective_lambda(0.003, 3.0, 100, b) for b in (100, 64, 32, 16, 8, 1)]
    assert sizes == sorted(sizes)


def test_total_weight_norm_is_the_root_of_the_summed_squares():
    norms = effects.total_weight_norm([[3.0, 4.0], [0.0, 0.0], [1.0, math.nan]])
    np.testing.assert_array_equal(norms[:2], [5.0, 0.0])
    assert math.isnan(norms[2])
    assert effects.total_weight_norm([]).shape == (0,)
    with pytest.raises(ValueError, match="weight_norms must hold one norm per layer"):
        effects.total_weight_norm([[1.0, 2.0], [1.0]])
    with pytest.raises(ValueError, match="weight_norms must hold one norm per layer"):
        effects.total_weight_norm([[]])


def test_l2_shrinks_the_weights_of_the_default_run():
    runs = trained(reg="L2", epochs=100)
    end = {
        name: effects.total_weight_norm(run.history.weight_norms)[-1] for name, run in runs.items()
    }
    flat = runs["L2"].net.params
    by_hand = math.sqrt(sum(float((flat[k] ** 2).sum()) for k in effects.weight_keys(flat)))
    assert end["L2"] == pytest.approx(by_hand)
    assert end["L2"] < end["none"] / 2


# -- L1 -----------------------------------------------------------------------------------------

PARAMS = {
    "W1": np.array([[0.0, 1e-4], [0.5, -2e-3]]),
    "b1": np.zeros((2, 1)),
    "W10": np.array([[-5e-4, 3.0]]),
    "W2": np.array([[1e-3]]),
    "b2": np.zeros((1, 1)),
}


def test_weight_keys_are_in_layer_order_and_skip_the_biases():
    assert effects.weight_keys(PARAMS) == ["W1", "W2", "W10"]
    np.testing.assert_array_equal(
        effects.all_weights(PARAMS), [0.0, 1e-4, 0.5, -2e-3, 1e-3, -5e-4, 3.0]
    )
    with pytest.raises(ValueError, match="params must hold weights W1, W2, …; got none"):
        effects.all_weights({"b1": np.zeros(2)})


def test_sparsity_counts_weights_below_the_threshold_by_hand():
    counted = effects.sparsity(PARAMS)
    # W1: 0 and 1e-4 (2 of 4); W2: 1e-3 is not < 1e-3 (0 of 1); W10: -5e-4 (1 of 2).
    assert (counted.near_zero, counted.total, counted.threshold) == (3, 7, 1e-3)
    assert counted.per_layer == ((2, 4), (0, 1), (1, 2))
    assert counted.fraction == pytest.approx(3 / 7)
    assert effects.sparsity(PARAMS, threshold=0.01).near_zero == 5
    assert effects.sparsity(PARAMS, threshold=1.0).near_zero == 6
    with pytest.raises(ValueError, match=r"threshold must be in \(0.0, 1.0\]"):
        effects.sparsity(PARAMS, threshold=0.0)
    with pytest.raises(ValueError, match=r"threshold must be in \(0.0, 1.0\]"):
        effects.sparsity(PARAMS, threshold=2.0)
    with pytest.raises(ValueError, match="params must hold weights"):
        effects.sparsity({})


def test_l1_makes_most_default_weights_zero():
    runs = trained(reg="L1", epochs=200)
    assert effects.sparsity(runs["none"].net.params).fraction < 0.01
    assert effects.sparsity(runs["L1"].net.params).fraction > 0.5


# -- dropout ------------------------------------------------------------------------------------


def test_dropout_means_by_hand_for_one_layer():
    rng = np.random.RandomState(1)
    X = rng.randn(2, 40)
    net = Network([2, 30, 1], seed=2, keep_probs=[0.5])
    net.params["b1"] = rng.randn(30, 1) * 0.1
    state = net.dropout_rng.get_state()[1].copy()
    means = effects.dropout_means(net, X, samples=2000, seed=4)
    a1 = np.maximum(0.0, net.params["W1"] @ X + net.params["b1"])
    assert means.keep_probs == (0.5,)
    np.testing.assert_allclose(means.test, [a1.mean()], rtol=1e-12)
    np.testing.assert_allclose(means.inverted, means.test, rtol=0.02)
    np.testing.assert_allclose(means.unscaled, 0.5 * means.inverted, rtol=1e-12)
    np.testing.assert_array_equal(net.dropout_rng.get_state()[1], state), "net is not touched"
    again = effects.dropout_means(net, X, samples=2000, seed=4)
    np.testing.assert_array_equal(again.inverted, means.inverted)


def test_dropout_means_of_a_network_measured_before_are_the_ones_kept(monkeypatch):
    measured = []
    original = effects._measured_means
    monkeypatch.setattr(
        effects, "_measured_means", lambda *args: measured.append(1) or original(*args)
    )
    X = np.random.RandomState(3).randn(2, 30)
    first = effects.dropout_means(Network([2, 8, 1], seed=11, keep_probs=[0.7]), X)
    second = effects.dropout_means(Network([2, 8, 1], seed=11, keep_probs=[0.7]), X)
    assert second is first and len(measured) == 1, "another session's equal network: kept"
    with pytest.raises(ValueError, match="read-only"):
        first.inverted[0] = 0.0
    changed = [
        effects.dropout_means(Network([2, 8, 1], seed=11, keep_probs=[0.6]), X),
        effects.dropout_means(Network([2, 8, 1], seed=12, keep_probs=[0.7]), X),
        effects.dropout_means(Network([2, 8, 1], seed=11, keep_probs=[0.7]), X + 1.0),
        effects.dropout_means(Network([2, 8, 1], seed=11, keep_probs=[0.7]), X, seed=1),
        effects.dropout_means(Network([2, 8, 1], seed=11, keep_probs=[0.7]), X, samples=9),
    ]
    assert len(measured) == 6
    assert all(not np.array_equal(means.inverted, first.inverted) for means in changed)


def test_dropout_means_checks_each_layer_with_test_time_inputs():
    rng = np.random.RandomState(0)
    X = rng.randn(2, 50)
    net = Network([2, 20, 20, 20, 1], seed=5, keep_probs=[0.5, 1.0, 0.3])
    means = effects.dropout_means(net, X, samples=1500)
    assert means.inverted[1] == means.test[1] == means.unscaled[1], "keep_prob 1: no dropout"
    np.testing.assert_allclose(means.inverted, means.test, rtol=0.03)
    np.testing.assert_allclose(means.unscaled, means.inverted * [0.5, 1.0, 0.3], rtol=1e-12)


def test_dropout_means_rejects_bad_arguments():
    X = np.zeros((2, 3))
    with pytest.raises(ValueError, match="net must not use batch norm"):
        effects.dropout_means(Network([2, 3, 1], batch_norm=True), X)
    with pytest.raises(ValueError, match="net must have at least one hidden layer"):
        effects.dropout_means(Network([2, 1]), X)
    net = Network([2, 3, 1], keep_probs=0.5)
    with pytest.raises(ValueError, match="X must have 2 rows"):
        effects.dropout_means(net, np.zeros((3, 3)))
    with pytest.raises(ValueError, match="samples must be between 1 and 10000"):
        effects.dropout_means(net, X, samples=0)
    with pytest.raises(ValueError, match="seed must be between 0 and"):
        effects.dropout_means(net, X, seed=-1)


def test_cost_jitter_is_the_mean_absolute_change_per_epoch():
    assert effects.cost_jitter([1.0, 0.5, 0.75]) == pytest.approx(0.375)
    assert effects.cost_jitter([1.0, math.nan, 0.5, 0.25]) == pytest.approx(0.25)
    assert math.isnan(effects.cost_jitter([]))
    assert math.isnan(effects.cost_jitter([0.3]))


def test_the_dropout_run_has_a_noisier_cost():
    runs = trained(reg="dropout", epochs=100)
    plain, dropped = (effects.cost_jitter(run.history.train_cost) for run in runs.values())
    assert dropped > 3 * plain


# -- sentences ----------------------------------------------------------------------------------


def test_comparison_when_the_technique_helps():
    text = texts.comparison("L2", (0.0, 0.27), (0.14, 0.18))
    assert text == (
        "**Dev accuracy went from 73% to 82%** with L2: the regularized network overfits less. "
        "The gap between train and dev accuracy went from 27 to 4 points "
        "(train accuracy 100% → 86%)."
    )


def test_comparison_when_the_technique_hurts_or_does_nothing():
    underfit = texts.comparison("L1", (0.05, 0.2), (0.3, 0.35))
    assert "from 80% to 65%** with L1: worse: this much regularization makes the network " in (
        underfit
    )
    assert "underfit (train accuracy 95% → 70%)" in underfit
    worse = texts.comparison("dropout", (0.1, 0.2), (0.1, 0.25))
    assert "with dropout: worse on the dev set." in worse
    same = texts.comparison("early-stopping", (0.18, 0.2), (0.19, 0.21))
    assert "with early stopping: about the same on the dev set." in same
    assert "hardly overfits (train − dev gap 2 points): there is little for regularization" in same
    assert "train accuracy is only 82%: it underfits (high bias)" in same
    fitted = texts.comparison("L2", (0.05, 0.06), (0.05, 0.06))
    assert fitted.endswith(
        "there is little for regularization to fix. The gap between train and "
        "dev accuracy went from 1 to 1 points (train accuracy 95% → 95%)."
    )
    augmented = texts.comparison("augmentation", (0.0, 0.3), (0.0, 0.29))
    assert "with data augmentation: about the same" in augmented
    assert "hardly overfits" not in augmented
    with pytest.raises(ValueError, match="technique must be one of"):
        texts.comparison("L3", (0.0, 0.1), (0.0, 0.1))
    with pytest.raises(ValueError, match=r"regular\[1\] must be in \[0.0, 1.0\]"):
        texts.comparison("L2", (0.0, 0.1), (0.0, 1.5))


def test_l2_text_shows_the_decay_factor_for_this_run():
    text = texts.l2_text(0.003, 3.0, 100, None, 500, "adam", (29.9, 4.2))
    assert text.startswith("- **Penalty**: each mini-batch of b examples has the cost $J^{\\{t\\}}")
    assert "\\frac{\\lambda}{2b}" in text and "b = 100 = m, the full batch" in text
    assert "1 - 0.003 \\times 3 / 100$ = **0.99991** per step." in text
    assert "takes 1 step: W × **0.99991** per epoch" in text
    assert f"Over 500 epochs that alone scales W by {0.99991**500:.3g}." in text
    assert "With adam the" in text and "Full-batch" not in text
    assert "final ‖W‖ **29.9** without regularization, **4.2** with L2" in text
    assert text.count("\n- ") == 2, "three bullets"
    plain = texts.l2_text(0.1, 0.7, 70, None, 0, "gd", ())
    assert "= **0.999** per step." in plain
    assert "With gd" not in plain and " Over " not in plain and "Result" not in plain
    with pytest.raises(ValueError, match="epochs must be at least 0"):
        texts.l2_text(0.1, 0.7, 70, None, -1, "gd", ())


def test_l2_text_with_mini_batches_uses_b_and_shows_the_stronger_decay_per_epoch():
    text = texts.l2_text(0.003, 3.0, 100, 8, 500, "gd", ())
    per_epoch = effects.weight_decay_per_epoch(0.003, 3.0, 100, 8)
    effective = effects.effective_lambda(0.003, 3.0, 100, 8)
    assert "(the lecture's; b = 8 of m = 100)" in text
    assert "1 - 0.003 \\times 3 / 8$ = **0.998875** per step." in text
    assert "takes 13 steps (12 of b = 8, one of 4)" in text
    assert f"W × **{per_epoch:.6g}** per epoch" in text
    assert "Full-batch gradient descent would decay W by only 0.99991 per epoch" in text
    assert f"act like λ ≈ **{effective:.3g}** on the full batch, {effective / 3:.3g}× the λ" in text
    assert f"Over 500 epochs that alone scales W by {per_epoch**500:.3g}." in text


@pytest.mark.parametrize(
    ("lambd", "norms", "reading"),
    [
        (0.0, (27.8, 27.8), ": λ = 0 adds no penalty, so both runs are the same training."),
        (0.001, (27.8, 27.7), ": about the same — λ = 0.001 is too small to shrink the weights."),
        (3.0, (29.9, 4.2), ": the penalty kept the weights 7.1× smaller, and small weights make"),
        (0.3, (10.0, 11.0), ": larger — λ = 0.3 did not shrink the weights in this run."),
    ],
    ids=["lambda-0", "too-small", "smaller", "larger"],
)
def test_l2_result_reads_the_two_norms(lambd, norms, reading):
    result = texts.l2_result(lambd, norms)
    assert result.startswith(f"**Result**: final ‖W‖ **{norms[0]:.3g}** without")
    assert reading in result
    assert ("smoother boundary" in result) == (norms[1] < norms[0] * (1 - texts.SAME_NORM))
    assert texts.l2_result(lambd, ()) == "" and texts.l2_result(lambd, (math.nan, 1.0)) == ""


def test_l1_text_counts_the_zeros_of_both_runs():
    none = effects.Sparsity(8, 8384, 1e-3, ((8, 8384),))
    l1 = effects.Sparsity(8049, 8384, 1e-3, ((8049, 8384),))
    text = texts.l1_text(1.0, none, l1)
    assert "weights with |w| < 0.001 (left of the dashed line): **8 of 8,384 (0.1%)** " in text
    assert "**8,049 (96.0%)** with L1 λ₁ = 1: a sparse network; exactly 0: none." in text
    assert "weights end *near* zero, not at it" in text and "exactly zero" not in text
    assert "exactly 0: 3." in texts.l1_text(1.0, none, effects.Sparsity(9, 9, 1e-3, ((9, 9),), 3))
    assert "a sparse network" not in texts.l1_text(1.0, none, none)
    with pytest.raises(ValueError, match="lambd1 must be in"):
        texts.l1_text(-1.0, none, l1)


def test_dropout_text_lists_the_means_and_the_noisier_cost():
    means = effects.DropoutMeans((0.5,), np.array([0.5]), np.array([0.49]), np.array([0.245]))
    text = texts.dropout_text(means, (0.002, 0.031))
    assert "test mode → dropout → dropout without ÷ keep_prob: a[1] 0.5 → 0.49 → 0.245." in text
    assert "moves 0.031 per epoch on average vs 0.002 without" in text
    assert "- **Off at test time**: predictions use the whole network (training=False)." in text
    assert "per epoch" not in texts.dropout_text(means, (math.nan, math.nan))


def test_augmentation_text_says_whether_the_flip_keeps_the_label():
    valid = texts.augmentation_text(100, 500, ReflectionCheck("x1+x2", 0.72, 0.77))
    assert "trains on **500 examples**, the 100 real ones (solid) and 400 made-up" in valid
    assert "**Mirror check (x1+x2)**: 72% of mirrored training points" in valid
    assert "fresh dev points do 77%" in valid and "a valid augmentation" in valid
    invalid = texts.augmentation_text(100, 500, ReflectionCheck("x1", 0.3, 0.77))
    assert "**The flip changes the label**" in invalid
    assert "Mirror" not in texts.augmentation_text(100, 300, None)
    assert "Mirror" not in texts.augmentation_text(100, 300, ReflectionCheck("none", 0.9, 0.8))
    with pytest.raises(ValueError, match="m_augmented must be at least 100"):
        texts.augmentation_text(100, 99, None)


def test_early_stopping_text_names_the_best_and_the_stopping_epoch():
    runs = trained(reg="early-stopping", epochs=200)
    stopped, full = runs["early-stopping"], runs["none"]
    history = stopped.history
    assert history.stopped_reason == "early_stopping"
    assert history.last_epoch == history.best_epoch + 50
    text = texts.early_stopping_text(stopped, full)
    best = history.best_epoch
    assert f"the dev cost was lowest at **epoch {best}** (star)" in text
    restored = f"**restored the weights of epoch {best}**"
    assert f"stopped at epoch {history.last_epoch} (dashed line) and {restored}" in text
    dev_best = history.dev_accuracy[best - 1]
    assert f"dev accuracy {dev_best:.0%} with these weights" in text
    assert f"{1 - full.errors()[1]:.0%} after all 200 epochs without early stopping." in text
    assert "orthogonalization" in text


def test_early_stopping_text_when_the_patience_never_runs_out():
    page = values(reg="early-stopping", es=1000, epochs=50)
    runs = techniques.make_runs(page, make_data(techniques.data_values(page)))
    assert texts.early_stopping_text(runs["early-stopping"], runs["none"]) == ""
    for run in runs.values():
        run.advance()
    text = texts.early_stopping_text(runs["early-stopping"], runs["none"])
    assert "**No stop**: the dev cost never went 1000 epochs without improving" in text
