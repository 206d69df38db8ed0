"""Rendering under budget: a letter too long to lay out names the case's longest field; a batch
renders every good file whatever goes wrong with the others, whatever the job count."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path
from typing import Any

import pytest

from desktop_app.domain.casefile import load_case, parse_case
from desktop_app.errors import AppError, ExportError
from desktop_app.export import base
from desktop_app.services import batch
from desktop_app.services.batch import render_batch
from desktop_app.services.render import render_letter

ROOT = Path(__file__).resolve().parents[3]
EXAMPLE = ROOT / "examples" / "commercial-preauth.json"
CORPUS = ROOT / "tests" / "corpus" / "cases"


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_a_letter_too_slow_to_lay_out_names_the_longest_field_not_its_text(
    fmt: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = json.loads(EXAMPLE.read_text("utf-8"))
    data["off_label"]["rationale"] = "Secretive pasted chart note. " * 600
    case = parse_case(data)
    monkeypatch.setattr(base.budget, "check_clock", lambda: False)  # as if the time were up
    with pytest.raises(ExportError) as caught:
        render_letter(case, fmt=fmt, override_reason="test")  # type: ignore[arg-type]
    assert caught.value.field == "off_label.rationale"
    assert "the clinical rationale (17,400 characters)" in caught.value.message
    assert "Secretive" not in str(caught.value)


def test_text_pasted_past_the_limits_in_the_form_stops_naming_the_field() -> None:
    data = json.loads(EXAMPLE.read_text("utf-8"))
    data["off_label"]["rationale"] = "note " * 600_000  # 3 MB, as a careless paste
    case = parse_case(data, lenient=True)  # as the form holds it
    with pytest.raises(AppError) as caught:
        render_letter(case, fmt="pdf", override_reason="test")
    assert caught.value.field == "off_label.rationale"
    assert "3,000,000 characters" in caught.value.message
    assert "note note" not in str(caught.value)


def _batch_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "cases"
    folder.mkdir()
    shutil.copy(EXAMPLE, folder / "a-good.json")
    shutil.copy(ROOT / "examples" / "part-d-request.json", folder / "z-good.json")
    for name in ("nested-1000-deep", "number-5000-digits", "amount-nan",
                 "prescriber-name-303-characters"):
        shutil.copy(CORPUS / f"{name}.json", folder / f"m-{name}.json")
    (folder / "m-not-json.json").write_text("{", "utf-8")
    return folder


@pytest.mark.parametrize("jobs", [1, 2])
def test_every_good_file_is_rendered_and_each_bad_one_reported(tmp_path: Path, jobs: int) -> None:
    folder = _batch_folder(tmp_path)
    files = batch.collect_case_files([folder])
    results = render_batch(files, tmp_path / "out", "pdf", jobs=jobs)
    written = sorted(r.source.name for r in results if r.status == "written")
    assert written == ["a-good.json", "z-good.json"]
    bad = [r for r in results if r.status != "written"]
    assert len(bad) == 5 and all(r.message for r in bad)
    assert all("Corpus-P" not in r.message for r in bad)
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["a-good.pdf", "z-good.pdf"]


def test_an_unexpected_error_in_one_case_fails_it_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from desktop_app.services import render

    folder = _batch_folder(tmp_path)
    doomed = load_case(EXAMPLE).patient.name
    original = render.render_letter

    def flaky_render(case: Any, **kwargs: Any) -> Any:
        if case.patient.name == doomed:  # as python-docx did with a 300-character name
            raise ValueError(f"exceeded 255 char limit for property, got: {doomed!r}")
        return original(case, **kwargs)

    monkeypatch.setattr(render, "render_letter", flaky_render)
    results = render_batch(batch.collect_case_files([folder]), tmp_path / "out", "pdf", jobs=1)
    statuses = {r.source.name: (r.status, r.message) for r in results}
    assert statuses["z-good.json"][0] == "written"
    assert statuses["a-good.json"] == (
        "unusable", "could not be rendered (ValueError); please report it to support"
    )


_REAL_RENDER_ONE = batch.render_one


def _dies_on_one_case(source: Path, out_dir: Path, fmt: Any, owner_pid: int | None = None) -> Any:
    # Module level, so the process pool can hand it to its workers.
    if source.name == "m-amount-nan.json":
        os._exit(9)  # as the kernel kills a process out of memory
    return _REAL_RENDER_ONE(source, out_dir, fmt, owner_pid)


@pytest.mark.skipif(not hasattr(os, "fork"), reason="worker deaths are simulated with fork")
def test_a_worker_that_dies_takes_only_its_own_case_down(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = _batch_folder(tmp_path)
    monkeypatch.setattr(batch, "render_one", _dies_on_one_case)
    results = render_batch(batch.collect_case_files([folder]), tmp_path / "out", "pdf", jobs=2)
    by_name = {r.source.name: r for r in results}
    assert by_name["a-good.json"].status == by_name["z-good.json"].status == "written"
    assert by_name["m-amount-nan.json"].message == "could not be rendered: its process stopped"
    assert len(results) == 7
