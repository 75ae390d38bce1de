"""Scenes: named presets that set every control of a page to tell one story of the course.

A scene is also a URL (``/regularization?scene=dropout-fixes-it``), so a lesson plan is a list
of links: ``LESSON_PLAN`` is the 50-minute walk through the pages that docs/lesson-plan.md and
the Home page are written from. ``scene_values`` fills in the page's defaults for every setting a
scene leaves out, so opening a scene gives the same page whatever was on the screen before.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

from playground import (
    babysit,
    batchnorm,
    critical_points,
    curves,
    depth,
    diagnose,
    ewma,
    frameworks,
    gradcheck,
    initialization,
    landscape,
    lr_decay,
    minibatch,
    normalization,
    regularization,
    scale_spread,
    search,
    softmax_demo,
    splits,
    surfaces,
)
from playground.claims import ACCURACY, Claim, Measured, fill
from playground.config import Setting, settings_by_key
from playground.diagnose import HIGH_BIAS, HIGH_VARIANCE
from playground.settings import ALL

HOST = "http://localhost:8501"
"""Where ``streamlit run app.py`` serves the app; replace it with your server's address."""


@dataclass(frozen=True)
class Scene:
    """A named preset: ``values`` by setting key (= URL key); ``template`` says what to see,
    with each result it states a placeholder filled from ``claims`` (checked by a test that
    runs the scene)."""

    slug: str
    name: str
    template: str
    values: dict
    claims: tuple[Claim, ...] = ()

    @property
    def description(self) -> str:
        """What to see, with the claimed results written in."""
        return fill(self.template, self.claims)

    def url(self, page: str, host: str = HOST) -> str:
        """The link that opens ``page`` with this scene."""
        return f"{host}/{page}?scene={self.slug}"


def _keys(table: dict[str, Setting], *keys: str) -> dict[str, Setting]:
    return {key: table[key] for key in keys}


_SOFTMAX = _keys(ALL, *softmax_demo.DATA_KEYS[1:], *softmax_demo.NETWORK_KEYS)
_SOFTMAX |= _keys(ALL, *softmax_demo.TRAINING_KEYS) | softmax_demo.BY_KEY
_BATCH_NORM_KEYS = (*batchnorm.DATA_KEYS, *batchnorm.NETWORK_KEYS, *batchnorm.TRAINING_KEYS)
_BATCH_NORM_KEYS += batchnorm.VIEW_KEYS
PAGE_SETTINGS: dict[str, dict[str, Setting]] = {
    "playground": ALL,
    "splits": settings_by_key(*splits.SETTINGS),
    "bias_variance": curves.PAGE_SETTINGS,
    "regularization": regularization.TABLE,
    "normalization": settings_by_key(*normalization.SETTINGS),
    "vanishing_gradients": settings_by_key(*depth.SETTINGS),
    "initialization": initialization.BY_KEY,
    "gradient_checking": gradcheck.BY_KEY,
    "minibatch": settings_by_key(*minibatch.DATA_SETTINGS, *minibatch.SETTINGS),
    "ewma": ewma.BY_KEY,
    "optimizers_surfaces": surfaces.BY_KEY,
    "optimizers_network": landscape.BY_KEY,
    "lr_decay": settings_by_key(*lr_decay.COMPARE, *lr_decay.SETTINGS, *lr_decay.DATA),
    "saddles": critical_points.BY_KEY,
    "search": settings_by_key(*search.SETTINGS),
    "pandas_caviar": settings_by_key(*babysit.SETTINGS),
    "batch_norm": {key: batchnorm.BY_KEY.get(key) or ALL[key] for key in _BATCH_NORM_KEYS},
    "softmax": _SOFTMAX,
    "frameworks": frameworks.BY_KEY,
}
"""The settings each page draws, by page (url_path) and key: what a scene may set."""

MEASURES: dict[str, Callable[[dict], Measured]] = {
    "playground": diagnose.measure,
    "frameworks": frameworks.measure,
    "softmax": softmax_demo.measure,
    "batch_norm": batchnorm.measure,
    "pandas_caviar": babysit.measure,
    "search": scale_spread.measure,
    "saddles": critical_points.measure,
    "lr_decay": lr_decay.measure,
    "optimizers_network": landscape.measure,
    "optimizers_surfaces": surfaces.measure,
    "ewma": ewma.measure,
    "minibatch": minibatch.measure,
    "gradient_checking": gradcheck.measure,
    "initialization": initialization.measure,
    "vanishing_gradients": depth.measure,
    "splits": splits.measure,
    "bias_variance": curves.measure,
    "regularization": regularization.measure,
    "normalization": normalization.measure,
}
"""What each page shows for a complete set of its settings, by name: what claims are checked
against (see ``playground.claims``)."""
TEXT_INPUTS: dict[str, tuple[str, ...]] = {
    "ewma": (ewma.TEXT_KEY,),
    "lr_decay": (lr_decay.PIECEWISE.key,),
}
"""Text boxes a page binds to the URL outside its settings table: an experiment may type into
them (its measurement reads them, or the box's default when they are not given)."""


def page_settings(page: str, values: dict | None = None) -> dict[str, Setting]:
    """The settings of ``page``. On the surfaces page the defaults of the start and the rates
    depend on the surface in ``values`` (the page resets them when the surface changes)."""
    if page not in PAGE_SETTINGS:
        raise ValueError(f"page must be one of {', '.join(PAGE_SETTINGS)}; got {page!r}")
    if page == "optimizers_surfaces":
        surface = (values or {}).get("surface", surfaces.DEFAULT_SURFACE)
        return settings_by_key(*surfaces.page_settings(surface))
    return PAGE_SETTINGS[page]


_BOWL_100 = (
    Claim("gd_limit", 0.02, 1e-12),
    Claim("gd_diverged", 5, 1),
    Claim("momentum_reached", 111, 1),
    Claim("rmsprop_reached", 64, 1),
    Claim("adam_reached", 82, 1),
    Claim("first_reached", "rmsprop"),
)
"""The race on the elongated bowl at κ = 100 (steps to J − J* ≤ 0.001)."""
_COURSE_RACE = (
    Claim("adam_train", 0.94, ACCURACY),
    Claim("gd_train", 0.72, ACCURACY),
    Claim("momentum_train", 0.72, ACCURACY),
)
"""What the course's optimization notebook (5 000 epochs) reports, and this app reproduces."""
_TOO_FAST = (
    Claim("inverse_time_divisor_at_epoch_9", 10, 1e-9),
    Claim("inverse_time_cost", 0.145, 0.002),
    Claim("inverse_time_cost", 0.075, 0.002, at={"decay": 0.1}, name="cost_at_01"),
)
"""Inverse-time decay with decay rate 1 against 0.1 on the learning-rate decay page."""
_NEAR_THE_RIDGE = (
    Claim("gd_escaped", 74, 1),
    Claim("momentum_escaped", 136, 1),
    Claim("rmsprop_escaped", 5, 1),
    Claim("adam_escaped", 12, 1),
)
"""Steps to escape the saddle from w₂ = 1e-6."""
_PLATEAU_AT_3 = (
    Claim("gd_escaped", 145, 2),
    Claim("momentum_escaped", 168, 2),
    Claim("gd_last_step", 1.83, 0.01),
    Claim("momentum_last_step", 0.001, relation="<"),
    Claim("gd_final", 0.14, 0.01),
    Claim("momentum_final", -0.2, 0.001),
)
"""Gradient descent and momentum at α = 3 on the plateau."""
_BN_AT_3 = (
    Claim("plain_first_cost", 13.1, 0.5),
    Claim("plain_lowest_cost", 0.69, 0.01),
    Claim("plain_cost", 0.69, 0.01),
    Claim("plain_reading", "stuck"),
    Claim("plain_dev", 0.45, ACCURACY),
    Claim("bn_cost", 0.085, 0.003),
    Claim("bn_reading", "trains"),
    Claim("bn_dev", 0.98, ACCURACY),
)
"""Gradient descent at α = 3 on the batch-norm page, without and with batch norm."""
_FIVE_ARMS = (
    Claim("first_cost", 1.64, 0.01),
    Claim("dev", 0.96, ACCURACY),
    Claim("worst_true", 4),  # arm 4 starts at 16 mod 2π ≈ 3.4 rad, arm 1 at 4 rad: neighbours
    Claim("worst_predicted", 1),
)
"""Softmax on five spiral arms."""
_EXPONENTIAL_COST = (Claim("w_end", 2 * math.log(4), 0.001), Claim("slope_end", 0.0, 1e-6))
"""Gradient descent with α = 1 on J = e^(w/2) − 2w, minimized at w = 2 ln 4."""
_ADAM_ON_THE_COURSE_COST = (
    Claim("first_step", 0.5, 0.01),
    Claim("minimum", 5.0),
    Claim("w_end", 5.0, 0.05),
    Claim("last_step", 0.06, 0.01),
)
"""Adam with α = 0.5 on the course's J = (w − 5)²."""
_L2 = {"reg": "L2"}
_COURSE_INIT = (
    Claim("he_train", 0.993, 0.005),
    Claim("he_dev", 0.96, ACCURACY),
    Claim("random_train", 0.83, ACCURACY),
    Claim("random_dev", 0.86, ACCURACY),
    Claim("zeros_train", 0.50, ACCURACY),
    Claim("zeros_dev", 0.50, ACCURACY),
)
"""What the course's initialization notebook reports, and this app reproduces."""
_UNREGULARIZED = (Claim("none_train", 1.0, ACCURACY), Claim("none_dev", 0.73, ACCURACY))
_BIG_NET = {"layers": 3, "h1": 64, "h2": 64, "h3": 64}

SCENES: dict[str, tuple[Scene, ...]] = {
    "playground": (
        Scene(
            "high-bias",
            "High bias",
            "A linear model (0 hidden layers) on 3 spiral arms: train {train:.0%}, dev {dev:.0%} "
            "— too simple a model ({verdict}); make the network bigger.",
            {"ds": "spiral", "C": 3, "layers": 0, "epochs": 300},
            (
                Claim("train", 0.53, ACCURACY),
                Claim("dev", 0.53, ACCURACY),
                Claim("verdict", HIGH_BIAS),
            ),
        ),
        Scene(
            "high-variance",
            "High variance",
            "50 noisy moons, 3 layers of 40 units, 2000 epochs: train {train:.0%}, dev {dev:.0%} "
            "— {verdict}: regularize or get more data.",
            {
                "ds": "moons",
                "n": 50,
                "noise": 0.3,
                "layers": 3,
                "h1": 40,
                "h2": 40,
                "h3": 40,
                "epochs": 2000,
            },
            (
                Claim("train", 1.0, ACCURACY),
                Claim("dev", 0.87, ACCURACY),
                Claim("verdict", HIGH_VARIANCE),
            ),
        ),
        Scene(
            "zeros-init",
            "Zeros initialization",
            "Every weight starts at 0: the symmetry is never broken, train {train:.0%}, dev "
            "{dev:.0%} — a coin flip.",
            {"init": "zeros", "epochs": 300},
            (Claim("train", 0.52, ACCURACY), Claim("dev", 0.45, ACCURACY)),
        ),
    ),
    "splits": (
        Scene(
            "big-data-split",
            "A million examples",
            "At m = 1 000 000 a 1 % dev set holds {modern_dev:,} examples and measures a "
            "{reference_error:.0%} error to ±{modern_margin:.2%}: 98/1/1 is plenty.",
            {"m": 1_000_000, "devp": 1.0, "testp": 1.0},
            (
                Claim("modern_dev", 10_000),
                Claim("reference_error", 0.05),
                Claim("modern_margin", 0.0043, 0.00005),
            ),
        ),
        Scene(
            "rotated-dev-set",
            "Dev set from another distribution",
            "The dev set is rotated 90°: same-distribution dev error stays low "
            "({dev_error:.0%}), the shifted one climbs to {shifted_error:.0%}.",
            {"shift": "rotate", "angle": 90},
            (Claim("dev_error", 0.0, ACCURACY), Claim("shifted_error", 0.85, ACCURACY)),
        ),
    ),
    "bias_variance": (
        Scene(
            "bias-and-variance",
            "High bias vs high variance",
            "Small nets: train {small_train:.0%}, dev {small_dev:.0%} ({small_verdict}). The "
            "64-unit net: train {large_train:.0%}, dev {large_dev:.0%} ({large_verdict}); λ = 0.7 "
            "lifts its dev to {large_reg_dev:.0%}.",
            {},
            (
                Claim("small_train", 0.90, ACCURACY),
                Claim("small_dev", 0.85, ACCURACY),
                Claim("small_verdict", HIGH_BIAS),
                Claim("small_reg_train", 0.90, ACCURACY),
                Claim("small_reg_dev", 0.85, ACCURACY),
                Claim("small_reg_verdict", HIGH_BIAS),
                Claim("large_train", 0.99, ACCURACY),
                Claim("large_dev", 0.93, ACCURACY),
                Claim("large_verdict", HIGH_VARIANCE),
                Claim("large_reg_dev", 0.96, ACCURACY),
            ),
        ),
        Scene(
            "more-data",
            "More data cures variance",
            "2000 examples: the big net's gap shrinks to train {large_train:.0%}, dev "
            "{large_dev:.0%} without λ; the small one stays at {small_train:.0%} train.",
            {"n": 2000},
            (
                Claim("large_train", 0.98, ACCURACY),
                Claim("large_dev", 0.97, ACCURACY),
                Claim("small_train", 0.87, ACCURACY),
                Claim("small_verdict", HIGH_BIAS),
            ),
        ),
        Scene(
            "dropout-for-variance",
            "Dropout on bias and on variance",
            "keep_prob 0.5: the big net's dev rises {large_dev:.0%} → {large_reg_dev:.0%}, the "
            "small net's falls {small_dev:.0%} → {small_reg_dev:.0%}.",
            {"reg": "dropout", "kp": 0.5},
            (
                Claim("large_dev", 0.93, ACCURACY),
                Claim("large_reg_dev", 0.95, ACCURACY),
                Claim("small_dev", 0.85, ACCURACY),
                Claim("small_reg_dev", 0.80, ACCURACY),
            ),
        ),
    ),
    "regularization": (
        Scene(
            "overfitting",
            "Overfitting",
            "λ = 0: both runs are the same network — train {train:.0%}, dev {dev:.0%}: high "
            "variance.",
            _L2 | {"l2": 0.0},
            (Claim("identical", True), Claim("train", 1.0, ACCURACY), Claim("dev", 0.73, ACCURACY)),
        ),
        Scene(
            "l2-fixes-it",
            "L2 fixes it",
            "λ = 3 shrinks the weights: train {train:.0%}, dev {dev:.0%} against "
            "{none_train:.0%} / {none_dev:.0%} without.",
            _L2 | {"l2": 3.0},
            (
                Claim("weight_norm", relation="<", than="none_weight_norm"),
                Claim("train", 0.86, ACCURACY),
                Claim("dev", 0.82, ACCURACY),
                *_UNREGULARIZED,
            ),
        ),
        Scene(
            "dropout-fixes-it",
            "Dropout fixes it",
            "keep_prob 0.6 in every layer: a noisier training cost, train {train:.0%}, dev "
            "{dev:.0%} against {none_train:.0%} / {none_dev:.0%}.",
            _BIG_NET | {"reg": "dropout", "kp1": 0.6, "kp2": 0.6, "kp3": 0.6},
            (
                Claim("jitter", relation=">", than="none_jitter"),
                Claim("train", 0.88, ACCURACY),
                Claim("dev", 0.80, ACCURACY),
                *_UNREGULARIZED,
            ),
        ),
        Scene(
            "early-stopping",
            "Early stopping",
            "Stop 50 epochs after the best dev cost, keep those weights: train {train:.0%}, dev "
            "{dev:.0%} against {none_train:.0%} / {none_dev:.0%}.",
            {"reg": "early-stopping", "es": 50},
            (
                Claim("status", "early_stopping"),
                Claim("train", 0.81, ACCURACY),
                Claim("dev", 0.82, ACCURACY),
                *_UNREGULARIZED,
            ),
        ),
    ),
    "normalization": (
        Scene(
            "raw-vs-standardized",
            "Raw vs standardized",
            "x₁ 100× larger than x₂: at α = 1 the raw path bounces out, the standardized one "
            "converges in {std_steps} steps.",
            {"ratio": 100, "lr": 1.0},
            (
                Claim("raw_overshoots", True),
                Claim("raw_converged", False),
                Claim("std_steps", 18, 2),
            ),
        ),
        Scene(
            "small-alpha-crawls",
            "A safe α crawls",
            "α = 0.003 stops the raw path bouncing, and then it crawls along the valley: still "
            "{raw_gap:.2f} above the minimum cost after 5000 steps.",
            {"ratio": 100, "lr": 0.003, "steps": 5000},
            (
                Claim("raw_overshoots", False),
                Claim("raw_converged", False),
                Claim("raw_gap", 0.095, 0.005),
            ),
        ),
    ),
    "vanishing_gradients": (
        Scene(
            "exploding",
            "Exploding",
            "W = 1.5·I in 30 layers: the signal grows like 1.5^L, ×{forward:,.0f} from layer 1 "
            "to the last.",
            {"depth": 30, "a": 1.5},
            (Claim("forward", 85_223, 850), Claim("backward", 85_223, 850)),
        ),
        Scene(
            "vanishing",
            "Vanishing",
            "W = 0.5·I: the signal and the gradients fade like 0.5^L, ×{forward:.1e} from layer "
            "1 to the last.",
            {"depth": 30, "a": 0.5},
            (Claim("forward", 3.7e-9, 0.04e-9), Claim("backward", 3.7e-9, 0.04e-9)),
        ),
        Scene(
            "xavier-for-linear",
            "Match the init to g",
            "With g(z) = z Xavier keeps the signal flat (×{xavier_forward:.2f} per layer) and He "
            "grows ×√2 per layer (×{he_forward:.2f}).",
            {"act": "linear"},
            (Claim("xavier_forward", 1.0, 0.01), Claim("he_forward", 1.41, 0.01)),
        ),
    ),
    "initialization": (
        Scene(
            "course-exercise",
            "Course exercise",
            "The notebook's settings (15 000 epochs): He {he_train:.0%} / {he_dev:.0%}, random × "
            "10 {random_train:.0%} / {random_dev:.0%}, zeros {zeros_train:.0%}.",
            dict(initialization.COURSE_PRESET),
            _COURSE_INIT,
        ),
        Scene(
            "too-large",
            "Too large",
            "Random × 50: a first cost of {random_first_cost:.0f} and a run stuck at "
            "{random_train:.0%}, while Xavier and He reach {he_dev:.0%} dev.",
            {"iscale": 50.0},
            (
                Claim("random_first_cost", 17.3, 0.1),
                Claim("random_train", 0.50, ACCURACY),
                Claim("random_dev", 0.50, ACCURACY),
                Claim("xavier_dev", 0.96, ACCURACY),
                Claim("he_dev", 0.96, ACCURACY),
            ),
        ),
        Scene(
            "constant-start",
            "Constant start",
            "W = {start_constant:g} everywhere: the weights move, but layer 1's "
            "{constant_units} units stay one line ({constant_dev:.0%} dev).",
            {"sym": "constant"},
            (
                Claim("start_constant", 0.5),
                Claim("constant_moved", 0.0, relation=">"),
                Claim("constant_units", 10),
                Claim("constant_distinct", 1),
                Claim("constant_dev", 0.57, ACCURACY),
            ),
        ),
    ),
    "gradient_checking": (
        Scene(
            "planted-bug",
            "A planted bug",
            "dW2 doubled: only {lit}'s bar lights up (relative difference {dW2:.2f}).",
            {"bug": "dW2_x2", "l2": 0.7},
            (Claim("lit", "dW2"), Claim("dW2", 1 / 3, 0.001)),
        ),
        Scene(
            "check-with-regularization",
            "Check with λ on",
            "The L2 term left out of backprop passes the check at λ = 0: check with λ on.",
            {"bug": "no_l2", "l2": 0.0},
            (Claim("passed", True), Claim("passed", False, at={"l2": 0.7}, name="with_l2")),
        ),
    ),
    "minibatch": (
        Scene(
            "batch-vs-minibatch-vs-sgd",
            "Batch vs mini-batch vs SGD",
            "20 epochs at α = 0.1: SGD ends at cost {sgd_cost:.2f}, mini-batches of 32 at "
            "{mini_cost:.2f}, batch gradient descent at {batch_cost:.2f} — more updates per "
            "epoch, noisier costs.",
            {"bs": "32", "lr": 0.1, "epochs": 20},
            (
                Claim("sgd_cost", 0.13, 0.01),
                Claim("mini_cost", 0.26, 0.01),
                Claim("batch_cost", 0.38, 0.01),
                Claim("sgd_spread", relation=">", than="mini_spread"),
                Claim("mini_spread", relation=">", than="batch_spread"),
            ),
        ),
        Scene(
            "sgd-too-fast",
            "SGD with a large α",
            "α = 1: batch gradient descent speeds up (cost {batch_cost:.2f}), SGD is stuck at "
            "{sgd_cost:.2f} and {sgd_train:.0%}: too large a step for single examples.",
            {"bs": "32", "lr": 1.0, "epochs": 20},
            (
                Claim("batch_cost", 0.26, 0.01),
                Claim("sgd_cost", 0.77, 0.01),
                Claim("sgd_train", 0.52, ACCURACY),
            ),
        ),
    ),
    "ewma": (
        Scene(
            "smooth-but-late",
            "β = 0.98: smooth but late",
            "A window of {window:.0f} days: a smooth curve that lags the season (it peaks "
            "{peak_lag} days after the warmest day), and a slow start without bias correction.",
            {"beta": 0.98, "src": "temperature"},
            (Claim("window", 50, 1e-9), Claim("peak_lag", 29, 2)),
        ),
        Scene(
            "noisy",
            "β = 0.5: noisy",
            "A window of {window:.0f} days: the average follows every wiggle (it peaks "
            "{peak_lag} days after the warmest day).",
            {"beta": 0.5, "src": "temperature"},
            (Claim("window", 2, 1e-9), Claim("peak_lag", 0, 1)),
        ),
    ),
    "optimizers_surfaces": (
        Scene(
            "ill-conditioned-bowl",
            "Ill-conditioned bowl",
            "κ = 100: gradient descent (α = 0.07 > 2/κ = {gd_limit:g}) diverges at once (step "
            "{gd_diverged}); momentum arrives in {momentum_reached} steps, RMSprop in "
            "{rmsprop_reached}, Adam in {adam_reached}.",
            {"surface": "elongated", "kappa": 100.0},
            _BOWL_100,
        ),
        Scene(
            "saddle",
            "Saddle",
            "Who leaves the plot first: RMSprop (step {rmsprop_left}) and Adam ({adam_left}), "
            "then gradient descent ({gd_left}) and momentum ({momentum_left}).",
            {"surface": "saddle"},
            (
                Claim("first_left", "rmsprop"),
                Claim("rmsprop_left", 21, 1),
                Claim("adam_left", 36, 1),
                Claim("gd_left", 56, 1),
                Claim("momentum_left", 90, 1),
            ),
        ),
    ),
    "optimizers_network": (
        Scene(
            "course-exercise",
            "Course exercise",
            "The notebook's current version (5 000 epochs, α = 0.0007): Adam {adam_train:.0%}, "
            "gradient descent and momentum {gd_train:.0%} train accuracy.",
            dict(landscape.COURSE_PRESET),
            _COURSE_RACE,
        ),
        Scene(
            "original-notebook",
            "Original notebook",
            "10 000 epochs, the version whose {gd_train:.1%} / {momentum_train:.1%} / "
            "{adam_train:.0%} (gradient descent / momentum / Adam) are usually quoted.",
            dict(landscape.COURSE_PRESET) | {"epochs": 10000},
            (
                Claim("gd_train", 0.797, 0.005),
                Claim("momentum_train", 0.797, 0.005),
                Claim("adam_train", 0.94, 0.005),
            ),
        ),
        Scene(
            "same-alpha",
            "Same α for all",
            "α = 0.01 for all four, 300 epochs: RMSprop {rmsprop_train:.0%} and Adam "
            "{adam_train:.0%} train accuracy, gradient descent and momentum {gd_train:.0%}.",
            {},
            (
                Claim("rmsprop_train", 0.94, ACCURACY),
                Claim("adam_train", 0.93, ACCURACY),
                Claim("gd_train", 0.71, ACCURACY),
                Claim("momentum_train", 0.71, ACCURACY),
            ),
        ),
    ),
    "lr_decay": (
        Scene(
            "constant-vs-decay",
            "Constant vs decayed α",
            "α₀ = 1, mini-batches of 8: at the end the constant rate's mini-batch costs jump "
            "twice as much (std {constant_std:.2f}) as the decayed ones' ({inverse_time_std:.2f})"
            ".",
            {},
            (
                Claim("constant_std", 0.25, 0.01),
                Claim("inverse_time_std", 0.13, 0.01),
                Claim("exponential_std", 0.13, 0.01),
                Claim("piecewise_std", 0.13, 0.01),
            ),
        ),
        Scene(
            "decay-too-fast",
            "Decaying too fast",
            "Decay rate 1: inverse-time α is α₀/{inverse_time_divisor_at_epoch_9:.0f} by epoch 9 "
            "and its cost ends at {inverse_time_cost:.3f}, twice the {cost_at_01:.3f} of decay "
            "rate 0.1.",
            {"decay": 1.0},
            _TOO_FAST,
        ),
    ),
    "saddles": (
        Scene(
            "near-the-ridge",
            "Start near the ridge",
            "w₂ = 1e-6: gradient descent and momentum v = βv + (1 − β)dW wait on the ridge "
            "(they escape after {gd_escaped} and {momentum_escaped} steps); RMSprop and Adam "
            "leave at once ({rmsprop_escaped} and {adam_escaped}).",
            {"surface": "saddle", "w2": 1e-06},
            _NEAR_THE_RIDGE,
        ),
        Scene(
            "plateau",
            "Crossing a plateau",
            "α = 3 for gradient descent and momentum: they cross (after {gd_escaped} and "
            "{momentum_escaped} steps), only momentum v = βv + (1 − β)dW settles — gradient "
            "descent still jumps {gd_last_step:.1f} per step.",
            {"surface": "plateau", "lr_gd": 3.0, "lr_momentum": 3.0},
            _PLATEAU_AT_3,
        ),
    ),
    "search": (
        Scene(
            "grid-wastes-trials",
            "Grid wastes trials",
            "25 trials over α and β₁: the grid tries {grid_distinct_lr} values of α, random "
            "search {random_distinct_lr}.",
            {"sampler": "both", "lr_on": True, "beta1_on": True, "trials": 25},
            (Claim("grid_distinct_lr", 5), Claim("random_distinct_lr", 25)),
        ),
        Scene(
            "random-on-a-log-scale",
            "Random on a log scale",
            "α sampled uniformly on a linear scale: {random_top_decade} of 25 trials land in "
            "[0.1, 1], almost none below.",
            {"sampler": "random", "lr_on": True, "beta1_on": False, "lr_sc": "linear"},
            (Claim("random_top_decade", 22, 2), Claim("random_below_001", 0)),
        ),
        Scene(
            "units-on-a-uniform-scale",
            "Units and layers on a uniform scale",
            "The lecture's example: hidden units between 50 and 100 and hidden layers between 2 "
            "and 4 drawn uniformly (linear scale), α on a log scale. 'The scale of each searched "
            "hyperparameter' shows why uniform is fine for the first two and not for α.",
            {
                "sampler": "random",
                "lr_on": True,
                "beta1_on": False,
                "units_on": True,
                "units_lo": 50,
                "units_hi": 100,
                "units_sc": "linear",
                "layers_on": True,
                "layers_lo": 2,
                "layers_hi": 4,
                "layers_sc": "linear",
                "epochs": 50,
            },
            (
                Claim("units_uniform_even", True),
                Claim("layers_uniform_even", True),
                Claim("lr_uniform_even", False),
            ),
        ),
    ),
    "pandas_caviar": (
        Scene(
            "panda",
            "Panda",
            "Babysit one model: start, watch, change α as it trains.",
            {},
        ),
        Scene(
            "caviar",
            "Caviar",
            "64 models in parallel, one α each: keep the best.",
            {"models": 64},
        ),
    ),
    "batch_norm": (
        Scene(
            "bn-trains-at-large-alpha",
            "Batch norm at α = 3",
            "Gradient descent, α = 3: without batch norm the first steps throw the network off "
            "(first-epoch cost {plain_first_cost:.0f}) and its cost then stays at ln 2 ≈ 0.69 "
            "(dev {plain_dev:.0%}); with it the cost falls to {bn_cost:.3f} ({bn_dev:.0%} dev).",
            {"opt": "gd", "lr": 3.0},
            _BN_AT_3,
        ),
        Scene(
            "small-alpha",
            "Both at α = 0.1",
            "With α = 0.1 both networks train: {plain_dev:.0%} dev each.",
            {"opt": "gd", "lr": 0.1},
            (
                Claim("plain_dev", 0.98, ACCURACY),
                Claim("bn_dev", 0.98, ACCURACY),
                Claim("plain_cost", 0.1, relation="<"),
                Claim("bn_cost", 0.1, relation="<"),
            ),
        ),
    ),
    "softmax": (
        Scene(
            "three-classes",
            "Three spiral arms",
            "C = 3: three probability maps, a loss that starts at log 3 ≈ 1.10 (first epoch: "
            "{first_cost:.2f}) and ends near 0 ({cost:.3f}, {dev:.0%} dev).",
            {"ds": "spiral", "C": 3},
            (
                Claim("first_cost", 1.08, 0.01),
                Claim("cost", 0.005, 0.002),
                Claim("dev", 0.98, ACCURACY),
            ),
        ),
        Scene(
            "five-classes",
            "Five classes",
            "C = 5: the loss starts at log 5 ≈ 1.61 (first epoch: {first_cost:.2f}); {dev:.0%} "
            "dev, neighbouring arms mixed up (most often arm {worst_true} taken for arm "
            "{worst_predicted}).",
            {"ds": "spiral", "C": 5},
            _FIVE_ARMS,
        ),
        Scene(
            "two-classes-is-logistic",
            "Two classes",
            "C = 2: the two maps are mirror images and softmax equals the sigmoid.",
            {"ds": "spiral", "C": 2},
            (Claim("sigma_gap", 1e-12, relation="<"), Claim("sigmoid_gap", 1e-12, relation="<")),
        ),
    ),
    "frameworks": (
        Scene(
            "exponential-cost",
            "An exponential cost",
            "e^(w/2) − 2w with gradient descent, α = 1: w settles at {w_end:.2f} = 2 ln 4.",
            {"cost": "exponential", "jopt": "gd", "jlr": 1.0},
            _EXPONENTIAL_COST,
        ),
        Scene(
            "adam-on-the-course-cost",
            "Adam on the course's cost",
            "Adam with α = 0.5: first steps of length ≈ α ({first_step:.2f}), then it slows down "
            "near w = {minimum:g} (last step {last_step:.2f}).",
            {"cost": "course", "jopt": "adam", "jlr": 0.5},
            _ADAM_ON_THE_COURSE_COST,
        ),
    ),
}
"""2–4 scenes per page with controls, keyed by the page's url_path."""


def find_scene(page: str, slug: str) -> Scene:
    """The scene ``slug`` of ``page``; ValueError lists the page's scenes."""
    scenes = SCENES.get(page, ())
    for scene in scenes:
        if scene.slug == slug:
            return scene
    names = ", ".join(scene.slug for scene in scenes) or "none"
    raise ValueError(f"scene must be one of {names}; got {slug!r}")


def page_values(page: str, values: dict) -> dict[str, object]:
    """Every setting of ``page``: ``values``, and the page's defaults for the rest."""
    table = page_settings(page, values)
    return {key: setting.default for key, setting in table.items()} | values


def scene_values(page: str, slug: str) -> dict[str, object]:
    """Every setting of ``page`` in scene ``slug``: its values, the page's defaults for the rest."""
    return page_values(page, find_scene(page, slug).values)


@dataclass(frozen=True)
class Step:
    """One step of the lesson plan: minutes, the page and scene to open, what to ask the class
    (``question``: a template filled from the scene's claims, like its description)."""

    minutes: int
    page: str
    scene: str
    question: str

    @property
    def ask(self) -> str:
        """The question, with the scene's claimed results written in."""
        return fill(self.question, find_scene(self.page, self.scene).claims)

    def url(self, host: str = HOST) -> str:
        return find_scene(self.page, self.scene).url(self.page, host)


LESSON_PLAN: tuple[Step, ...] = (
    Step(
        4,
        "bias_variance",
        "bias-and-variance",
        "Which network has high bias, which high variance? What would you try first for each?",
    ),
    Step(
        4,
        "regularization",
        "overfitting",
        "Train {train:.0%}, dev {dev:.0%}: bias or variance? Name three remedies before we try "
        "them.",
    ),
    Step(
        4,
        "regularization",
        "l2-fixes-it",
        "Why does the training accuracy go down? What will λ = 30 do?",
    ),
    Step(
        4,
        "regularization",
        "dropout-fixes-it",
        "Why is the training cost noisier? Why is dropout switched off at test time?",
    ),
    Step(
        3,
        "regularization",
        "early-stopping",
        "Early stopping and L2 both help: what does early stopping tie together that L2 keeps "
        "apart?",
    ),
    Step(
        4,
        "normalization",
        "raw-vs-standardized",
        "Why does the raw path bounce? How small must α be for it to stop?",
    ),
    Step(
        5,
        "initialization",
        "course-exercise",
        "Press Start: why do the zero-start units never become different? Why does × 10 hurt?",
    ),
    Step(
        4,
        "minibatch",
        "batch-vs-minibatch-vs-sgd",
        "Which run makes the most updates per epoch? Which cost is noisiest, and why?",
    ),
    Step(
        3,
        "ewma",
        "smooth-but-late",
        "About how many days does β = 0.98 average? Why does the uncorrected curve start at 0?",
    ),
    Step(
        4,
        "optimizers_surfaces",
        "ill-conditioned-bowl",
        "Same α: why does gradient descent diverge while momentum arrives?",
    ),
    Step(
        4,
        "lr_decay",
        "constant-vs-decay",
        "Why does a constant α keep the cost jumping at the end? When would you decay by hand?",
    ),
    Step(
        4,
        "search",
        "grid-wastes-trials",
        "How many different α did the grid try? Why does random search win when one "
        "hyperparameter matters most?",
    ),
    Step(
        3,
        "batch_norm",
        "bn-trains-at-large-alpha",
        "Why can the network with batch norm train at α = 3 when the other cannot?",
    ),
)
"""A 50-minute walk through the course, one scene at a time."""


def lesson_plan_markdown(titles: dict[str, str], host: str = HOST) -> str:
    """docs/lesson-plan.md: ``LESSON_PLAN`` as a table of links; ``titles`` names the pages."""
    total = sum(step.minutes for step in LESSON_PLAN)
    lines = [
        f"# Lesson plan: {total} minutes through the playground",
        "",
        "Each step is a link that opens a page with a *scene*: every control set for one story "
        "of the course. Start the app (`streamlit run app.py`), open the links one after the "
        f"other and ask the class the question. The links point to `{host}`: replace it with "
        "your server's address. The Home page shows the same plan, and every page's sidebar "
        "offers its scenes.",
        "",
        "Generated from `playground/scenes.py` (`LESSON_PLAN`) by `python scripts/lesson_plan.py "
        "> docs/lesson-plan.md`; a test checks that this file is up to date.",
        "",
        "| start | minutes | open | what to look at | ask the class |",
        "|---|---|---|---|---|",
    ]
    start = 0
    for step in LESSON_PLAN:
        scene = find_scene(step.page, step.scene)
        link = f"[{titles[step.page]}: {scene.name}]({step.url(host)})"
        lines.append(f"| {start} | {step.minutes} | {link} | {scene.description} | {step.ask} |")
        start += step.minutes
    return "\n".join(lines) + "\n"
