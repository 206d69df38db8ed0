"""The DOCX counts the running header's lines as the PDF breaks them, so both start as high."""

from __future__ import annotations

import io
import re
import subprocess
import sys
import tempfile

import pytest
from docx.shared import Pt

from desktop_app.export import letter_look as look
from desktop_app.export.base import clean_text
from desktop_app.export.docx import write_docx
from desktop_app.export.docx_page import HEADER_DISTANCE
from desktop_app.export.measure import header_line_count
from desktop_app.export.pdf import write_pdf
from desktop_app.letters.document import LetterDocument, Paragraph, Run, RunningHeader
from tests.unit.export import probes
from tests.unit.export.samples import ROOT

# Fictional patients. The long lines wrap where splitting at every space would guess wrong:
# no-break spaces hold a name together, and the header's own gaps between name, DOB and
# member ID are wider than one space.
HEADERS = {
    "short": RunningHeader("Ana Example", "1970-01-01", "M123"),
    "very long": RunningHeader("Maria-Fernanda Santos-Oliveira de la Cruz " * 6, "1970-01-01",
                               "XJ4-55-0192-A"),
    "no-break spaces": RunningHeader(
        "Nguyễn\xa0Thị\xa0Minh\xa0Khai\xa0Phạm\xa0Hoàng\xa0Long\xa0" * 4, "1970-01-01", "M1"),
    "wide gaps": RunningHeader("Ana " + "Oliveira-Santos " * 5 + "x" * 54, "1970-01-01",
                               "M123456789"),
}


def _letter(header: RunningHeader) -> LetterDocument:
    return LetterDocument(blocks=[Paragraph([Run("Body text.")])], header=header)


def _pdf_header_lines(header: RunningHeader) -> int:
    """Lines of text page 1 of the PDF prints above the running header's rule."""
    out = io.BytesIO()
    write_pdf(_letter(header), out, invariant=True)
    with tempfile.NamedTemporaryFile(suffix=".pdf") as handle:
        handle.write(out.getvalue())
        handle.flush()
        layout = subprocess.run(
            ["pdftotext", "-bbox-layout", "-f", "1", "-l", "1", handle.name, "-"],
            capture_output=True, text=True, check=True, timeout=30,
        ).stdout
    tops = {round(float(top)) for top, bottom in
            re.findall(r'<line xMin="[^"]*" yMin="([^"]*)" xMax="[^"]*" yMax="([^"]*)"', layout)
            if float(bottom) <= look.HEADER_RULE}
    return len(tops)


def _docx_header_lines(header: RunningHeader) -> int:
    """Lines the DOCX made room for: its header starts one line higher for each line more."""
    out = io.BytesIO()
    write_docx(_letter(header), out)
    distance = probes.open_docx(out.getvalue()).sections[0].header_distance
    extra = (Pt(HEADER_DISTANCE) - distance) / Pt(look.TEXT["running_header"].leading)
    assert extra == pytest.approx(round(extra), abs=0.01)
    return 1 + round(extra)


@pytest.mark.parametrize("name", list(HEADERS))
def test_the_docx_counts_the_lines_the_pdf_header_has(name: str) -> None:
    header = HEADERS[name]
    printed = _pdf_header_lines(header)
    patient_line = clean_text(header.text()).replace("\n", " ").strip()
    assert header_line_count(patient_line, look.FRAME_WIDTH) == printed
    assert _docx_header_lines(header) == printed
    assert printed == (1 if name == "short" else 3)


def test_an_empty_header_counts_one_line() -> None:
    assert header_line_count("", look.FRAME_WIDTH) == 1
    assert header_line_count(" \n ", look.FRAME_WIDTH) == 1


def test_counting_loads_no_part_of_platypus() -> None:
    """A DOCX-only export measures its header without reportlab's platypus (about 18 ms)."""
    code = (
        "import sys\n"
        "from desktop_app.export.measure import header_line_count\n"
        "assert header_line_count('Patient: Ana Example', 468.0) == 1\n"
        "print(sorted(m for m in sys.modules if m.startswith('reportlab.platypus')))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True, cwd=ROOT, timeout=60)
    assert result.stdout.strip() == "[]"
