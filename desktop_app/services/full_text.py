"""Full-text PDFs of cited articles: which article a dropped PDF belongs to, and its attachment.

Payers ask for the full text of the articles a request cites (the evidence.reference_incomplete
check says so too); the attachment names its article by PMID or DOI, so the link survives
reordering, and the letter lists it under Enclosures.
"""

from __future__ import annotations

import contextlib
import io
import re
from collections.abc import Sequence
from pathlib import Path

from desktop_app import limits
from desktop_app.citations.mapping import article_reference, identity_keys
from desktop_app.domain.case_evidence import Attachment
from desktop_app.export.pdf_page_text import TooMuchToRead, page_texts
from desktop_app.export.signing_quiet import quiet_pdf_libraries

# An article PDF becomes an attachment, so the attachment cap applies (limits.py): a few MB,
# a scanned one rarely 50 MB. Beyond that it is not read.
MAX_PDF_BYTES = limits.ATTACHMENT_FILE_BYTES
_PAGES_READ = 2  # the DOI and PMID are on the first page when they are printed at all
_DOI_IN_TEXT = re.compile(r"\b(10\.\d{4,9}/[^\s\"<>]+)", re.IGNORECASE)
_PMID_IN_TEXT = re.compile(r"\bPMID:?\s*(\d{1,9})\b")


def full_text_title(item: object) -> str:
    """'Maki et al., J Clin Oncol 2007 (full text)', from what the item has."""
    authors = getattr(item, "authors", None) or []
    first = authors[0].split(" ")[0] if authors and isinstance(authors[0], str) else ""
    lead = f"{first} et al." if len(authors) > 1 else first
    journal = getattr(item, "journal_abbreviation", None) or getattr(item, "journal", "") or ""
    year = getattr(item, "year", None)
    parts = [p for p in (lead, " ".join(str(x) for x in (journal, year or "") if x)) if p]
    if not parts:
        title = str(getattr(item, "title", "") or "the cited article")
        parts = [title[:60]]
    return ", ".join(parts) + " (full text)"


def full_text_attachment(item: object, pdf: Path) -> Attachment:
    return Attachment(title=full_text_title(item), path=str(pdf), article=article_reference(item))


def _pdf_identifiers(pdf: Path) -> set[str]:
    """'doi:…' and 'pmid:…' keys printed on the PDF's first pages or in its metadata."""
    try:
        # Read through the cap, not by size: a device or FIFO reports 0 bytes and never ends.
        data = limits.read_bounded(pdf, MAX_PDF_BYTES, what="an article's full text")
        from pypdf import PdfReader

        # pypdf's notes on a damaged file quote it; mute them only while reading, so the
        # setting does not outlive this call and hide repairs logged elsewhere.
        with quiet_pdf_libraries():
            reader = PdfReader(io.BytesIO(data))
            text = " ".join(str(v) for v in (reader.metadata or {}).values())
            with contextlib.suppress(TooMuchToRead):  # the metadata may still say it
                text += " " + " ".join(page_texts(reader, _PAGES_READ, skip_unreadable=True))
    except Exception:  # noqa: BLE001 - a damaged PDF simply matches nothing
        return set()
    keys = {f"doi:{m.rstrip('.,;)').casefold()}" for m in _DOI_IN_TEXT.findall(text)}
    keys |= {f"pmid:{int(m)}" for m in _PMID_IN_TEXT.findall(text)}
    return keys


def match_full_texts(pdfs: Sequence[Path], items: Sequence[object]) -> dict[int, Path]:
    """Which item (by index) each PDF is the full text of. One PDF dropped with one article
    belongs to it; otherwise a PDF goes to the article whose DOI or PMID it prints, and a PDF
    that matches none or several is left for staff to attach by hand."""
    articles = [i for i, item in enumerate(items) if getattr(item, "type", "") == "article"]
    if len(pdfs) == 1 and len(articles) == 1:
        return {articles[0]: Path(pdfs[0])}
    links: dict[int, Path] = {}
    for pdf in pdfs:
        printed = _pdf_identifiers(Path(pdf))
        hits = [i for i in articles if identity_keys(items[i]) & printed and i not in links]
        if len(hits) == 1:
            links[hits[0]] = Path(pdf)
    return links
