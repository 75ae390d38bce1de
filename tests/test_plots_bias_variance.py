"""Tests for the figures of the bias-variance page: the error decomposition and the curves."""

from __future__ import annotations

import numpy as np
import pytest
from test_plots_splits import assert_valid_projector_figure

from playground.engine.diagnose import diagnose
from playground.plotting.style import DEV_COLOR, TRAIN_COLOR
from playground.topics.bias_variance import figures as pbv
from playground.topics.bias_variance.curves import Curve

# --------------------------------------------------------------------------- bias-variance figures


def step_ends(figure) -> dict[str, np.ndarray]:
    """Where each bar of the decomposition ends: base + signed size, by trace name."""
    return {t.name: np.asarray(t.base, float) + np.asarray(t.y, float) for t in figure.data}


def test_error_decomposition_steps_from_bayes_to_the_dev_error() -> None:
    verdicts = {"small": diagnose(0.15, 0.16, 0.03), "large": diagnose(0.05, 0.11, 0.03)}
    figure = pbv.error_decomposition(verdicts)
    assert_valid_projector_figure(figure)
    bayes, bias, variance, dev = figure.data
    assert figure.layout.barmode == "group"
    np.testing.assert_allclose(bayes.y, [0.03, 0.03])
    np.testing.assert_allclose(bias.base, [0.03, 0.03])
    np.testing.assert_allclose(bias.y, [0.12, 0.02])
    np.testing.assert_allclose(variance.base, [0.15, 0.05])
    np.testing.assert_allclose(variance.y, [0.01, 0.06])
    np.testing.assert_allclose(dev.y, [0.16, 0.11])
    assert list(bias.text) == ["+12.0%", "+2.0%"] and list(dev.text) == ["16.0%", "11.0%"]
    with pytest.raises(ValueError, match="diagnoses"):
        pbv.error_decomposition({})


@pytest.mark.parametrize(
    ("train", "dev", "bayes"),
    [(0.0071, 0.0667, 0.0307), (0.025, 0.0417, 0.0307), (0.10, 0.08, 0.03), (0.0, 0.0, 0.2)],
    ids=["large-lambda-0", "large-lambda-0.7", "dev-below-train", "all-below-bayes"],
)
def test_error_decomposition_adds_up_to_the_dev_error_with_negative_parts(train, dev, bayes):
    # The bias-variance page's large networks train below the Bayes estimate: the figure drew
    # a negative avoidable bias as 0, so its bar reached 9.0 % for a dev error of 6.7 %.
    figure = pbv.error_decomposition({"net": diagnose(train, dev, bayes)})
    ends = step_ends(figure)
    assert ends["Bayes error (estimate)"] == pytest.approx([bayes])
    assert ends["avoidable bias = train − Bayes"] == pytest.approx([train])
    assert ends["variance = dev − train"] == pytest.approx([dev])
    assert ends["dev error"] == pytest.approx([dev])
    for trace in figure.data:
        negative = [size < 0 for size in trace.y]
        assert [shape == "/" for shape in trace.marker.pattern.shape] == negative, trace.name
        assert all(text.startswith("-") for text, n in zip(trace.text, negative, strict=True) if n)


def test_error_curves_train_and_dev_per_model_with_the_bayes_level() -> None:
    small = Curve((10, 100), (0.1, 0.12), (0.2, 0.14))
    large = Curve((10, 100), (0.0, 0.01), (0.3, 0.08))
    figure = pbv.error_curves({"Small": small, "Large": large}, 0.05, "Learning", "m_train")
    assert_valid_projector_figure(figure)
    names = [t.name for t in figure.data]
    assert names == ["Small · train", "Small · dev", "Large · train", "Large · dev", "Bayes error"]
    assert figure.data[0].line.color == TRAIN_COLOR and figure.data[1].line.color == DEV_COLOR
    assert figure.data[0].line.dash != figure.data[2].line.dash
    assert list(figure.data[4].y) == [0.05, 0.05] and list(figure.data[4].x) == [10, 100]
    assert figure.layout.xaxis.type == "log"
    units = pbv.error_curves({"λ = 0": Curve((1, 2, 64), (0,) * 3, (0,) * 3)}, 0, "t", "n", 2)
    assert list(units.layout.xaxis.tickvals) == [1, 2, 64]
    assert units.layout.legend.font.size >= 14


@pytest.mark.parametrize(
    ("kwargs", "argument"),
    [({"curves": {}}, "curves"), ({"bayes_error": 2.0}, "bayes_error"), ({"log_base": 3}, "log")],
)
def test_error_curves_reject_bad_arguments(kwargs: dict, argument: str) -> None:
    arguments = {"curves": {"a": Curve((1,), (0.0,), (0.0,))}, "bayes_error": 0.0} | kwargs
    with pytest.raises(ValueError, match=argument):
        pbv.error_curves(title="t", x_title="x", **arguments)


def test_learning_curve_ticks_are_one_two_five() -> None:
    curve = Curve((10, 16, 26, 42, 67, 108, 174, 280), (0.0,) * 8, (0.1,) * 8)
    figure = pbv.error_curves({"Large": curve}, 0.03, "Learning", "m_train")
    assert list(figure.layout.xaxis.tickvals) == [10, 20, 50, 100, 200]
    assert list(figure.layout.xaxis.ticktext) == ["10", "20", "50", "100", "200"]
