"""From a page's settings to data, a network, an optimizer and a run that trains in chunks.

The pages hold a ``Run`` in their session and call ``advance`` a little at a time, so training
shows progress and can be stopped between chunks. Everything here is pure NumPy and picklable.
"""

from __future__ import annotations

import functools
import math
import time
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from playground.engine.blas import one_blas_thread
from playground.engine.config import MAX_WORK
from playground.engine.data import MULTICLASS_DATASETS, CsvData, make_dataset, split, standardize
from playground.engine.nn import Network
from playground.engine.optim import Optimizer, make_optimizer
from playground.engine.schedules import Schedule, make_schedule
from playground.engine.train import History, StopReason, train

UNTRAINED_KEPT = 64
"""Untrained networks a process keeps for ``make_network`` to copy."""


@dataclass(frozen=True)
class Data:
    """A train/dev split ready for training, standardized with the training μ and σ if asked."""

    X_train: np.ndarray
    Y_train: np.ndarray
    X_dev: np.ndarray
    Y_dev: np.ndarray
    n_classes: int
    source: str

    @property
    def n_x(self) -> int:
        return self.X_train.shape[0]


def make_data(values: dict, csv: CsvData | None = None) -> Data:
    """Generate (or take the uploaded) data set, split it train/dev, optionally standardize."""
    if csv is not None:
        X, Y, source = csv.X, csv.Y, "uploaded CSV"
    else:
        n_classes = values["C"] if values["ds"] in MULTICLASS_DATASETS else 2
        X, Y = make_dataset(values["ds"], values["n"], values["noise"], values["dseed"], n_classes)
        source = values["ds"]
    dev = values["dev"] / 100
    parts = split(X, Y, (1.0 - dev, dev), seed=values["dseed"])
    X_train, X_dev = parts.X_train, parts.X_dev
    if values["std"]:
        X_train, X_dev, _, _ = standardize(X_train, X_dev)
    n_classes = int(Y.max()) + 1
    return Data(X_train, parts.Y_train, X_dev, parts.Y_dev, n_classes, source)


def hidden_layers(values: dict) -> list[int]:
    """[n^[1], …, n^[L-1]] from the "layers" count and the per-layer widths h1, h2, …."""
    return [values[f"h{l}"] for l in range(1, values["layers"] + 1)]


def make_network(values: dict, n_x: int, n_classes: int) -> Network:
    """The network the settings describe, for n_x inputs and C classes: a copy of the untrained
    network this process keeps for the same layers, activations, initialization and seed (a
    network is a function of them; copying one costs about half of making it, and every session
    of a class makes the same ones)."""
    n_out = 1 if n_classes == 2 else n_classes
    hidden = hidden_layers(values)
    return _untrained(
        (n_x, *hidden, n_out),
        values["act"],
        "sigmoid" if n_classes == 2 else "softmax",
        values["init"],
        values["iscale"],
        values["seed"],
        tuple(values[f"kp{l}"] for l in range(1, len(hidden) + 1)),
        values["bn"],
    ).copy()


@functools.lru_cache(maxsize=UNTRAINED_KEPT)
def _untrained(
    layer_dims: tuple[int, ...],
    hidden_activation: str,
    output: str,
    init: str,
    init_scale: float,
    seed: int,
    keep_probs: tuple[float, ...],
    batch_norm: bool,
) -> Network:
    """An untrained network, kept for ``make_network`` to copy (never handed out itself)."""
    return Network(
        list(layer_dims),
        hidden_activation=hidden_activation,
        output=output,
        init=init,
        init_scale=init_scale,
        seed=seed,
        keep_probs=list(keep_probs),
        batch_norm=batch_norm,
    )


def make_optimizer_from(values: dict) -> Optimizer:
    """The optimizer the settings name, with only the hyperparameters it uses."""
    name = values["opt"]
    hyper = {
        "gd": {},
        "momentum": {"beta": values["beta"]},
        "nesterov": {"beta": values["beta"]},
        "adagrad": {"epsilon": values["eps"]},
        "rmsprop": {"beta": values["rms_beta"], "epsilon": values["eps"]},
        "adam": {"beta1": values["beta1"], "beta2": values["beta2"], "epsilon": values["eps"]},
    }[name]
    return make_optimizer(name, values["lr"], **hyper)


def make_schedule_from(values: dict) -> Schedule | None:
    """The learning-rate schedule, or None for a constant rate."""
    if values["sched"] == "constant":
        return None
    keys = ("lr", "decay", "interval", "base", "k")
    return make_schedule(values["sched"], *(values[key] for key in keys))


def batch_size(values: dict) -> int | None:
    """The mini-batch size setting as the training loop takes it (None = full batch)."""
    return None if values["bs"] == "full" else int(values["bs"])


STEP_WORK = 1e4
"""The fixed cost of one update, in work units: NumPy's per-call overhead (≈ 60 µs a step) is
the time of about 10 000 example-weights, so a run of many small mini-batches costs more than
its examples × weights say."""
LAYER_STEP_WORK = 2e3
"""Each weight layer's share of one update: its forward and backward NumPy calls (≈ 9 µs a
layer measured with 4-unit layers and 8-example batches, whatever the depth)."""
BN_STEP_WORK = 1e4
"""Each batch-norm layer's extra share of one update: μ, σ², ẑ, z̃, the running averages and
their backward are a dozen more NumPy calls (≈ 50 µs a layer measured, 4–6× a plain layer's)."""
BN_UNIT_WORK = 6.0
"""Batch norm's element-wise work per example and normalized unit (centre, scale, shift and
their gradients: ≈ 30 ns, the time of about 6 example-weights)."""


def step_work(net: Network) -> float:
    """Work of one update besides its examples: ``STEP_WORK`` + L × ``LAYER_STEP_WORK``, plus
    (L − 1) × ``BN_STEP_WORK`` for the hidden layers' batch norm."""
    normed = net.L - 1 if net.batch_norm else 0
    return STEP_WORK + net.L * LAYER_STEP_WORK + normed * BN_STEP_WORK


def example_work(net: Network) -> float:
    """Work of one example in one epoch: its weights (all parameters), plus
    ``BN_UNIT_WORK`` × Σ_{l<L} n^[l] for the batch-normalized hidden units."""
    units = sum(net.layer_dims[1:-1]) if net.batch_norm else 0
    return net.params.flat.size + BN_UNIT_WORK * units


def run_work(epochs: int, m: int, net: Network, batch: int | None = None) -> float:
    """Work of a run, the unit of ``MAX_WORK``: epochs × (m × ``example_work`` + updates per
    epoch × ``step_work``), with ⌈m / batch⌉ updates per epoch (one for full batch).

    Without batch norm: epochs × (m × weights + updates × (``STEP_WORK`` + L ×
    ``LAYER_STEP_WORK``)).
    """
    updates = 1 if batch is None else math.ceil(m / batch)
    return float(epochs) * (m * example_work(net) + updates * step_work(net))


def check_work(work: float, what: str = "this run") -> None:
    """Raise a ValueError naming ``MAX_WORK`` if ``work`` (``run_work``, or the sum of the runs
    a page trains at once) is above it."""
    if work > MAX_WORK:
        raise ValueError(
            f"the work of {what}, epochs × (examples × weights + updates × per-update cost) "
            f"with batch norm's extra work counted, = {work:.2g} is more than this server allows "
            f"per run ({MAX_WORK:.0g}): use fewer epochs, examples, layers or units, or larger "
            "mini-batches"
        )


QUICK_WORK = 1e8
"""Work (epochs × examples × weights) that trains in about half a second: a page may train this
much as it opens; more waits for the learner's Start."""


LIVE_KEYS = ("lr", "l2", "l1")
"""Settings a run under way takes from the next epoch on, as TF Playground's learning and
regularization rates: everything else defines a different run."""


budget_clock = time.thread_time
"""The clock of a chunk's budget: CPU seconds of the training thread. On a busy server a wall
clock would cut chunks short while each redraw costs the same, so runs would crawl; a CPU budget
keeps the training-to-drawing ratio the same at any load (the chunk then takes longer to arrive)."""


class Run:
    """One training run of the settings ``values`` on ``data``, advanced a chunk at a time."""

    record_every = 1
    """``train(record_every=…)``: how often the history records the train accuracy, the dev
    values and the layer norms (1 = every epoch; a subclass whose figures draw fewer points
    may set more, without early stopping)."""

    def __init__(
        self,
        values: dict,
        data: Data,
        net: Network | None = None,
        optimizer: Optimizer | None = None,
    ):
        """``net`` and ``optimizer``: where a subclass starts from other than the network and
        optimizer the settings describe (``make_network``, ``make_optimizer_from``)."""
        self.values = dict(values)
        self.data = data
        self.net = make_network(values, data.n_x, data.n_classes) if net is None else net
        self.initial_net = self.net.copy()
        self.optimizer = make_optimizer_from(values) if optimizer is None else optimizer
        self.schedule = make_schedule_from(values)
        self.epochs = values["epochs"]
        self.history = History()
        self.seconds = 0.0
        check_work(self.work)

    @property
    def work(self) -> float:
        """``run_work`` of this run's epochs, training examples, network and mini-batch size."""
        m = self.data.X_train.shape[1]
        return run_work(self.epochs, m, self.net, batch_size(self.values))

    @property
    def done(self) -> bool:
        """True once the run completed, stopped early, diverged or was stopped by the user."""
        finished = self.history.last_epoch >= self.epochs
        return finished or self.history.stopped_reason != StopReason.COMPLETED

    @property
    def epoch(self) -> int:
        """Epochs trained so far."""
        return self.history.last_epoch

    def constant_parts(self) -> list:
        """What training never changes — the data and the untrained network — which the run
        engine's frames refer to instead of carrying."""
        return [self.data, self.initial_net]

    @property
    def progress(self) -> float:
        """Fraction of the run done, 0 … 1 (1 once it is done, even if it stopped early)."""
        return 1.0 if self.done else min(1.0, self.history.last_epoch / self.epochs)

    def advance(self, seconds: float = math.inf) -> None:
        """Train until the run is done or about ``seconds`` of this thread's CPU time were spent
        (``budget_clock``)."""
        self.train_until(self.epochs, seconds)

    def step(self) -> None:
        """Train exactly one more epoch (nothing once the run is done): ⏭ Step of the pages."""
        self.train_until(self.history.last_epoch + 1)

    def train_until(self, epoch: int, seconds: float = math.inf) -> None:
        """Train on up to epoch ``epoch`` (never past the run's ``epochs``), or until about
        ``seconds`` of this thread's CPU time were spent (``budget_clock``); nothing once the
        run is done. ``advance`` and ``step`` both come here."""
        epochs = min(epoch, self.epochs) - self.history.last_epoch
        if self.done or epochs < 1:
            return
        start = time.perf_counter()
        deadline = budget_clock() + seconds

        def within_budget(epoch: int, history: History) -> bool:
            return budget_clock() < deadline

        data = self.data
        train(
            self.net,
            data.X_train,
            data.Y_train,
            self.optimizer,
            epochs,
            batch_size=batch_size(self.values),
            lambd=self.values["l2"],
            l1=self.values["l1"],
            schedule=self.schedule,
            seed=self.values["seed"],
            X_dev=data.X_dev,
            Y_dev=data.Y_dev,
            early_stopping_patience=self.values["es"] or None,
            callback=within_budget,
            history=self.history,
            record_every=self.record_every,
        )
        if self.history.stopped_reason == StopReason.CANCELLED:  # our time budget, not the user
            self.history.stopped_reason, self.history.message = StopReason.COMPLETED, ""
        self.seconds += time.perf_counter() - start

    def apply(self, changes: dict) -> None:
        """Change settings of ``LIVE_KEYS`` mid-run, from the next epoch on: α (the schedule's
        α₀ too), λ of L2 and the L1 weight."""
        unknown = set(changes) - set(LIVE_KEYS)
        if unknown:
            raise ValueError(f"{sorted(unknown)} cannot change mid-run (only {LIVE_KEYS})")
        self.values.update(changes)
        if "lr" in changes:
            self.optimizer.learning_rate = self.values["lr"]
            self.schedule = make_schedule_from(self.values)

    def stop(self) -> None:
        """Stop for good: the history keeps every epoch trained so far."""
        if not self.done:
            self.history.stopped_reason = StopReason.CANCELLED
            self.history.message = f"Stopped by the user after epoch {self.history.last_epoch}."

    def errors(self) -> tuple[float, float]:
        """Train and dev error (1 − accuracy) of the current network in inference mode."""
        data = self.data
        train_error = float((self.net.predict(data.X_train) != data.Y_train).mean())
        dev_error = float((self.net.predict(data.X_dev) != data.Y_dev).mean())
        return train_error, dev_error


class OneThreadRun(Run):
    """A ``Run`` that trains with one BLAS thread (:mod:`playground.engine.blas`): the pages
    whose several runs train side by side with 64-unit layers or hundreds of augmented points,
    which extra BLAS threads made 10–40× slower on a loaded server."""

    def train_until(self, epoch: int, seconds: float = math.inf) -> None:
        with one_blas_thread():
            super().train_until(epoch, seconds)


class RecordingRun(Run):
    """A ``Run`` that pauses at the epochs ``record_at`` (set by the subclass) to ``record()``
    something — weights, a layer's activations — for the page to draw later. Training is the
    same as a plain ``Run``'s: it is only cut at those epochs."""

    record_at: Sequence[int] = ()

    def record(self) -> None:
        """Keep what the page needs about the network after ``history.last_epoch`` epochs."""
        raise NotImplementedError

    def train_until(self, epoch: int, seconds: float = math.inf) -> None:
        """``Run.train_until``, cut at every epoch of ``record_at`` to ``record()`` there (and at
        the run's last epoch); at least one chunk trains, however small ``seconds`` is."""
        deadline = budget_clock() + seconds
        end = min(epoch, self.epochs)
        first = True
        while not self.done and self.history.last_epoch < end:
            if not first and budget_clock() >= deadline:
                return
            first = False
            next_record = min(
                (e for e in self.record_at if e > self.history.last_epoch), default=end
            )
            super().train_until(min(next_record, end), deadline - budget_clock())
            reached = self.history.last_epoch
            completed = self.history.stopped_reason == StopReason.COMPLETED
            if completed and (reached in self.record_at or reached == self.epochs):
                self.record()


def outcome(run: Run) -> dict[str, object]:
    """What the pages show of one run: train and dev accuracy in inference mode, the first and
    last training cost, the epochs trained and how the run ended (``History.stopped_reason``)."""
    train_error, dev_error = run.errors()
    costs = run.history.train_cost
    return {
        "train": 1 - train_error,
        "dev": 1 - dev_error,
        "first_cost": costs[0] if costs else math.nan,
        "cost": costs[-1] if costs else math.nan,
        "epochs": run.history.last_epoch,
        "status": run.history.stopped_reason,
    }
