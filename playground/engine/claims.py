"""Claims: the results a scene or a "try this" text states, declared as data beside the text.

A text such as "train 53 %, dev 53 %" is written as a template, "train {train:.0%}, dev
{dev:.0%}", and filled from its claims' expected values, so the words and the data cannot
disagree. A test runs every scene's settings with the page's own computation (the topic
module's ``measure``) and checks each claim against what it measured:

* ``Claim("dev", 0.53, 0.02)`` — the measured dev accuracy is 0.53 ± 0.02;
* ``Claim("cost", 0.35, relation="<")`` — the measured cost is below 0.35;
* ``Claim("first_out", "RMSprop")`` — a label (or a yes/no) equals the expected one;
* ``Claim("dev", relation="<", than="dev_none")`` — one measured quantity is below another.

A claim measured under other settings than its text's (e.g. "… then set λ to 0") names them in
``at``; two claims of one quantity at different settings tell their placeholders apart by
``name``.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType

RELATIONS = ("≈", "<", ">", "=")
ACCURACY = 0.02
"""The usual tolerance of a claimed accuracy: two points, one or two examples of a small dev
set. Runs are deterministic given their seeds; this guards against BLAS and platform noise."""

Measured = Mapping[str, object]
"""What a page's ``measure(values)`` returns: every quantity it shows, by name."""


@dataclass(frozen=True)
class Claim:
    """One stated result: ``quantity`` (a name in the page's measurements) ≈ ``expected`` within
    ``tolerance``, or ``<`` / ``>`` ``expected`` (or the quantity ``than``), or ``=`` a label
    (the default relation for a str or bool ``expected``; ≈ for a number).

    ``at`` holds the settings, on top of the text's own, under which it is measured; ``name`` is
    its placeholder in the text (default: ``quantity``).
    """

    quantity: str
    expected: float | str | bool | None = None
    tolerance: float = 0.0
    relation: str = ""
    than: str | None = None
    at: Mapping[str, object] = field(default_factory=dict)
    name: str = ""

    def __post_init__(self) -> None:
        if not self.relation:
            label = isinstance(self.expected, (str, bool)) or self.expected is None
            object.__setattr__(self, "relation", "=" if label and self.than is None else "≈")
        if self.relation not in RELATIONS:
            raise ValueError(f"relation must be one of {', '.join(RELATIONS)}; got {self.relation}")
        if (self.expected is None) == (self.than is None):
            raise ValueError(f"claim {self.quantity}: give either expected or than")
        if self.than is not None and self.relation not in "<>":
            raise ValueError(f"claim {self.quantity}: than needs relation < or >")
        if not self.tolerance >= 0:
            raise ValueError(f"claim {self.quantity}: tolerance must be ≥ 0")
        object.__setattr__(self, "at", MappingProxyType(dict(self.at)))
        object.__setattr__(self, "name", self.name or self.quantity)

    def holds(self, measured: Measured) -> bool:
        """Does the measurement (all quantities of one run of the settings) bear the claim out?"""
        value = measured[self.quantity]
        if self.relation == "=":
            return value == self.expected
        bound = measured[self.than] if self.than is not None else self.expected
        if self.relation == "<":
            return value < bound
        if self.relation == ">":
            return value > bound
        return math.isclose(value, bound, rel_tol=0.0, abs_tol=self.tolerance)

    def __str__(self) -> str:
        if self.than is not None:
            return f"{self.quantity} {self.relation} {self.than}"
        within = f" ± {self.tolerance:g}" if self.relation == "≈" else ""
        where = f" at {dict(self.at)}" if self.at else ""
        return f"{self.quantity} {self.relation} {self.expected!r}{within}{where}"


def fill(template: str, claims: Sequence[Claim]) -> str:
    """The text: ``template`` with each ``{name:format}`` replaced by that claim's expected
    value ("{dev:.0%}" with expected 0.53 gives "53%")."""
    return template.format_map({claim.name: claim.expected for claim in claims})


def settings_groups(
    values: Mapping[str, object], claims: Sequence[Claim]
) -> list[tuple[dict, list[Claim]]]:
    """The claims grouped by the settings they are measured under (``values`` | ``at``), so
    claims of one run share one measurement."""
    groups: list[tuple[dict, list[Claim]]] = []
    for claim in claims:
        settings = dict(values) | dict(claim.at)
        for known, members in groups:
            if known == settings:
                members.append(claim)
                break
        else:
            groups.append((settings, [claim]))
    return groups


def failures(claims: Sequence[Claim], measured: Measured) -> list[str]:
    """A line for each claim the measurement contradicts (measured value and claim)."""
    lines = []
    for claim in claims:
        if not claim.holds(measured):
            other = f" vs {measured[claim.than]!r}" if claim.than is not None else ""
            lines.append(f"measured {measured[claim.quantity]!r}{other}, claimed {claim}")
    return lines
