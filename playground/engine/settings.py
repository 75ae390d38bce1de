"""The declared settings of the training pages: one ``Setting`` per knob, grouped by topic.

Each key is also the URL query parameter, so ``?ds=moons&lr=0.1`` opens a page with those values.
The UI builds widgets from these declarations and the core validates with them; nothing else
repeats a default, a range or a label.
"""

from __future__ import annotations

from playground.engine.config import MAX_EPOCHS, Setting, settings_by_key
from playground.engine.data import DATASETS
from playground.engine.nn import INITIALIZATIONS
from playground.engine.optim import OPTIMIZERS
from playground.engine.schedules import SCHEDULES

MAX_HIDDEN_LAYERS = 6
"""Hidden layers offered on the training pages (deeper nets live on the vanishing-gradient page)."""
MAX_HIDDEN_UNITS = 64

MAX_SEED = 100
"""Seeds offered in the UI: plenty for a class, and a slider reads well on a projector."""
EPOCHS = (10, 20, 40, 50, 100, 200, 300, 500, 1000, 2000, 3000, 5000, 10000, 15000, MAX_EPOCHS)
LOG_RATES = (0.0001, 0.0003, 0.001, 0.003, 0.01, 0.03, 0.1, 0.2, 0.3, 1.0, 3.0, 10.0)
"""α on a 1-3-10 log grid, plus the lecture's α₀ = 0.2 (its learning-rate decay example)."""
BETAS = (0.0, 0.5, 0.8, 0.9, 0.95, 0.98, 0.99, 0.999)
"""The β of an exponentially weighted average (momentum's β, RMSprop's β₂)."""
LAMBDAS = (0.0, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 0.7, 1.0, 3.0, 10.0, 30.0)

DATA = (
    Setting(
        "ds",
        "Data set",
        "circles",
        "choice",
        options=tuple(DATASETS),
        help="Which 2-D data set to learn. Upload a CSV below to use your own.",
    ),
    Setting(
        "noise",
        "Noise",
        0.05,
        low=0.0,
        high=0.5,
        step=0.01,
        help="How much the points are jittered: more noise, more overlap between classes.",
    ),
    Setting(
        "n",
        "Examples",
        400,
        "int",
        low=50,
        high=5000,
        step=50,
        help="Number of examples m before the train/dev split.",
    ),
    Setting(
        "C",
        "Classes",
        3,
        "int",
        low=2,
        high=6,
        step=1,
        help="Number of classes C (spiral and gaussians only; uses a softmax output).",
    ),
    Setting(
        "dev",
        "Dev set %",
        30,
        "int",
        low=10,
        high=50,
        step=5,
        help="Share of the examples held out as the dev set.",
    ),
    Setting(
        "std",
        "Standardize inputs",
        True,
        "bool",
        help="x := (x − μ)/σ with the training set's μ and σ (also applied to the dev set).",
    ),
    Setting(
        "dseed",
        "Data seed",
        0,
        "int",
        low=0,
        high=MAX_SEED,
        step=1,
        help="Seed of the data set and of the train/dev split.",
    ),
)

NETWORK = (
    Setting(
        "layers",
        "Hidden layers",
        2,
        "int",
        low=0,
        high=MAX_HIDDEN_LAYERS,
        step=1,
        help="0 hidden layers is logistic (or softmax) regression.",
    ),
    *(
        Setting(
            f"h{l}",
            f"Units in layer {l}",
            width,
            "int",
            low=1,
            high=MAX_HIDDEN_UNITS,
            step=1,
            help=f"n^[{l}], the number of units of hidden layer {l}.",
        )
        for l, width in zip(range(1, MAX_HIDDEN_LAYERS + 1), (10, 5, 5, 5, 5, 5), strict=True)
    ),
    Setting(
        "act",
        "Activation",
        "relu",
        "choice",
        options=("relu", "leaky_relu", "tanh", "sigmoid"),
        help="g(z) of the hidden layers.",
    ),
    Setting(
        "init",
        "Initialization",
        "he",
        "choice",
        options=tuple(INITIALIZATIONS),
        help="How W is drawn: randn(n_l, n_{l-1}) × scale.",
    ),
    Setting(
        "iscale",
        "Random init scale",
        0.01,
        options=(0.001, 0.01, 0.1, 0.5, 1.0, 2.0, 5.0, 10.0, 50.0),
        help="The scale of init = random (the course's bad example uses 10).",
    ),
)

REGULARIZATION = (
    Setting(
        "l2",
        "L2 λ",
        0.0,
        options=LAMBDAS,
        help="Adds λ/(2b)·Σ‖W‖² to the cost of each mini-batch of b examples (b = m with full "
        "batches): weight decay W := (1 − αλ/b) W − α dW every step, so the smaller the batch, the "
        "more W shrinks per epoch.",
    ),
    Setting(
        "l1",
        "L1 λ₁",
        0.0,
        options=LAMBDAS,
        help="Adds λ₁/(2b)·Σ|W| to each mini-batch's cost: every step pulls each weight towards "
        "0 by the same amount, so many end near zero (sparsity) — near, not exactly 0.",
    ),
    *(
        Setting(
            f"kp{l}",
            f"keep_prob layer {l}",
            1.0,
            low=0.1,
            high=1.0,
            step=0.05,
            help=f"Inverted dropout: keep each unit of hidden layer {l} with this chance.",
        )
        for l in range(1, MAX_HIDDEN_LAYERS + 1)
    ),
    Setting(
        "bn",
        "Batch norm",
        False,
        "bool",
        help="Normalize each hidden layer's Z with the mini-batch mean and variance, then scale "
        "and shift it by the learned parameters γ^[l], β^[l] (this β is not momentum's).",
    ),
    Setting(
        "es",
        "Early stopping patience",
        0,
        "int",
        low=0,
        high=1000,
        step=10,
        help="Stop after this many epochs without a better dev cost (0 = off).",
    ),
)

OPTIMIZER = (
    Setting(
        "opt",
        "Optimizer",
        "adam",
        "choice",
        options=tuple(OPTIMIZERS),
        help="The update rule applied to every W and b.",
    ),
    Setting(
        "lr", "Learning rate α", 0.01, options=LOG_RATES, help="The step size α (on a log scale)."
    ),
    Setting(
        "beta",
        "β (momentum)",
        0.9,
        options=BETAS,
        help="Momentum's β: v = βv + (1 − β) dW averages about the last 1/(1 − β) gradients "
        "(Nesterov's too). Not batch norm's β, which is a learned shift.",
    ),
    Setting(
        "rms_beta",
        "β₂ (RMSprop)",
        0.9,
        options=BETAS,
        help="RMSprop's β₂ (the lecture's name for it): s = β₂ s + (1 − β₂) dW² averages the "
        "squared gradients RMSprop divides by.",
    ),
    Setting(
        "beta1",
        "β₁ (Adam)",
        0.9,
        options=(0.0, 0.5, 0.8, 0.9, 0.95, 0.99),
        help="Adam's momentum term: v = β₁ v + (1 − β₁) dW.",
    ),
    Setting(
        "beta2",
        "β₂ (Adam)",
        0.999,
        options=(0.9, 0.99, 0.999, 0.9999),
        help="Adam's RMSprop term: s = β₂ s + (1 − β₂) dW².",
    ),
    Setting(
        "eps",
        "ε",
        1e-8,
        options=(1e-8, 1e-6, 1e-4, 1e-2),
        help="Added to √s so the step never divides by zero.",
    ),
    Setting(
        "sched",
        "Learning-rate decay",
        "constant",
        "choice",
        options=tuple(name for name in SCHEDULES if name != "piecewise"),
        help="How α changes with the epoch number.",
    ),
    Setting(
        "decay",
        "Decay rate",
        0.01,
        options=(0.0001, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1.0),
        help="decay_rate of the inverse-time and staircase schedules: "
        "α = α₀ / (1 + decay_rate · epoch_num), epoch_num = 1, 2, … (larger: α falls faster).",
    ),
    Setting(
        "k",
        "k (inverse-√ decay)",
        1.0,
        options=(0.1, 0.2, 0.5, 1.0, 2.0),
        help="α = k / √epoch_num · α₀, epoch_num = 1, 2, …: k = 1 starts at α₀; a larger k "
        "gives a larger α.",
    ),
    Setting(
        "interval",
        "Staircase interval",
        100,
        "int",
        options=(10, 20, 50, 100, 200, 500, 1000, 2000, 5000),
        help="Epochs per step of the staircase schedule.",
    ),
    Setting(
        "base",
        "Exponential base",
        0.99,
        options=(0.9, 0.95, 0.99, 0.995, 0.999),
        help="α is multiplied by this every epoch.",
    ),
)

TRAINING = (
    Setting(
        "bs",
        "Mini-batch size",
        "32",
        "choice",
        options=("full", "1", "8", "16", "32", "64", "128", "256", "512"),
        help="Examples per gradient step (full = all m: batch gradient descent; 1 = SGD).",
    ),
    Setting(
        "epochs",
        "Epochs",
        300,
        "int",
        options=EPOCHS,
        help="Passes over the training set.",
    ),
    Setting(
        "seed",
        "Seed",
        1,
        "int",
        low=0,
        high=MAX_SEED,
        step=1,
        help="Seeds the initialization, the shuffling and the dropout masks.",
    ),
)

ALL = settings_by_key(*DATA, *NETWORK, *REGULARIZATION, *OPTIMIZER, *TRAINING)
"""Every training setting by key."""
