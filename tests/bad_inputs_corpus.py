"""The bad-input corpus of tests/data/bad_inputs/: CSV uploads and URL query values.

One table per kind of input, shared by the three layers that try them: the core
(tests/test_bad_inputs_core.py), AppTest (tests/test_bad_inputs_pages.py) and the browser
(tests/e2e/test_bad_inputs_browser.py). Each refused CSV comes with the words its message must
contain; files too big to commit are made here at test time.
"""

from __future__ import annotations

import importlib
import json
import pkgutil
from collections.abc import Callable
from pathlib import Path

import playground
from playground.engine import settings as spec
from playground.engine.config import MAX_CSV_BYTES, MAX_SAMPLES, Setting

CORPUS = Path(__file__).resolve().parent / "data" / "bad_inputs"

REFUSED: dict[str, tuple[str, ...]] = {
    "empty.csv": ("file is empty",),
    "blank_lines.csv": ("file is empty",),
    "header_only.csv": ("header row but no data rows",),
    "one_column.csv": ("at least 3 comma-separated columns", "got 1 column"),
    "two_columns.csv": ("at least 3 comma-separated columns", "got 2 columns"),
    "semicolons.csv": ("comma-separated", "got 1 column"),
    "tabs.csv": ("comma-separated", "got 1 column"),
    "text_cells.csv": ("text 'abc'", "line 3, column 2 ('x2')", "must be numbers"),
    "empty_cell.csv": ("empty cell", "line 3, column 1 ('x1')"),
    "nan_inf.csv": ("'nan'", "line 3, column 1", "finite (no NaN or inf)"),
    "infinity.csv": ("'-Infinity'", "line 2, column 2", "finite"),
    "overflow.csv": ("'1e999'", "line 2, column 2", "finite"),
    "one_class.csv": ("2 to 10 classes", "got 1"),
    "ragged_rows.csv": ("ragged rows", "line 3 has 2 columns but line 1 has 3"),
    "extra_cell.csv": ("ragged rows", "line 3 has 4 columns"),
    "too_many_columns.csv": ("at most 20 feature columns", "got 21 features"),
    "too_many_classes.csv": ("2 to 10 classes", "got 11"),
    "non_integer_labels.csv": ("label '0.5'", "line 3", "integers or class names"),
    "nan_label.csv": ("label 'nan'", "line 3"),
    "empty_label.csv": ("empty label", "line 3"),
    "non_utf8.csv": ("UTF-8", "byte 23"),
    "random_bytes.csv": ("UTF-8", "byte"),
    "utf16.csv": ("UTF-8", "UTF-16"),
    "binary.csv": ("CSV text file", "binary"),
    "gzip.csv": ("CSV text file", "binary"),
    "formula_injection.csv": ("=cmd|", "line 2, column 1", "must be numbers"),
    "python_code.csv": ("__import__", "must be numbers"),
    "unterminated_quote.csv": ("not a valid CSV", "unexpected end of data"),
}
"""Committed files the loader refuses → words its ValueError message must contain."""


def _too_many_rows() -> bytes:
    return b"x1,x2,label\n" + b"".join(b"1,2,%d\n" % (i % 2) for i in range(MAX_SAMPLES + 1))


def _too_big() -> bytes:
    row = b"0.123456789,0.987654321,1\n"
    return row * (MAX_CSV_BYTES // len(row) + 1)


def _long_cell() -> bytes:
    return b"x1,x2,label\n" + b"1" * 200_000 + b",2,0\n3,4,1\n"


GENERATED: dict[str, tuple[Callable[[], bytes], tuple[str, ...]]] = {
    "too_many_rows.csv": (_too_many_rows, (f"at most {MAX_SAMPLES} data rows", "got 20001")),
    "too_big.csv": (_too_big, (f"at most {MAX_CSV_BYTES} bytes", "5 MiB")),
    "long_cell.csv": (_long_cell, ("not a valid CSV", "field larger than field limit")),
}
"""Refused files made at test time (too big to commit) → their makers and expected words."""

ACCEPTED: dict[str, tuple[int, tuple[str, ...]]] = {
    "bom_crlf.csv": (3, ("0", "1")),
    "old_mac_cr.csv": (3, ("0", "1")),
    "quoted_spaces.csv": (3, ("no", "yes")),
    "negative_labels.csv": (3, ("-1", "1")),
    "html_labels.csv": (3, ("<b>bold</b>", "<script>alert(1)</script>", "=cmd|' /C calc'!A0")),
    "huge_values.csv": (4, ("0", "1")),
    "two_rows.csv": (2, ("0", "1")),
}
"""Valid but unusual files → (examples m, class names): the app must train on them."""


def csv_bytes(name: str) -> bytes:
    """The content of corpus file ``name``, committed or generated."""
    if name in GENERATED:
        return GENERATED[name][0]()
    return (CORPUS / name).read_bytes()


def refused() -> dict[str, tuple[str, ...]]:
    """Every refused file, committed and generated, → expected words."""
    return REFUSED | {name: words for name, (_, words) in GENERATED.items()}


# -- query parameters ----------------------------------------------------------------------------


def _expand(value: object) -> object:
    """``{"repeat": s, "times": n}`` → s * n; anything else as is."""
    if isinstance(value, dict) and set(value) == {"repeat", "times"}:
        return value["repeat"] * value["times"]
    return value


def _load_queries() -> dict:
    raw = json.loads((CORPUS / "query_params.json").read_text(encoding="utf-8"))

    def expand(node: object) -> object:
        if isinstance(node, list):
            return [_expand(item) for item in node]
        if isinstance(node, dict):
            return {key: expand(value) for key, value in node.items()}
        return node

    return expand(raw)


QUERIES = _load_queries()


def url_values(setting: Setting) -> list[str]:
    """Hostile URL strings for ``setting``: the shared ones and those of its kind."""
    kinds = [setting.kind] + (["choice"] if setting.options and setting.kind != "choice" else [])
    return QUERIES["any_setting"] + [v for kind in kinds for v in QUERIES["by_kind"][kind]]


def json_values(setting: Setting) -> list[object]:
    """Hostile non-string values for ``setting``, as a settings file could hold them."""
    return QUERIES["json_by_kind"][setting.kind] + [float("nan"), float("inf"), -float("inf")]


def all_settings() -> list[Setting]:
    """Every Setting of the app: ``settings.ALL`` and each module's ``*SETTINGS`` tuple."""
    found = list(spec.ALL.values())
    for module in pkgutil.walk_packages(playground.__path__, "playground."):
        if module.name.startswith("playground.ui"):
            continue
        loaded = importlib.import_module(module.name)
        for name in dir(loaded):
            table = getattr(loaded, name)
            if name.endswith("SETTINGS") and isinstance(table, tuple):
                found += [s for s in table if isinstance(s, Setting)]
    unique = {(s.key, s.label, s.kind, s.low, s.high, s.options, s.default): s for s in found}
    return list(unique.values())


def hostile_query(round_: int, longest: int | None = None) -> dict[str, str | list[str]]:
    """One URL's worth of hostile parameters: every setting key of the app gets a hostile value
    (a different one in each ``round_``), plus unknown keys, a repeated key, ``present`` and
    ``scene``. With ``longest``, long strings are cut to that many characters (the server
    refuses a request head over 16 kB before the app sees it)."""
    settings = {s.key: s for s in all_settings()}
    query: dict[str, str | list[str]] = {}
    for index, (key, setting) in enumerate(sorted(settings.items())):
        values = url_values(setting)
        query[key] = values[(index + 7 * round_) % len(values)][:longest]
    query |= QUERIES["extra_params"]
    query["present"] = QUERIES["present"][round_ % len(QUERIES["present"])][:longest]
    query["scene"] = QUERIES["scene"][round_ % len(QUERIES["scene"])][:longest]
    query["lr"] = QUERIES["repeated"]
    return query
