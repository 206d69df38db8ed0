"""Each DOCX starts from the same styled blank document and shares nothing with the last one."""

from __future__ import annotations

import contextlib
import io
import zipfile
from functools import cache

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop_app.errors import ExportError
from desktop_app.export.docx import write_docx
from tests.unit.export.samples import HOSTILE_NAME, sample_letter, text_letter


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


def _parts_but_dates(archive: zipfile.ZipFile) -> dict[str, bytes]:
    # core.xml carries the time the letter was written; everything else is the letter's.
    return {name: archive.read(name) for name in archive.namelist()
            if name != "docProps/core.xml"}


def test_a_letter_written_after_others_is_the_same_as_written_first() -> None:
    """Nothing piles up between letters: numbering, pictures, headers and relationships of
    earlier letters (with lists, a logo, a hostile name) never reach a later one."""
    first = _parts_but_dates(_docx(sample_letter("Ben Okafor", logo=False)))
    for name in (HOSTILE_NAME, "Ana Sousa"):
        _docx(sample_letter(name, logo=True))
    again = _parts_but_dates(_docx(sample_letter("Ben Okafor", logo=False)))
    assert first == again


def test_hostile_name_stays_text_in_every_letter_of_a_run() -> None:
    letters = [_docx(sample_letter(name, logo=index % 2 == 0))
               for index, name in enumerate(("Ana Sousa", HOSTILE_NAME, "Ben Okafor",
                                             HOSTILE_NAME))]
    for archive in (letters[1], letters[3]):
        body = archive.read("word/document.xml").decode()
        assert "&lt;b&gt;Ng&amp;amp;uyễn&lt;/b&gt; {{ 7*7 }}" in body  # escaped, as typed
        assert "<b>" not in body
    later = "".join(letters[2].read(name).decode(errors="ignore")
                    for name in letters[2].namelist() if name.endswith((".xml", ".rels")))
    assert "Ana Sousa" not in later and "Ng&amp;" not in later and "Ben Okafor" in later


@cache
def _next_letter_alone() -> dict[str, bytes]:
    return _parts_but_dates(_docx(sample_letter("Ben Okafor", logo=False)))


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=200))
def test_whatever_one_letter_holds_the_next_comes_out_the_same(text: str) -> None:
    # A letter refused with a clear message must leave nothing behind either.
    with contextlib.suppress(ExportError):
        _docx(text_letter(text))
    expected = _next_letter_alone()
    assert _parts_but_dates(_docx(sample_letter("Ben Okafor", logo=False))) == expected
