"""Why the right scale depends on the range (playground.scale_spread): draws on each scale are
counted in tenths of the ratio axis and checked against the exact shares, and the sentences the
page shows are built from those counts."""

from __future__ import annotations

import math

import numpy as np
import pytest

from playground.catalog import scene_values
from playground.engine import search_space
from playground.engine.config import coerce_settings, settings_by_key
from playground.topics.search import scale_spread, settings
from playground.topics.search.scale_spread import EVEN_ENOUGH, TENTHS, Searched, spread, spread_text
from playground.topics.search.spread_figures import spread_bars

TABLE = settings_by_key(*settings.SETTINGS)
LECTURE = coerce_settings(TABLE, scene_values("search", "units-on-a-uniform-scale"))


def exact_uniform_shares(low: float, high: float, edges: np.ndarray) -> np.ndarray:
    """A uniform draw lands in [e_k, e_k+1] with probability (e_k+1 − e_k)/(high − low)."""
    return np.diff(edges) / (high - low)


def tolerance(draws: int) -> float:
    """Four standard deviations of a share near 1/2 (the widest) from ``draws`` draws."""
    return 4 * math.sqrt(0.25 / draws)


@pytest.mark.parametrize(
    "name, low, high, scale",
    [
        ("hidden_units", 50, 100, "log"),
        ("layers", 2, 4, "log"),
        ("learning_rate", 1e-4, 1.0, "log"),
        ("beta1", 0.9, 0.999, "one_minus_log"),
        ("beta", 0.0, 0.99, "one_minus_log"),
    ],
)
def test_draws_per_tenth_match_the_exact_shares(name, low, high, scale):
    s = spread(name, low, high, scale, draws=4000, seed=3)
    assert s.draws == 4000 and len(s.edges) == TENTHS + 1
    assert s.edges[0] == low and s.edges[-1] == high and np.all(np.diff(s.edges) > 0)
    # The edges cut the ratio axis into equal parts.
    axis = np.log10(s.edges) if scale == "log" else np.log10(1 - s.edges)
    np.testing.assert_allclose(np.diff(axis), (axis[-1] - axis[0]) / TENTHS, rtol=1e-9)
    np.testing.assert_allclose(s.shares(scale), 1 / TENTHS, atol=tolerance(4000))
    exact = exact_uniform_shares(low, high, s.edges)
    np.testing.assert_allclose(s.shares("linear"), exact, atol=tolerance(4000))
    assert s.shares("linear").sum() == pytest.approx(1.0)


def test_the_lectures_ranges_spread_evenly_and_alpha_does_not():
    """Units 50 … 100 (×2): every tenth gets 7 … 13 % of uniform draws. α 0.0001 … 1 (×10 000):
    the seven lowest tenths (0.0001 … 0.063) get 6.3 % together, the top one 60 %."""
    units = spread("hidden_units", 50, 100, "log")
    assert units.uniform_is_even and units.sparse.size == 0
    exact = exact_uniform_shares(50, 100, units.edges)
    assert exact.min() == pytest.approx(2**0.1 - 1, rel=1e-9)  # 7.2 %
    assert exact.max() == pytest.approx(2**0.9 * (2**0.1 - 1), rel=1e-9)  # 13.4 %
    alpha = spread("learning_rate", 1e-4, 1.0, "log")
    assert not alpha.uniform_is_even
    assert alpha.sparse.tolist() == list(range(7))
    exact = exact_uniform_shares(1e-4, 1.0, alpha.edges)
    assert exact[:7].sum() == pytest.approx((10**-1.2 - 1e-4) / (1 - 1e-4))
    assert alpha.share_between("linear", 0, 7) == pytest.approx(exact[:7].sum(), abs=0.02)
    assert alpha.share_between("log", 0, 7) == pytest.approx(0.7, abs=0.05)


def test_spread_is_seeded_and_checks_its_arguments():
    a, b = (
        spread("hidden_units", 50, 100, "log", seed=5),
        spread("hidden_units", 50, 100, "log", seed=5),
    )
    for scale in ("linear", "log"):
        np.testing.assert_array_equal(a.counts[scale], b.counts[scale])
    other = spread("hidden_units", 50, 100, "log", seed=6)
    assert not np.array_equal(other.counts["linear"], a.counts["linear"])
    spread("hidden_units", 50, 100, "log", seed=2**32 - 1)
    for kwargs, message in [
        ({"low": 0.0, "name": "lambd"}, "a log scale needs low > 0"),
        ({"low": 100}, "must be below high"),
        ({"low": 200, "high": 300}, "hidden_units low"),
        ({"ratio_scale": "linear"}, "ratio_scale must be one of"),
        ({"draws": 9}, "draws must be between 10"),
        ({"seed": -1}, "seed must be between 0"),
    ]:
        arguments = {"name": "hidden_units", "low": 50, "high": 100, "ratio_scale": "log"}
        with pytest.raises(ValueError, match=message):
            spread(**(arguments | kwargs))


def test_page_spreads_of_the_lectures_scene():
    items = scale_spread.page_spreads(LECTURE)
    assert [item.param.code for item in items] == ["lr", "units", "layers"]
    assert [(item.low, item.high) for item in items] == [(1e-4, 1.0), (50, 100), (2, 4)]
    even = {item.param.code: item.spread.uniform_is_even for item in items}
    assert even == {"lr": False, "units": True, "layers": True}


def test_the_sentences_state_the_counted_shares():
    items = scale_spread.page_spreads(LECTURE)
    alpha, units, _ = items
    text = spread_text(units, "linear")
    shares = units.spread.shares("linear"), units.spread.shares("log")
    assert text == (
        f"**hidden units 50 … 100**: drawn uniformly, the tenths of the log₁₀ hidden units axis "
        f"get {shares[0].min():.0%} to {shares[0].max():.0%} of the draws; on the log scale "
        f"{shares[1].min():.0%} to {shares[1].max():.0%}. Uniform spreads them about as evenly: "
        "either scale works here. This search draws it on the **linear** scale."
    )
    assert shares[0].min() >= EVEN_ENOUGH
    s = alpha.spread
    text = spread_text(alpha, "log")
    assert (
        f"Uniform leaves 7 of the 10 tenths with under 5% each: 0.0001 … {s.edges[7]:.3g} gets "
        f"{s.share_between('linear', 0, 7):.0%} of the uniform draws against "
        f"{s.share_between('log', 0, 7):.0%} on the log scale — use the log scale."
    ) in text
    assert text.endswith("This search draws it on the **log** scale.")
    with pytest.raises(ValueError, match="chosen must be one of 'linear', 'log'"):
        spread_text(alpha, "one_minus_log")


def test_a_range_only_a_linear_scale_fits_says_why():
    values = coerce_settings(TABLE, {"lr_on": False, "l2_on": True, "l2_lo": 0.0, "kp_on": True})
    values |= {"kp_lo": 0.5, "kp_hi": 0.5}
    items = scale_spread.page_spreads(values)
    assert [(item.param.code, item.spread) for item in items] == [
        ("beta1", items[0].spread),
        ("l2", None),
        ("kp", None),
    ]
    assert spread_text(items[1], "linear") == (
        "**λ 0 … 10**: only the linear scale fits (a log scale cannot start at 0). This search "
        "draws it on the **linear** scale."
    )
    assert "(one value has no spread)" in spread_text(items[2], "linear")
    upside_down = coerce_settings(TABLE, {"lr_lo": 1.0, "lr_hi": 0.001, "beta1_on": False})
    assert scale_spread.page_spreads(upside_down) == []  # the search itself reports it


def test_the_figure_shows_the_counted_shares_row_by_row():
    items = scale_spread.page_spreads(LECTURE)
    figure = spread_bars([(item.param.symbol, item.spread) for item in items])
    bars = figure.data
    assert len(bars) == 6
    for row, item in enumerate(items):
        uniform, ratio = bars[2 * row], bars[2 * row + 1]
        np.testing.assert_allclose(uniform.y, 100 * item.spread.shares("linear"))
        np.testing.assert_allclose(ratio.y, 100 * item.spread.shares("log"))
    assert [bars[0].x[0], bars[0].x[-1]] == ["0.0001–0.00025", "0.4–1"]
    assert [bars[2].x[0], bars[2].x[-1]] == ["50–53.6", "93.3–100"]
    assert [bars[4].x[0], bars[4].x[-1]] == ["2–2.1", "3.7–4"]
    assert [b.showlegend for b in bars] == [True, True] + [False] * 4
    titles = [a.text for a in figure.layout.annotations]
    assert titles == [
        "α 0.0001 … 1: tenths of the log₁₀ α axis",
        "hidden units 50 … 100: tenths of the log₁₀ hidden units axis",
        "hidden layers 2 … 4: tenths of the log₁₀ hidden layers axis",
    ]
    with pytest.raises(ValueError, match="at least one"):
        spread_bars([])


def test_searched_is_a_named_tuple_of_param_range_and_spread():
    item = Searched(search_space.PARAMS["units"], 50, 100, None)
    assert (
        item.param.ratio_scale == "log"
        and search_space.PARAMS["beta2"].ratio_scale == "one_minus_log"
    )
