"""The folder tree is the architecture: import-linter checks the layering contracts in
pyproject.toml (engine ← plotting | classroom ← topics ← catalog ← ui; topics independent of each
other; only ui imports Streamlit; the engine draws nothing; only the classroom talks to the
database; no ui module imports another in a loop),
and fails on a planted violation."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def lint_imports(root: Path) -> subprocess.CompletedProcess:
    """Run import-linter on the package under ``root`` with the repository's contracts."""
    return subprocess.run(
        [
            str(Path(sys.executable).parent / "lint-imports"),
            "--config",
            "pyproject.toml",
            "--no-cache",
        ],
        cwd=root,
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(root), "PATH": "/usr/bin:/bin"},
    )


def test_the_layering_contracts_are_kept():
    result = lint_imports(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Contracts: 6 kept, 0 broken." in result.stdout


@pytest.mark.parametrize(
    ("module", "line", "contract"),
    [
        ("engine/nn.py", "import streamlit", "Only ui imports Streamlit"),
        ("engine/train.py", "import plotly.graph_objects", "The engine draws nothing"),
        ("engine/data.py", "import playground.plotting.style", "Layers"),
        ("topics/ewma/figures.py", "import playground.topics.softmax.model", "independent"),
        ("ui/run_state.py", "import playground.ui.run_panel", "in a loop"),
        ("classroom/codes.py", "import streamlit", "Only ui imports Streamlit"),
        ("classroom/codes.py", "import playground.plotting.style", "Layers"),
        ("ui/widgets.py", "import sqlalchemy", "Only the classroom talks to the database"),
    ],
)
def test_a_planted_violation_breaks_its_contract(tmp_path, module, line, contract):
    shutil.copytree(
        ROOT / "playground", tmp_path / "playground", ignore=shutil.ignore_patterns("__pycache__")
    )
    shutil.copy(ROOT / "pyproject.toml", tmp_path)
    path = tmp_path / "playground" / module
    path.write_text(path.read_text() + f"\n{line}\n")
    result = lint_imports(tmp_path)
    assert result.returncode == 1, result.stdout + result.stderr
    assert contract in result.stdout.split("Broken contracts")[-1]
