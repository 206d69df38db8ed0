"""Each DOCX starts from the same styled blank document and shares nothing with the last one."""

from __future__ import annotations

import io
import zipfile

from desktop_app.export.docx import write_docx
from tests.unit.export.samples import sample_letter


def _docx(letter: object) -> zipfile.ZipFile:
    stream = io.BytesIO()
    write_docx(letter, stream)  # type: ignore[arg-type]
    return zipfile.ZipFile(stream)


def test_one_letter_leaves_nothing_behind_for_the_next() -> None:
    first = _docx(sample_letter("Ana Sousa", logo=True))
    second = _docx(sample_letter("Ben Okafor", logo=False))
    assert "Ana Sousa" in first.read("word/document.xml").decode()
    text = "".join(second.read(name).decode(errors="ignore") for name in second.namelist()
                   if name.endswith(".xml"))
    assert "Ana Sousa" not in text and "Ben Okafor" in text
    assert [n for n in first.namelist() if n.startswith("word/media/")]
    assert not [n for n in second.namelist() if n.startswith("word/media/")]  # no stray logo
