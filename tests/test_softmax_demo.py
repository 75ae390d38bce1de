"""Unit tests of playground.softmax_demo: the worked example by hand, logits, the confusion
matrix and the 2-class reduction to logistic regression."""

from __future__ import annotations

import math

import numpy as np
import pytest

from playground.engine.experiment import make_data
from playground.engine.nn import Network
from playground.topics.softmax import model as sm


def test_worked_example_by_hand():
    example = sm.worked_example([5.0, 2.0, -1.0, 3.0], label=3)
    # The course's example: t = e^z = (148.4, 7.4, 0.4, 20.1), Σt = 176.3.
    np.testing.assert_allclose(example.t, [148.4132, 7.3891, 0.3679, 20.0855], rtol=1e-4)
    np.testing.assert_allclose(example.a, [0.842, 0.042, 0.002, 0.114], atol=1e-3)
    assert example.a.sum() == pytest.approx(1.0)
    np.testing.assert_array_equal(example.y, [0, 0, 0, 1])
    assert example.loss == pytest.approx(-math.log(20.0855 / 176.2557), rel=1e-4)
    assert example.label == 3 and example.predicted == 0


def test_the_lectures_vector_is_the_pages():
    example = sm.worked_example(sm.LECTURE_Z, 0)
    np.testing.assert_array_equal(example.z, [5.0, 2.0, -1.0, 3.0])
    np.testing.assert_allclose(example.a, [0.842, 0.042, 0.002, 0.114], atol=5e-4)
    assert example.t.sum() == pytest.approx(176.3, abs=0.05)


@pytest.mark.parametrize("label", [0, 1, 2, 3])
def test_dz_is_a_minus_y_and_agrees_with_finite_differences(label):
    example = sm.worked_example(sm.LECTURE_Z, label)
    expected = example.a.copy()
    expected[label] -= 1.0
    np.testing.assert_array_equal(example.dz, expected)
    assert example.dz.sum() == pytest.approx(0.0, abs=1e-15)
    by_differences = sm.finite_difference_dz(sm.LECTURE_Z, label)
    np.testing.assert_allclose(by_differences, example.dz, atol=1e-8)


def test_dz_is_where_the_networks_backprop_starts():
    """For one example the network's db^[L] = dZ^[L] = a − y, the page's dz."""
    net = Network([2, 4, 3], output="softmax", seed=4)
    x, label = np.array([[0.3], [-1.2]]), 2
    net.forward(x, training=True)
    db = net.backward(np.array([[label]]))["db2"].ravel()
    np.testing.assert_allclose(db, sm.worked_example(sm.logits(net, x)[:, 0], label).dz)


def test_finite_differences_reject_a_bad_step():
    with pytest.raises(ValueError, match="step must be in"):
        sm.finite_difference_dz(sm.LECTURE_Z, 0, step=0.0)
    with pytest.raises(ValueError, match="label"):
        sm.finite_difference_dz(sm.LECTURE_Z, 4)


@pytest.mark.parametrize(
    ("z", "label", "match"),
    [
        ([1.0], 0, "len"),
        ([1.0, np.nan], 0, "z"),
        ([1.0, 2.0], 2, "label"),
        ([1.0, 2.0], -1, "label"),
    ],
)
def test_worked_example_rejects_bad_arguments(z, label, match):
    with pytest.raises(ValueError, match=match):
        sm.worked_example(z, label)


def test_logits_are_the_output_pre_activation():
    net = Network([2, 4, 3], output="softmax", seed=1)
    X = np.random.RandomState(0).randn(2, 5)
    z = sm.logits(net, X)
    A1 = np.maximum(net.params["W1"] @ X + net.params["b1"], 0)
    np.testing.assert_allclose(z, net.params["W2"] @ A1 + net.params["b2"])
    e = np.exp(z)
    np.testing.assert_allclose(net.forward(X), e / e.sum(axis=0))
    with pytest.raises(ValueError, match="batch norm"):
        sm.logits(Network([2, 4, 3], output="softmax", batch_norm=True), X)
    with pytest.raises(ValueError, match="X"):
        sm.logits(net, np.ones((3, 2)))


def test_confusion_matrix_counts():
    counts = sm.confusion_matrix(np.array([[0, 0, 1, 2, 2, 2]]), np.array([[0, 1, 1, 2, 0, 2]]), 3)
    np.testing.assert_array_equal(counts, [[1, 1, 0], [0, 1, 0], [1, 0, 2]])
    with pytest.raises(ValueError, match="Y_pred"):
        sm.confusion_matrix(np.array([[0, 1]]), np.array([[0]]), 2)
    with pytest.raises(ValueError, match="Y_true"):
        sm.confusion_matrix(np.array([[0, 3]]), np.array([[0, 1]]), 3)
    with pytest.raises(ValueError, match="n_classes"):
        sm.confusion_matrix(np.array([[0]]), np.array([[0]]), 1)


def test_two_class_softmax_is_logistic_regression():
    net = Network([2, 5, 2], output="softmax", seed=4)
    net.params["b2"] = np.array([[0.3], [-0.2]])
    X = np.random.RandomState(2).randn(2, 50)
    twin = sm.sigmoid_equivalent(net)
    assert twin.output == "sigmoid" and twin.layer_dims == [2, 5, 1]
    np.testing.assert_allclose(twin.params["b2"], [[-0.5]])
    np.testing.assert_allclose(twin.forward(X)[0], net.forward(X)[1], atol=1e-14)
    reduction = sm.two_class_reduction(net, X)
    assert reduction.sigma_gap < 1e-14 and reduction.sigmoid_net_gap < 1e-14
    assert reduction.softmax_p1.shape == (50,)


def test_sigmoid_equivalent_needs_two_softmax_outputs():
    with pytest.raises(ValueError, match="2 classes"):
        sm.sigmoid_equivalent(Network([2, 3, 3], output="softmax"))
    with pytest.raises(ValueError, match="2 classes"):
        sm.sigmoid_equivalent(Network([2, 3, 1]))
    with pytest.raises(ValueError, match="batch norm"):
        sm.sigmoid_equivalent(Network([2, 3, 2], output="softmax", batch_norm=True))


def test_softmax_run_uses_a_softmax_output_even_for_two_classes():
    values = sm.page_values({"ds": "gaussians", "C": 2, "n": 100, "epochs": 10})
    assert values["ds"] == "gaussians" and values["opt"] == "adam" and values["bn"] is False
    run = sm.SoftmaxRun(values, make_data(values))
    assert run.net.output == "softmax" and run.net.layer_dims[-1] == 2
    run.advance()
    assert run.history.last_epoch == 10 and run.history.train_cost[-1] < math.log(2)
    with pytest.raises(ValueError, match="n_classes"):
        sm.softmax_network(values, 2, 1)


def test_page_values_reject_datasets_of_other_pages():
    assert sm.page_values({"ds": "moons"})["ds"] == "spiral"
    assert sm.page_values({"C": 99})["C"] == 3
