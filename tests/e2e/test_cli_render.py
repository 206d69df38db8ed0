"""`pa-letter render`, `batch` and `templates` as a process."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from pypdf import PdfReader

from tests.conftest import EXAMPLES


def test_render_pdf_and_docx(pa_letter, tmp_path: Path) -> None:
    pdf = tmp_path / "letter.pdf"
    result = pa_letter("render", EXAMPLES / "medicare-part-b-preauth.json", "-o", pdf)
    assert result.code == 0, result.err
    reader = PdfReader(pdf)
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert "Harold T. Whitcombe" in text
    assert "1861(t)(2)(B)" in text
    docx = tmp_path / "letter.docx"
    assert pa_letter("render", EXAMPLES / "commercial-appeal.json", "-o", docx).code == 0
    assert docx.read_bytes()[:2] == b"PK"
    assert oct(pdf.stat().st_mode & 0o777) == "0o600"


def test_render_refuses_while_errors_stand_then_accepts_an_override(
    pa_letter, tmp_path: Path
) -> None:
    case = EXAMPLES / "medicare-draft-needs-work.json"
    out = tmp_path / "draft.pdf"
    refused = pa_letter("render", case, "-o", out)
    assert refused.code == 1
    assert "override" in refused.err
    assert not out.exists()
    forced = pa_letter("render", case, "-o", out, "--override", "Physician reviewed; urgent start")
    assert forced.code == 0, forced.err
    assert out.exists()
    record = json.loads((tmp_path / "draft.pdf.record.json").read_text())
    assert record["override_reason"] == "Physician reviewed; urgent start"
    assert "npi.invalid" in record["errors_overridden"]


def test_render_rejects_an_unknown_output_type(pa_letter, tmp_path: Path) -> None:
    result = pa_letter("render", EXAMPLES / "commercial-preauth.json", "-o", tmp_path / "x.txt")
    assert result.code == 2


def test_batch_renders_good_cases_and_reports_the_bad_one(pa_letter, tmp_path: Path) -> None:
    cases = tmp_path / "cases"
    cases.mkdir()
    for name in ("commercial-preauth.json", "part-d-request.json"):
        shutil.copy(EXAMPLES / name, cases / name)
    (cases / "broken.json").write_text('{"format": "pa-letter-case/1", "x": 1}')
    out = tmp_path / "out"
    result = pa_letter("batch", cases, "-o", out, "--jobs", "2")
    assert result.code == 1
    assert (out / "commercial-preauth.pdf").exists()
    assert (out / "part-d-request.pdf").exists()
    assert "broken.json" in result.err
    assert "2 written, 1 refused or unusable" in result.out


def test_batch_docx_all_good_exits_0(pa_letter, tmp_path: Path) -> None:
    result = pa_letter(
        "batch", EXAMPLES / "commercial-preauth.json", "-o", tmp_path, "--format", "docx"
    )
    assert result.code == 0, result.err
    assert (tmp_path / "commercial-preauth.docx").exists()


def test_templates_list_show_validate(pa_letter, tmp_path: Path) -> None:
    listing = pa_letter("templates", "list")
    assert listing.code == 0
    for template_id in ("offlabel-preauth", "offlabel-appeal", "fax-cover"):
        assert template_id in listing.out
    shown = pa_letter("templates", "show", "offlabel-appeal")
    assert shown.code == 0 and "offlabel-appeal" in shown.out
    good = tmp_path / "mine.tmpl"
    good.write_text(shown.out, encoding="utf-8")
    assert pa_letter("templates", "validate", good).code == 0
    lines = shown.out.splitlines()
    body_line = next(i for i, line in enumerate(lines) if "case.patient.name" in line)
    lines[body_line] = lines[body_line].replace("case.patient.name", "case.patient.nmae")
    bad = tmp_path / "bad.tmpl"
    bad.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = pa_letter("templates", "validate", bad)
    assert result.code == 1
    assert f"{bad}:{body_line + 1}:" in result.out
    assert "nmae" in result.out


def test_render_with_a_template_file(pa_letter, tmp_path: Path) -> None:
    source = pa_letter("templates", "show", "offlabel-preauth").out
    custom = tmp_path / "custom.tmpl"
    custom.write_text(source.replace('id = "offlabel-preauth"', 'id = "acme-preauth"'))
    out = tmp_path / "custom.pdf"
    result = pa_letter(
        "render", EXAMPLES / "commercial-preauth.json", "--template", custom, "-o", out
    )
    assert result.code == 0, result.err
    assert out.exists()


def test_hostile_strings_print_exactly_as_typed(pa_letter, tmp_path: Path) -> None:
    out = tmp_path / "hostile.pdf"
    result = pa_letter("render", EXAMPLES / "hostile-strings.json", "-o", out, "--override", "test")
    assert result.code == 0, result.err
    text = "".join(page.extract_text() for page in PdfReader(out).pages)
    name = json.loads((EXAMPLES / "hostile-strings.json").read_text())["patient"]["name"]
    assert name in text.replace("\n", " ")


def test_templates_list_warns_when_the_shared_folder_is_unreachable(
    pa_letter, tmp_path: Path
) -> None:
    from desktop_app.storage.settings import PracticeSettings, save_settings

    save_settings(PracticeSettings(shared_templates_dir=str(tmp_path / "unplugged")))
    listing = pa_letter("templates", "list")
    assert listing.code == 0
    assert "offlabel-appeal" in listing.out  # the built-ins still serve
    assert "cannot be reached" in listing.err and "Traceback" not in listing.err


def test_a_writing_command_says_when_others_may_change_the_data_folder(
    pa_letter, tmp_path: Path
) -> None:
    import os
    import subprocess

    import pytest

    from tests.e2e.conftest import _command

    if not hasattr(os, "geteuid") or os.geteuid() != 0:
        pytest.skip("giving a folder to another user needs root (CI runs as root)")
    shared = tmp_path / "shared-home"
    shared.mkdir()
    os.chown(shared, 65534, 65534)  # nobody's folder, which root may still write in
    pdf = tmp_path / "letter.pdf"
    result = subprocess.run(
        [*_command(), "render", str(EXAMPLES / "medicare-part-b-preauth.json"), "-o", str(pdf)],
        capture_output=True, text=True, timeout=120, check=False,
        env=dict(os.environ, PA_LETTER_HOME=str(shared)),
    )
    assert result.returncode == 0 and pdf.exists()  # the work is done, and said once
    assert result.stderr.count("pa-letter: warning: The data folder") == 1
    assert str(shared) in result.stderr and "PA_LETTER_HOME" in result.stderr
    mine = pa_letter("render", EXAMPLES / "medicare-part-b-preauth.json", "-o", pdf)
    assert mine.code == 0 and "warning" not in mine.err  # the test's own home: nothing said
