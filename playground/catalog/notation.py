"""The notation legend: each symbol of the course with the widgets that set it, on every page.

A symbol declares its TeX, what it means and how to recognise its widgets: a pattern on the
widget's label (``Learning rate α``, ``keep_prob layer 2``, ``Units in layer 1``). The widgets
themselves — label and URL key — are read from the topics' settings tables
(``TOPIC.settings``), never copied, so a new page's α slider joins the legend by itself.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from playground.catalog import TOPICS


@dataclass(frozen=True)
class Symbol:
    """One symbol of the course: ``tex`` (KaTeX, without dollars), what it ``means``, and
    ``label``, a regular expression matched against widget labels (empty: no widget sets it,
    the network learns it or the course only names it)."""

    tex: str
    means: str
    label: str = ""


@dataclass(frozen=True)
class Widget:
    """A widget of the app: its URL key and the labels it carries on the pages that draw it."""

    key: str
    labels: tuple[str, ...]


SYMBOLS: tuple[Symbol, ...] = (
    Symbol(
        "J",
        r"the cost $J = \frac{1}{m}\sum_i \mathcal{L}(\hat y^{(i)}, y^{(i)})$ "
        "(+ the regularization term)",
        r"J\(",
    ),
    Symbol(
        r"W^{[l]}",
        r"the weights of layer $l$, shape $(n^{[l]}, n^{[l-1]})$; learned — these widgets set "
        "how they start",
        r"^Initialization$|init scale|Identity scale",
    ),
    Symbol(r"b^{[l]}", r"the biases of layer $l$, shape $(n^{[l]}, 1)$; learned, they start at 0"),
    Symbol(r"\alpha", r"the learning rate: $W := W - \alpha\, dW$", r"α"),
    Symbol(
        r"\beta",
        r"momentum's and an EWMA's $\beta$: $v = \beta v + (1 - \beta)\theta$ averages about "
        r"$1/(1 - \beta)$ values",
        r"β(?![₁₂])",
    ),
    Symbol(r"\beta_1", r"Adam's first moment (momentum), usually $0.9$", r"β₁"),
    Symbol(r"\beta_2", r"RMSprop's and Adam's second moment, usually $0.999$", r"β₂"),
    Symbol(
        r"\varepsilon",
        r"RMSprop's and Adam's $\sqrt{s} + \varepsilon$ ($10^{-8}$); in gradient checking, "
        r"the nudge $\theta \pm \varepsilon$",
        r"ε",
    ),
    Symbol(
        r"\lambda",
        r"the L2 strength: $J + \frac{\lambda}{2m}\sum_l \lVert W^{[l]} \rVert_F^2$",
        r"λ",
    ),
    Symbol(
        r"\text{keep\_prob}", "inverted dropout: the probability that a unit is kept", r"keep_prob"
    ),
    Symbol(
        r"\gamma,\ \beta",
        r"batch norm's learned scale and shift: $\tilde{z} = \gamma z_{norm} + \beta$ "
        "(not momentum's β)",
        r"^Batch norm$",
    ),
    Symbol(
        "t",
        r"the step count: day $t$ of an EWMA, iteration $t$ of Adam's $1 - \beta^t$",
        r"^Days$|^Steps$|descent steps$",
    ),
    Symbol("m", "the number of training examples (a mini-batch holds fewer)", r"\bm$|^Examples$"),
    Symbol(
        r"n^{[l]}",
        r"the number of units in layer $l$ ($n^{[0]} = n_x$, the input features)",
        r"[Uu]nits",
    ),
    Symbol(
        "L", "the number of layers (hidden layers + the output layer)", r"\bL$|[Hh]idden layers"
    ),
    Symbol(
        r"\theta",
        r"all of $W^{[1]}, b^{[1]}, \dots, W^{[L]}, b^{[L]}$ as one vector (gradient checking)",
        r"θ",
    ),
)
"""The course's symbols, in the order the course introduces them."""


def all_widgets() -> dict[str, Widget]:
    """Every setting of every topic by URL key, with the distinct labels it carries."""
    labels: dict[str, list[str]] = {}
    for topic in TOPICS.values():
        for key, setting in topic.page_settings().items():
            shown = labels.setdefault(key, [])
            if setting.label not in shown:
                shown.append(setting.label)
    return {key: Widget(key, tuple(shown)) for key, shown in labels.items()}


def widgets_of(symbol: Symbol) -> list[Widget]:
    """The widgets one of whose labels matches ``symbol.label``, by key."""
    if not symbol.label:
        return []
    pattern = re.compile(symbol.label)
    return [
        widget
        for widget in all_widgets().values()
        if any(pattern.search(label) for label in widget.labels)
    ]


@cache
def legend_markdown() -> str:
    """The legend as a Markdown table: symbol, meaning, widgets (the label a widget first carries
    in course order, and its URL key)."""
    rows = ["| symbol | meaning | widget · URL key |", "|---|---|---|"]
    for symbol in SYMBOLS:
        shown = [f"{widget.labels[0]} `{widget.key}`" for widget in widgets_of(symbol)]
        widgets = " · ".join(shown) or "— (no widget)"
        rows.append(f"| ${symbol.tex}$ | {symbol.means} | {widgets} |")
    return "\n".join(rows)
