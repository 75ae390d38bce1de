"""Exports of training runs (CSV, JSON, .npz, figures zip) and reading settings back."""

from __future__ import annotations

import io
import json
import math
import zipfile
from pathlib import Path

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import pytest

from playground import __version__
from playground.engine import settings
from playground.engine.config import coerce_settings
from playground.engine.experiment import Run, make_data
from playground.engine.export import (
    APP,
    MAX_DEPTH,
    MAX_SETTINGS_BYTES,
    figures_zip,
    history_csv,
    history_json,
    params_npz,
    read_settings_file,
)

BAD_JSON = Path(__file__).parent / "data" / "bad_inputs" / "json"


def trained_run(epochs: int = 20, **changes: object) -> Run:
    values = coerce_settings(settings.ALL, {"epochs": epochs, "n": 200, **changes})
    run = Run(values, make_data(values))
    run.advance()
    return run


@pytest.fixture(scope="module")
def run() -> Run:
    return trained_run()


@pytest.fixture(scope="module")
def two_runs() -> dict[str, Run]:
    gd = trained_run(20, opt="gd", bn=True)
    gd.history.dev_cost = [math.nan] * 20  # as without a dev set
    return {"adam": trained_run(10), "gd": gd}


def strict_json(text: str) -> dict:
    """json.loads that fails on NaN and Infinity, which strict JSON does not have."""

    def refuse(name: str) -> None:
        raise AssertionError(f"{name} in the JSON export")

    return json.loads(text, parse_constant=refuse)


# -- CSV -----------------------------------------------------------------------------------------


def test_csv_loads_with_pandas_and_holds_every_epoch_of_the_history(run):
    text = history_csv("playground", run.values, {"run": run})
    table = pd.read_csv(io.StringIO(text), comment="#")
    history = run.history
    assert table["epoch"].tolist() == history.epochs == list(range(1, 21))
    for column in ("train_cost", "dev_cost", "train_accuracy", "dev_accuracy", "learning_rate"):
        np.testing.assert_array_equal(table[column], getattr(history, column))
    layers = len(run.net.layer_dims) - 1
    for l in range(1, layers + 1):
        np.testing.assert_array_equal(
            table[f"weight_norm_{l}"], [norms[l - 1] for norms in history.weight_norms]
        )
        np.testing.assert_array_equal(
            table[f"grad_norm_{l}"], [norms[l - 1] for norms in history.grad_norms]
        )
    assert "run" not in table.columns


def test_csv_comments_name_the_app_version_page_and_settings(run):
    comments = [line[2:] for line in history_csv("lr_decay", run.values, {"run": run}).splitlines()]
    header = dict(line.split(": ", 1) for line in comments[:4])
    assert header["app"] == APP
    assert header["version"] == __version__
    assert header["page"] == "lr_decay"
    assert json.loads(header["settings"]) == run.values


def test_csv_of_several_runs_names_the_run_of_each_row_and_leaves_nan_empty(two_runs):
    text = history_csv("optimizers", two_runs["adam"].values, two_runs)
    table = pd.read_csv(io.StringIO(text), comment="#")
    assert table["run"].tolist() == ["adam"] * 10 + ["gd"] * 20
    gd = table[table["run"] == "gd"]
    np.testing.assert_array_equal(gd["train_cost"], two_runs["gd"].history.train_cost)
    assert gd["dev_cost"].isna().all()  # NaN in the history, an empty cell here
    assert ",," in text.splitlines()[-1]


# -- JSON ----------------------------------------------------------------------------------------


def test_json_is_strict_and_holds_version_settings_and_every_series(two_runs):
    values = two_runs["adam"].values
    document = strict_json(history_json("optimizers", values, two_runs, exported_at="2026-01-01"))
    assert document["app"] == APP
    assert document["version"] == __version__
    assert document["page"] == "optimizers"
    assert document["exported_at"] == "2026-01-01"
    assert document["settings"] == values
    assert set(document["settings"]) == set(settings.ALL)
    gd, history = document["runs"]["gd"], two_runs["gd"].history
    assert gd["settings"]["opt"] == "gd"
    assert gd["epochs"] == history.epochs
    assert gd["train_cost"] == history.train_cost
    assert gd["iteration_cost"] == history.iteration_cost
    assert gd["weight_norms"] == history.weight_norms
    assert gd["dev_cost"] == [None] * 20  # NaN → null
    assert gd["stopped_reason"] == "completed"
    assert gd["message"] == ""


def test_json_keeps_a_diverged_runs_reason_and_message():
    run = trained_run(20, opt="gd", lr=10.0, act="leaky_relu", layers=3, h1=40, h2=40, h3=40)
    document = strict_json(history_json("playground", run.values, {"run": run}))
    assert document["runs"]["run"]["stopped_reason"] == run.history.stopped_reason == "diverged"
    assert "learning rate" in document["runs"]["run"]["message"]


def test_a_setting_that_is_not_a_scalar_is_named(run):
    with pytest.raises(ValueError, match="'layers_list'"):
        history_json("playground", {**run.values, "layers_list": [1, 2]}, {"run": run})


# -- restoring settings --------------------------------------------------------------------------


def test_settings_round_trip_through_the_json_export(two_runs):
    values = two_runs["gd"].values
    exported = history_json("optimizers", values, two_runs).encode()
    assert read_settings_file(exported) == values


def test_a_flat_object_of_settings_is_read_as_is():
    assert read_settings_file(b'{"lr": 0.1, "opt": "gd", "bn": true, "epochs": 200}') == {
        "lr": 0.1,
        "opt": "gd",
        "bn": True,
        "epochs": 200,
    }


def test_a_utf8_byte_order_mark_is_accepted():
    assert read_settings_file(b'\xef\xbb\xbf{"opt": "gd"}') == {"opt": "gd"}


BAD_FILES = {
    "empty.json": "empty",
    "not_json.json": "not valid JSON",
    "array.json": "must hold a JSON object",
    "nested_value.json": "setting 'lr' must be a number, text or true/false; got an object",
    "non_utf8.json": "not UTF-8",
    "pickle.json": "not UTF-8",
    "deep.json": f"nested deeper than {MAX_DEPTH} levels",
    "nan.json": "NaN is not a number JSON allows",
    "null_value.json": "setting 'lr' must be a number, text or true/false; got null",
    "settings_not_object.json": '"settings" must be a JSON object',
}


@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_a_bad_file_gives_a_readable_message(name):
    with pytest.raises(ValueError, match='^the settings file|^setting|^"settings"') as error:
        read_settings_file((BAD_JSON / name).read_bytes())
    assert BAD_FILES[name] in str(error.value)


def test_every_bad_file_is_tested():
    files = {path.name for path in BAD_JSON.glob("*.json")}
    assert files == set(BAD_FILES) | {"invalid_values.json"}


def test_a_file_over_the_size_cap_is_refused_before_parsing():
    too_big = b'{"lr": 0.1, "pad": "' + b"x" * MAX_SETTINGS_BYTES + b'"}'
    with pytest.raises(ValueError, match="at most 1,048,576 are read"):
        read_settings_file(too_big)


def test_nesting_deeper_than_the_limit_is_refused_even_when_json_parses_it():
    deep = b'{"settings": {"lr": 0.1}, "x": ' + b"[" * MAX_DEPTH + b"]" * MAX_DEPTH + b"}"
    with pytest.raises(ValueError, match="nested deeper"):
        read_settings_file(deep)


def test_runs_without_settings_are_refused():
    with pytest.raises(ValueError, match='"runs" but no "settings"'):
        read_settings_file(b'{"app": "x", "runs": {}}')


def test_out_of_range_and_unknown_settings_are_left_to_the_setting_specs():
    """The file is well formed: reading it succeeds, and each ``Setting`` rejects what it must
    (the UI's ``apply_settings`` lists these as skipped; tests/test_page_export.py checks it)."""
    values = read_settings_file((BAD_JSON / "invalid_values.json").read_bytes())
    assert values == {"lr": 1000.0, "opt": "adam", "unknown_knob": 3}
    with pytest.raises(ValueError, match=r"Learning rate α \(lr\) must be one of"):
        settings.ALL["lr"].validate(settings.ALL["lr"].parse(values["lr"]))
    assert "unknown_knob" not in settings.ALL


# -- parameters ----------------------------------------------------------------------------------


def test_npz_holds_every_parameter_of_the_net_with_its_values(run):
    with np.load(io.BytesIO(params_npz({"run": run}))) as saved:
        assert set(saved.files) == set(run.net.params)
        for key, value in run.net.params.items():
            np.testing.assert_array_equal(saved[key], value)
            assert saved[key].shape == value.shape


def test_npz_of_several_runs_prefixes_the_run_and_keeps_batch_norm_statistics(two_runs):
    gd = two_runs["gd"].net
    with np.load(io.BytesIO(params_npz(two_runs))) as saved:
        names = set(saved.files)
        assert {f"adam/{key}" for key in two_runs["adam"].net.params} <= names
        hidden = range(1, gd.L)
        assert {f"gd/gamma{l}" for l in hidden} | {f"gd/beta{l}" for l in hidden} <= names
        for l in hidden:
            np.testing.assert_array_equal(saved[f"gd/running_mean{l}"], gd.running_mean[l])
            np.testing.assert_array_equal(saved[f"gd/running_var{l}"], gd.running_var[l])
        assert not any(name.startswith("adam/running") for name in names)


# -- figures -------------------------------------------------------------------------------------


def test_figures_zip_holds_one_png_per_figure_drawn_by_the_given_renderer():
    figures = {"cost": go.Figure(go.Scatter(y=[1, 2])), "boundary": go.Figure()}
    drawn = []

    def fake_png(figure: go.Figure) -> bytes:
        drawn.append(figure)
        return b"\x89PNG fake " + str(len(drawn)).encode()

    with zipfile.ZipFile(io.BytesIO(figures_zip(figures, fake_png))) as archive:
        assert archive.namelist() == ["cost.png", "boundary.png"]
        assert archive.read("boundary.png") == b"\x89PNG fake 2"
    assert drawn == list(figures.values())


def test_nan_and_infinity_never_reach_the_json():
    run = trained_run(10)
    run.history.train_cost[3] = math.inf
    document = strict_json(history_json("playground", run.values, {"run": run}))
    assert document["runs"]["run"]["train_cost"][3] is None
