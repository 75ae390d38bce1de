"""Speed of the NumPy core, as ratios against references timed in the same process.

1. this core vs scikit-learn's MLPClassifier: same [2, 10, 5, 1] ReLU network, data, epochs,
   batch size and Adam settings (early stopping off, tol 0, no L2). Target: ≥ 3× faster.
2. this core vs a hand-fused NumPy loop for that one architecture (preallocated buffers, ``out=``
   everywhere, Adam on one flat vector): the floor for NumPy here. Target: within 1.25×.
3. a 200×200 decision-boundary evaluation (one batched forward pass). Target: < 20 ms.

Run: ``python benchmarks/bench_core.py`` (add ``--quick`` for a short smoke run).
"""

from __future__ import annotations

import argparse
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
from playground.engine.train import train  # noqa: E402
from playground.plotting.boundary import boundary_grid  # noqa: E402

LAYERS = [2, 10, 5, 1]
LEARNING_RATE = 0.01


def run_core(X, Y, epochs: int, batch_size: int | None) -> float:
    net = Network(LAYERS, seed=1)
    train(net, X, Y, make_optimizer("adam", LEARNING_RATE), epochs, batch_size=batch_size, seed=0)
    return float((net.predict(X) == Y).mean())


def run_sklearn(X, Y, epochs: int, batch_size: int | None) -> float:
    model = MLPClassifier(
        hidden_layer_sizes=tuple(LAYERS[1:-1]),
        activation="relu",
        solver="adam",
        alpha=0.0,
        batch_size=batch_size or X.shape[1],
        learning_rate_init=LEARNING_RATE,
        max_iter=epochs,
        shuffle=True,
        tol=0.0,
        n_iter_no_change=epochs + 1,
        early_stopping=False,
        random_state=1,
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        model.fit(X.T, Y.ravel())
    return float(model.score(X.T, Y.ravel()))


class FusedFloor:
    """Forward, cost, accuracy, backward and Adam for [2, 10, 5, 1] with no generality at all."""

    def __init__(self, seed: int = 1):
        rng = np.random.RandomState(seed)
        shapes = [(10, 2), (10, 1), (5, 10), (5, 1), (1, 5), (1, 1)]
        sizes = [r * c for r, c in shapes]
        self.theta, self.grad = np.zeros(sum(sizes)), np.zeros(sum(sizes))
        self.v, self.s, self.work = (np.zeros(sum(sizes)) for _ in range(3))
        offsets = np.cumsum([0, *sizes])
        self.W1, self.b1, self.W2, self.b2, self.W3, self.b3 = (
            self.theta[a:b].reshape(s)
            for a, b, s in zip(offsets[:-1], offsets[1:], shapes, strict=True)
        )
        self.dW1, self.db1, self.dW2, self.db2, self.dW3, self.db3 = (
            self.grad[a:b].reshape(s)
            for a, b, s in zip(offsets[:-1], offsets[1:], shapes, strict=True)
        )
        for W in (self.W1, self.W2, self.W3):
            W[...] = rng.randn(*W.shape) * np.sqrt(2.0 / W.shape[1])
        self.buffers: dict[int, dict[str, np.ndarray]] = {}
        self.t = 0

    def _buffers(self, m: int) -> dict[str, np.ndarray]:
        if m not in self.buffers:
            shapes = {
                "Z1": (10, m),
                "A1": (10, m),
                "Z2": (5, m),
                "A2": (5, m),
                "Z3": (1, m),
                "P": (1, m),
                "dA2": (5, m),
                "dA1": (10, m),
                "dZ3": (1, m),
            }
            bufs = {k: np.empty(s) for k, s in shapes.items()}
            bufs["mask2"], bufs["mask1"] = np.empty((5, m), bool), np.empty((10, m), bool)
            bufs["hit"] = np.empty((1, m), bool)
            self.buffers[m] = bufs
        return self.buffers[m]

    def step(self, X: np.ndarray, Y: np.ndarray, Yb: np.ndarray) -> tuple[float, int]:
        m = X.shape[1]
        b = self._buffers(m)
        Z1, A1, Z2, A2, Z3, P = b["Z1"], b["A1"], b["Z2"], b["A2"], b["Z3"], b["P"]
        np.dot(self.W1, X, out=Z1)
        Z1 += self.b1
        np.maximum(Z1, 0.0, out=A1)
        np.dot(self.W2, A1, out=Z2)
        Z2 += self.b2
        np.maximum(Z2, 0.0, out=A2)
        np.dot(self.W3, A2, out=Z3)
        Z3 += self.b3
        AL = Z3
        AL *= 0.5
        np.tanh(AL, out=AL)
        AL += 1.0
        AL *= 0.5
        np.subtract(1.0, AL, out=P)
        np.copyto(P, AL, where=Yb)
        np.maximum(P, 1e-15, out=P)
        np.log(P, out=P)
        cost = -P.mean()
        np.greater(AL, 0.5, out=b["hit"])
        correct = int(np.count_nonzero(b["hit"] == Yb))
        dZ3 = np.subtract(AL, Y, out=b["dZ3"])
        dZ3 *= 1.0 / m
        np.dot(dZ3, A2.T, out=self.dW3)
        np.sum(dZ3, axis=1, keepdims=True, out=self.db3)
        dA2 = np.dot(self.W3.T, dZ3, out=b["dA2"])
        np.greater(Z2, 0.0, out=b["mask2"])
        dA2 *= b["mask2"]
        np.dot(dA2, A1.T, out=self.dW2)
        np.sum(dA2, axis=1, keepdims=True, out=self.db2)
        dA1 = np.dot(self.W2.T, dA2, out=b["dA1"])
        np.greater(Z1, 0.0, out=b["mask1"])
        dA1 *= b["mask1"]
        np.dot(dA1, X.T, out=self.dW1)
        np.sum(dA1, axis=1, keepdims=True, out=self.db1)
        self._adam()
        return cost, correct

    def _adam(self, beta1=0.9, beta2=0.999, eps=1e-8) -> None:
        self.t += 1
        v, s, w, g = self.v, self.s, self.work, self.grad
        np.multiply(g, 1 - beta1, out=w)
        v *= beta1
        v += w
        np.multiply(g, g, out=w)
        w *= 1 - beta2
        s *= beta2
        s += w
        root_s = np.sqrt(1 - beta2**self.t)
        np.sqrt(s, out=w)
        w += eps * root_s
        np.divide(v, w, out=w)
        w *= LEARNING_RATE * root_s / (1 - beta1**self.t)
        self.theta -= w


def run_floor(X, Y, epochs: int, batch_size: int | None) -> float:
    floor = FusedFloor(seed=1)
    m = X.shape[1]
    batch = batch_size or m
    costs = []
    shuffler = np.random.RandomState()
    for epoch in range(1, epochs + 1):
        Xe, Ye = X, Y
        if batch < m:
            shuffler.seed(epoch)
            order = shuffler.permutation(m)
            Xe, Ye = X.take(order, axis=1), Y.take(order, axis=1)
        Yb = Ye == 1
        for begin in range(0, m, batch):
            end = begin + batch
            costs.append(floor.step(Xe[:, begin:end], Ye[:, begin:end], Yb[:, begin:end]))
    net = Network(LAYERS)
    net.params.flat[...] = floor.theta
    return float((net.predict(X) == Y).mean())


def bench_training(quick: bool) -> list[str]:
    rows = [
        "| data | batch | epochs | core s | sklearn s | floor s | sklearn/core | core/floor "
        "| acc core / sklearn / floor |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    repeats = 1 if quick else 3
    for m in (300, 1000):
        X, Y = make_dataset("moons", m, noise=0.2, seed=0)
        for batch_size, epochs in ((None, 1000), (64, 200)):
            epochs = epochs // 10 if quick else epochs
            args = (X, Y, epochs, batch_size)
            t_core, acc_core = best_time(partial(run_core, *args), repeats)
            t_sk, acc_sk = best_time(partial(run_sklearn, *args), repeats)
            t_floor, acc_floor = best_time(partial(run_floor, *args), repeats)
            rows.append(
                f"| moons {m} | {batch_size or 'full'} | {epochs} | {t_core:.3f} | {t_sk:.3f} | "
                f"{t_floor:.3f} | **{t_sk / t_core:.1f}×** | **{t_core / t_floor:.2f}×** | "
                f"{acc_core:.3f} / {acc_sk:.3f} / {acc_floor:.3f} |"
            )
            print(rows[-1], flush=True)
    return rows


def bench_boundary(quick: bool) -> str:
    X, Y = make_dataset("moons", 300, noise=0.2, seed=0)
    net = Network(LAYERS, seed=1)
    _, _, grid = boundary_grid(X, resolution=200)
    t_forward, _ = best_time(partial(net.forward, grid), 3 if quick else 20)
    row = f"200×200 decision-boundary forward pass: {t_forward * 1000:.1f} ms (target < 20 ms)"
    print(row, flush=True)
    return row


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a short smoke run")
    quick = parser.parse_args().quick
    print(f"numpy {np.__version__}; times are the best of several runs\n", flush=True)
    bench_training(quick)
    print()
    bench_boundary(quick)


if __name__ == "__main__":
    main()
