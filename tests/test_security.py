"""Nothing a user typed reaches the page as raw HTML, and no secret is committed."""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCES = [ROOT / "app.py", *(ROOT / "pages").glob("*.py"), *(ROOT / "playground").rglob("*.py")]


def _raw_html_calls(tree: ast.AST):
    """Calls of ``st.html(...)`` and of anything with ``unsafe_allow_html=True``."""
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        unsafe = any(
            k.arg == "unsafe_allow_html"
            and not (isinstance(k.value, ast.Constant) and not k.value.value)
            for k in node.keywords
        )
        is_html = isinstance(node.func, ast.Attribute) and node.func.attr == "html"
        if unsafe or is_html:
            yield node


def test_raw_html_is_only_ever_a_module_constant() -> None:
    found = 0
    for path in SOURCES:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        constants = {
            target.id
            for node in tree.body
            if isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant)
            for target in node.targets
            if isinstance(target, ast.Name) and target.id.isupper()
        }
        for call in _raw_html_calls(tree):
            found += 1
            argument = call.args[0] if call.args else None
            assert isinstance(argument, ast.Name) and argument.id in constants, (
                f"{path.relative_to(ROOT)}:{call.lineno} passes raw HTML that is not a constant"
            )
    assert found >= 1  # the presenter-mode style sheet: the check looks at real calls


SECRET = re.compile(
    r"(BEGIN (RSA|OPENSSH|EC) PRIVATE KEY|AKIA[0-9A-Z]{16}|ghp_[A-Za-z0-9]{30,}|"
    r"cookieSecret\s*=\s*\"[^\"]+\")"
)


def test_no_secret_is_committed() -> None:
    files = [ROOT / ".streamlit" / "config.toml", ROOT / "compose.yaml", ROOT / "Dockerfile"]
    files += [p for p in ROOT.rglob("*") if p.suffix in {".py", ".toml", ".yaml", ".yml", ".env"}]
    for path in files:
        if ".venv" in path.parts or "node_modules" in path.parts or not path.is_file():
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        assert not SECRET.search(text), f"{path.relative_to(ROOT)} holds something like a secret"
