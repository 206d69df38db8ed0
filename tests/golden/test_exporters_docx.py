"""Golden checks on the editable DOCX: same text as the PDF, Word styles, headers, fields."""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path

import pytest
from docx.document import Document as WordDocument
from docx.oxml.ns import qn

from desktop_app.export.base import contact_line
from desktop_app.export.docx import write_docx
from desktop_app.export.pdf import write_pdf
from desktop_app.letters.document import LetterDocument
from tests.unit.export import probes
from tests.unit.export.samples import HOSTILE_NAME, long_table_letter, sample_letter

CJK_NAME = "李小龍 Ζωή Юлия Nguyễn Thị Ánh"


def _docx(document: LetterDocument) -> bytes:
    out = io.BytesIO()
    write_docx(document, out)
    return out.getvalue()


@pytest.fixture(scope="module")
def hostile() -> tuple[LetterDocument, bytes]:
    document = sample_letter(HOSTILE_NAME)
    return document, _docx(document)


@pytest.fixture(scope="module")
def word(hostile: tuple[LetterDocument, bytes]) -> WordDocument:
    return probes.open_docx(hostile[1])


def test_docx_has_the_same_words_as_the_pdf_in_the_same_order(
    hostile: tuple[LetterDocument, bytes], word: WordDocument
) -> None:
    document = hostile[0]
    pdf = io.BytesIO()
    write_pdf(document, pdf)
    pdf_words = probes.pdf_body_words(pdf.getvalue(), document.header.text())
    letterhead = document.letterhead
    docx_words = " ".join(
        [letterhead.practice_name, letterhead.address, contact_line(letterhead)]
        + [text for _, text in probes.docx_body_paragraphs(word)]
    ).split()
    assert probes.word_counts(pdf_words) == probes.word_counts(docx_words)
    assert list(probes.word_counts(pdf_words)) == list(probes.word_counts(docx_words))


def test_hostile_name_is_text_not_markup(
    hostile: tuple[LetterDocument, bytes], word: WordDocument
) -> None:
    texts = [text for _, text in probes.docx_body_paragraphs(word)]
    assert HOSTILE_NAME in texts  # the reference table cell, verbatim
    assert any(HOSTILE_NAME in text for text in texts if text.startswith("I am writing"))
    assert b"&lt;b&gt;Ng&amp;amp;uy" in _document_xml(hostile[1])


def _document_xml(data: bytes) -> bytes:
    import zipfile

    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return archive.read("word/document.xml")


def test_letter_uses_real_word_styles(word: WordDocument) -> None:
    used = {style for style, _ in probes.docx_body_paragraphs(word)}
    assert {"Normal", "Heading 1", "Heading 2", "List Bullet", "List Number", "Quote",
            "Banner", "Subject Line", "Address Block", "Closing", "Small Print"} <= used
    grid_styles = {table.style.name for table in word.tables if table.style is not None}
    assert {"Letter Table", "Letter Details"} <= grid_styles
    banner = word.styles["Banner"]
    assert banner.font.bold and banner.element.pPr.find(qn("w:pBdr")) is not None


def test_headings_keep_with_next_and_every_style_controls_widows(word: WordDocument) -> None:
    for name in ("Heading 1", "Heading 2", "Closing"):
        assert word.styles[name].paragraph_format.keep_with_next is True
    assert word.styles["Normal"].paragraph_format.widow_control is True
    for name in ("Normal", "Heading 1", "Quote", "List Bullet", "Reference Item"):
        spacing = word.styles[name].element.pPr.find(qn("w:spacing"))
        assert spacing.get(qn("w:lineRule")) == "exact"  # the PDF's line heights


def test_grid_table_has_light_rules_like_the_pdf(word: WordDocument) -> None:
    style = word.styles["Letter Table"].element
    borders = style.find(qn("w:tblPr")).find(qn("w:tblBorders"))
    for side in borders:
        assert side.get(qn("w:sz")) == "4"  # half a point
        assert side.get(qn("w:color")) == "8C99AA"  # grey-blue, not black
    first_row = style.find(qn("w:tblStylePr"))
    assert first_row.get(qn("w:type")) == "firstRow"


def test_body_font_is_embedded_so_every_machine_shows_the_pdfs_font(
    hostile: tuple[LetterDocument, bytes],
) -> None:
    import zipfile

    from desktop_app.export.docx_fonts import FACES, font_key_bytes

    with zipfile.ZipFile(io.BytesIO(hostile[1])) as archive:
        fonts = sorted(n for n in archive.namelist() if n.startswith("word/fonts/"))
        table = archive.read("word/fontTable.xml").decode()
        settings = archive.read("word/settings.xml").decode()
        first = archive.read(fonts[0])
    assert len(fonts) == 4
    assert 'w:name="DejaVu Sans"' in table and table.count("w:fontKey=") == 4
    assert "<w:embedTrueTypeFonts/>" in settings
    # De-obfuscated, the part is the bundled TrueType file (its first bytes: version 1.0).
    key = font_key_bytes(FACES[0].key) * 2
    assert bytes(a ^ b for a, b in zip(first[:32], key, strict=True))[:4] == b"\x00\x01\x00\x00"


def test_numbered_lists_each_start_at_one(word: WordDocument) -> None:
    num_ids = {
        paragraph._p.pPr.numPr.numId.val
        for paragraph in word.paragraphs
        if paragraph.style.name in ("List Number", "Reference Item")
    }
    assert len(num_ids) == 2  # "Requested action" and the references restart separately


def test_letterhead_on_page_one_and_patient_line_on_every_page(
    hostile: tuple[LetterDocument, bytes], word: WordDocument
) -> None:
    document = hostile[0]
    section = word.sections[0]
    assert section.different_first_page_header_footer
    first = section.first_page_header
    first_text = [cell.text for table in first.tables for cell in table.rows[0].cells]
    assert document.letterhead.practice_name in " ".join(first_text)
    # As in the PDF: the patient line on top, then the letterhead and its navy rule.
    assert first.paragraphs[0].text == document.header.text()
    assert first.paragraphs[-1].style.name == "Letterhead Rule"
    rule = first.paragraphs[-1].style.element.pPr.find(qn("w:pBdr")).find(qn("w:bottom"))
    assert rule.get(qn("w:color")) == "1F3A5F"
    assert [p.text for p in section.header.paragraphs] == [document.header.text()]
    assert document.letterhead.practice_name not in section.header._element.xml
    assert len(first.part.related_parts) >= 1  # the logo


@pytest.mark.parametrize("which", ["first_page_footer", "footer"])
def test_footers_say_page_n_of_n_with_fields(word: WordDocument, which: str) -> None:
    footer = getattr(word.sections[0], which)
    xml = footer._element.xml
    assert xml.count('w:fldCharType="begin"') == 2
    instructions = [node.text.strip() for node in footer._element.iter(qn("w:instrText"))]
    assert instructions == ["PAGE", "NUMPAGES"]
    assert footer.paragraphs[0].text == "Page 1 of 1"  # placeholders until Word updates


def test_page_is_us_letter_with_one_inch_margins(word: WordDocument) -> None:
    section = word.sections[0]
    assert (section.page_width.inches, section.page_height.inches) == (8.5, 11)
    assert {section.left_margin.inches, section.right_margin.inches,
            section.top_margin.inches, section.bottom_margin.inches} == {1.0}


def test_core_properties_come_from_document_info(
    hostile: tuple[LetterDocument, bytes], word: WordDocument
) -> None:
    info, properties = hostile[0].info, word.core_properties
    assert (properties.title, properties.subject, properties.author, properties.keywords) == (
        info.title, info.subject, info.author, info.keywords)
    assert (properties.identifier, properties.version) == ("appeal", "1.0")
    assert "python-docx" not in properties.comments


def test_cjk_runs_name_an_east_asian_font() -> None:
    word = probes.open_docx(_docx(sample_letter(CJK_NAME)))
    cjk_runs = [run for p in word.paragraphs for run in p.runs if "李" in run.text]
    assert cjk_runs
    for run in cjk_runs:
        assert run._r.rPr.rFonts.get(qn("w:eastAsia"))


def test_long_table_repeats_its_header_row_and_keeps_rows_whole() -> None:
    word = probes.open_docx(_docx(long_table_letter(40)))
    rows = word.tables[0].rows
    assert rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    assert all(row._tr.trPr.find(qn("w:cantSplit")) is not None for row in rows)


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_libreoffice_renders_page_numbers_and_patient_line(
    hostile: tuple[LetterDocument, bytes], tmp_path: Path
) -> None:
    source = tmp_path / "letter.docx"
    source.write_bytes(hostile[1])
    subprocess.run(
        ["soffice", f"-env:UserInstallation=file://{tmp_path}/profile", "--headless",
         "--convert-to", "pdf", "--outdir", str(tmp_path), str(source)],
        check=True, capture_output=True, timeout=120,
    )
    pages = probes.pdf_pages((tmp_path / "letter.pdf").read_bytes())
    header = probes.normalize(hostile[0].header.text())
    assert len(pages) >= 2
    for number, page in enumerate(pages, 1):
        text = probes.normalize(page)
        assert text.endswith(f"Page {number} of {len(pages)}")
        assert header in text
