"""A search trained round by round: the first grid and/or random rounds, then coarse-to-fine
zooms around the best trials.

Trials are trained by ``playground.engine.tuning``: those that share layers, units and batch
size as one batched NumPy computation (a "group"). :class:`SearchRun` trains the groups one at
a time so a page can show progress and stop between groups, keeping the trials already trained.
Coarse to fine: :meth:`SearchRun.zoom_in` draws a new round in the box around the best trials of
the last pass, more densely.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import numpy as np

from playground.engine.config import check_choice, check_int, check_matrix, check_seed, seed_after
from playground.engine.search_space import BY_NAME, trial_rank
from playground.engine.tuning import (
    MAX_TRIALS,
    Base,
    Range,
    Trial,
    check_space,
    check_trials,
    groups,
    random_search,
    run_trials,
    train_group,
    zoom,
)
from playground.topics.search.sampling import distinct, sample
from playground.topics.search.settings import BACKENDS

MAX_ZOOMS = 3
"""Most coarse-to-fine rounds after the first search."""
ZOOM_TOP = 5
"""Zoom on the box around this many best trials of the previous round."""
ZOOM_MARGIN = 0.25
"""…widened by this share of its width on each side."""


@dataclass
class Round:
    """One batch of trials: the first grid or random search, or a coarse-to-fine zoom."""

    name: str
    space: tuple[Range, ...]
    configs: list[dict]
    plan: list[list[int]]
    """Trial indices by group (trials sharing layers, units and batch size), in training order."""
    first: int
    """Number of its first trial: trials are numbered 1, 2, … across all rounds."""
    trials: dict[int, Trial] = field(default_factory=dict)
    groups_done: int = 0

    @property
    def done(self) -> bool:
        return self.groups_done == len(self.plan)


@dataclass(frozen=True)
class Row:
    """One trained trial: its number, its round and its index in the round, and the outcome."""

    number: int
    round: str
    index: int
    trial: Trial


class SearchRun:
    """A search trained one group of trials at a time, so it can show progress and stop.

    Each round's trial i starts from seed ``base.trial_seed(i)`` and its groups are trained with
    ``playground.engine.tuning.train_group`` exactly as ``run_trials`` trains them, so a
    finished round holds the same trials as ``run_trials(round.configs, base, …)``. Each round
    is checked against the server's limits (``MAX_TRIALS``, ``MAX_WORK``) with
    ``check_trials``.

    With ``backend="dask"`` each ``advance`` sends a whole round to the dask.distributed
    scheduler at ``dask_address`` (or ``$PLAYGROUND_DASK_ADDRESS``) through ``run_trials``,
    whose workers train its groups in parallel: no progress within a round, the same trials.

    Parameters
    ----------
    space : sequence of Range
        The searched hyperparameters (validated by ``check_space``).
    base : Base
        What every trial shares unless the search varies it.
    X, Y, X_dev, Y_dev : ndarray
        Training examples X of shape (n_x, m) with labels Y of shape (1, m), and the dev set.
    names : sequence of str
        The first rounds' samplers, "grid" and/or "random", each with ``budget`` trials.
    budget : int
        Trials per round N, in [1, MAX_TRIALS].
    seed : int
        Seed of the random draws, in [0, 2³² − 1] (a zoom round draws with ``seed + number of
        rounds``, mod 2³²).
    backend : {"batched", "dask"}
        Where the groups train.
    dask_address : str, optional
        The Dask scheduler ("tcp://host:8786") for ``backend="dask"``.

    Raises
    ------
    ValueError
        If an argument is out of range or a round exceeds ``MAX_TRIALS`` or ``MAX_WORK``.
    """

    def __init__(
        self,
        space: Sequence[Range],
        base: Base,
        X: np.ndarray,
        Y: np.ndarray,
        X_dev: np.ndarray,
        Y_dev: np.ndarray,
        names: Sequence[str] = ("grid", "random"),
        budget: int = 25,
        seed: int = 0,
        backend: str = "batched",
        dask_address: str | None = None,
    ):
        check_choice("backend", backend, BACKENDS)
        self.backend, self.dask_address = backend, dask_address
        self.space = tuple(check_space(space))
        self.base = base
        self.X = check_matrix("X", X)
        self.X_dev = check_matrix("X_dev", X_dev, rows=self.X.shape[0])
        self.Y, self.Y_dev = np.asarray(Y), np.asarray(Y_dev)
        self.budget = check_int("budget", budget, 1, MAX_TRIALS)
        self.seed = check_seed("seed", seed)
        if not names:
            raise ValueError("names must list at least one sampler")
        self.rounds: list[Round] = []
        self.first_pass = len(names)
        for name in names:
            self._add_round(name, self.space, sample(self.space, name, self.budget, self.seed))
        self.stopped = False
        self.seconds = 0.0

    def _add_round(self, name: str, space: tuple[Range, ...], configs: list[dict]) -> Round:
        check_trials(configs, self.base, self.X, self.Y, self.Y_dev)
        plan = list(groups(configs, self.base).values())
        first = 1 + sum(len(r.configs) for r in self.rounds)
        self.rounds.append(Round(name, space, configs, plan, first))
        return self.rounds[-1]

    # -- progress -------------------------------------------------------------------------
    @property
    def n_trials(self) -> int:
        return sum(len(r.configs) for r in self.rounds)

    @property
    def trials_done(self) -> int:
        return sum(len(r.trials) for r in self.rounds)

    @property
    def n_groups(self) -> int:
        return sum(len(r.plan) for r in self.rounds)

    @property
    def groups_done(self) -> int:
        return sum(r.groups_done for r in self.rounds)

    @property
    def progress(self) -> float:
        """Share of the trials trained, 0 … 1."""
        return self.trials_done / self.n_trials

    @property
    def done(self) -> bool:
        """True once every group is trained or the search was stopped."""
        return self.stopped or all(r.done for r in self.rounds)

    def stop(self) -> None:
        """Stop for good: the trials already trained are kept."""
        self.stopped = True

    # -- the run engine's view of a search: its trials are its "epochs" ------------------
    @property
    def epochs(self) -> int:
        return self.n_trials

    @property
    def epoch(self) -> int:
        return self.trials_done

    def constant_parts(self) -> list:
        """What training never changes: the train and dev sets."""
        return [self.X, self.Y, self.X_dev, self.Y_dev]

    def train_until(self, epoch: int, seconds: float = math.inf) -> None:
        """Train groups until ``epoch`` trials are done or about ``seconds`` have passed (at
        least one group, which may go past ``epoch``)."""
        start = time.perf_counter()
        while not self.done and self.trials_done < epoch:
            self.advance(0.0)
            if time.perf_counter() - start >= seconds:
                return

    def advance(
        self, seconds: float = math.inf, on_epoch: Callable[[float], None] | None = None
    ) -> int:
        """Train groups one after another until done or ``seconds`` have passed (at least one
        group); return how many were trained. ``on_epoch(progress)`` is called after every
        epoch of a group with the search's share done so far (for a progress bar)."""
        start = time.perf_counter()
        trained = 0
        while not self.done and (trained == 0 or time.perf_counter() - start < seconds):
            round_ = next(r for r in self.rounds if not r.done)
            if self.backend == "dask":
                trained += self._round_on_dask(round_)
                continue
            indices = round_.plan[round_.groups_done]
            callback = self._reporter(len(indices), on_epoch)
            trials = train_group(
                [round_.configs[i] for i in indices],
                self.base,
                self.X,
                self.Y,
                self.X_dev,
                self.Y_dev,
                [self.base.trial_seed(i) for i in indices],
                callback,
            )
            round_.trials.update(zip(indices, trials, strict=True))
            round_.groups_done += 1
            trained += 1
        self.seconds += time.perf_counter() - start
        return trained

    def _round_on_dask(self, round_: Round) -> int:
        """Train the rest of ``round_`` on the Dask cluster; return how many groups that was."""
        left = [i for indices in round_.plan[round_.groups_done :] for i in indices]
        trials = run_trials(
            round_.configs,
            self.base,
            self.X,
            self.Y,
            self.X_dev,
            self.Y_dev,
            backend="dask",
            dask_address=self.dask_address,
        )
        round_.trials.update((i, trials[i]) for i in left)
        count = len(round_.plan) - round_.groups_done
        round_.groups_done = len(round_.plan)
        return count

    def _reporter(self, size: int, on_epoch: Callable[[float], None] | None) -> Callable | None:
        """The per-epoch callback of a group of ``size`` trials: reports the search's share."""
        if on_epoch is None:
            return None
        done_before, total, epochs = self.trials_done, self.n_trials, self.base.epochs

        def callback(epoch: int, history: object) -> None:
            on_epoch((done_before + size * epoch / epochs) / total)

        return callback

    # -- results --------------------------------------------------------------------------
    def rows(self) -> list[Row]:
        """Every trained trial, by number."""
        return [
            Row(r.first + i, r.name, i, r.trials[i]) for r in self.rounds for i in sorted(r.trials)
        ]

    def points(self, name: str) -> tuple[list[dict], np.ndarray, np.ndarray]:
        """Round ``name``'s configurations, their dev accuracy (NaN until trained) and whether
        each diverged."""
        round_ = self._round(name)
        n = len(round_.configs)
        accuracy, diverged = np.full(n, np.nan), np.zeros(n, dtype=bool)
        for i, trial in round_.trials.items():
            accuracy[i], diverged[i] = trial.dev_accuracy, trial.diverged
        return round_.configs, accuracy, diverged

    def best(self, rows: Sequence[Row] | None = None) -> Row | None:
        """The trial with the highest dev accuracy (ties: lowest dev cost), or None."""
        finished = [
            row for row in (self.rows() if rows is None else rows) if not row.trial.diverged
        ]
        if not finished:
            return None
        return min(finished, key=lambda row: trial_rank(row.trial))

    def row(self, number: int) -> Row:
        """The trained trial with this number."""
        for row in self.rows():
            if row.number == number:
                return row
        raise ValueError(f"number must be a trained trial's number; got {number}")

    def summary(self, name: str) -> dict:
        """For round ``name``: trials, trained, distinct learning rates, best trial (or None)."""
        round_ = self._round(name)
        rows = [row for row in self.rows() if row.round == name]
        return {
            "trials": len(round_.configs),
            "trained": len(round_.trials),
            "distinct_lr": distinct(round_.configs, "learning_rate"),
            "best": self.best(rows),
        }

    def _round(self, name: str) -> Round:
        check_choice("round", name, [r.name for r in self.rounds])
        return next(r for r in self.rounds if r.name == name)

    # -- coarse to fine -------------------------------------------------------------------
    @property
    def zooms(self) -> int:
        return len(self.rounds) - self.first_pass

    def last_pass(self) -> list[Round]:
        """The rounds a zoom starts from: the first grid/random rounds, then the last zoom."""
        return self.rounds[: self.first_pass] if self.zooms == 0 else self.rounds[-1:]

    @property
    def can_zoom(self) -> bool:
        """Done, fewer than ``MAX_ZOOMS`` zooms, and a finished trial to zoom in on."""
        finished = any(not t.diverged for r in self.last_pass() for t in r.trials.values())
        return self.done and self.zooms < MAX_ZOOMS and finished

    def zoom_in(self, top: int = ZOOM_TOP, margin: float = ZOOM_MARGIN) -> Round:
        """Add a round of random trials (same budget) in the box around the last pass's best.

        The box is ``playground.engine.tuning.zoom`` of the last pass's space and trials; its draws
        are seeded with ``seed + number of rounds`` (mod 2³²) so every round differs.
        """
        if self.zooms >= MAX_ZOOMS:
            raise ValueError(f"at most {MAX_ZOOMS} zoom rounds; press Start for a new search")
        rounds = self.last_pass()
        results = [t for r in rounds for t in r.trials.values()]
        box = tuple(zoom(rounds[0].space, results, top, margin))
        configs = random_search(box, self.budget, seed_after(self.seed, len(self.rounds)))
        round_ = self._add_round(f"zoom {self.zooms + 1}", box, configs)
        self.stopped = False
        return round_

    def boxes(self) -> list[tuple[Range, ...]]:
        """The space of every zoom round, in order."""
        return [r.space for r in self.rounds[self.first_pass :]]

    def table(self) -> dict[str, list]:
        """Every trained trial as columns: number, round, the searched values, the outcome;
        best dev accuracy first (ties: lowest dev cost)."""
        rows = sorted(self.rows(), key=lambda row: trial_rank(row.trial))
        columns: dict[str, list] = {"trial": [row.number for row in rows]}
        columns["round"] = [row.round for row in rows]
        for r in self.space:
            columns[BY_NAME[r.name].symbol] = [row.trial.config[r.name] for row in rows]
        columns["dev accuracy"] = [row.trial.dev_accuracy for row in rows]
        columns["train accuracy"] = [row.trial.train_accuracy for row in rows]
        columns["dev cost"] = [row.trial.dev_cost for row in rows]
        columns["diverged"] = [row.trial.diverged for row in rows]
        return columns
