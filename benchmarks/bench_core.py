"""Speed of the NumPy core, as ratios against references timed in the same process.

1. this core vs scikit-learn's MLPClassifier: same [2, 10, 5, 1] ReLU network, data, epochs,
   batch size and Adam settings (early stopping off, tol 0, no L2). Target: ≥ 3× faster.
2. this core vs a hand-fused NumPy loop for that one architecture (preallocated buffers, ``out=``
   everywhere, Adam on one flat vector): the floor for NumPy here. Target: within 1.25×.
3. the course's initialization exercise (circles 300, [2, 10, 5, 1], He init, batch gradient
   descent α = 0.01, 15 000 iterations), side by side: the course's own loop (parameters in a
   dict, forward_propagation, compute_loss every iteration, backward_propagation,
   update_parameters) vs this core's ``train()`` (recording every epoch, or at the rate of a
   500-point figure, ``record_rate``; without and with the dev set), the Initialization page's
   run (``InitRun``, He start, the course preset) and a hand-fused loop. Target: ``train()``
   recording at a figure's rate ≥ 1.5× faster than the course's loop.
4. a 200×200 decision-boundary evaluation (one batched forward pass). Target: < 20 ms.

Run: ``python benchmarks/bench_core.py`` (add ``--quick`` for a short smoke run, ``--only course``
for one section, ``--cpu`` to time the course section in CPU seconds on a busy machine).
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

from timing import CPU_CLOCK, best_time, best_times  # noqa: E402

from playground.engine.course_data import course_data  # noqa: E402
from playground.engine.data import make_dataset  # noqa: E402
from playground.engine.nn import Network  # noqa: E402
from playground.engine.optim import make_optimizer  # noqa: E402
from playground.engine.train import FIGURE_POINTS, record_rate, train  # noqa: E402
from playground.plotting.boundary import boundary_grid  # noqa: E402
from playground.topics.initialization.model import COURSE_PRESET, InitRun  # noqa: E402

LAYERS = [2, 10, 5, 1]
LEARNING_RATE = 0.01
COURSE_DIMS = [2, 10, 5, 1]
COURSE_ALPHA = 0.01
COURSE_ITERATIONS = 15_000


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
    """Forward, cost, accuracy, backward and Adam (or gradient descent, ``rule="gd"``) for
    [2, 10, 5, 1] with no generality at all."""

    def __init__(self, seed: int = 1, rule: str = "adam"):
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
        self.update = self._adam if rule == "adam" else self._gd

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
        self.update()
        return cost, correct

    def _gd(self) -> None:
        np.multiply(self.grad, COURSE_ALPHA, out=self.work)
        self.theta -= self.work

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


# ----------------------------------------------------------------- the course's initialization loop


def course_initialize_he(layers_dims: list[int]) -> dict[str, np.ndarray]:
    """initialize_parameters_he of the course's notebook: np.random.seed(3), W × √(2/n[l−1])."""
    rng = np.random.RandomState(3)
    parameters = {}
    for l in range(1, len(layers_dims)):
        parameters["W" + str(l)] = rng.randn(layers_dims[l], layers_dims[l - 1]) * np.sqrt(
            2.0 / layers_dims[l - 1]
        )
        parameters["b" + str(l)] = np.zeros((layers_dims[l], 1))
    return parameters


def course_sigmoid(x):
    return 1 / (1 + np.exp(-x))


def course_relu(x):
    return np.maximum(0, x)


def course_forward(X, parameters):
    """LINEAR → RELU → LINEAR → RELU → LINEAR → SIGMOID, as the notebook's init_utils."""
    W1, b1 = parameters["W1"], parameters["b1"]
    W2, b2 = parameters["W2"], parameters["b2"]
    W3, b3 = parameters["W3"], parameters["b3"]
    z1 = np.dot(W1, X) + b1
    a1 = course_relu(z1)
    z2 = np.dot(W2, a1) + b2
    a2 = course_relu(z2)
    z3 = np.dot(W3, a2) + b3
    a3 = course_sigmoid(z3)
    cache = (z1, a1, W1, b1, z2, a2, W2, b2, z3, a3, W3, b3)
    return a3, cache


def course_compute_loss(a3, Y):
    m = Y.shape[1]
    logprobs = np.multiply(-np.log(a3), Y) + np.multiply(-np.log(1 - a3), 1 - Y)
    return 1.0 / m * np.nansum(logprobs)


def course_backward(X, Y, cache):
    m = X.shape[1]
    (z1, a1, W1, b1, z2, a2, W2, b2, z3, a3, W3, b3) = cache
    dz3 = 1.0 / m * (a3 - Y)
    dW3 = np.dot(dz3, a2.T)
    db3 = np.sum(dz3, axis=1, keepdims=True)
    da2 = np.dot(W3.T, dz3)
    dz2 = np.multiply(da2, np.int64(a2 > 0))
    dW2 = np.dot(dz2, a1.T)
    db2 = np.sum(dz2, axis=1, keepdims=True)
    da1 = np.dot(W2.T, dz2)
    dz1 = np.multiply(da1, np.int64(a1 > 0))
    dW1 = np.dot(dz1, X.T)
    db1 = np.sum(dz1, axis=1, keepdims=True)
    return {"dz3": dz3, "dW3": dW3, "db3": db3, "da2": da2, "dz2": dz2, "dW2": dW2,
            "db2": db2, "da1": da1, "dz1": dz1, "dW1": dW1, "db1": db1}  # fmt: skip


def course_update(parameters, grads, learning_rate):
    L = len(parameters) // 2
    for k in range(L):
        parameters["W" + str(k + 1)] = (
            parameters["W" + str(k + 1)] - learning_rate * grads["dW" + str(k + 1)]
        )
        parameters["b" + str(k + 1)] = (
            parameters["b" + str(k + 1)] - learning_rate * grads["db" + str(k + 1)]
        )
    return parameters


def course_model(X, Y, iterations: int) -> dict[str, np.ndarray]:
    """The notebook's model(…, initialization="he"): the loss every iteration, kept every 1000."""
    parameters = course_initialize_he([X.shape[0], *COURSE_DIMS[1:]])
    costs = []
    for i in range(iterations):
        a3, cache = course_forward(X, parameters)
        cost = course_compute_loss(a3, Y)
        grads = course_backward(X, Y, cache)
        parameters = course_update(parameters, grads, COURSE_ALPHA)
        if i % 1000 == 0:
            costs.append(cost)
    return parameters


def fused_model(X, Y, iterations: int) -> Network:
    """``FusedFloor`` with gradient descent: the same steps with no generality at all."""
    floor = FusedFloor(seed=3, rule="gd")
    Yb = Y == 1
    for _ in range(iterations):
        floor.step(X, Y, Yb)
    net = Network(COURSE_DIMS)
    net.params.flat[...] = floor.theta
    return net


def core_model(X, Y, iterations: int, dev=None, record_every: int = 1) -> Network:
    """This core: the same network, start, data and steps through ``train()``."""
    net = Network(COURSE_DIMS, init="he", seed=3)
    X_dev, Y_dev = dev if dev else (None, None)
    optimizer = make_optimizer("gd", COURSE_ALPHA)
    train(net, X, Y, optimizer, iterations, X_dev=X_dev, Y_dev=Y_dev, record_every=record_every)
    return net


def page_model(data, iterations: int) -> Network:
    """The Initialization page's He run on the course preset (``InitRun``), trained to the end."""
    run = InitRun(COURSE_PRESET | {"epochs": iterations}, data, "he")
    run.advance()
    return run.net


def bench_course(quick: bool, cpu: bool = False, repeats: int = 5) -> list[str]:
    data = course_data("circles", 300, COURSE_PRESET["noise"], COURSE_PRESET["dseed"])
    X, Y = data.X_train, data.Y_train
    iterations = 1000 if quick else COURSE_ITERATIONS
    repeats = 1 if quick else repeats
    dev = (data.X_dev, data.Y_dev)
    k = record_rate(iterations)
    runs = {
        "the course's (dict, compute_loss every iteration)": partial(
            course_model, X, Y, iterations
        ),
        "core `train()`, recording every epoch": partial(core_model, X, Y, iterations),
        f"core `train(record_every={k})` (a {FIGURE_POINTS}-point figure)": partial(
            core_model, X, Y, iterations, None, k
        ),
        "core `train()` + dev set (100), every epoch": partial(core_model, X, Y, iterations, dev),
        f"core `train(record_every={k})` + dev set (100)": partial(
            core_model, X, Y, iterations, dev, k
        ),
        f"Initialization page's run (`InitRun`, he: every {k})": partial(
            page_model, data, iterations
        ),
        "hand-fused NumPy loop (`FusedFloor`, GD)": partial(fused_model, X, Y, iterations),
    }
    times = best_times(runs, repeats, **({"clock": CPU_CLOCK} if cpu else {}))
    t_course, parameters = next(iter(times.values()))
    keys = sorted(parameters)
    reference = np.concatenate([parameters[k].ravel() for k in keys])
    rows = [
        f"course's initialization exercise: circles 300, {COURSE_DIMS}, He, batch GD "
        f"α = {COURSE_ALPHA}, {iterations} iterations (each time the best of {repeats}, "
        f"taken in turns; {'CPU' if cpu else 'wall-clock'} seconds)",
        "",
        "| loop | s | × the course's loop | max abs(W − W_course) |",
        "|---|---|---|---|",
    ]
    for name, (seconds, result) in times.items():
        params = result if isinstance(result, dict) else result.params
        gap = np.abs(np.concatenate([params[k].ravel() for k in keys]) - reference).max()
        rows.append(f"| {name} | {seconds:.3f} | **{t_course / seconds:.2f}×** | {gap:.1e} |")
    print(*rows, sep="\n", flush=True)
    return rows


def bench_boundary(quick: bool) -> str:
    X, Y = make_dataset("moons", 300, noise=0.2, seed=0)
    net = Network(LAYERS, seed=1)
    _, _, grid = boundary_grid(X, resolution=200)
    t_forward, _ = best_time(partial(net.forward, grid), 3 if quick else 20)
    row = f"200×200 decision-boundary forward pass: {t_forward * 1000:.1f} ms (target < 20 ms)"
    print(row, flush=True)
    return row


SECTIONS = {"training": bench_training, "course": bench_course, "boundary": bench_boundary}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a short smoke run")
    parser.add_argument("--only", choices=SECTIONS, help="run one section only")
    parser.add_argument(
        "--cpu", action="store_true", help="course section: time in CPU seconds (a busy machine)"
    )
    parser.add_argument("--repeats", type=int, default=5, help="course section: best of how many")
    args = parser.parse_args()
    print(f"numpy {np.__version__}; times are the best of several runs", flush=True)
    for name, section in SECTIONS.items():
        if args.only in (None, name):
            print()
            if name == "course":
                bench_course(args.quick, args.cpu, args.repeats)
            else:
                section(args.quick)


if __name__ == "__main__":
    main()
