"""Where the shipped fictional sample cases are, found without loading the case database.

A batch rehearses on one of them before its workers start (services/batch_pool.py); that
must not import SQLAlchemy, which a batch otherwise never needs.
"""

from __future__ import annotations

from pathlib import Path


def example_case_paths() -> list[Path]:
    """The sample cases shipped with the app (in the wheel, or in a source checkout)."""
    package = Path(__file__).resolve().parents[1]
    for folder in (package / "_bundled" / "examples", package.parent / "examples"):
        if folder.is_dir():
            return sorted(folder.glob("*.json"))
    return []
