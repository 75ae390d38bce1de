"""The protocol load client against a served app: a few sessions train and see their own runs.

Runs ``benchmarks/load_sessions.py --protocol`` as an operator would, against this worker's
app server, and reads the JSON object on its last line. The client waits for states only (a run
that never finishes becomes an error after its timeout), so nothing here depends on speed.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from conftest import ROOT

SCRIPT = ROOT / "benchmarks" / "load_sessions.py"
SESSIONS = 3
KEYS = {
    "sessions",
    "runs",
    "errors",
    "p50_ms",
    "p95_ms",
    "server_cpu_per_run_s",
    "rss_mb_per_session",
}
"""What the last line promises (docs/deploy.md)."""


def load(url: str, scenario: str) -> dict:
    """Play ``scenario`` with ``SESSIONS`` protocol sessions on ``url`` for a few seconds."""
    command = [sys.executable, str(SCRIPT), "--protocol", "--url", url]
    command += ["--sessions", str(SESSIONS), "--seconds", "3", "--scenario", scenario]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=250)
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize("scenario", ["classroom", "burst"])
def test_protocol_sessions_train_and_see_their_own_runs(app_server, scenario):
    row = load(app_server, scenario)
    assert set(row) >= KEYS, row
    assert row["sessions"] == SESSIONS
    assert row["errors"] == 0, row["first_errors"]
    assert row["leaks"] == 0, row["first_leaks"]
    # Every session trains at least once (a classroom session's first turn comes within the
    # scenario's seconds), the Playground's accuracies checked against the core's.
    assert row["runs"] >= SESSIONS
    assert "playground" in row["pages"]
    assert row["server_cpu_per_run_s"] > 0
