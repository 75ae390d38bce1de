""" "Try this" experiments: what to do on a page, and what to notice, as data.

Each page ends with a few guided experiments (``playground.ui.guide.try_this``). An
:class:`Experiment` says what to do, what to notice (a template whose stated results are filled
from its ``claims``) and the page's settings once it is done, so a test can run it and check
every result the text states, as it does for scenes (see :mod:`playground.claims`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from playground import initialization, landscape
from playground.claims import ACCURACY, Claim, fill
from playground.diagnose import FINE, HIGH_BIAS, HIGH_VARIANCE, STARTING_TO_OVERFIT
from playground.scenes import find_scene


@dataclass(frozen=True)
class Experiment:
    """One "try this": ``do`` it, then ``notice`` (filled from ``claims``). ``values`` are the
    page's settings once it is done (the page's defaults for the rest); a claim measured at
    another point of the experiment ("… then set λ to 0") names its settings in ``at``."""

    do: str
    template: str
    values: Mapping[str, object] = field(default_factory=dict)
    claims: tuple[Claim, ...] = ()

    def __post_init__(self) -> None:
        object.__setattr__(self, "values", MappingProxyType(dict(self.values)))

    @property
    def notice(self) -> str:
        """What to notice, with the claimed results written in."""
        return fill(self.template, self.claims)


_WIDE = {"lr_lo": 1e-05, "lr_hi": 10.0}
"""A wide range of α for the caviar models."""
_LEAKY_SPIRAL = {"ds": "spiral", "act": "leaky_relu"}
"""The Playground's gradient descent at α = 10 on a data set and activation that diverge."""

TRY_THIS: dict[str, tuple[Experiment, ...]] = {
    "batch_norm": (
        Experiment(
            "Set α = 3 (gradient descent) and press Start.",
            "Without BN the first steps throw the network off (first-epoch cost "
            "{plain_first_cost:.0f}) and its cost then stays at ln 2 ≈ 0.69 (dev "
            "{plain_dev:.0%}); with BN it falls to {bn_cost:.3f} ({bn_dev:.0%} dev). Then set "
            "α = 0.1 and Start again: now both train ({plain_dev_01:.0%} dev each).",
            {"opt": "gd", "lr": 3.0},
            (
                *find_scene("batch_norm", "bn-trains-at-large-alpha").claims,
                Claim("plain_dev", 0.98, ACCURACY, at={"lr": 0.1}, name="plain_dev_01"),
                Claim("bn_dev", 0.98, ACCURACY, at={"lr": 0.1}, name="bn_dev_01"),
            ),
        ),
        Experiment(
            "Look at the histograms, then set the activation to tanh and Start.",
            "Without BN the spread of z grows over training (σ {plain_z_start:.1f} → "
            "{plain_z_end:.1f}); with BN z̃ stays put (σ {bn_z_tilde_start:.1f} → "
            "{bn_z_tilde_end:.1f}) and only γ, β move it — that is the 'less covariate shift' "
            "of the course.",
            {"act": "tanh"},
            (
                Claim("plain_z_start", 0.8, 0.05),
                Claim("plain_z_end", 2.4, 0.05),
                Claim("bn_z_tilde_start", 1.0, 0.05),
                Claim("bn_z_tilde_end", 1.0, 0.05),
            ),
        ),
        Experiment(
            "Turn on Compare batch 8 vs 256.",
            "The train − dev gaps differ by little ({gap_8:.1%} and {gap_256:.1%}): batch "
            "norm's regularization is slight.",
            {"gap": True},
            (Claim("gap_8", 0.013, 0.005), Claim("gap_256", 0.017, 0.005)),
        ),
    ),
    "bias_variance": (
        Experiment(
            "Press Start and read the table row by row.",
            "The small networks stay far above the Bayes error whatever λ is (high bias: make "
            "the network bigger). The large one fits the training set but not the dev set "
            "({large_verdict}); λ = 0.7 brings its dev error down (dev {large_dev:.0%} → "
            "{large_reg_dev:.0%}).",
            {},
            (
                Claim("small_verdict", HIGH_BIAS),
                Claim("small_reg_verdict", HIGH_BIAS),
                Claim("large_verdict", HIGH_VARIANCE),
                Claim("large_dev", 0.93, ACCURACY),
                Claim("large_reg_dev", 0.96, ACCURACY),
            ),
        ),
        Experiment(
            "Raise Examples to 2000 (keep λ = 0.7) and press Start again.",
            "The large network's variance shrinks even without regularization (its train − dev "
            "gap falls from {large_gap:.0%} to {gap_2000:.0%}) — more data is the first remedy "
            "for variance — while the small one's bias does not move (train {small_train:.0%} "
            "→ {small_train_2000:.0%}, {small_verdict}).",
            {},
            (
                Claim("large_gap", 0.06, ACCURACY),
                Claim("large_gap", 0.01, ACCURACY, at={"n": 2000}, name="gap_2000"),
                Claim("small_train", 0.90, ACCURACY),
                Claim("small_train", 0.87, ACCURACY, at={"n": 2000}, name="small_train_2000"),
                Claim("small_verdict", HIGH_BIAS, at={"n": 2000}),
            ),
        ),
        Experiment(
            "Switch Regularization to dropout and compare keep_prob 0.95 with 0.5.",
            "At 0.95 the large network still overfits ({verdict_095}); at 0.5 it is "
            "{large_reg_verdict}. The small network only gets worse (dev {small_dev:.0%} → "
            "{small_reg_dev:.0%}): it has bias to fix, no variance for dropout to cure.",
            {"reg": "dropout", "kp": 0.5},
            (
                Claim("large_reg_verdict", HIGH_VARIANCE, at={"kp": 0.95}, name="verdict_095"),
                Claim("large_reg_verdict", FINE),
                Claim("small_dev", 0.85, ACCURACY),
                Claim("small_reg_dev", 0.80, ACCURACY),
            ),
        ),
    ),
    "ewma": (
        Experiment(
            "Press β = 0.5, then β = 0.98.",
            "With 0.5 the average follows every noisy day (window {window_05:.0f}); with 0.98 "
            "it is smooth but shifted right — it lags the season by weeks, peaking {peak_lag} "
            "days after the warmest day (window {window:.0f}).",
            {"beta": 0.98},
            (
                Claim("window", 2, 1e-9, at={"beta": 0.5}, name="window_05"),
                Claim("window", 50, 1e-9),
                Claim("peak_lag", 29, 2),
            ),
        ),
        Experiment(
            "Keep β = 0.98 and look at the first days.",
            "The uncorrected v_t starts near 0 and is still {low_on_day_100:.0%} too low on "
            "day 100; the bias-corrected curve starts on the data. From day {fade_day} on they "
            "differ by < {tolerance:.0%}.",
            {"beta": 0.98},
            (
                Claim("low_on_day_100", 0.13, 0.005),
                Claim("fade_day", 229),
                Claim("tolerance", 0.01),
            ),
        ),
        Experiment(
            "Choose Series → pasted and type 10, 10, 10, 10, 10, 10, 10, 10.",
            "A constant series: the corrected average equals it every day (off by at most "
            "{corrected_gap:.0e}), the uncorrected one is 10 (1 − βᵗ) — the bias is nothing "
            "but the missing weight.",
            {"src": "pasted", "nums": "10, 10, 10, 10, 10, 10, 10, 10"},
            (Claim("corrected_gap", 0.0, 1e-12),),
        ),
    ),
    "frameworks": (
        Experiment(
            "Pick the exponential cost and gradient descent with α = 1.",
            "No derivative was written for e^(w/2) − 2w: the tape applies d(eˣ)/dx = eˣ and "
            "the chain rule, and w settles at {w_end:.2f} = 2 ln 4.",
            {"cost": "exponential", "jopt": "gd", "jlr": 1.0},
            find_scene("frameworks", "exponential-cost").claims,
        ),
        Experiment(
            "Switch the optimizer to adam with α = 0.5 on the course's cost.",
            "Adam's first steps have length ≈ α ({first_step:.2f}) whatever the gradient's "
            "size, then it slows down near w = {minimum:g} — the same class the networks train "
            "with.",
            {"cost": "course", "jopt": "adam", "jlr": 0.5},
            find_scene("frameworks", "adam-on-the-course-cost").claims,
        ),
        Experiment(
            "In part 2, raise the epochs to 1000.",
            "Both reach similar dev accuracy; the wall-time ratio shows what Python overhead "
            "per step costs when the network is this small.",
        ),
    ),
    "gradient_checking": (
        Experiment(
            "Slide ε from 1e-1 down to 1e-12 (section 3's ε).",
            "In section 1 the two-sided error falls with slope {slope_two:.1f} on the log-log "
            "plot (ε ten times smaller: the error a hundred times smaller), the one-sided only "
            "with slope {slope_one:.1f}, until round-off turns both curves back up. The best ε "
            "is about {best_two:.0e} for θ³ and {best_network:.0e} for the network, not 0: at "
            "1e-1 truncation makes correct backprop read {truncation:.2f}, at 1e-12 round-off "
            "{round_off:.0e}.",
            {"epsilon": 1e-12},
            (
                Claim("slope_two", 2.0, 0.05),
                Claim("slope_one", 1.0, 0.05),
                Claim("best_two", 3.16e-6, 0.01e-6),
                Claim("best_network", 3.16e-5, 0.01e-5),
                Claim("difference", 0.28, 0.01, at={"epsilon": 0.1}, name="truncation"),
                Claim("difference", 1e-3, 0.1e-3, name="round_off"),
            ),
        ),
        Experiment(
            "Set λ to 0.7, then plant each bug in turn and read the bar chart.",
            "dW2_x2 lights up only {lit} ({dW2:.2f} = ‖2g − g‖/(‖2g‖ + ‖g‖)); no_l2 every dW "
            "but no db ({lit_no_l2}); dropout_on every bar: the pattern tells you where to look.",
            {"l2": 0.7, "bug": "dW2_x2"},
            (
                Claim("lit", "dW2"),
                Claim("dW2", 1 / 3, 0.001),
                Claim("lit", "dW1, dW2, dW3", at={"bug": "no_l2"}, name="lit_no_l2"),
                Claim(
                    "lit",
                    "dW1, db1, dW2, db2, dW3, db3",
                    at={"bug": "dropout_on"},
                    name="lit_dropout",
                ),
            ),
        ),
        Experiment(
            "Plant no_l2, then set λ to 0.",
            "The check passes: a check only catches bugs in the terms it exercises — check "
            "with regularization on, and with dropout off.",
            {"bug": "no_l2", "l2": 0.0},
            (Claim("passed", True),),
        ),
    ),
    "initialization": (
        Experiment(
            "Choose the scene Course exercise (top of the sidebar), then Start (15 000 "
            "epochs: a few seconds).",
            "He reaches {he_train:.1%} train / {he_dev:.0%} dev, random × 10 only "
            "{random_train:.0%} / {random_dev:.0%}, zeros {zeros_train:.0%}: the numbers of the "
            "course's notebook.",
            dict(initialization.COURSE_PRESET),
            find_scene("initialization", "course-exercise").claims,
        ),
        Experiment(
            "Set Symmetric start to constant and press Start.",
            "Unlike zeros, the weights do move — but the {constant_units} lines of layer 1 "
            "stay one line: equal units get equal gradients, so they can never become "
            "different.",
            {"sym": "constant"},
            (
                Claim("constant_moved", 0.0, relation=">"),
                Claim("constant_units", 10),
                Claim("constant_distinct", 1),
            ),
        ),
        Experiment(
            "Set the random init scale to 50, press Start; then to 0.01 and Start again.",
            "Too large: the first cost is huge ({random_first_cost:.0f}) and the run ends "
            "stuck at {random_train:.0%}. Too small: signal and gradients fade layer by layer, "
            "the cost stays at ln 2 ≈ 0.69. Xavier and He pick the scale from n[l−1] for you.",
            {"iscale": 50.0},
            (
                Claim("random_first_cost", 17.3, 0.1),
                Claim("random_train", 0.50, ACCURACY),
                Claim("random_first_cost", 0.6931, 0.0005, at={"iscale": 0.01}, name="small_first"),
                Claim("random_cost", 0.6931, 0.0005, at={"iscale": 0.01}, name="small_last"),
            ),
        ),
    ),
    "lr_decay": (
        Experiment(
            "Press Start with the defaults (α₀ = 1, mini-batches of 8).",
            "constant's cost keeps jumping to the end while the decayed ones flatten out: "
            "compare their std of J{{t}} over the last 10% of the mini-batches in the table "
            "({constant_std:.2f} against {inverse_time_std:.2f}, {exponential_std:.2f} and "
            "{piecewise_std:.2f}).",
            {},
            find_scene("lr_decay", "constant-vs-decay").claims,
        ),
        Experiment(
            "Set the decay rate to 1 and press Start.",
            "inverse_time's α = α₀/(1 + epoch_num) is α₀/{inverse_time_divisor_at_epoch_9:.0f} "
            "by epoch 9: the cost then creeps down and ends higher than with 0.1 "
            "({inverse_time_cost:.3f} against {cost_at_01:.3f}) — decaying too fast wastes the "
            "epochs.",
            {"decay": 1.0},
            find_scene("lr_decay", "decay-too-fast").claims,
        ),
        Experiment(
            "Type your own manual schedule, e.g. 30:0.3, 60:0.03, 80:0.003.",
            "Each drop of α makes the cost step down and calm down: the course's manual "
            "decay, done by watching the curve.",
            {"pw": "30:0.3, 60:0.03, 80:0.003"},
            (
                Claim("piecewise_rate", 0.003, 1e-12),
                Claim("piecewise_std", relation="<", than="constant_std"),
                Claim("piecewise_cost", relation="<", than="constant_cost"),
            ),
        ),
    ),
    "minibatch": (
        Experiment(
            "Set the mini-batch size to 8, press Start, then try 256.",
            "With 8 the mini-batch costs scatter widely around the epoch cost (std "
            "{spread_8:.2f} in the last epoch); with 256 the run is almost batch gradient "
            "descent: {mini_updates} updates per epoch and a smooth (std {mini_spread:.2f}) but "
            "slow cost ({mini_cost:.2f} after 20 epochs, against {cost_8:.2f}).",
            {"bs": "256"},
            (
                Claim("mini_spread", 0.19, 0.01, at={"bs": "8"}, name="spread_8"),
                Claim("mini_cost", 0.21, 0.01, at={"bs": "8"}, name="cost_8"),
                Claim("mini_updates", 2),
                Claim("mini_spread", 0.03, 0.01),
                Claim("mini_cost", 0.32, 0.01),
            ),
        ),
        Experiment(
            "Raise the learning rate α to 1.",
            "Batch gradient descent gets faster (cost {batch_cost:.2f} after 20 epochs, "
            "against {batch_slow:.2f}), but SGD's path jumps around w* (it ends "
            "{sgd_distance:.2f} from it, the mini-batches {mini_distance:.2f}) and its cost "
            "stays noisy: a fixed α is too large for single examples (see learning-rate decay).",
            {"lr": 1.0},
            (
                Claim("batch_cost", 0.26, 0.01),
                Claim("batch_cost", 0.38, 0.01, at={"lr": 0.1}, name="batch_slow"),
                Claim("sgd_distance", 0.71, 0.02),
                Claim("mini_distance", 0.01, 0.01),
                Claim("sgd_spread", 0.41, 0.02),
            ),
        ),
        Experiment(
            "Set Examples to 2000 and press Start.",
            "SGD now makes {sgd_updates:,} updates per epoch and its time per epoch grows with "
            "m, while batch gradient descent stays fast per epoch — but still makes only "
            "{batch_updates} step.",
            {"n": 2000},
            (Claim("sgd_updates", 1400), Claim("batch_updates", 1)),
        ),
    ),
    "normalization": (
        Experiment(
            "Lower the learning rate α step by step until the raw path stops bouncing.",
            "It only settles once α is below 2/λ_max of the raw cost (≈ {raw_max_rate:.1g} at "
            "scale 100) — and then it crawls: it does not reach the minimum within 5000 steps, "
            "while the standardized cost converged in {std_steps} steps at α = 1.",
            {"lr": 0.003, "steps": 5000},
            (
                Claim("raw_max_rate", 0.0037, 0.0002),
                Claim("raw_overshoots", False),
                Claim("raw_converged", False),
                Claim("raw_overshoots", True, at={"lr": 0.01}, name="overshoots_at_001"),
                Claim("std_steps", 18, 2, at={"lr": 1.0}),
            ),
        ),
        Experiment(
            "Set the scale of x₁ to 1, then 10, 100, 1000.",
            "The standardized map never changes (κ = {std_kappa:.1f} at every scale); the raw "
            "valley gets thinner in proportion to the scale: √κ = {stretch_10:.0f}, "
            "{stretch_100:.0f}, {raw_stretch:.0f}. Even at scale 1 the raw cost is tilted and "
            "stretched (√κ = {stretch_1:.1f}): x is not zero-centred.",
            {"ratio": 1000},
            (
                Claim("std_kappa", 1.98, 0.01),
                Claim("std_kappa", 1.98, 0.01, at={"ratio": 1}, name="std_kappa_1"),
                Claim("raw_stretch", 3.5, 0.1, at={"ratio": 1}, name="stretch_1"),
                Claim("raw_stretch", 19, 1, at={"ratio": 10}, name="stretch_10"),
                Claim("raw_stretch", 187, 2, at={"ratio": 100}, name="stretch_100"),
                Claim("raw_stretch", 1872, 20),
            ),
        ),
        Experiment(
            "Set the dev-set shift to 0, then to 0.75.",
            "With no shift the dev set's own μ, σ are close to the training ones and few "
            "predictions change ({changed_0:.0%}); with a shifted dev set many do "
            "({dev_changed:.0%}).",
            {"devshift": 0.75},
            (
                Claim("dev_changed", 0.02, 0.01, at={"devshift": 0.0}, name="changed_0"),
                Claim("dev_changed", 0.28, 0.02),
            ),
        ),
    ),
    "optimizers_network": (
        Experiment(
            "Press Start with the defaults (α = 0.01 for all four, 300 epochs).",
            "RMSprop and Adam halve their cost within {rmsprop_half} and {adam_half} epochs and "
            "end at {rmsprop_cost:.2f} and {adam_cost:.2f}; gradient descent and momentum are "
            "still at {gd_cost:.2f} and {momentum_cost:.2f}: with the same α, dividing by √s "
            "makes the steps along the small gradients much larger.",
            {},
            (
                Claim("rmsprop_half", 26, 2),
                Claim("adam_half", 28, 2),
                Claim("rmsprop_cost", 0.146, 0.005),
                Claim("adam_cost", 0.142, 0.005),
                Claim("gd_cost", 0.568, 0.005),
                Claim("momentum_cost", 0.569, 0.005),
            ),
        ),
        Experiment(
            "Choose the scene Course exercise (top of the sidebar), then Start (5 000 epochs, "
            "α = 0.0007).",
            "Adam reaches {adam_train:.0%} train accuracy while gradient descent and momentum "
            "are still at {gd_train:.0%}, the notebook's numbers. Momentum barely helps here: "
            "with a tiny α its averaged step is the same size as gradient descent's.",
            dict(landscape.COURSE_PRESET),
            find_scene("optimizers_network", "course-exercise").claims,
        ),
        Experiment(
            "After training, switch the landscape between pca and random directions.",
            "With principal directions the paths lie in the plane and follow its valleys; "
            "with random directions the same paths are mostly out of the plane.",
        ),
    ),
    "optimizers_surfaces": (
        Experiment(
            "On the elongated bowl, raise κ from 20 to 100 without touching α.",
            "Gradient descent (α = 0.07 > 2/κ = {gd_limit:g}) now diverges across the narrow "
            "valley (it arrived in {gd_at_20} steps at κ = 20). Momentum with the very same α "
            "still arrives ({momentum_reached} steps) — averaging the alternating gradients "
            "damps the zig-zag — and so does Adam ({adam_reached}), which divides each "
            "coordinate by its own √s.",
            {"surface": "elongated", "kappa": 100.0},
            (
                Claim("gd_reached", 74, 1, at={"kappa": 20.0}, name="gd_at_20"),
                Claim("gd_diverged", 5, 1),
                Claim("gd_limit", 0.02, 1e-12),
                Claim("momentum_reached", 111, 1),
                Claim("adam_reached", 82, 1),
            ),
        ),
        Experiment(
            "Choose the saddle and compare who leaves the plot first; then set Start w₂ to 0.",
            "Adaptive steps escape the flat ridge fastest (RMSprop at step {rmsprop_left}, Adam "
            "at {adam_left}). Exactly on the ridge (w₂ = 0) the gradient has no w₂ part, so "
            "every optimizer slides into the saddle point and stays.",
            {"surface": "saddle"},
            (
                Claim("first_left", "rmsprop"),
                Claim("rmsprop_left", 21, 1),
                Claim("adam_left", 36, 1),
                Claim("anyone_left", False, at={"w2": 0.0}, name="nobody_left"),
            ),
        ),
        Experiment(
            "Turn Adam bias correction off and look at the first steps (drag the step slider "
            "to 1–5).",
            "With β₁ = 0.9, β₂ = 0.999 the uncorrected first steps are about "
            "{bias_ratio:.1f}× longer, not shorter: s is more biased towards 0 than v.",
            {"bias": False},
            (Claim("bias_ratio", 3.16, 0.01),),
        ),
    ),
    "pandas_caviar": (
        Experiment(
            "Press Start on the panda and wait for 30 epochs; then move α from 0.001 to 0.01.",
            "A dashed line marks the change and the cost falls much faster from there on: the "
            "run keeps its weights and Adam's averages, only the step size changed.",
            {"lr": 0.01},
        ),
        Experiment(
            "Now set α to 1 for a few ticks, then back to 0.01.",
            "The cost jumps up and the curve turns noisy: a babysitter sees this at once and "
            "backs off. Compare your final dev cost with caviar's best (the dotted grey "
            "line).",
            {"lr": 0.01},
        ),
        Experiment(
            "Set Models in parallel to 64 (Caviar, in the sidebar).",
            "More α's tried in one batched computation: {learned} of 64 get their dev cost "
            "below {learned_level:g} and {diverged} diverge in this α range, and the best one "
            "ends lower than the best of 24 (dev cost {best_dev_cost:.3f} against "
            "{best_of_24:.3f}). Widen the range to 0.00001 … 10 and fewer learn "
            "({learned_wide} of 64): more curves stay flat (α too small) or stall high (α too "
            "large) — none diverges, Adam's steps stay about α long.",
            {"models": 64},
            (
                Claim("learned", 55, 2),
                Claim("learned_level", 0.6),
                Claim("diverged", 0),
                Claim("best_dev_cost", 0.153, 0.005),
                Claim("best_dev_cost", 0.192, 0.005, at={"models": 24}, name="best_of_24"),
                Claim("learned", 36, 2, at=_WIDE, name="learned_wide"),
                Claim("diverged", 0, at=_WIDE, name="diverged_wide"),
            ),
        ),
    ),
    "playground": (
        Experiment(
            "Set Initialization to zeros and press Start.",
            "The boundary stays a straight line or nothing at all: every unit of a layer "
            "learns the same thing (symmetry is never broken).",
        ),
        Experiment(
            "Choose spiral with 0 hidden layers, then 2 layers of 20 units.",
            "A linear model can't follow the arms ({linear_verdict}, dev {linear_dev:.0%}); a "
            "bigger network fixes it (dev {dev:.0%}) — and, trained on, its dev cost climbs "
            "back from {rise_from:.2f} to {rise_to:.2f}: {verdict}.",
            {"ds": "spiral", "layers": 2, "h1": 20, "h2": 20},
            (
                Claim("verdict", HIGH_BIAS, at={"layers": 0}, name="linear_verdict"),
                Claim("dev", 0.53, ACCURACY, at={"layers": 0}, name="linear_dev"),
                Claim("dev", 0.97, ACCURACY),
                Claim("verdict", STARTING_TO_OVERFIT),
                Claim("rise_from", 0.059, 0.005),
                Claim("rise_to", 0.148, 0.01),
            ),
        ),
        Experiment(
            "Choose moons with 50 examples and noise 0.3, then 3 layers of 40 units and 2000 "
            "epochs.",
            "Train accuracy climbs to {train:.0%} while dev accuracy falls behind ({dev:.0%}): "
            "{verdict}. Now raise L2 λ or lower keep_prob and compare the dev cost.",
            {"ds": "moons", "n": 50, "noise": 0.3, "layers": 3, "h1": 40, "h2": 40, "h3": 40}
            | {"epochs": 2000},
            (
                Claim("train", 1.0, ACCURACY),
                Claim("dev", 0.87, ACCURACY),
                Claim("verdict", HIGH_VARIANCE),
            ),
        ),
        Experiment(
            "Set the optimizer to gd (gradient descent) and the learning rate to 10.",
            "The run does not diverge: the first huge steps (the cost peaks at {cost_peak:.2f} "
            "in epoch {peak_epoch}) kill every unit of the last hidden ReLU layer ({dead_units} "
            "of {last_units}), so the network answers one class everywhere (train {train:.0%}, "
            "dev {dev:.0%}: that class's shares) and the cost then bounces between about "
            "{late_cost_low:.1f} and {late_cost_high:.1f} without learning. Now choose spiral "
            "and leaky ReLU, whose units cannot die: the weights overflow in epoch "
            "{diverged_in} and the run stops as diverged, keeping the {kept} epoch before it.",
            {"opt": "gd", "lr": 10.0},
            (
                Claim("status", "completed"),
                Claim("epochs", 300),
                Claim("cost_peak", 1.85, 0.02),
                Claim("peak_epoch", 2),
                Claim("dead_units", 5),
                Claim("last_units", 5),
                Claim("classes_predicted", 1),
                Claim("train", 0.48, ACCURACY),
                Claim("dev", 0.55, ACCURACY),
                Claim("late_cost_low", 0.68, 0.02),
                Claim("late_cost_high", 1.46, 0.03),
                Claim("status", "diverged", at=_LEAKY_SPIRAL, name="leaky_status"),
                Claim("diverged_in", 2, at=_LEAKY_SPIRAL),
                Claim("epochs", 1, at=_LEAKY_SPIRAL, name="kept"),
            ),
        ),
    ),
    "regularization": (
        Experiment(
            "L2: raise λ to 30, then set it to 0.",
            "At 30 the weights are squeezed so hard that the network underfits: train and dev "
            "accuracy fall to {train:.0%} and {dev:.0%} (high bias). At 0 the two runs are "
            "identical — same data, same initial weights — so every difference you saw came "
            "from the penalty.",
            {"reg": "L2", "l2": 30.0},
            (
                Claim("train", 0.54, ACCURACY),
                Claim("dev", 0.46, ACCURACY),
                Claim("identical", True, at={"l2": 0.0}),
            ),
        ),
        Experiment(
            "Data augmentation: set Reflection to x1.",
            "The mirror check falls to {mirror_agreement:.0%} (fresh dev points: "
            "{mirror_baseline:.0%}): flipping x₁ swaps the XOR classes, the made-up points carry "
            "wrong labels and dev accuracy drops below the unregularized run's ({dev:.0%} "
            "against {none_dev:.0%}). Augment only with changes that keep the label (x1+x2 is a "
            "symmetry of XOR).",
            {"reg": "augmentation", "reflect": "x1"},
            (
                Claim("mirror_agreement", 0.30, ACCURACY),
                Claim("mirror_baseline", 0.77, ACCURACY),
                Claim("mirror_valid", False),
                Claim("dev", 0.57, ACCURACY),
                Claim("none_dev", 0.73, ACCURACY),
                Claim("mirror_valid", True, at={"reflect": "x1+x2"}, name="symmetric"),
            ),
        ),
        Experiment(
            "Dropout: lower keep_prob to 0.1 in all three layers.",
            "Keeping one unit in ten is too much noise: the training cost jumps wildly and "
            "the accuracies fall to {train:.0%} (train) and {dev:.0%} (dev) — like L2 with a "
            "huge λ, keep_prob is a strength knob.",
            {"reg": "dropout", "kp1": 0.1, "kp2": 0.1, "kp3": 0.1},
            (
                Claim("jitter", relation=">", than="none_jitter"),
                Claim("train", 0.54, ACCURACY),
                Claim("dev", 0.46, ACCURACY),
            ),
        ),
    ),
    "saddles": (
        Experiment(
            "On the saddle, set Start w₂ to 1e-06, then to 0.1.",
            "Gradient descent and momentum need many more steps the closer they start to the "
            "ridge ({gd_escaped} and {momentum_escaped} steps from 0.1, {gd_near} and "
            "{momentum_near} from 1e-06); RMSprop and Adam escape in about the same few steps "
            "from anywhere ({rmsprop_escaped} and {adam_escaped}, then {rmsprop_near} and "
            "{adam_near}).",
            {"surface": "saddle", "w2": 0.1},
            (
                Claim("gd_escaped", 11, 1),
                Claim("momentum_escaped", 25, 1),
                Claim("rmsprop_escaped", 4, 1),
                Claim("adam_escaped", 11, 1),
                Claim("gd_escaped", 74, 1, at={"w2": 1e-06}, name="gd_near"),
                Claim("momentum_escaped", 136, 1, at={"w2": 1e-06}, name="momentum_near"),
                Claim("rmsprop_escaped", 5, 1, at={"w2": 1e-06}, name="rmsprop_near"),
                Claim("adam_escaped", 12, 1, at={"w2": 1e-06}, name="adam_near"),
            ),
        ),
        Experiment(
            "Choose the plateau and compare the two momentum rows of the table with 1/(1 − β).",
            "With (1 − β) momentum steps like gradient descent on the flat part (step ÷ α‖dW‖ "
            "{momentum_step_ratio:.2f}); without it, 1/(1 − β) times farther "
            "({momentum_sum_step_ratio:.1f}). Set β to 0.99 and the gap widens towards "
            "1/(1 − 0.99): v = βv + dW builds up over about 1/(1 − β) steps, steps "
            "{sum_ratio_099:.0f}× farther while stalled and crosses the plateau after "
            "{sum_escaped_099} steps, while v = βv + (1 − β)dW is still on it (J = "
            "{average_final_099:.2f}).",
            {"surface": "plateau"},
            (
                Claim("momentum_step_ratio", 1.0, 0.01),
                Claim("momentum_sum_step_ratio", 9.7, 0.1),
                Claim("momentum_sum_step_ratio", 36, 1, at={"beta": 0.99}, name="sum_ratio_099"),
                Claim("momentum_sum_escaped", 139, 2, at={"beta": 0.99}, name="sum_escaped_099"),
                Claim("momentum_final", 0.98, 0.01, at={"beta": 0.99}, name="average_final_099"),
            ),
        ),
        Experiment(
            "Choose the plateau, then raise α of gradient descent and of momentum to 3.",
            "Both now cross the plateau (in {gd_escaped} and {momentum_escaped} steps), but "
            "gradient descent bounces across the basin and never settles (J stays at "
            "{gd_final:.2f}) while momentum v = βv + (1 − β)dW reaches the minimum J = "
            "{momentum_final:.1f}: damping oscillations is what momentum is good at.",
            {"surface": "plateau", "lr_gd": 3.0, "lr_momentum": 3.0},
            find_scene("saddles", "plateau").claims,
        ),
        Experiment(
            "Set Random Hessians per n to 30000 and the largest dimension to 10.",
            "About {minima_4} minima at n = 4 and a handful ({minima_5}) at n = 5, none from "
            "n = {none_from} on: each step from n to n + 1 divides the share by about "
            "{drop_1:.1f}, {drop_2:.0f}, {drop_3:.0f}, … — far more than the coin flips' 2.",
            {"samples": 30000, "nmax": 10},
            (
                Claim("minima_4", 71, 5),
                Claim("minima_5", 4, 3),
                Claim("none_from", 6),
                Claim("drop_1", 3.5, 0.1),
                Claim("drop_2", 5.8, 0.3),
                Claim("drop_3", 10.5, 0.5),
            ),
        ),
    ),
    "search": (
        Experiment(
            "Press Start with the defaults (α and β₁, 25 trials, both samplers).",
            "The grid tries only {grid_distinct_lr} learning rates, random search "
            "{random_distinct_lr}. α decides most of the dev accuracy and β₁ hardly matters, "
            "so random search explores what counts.",
            {},
            (Claim("grid_distinct_lr", 5), Claim("random_distinct_lr", 25)),
        ),
        Experiment(
            "When the search is done, press Zoom in (twice).",
            "Each round samples 25 new trials inside a smaller box around the best ones: the "
            "points crowd where dev accuracy is high (coarse to fine).",
        ),
        Experiment(
            "Set the scale of α to linear and press Start.",
            "Almost every random trial ({random_top_decade} of 25) has α in [0.1, 1] and "
            "{random_below_001} lie below 0.01 — the whole range 0.0001 … 0.01 goes untried, as "
            "the bar chart of 'Sampling on the right scale' predicts ({top_uniform:.0%} of "
            "uniform samples in [0.1, 1]).",
            {"lr_sc": "linear"},
            (
                Claim("random_top_decade", 22, 2),
                Claim("random_below_001", 0),
                Claim("top_uniform", 0.88, 0.01),
            ),
        ),
    ),
    "softmax": (
        Experiment(
            "Press Start, then move the worked-example slider across the dev points.",
            "Confident points have one a_j near 1 and a loss near 0; points between arms "
            "split the probability and cost more. A wrong prediction costs −log of a small "
            "a_true.",
        ),
        Experiment(
            "Set Classes to 5 and Start again.",
            "Five maps, five regions; the loss starts at log 5 ≈ 1.61 instead of log 3 ≈ "
            "1.10 (first epoch: {first_cost:.2f} against {first_cost_3:.2f}), and the "
            "confusion matrix shows which neighbouring arms get mixed up (arm {worst_true} "
            "taken for arm {worst_predicted} most often).",
            {"ds": "spiral", "C": 5},
            (
                *find_scene("softmax", "five-classes").claims,
                Claim("first_cost", 1.08, 0.01, at={"C": 3}, name="first_cost_3"),
            ),
        ),
        Experiment(
            "Set Classes to 2 and Start.",
            "The two probability maps are mirror images (a₀ = 1 − a₁) and the softmax map "
            "equals the sigmoid one up to rounding: with two classes softmax is logistic "
            "regression.",
            {"ds": "spiral", "C": 2},
            find_scene("softmax", "two-classes-is-logistic").claims,
        ),
    ),
    "splits": (
        Experiment(
            "Slide Examples m to 1000000, then down to 1000, and watch the modern 98/1/1 row.",
            "At a million examples its dev set holds {modern_dev:,} examples and measures a "
            "{reference_error:.0%} error to ±{modern_margin:.2%}: plenty. At a thousand it "
            "holds {dev_1000} (±{margin_1000:.0%}) — useless, so small data keeps 60/20/20.",
            {"m": 1_000_000},
            (
                Claim("modern_dev", 10_000),
                Claim("reference_error", 0.05),
                Claim("modern_margin", 0.0043, 0.00005),
                Claim("modern_dev", 10, at={"m": 1000}, name="dev_1000"),
                Claim("modern_margin", 0.14, 0.005, at={"m": 1000}, name="margin_1000"),
            ),
        ),
        Experiment(
            "Set the rotation to 0°, then raise it 15° at a time.",
            "At 0° both dev errors agree ({shifted_0:.0%}). As the angle grows the shifted dev "
            "error climbs — {shifted_15:.1%} at 15°, {shifted_error:.0%} at 45° — while the "
            "same-distribution one does not move ({dev_error:.0%}): that dev set would never "
            "warn you.",
            {"shift": "rotate", "angle": 45},
            (
                Claim("shifted_error", 0.0, ACCURACY, at={"angle": 0}, name="shifted_0"),
                Claim("dev_error", 0.0, ACCURACY, at={"angle": 0}, name="dev_0"),
                Claim("shifted_error", 0.025, 0.01, at={"angle": 15}, name="shifted_15"),
                Claim("shifted_error", 0.49, ACCURACY),
                Claim("dev_error", 0.0, ACCURACY),
            ),
        ),
        Experiment(
            "Choose shift = noise and set its noise to the training noise, then raise it.",
            "Equal noise is no shift at all ({shifted_same:.0%} shifted dev error, like the "
            "same-distribution dev set's {dev_error:.0%}). Noisier dev data costs errors even "
            "with the right boundary ({shifted_error:.0%} at noise 0.3) — some of them no "
            "model can avoid (Bayes error).",
            {"shift": "noise", "dnoise": 0.3},
            (
                Claim("shifted_error", 0.0, ACCURACY, at={"dnoise": 0.1}, name="shifted_same"),
                Claim("dev_error", 0.0, ACCURACY),
                Claim("shifted_error", 0.05, ACCURACY),
            ),
        ),
    ),
    "vanishing_gradients": (
        Experiment(
            "In part 1 move a from 1.5 to 1.0, then to 0.5; then raise L to 50.",
            "The blue line tilts from up to flat to down, and the red one mirrors it: 1.5^L "
            "explodes (×{forward:,.0f}), 0.5^L vanishes (×{vanished:.1e}), and only a = 1 "
            "keeps the signal (×{kept:.0f}). With 50 layers 1.5^L grows to ×{deeper:.1e}.",
            {"a": 1.5},
            (
                Claim("forward", 85_223, 850),
                Claim("forward", 1.0, 0.001, at={"a": 1.0}, name="kept"),
                Claim("backward", 1.0, 0.001, at={"a": 1.0}, name="kept_back"),
                Claim("forward", 3.7e-9, 0.04e-9, at={"a": 0.5}, name="vanished"),
                Claim("forward", 2.83e8, 0.03e8, at={"depth": 50}, name="deeper"),
            ),
        ),
        Experiment(
            "Switch the activation from relu to linear.",
            "With ReLU, He's line is the flattest (×{he_relu:.2f} per layer) and Xavier loses "
            "about a third per layer (×{xavier_relu:.2f}; ×1/√2 in theory); with g(z) = z it "
            "flips: Xavier is flat (×{xavier_forward:.2f}) and He grows ×√2 per layer "
            "(×{he_forward:.2f}). Var(W) has to match the activation.",
            {"act": "linear"},
            (
                Claim("he_forward", 0.92, 0.01, at={"act": "relu"}, name="he_relu"),
                Claim("xavier_forward", 0.65, 0.01, at={"act": "relu"}, name="xavier_relu"),
                Claim("xavier_forward", 1.0, 0.01),
                Claim("he_forward", 1.41, 0.01),
            ),
        ),
        Experiment(
            "Set the random init scale to 1, then 0.1, with ReLU and n = 16.",
            "Scale 1 is far above √(2/16) ≈ 0.35 and explodes (×{random_forward:.1f} per "
            "layer); 0.1 is below it and vanishes (×{scale_01:.2f}). Switch the gradient shown "
            "to dW: its lines are flat, but at very different heights.",
            {"act": "relu", "width": 16, "iscale": 1.0},
            (
                Claim("random_forward", 2.6, 0.05),
                Claim("random_forward", 0.26, 0.01, at={"iscale": 0.1}, name="scale_01"),
            ),
        ),
    ),
}
"""The experiments of each page, keyed by the page's url_path."""
