"""Rendering cases with the built-in templates: content a reviewer needs, and typed text kept."""

from __future__ import annotations

import datetime as dt

import pytest

from desktop_app.letters.document import Heading, Paragraph, References, SignatureBlock, Table
from desktop_app.letters.render import render_document
from desktop_app.letters.samples import full_case, minimal_case
from desktop_app.letters.templates import get_template
from desktop_app.rules import deadlines, justification
from desktop_app.rules.deadlines import AppealDeadline
from desktop_app.rules.justification import Justification
from desktop_app.storage.settings import PracticeLetterhead, PracticeSettings

BUILT_INS = ("offlabel-preauth", "offlabel-appeal", "fax-cover")


def _kind(template_id: str) -> str:
    return "appeal" if template_id == "offlabel-appeal" else "preauth"


@pytest.mark.parametrize("template_id", BUILT_INS)
def test_full_case_renders_every_detail_the_reviewer_needs(template_id: str) -> None:
    case = full_case(_kind(template_id))
    text = render_document(case, get_template(template_id), settings=PracticeSettings())
    plain = text.plain_text()
    for expected in ("Jordan Sample", "March 4, 1961", "NWH-0042-7781", "bevacizumab (Avastin)"):
        assert expected in plain
    if template_id != "fax-cover":
        for expected in (
            "1EG4-TE5-MK73",
            "J9035",
            "50242-0060-01",
            "C56.1",
            "1234567893",
            "12-3456789",
            "Pathology report",
            "FIGO IIIC",
            "Carboplatin and paclitaxel",
            "ECOG performance status: 1",
            "I attest",
        ):
            assert expected in plain, expected
        assert any(isinstance(b, SignatureBlock) for b in text.blocks)
        assert any(isinstance(b, References) and len(b.items) == 4 for b in text.blocks)


@pytest.mark.parametrize("template_id", BUILT_INS)
def test_minimal_case_renders_without_optional_fields(template_id: str) -> None:
    case = minimal_case(_kind(template_id))
    document = render_document(case, get_template(template_id), settings=PracticeSettings())
    plain = document.plain_text()
    assert "Pat Doe" in plain
    assert "None" not in plain  # an empty optional value never prints as "None"
    assert "References" not in plain  # no evidence, no empty reference list


def test_appeal_quotes_denial_and_asks_for_peer_to_peer() -> None:
    case = full_case("appeal")
    plain = render_document(case, get_template("offlabel-appeal"), settings=PracticeSettings())
    blocks = plain.blocks
    quote = [b for b in blocks if isinstance(b, Paragraph) and b.style == "quote"]
    assert quote and "Not medically necessary: dose not supported." in quote[0].runs[0].text
    first = blocks[0]
    assert isinstance(first, Paragraph) and first.style == "banner"  # expedited banner first
    text = plain.plain_text()
    assert "EXPEDITED APPEAL" in text
    assert "rapidly rising CA-125" in text  # the physician's urgency statement
    assert "November 20, 2026" in text and "AUTH-2026-55121" in text
    assert "Redetermination by the Medicare Administrative Contractor (MAC)" in text
    assert "Attn: Redeterminations" in text  # 42 CFR 405.940: the MAC decides, not a QIC
    assert "peer-to-peer review" in text
    assert "$18,250.00" in text


def test_non_expedited_appeal_has_no_banner() -> None:
    case = full_case("appeal")
    case.letter.expedited = False
    document = render_document(case, get_template("offlabel-appeal"), settings=PracticeSettings())
    assert not any(isinstance(b, Paragraph) and b.style == "banner" for b in document.blocks)
    assert "EXPEDITED" not in document.plain_text()


def test_fax_cover_shows_pages_and_confidentiality_notice() -> None:
    case = full_case("preauth")
    template = get_template("fax-cover")
    plain = render_document(case, template, settings=PracticeSettings(), page_count=7).plain_text()
    assert "Pages (including cover) | 7" in plain
    assert "(206) 555-0121" in plain  # the payer's fax
    assert "CONFIDENTIALITY NOTICE" in plain and "HIPAA" in plain
    default = render_document(case, template, settings=PracticeSettings()).plain_text()
    assert "Pages (including cover) | see attached" in default
    assert template.required_fields == ("payer.fax",)


def test_running_header_letterhead_and_metadata() -> None:
    settings = PracticeSettings(letterhead=PracticeLetterhead(name="Harbor Oncology", fax="1"))
    case = full_case("preauth")
    document = render_document(case, get_template("offlabel-preauth"), settings=settings)
    assert document.letterhead.practice_name == "Harbor Oncology"
    assert document.header.text() == (
        "Patient: Jordan Sample   DOB: 03/04/1961   Member ID: NWH-0042-7781"
    )
    assert document.info.title == "Prior authorization request"
    assert "Jordan" not in document.info.title + document.info.subject
    assert (document.info.template_id, document.info.template_version) == (
        "offlabel-preauth",
        "1.2.2",
    )


@pytest.mark.parametrize(("plan", "member_id", "shown"), [
    # Medicare Part B: the member ID is the MBI; every page shows it as the card does.
    ("medicare_part_b", "1EG4TE5MK73", "MBI: 1EG4-TE5-MK73"),
    ("medicare_part_b", "1eg4-te5-mk73", "MBI: 1EG4-TE5-MK73"),
    # A Medicare Advantage plan's own member number is not the MBI: printed as it is.
    ("medicare_advantage", "SMA-55012", "Member ID: SMA-55012"),
    ("commercial_fully_insured", "1EG4TE5MK73", "Member ID: 1EG4TE5MK73"),
])
def test_each_page_names_the_medicare_number_in_one_spelling(
    plan: str, member_id: str, shown: str
) -> None:
    case = full_case("preauth")
    case = case.model_copy(update={
        "payer": case.payer.model_copy(update={"plan_type": plan, "member_id": member_id}),
        "patient": case.patient.model_copy(update={"mbi": "1EG4-TE5-MK73"})})
    document = render_document(case, get_template("offlabel-preauth"),
                               settings=PracticeSettings())
    assert document.header.text().endswith(shown)


def test_letterhead_falls_back_to_the_prescribers_practice() -> None:
    document = render_document(
        full_case("preauth"), get_template("offlabel-preauth"), settings=PracticeSettings()
    )
    assert document.letterhead.practice_name == "Riverside Oncology Associates"
    assert document.letterhead.fax == "(206) 555-0141"


def test_reference_block_is_a_reference_table() -> None:
    document = render_document(
        full_case("preauth"), get_template("offlabel-preauth"), settings=PracticeSettings()
    )
    table = next(b for b in document.blocks if isinstance(b, Table))
    assert table.style == "reference" and not table.header
    assert table.rows[0][0][0].bold and table.rows[0][1][0].text == "Jordan Sample"


def test_renders_while_the_rules_are_not_written_yet(monkeypatch: pytest.MonkeyPatch) -> None:
    def not_yet(case: object) -> None:
        raise NotImplementedError

    monkeypatch.setattr(justification, "justify", not_yet)
    monkeypatch.setattr(deadlines, "appeal_deadline", not_yet)
    document = render_document(
        full_case("appeal"), get_template("offlabel-appeal"), settings=PracticeSettings()
    )
    assert "The plan's coverage standard requires coverage" not in document.plain_text()
    assert "last day to file" not in document.plain_text()


def test_uses_justification_and_deadline_from_the_rules(monkeypatch: pytest.MonkeyPatch) -> None:
    reasoning = Justification("std", True, "Supported by the compendium.", (0,), ("LEGAL-ONE.",))
    deadline = AppealDeadline(dt.date(2027, 1, 5), 38, "RULE-WORDS", "42 CFR 405.942")
    monkeypatch.setattr(justification, "justify", lambda case: reasoning)
    monkeypatch.setattr(deadlines, "appeal_deadline", lambda case: deadline)
    plain = render_document(
        full_case("appeal"), get_template("offlabel-appeal"), settings=PracticeSettings()
    ).plain_text()
    assert "Supported by the compendium." in plain and "LEGAL-ONE." in plain
    assert "the last day to file is January 5, 2027 (RULE-WORDS; 42 CFR 405.942)" in plain


def test_headings_follow_the_letter_outline() -> None:
    document = render_document(
        full_case("preauth"), get_template("offlabel-preauth"), settings=PracticeSettings()
    )
    headings = [b.runs[0].text for b in document.blocks if isinstance(b, Heading)]
    assert headings[:3] == ["Clinical history", "Prior treatment", "Requested treatment"]
    assert headings[-1] == "References"
