"""The page registry: one entry per page, read by app.py (navigation) and the Home page (links)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

PAGES_DIR = Path(__file__).resolve().parents[2] / "pages"


@dataclass(frozen=True)
class PageInfo:
    file: str
    title: str
    icon: str
    teaches: str

    @property
    def url_path(self) -> str:
        """The file's name: a URL that also works on a fresh server's first visit, when
        Streamlit still maps ``pages/<name>.py`` to ``/<name>`` (see ``page_setup``)."""
        return Path(self.file).stem

    @property
    def path(self) -> Path:
        return PAGES_DIR / self.file


SECTIONS: dict[str, list[PageInfo]] = {
    "Start": [
        PageInfo("home.py", "Home", "🏠", "What this app is and where to go."),
        PageInfo(
            "playground.py",
            "Playground",
            "🧪",
            "Every knob at once: data, network, regularization, optimizer — watch it train.",
        ),
    ],
    "Week 1 — Practical aspects": [
        PageInfo(
            "splits.py",
            "Train / dev / test sets",
            "✂️",
            "How to split data as it grows, and what a mismatched dev set does.",
        ),
        PageInfo(
            "bias_variance.py",
            "Bias and variance",
            "🎯",
            "Read train vs dev error, learning curves and model size; the basic recipe.",
        ),
        PageInfo(
            "regularization.py",
            "Regularization",
            "🧲",
            "L2, L1, dropout, data augmentation and early stopping, side by side.",
        ),
        PageInfo(
            "normalization.py",
            "Normalizing inputs",
            "📏",
            "Why standardized inputs make the cost round and gradient descent fast.",
        ),
        PageInfo(
            "vanishing_gradients.py",
            "Vanishing / exploding gradients",
            "🌋",
            "Signal and gradient norms through deep networks, and how init fixes them.",
        ),
        PageInfo(
            "initialization.py",
            "Initialization",
            "🎲",
            "Zeros, random × scale, Xavier and He on the course's circles exercise.",
        ),
        PageInfo(
            "gradient_checking.py",
            "Gradient checking",
            "🩺",
            "Two-sided differences, ε, and catching planted backprop bugs.",
        ),
    ],
    "Week 2 — Optimization": [
        PageInfo(
            "minibatch.py",
            "Mini-batch gradient descent",
            "🧺",
            "Batch vs mini-batch vs SGD: noisy costs, time per epoch, paths on the contour.",
        ),
        PageInfo(
            "ewma.py",
            "Exponentially weighted averages",
            "〰️",
            "β, the 1/(1 − β) window, and why bias correction matters early.",
        ),
        PageInfo(
            "optimizers_surfaces.py",
            "Optimizers on surfaces",
            "🗺️",
            "Gradient descent, momentum, RMSprop and Adam racing across test functions.",
        ),
        PageInfo(
            "optimizers_network.py",
            "Optimizers on the network",
            "🏁",
            "The same network trained with each optimizer, and its loss landscape.",
        ),
        PageInfo(
            "lr_decay.py",
            "Learning-rate decay",
            "📉",
            "Schedules for α, and why a decayed rate settles where a fixed one oscillates.",
        ),
        PageInfo(
            "saddles.py",
            "Local optima, saddles, plateaus",
            "🐴",
            "Why high-dimensional training meets saddles and plateaus, not bad minima.",
        ),
    ],
    "Week 3 — Tuning, batch norm, softmax": [
        PageInfo(
            "search.py",
            "Hyperparameter search",
            "🔎",
            "Grid vs random, log scales and coarse-to-fine, trained as one batched run.",
        ),
        PageInfo(
            "pandas_caviar.py",
            "Pandas vs caviar",
            "🐼",
            "Babysit one model, or train many in parallel and keep the best.",
        ),
        PageInfo(
            "batch_norm.py",
            "Batch normalization",
            "🧮",
            "Normalized hidden layers: faster, steadier training and train vs test mode.",
        ),
        PageInfo(
            "softmax.py",
            "Softmax",
            "🎨",
            "C classes: probability maps, the softmax loss and a worked example.",
        ),
        PageInfo(
            "frameworks.py",
            "Frameworks",
            "🧰",
            "Write only the forward cost; let the derivative be computed for you.",
        ),
    ],
}
"""Sections in course order. Pages whose file does not exist yet are left out everywhere."""


def sections() -> dict[str, list[PageInfo]]:
    """The sections with the pages that exist; empty sections are dropped."""
    existing = {
        section: [page for page in pages if page.path.exists()]
        for section, pages in SECTIONS.items()
    }
    return {section: pages for section, pages in existing.items() if pages}


def all_pages() -> list[PageInfo]:
    return [page for pages in sections().values() for page in pages]
