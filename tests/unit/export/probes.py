"""Read exported letters back (poppler's pdftotext/pdffonts, pypdf, python-docx) for the tests."""

from __future__ import annotations

import html
import io
import re
import subprocess
import tempfile
from collections import Counter

import docx
from docx.document import Document as WordDocument


def normalize(text: str) -> str:
    """Whitespace collapsed, so line wrapping and no-break spaces do not matter."""
    return " ".join(text.split())


def _poppler(tool: str, data: bytes, *args: str) -> str:
    # pdffonts needs a file it can seek in, so every tool reads a temporary copy.
    with tempfile.NamedTemporaryFile(suffix=".pdf") as handle:
        handle.write(data)
        handle.flush()
        output = [] if tool == "pdffonts" else ["-"]
        result = subprocess.run(
            [tool, *args, handle.name, *output], capture_output=True, check=True, timeout=30
        )
    return result.stdout.decode("utf-8")


def pdf_pages(data: bytes) -> list[str]:
    """Each page's text, as a payer's reviewer would copy it."""
    text = _poppler("pdftotext", data, "-enc", "UTF-8")
    return text.split("\f")[:-1]


def pdf_fonts(data: bytes) -> dict[str, bool]:
    """Font name (subset prefix dropped) -> embedded, from pdffonts' table."""
    lines = _poppler("pdffonts", data).splitlines()
    columns = [match.span() for match in re.finditer(r"-+", lines[1])]
    fonts = {}
    for line in lines[2:]:
        cells = [line[start:end].strip() for start, end in columns]
        fonts[cells[0].split("+")[-1]] = cells[3] == "yes"
    return fonts


def pdf_body_words(data: bytes, header: str) -> list[str]:
    """The words of every page without the running header and the "Page n of N" footer."""
    words: list[str] = []
    header_words = normalize(header)
    for page in pdf_pages(data):
        text = normalize(page).replace(header_words, " ")
        text = re.sub(r"Page \d+ of \d+", " ", text)
        words.extend(text.split())
    return words


def word_counts(words: list[str]) -> Counter[str]:
    """Words without list bullets and list numbers, which Word draws itself.

    Hyphens are left out: a line may break after the hyphen of "peer-to-peer", and pdftotext
    joins the two halves as "peer-topeer".
    """
    return Counter(
        w.replace("-", "") for w in words if w != "\u2022" and not re.fullmatch(r"\d+\.", w)
    )


def open_docx(data: bytes) -> WordDocument:
    return docx.Document(io.BytesIO(data))


def docx_body_paragraphs(word: WordDocument) -> list[tuple[str, str]]:
    """(style name, text) of every body paragraph, table cells included, in reading order."""
    found: list[tuple[str, str]] = []
    for element in word.element.body.iterchildren():
        tag = element.tag.rsplit("}", 1)[-1]
        if tag == "p":
            paragraph = docx.text.paragraph.Paragraph(element, word)
            found.append((paragraph.style.name if paragraph.style else "", paragraph.text))
        elif tag == "tbl":
            table = docx.table.Table(element, word)
            for row in table.rows:
                for cell in row.cells:
                    for paragraph in cell.paragraphs:
                        found.append(("cell", paragraph.text))
    return found


def pdf_word_boxes(data: bytes) -> list[tuple[str, float, float, float]]:
    """Every word of the first page with where pdftotext found it: (word, left, right, top),
    in points from the page's top left corner, in reading order."""
    page = _poppler("pdftotext", data, "-bbox", "-f", "1", "-l", "1")
    found = re.findall(
        r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)</word>',
        page,
    )
    return [(html.unescape(word), float(x0), float(x1), float(y0)) for x0, y0, x1, word in found]
