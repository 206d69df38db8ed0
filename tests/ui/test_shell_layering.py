"""The desktop app reaches the core only through services (README, Architecture), never
around them."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

UI = Path(__file__).resolve().parents[2] / "desktop_app" / "ui"
# The case model (with its sections, choices and limits), findings and the error family are
# shared vocabulary; the rest is behind desktop_app.services.
CASE_MODEL = ("desktop_app.domain.case", "desktop_app.domain.case_terms",
              "desktop_app.domain.case_parties", "desktop_app.domain.case_treatment",
              "desktop_app.domain.case_evidence", "desktop_app.domain.case_denial",
              "desktop_app.domain.case_records", "desktop_app.domain.bounds")
ALLOWED = ("desktop_app.ui", "desktop_app.services", "desktop_app.errors",
           *CASE_MODEL, "desktop_app.domain.findings")


def _imports(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append((node.lineno, node.module))
        elif isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
    return found


def _allowed(module: str) -> bool:
    if module == "desktop_app":  # `from desktop_app import __version__`
        return True
    return any(module == a or module.startswith(a + ".") for a in ALLOWED)


@pytest.mark.parametrize("path", sorted(UI.rglob("*.py")), ids=lambda p: str(p.relative_to(UI)))
def test_ui_module_imports_the_core_only_through_services(path: Path) -> None:
    wrong = [f"line {line}: {module}" for line, module in _imports(path)
             if module.startswith("desktop_app") and not _allowed(module)]
    assert wrong == []


def test_the_scan_sees_a_forbidden_import(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text("def f():\n    from desktop_app.storage.paths import data_home\n", "utf-8")
    assert [m for _, m in _imports(sample) if not _allowed(m)] == ["desktop_app.storage.paths"]
