"""Speed of the two Week-2 optimizer pages' computations, against references in the same process.

1. Four 500-step optimizer paths (gd, momentum, RMSprop, Adam) on the elongated bowl, through
   the shared optimizers (``surfaces.race``). Target: < 50 ms. Reference: the bare update rules
   written inline for one 2-vector (no optimizer objects), the floor for a Python loop.
2. The 60 × 60 loss-landscape plane of the course's [2, 5, 2, 1] network on 300 moons: 3600
   networks in stacked chunks (``landscape.costs_of``). Target: < 1 s. Reference: the same plane
   by a Python loop over the points, one ``Network.forward`` each (``landscape.costs_of_loop``).
3. The animated contour figure of six 500-step paths: its JSON size. Target: well under 1 MB.

Prints a markdown table; each time is the best of several repeats (the least disturbed).
Run: ``python benchmarks/bench_surfaces.py`` (``--repeats 3`` for a quicker run).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from timing import best_time  # noqa: E402

from playground.topics.optimizers_network import loss_landscape as lands  # noqa: E402
from playground.topics.optimizers_network import race as network_race  # noqa: E402
from playground.topics.optimizers_surfaces.figures import race_contour  # noqa: E402
from playground.topics.optimizers_surfaces.model import page_values, race, surface_of  # noqa: E402

STEPS = 500


def inline_paths(values: dict) -> dict[str, np.ndarray]:
    """The same four paths with the update rules written out by hand for one 2-vector."""
    surface = surface_of(values)
    start = np.array([values["w1"], values["w2"]])
    beta, rms_beta, b1, b2, eps = (
        values["mom_beta"],
        values["rms_beta"],
        values["beta1"],
        values["beta2"],
        1e-8,
    )
    paths = {}
    for name in ("gd", "momentum", "rmsprop", "adam"):
        w, v, s = start.copy(), np.zeros(2), np.zeros(2)
        path = np.empty((STEPS + 1, 2))
        path[0] = w
        for t in range(1, STEPS + 1):
            g = np.array(surface.grad(w[0], w[1]))
            if name == "gd":
                w = w - values["gd_lr"] * g
            elif name == "momentum":
                v = beta * v + (1 - beta) * g
                w = w - values["mom_lr"] * v
            elif name == "rmsprop":
                s = rms_beta * s + (1 - rms_beta) * g * g
                w = w - values["rms_lr"] * g / (np.sqrt(s) + eps)
            else:
                v = b1 * v + (1 - b1) * g
                s = b2 * s + (1 - b2) * g * g
                w = w - values["adam_lr"] * (v / (1 - b1**t)) / (np.sqrt(s / (1 - b2**t)) + eps)
            path[t] = w
        paths[name] = path
    return paths


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=7)
    repeats = parser.parse_args().repeats

    values = page_values({"steps": STEPS})
    race_s, paths = best_time(lambda: race(values), repeats)
    inline_s, reference = best_time(lambda: inline_paths(values), repeats)
    for name, path in reference.items():
        np.testing.assert_allclose(paths[name], path, rtol=1e-9, atol=1e-12)

    course = network_race.page_values(network_race.COURSE_PRESET | {"epochs": 300})
    data = network_race.race_data(course)
    runs = network_race.make_runs(course, data)
    for run in runs.values():
        run.advance()
    trajectories = {name: run.trajectory() for name, run in runs.items()}
    net = runs["adam"].net
    theta_star = trajectories["adam"][-1]
    d1, d2, _ = lands.pca_directions(np.vstack(list(trajectories.values())), theta_star)
    axis = np.linspace(-1.0, 1.0, lands.RESOLUTION)
    points = lands.plane_points(theta_star, d1, d2, axis, axis)
    X, Y = data.X_train, data.Y_train
    plane_s, batched = best_time(lambda: lands.costs_of(net, X, Y, points), repeats)
    loop_s, looped = best_time(lambda: lands.costs_of_loop(net, X, Y, points), max(1, repeats // 2))
    np.testing.assert_allclose(batched, looped, rtol=1e-9)

    many = page_values({"steps": STEPS, "more": True})
    figure_size = len(race_contour(surface_of(many), race(many)).to_json())

    rows = [
        (
            f"4 optimizer paths × {STEPS} steps",
            f"{race_s * 1000:.1f} ms",
            f"inline update rules {inline_s * 1000:.1f} ms",
            f"{race_s / inline_s:.2f}× the inline loop",
            "< 50 ms " + ("ok" if race_s < 0.05 else "SLOW"),
        ),
        (
            f"landscape plane {lands.RESOLUTION}×{lands.RESOLUTION} ([2, 5, 2, 1], m = 300)",
            f"{plane_s * 1000:.1f} ms",
            f"loop of Network.forward {loop_s * 1000:.1f} ms",
            f"{loop_s / plane_s:.1f}× faster",
            "< 1 s " + ("ok" if plane_s < 1.0 else "SLOW"),
        ),
        (
            f"contour figure, 6 paths × {STEPS} steps",
            f"{figure_size / 1e6:.2f} MB JSON",
            "—",
            "—",
            "< 1 MB " + ("ok" if figure_size < 1e6 else "BIG"),
        ),
    ]
    print("| computation | this code | reference | ratio | target |\n|---|---|---|---|---|")
    for row in rows:
        print("| " + " | ".join(row) + " |")


if __name__ == "__main__":
    main()
