"""A letter citing imported records: the references page as the payer reads it."""

from __future__ import annotations

from pathlib import Path

from desktop_app.domain.casefile import load_case
from desktop_app.letters.render import render_document
from desktop_app.letters.templates import template_for_kind
from desktop_app.services.evidence_import import add_to_case, preview_files
from desktop_app.services.render import render_letter
from desktop_app.storage.settings import PracticeSettings
from tests.unit.citations.fixtures import CITATIONS
from tests.unit.export import probes


def test_imported_articles_print_on_the_references_page(examples_dir: Path) -> None:
    case = load_case(examples_dir / "commercial-preauth.json")
    preview = preview_files([CITATIONS / "pubmed-maki-2007.nbib",
                             CITATIONS / "pubmed-porter-2011.nbib",
                             CITATIONS / "endnote-kunz-2023.ris"], case.evidence)
    case, _skipped = add_to_case(case, preview)
    letter = render_letter(case, fmt="pdf", override_reason="golden test of references")
    # A reference may run onto the next page: read the words without the running header.
    header = render_document(case, template_for_kind("preauth"),
                             settings=PracticeSettings()).header.text()
    text = probes.normalize(" ".join(probes.pdf_body_words(letter.data, header)))
    assert "References" in text
    for reference in (
        "Maki RG, Wathen JK, Patel SR, et al. Randomized phase II study of gemcitabine and "
        "docetaxel compared with gemcitabine alone in patients with metastatic soft tissue "
        "sarcomas: results of sarcoma alliance for research through collaboration study 002 "
        "[corrected]. J Clin Oncol. 2007;25(19):2755-2763. doi:10.1200/JCO.2006.10.4117. "
        "PMID: 17602081",
        "Porter DL, Levine BL, Kalos M, Bagg A, June CH. Chimeric antigen receptor-modified T "
        "cells in chronic lymphoid leukemia. N Engl J Med. 2011;365(8):725-733. "
        "doi:10.1056/NEJMoa1103849. PMID: 21830940",
        "Kunz PL, Graham NT, Catalano PJ, et al. Randomized Study of Temozolomide or "
        "Temozolomide and Capecitabine in Patients With Advanced Pancreatic Neuroendocrine "
        "Tumors (ECOG-ACRIN E2211). J Clin Oncol. 2023;41(7):1359-1369. "
        "doi:10.1200/JCO.22.01013. PMID: 36260828",
    ):
        assert probes.normalize(reference) in text
