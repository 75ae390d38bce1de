"""The data of the course's notebooks: a training set and an independently drawn dev set, not
standardized, as the initialization and the optimization exercises draw them.

X_train, Y_train = make_dataset(ds, m, noise, seed=dseed) and X_dev, Y_dev =
make_dataset(ds, m // 3, noise, seed=dseed + 1). The initialization exercise is
``course_data("circles", 300, 0.05, 1)``: ``np.random.seed(1); make_circles(300, noise=.05)``
for training and ``np.random.seed(2); make_circles(100, noise=.05)`` for testing; the
optimization exercise's ``np.random.seed(3); make_moons(n_samples=300, noise=.2)`` is exactly
the training set of ``course_data("moons", 300, 0.2, 3)`` (sklearn draws from the global
RandomState seeded with 3, which equals RandomState(3)).
"""

from __future__ import annotations

from playground.engine.config import Setting, check_choice, check_int, check_range
from playground.engine.data import DATASETS, make_dataset
from playground.engine.experiment import Data

DEV_SHARE = 3
"""The dev set has m // 3 examples (the course: 300 train, 100 test)."""
DEV_SEED_OFFSET = 1
"""The dev set is drawn with seed dseed + 1 (the course: train seed 1, test seed 2)."""


def examples_setting(course: str) -> Setting:
    """The setting of the training set's size m; ``course`` says what the course's exercise
    uses ("the course: 300 and 100")."""
    return Setting(
        "m",
        "Training examples m",
        300,
        "int",
        low=50,
        high=2000,
        step=50,
        help=f"Examples in the training set; the dev set gets m/3 more ({course}).",
    )


def course_data(ds: str, m: int, noise: float, dseed: int) -> Data:
    """A training set of m examples and an independent dev set of m // 3, two classes.

    Parameters
    ----------
    ds : one of ``DATASETS`` (drawn with two classes).
    m : training examples, in [12, 20 000].
    noise : jitter of the points, in [0, 1].
    dseed : seed of the training set, in [0, 2**32 − 2]; the dev set uses dseed + 1.
    """
    check_choice("ds", ds, DATASETS)
    m = check_int("m", m, 4 * DEV_SHARE, 20_000)
    noise = check_range("noise", noise, 0.0, 1.0)
    dseed = check_int("dseed", dseed, 0, 2**32 - 2)
    X_train, Y_train = make_dataset(ds, m, noise, dseed)
    X_dev, Y_dev = make_dataset(ds, m // DEV_SHARE, noise, dseed + DEV_SEED_OFFSET)
    return Data(X_train, Y_train, X_dev, Y_dev, 2, ds)
