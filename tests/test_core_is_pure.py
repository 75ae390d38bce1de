"""The NumPy core (playground/ outside playground/ui/) never imports Streamlit.

The module list is discovered from the files on disk, so a new core module is covered without
editing this test. Two checks: a fresh interpreter imports every core module and then looks in
sys.modules (catches indirect imports through other packages), and a static scan of every core
file's syntax tree (catches imports inside functions, which run only when called).
"""

from __future__ import annotations

import ast
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CORE = ROOT / "playground"
FORBIDDEN = "streamlit"


def core_files() -> list[Path]:
    """Every .py file under playground/, except those under playground/ui/."""
    return sorted(
        path
        for path in CORE.rglob("*.py")
        if "ui" not in path.relative_to(CORE).parts[:-1] and "__pycache__" not in path.parts
    )


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def core_modules() -> list[str]:
    return sorted({"playground", *(module_name(path) for path in core_files())})


def test_discovery_finds_the_core_modules():
    modules = core_modules()
    for expected in [
        "playground",
        "playground.config",
        "playground.ewma",
        "playground.nn",
        "playground.optim",
        "playground.params",
        "playground.schedules",
    ]:
        assert expected in modules
    assert not any(name.startswith("playground.ui") for name in modules)


def test_importing_every_core_module_does_not_import_streamlit():
    modules = core_modules()
    script = textwrap.dedent(
        f"""
        import importlib
        import sys

        for name in {modules!r}:
            importlib.import_module(name)
            if {FORBIDDEN!r} in sys.modules:
                print(name)
                sys.exit(3)
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=240,
    )
    assert result.returncode != 3, f"importing {result.stdout.strip()} imported {FORBIDDEN}"
    assert result.returncode == 0, result.stderr


def imported_modules(tree: ast.AST) -> set[str]:
    """Top-level names of every module imported anywhere in the tree (also inside functions),
    including ``importlib.import_module("x")`` and ``__import__("x")`` with a literal name."""
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.add(node.module.split(".")[0])
        elif isinstance(node, ast.Call) and node.args:
            func = node.func
            called = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            first = node.args[0]
            if (
                called in {"import_module", "__import__"}
                and isinstance(first, ast.Constant)
                and isinstance(first.value, str)
            ):
                found.add(first.value.split(".")[0])
    return found


@pytest.mark.parametrize("path", core_files(), ids=lambda p: str(p.relative_to(ROOT)))
def test_no_core_file_imports_streamlit(path):
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    assert FORBIDDEN not in imported_modules(tree)


def test_the_static_check_sees_imports_in_every_form():
    source = textwrap.dedent(
        """
        import os, streamlit.components.v1 as components
        def later():
            from streamlit import session_state
            import importlib
            importlib.import_module("streamlit")
            __import__("streamlit.runtime")
        """
    )
    assert imported_modules(ast.parse(source)) == {"os", "streamlit", "importlib"}
    assert FORBIDDEN not in imported_modules(ast.parse("from . import streamlit_like\n"))
