"""What the optimizers-on-the-network page says in words: who ends lowest, the results table,
the course's numbers next to this page's, and what the landscape plane shows."""

from __future__ import annotations

from playground.engine.racing import LABELS, describe
from playground.topics.optimizers_network.loss_landscape import Landscape
from playground.topics.optimizers_network.race import (
    COURSE_RESULTS,
    RaceResult,
    check_race_values,
    is_course_preset,
)


def race_report(results: list[RaceResult]) -> list[str]:
    """Markdown sentences: who ends with the lowest cost, how fast each halves its cost."""
    if not results:
        raise ValueError("results must hold at least one RaceResult")
    trained = [r for r in results if r.epochs > 0]
    if not trained:
        return ["Not trained yet: press **▶ Start** to train all four from the same weights."]
    best = min(trained, key=lambda r: r.final_cost)
    lines = [
        f"Lowest training cost after {best.epochs} epochs: **{LABELS[best.name]}**, "
        f"J = {best.final_cost:.3g} (train accuracy {best.train_accuracy:.1%}, dev "
        f"{best.dev_accuracy:.1%})."
    ]
    halves = [
        f"{LABELS[r.name]} {r.epochs_to_half}" if r.epochs_to_half else f"{LABELS[r.name]} not yet"
        for r in trained
    ]
    lines.append("Epochs to halve the first epoch's cost: " + ", ".join(halves) + ".")
    return lines


def result_rows(results: list[RaceResult], values: dict) -> list[dict[str, str]]:
    """One table row per run, as text: hyperparameters, epochs, final cost ("–" before the
    first epoch: there is no cost yet), accuracies."""
    values = check_race_values(values)
    return [
        {
            "optimizer": LABELS[r.name],
            "hyperparameters": describe(r.name, values),
            "epochs": str(r.epochs),
            "final training cost": f"{r.final_cost:.4g}" if r.epochs else "–",
            "train accuracy": f"{r.train_accuracy:.1%}",
            "dev accuracy": f"{r.dev_accuracy:.1%}",
        }
        for r in results
    ]


def course_lines(values: dict, results: list[RaceResult]) -> list[str]:
    """For the course's exercise: this page's train accuracy next to the notebook's."""
    version = is_course_preset(values)
    if version is None:
        return []
    lines = []
    for r in results:
        reported = COURSE_RESULTS[version].get(r.name)
        if reported is not None and r.epochs == version:
            lines.append(
                f"{LABELS[r.name]}: {r.train_accuracy:.4g} here, the notebook reports {reported:g}"
            )
    return lines


def landscape_report(result: Landscape) -> str:
    """What the landscape figure shows for this plane, in words."""
    if not isinstance(result, Landscape):
        raise ValueError(f"result must be a Landscape; got {type(result).__name__}")
    center = LABELS[result.center]
    origin = "θ*" if result.trained else "θ₀"
    if result.trained:
        text = (
            f"The plane passes through θ*, the final weights of **{center}** (J = "
            f"{result.center_cost:.3g} there), at a = b = 0. "
        )
    else:
        text = (
            f"Nothing trained yet: the plane passes through θ₀, the start all four share (J = "
            f"{result.center_cost:.3g} there), at a = b = 0; after a run it passes through "
            f"θ*, the final weights of **{center}**. "
        )
    if result.method == "pca":
        text += (
            "Its directions d₁, d₂ are the two along which the recorded weights of all four "
            f"runs moved most: the plane holds **{result.explained:.0%}** of their squared "
            "distance from θ*, so the drawn paths are "
            + ("close to the real ones." if result.explained >= 0.8 else "only rough shadows.")
            + " A path crossing contour lines uphill can still be going down: the rest of its "
            "motion is off the plane."
        )
    else:
        text += (
            "Its directions are random, filter-normalized (Li et al. 2018): a = 1 moves every "
            "unit's incoming weights by their own norm. Random directions show the shape of the "
            f"valley around {origin}, but the paths mostly move *outside* such a plane, so their "
            "projections say little."
        )
    return text + " Every optimizer starts at the same θ₀ (white circle)."


COURSE_NOTE = (
    "Same data (make_moons(300, noise=0.2) after np.random.seed(3) is RandomState(3)), same He "
    "weights (seed 3, layer by layer) and the very same mini-batches: the notebook sets seed = "
    "10 and adds 1 before each epoch's np.random.permutation, and epoch e here shuffles with "
    "RandomState(10 + e). So the costs match the notebook's printout digit for digit (e.g. "
    "gradient descent 0.702405 after the first epoch). Differences: this page also draws a dev "
    "set (m/3 points, seed 4) the notebook does not have, and races RMSprop as well."
)
"""How the course preset reproduces the notebook, and where it differs."""
