"""Reading a denial letter's text: dates, reference, reasons and deadline, and odd input."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop_app.rules import letter_text as lt
from desktop_app.rules.denial_reading import category_of, read_denial


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("Date: November 9, 2026", dt.date(2026, 11, 9)),
        ("Date: Nov. 9, 2026", dt.date(2026, 11, 9)),
        ("Notice date: 11/09/2026", dt.date(2026, 11, 9)),
        ("Notice date: 11-09-26", dt.date(2026, 11, 9)),
        ("Date of this notice: 2026-11-09", dt.date(2026, 11, 9)),
        ("Dated 9 November 2026", dt.date(2026, 11, 9)),
    ],
)
def test_the_notice_date_is_read_as_payers_print_it(text: str, day: dt.date) -> None:
    proposal = read_denial(f"{text}\nReason for denial: not medically necessary.")
    assert proposal.denial_date is not None
    assert proposal.denial_date.value == day


def test_a_birth_date_or_service_date_is_not_the_notice_date() -> None:
    text = "Member DOB: 03/14/1951\nDate of service: 10/02/2026\nLetter date: 10/20/2026\n"
    proposal = read_denial(text + "Reason: experimental.")
    assert proposal.denial_date is not None
    assert proposal.denial_date.value == dt.date(2026, 10, 20)


def test_an_impossible_date_is_skipped() -> None:
    assert [d for d, _m in lt.dates_in("February 30, 2026 and 02/28/2026")] == [
        dt.date(2026, 2, 28)
    ]


def test_words_broken_across_lines_by_a_pdf_are_joined() -> None:
    proposal = read_denial("Reason for denial:\nThe drug is considered investi-\ngational.")
    assert [r.category for r in proposal.reasons] == ["experimental"]
    assert "investigational" in proposal.reasons[0].text


def test_appeal_rights_boilerplate_is_not_a_reason() -> None:
    text = (
        "Date: 11/01/2026\n"
        "If this decision was based on medical necessity or experimental treatment, an "
        "explanation is available free of charge upon request.\n"
    )
    proposal = read_denial(text)
    assert proposal.reasons == ()
    assert any("No stated reason" in note for note in proposal.notes)


def test_without_a_reasons_heading_only_recognized_reasons_are_proposed() -> None:
    text = "Dear Dr. Lee,\nThank you for your request. The requested dose exceeds the plan's " \
           "maximum allowed dose. We hope you are well."
    assert [r.category for r in read_denial(text).reasons] == ["quantity_limit"]


@pytest.mark.parametrize(
    ("words", "category"),
    [
        ("This is considered experimental and investigational.", "experimental"),
        ("Not medically necessary.", "not_medically_necessary"),
        ("The drug is not FDA-approved for this indication.", "not_fda_approved"),
        ("This use is not listed in the compendia.", "not_in_compendia"),
        ("The member must first try a preferred drug.", "step_therapy"),
        ("We did not receive the office notes.", "missing_information"),
        ("The provider is out of network.", "out_of_network"),
        ("The quantity requested exceeds the plan limit.", "quantity_limit"),
        ("The request was received after business hours.", "other"),
    ],
)
def test_each_category_is_recognized_from_common_wording(words: str, category: str) -> None:
    assert category_of(words) == category


def test_a_deadline_in_days_is_dated_from_the_notice_and_a_peer_to_peer_window_is_not() -> None:
    text = (
        "Notice date: November 18, 2026\nReason: not medically necessary.\n"
        "You may request a peer-to-peer discussion within 14 days of this notice, or appeal "
        "within 180 days of the date of this notice."
    )
    proposal = read_denial(text)
    assert proposal.stated_deadline is not None
    assert proposal.stated_deadline.value == dt.date(2027, 5, 17)
    assert any("peer-to-peer request within 14 days" in n for n in proposal.notes)


def test_a_deadline_given_as_a_date_is_read() -> None:
    text = "Date: 11/02/2026\nReason: experimental.\n"
    text += "Your appeal must be received by January 4, 2027."
    proposal = read_denial(text)
    assert proposal.stated_deadline is not None
    assert proposal.stated_deadline.value == dt.date(2027, 1, 4)


@pytest.mark.parametrize("text", ["", "   \n\t", "\x00\x01\x02", "🙂" * 500, "<b>&amp;{{x}}</b>"])
def test_empty_or_strange_text_gives_notes_not_errors(text: str) -> None:
    proposal = read_denial(text)
    assert proposal.notes


def test_a_huge_paste_is_read_in_part_without_hanging() -> None:
    text = "Reason for denial: not medically necessary. " + "word " * 400_000
    proposal = read_denial(text)
    assert proposal.reasons[0].category == "not_medically_necessary"


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=600))
def test_any_text_is_read_without_error_and_reasons_quote_it(text: str) -> None:
    proposal = read_denial(text)
    flat = " ".join(lt.normalize(text).split())
    for reason in proposal.reasons:
        for sentence in lt.sentences(reason.text):
            assert " ".join(sentence.split()) in flat
