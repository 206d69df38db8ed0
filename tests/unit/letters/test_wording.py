"""Free text inside the letter's fixed phrases reads right, ratings print once, US spelling."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop_app.domain.case_evidence import CompendiumEvidence
from desktop_app.domain.casefile import load_case
from desktop_app.letters.citations import listing_without_rating
from desktop_app.letters.evidence_wording import evidence_sentence
from desktop_app.letters.regimen_wording import regimen_sentence
from desktop_app.letters.render import render_document
from desktop_app.letters.samples import full_case
from desktop_app.letters.templates import get_template, template_for_kind
from desktop_app.rules.engine import RuleContext, run_rules
from desktop_app.rules.wording import in_sentence
from desktop_app.storage.settings import PracticeSettings

EXAMPLES = Path(__file__).resolve().parents[3] / "examples"
BRITISH = re.compile(
    r"\b(recognis\w*|labelled|unlabelled|organis\w*|behaviour\w*|colour\w*|favour\w*|"
    r"centre|programme|licence|judgement|analys(e|ed|ing)|randomis\w*|haemat\w*|tumour\w*)\b",
    re.IGNORECASE,
)


def _with_drug(**changes: object) -> object:
    case = full_case("preauth")
    return case.model_copy(update={"drug": case.drug.model_copy(update=changes)})


def test_monotherapy_in_combined_with_never_reads_in_combination_with_monotherapy() -> None:
    for word in ("monotherapy", "Monotherapy.", "none", "N/A", "single agent"):
        sentence = regimen_sentence(_with_drug(combination_with=[word]))
        assert "in combination with" not in sentence, sentence
    both = regimen_sentence(_with_drug(combination_with=["monotherapy", "carboplatin"]))
    assert both.endswith("in combination with carboplatin")


def test_a_duration_typed_with_a_capital_reads_mid_sentence() -> None:
    sentence = regimen_sentence(_with_drug(duration="Until progression or toxicity."))
    assert "(planned duration: until progression or toxicity)" in sentence
    kept = regimen_sentence(_with_drug(duration="AUC-guided, 6 cycles"))
    assert "(planned duration: AUC-guided, 6 cycles)" in kept  # capitals of a code stay
    doubled = regimen_sentence(_with_drug(duration="Duration: 6 months"))
    assert "(planned duration: 6 months)" in doubled


@given(st.text(max_size=40))
@settings(max_examples=150, deadline=None)
def test_in_sentence_never_adds_text_or_raises(text: str) -> None:
    shown = in_sentence(text)
    assert len(shown) <= len(text)
    assert shown[1:] in text or not shown  # only the first letter may change (its case)


@pytest.mark.parametrize("listing", [
    "Gemcitabine and docetaxel, subsequent-line therapy (category 2A)",
    "Category 2A: Gemcitabine and docetaxel, subsequent-line therapy",
    "Gemcitabine and docetaxel, subsequent-line therapy — NCCN category 2A.",
])
def test_a_rating_copied_into_the_listing_prints_once(listing: str) -> None:
    item = CompendiumEvidence(compendium="NCCN", rating="2A", listing=listing)
    sentence = evidence_sentence(item)
    assert sentence.lower().count("2a") == 1, sentence
    assert "Gemcitabine and docetaxel, subsequent-line therapy" in sentence
    assert listing_without_rating(item) == "Gemcitabine and docetaxel, subsequent-line therapy"


def test_a_listing_that_only_mentions_a_rating_elsewhere_is_kept() -> None:
    item = CompendiumEvidence(compendium="NCCN", rating="2A", listing="For 2A-positive disease")
    assert listing_without_rating(item) == "For 2A-positive disease"


def test_the_checklist_says_where_free_text_reads_oddly() -> None:
    case = _with_drug(combination_with=["monotherapy"], duration="Planned duration: 6 months",
                      frequency="every 21 days.")
    findings = [f for f in run_rules(RuleContext(case=case)) if f.code == "wording.reads_oddly"]
    fields = {f.field for f in findings}
    assert fields == {"drug.combination_with.0", "drug.duration", "drug.frequency"}
    assert any("in combination with monotherapy" in f.message for f in findings)


def test_plain_free_text_raises_no_wording_finding() -> None:
    findings = run_rules(RuleContext(case=full_case("preauth")))
    assert not [f for f in findings if f.code == "wording.reads_oddly"]


@pytest.mark.parametrize("path", sorted(EXAMPLES.glob("*.json")), ids=lambda p: p.stem)
def test_letters_use_us_spelling(path: Path) -> None:
    try:
        case = load_case(path)
    except Exception:  # noqa: BLE001 - hostile examples are not cases
        pytest.skip("not a loadable case")
    template = template_for_kind(case.letter.kind or "preauth")
    text = render_document(case, template, settings=PracticeSettings()).plain_text()
    for item in case.evidence:  # titles are cited as the journal printed them
        text = text.replace(" ".join((getattr(item, "title", None) or "").split()), "")
    assert not BRITISH.findall(text), BRITISH.findall(text)


def test_the_medicare_number_prints_once_when_it_is_the_member_id() -> None:
    case = load_case(EXAMPLES / "medicare-part-b-preauth.json")
    text = render_document(case, get_template("offlabel-preauth"),
                           settings=PracticeSettings()).plain_text()
    assert "Medicare ID (MBI)" in text
    body = text.split("Medicare ID (MBI)", 1)[0]
    assert "Member ID\t" not in body and "Member ID 1EG4" not in body
    different = case.model_copy(update={
        "payer": case.payer.model_copy(update={"member_id": "XJQ123456"})
    })
    both = render_document(different, get_template("offlabel-preauth"),
                           settings=PracticeSettings()).plain_text()
    assert "XJQ123456" in both and "1EG4-TE5-MK73" in both


def test_stage_typed_with_its_word_is_not_stage_stage() -> None:
    case = full_case("preauth")
    case = case.model_copy(update={
        "diagnosis": case.diagnosis.model_copy(update={"stage": "Stage IV (lung metastases)"})
    })
    text = render_document(case, get_template("offlabel-preauth"),
                           settings=PracticeSettings()).plain_text()
    assert "Stage IV (lung metastases)." in text
    assert "Stage: Stage" not in text
