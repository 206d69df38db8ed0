"""A batch draws each letter from the template its case chose, and the rest from the default."""

from __future__ import annotations

import json
from pathlib import Path

from pypdf import PdfReader

from desktop_app.letters.templates import TEMPLATE_SUFFIX, TEMPLATES_FOLDER

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
MARK = "Acme Oncology asks for a decision on this request within its usual time."


def _text(pdf: Path) -> str:
    return " ".join(" ".join(page.extract_text().split()) for page in PdfReader(pdf).pages)


def test_a_case_that_chose_a_practice_template_is_drawn_from_it(
    pa_letter, pa_letter_home: Path, tmp_path: Path
) -> None:
    source = pa_letter("templates", "show", "offlabel-preauth").out
    custom = source.replace('id = "offlabel-preauth"', 'id = "acme-preauth"').replace(
        "</letter>", f"<p>{MARK}</p>\n</letter>"
    )
    folder = pa_letter_home / TEMPLATES_FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"acme-preauth{TEMPLATE_SUFFIX}").write_text(custom, encoding="utf-8")

    cases = tmp_path / "cases"
    cases.mkdir()
    base = json.loads((EXAMPLES / "commercial-preauth.json").read_text(encoding="utf-8"))
    chose = json.loads(json.dumps(base))
    chose.setdefault("letter", {})["template"] = "acme-preauth"
    (cases / "chose.json").write_text(json.dumps(chose), encoding="utf-8")
    (cases / "default.json").write_text(json.dumps(base), encoding="utf-8")

    out = tmp_path / "out"
    result = pa_letter("batch", cases, "-o", out, "--jobs", "1")
    assert result.code == 0, result.err + result.out
    pdfs = {p.stem: p for p in out.glob("*.pdf")}
    assert len(pdfs) == 2, sorted(pdfs)
    chose_pdf = next(p for name, p in pdfs.items() if "chose" in name)
    default_pdf = next(p for name, p in pdfs.items() if "default" in name)
    assert MARK in _text(chose_pdf)
    assert MARK not in _text(default_pdf)
