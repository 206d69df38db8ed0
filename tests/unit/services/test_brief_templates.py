"""The peer-to-peer brief is made from the practice's own copy where an admin saved one."""

from __future__ import annotations

import io

from pypdf import PdfReader

from desktop_app.services.brief import brief_pdf
from desktop_app.services.templates import save_template_text, template_source
from tests.unit.storage.sample import sample_case


def test_an_admins_copy_of_the_brief_is_the_one_printed() -> None:
    text = template_source("peer-to-peer-brief").replace(
        "Practice use only: not for the payer.", "Coastal Oncology: keep in the chart.")
    save_template_text(text)
    pages = PdfReader(io.BytesIO(brief_pdf(sample_case(), invariant=True))).pages
    printed = " ".join(" ".join((page.extract_text() or "").split()) for page in pages)
    assert "Coastal Oncology: keep in the chart." in printed
    assert "not for the payer" not in printed
