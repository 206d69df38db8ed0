"""The citation files in tests/golden/citations, found in one place."""

from __future__ import annotations

from pathlib import Path

CITATIONS = Path(__file__).resolve().parents[2] / "golden" / "citations"


def text(name: str) -> str:
    return (CITATIONS / name).read_bytes().decode("utf-8-sig")
