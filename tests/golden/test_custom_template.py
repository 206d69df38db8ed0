"""Golden check of a customised appeal: the reworded paragraph reaches the PDF a payer receives."""

from __future__ import annotations

import io
import re
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

from desktop_app.domain.casefile import load_case
from desktop_app.services import templates as service
from desktop_app.services.render import RenderedLetter, render_letter

ROOT = Path(__file__).resolve().parents[2]
BUILTIN = (ROOT / "templates" / "offlabel-appeal.letter").read_text(encoding="utf-8")
_BUILTIN_VERSION = re.search(r'^version = "(\d+\.\d+)\.(\d+)"', BUILTIN, re.M)
assert _BUILTIN_VERSION is not None
# An admin's copy saved over the built-in is one patch version above it.
COPY_VERSION = f"{_BUILTIN_VERSION[1]}.{int(_BUILTIN_VERSION[2]) + 1}"
ORIGINAL = "If the denial is not reversed on the written record, I request a peer-to-peer review"
REWORDED = (
    "Our practice asks for a peer-to-peer conversation with a board-certified medical "
    "oncologist within two business days of this letter"
)


@pytest.fixture
def customised(examples_dir: Path) -> RenderedLetter:
    assert ORIGINAL in BUILTIN
    text = BUILTIN.replace(
        ORIGINAL, REWORDED + ", and if the denial is not reversed I request a review"
    )
    saved = service.save_template_text(text)  # keeps the id: replaces the built-in appeal
    assert (saved.version, saved.overrides_builtin) == (COPY_VERSION, True)
    case = load_case(examples_dir / "commercial-appeal.json")
    return render_letter(case, fmt="pdf", invariant=True)


def _text(pdf: bytes) -> str:
    words = "".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(pdf)).pages)
    return " ".join(words.split())


def test_reworded_paragraph_replaces_the_built_in_wording(customised: RenderedLetter) -> None:
    text = _text(customised.data)
    assert REWORDED in text
    assert ORIGINAL not in text
    assert "Dear Appeals Reviewer:" in text


def test_page_count_and_record_of_the_template(customised: RenderedLetter) -> None:
    reader = PdfReader(io.BytesIO(customised.data))
    assert len(reader.pages) == 4
    assert f"Page 4 of {len(reader.pages)}" in (reader.pages[-1].extract_text() or "")
    assert customised.template_id == "offlabel-appeal"
    assert customised.template_version == COPY_VERSION
    saved = next(t for t in service.list_templates() if t.id == "offlabel-appeal")
    assert customised.template_hash == saved.content_hash


def test_fonts_are_embedded(customised: RenderedLetter, tmp_path: Path) -> None:
    pdf = tmp_path / "appeal.pdf"
    pdf.write_bytes(customised.data)
    listing = subprocess.run(
        ["pdffonts", str(pdf)], capture_output=True, text=True, check=True
    ).stdout.splitlines()[2:]
    assert listing, "the letter has no fonts"
    for line in listing:
        embedded = line.split()[-5]  # columns end: emb sub uni object-number generation
        assert embedded == "yes", line
    assert any("DejaVuSans" in line for line in listing)
