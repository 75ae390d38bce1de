"""Exports of a page's training runs, and reading settings back from an exported file.

Every export says which app, version and page made it and carries the page's settings, so a
result can be traced and reproduced: the history as CSV (one row per epoch, ``#`` comment lines
on top: ``pandas.read_csv(path, comment="#")`` loads it) or as strict JSON (NaN → null), the
trained parameters as a NumPy ``.npz``, and figures as PNGs in one zip. A JSON export (or a flat
``{key: value}`` object) restores the settings; it is parsed with ``json.loads`` only, never
pickle or eval, and each value is validated later by its ``Setting`` like a URL parameter.
"""

from __future__ import annotations

import csv
import io
import json
import math
import zipfile
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

import numpy as np

from playground import __version__
from playground.engine.train import RECORDED_SERIES, History

if TYPE_CHECKING:
    from playground.engine.experiment import Run

APP = "Deep-learning tuning playground"
MAX_SETTINGS_BYTES = 1024 * 1024
"""Largest settings file read, in bytes (an export with a long history is a few hundred kB)."""
MAX_DEPTH = 8
"""Deepest nesting of objects and lists read from a settings file (an export needs 5)."""
SERIES = ("train_cost", "dev_cost", "train_accuracy", "dev_accuracy", "learning_rate")
"""The per-epoch numbers of a ``History``, one CSV column each (those of ``RECORDED_SERIES``
only at its ``record_epochs``)."""
LAYER_SERIES = {"weight_norms": "weight_norm", "grad_norms": "grad_norm"}
"""Per-recorded-epoch lists with one number per layer: one CSV column per layer
(weight_norm_1, …)."""

Scalar = str | int | float | bool


def _plain(value: Any) -> Any:
    """``value`` with NumPy numbers and arrays as Python ones, tuples as lists and every NaN or
    infinity as None, so ``json.dumps(..., allow_nan=False)`` accepts it."""
    if isinstance(value, np.ndarray | np.generic):
        value = value.tolist()
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, Mapping):
        return {str(key): _plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    return value


def _settings(values: Mapping[str, object]) -> dict[str, Scalar]:
    """The page's settings as plain scalars; raise ValueError naming a setting that is not one."""
    settings = _plain(values)
    for key, value in settings.items():
        if not isinstance(value, Scalar):
            raise ValueError(f"setting {key!r} must be a number, text or true/false to export")
    return settings


def _header(page: str, values: Mapping[str, object]) -> dict[str, object]:
    return {"app": APP, "version": __version__, "page": page, "settings": _settings(values)}


def _layer_columns(histories: list[History]) -> list[str]:
    layers = max((len(norms) for h in histories for norms in h.weight_norms), default=0)
    return [f"{name}_{l}" for name in LAYER_SERIES.values() for l in range(1, layers + 1)]


def _csv_number(value: float) -> str:
    """A number as CSV text: repr (exact round trip), NaN and inf as an empty cell."""
    return repr(float(value)) if math.isfinite(value) else ""


def _epoch_rows(history: History, layer_columns: list[str]) -> list[dict[str, str]]:
    """One row per epoch; a series measured at a rate is an empty cell at the epochs it skips."""
    recorded = {epoch: j for j, epoch in enumerate(history.record_epochs)}
    rows = []
    for i, epoch in enumerate(history.epochs):
        row = {"epoch": str(epoch)}
        j = recorded.get(epoch)
        for name in SERIES:
            k = j if name in RECORDED_SERIES else i
            row[name] = "" if k is None else _csv_number(getattr(history, name)[k])
        for series, prefix in LAYER_SERIES.items():
            norms = [] if j is None else getattr(history, series)[j]
            for l, norm in enumerate(norms, start=1):
                row[f"{prefix}_{l}"] = _csv_number(norm)
        rows.append({column: row.get(column, "") for column in ["epoch", *SERIES, *layer_columns]})
    return rows


def history_csv(page: str, values: Mapping[str, object], runs: Mapping[str, Run]) -> str:
    """The runs' histories as CSV: one row per epoch trained, with every series.

    Columns: ``epoch``, ``train_cost``, ``dev_cost``, ``train_accuracy``, ``dev_accuracy``,
    ``learning_rate``, then ‖W_l‖_F and ‖dW_l‖_F per layer (``weight_norm_1`` …,
    ``grad_norm_1`` …); with several runs a first column ``run`` names each row's run. NaN (no
    dev set) is an empty cell, and so are the train accuracy, dev values and norms of an epoch
    a run did not record (``train(record_every=…)``; the JSON export lists ``record_epochs``).
    Comment lines starting with ``#`` come first: app, version, page
    and the settings as JSON. The per-mini-batch costs are in the JSON export only.
    """
    histories = [run.history for run in runs.values()]
    layer_columns = _layer_columns(histories)
    columns = ["epoch", *SERIES, *layer_columns]
    if len(runs) > 1:
        columns.insert(0, "run")
    text = io.StringIO()
    for key, value in _header(page, values).items():
        shown = json.dumps(value, allow_nan=False) if isinstance(value, dict) else value
        text.write(f"# {key}: {shown}\n")
    writer = csv.DictWriter(text, columns, lineterminator="\n")
    writer.writeheader()
    for name, run in runs.items():
        for row in _epoch_rows(run.history, layer_columns):
            writer.writerow({"run": name, **row} if len(runs) > 1 else row)
    return text.getvalue()


def history_json(
    page: str,
    values: Mapping[str, object],
    runs: Mapping[str, Run],
    exported_at: str | None = None,
) -> str:
    """The runs as strict JSON (NaN and inf written as null)::

        {"app", "version", "page", "exported_at", "settings": {key: value},
         "runs": {name: {"settings", "epochs", "train_cost", …, "iteration_cost",
                         "best_epoch", "stopped_reason", "message"}}}

    ``settings`` are the page's (what a restore sets); each run also keeps its own, which may
    differ (e.g. one optimizer per run). ``exported_at`` is an ISO time given by the caller.
    """
    document = _header(page, values)
    if exported_at is not None:
        document = {**document, "exported_at": exported_at}
    document["runs"] = {
        name: {"settings": _settings(run.values), **_plain(run.history.to_dict())}
        for name, run in runs.items()
    }
    return json.dumps(document, indent=1, allow_nan=False)


def params_npz(runs: Mapping[str, Run]) -> bytes:
    """The runs' trained parameters as a compressed NumPy ``.npz``.

    Keys: W1, b1, …, WL, bL (gamma_l and beta_l instead of b_l with batch norm, plus its running
    statistics running_mean_l and running_var_l). With several runs each key starts with the
    run's name: ``"adam/W1"``. Load with ``numpy.load(path)`` (no pickle needed).
    """
    arrays: dict[str, np.ndarray] = {}
    for name, run in runs.items():
        net = run.net
        prefix = f"{name}/" if len(runs) > 1 else ""
        named = dict(net.params.snapshot())
        if net.batch_norm:
            named |= {f"running_mean{l}": mean for l, mean in net.running_mean.items()}
            named |= {f"running_var{l}": var for l, var in net.running_var.items()}
        arrays |= {prefix + key: np.asarray(array) for key, array in named.items()}
    buffer = io.BytesIO()
    np.savez_compressed(buffer, **arrays)
    return buffer.getvalue()


def figures_zip(figures: Mapping[str, Any], to_png: Callable[[Any], bytes]) -> bytes:
    """A zip with one ``<key>.png`` per figure, each drawn by ``to_png(figure)``."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for key, figure in figures.items():
            archive.writestr(f"{key}.png", to_png(figure))
    return buffer.getvalue()


def _depth(value: object) -> int:
    if isinstance(value, dict):
        return 1 + max(map(_depth, value.values()), default=0)
    if isinstance(value, list):
        return 1 + max(map(_depth, value), default=0)
    return 0


def _no_constant(name: str) -> None:
    raise ValueError(f"{name} is not a number JSON allows")


def _load(data: bytes) -> object:
    if len(data) > MAX_SETTINGS_BYTES:
        raise ValueError(
            f"the settings file is {len(data):,} bytes; at most {MAX_SETTINGS_BYTES:,} are read"
        )
    if not data.strip():
        raise ValueError("the settings file is empty")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ValueError(f"the settings file is not UTF-8 text ({error.reason})") from None
    try:
        document = json.loads(text, parse_constant=_no_constant)
    except RecursionError:
        raise ValueError(f"the settings file is nested deeper than {MAX_DEPTH} levels") from None
    except ValueError as error:
        raise ValueError(f"the settings file is not valid JSON: {error}") from None
    if _depth(document) > MAX_DEPTH:
        raise ValueError(f"the settings file is nested deeper than {MAX_DEPTH} levels")
    return document


def read_settings_file(data: bytes) -> dict[str, Scalar]:
    """The settings stored in an exported JSON (its ``"settings"`` object) or in a flat
    ``{key: value}`` JSON object, as ``{key: value}`` with text, number or true/false values.

    Read with ``json.loads`` only (never pickle or eval), at most ``MAX_SETTINGS_BYTES`` of
    strict UTF-8. Raises ValueError with a readable message for anything else. The values are
    not checked against the settings' ranges here: ``Setting.parse`` and ``validate`` do that.
    """
    document = _load(data)
    if not isinstance(document, dict):
        raise ValueError(
            f"the settings file must hold a JSON object {{...}}; got {_kind(document)}"
        )
    settings = document.get("settings", document)
    if settings is document and "runs" in document:
        raise ValueError('the settings file has "runs" but no "settings" object')
    if not isinstance(settings, dict):
        raise ValueError(f'"settings" must be a JSON object {{...}}; got {_kind(settings)}')
    for key, value in settings.items():
        if value is None or not isinstance(value, Scalar):
            raise ValueError(
                f"setting {key!r} must be a number, text or true/false; got {_kind(value)}"
            )
    return dict(settings)


def _kind(value: object) -> str:
    """How a JSON value is named in messages."""
    if value is None:
        return "null"
    kinds = {dict: "an object", list: "a list", str: "text", bool: "true/false"}
    return kinds.get(type(value), "a number")
