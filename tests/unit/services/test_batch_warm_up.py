"""Batch warm-up: forked workers start warm, and the sample letter made for it is kept nowhere."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from desktop_app.services import audit, batch_pool, examples
from desktop_app.services.batch import render_batch

EXAMPLES = Path(__file__).resolve().parents[3] / "examples"


def _two_cases(tmp_path: Path) -> list[Path]:
    folder = tmp_path / "cases"
    folder.mkdir()
    for name in ("commercial-preauth.json", "part-d-request.json"):
        shutil.copy(EXAMPLES / name, folder / name)
    return sorted(folder.glob("*.json"))


def test_the_warm_up_letter_is_written_nowhere_and_recorded_nowhere(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    warmed: list[str] = []
    real = batch_pool.warm_up
    monkeypatch.setattr(batch_pool, "warm_up", lambda s, f: (warmed.append(f), real(s, f)))
    try:
        results = render_batch(_two_cases(tmp_path), tmp_path / "out", "pdf", jobs=2)
        assert warmed == ["pdf"]  # two workers: the batch warmed up first
        assert [r.status for r in results] == ["written", "written"]
        assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [
            "commercial-preauth.pdf", "part-d-request.pdf"]
        entries = [e for e in audit.entries(20) if e.action == "letter.rendered"]
        assert len(entries) == 2  # the sample's letter has no entry
        assert not any(e.detail["override"] for e in entries)  # the warm-up overrides
    finally:
        audit.close()


def test_a_warm_up_that_cannot_be_made_leaves_the_batch_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    broken = tmp_path / "samples" / batch_pool.WARM_UP_CASE
    broken.parent.mkdir()
    broken.write_text("{ not a case", "utf-8")
    asked: list[int] = []
    monkeypatch.setattr(examples, "example_case_paths", lambda: asked.append(1) or [broken])
    try:
        results = render_batch(_two_cases(tmp_path), tmp_path / "out", "pdf", jobs=2)
        assert [r.status for r in results] == ["written", "written"]
        assert asked  # the warm-up really looked for its sample there, and found it broken
    finally:
        audit.close()
