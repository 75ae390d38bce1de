"""Speed of a hyperparameter search: 64 models trained as one batched NumPy computation vs 64
separate fits, timed in the same process and reported as ratios.

The search: learning rate α on a log grid 1e-4 … 1 (8 values) × L2 λ (8 values, 0 … 10) on
moons (400 training points, 200 dev points, noise 0.2), a ReLU network with two hidden layers
of 10 units, Adam (β₁ 0.9, β₂ 0.999, ε 1e-8), mini-batches of 64, the same number of epochs for
every trial (100; ``--quick``: 20).

1. ``run_trials`` with the "batched" backend: the 64 trials share the architecture, so they are
   one group trained together (weights stacked along a leading K = 64 axis).
2. 64 sequential scikit-learn ``MLPClassifier`` fits of the same size, epochs, batch size and
   solver (early stopping off, tol 0, n_iter_no_change > epochs). Target: batched ≥ 10× faster.
3. 64 sequential runs of this core's single ``Network`` + ``train`` (what the batched run must
   reproduce model by model; the benchmark checks that it does).

The architecture is [2, 10, 10, 1] rather than bench_core's [2, 10, 5, 1]: a search space in
``playground.tuning`` gives every hidden layer the same number of units.

L2 mapping: this core's cost adds λ/(2m) Σ‖W_l‖²_F with m the mini-batch size (gradient
+ (λ/m) W_l). scikit-learn's ``_backprop`` adds (0.5 · alpha) Σ‖W‖² / n_samples to the loss and
``_compute_loss_grad`` uses (dZᵀA + alpha · W) / n_samples, where n_samples is also the size of
the current mini-batch (the sum of its sample weights). So alpha = λ exactly (not λ/m); neither
penalizes the biases.

Run: ``python benchmarks/bench_tuning.py`` (add ``--quick`` for a short smoke run).
"""

from __future__ import annotations

import argparse
import itertools
import os
import sys
import warnings
from functools import partial
from pathlib import Path

import numpy as np
from sklearn.exceptions import ConvergenceWarning
from sklearn.neural_network import MLPClassifier

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from timing import best_time  # noqa: E402

from playground.engine.data import make_dataset  # noqa: E402
from playground.engine.nn import Network  # noqa: E402
from playground.engine.optim import make_optimizer  # noqa: E402
from playground.engine.train import StopReason, train  # noqa: E402
from playground.engine.tuning import Base, run_trials  # noqa: E402

LEARNING_RATES = np.logspace(-4, 0, 8).tolist()
LAMBDAS = [0.0, 0.01, 0.03, 0.1, 0.3, 1.0, 3.0, 10.0]
HIDDEN, LAYERS, BATCH = 10, 2, 64


def data():
    X, Y = make_dataset("moons", 400, noise=0.2, seed=0)
    X_dev, Y_dev = make_dataset("moons", 200, noise=0.2, seed=1)
    return X, Y, X_dev, Y_dev


def search() -> list[dict]:
    return [
        {"learning_rate": lr, "lambd": lambd}
        for lr, lambd in itertools.product(LEARNING_RATES, LAMBDAS)
    ]


def run_batched(configs, base, X, Y, X_dev, Y_dev):
    trials = run_trials(configs, base, X, Y, X_dev, Y_dev)
    return [t.dev_accuracy for t in trials], [t.dev_cost for t in trials]


def run_sklearn(configs, base, X, Y, X_dev, Y_dev):
    accuracies = []
    for k, config in enumerate(configs):
        model = MLPClassifier(
            hidden_layer_sizes=(HIDDEN,) * LAYERS,
            activation="relu",
            solver="adam",
            alpha=config["lambd"],  # = λ: both divide the L2 term by the mini-batch size
            batch_size=BATCH,
            learning_rate_init=config["learning_rate"],
            beta_1=0.9,
            beta_2=0.999,
            epsilon=1e-8,
            max_iter=base.epochs,
            shuffle=True,
            tol=0.0,
            n_iter_no_change=base.epochs + 1,
            early_stopping=False,
            random_state=base.seed + k,
        )
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ConvergenceWarning)
            warnings.simplefilter("ignore", RuntimeWarning)
            model.fit(X.T, Y.ravel())
        accuracies.append(float(model.score(X_dev.T, Y_dev.ravel())))
    return accuracies, None


def run_core(configs, base, X, Y, X_dev, Y_dev):
    """Trial k alone: Network(seed = base.seed + k), as run_trials seeds the k-th model."""
    accuracies, costs = [], []
    for k, config in enumerate(configs):
        net = Network([X.shape[0]] + [HIDDEN] * LAYERS + [1], seed=base.seed + k)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)
            history = train(
                net,
                X,
                Y,
                make_optimizer("adam", config["learning_rate"]),
                base.epochs,
                batch_size=BATCH,
                lambd=config["lambd"],
                seed=base.seed,
                X_dev=X_dev,
                Y_dev=Y_dev,
            )
        done = history.stopped_reason == StopReason.COMPLETED
        accuracies.append(history.dev_accuracy[-1] if done else 0.0)
        costs.append(history.dev_cost[-1] if done else np.nan)
    return accuracies, costs


def row(name, groups, seconds, reference, accuracies, ratio_name="") -> str:
    ratio = f"**{seconds / reference:.1f}×** {ratio_name}" if ratio_name else "1.0×"
    return f"| {name} | {groups} | {seconds:.2f} | {ratio} | {max(accuracies):.3f} |"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a short smoke run")
    quick = parser.parse_args().quick
    epochs = 20 if quick else 100
    repeats = 1 if quick else 3
    X, Y, X_dev, Y_dev = data()
    base = Base(
        optimizer="adam", epochs=epochs, batch_size=BATCH, hidden_units=HIDDEN, layers=LAYERS
    )
    configs = search()
    args = (configs, base, X, Y, X_dev, Y_dev)
    print(
        f"numpy {np.__version__}; {len(configs)} trials, {epochs} epochs, batch {BATCH}, "
        f"moons {X.shape[1]} train / {X_dev.shape[1]} dev; {os.cpu_count()} CPUs; "
        f"the batched row is the best of {repeats} runs, the sequential rows 1 run\n",
        flush=True,
    )
    t_batched, (acc_batched, cost_batched) = best_time(partial(run_batched, *args), repeats)
    t_sklearn, (acc_sklearn, _) = best_time(partial(run_sklearn, *args))
    t_core, (acc_core, cost_core) = best_time(partial(run_core, *args))

    rows = [
        "| method | groups | wall s | time / batched | best dev acc |",
        "|---|---|---|---|---|",
        row("`run_trials` batched, 64 models at once", 1, t_batched, t_batched, acc_batched),
        row(
            "scikit-learn `MLPClassifier` × 64",
            "–",
            t_sklearn,
            t_batched,
            acc_sklearn,
            "sklearn / batched",
        ),
        row(
            "core `Network` + `train` × 64",
            "–",
            t_core,
            t_batched,
            acc_core,
            "sequential core / batched",
        ),
    ]
    print("\n".join(rows))
    speedup = t_sklearn / t_batched
    print(
        f"\nbatched vs scikit-learn: {speedup:.1f}× faster "
        f"({'meets' if speedup >= 10 else 'BELOW'} the ≥ 10× target); "
        f"vs the sequential core: {t_core / t_batched:.1f}× faster"
    )
    # Rounding differs between a stacked and a single matmul; with α = 1 those last-bit
    # differences can grow over hundreds of Adam steps, elsewhere they stay ~1e-13.
    same_accuracy = sum(a == b for a, b in zip(acc_batched, acc_core, strict=True))
    relative = np.abs(np.subtract(cost_batched, cost_core)) / np.abs(cost_core)
    worst = int(np.nanargmax(relative))
    print(
        f"batched vs sequential core, trial by trial: same dev accuracy in {same_accuracy}/"
        f"{len(configs)} trials; largest relative |Δ dev cost| {relative[worst]:.1e} "
        f"(α = {configs[worst]['learning_rate']:g}, λ = {configs[worst]['lambd']:g}); "
        f"diverged trials: {sum(a == 0.0 for a in acc_batched)}"
    )
    best = int(np.argmax(acc_batched))
    print(f"best batched trial: {configs[best]} → dev accuracy {acc_batched[best]:.3f}")


if __name__ == "__main__":
    main()
