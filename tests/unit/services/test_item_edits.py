"""An item edited through its form keeps what the form does not show (services/item_edits)."""

from __future__ import annotations

import pytest

from desktop_app.domain.case_evidence import ArticleEvidence
from desktop_app.domain.case_treatment import PriorTherapy
from desktop_app.domain.fields import field_names
from desktop_app.services.item_edits import keep_unshown_fields

pytestmark = pytest.mark.no_database

IMPORTED = ArticleEvidence(
    title="Pembrolizumab in NSCLC", journal="N Engl J Med", year=2016, pmid="27718847",
    pmcid="PMC5000000", publication_types=["Randomized Controlled Trial"],
    journal_abbreviation="N Engl J Med",
)
# The evidence form's inputs: no PMCID, publication types or journal abbreviation.
SHOWN = ("title", "authors", "journal", "year", "volume", "issue", "pages", "pmid", "doi",
         "design")


def test_an_edit_keeps_what_the_form_does_not_show() -> None:
    as_read = ArticleEvidence(title="Pembrolizumab in NSCLC (KEYNOTE-024)",
                              journal="N Engl J Med", year=2016, pmid="27718847")
    kept = keep_unshown_fields(IMPORTED, as_read, SHOWN)
    assert kept.title == "Pembrolizumab in NSCLC (KEYNOTE-024)"  # the edit
    assert kept.pmcid == "PMC5000000"
    assert kept.publication_types == ["Randomized Controlled Trial"]
    assert kept.journal_abbreviation == "N Engl J Med"
    assert IMPORTED.title == "Pembrolizumab in NSCLC"  # the item as it was is left alone


def test_a_shown_field_cleared_stays_cleared() -> None:
    kept = keep_unshown_fields(IMPORTED, ArticleEvidence(title="Pembrolizumab in NSCLC"), SHOWN)
    assert kept.pmid is None and kept.year is None
    assert kept.pmcid == "PMC5000000"


def test_a_field_inside_a_shown_one_shows_the_whole_of_it() -> None:
    old = PriorTherapy(regimen="carboplatin + pemetrexed", reason_stopped="progression")
    kept = keep_unshown_fields(old, PriorTherapy(regimen="carboplatin"),
                               ("regimen", "reason_stopped.text"))
    assert kept.regimen == "carboplatin"
    assert kept.reason_stopped == ""  # shown, and emptied by the edit


def test_a_form_that_shows_every_field_gives_the_item_as_read() -> None:
    as_read = ArticleEvidence(title="b")
    assert keep_unshown_fields(IMPORTED, as_read, field_names(ArticleEvidence)) is as_read
