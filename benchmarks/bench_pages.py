"""Page rerun time measured with AppTest, excluding training.

For each page: open it, then change one widget several times and time each rerun; report the
median. The Home page (text and links only) is the reference: the ratio says what a page's
controls and figures add on top of Streamlit's own per-rerun cost. Target: < 300 ms per rerun.

Run: ``python benchmarks/bench_pages.py`` (``--reruns 5`` for a quicker run).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from playground.ui.run_panel import SPEED_KEY  # noqa: E402

PAGES = {
    "home": ("pages/home.py", None, False),
    "playground": ("pages/playground.py", ("slider", "noise", [0.1, 0.15, 0.2, 0.3]), False),
    "playground (trained)": ("pages/playground.py", ("toggle", "logcost", [True, False]), True),
    "train / dev / test": (
        "pages/splits.py",
        ("select_slider", "m", [1000, 1000000, 10000]),
        False,
    ),
    "bias and variance": ("pages/bias_variance.py", ("slider", "small", [3, 2]), False),
    "bias and variance (trained)": ("pages/bias_variance.py", ("slider", "small", [3, 2]), True),
    "regularization": ("pages/regularization.py", ("select_slider", "l2", [1.0, 3.0, 10.0]), False),
    "normalizing inputs": (
        "pages/normalization.py",
        ("select_slider", "lr", [0.3, 0.1, 1.0]),
        False,
    ),
    "vanishing gradients": (
        "pages/vanishing_gradients.py",
        ("slider", "a", [1.0, 0.5, 1.5]),
        False,
    ),
    "initialization": ("pages/initialization.py", ("slider", "noise", [0.1, 0.15, 0.2]), False),
    "gradient checking": (
        "pages/gradient_checking.py",
        ("select_slider", "epsilon", [1e-5, 1e-6, 1e-7, 1e-8]),
        False,
    ),
    "mini-batch": ("pages/minibatch.py", ("selectbox", "bs", ["8", "64", "16", "32"]), False),
    "ewma": ("pages/ewma.py", ("select_slider", "beta", [0.5, 0.8, 0.9, 0.98]), False),
    "optimizers on surfaces": (
        "pages/optimizers_surfaces.py",
        ("select_slider", "gd_lr", [0.05, 0.07, 0.03, 0.1]),
        False,
    ),
    "optimizers on the network (trained)": (
        "pages/optimizers_network.py",
        ("selectbox", "center", ["gd", "momentum", "rmsprop", "adam"]),
        True,
    ),
    "learning-rate decay": ("pages/lr_decay.py", ("select_slider", "lr", [0.3, 3.0, 1.0]), False),
    "saddles": ("pages/saddles.py", ("select_slider", "lr_gd", [0.03, 0.1, 0.3, 1.0]), False),
    "hyperparameter search": ("pages/search.py", ("slider", "rseed", [1, 2, 3, 4]), False),
    "pandas vs caviar": ("pages/pandas_caviar.py", ("select_slider", "speed", [1, 2, 10]), False),
    "batch norm (trained)": ("pages/batch_norm.py", ("slider", "zl", [1, 2, 3, 4]), True),
    "softmax (trained)": ("pages/softmax.py", ("slider", "pt", [1, 2, 3, 4]), True),
    "frameworks": ("pages/frameworks.py", ("select_slider", "jlr", [0.3, 0.01, 0.5, 0.1]), False),
}
"""page name → (file, (widget kind, key, values to cycle through) or None, press Start first)."""


def train_to_the_end(app: AppTest) -> None:
    """Press ▶ Start (playback at "max") and rerun, as the live view does, until the runs the
    run engine trains in its worker processes are done."""
    app.session_state[SPEED_KEY] = "max"
    app.button(key="start").click()
    app.run()
    while any(getattr(value, "ticking", False) for value in app.session_state.values()):
        time.sleep(0.05)
        app.run()


def rerun_times(page_file: str, widget: tuple | None, start: bool, reruns: int) -> list[float]:
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    app.run()
    if page_file != "pages/home.py":
        app.switch_page(page_file)
        app.run()
    if start:
        train_to_the_end(app)
    times = []
    for index in range(reruns):
        if widget is not None:
            kind, key, values = widget
            getattr(app, kind)(key=key).set_value(values[index % len(values)])
        start = time.perf_counter()
        app.run()
        times.append(time.perf_counter() - start)
        if app.exception:
            raise RuntimeError(f"{page_file}: {app.exception[0].message}")
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reruns", type=int, default=15)
    reruns = parser.parse_args().reruns
    medians = {
        name: statistics.median(rerun_times(file, widget, start, reruns))
        for name, (file, widget, start) in PAGES.items()
    }
    reference = medians["home"]
    print("| page | median rerun | × Home | target |\n|---|---|---|---|")
    for name, median in medians.items():
        verdict = "ok" if median < 0.3 else "SLOW"
        print(
            f"| {name} | {median * 1000:.0f} ms | {median / reference:.1f}× | < 300 ms {verdict} |"
        )


if __name__ == "__main__":
    main()
